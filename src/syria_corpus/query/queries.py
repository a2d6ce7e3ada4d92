"""Read-only questions over the store. Each returns rows (dicts) that the CLI formats or exports."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import CorpusError
from ..names import fold
from ..resources import load_words
from ..store.lookup import entities_named, entities_with_words, find_entity
from ..store.summaries import DIRECT_ALONE, MIXED, SPEAKER_KEY, summary_current
from .filters import NO_FILTERS, Filters, governorate_name
from .search_syntax import SYNTAX, compile_query
from .suggest import known_value

if TYPE_CHECKING:
    from ..store.connect import Corpus

QUOTE_COLUMNS = [
    "quote_id", "article_id", "external_id", "date", "published", "outlet", "title", "url", "path", "speaker",
    "speaker_id", "speaker_type", "speaker_role", "speaker_mention", "cue", "kind", "text", "context", "confidence",
    "via", "parent_id", "paragraph", "page", "start", "end",
]  # fmt: skip
HIT_START, HIT_END = "«", "»"

_QUOTE_FIELDS = """q.id as quote_id, q.article_id, q.speaker, q.speaker_id, q.speaker_type, q.speaker_role,
    q.speaker_mention, q.cue, q.kind, q.text, q.confidence, q.via, q.parent_id, q.paragraph, q.page, q.start,
    q."end"
"""
_ARTICLE_FIELDS = "a.external_id, a.date, a.published, a.outlet, a.title, a.url, a.path, a.body"
_QUOTES_SQL = f"""
select {_QUOTE_FIELDS}, {_ARTICLE_FIELDS}
from quotes q join articles a{{walk}} on a.id = q.article_id
"""
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')\]]*(?=\s)|\n")


def context(body: str | None, start: int | None, end: int | None) -> str | None:
    """The sentence or sentences holding a quote: from the end of the sentence before it to the end of the
    one it closes in (so `"…," he said.` keeps its attribution)."""
    if body is None or start is None or end is None:
        return None
    left = max((m.end() for m in _SENTENCE_END.finditer(body, 0, start)), default=0)
    right = next((m.end() for m in _SENTENCE_END.finditer(body, max(end - 1, start))), len(body))
    return body[left:right].strip()


def filter_conditions(db: Corpus, filters: Filters, article_column: str | None, *, quotes: bool = True) -> tuple:
    """The conditions and parameters of the filters, on articles (the article joined as `a` for no
    `article_column`, else the article id in that column) and (unless not `quotes`) on quotes."""
    where, params = filters.articles(db, article_column)
    if quotes:
        more, more_params = filters.quotes()
        where, params = where + more, params + more_params
    return where, params


def where_clause(conditions: list[str]) -> str:
    return " where " + " and ".join(conditions) if conditions else ""


def _quote_row(row: dict) -> dict:
    """A quote as exported: its article's details, what kind of speaker (as the store keeps it on the quote;
    none for a quote without one), and the sentences around it."""
    body = row.pop("body")
    row["speaker_type"] = row["speaker_type"] if row["speaker"] is not None else None
    row["context"] = context(body, row["start"], row["end"])
    return {c: row[c] for c in QUOTE_COLUMNS}


MAX_SPELLINGS = 40


def fts_query(db: Corpus, query: str, *, exact: bool = False) -> str:
    """What the user wrote as an FTS5 query, each known name standing for all its spellings unless `exact`."""
    return compile_query(query, None if exact else lambda name: spellings(db, name))


def spellings(db: Corpus, name: str) -> list[str]:
    """Every spelling the corpus, the knowledge base, the gazetteer and curation know of the entities a
    name means (`Khan Shaykhun` -> `Khan Sheikhoun`, `Khan Sheikhun`, …); none for a name they do not know."""
    ids = entities_named(db, name)
    if not ids:  # the store keeps every curated gazetteer spelling of its places; the knowledge base's too
        from ..knowledge import by_alias

        known = by_alias().get(name)
        ids = [known.key] if known and db.execute("select 1 from entities where id = ?", [known.key]).fetchone() else []
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = db.execute(
        f"select name from entities where id in ({marks}) union select alias from aliases where entity_id in ({marks})",
        [*ids, *ids],
    )
    common = load_words("stop_words.txt")  # `IS`, `US`: FTS5 folds case, so these would match the word
    forms = {r[0] for r in rows if r[0].lower() not in common}
    return sorted(forms, key=lambda form: (len(form), form))[:MAX_SPELLINGS]


MANY_MATCHES = 2000


def article_walk(db: Corpus, match: str) -> str:
    """` indexed by idx_articles_date` when a full-text query matches many articles: walking the date
    index (which holds date, outlet and id) and testing each rowid then costs less than reading and
    sorting every match; for a few matches, nothing (look each one up)."""
    try:
        many = db.execute("select count(*) from articles_fts where articles_fts match ?", [match]).fetchone()[0]
    except sqlite3.OperationalError:  # a malformed query: the query itself says what is wrong
        return ""
    return " indexed by idx_articles_date" if many > MANY_MATCHES else ""


def fts_rows(db: Corpus, sql: str, params: list, query: str) -> list[dict]:
    """Rows of a full-text query, with FTS5's complaint about the query as one line."""
    try:
        return list(dict_rows(db, sql, params))
    except sqlite3.OperationalError as e:
        if "fts5" in str(e) or "no such column" in str(e):
            raise CorpusError(f"cannot search for {query!r} ({e}); the syntax: {SYNTAX}") from None
        raise


