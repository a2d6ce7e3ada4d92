"""Whom each outlet quotes: for every outlet, its most-quoted speakers with their counts and their share of
the outlet's quotes (utterances: a direct quote inside reported speech counts once, with its parent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..store.summaries import SPEAKER_KEY, summary_current
from .filters import NO_FILTERS, Filters, SpeakerType
from .queries import filter_conditions

if TYPE_CHECKING:
    from ..store.connect import Corpus


def sources(db: Corpus, top: int = 10, filters: Filters = NO_FILTERS) -> list[dict]:
    """Rows of outlet, speaker, speaker_type, quotes, share (of the outlet's attributed quotes), rank.
    Without filters the counts come from the summary the store keeps, while it is current."""
    if filters == NO_FILTERS and summary_current(db):
        counted, params = (
            """
        select s.outlet, coalesce(e.name, s.parent_speaker) as speaker, e.type, s.quotes
        from speaker_outlet_counts s left join entities e on e.id = s.speaker_id where s.quotes > 0""",
            [],
        )
    else:
        where, params = filter_conditions(db, filters, None)
        counted = f"""
        select coalesce(a.outlet, '(unknown)') as outlet, coalesce(e.name, min(q.speaker)) as speaker, e.type,
               count(*) as quotes
        from quotes q join articles a on a.id = q.article_id left join entities e on e.id = q.speaker_id
        where q.speaker is not null and q.parent_id is null{"".join(" and " + c for c in where)}
        group by 1, {SPEAKER_KEY}"""
    sql = f"""
    with counted as ({counted}), ranked as (
        select *, rank() over (partition by outlet order by quotes desc) as rank,
               sum(quotes) over (partition by outlet) as total
        from counted
    )
    select outlet, speaker, type, quotes, round(1.0 * quotes / total, 3) as share, rank
    from ranked where rank <= ? order by outlet, rank, speaker"""
    return [
        {"outlet": outlet, "speaker": speaker, "speaker_type": SpeakerType.of(type_).value, "quotes": quotes,
         "share": share, "rank": rank}
        for outlet, speaker, type_, quotes, share, rank in db.execute(sql, [*params, top])
    ]  # fmt: skip
