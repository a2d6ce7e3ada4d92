"""The per speaker and outlet summary of the quotes, and whether it is current."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .connect import Corpus

# What the quotes table holds per speaker and outlet: the live aggregate `speakers` and `sources` would run
# over a million quotes, kept as a summary. `unnamed:` keys fold an unnamed speaker's case and article.
SPEAKER_KEY = """coalesce(q.speaker_id, 'unnamed:' || case when lower(q.speaker) like 'the %' then substr(lower(q.speaker), 5)
    when lower(q.speaker) like 'an %' then substr(lower(q.speaker), 4)
    when lower(q.speaker) like 'a %' then substr(lower(q.speaker), 3) else lower(q.speaker) end)"""
# Each utterance (a quote in no other) is of one kind: direct, indirect, or mixed, reported speech that
# quotes some of its words (`said the timing was "highly suspicious"`); the kinds add up to the quotes.
DIRECT_ALONE = "q.kind = 'direct' and q.parent_id is null"
MIXED = "q.kind = 'indirect' and exists (select 1 from quotes c where c.parent_id = q.id)"
_SUMMARY_SQL = f"""
insert into speaker_outlet_counts (speaker_key, outlet, speaker_id, speaker, quotes, direct, indirect, articles,
    confidence_sum, confidence_n, parent_speaker, direct_alone, mixed)
select {SPEAKER_KEY}, coalesce(a.outlet, '(unknown)'), q.speaker_id, min(q.speaker), sum(q.parent_id is null),
       sum(q.kind = 'direct'), sum(q.kind = 'indirect'), count(distinct q.article_id), sum(q.confidence),
       count(q.confidence), min(case when q.parent_id is null then q.speaker end), sum({DIRECT_ALONE}), sum({MIXED})
from quotes q not indexed join articles a on a.id = q.article_id
where q.speaker is not null
group by 1, 2"""


def summary_current(db: Corpus) -> bool:
    """Whether the speaker summary describes the quotes as they are now."""
    row = db.execute(
        """select s.version = v.version from summary_state s join corpus_version v on v.name = 'quotes'
           where s.name = 'speaker_outlet_counts'"""
    ).fetchone()
    return bool(row and row[0])


def refresh_summaries(db: Corpus) -> None:
    """Rebuild the speaker summary if the quotes changed since it was built (after an ingest or a curation)."""
    if not summary_current(db):
        with db.conn:
            rebuild_summary(db)


def rebuild_summary(db: Corpus) -> None:
    db.execute("delete from speaker_outlet_counts")
    db.execute(_SUMMARY_SQL)
    db.execute(
        """insert or replace into summary_state
           select 'speaker_outlet_counts', version from corpus_version where name = 'quotes'"""
    )