def speaker_ids(db: Corpus, name: str) -> list[str]:
    """The entities a user means by a name: those called so or with that alias; failing that, people and
    organisations whose name holds it as whole words (`Abdel Rahman`, never `Ali` for `Khalil`)."""
    if not fold(name):
        return []
    return entities_named(db, name) or [id_ for id_, type_, _ in entities_with_words(db, name) if type_ != "place"]


def speaker_condition(db: Corpus, speaker: str, *, limit: int | None = None) -> tuple[str, list, bool]:
    """The quotes (`q`) of a speaker a user names: named ones by name or alias, unnamed ones by their
    words; and whether to walk the articles. A set of rowids read through the two indexes, so that the
    planner starts from these quotes; but for the first `limit` quotes of a much-quoted speaker (more than
    MANY_MATCHES, counted no further) a test of each quote, for a plan that walks the articles in date
    order rather than sorting every quote they ever gave."""
    ids = speaker_ids(db, speaker)
    marks, params = ", ".join("?" * len(ids)), [*ids, speaker]
    rowids = f"""select rowid from quotes where speaker_id in ({marks})
                 union all select rowid from quotes where speaker = ? collate nocase"""
    if (
        limit
        and db.execute(f"select count(*) from ({rowids} limit {MANY_MATCHES + 1})", params).fetchone()[0] > MANY_MATCHES
    ):
        return f"(q.speaker_id in ({marks}) or q.speaker = ? collate nocase)", params, True
    return f"q.rowid in ({rowids})", params, False


def stats(db: Corpus) -> dict:
    counted = dict(db.execute('select "table", count from _counts'))
    types = dict(db.execute("select type, count(*) from entities group by type"))
    return {
        "articles": counted["articles"],
        "quotes": counted["quotes"],
        **_speaker_counts(db),
        "people": types.get("person", 0),
        "places": types.get("place", 0),
        "organisations": types.get("org", 0),
        "mentions": counted["mentions"],
        "events": counted["events"],
        "outlets": dict(
            db.execute("select coalesce(outlet, '(unknown)'), count(*) from articles group by outlet order by 2 desc")
        ),
    }


def _speaker_counts(db: Corpus) -> dict:
    """Direct quotes and distinct speakers (as `speakers` lists them), from the summary while it is current."""
    if summary_current(db):
        sql = "select sum(direct), count(distinct speaker_key) from speaker_outlet_counts"
    else:
        sql = f"""select sum(kind = 'direct'), count(distinct case when speaker is not null then {SPEAKER_KEY} end)
                  from quotes q"""
    direct, speakers = db.execute(sql).fetchone()
    return {"direct_quotes": direct or 0, "speakers": speakers}


KINDS = ("direct", "indirect")


