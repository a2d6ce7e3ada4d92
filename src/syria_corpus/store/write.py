"""Writing one article. Each is written in one transaction, so an interrupted ingest leaves every stored
article whole; ids are stable hashes, so writing the same article again changes nothing."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..dates import day_of, precision_of
from ..names import fold
from ..records import Analysis, Document, Page, Quote
from .lookup import known_aliases
from .schema import EVENT_COLUMNS

if TYPE_CHECKING:
    import sqlite_utils

    from .linking import Linker


def _parents(aid: str, quotes: list[Quote]) -> dict[int, str]:
    """For each direct quote inside a reported-speech quote (`said the timing was "highly suspicious"`),
    the id of the innermost one holding it: one utterance, not two."""
    out = {}
    for n, q in enumerate(quotes):
        holders = [p for p in quotes if p.kind == "indirect" and p.start <= q.start and q.end <= p.end]
        if q.kind == "direct" and holders:
            p = max(holders, key=lambda p: p.start)
            out[n] = _row_id(aid, p.kind, p.start, p.end)
    return out


def _unattributed(q: Quote) -> Quote:
    return replace(q, speaker=q.speaker_mention, speaker_key=None, speaker_role=None, confidence=0.05)


def rename_entity(db: sqlite_utils.Database, entity_id: str, name: str) -> None:
    """A new canonical name on the entity and on its quotes; the old name stays an alias."""
    old = db.execute("select name from entities where id = ?", [entity_id]).fetchone()
    db.execute("update entities set name = ? where id = ?", [name, entity_id])
    db.execute("update quotes set speaker = ? where speaker_id = ?", [name, entity_id])
    db.execute("update events set place = ? where place_id = ?", [name, entity_id])
    db.execute("delete from aliases where entity_id = ? and alias = ?", [entity_id, name])
    if old and old[0] != name:
        db.execute("insert or ignore into aliases (entity_id, alias) values (?, ?)", [entity_id, old[0]])


def article_id(sha256: str) -> str:
    return sha256[:16]


def _row_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def has_article(db: sqlite_utils.Database, sha256: str) -> bool:
    return db.execute("select 1 from articles where id = ?", [article_id(sha256)]).fetchone() is not None


def superseded(db: sqlite_utils.Database, doc: Document) -> list[tuple[str, str]]:
    """Earlier versions of this document from its source, as (article id, ingested_at): writing it
    deletes them, so an edited file or row is stored once."""
    if doc.source is None:
        return []
    return db.execute(
        "select id, ingested_at from articles where source = ? and id != ?", [doc.source, article_id(doc.sha256)]
    ).fetchall()


@dataclass
class Provenance:
    ingested_at: str
    tool_version: str
    model: str
    model_version: str


def write_article(
    db: sqlite_utils.Database,
    doc: Document,
    page: Page,
    analysis: Analysis,
    prov: Provenance,
    path: str,
    linker: Linker | None = None,
) -> str:
    """Replace one article and everything extracted from it, and any earlier version from the same
    source, in one transaction. Entities are linked to the corpus's entities first, so mentions and
    quotes point at one row per real entity."""
    from .. import gazetteer
    from .linking import Linker, links_across

    aid = article_id(doc.sha256)
    linker = linker or Linker(db)
    cur = linker.curation
    ids = {e.key: linker.link(e, aid) for e in analysis.entities}
    gone = {k for k, i in ids.items() if i in cur.deleted}  # entities the user deleted stay deleted
    analysis = Analysis(
        entities=[e for e in analysis.entities if e.key not in gone],
        mentions=[m for m in analysis.mentions if m.entity_key not in gone],
        quotes=[_unattributed(q) if q.speaker_key in gone else q for q in analysis.quotes],
        primary_place=None if analysis.primary_place in gone else analysis.primary_place,
        # an event keeps the words of an actor or a claimant the user deleted, not a link to the gone entity
        events=[
            replace(
                ev,
                place_key=None if ev.place_key in gone else ev.place_key,
                actor_key=None if ev.actor_key in gone else ev.actor_key,
                claimant_key=None if ev.claimant_key in gone else ev.claimant_key,
            )
            for ev in analysis.events
        ],
    )
    names = {e.key: linker.name_of(ids[e.key], e.name) for e in analysis.entities}
    primary = next((e for e in analysis.entities if e.key == analysis.primary_place), None)
    article = {
        "id": aid,
        "path": path,
        "source": doc.source,
        "sha256": doc.sha256,
        "external_id": doc.external_id,
        "url": doc.url,
        "author": doc.author,
        "outlet": page.outlet,
        "published": page.published,
        "published_precision": precision_of(page.published),
        "date": day_of(page.published),
        "title": page.title,
        "body": page.body,
        "tags": json.dumps(page.tags, ensure_ascii=False),
        "related_headlines": json.dumps(page.related_headlines, ensure_ascii=False),
        "furniture": json.dumps(page.furniture, ensure_ascii=False),
        "encoding": doc.encoding,
        "ingested_at": prov.ingested_at,
        "tool_version": prov.tool_version,
        "model": prov.model,
        "model_version": prov.model_version,
        "primary_place": names[primary.key] if primary else None,
        "primary_governorate": primary.governorate if primary else None,
    }
    body_counts = Counter(ids[m.entity_key] for m in analysis.mentions if m.context in ("body", "title"))
    entity_rows, alias_rows, link_rows, seen = [], [], [], set()
    for e in analysis.entities:
        eid = ids[e.key]
        alternatives = json.dumps(e.alternatives, ensure_ascii=False) if e.alternatives else None
        type_ = cur.types.get(eid, e.type)
        precision = gazetteer.geo_precision(e.kind, e.lat, e.governorate) if e.type == "place" else None
        entity_rows.append(
            (eid, type_, names[e.key], e.country, e.lat, e.lon, e.governorate, e.kind, alternatives, precision)
        )
        own = {a for a in (e.name, *e.aliases) if links_across(e.type, a, names[e.key])}
        kept = (own | set(known_aliases(eid))) - {names[e.key]}
        alias_rows += [(eid, a) for a in sorted(kept) if (fold(a), eid) not in cur.unaliases]
        if body_counts[eid] and eid not in seen:
            seen.add(eid)
            link_rows.append((aid, eid, e.role, body_counts[eid], int(e.metonym)))
    spelling_rows = [(aid, ids[e.key], e.name) for e in analysis.entities if e.type == "person"]
    mention_rows = [
        (_row_id(aid, m.context, m.start, m.end, ids[m.entity_key]), aid, ids[m.entity_key], m.type, m.text, m.start,
         m.end, m.context, page.page_at(m.start) if m.context == "body" else None)
        for m in analysis.mentions
    ]  # fmt: skip
    parents = _parents(aid, analysis.quotes)
    quote_rows = [
        (_row_id(aid, q.kind, q.start, q.end), aid, q.kind, q.text, ids.get(q.speaker_key) if q.speaker_key else None,
         names.get(q.speaker_key, q.speaker) if q.speaker_key else q.speaker, q.speaker_mention, q.speaker_role, q.cue,
         q.via, q.start, q.end, q.paragraph, q.confidence, parents.get(n), page.page_at(q.start))
        for n, q in enumerate(analysis.quotes)
    ]  # fmt: skip
    by_key = {e.key: e for e in analysis.entities}
    event_rows = []
    for n, ev in enumerate(analysis.events):
        place = by_key.get(ev.place_key) if ev.place_key else None
        precision = gazetteer.geo_precision(place.kind, place.lat, place.governorate) if place else None
        event_rows.append(
            (_row_id(aid, "event", n), aid, int(ev.main), ev.type, ev.date, ev.date_precision, ev.date_as_written,
             names[place.key] if place else None, ids[place.key] if place else None, place.governorate if place else None,
             place.lat if place else None, place.lon if place else None, precision, ev.actor, ids.get(ev.actor_key),
             ev.actor_category, ev.target, ev.killed_min, ev.killed_max,
             *(ev.killed_among.get(g) for g in ("civilians", "combatants", "children", "women")),
             ev.wounded_min, ev.wounded_max, ev.claimant,
             ids.get(ev.claimant_key), ev.sentence, ev.start, ev.end, ev.confidence, ev.toll_scope,
             ev.date_basis, page.page_at(ev.start))
        )  # fmt: skip
    with db.atomic():
        for old, _ in superseded(db, doc):
            _delete_article(db, old)
        if has_article(db, doc.sha256):
            _delete_article(db, aid)
        for eid, name in linker.renamed.items():
            rename_entity(db, eid, name)
        linker.renamed.clear()
        cols = ", ".join(f"[{c}]" for c in article)
        db.execute(f"insert into articles ({cols}) values ({', '.join('?' * len(article))})", list(article.values()))
        run = db.conn.executemany
        run(
            """insert or ignore into entities (id, type, name, country, lat, lon, governorate, kind, alternatives,
               geo_precision) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            entity_rows,
        )
        run("insert or ignore into aliases (entity_id, alias) values (?, ?)", alias_rows)
        run("insert or ignore into spellings (article_id, entity_id, name) values (?, ?, ?)", spelling_rows)
        run(
            "insert into article_entities (article_id, entity_id, role, mentions, metonym) values (?, ?, ?, ?, ?)",
            link_rows,
        )
        run(
            "update entities set role = coalesce(role, ?) where id = ?",
            [(role, eid) for _, eid, role, _, _ in link_rows],
        )
        run(
            """insert or ignore into mentions (id, article_id, entity_id, type, text, start, [end], context, page)
               values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            mention_rows,
        )
        run(
            f"insert into events ({', '.join(f'[{c}]' for c in EVENT_COLUMNS)}) values ({', '.join('?' * len(EVENT_COLUMNS))})",
            event_rows,
        )
        run(
            """insert or replace into quotes (id, article_id, kind, text, speaker_id, speaker, speaker_mention,
               speaker_role, cue, via, start, [end], paragraph, confidence, parent_id, page)
               values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            quote_rows,
        )
    kinds = {row[0]: (row[1], row[2]) for row in entity_rows}
    linker.stored([(eid, *kinds[eid], None) for eid in kinds] + [(eid, *kinds[eid], a) for eid, a in alias_rows])
    return aid


def _delete_article(db: sqlite_utils.Database, aid: str) -> None:
    touched = [
        r[0]
        for r in db.execute(
            """select entity_id from mentions where article_id = ? union select speaker_id from quotes
               where article_id = ? and speaker_id is not null union select entity_id from article_entities
               where article_id = ?""",
            [aid, aid, aid],
        )
    ]
    for table in ("events", "quotes", "mentions", "article_entities", "spellings"):
        db.execute(f"delete from [{table}] where article_id = ?", [aid])
    db.execute("delete from articles where id = ?", [aid])
    # Only the entities this article touched can have become orphans: no scan of the whole corpus.
    orphans = [
        i
        for i in touched
        if not db.execute(
            """select 1 from mentions where entity_id = ?1 union all select 1 from quotes where speaker_id = ?1
               union all select 1 from article_entities where entity_id = ?1
               union all select 1 from curation where target = ?1 limit 1""",
            [i],
        ).fetchone()
    ]
    db.conn.executemany("delete from aliases where entity_id = ?", [(i,) for i in orphans])
    db.conn.executemany("delete from entities where id = ?", [(i,) for i in orphans])