def quotes(
    db: Corpus,
    *,
    speaker: str | None = None,
    contains: str | None = None,
    about: str | None = None,
    article: str | None = None,
    kind: str | None = None,
    speaker_id: str | None = None,
    limit: int | None = None,
    exact: bool = False,
    filters: Filters = NO_FILTERS,
) -> list[dict]:
    """Quotes, oldest article first (those dated only to a month or year, and the undated, last). `speaker` matches a speaker's name, any alias, or the words used
    for them; `contains` is a substring of the quote; `about` is a full-text query over quotes (known
    names in it stand for all their spellings unless `exact`); `filters` narrow the articles and quotes."""
    where, params = filter_conditions(db, filters, None)
    walk = ""
    if speaker:
        # Named speakers by name or alias (whole words, never a substring), unnamed ones by their words.
        condition, more, walks = speaker_condition(db, speaker, limit=limit)
        walk = " indexed by idx_articles_date" if walks else ""
        where.append(condition)
        params += more
    if speaker_id:
        where.append("q.speaker_id = ?")
        params.append(speaker_id)
    if contains:
        where.append("instr(lower(q.text), lower(?)) > 0")
        params.append(contains)
    if about:
        where.append("q.rowid in (select rowid from quotes_fts where quotes_fts match ?)")
        params.append(fts_query(db, about, exact=exact))
    if article:  # an id or its prefix: a range of the index
        where.append("q.article_id >= ? and q.article_id < ? || '~'")
        params += [article, article]
    if kind:  # `--kind Direct` is as clear as `direct`
        where.append("q.kind = ?")
        params.append(known_value("quote kind", kind, KINDS))
    # Dated articles day by day, in the order of the date index, so a date filter is a range of it and a
    # limit stops the walk; then those dated only to a month or year, and the undated.
    rows: list[dict] = []
    for dated, order in (("a.date is not null", "a.date, a.published"), ("a.date is null", "a.published")):
        sql = f"{_QUOTES_SQL.format(walk=walk)} where {' and '.join([*where, dated])} order by {order}, q.article_id, q.start"
        if limit:
            sql += f" limit {int(limit) - len(rows)}"
        rows += fts_rows(db, sql, params, about) if about else dict_rows(db, sql, params)
        if limit and len(rows) >= limit:
            break
    return [_quote_row(row) for row in rows]


def iter_quotes(db: Corpus, filters: Filters = NO_FILTERS) -> Iterator[dict]:
    """Every quote, streamed in storage order: an export of a million rows in flat memory. Quotes are
    stored article by article, so each article's details are read once, not joined on every row."""
    article_sql = f"select {_ARTICLE_FIELDS} from articles a where a.id = ?"
    article_cols = [c.strip().removeprefix("a.") for c in _ARTICLE_FIELDS.split(",")]
    current, meta = None, dict.fromkeys(article_cols)
    where, params = filter_conditions(db, filters, "q.article_id")
    cursor = db.execute(
        f"select {_QUOTE_FIELDS} from quotes q{where_clause(where)} order by q.rowid",
        params,
    )
    cols = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(cols, values, strict=True))
        if row["article_id"] != current:
            current = row["article_id"]
            found = db.execute(article_sql, [current]).fetchone()
            meta = dict(zip(article_cols, found or [None] * len(article_cols), strict=True))
        yield _quote_row(row | meta)


def speakers(db: Corpus, limit: int | None = None, filters: Filters = NO_FILTERS) -> list[dict]:
    """Who is quoted: each speaker with quote counts, the outlets that quote them, and mean confidence.
    `quotes` counts utterances: a direct quote inside reported speech (`parent_id`) is part of it, and the
    kinds add up to them: direct, indirect, and mixed (reported speech that quotes some words). Unnamed
    speakers are grouped with case and article folded; each quote keeps its mention as written. Without
    filters the answer comes from the summary the store keeps, while it is current."""
    if filters == NO_FILTERS and summary_current(db):
        sql = """
        select coalesce(e.name, min(s.speaker)) as speaker, coalesce(e.type, 'unnamed') as type,
               sum(s.quotes) as quotes, sum(s.direct_alone) as direct, sum(s.indirect - s.mixed) as indirect,
               sum(s.mixed) as mixed, sum(s.articles) as articles, json_group_array(distinct s.outlet) as outlets,
               round(sum(s.confidence_sum) / sum(s.confidence_n), 2) as mean_confidence
        from speaker_outlet_counts s left join entities e on e.id = s.speaker_id
        group by s.speaker_key order by quotes desc, speaker"""
        params = []
    else:
        where, params = filter_conditions(db, filters, None)
        sql = f"""
        select coalesce(e.name, min(q.speaker)) as speaker, coalesce(e.type, 'unnamed') as type,
               sum(q.parent_id is null) as quotes, sum({DIRECT_ALONE}) as direct,
               sum(q.kind = 'indirect' and not ({MIXED})) as indirect, sum({MIXED}) as mixed,
               count(distinct q.article_id) as articles,
               json_group_array(distinct coalesce(a.outlet, '(unknown)')) as outlets,
               round(avg(q.confidence), 2) as mean_confidence
        from quotes q join articles a on a.id = q.article_id left join entities e on e.id = q.speaker_id
        where q.speaker is not null{"".join(" and " + c for c in where)}
        group by {SPEAKER_KEY}
        order by quotes desc, speaker"""
    if limit:
        sql += f" limit {int(limit)}"
    rows = list(dict_rows(db, sql, params))
    for r in rows:
        r["outlets"] = sorted(json.loads(r["outlets"]))
    return rows


def dict_rows(db: Corpus, sql: str, params: list | None = None) -> Iterator[dict]:
    """Each row of a query as a dict of its columns."""
    cursor = db.execute(sql, params or [])
    cols = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(cols, row, strict=True))


def search(
    db: Corpus,
    query: str,
    limit: int | None = 20,
    *,
    exact: bool = False,
    filters: Filters = NO_FILTERS,
    marks: tuple[str, str] = (HIT_START, HIT_END),
) -> list[dict]:
    """Articles matching a full-text query (FTS5 syntax; known names stand for all their spellings unless
    `exact`), best match first, each with a snippet around the hit between `marks`; every match when
    `limit` is None."""
    sql = """
    select a.id, a.outlet, a.published, coalesce(a.title, substr(a.body, 1, 60)) as title,
           snippet(articles_fts, 1, ?, ?, '…', 16) as snippet
    from articles_fts join articles a on a.rowid = articles_fts.rowid
    where articles_fts match ?{and_where} order by rank limit ?"""
    where, params = filter_conditions(db, filters, None, quotes=False)
    sql = sql.format(and_where="".join(" and " + c for c in where))
    return fts_rows(
        db, sql, [*marks, fts_query(db, query, exact=exact), *params, -1 if limit is None else limit], query
    )


def entities(
    db: Corpus,
    type_: str,
    limit: int | None = None,
    where: str = "",
    params: list | None = None,
    filters: Filters = NO_FILTERS,
) -> list[dict]:
    """People, places or organisations with their aliases and how often they are mentioned: in the whole
    corpus, or in the articles that pass the filters."""
    narrowed, narrowed_params = filter_conditions(db, filters, "ae.article_id", quotes=False)
    counts = "e.mentions, e.articles"
    if narrowed:
        counts = f"""(select sum(ae.mentions) from article_entities ae where ae.entity_id = e.id and {narrowed[0]})
                       as mentions,
                     (select count(*) from article_entities ae where ae.entity_id = e.id and {narrowed[0]})
                       as articles"""
    sql = f"""
    select * from (select e.id, e.name,
      (select json_group_array(alias) from (select alias from aliases where entity_id = e.id order by alias)) as aliases,
      e.role,
      e.country, e.governorate, e.lat, e.lon, e.kind,
      {counts}
    from entities e where e.type = ? {where}){" where mentions > 0" if narrowed else ""} order by mentions desc, name"""
    if limit:
        sql += f" limit {int(limit)}"
    rows = []
    for r in dict_rows(db, sql, [*narrowed_params, *narrowed_params, type_, *(params or [])]):
        r["aliases"] = json.loads(r["aliases"])
        rows.append(r)
    return rows


def people(db: Corpus, limit: int | None = None, filters: Filters = NO_FILTERS) -> list[dict]:
    cols = ("name", "aliases", "role", "mentions", "articles")
    return [_pick(r, *cols) for r in entities(db, "person", limit, filters=filters)]


def places(
    db: Corpus,
    limit: int | None = None,
    country: str | None = None,
    governorate: str | None = None,
    filters: Filters = NO_FILTERS,
) -> list[dict]:
    """Places (of a country, of a governorate), with where they are and how often they are mentioned."""
    where, params = "", []
    if country:
        where += " and e.country = ?"
        params.append(country.upper())
    if governorate:
        where += " and e.governorate = ?"
        params.append(governorate_name(db, governorate))
    cols = ("name", "aliases", "country", "governorate", "lat", "lon", "kind", "mentions", "articles")
    return [_pick(r, *cols) for r in entities(db, "place", limit, where, params, filters)]


def person_profile(db: Corpus, name: str) -> dict:
    """A person: aliases, each distinct role with how many articles state it and the first and last date
    they do, quotes, outlets, company kept."""

    e = find_entity(db, name, "person")
    return {
        "person": e["name"],
        "id": e["id"],
        "aliases": [
            r[0] for r in db.execute("select alias from aliases where entity_id = ? order by alias", [e["id"]])
        ],
        "roles": list(
            dict_rows(
                db,
                """select min(ae.role) as role, count(*) as articles, min(substr(a.published, 1, 10)) as first,
                          max(substr(a.published, 1, 10)) as last, sum(a.published is null) as undated
                   from article_entities ae join articles a on a.id = ae.article_id
                   where ae.entity_id = ? and ae.role is not null
                   group by lower(ae.role) order by count(*) desc, first, role""",
                [e["id"]],
            )
        ),
        "quotes": quotes(db, speaker_id=e["id"]),
        "outlets": _count(db, "coalesce(a.outlet, '(unknown)')", e["id"]),
        "co_mentioned_people": _company(db, e["id"], "person"),
        "co_mentioned_places": _company(db, e["id"], "place"),
        "events": _events_of(db, "ev.actor_id = ?1 or ev.claimant_id = ?1", e["id"]),
    }


def _events_of(db: Corpus, condition: str, entity_id: str) -> list[dict]:
    """The events of a profile: at a place, or carried out or counted by a person."""
    return list(
        dict_rows(
            db,
            f"""select ev.date, ev.type, ev.place, ev.actor_category, coalesce(actor.name, ev.actor) as actor,
                       ev.killed_min, coalesce(claimant.name, ev.claimant) as claimant, a.outlet, ev.article_id
                from events ev join articles a on a.id = ev.article_id
                left join entities actor on actor.id = ev.actor_id
                left join entities claimant on claimant.id = ev.claimant_id where {condition}
                order by ev.date is null or ev.date like '--%', ev.date, ev.article_id""",
            [entity_id],
        )
    )


def place_profile(db: Corpus, name: str) -> dict:
    """A place: where it is, the articles that mention it, who is quoted in them, and the events there."""

    e = find_entity(db, name, "place")
    row = next(dict_rows(db, "select * from entities where id = ?", [e["id"]]))
    arts = list(
        dict_rows(
            db,
            """select a.id as article_id, a.published, a.outlet, coalesce(a.title, substr(a.body, 1, 80)) as title,
                      ae.mentions, a.primary_place = ? as primary_place
               from article_entities ae join articles a on a.id = ae.article_id
               where ae.entity_id = ? order by a.published, a.id""",
            [row["name"], e["id"]],
        )
    )
    quoted = list(
        dict_rows(
            db,
            """select q.speaker, count(*) as quotes from quotes q
               where q.article_id in (select article_id from article_entities where entity_id = ?)
                 and q.speaker is not null
               group by coalesce(q.speaker_id, q.speaker) order by quotes desc, q.speaker limit 20""",
            [e["id"]],
        )
    )
    return {
        "place": row["name"],
        "id": e["id"],
        "country": row["country"],
        "governorate": row["governorate"],
        "lat": row["lat"],
        "lon": row["lon"],
        "kind": row["kind"],
        "geo_precision": row["geo_precision"],
        "alternatives": json.loads(row["alternatives"] or "[]"),
        "aliases": [
            r[0] for r in db.execute("select alias from aliases where entity_id = ? order by alias", [e["id"]])
        ],
        "articles": arts,
        "people_quoted": quoted,
        "events": _events_of(db, "ev.place_id = ?1", e["id"]),
    }


def _count(db: Corpus, expr: str, entity_id: str) -> dict:
    sql = f"""select {expr}, count(*) from article_entities ae join articles a on a.id = ae.article_id
              where ae.entity_id = ? group by 1 order by 2 desc, 1"""
    return dict(db.execute(sql, [entity_id]).fetchall())


def _company(db: Corpus, entity_id: str, type_: str, limit: int = 10) -> list[dict]:
    sql = """select e.name, count(*) as articles from article_entities ae
             join entities e on e.id = ae.entity_id
             where ae.article_id in (select article_id from article_entities where entity_id = ?)
               and e.id != ? and e.type = ?
             group by e.id order by articles desc, e.name limit ?"""
    return list(dict_rows(db, sql, [entity_id, entity_id, type_, limit]))


def orgs(db: Corpus, limit: int | None = None, filters: Filters = NO_FILTERS) -> list[dict]:
    return [_pick(r, "name", "aliases", "mentions", "articles") for r in entities(db, "org", limit, filters=filters)]


def _pick(row: dict, *cols: str) -> dict:
    return {c: row[c] for c in cols}


def articles(db: Corpus, filters: Filters = NO_FILTERS) -> list[dict]:
    where, params = filter_conditions(db, filters, None, quotes=False)
    sql = f"""select id, external_id, path, url, outlet, author, date, published, published_precision, primary_place,
             primary_governorate, title, tags, related_headlines, body from articles a{where_clause(where)}
             order by published, id"""
    rows = []
    for r in dict_rows(db, sql, params):
        r["tags"] = json.loads(r["tags"] or "[]")
        r["related_headlines"] = json.loads(r["related_headlines"] or "[]")
        rows.append(r)
    return rows


def mentions(db: Corpus, filters: Filters = NO_FILTERS) -> list[dict]:
    where, params = filter_conditions(db, filters, None, quotes=False)
    sql = f"""select m.article_id, a.path, m.type, e.name as entity, m.text, m.start, m."end", m.context, m.page
             from mentions m join articles a on a.id = m.article_id join entities e on e.id = m.entity_id
             {where_clause(where)} order by m.article_id, m.start"""
    return list(dict_rows(db, sql, params))


def find_article(db: Corpus, ref: str) -> dict:
    """An article by id (or a unique prefix of it) or by the path it was ingested from."""
    rows = list(dict_rows(db, "select * from articles where id >= ? and id < ? || '~'", [ref, ref]))  # an id prefix
    rows = rows or list(dict_rows(db, "select * from articles where path = ?", [ref]))
    if not rows:
        raise CorpusError(f"no article matches {ref!r}")
    if len(rows) > 1:
        raise CorpusError(f"{ref!r} matches {len(rows)} articles; give more of the id")
    return rows[0]


def show(db: Corpus, ref: str) -> dict:
    art = find_article(db, ref)
    aid = art["id"]
    ents = list(
        dict_rows(
            db,
            """select e.type, e.name, ae.role, ae.mentions, e.country, e.governorate, ae.metonym
               from article_entities ae join entities e on e.id = ae.entity_id
               where ae.article_id = ? order by ae.mentions desc, e.name""",
            [aid],
        )
    )
    return {
        "article": {
            k: art[k]
            for k in (
                "id",
                "path",
                "outlet",
                "author",
                "published",
                "title",
                "body",
                "sha256",
                "model",
                "model_version",
                "tool_version",
                "ingested_at",
            )
        },
        "quotes": quotes(db, article=aid),
        "people": [e for e in ents if e["type"] == "person"],
        "places": [e for e in ents if e["type"] == "place"],
        "organisations": [e for e in ents if e["type"] == "org"],
        "related_headlines": json.loads(art["related_headlines"] or "[]"),
        "tags": json.loads(art["tags"] or "[]"),
    }


def body_mentions(db: Corpus, article_id: str) -> list[dict]:
    """Where the article's body names each entity: offsets, the entity and its type, in text order."""
    return list(
        dict_rows(
            db,
            """select m.start, m."end", m.entity_id, e.name, e.type from mentions m join entities e on e.id = m.entity_id
               where m.article_id = ? and m.context = 'body' order by m.start""",
            [article_id],
        )
    )


EXPORTS = {
    "quotes": iter_quotes,
    "people": people,
    "places": places,
    "orgs": orgs,
    "articles": articles,
    "mentions": mentions,
}
