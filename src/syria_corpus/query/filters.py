"""The filters a researcher puts on any question: a time window, outlets, articles that mention a place, a
governorate, an organisation or a person, a kind of speaker, a confidence band. One record, turned into
SQL conditions on an article id column and on the quotes table (`q`), so that every query command and
export reads them the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from ..dates import ascii_digits, parse_date
from ..errors import CorpusError
from ..store.lookup import entities_named
from .suggest import as_written, known_value, unknown

if TYPE_CHECKING:
    from ..store.connect import Corpus

DATE_FORMS = "2016, 2016-09, 2016-09-17, September 2016 or 17 September 2016"


E = TypeVar("E", bound=Enum)


def choose(enum: type[E], text: str, what: str) -> E:
    """A choice the user typed, case folded (`--speaker-type Person`), or one line naming the nearest."""
    return enum(known_value(what, text, [e.value for e in enum]))


class SpeakerType(Enum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"  # `Washington said`: a government by its country's or capital's name
    UNNAMED = "unnamed"

    @classmethod
    def of(cls, entity_type: str | None) -> SpeakerType:
        """A speaker's type by its entity's (`org` is an organisation); no entity is an unnamed speaker."""
        return _BY_ENTITY_TYPE.get(entity_type or "", cls.UNNAMED)


_BY_ENTITY_TYPE = {"person": SpeakerType.PERSON, "org": SpeakerType.ORGANISATION, "place": SpeakerType.PLACE}
_ENTITY_TYPES = {kind: entity_type for entity_type, kind in _BY_ENTITY_TYPE.items()}


@dataclass(frozen=True)
class Filters:
    since: str | None = None
    until: str | None = None
    outlets: tuple[str, ...] = ()
    place: str | None = None
    governorate: str | None = None
    org: str | None = None
    person: str | None = None
    speaker_type: SpeakerType | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None

    def __post_init__(self) -> None:
        for name in ("min_confidence", "max_confidence"):
            value = getattr(self, name)
            if value is not None and not 0.0 <= value <= 1.0:  # NaN too, which every comparison would drop
                raise CorpusError(f"--{name.replace('_', '-')} must be a number from 0 to 1, not {value}")

    def articles(self, db: Corpus, column: str | None) -> tuple[list[str], list]:
        """Conditions that an article passes the article filters: on the article joined as `a` itself for
        no `column` (so the planner can start from the date index), else on the article id in `column`."""
        where, params = self.dates("a.date")
        if self.outlets:
            self._check_outlets(db)
            where.append(f"a.outlet collate nocase in ({', '.join('?' * len(self.outlets))})")
            params += list(self.outlets)
        for name, type_ in ((self.place, "place"), (self.org, "org"), (self.person, "person")):
            if name:
                ids = entity_ids(db, name, type_)
                where.append(
                    f"a.id in (select article_id from article_entities where entity_id in ({', '.join('?' * len(ids))}))"
                )
                params += ids
        if self.governorate:
            where.append(
                """a.id in (select ae.article_id from article_entities ae join entities e on e.id = ae.entity_id
                           where e.type = 'place' and e.governorate = ?)"""
            )
            params.append(governorate_name(db, self.governorate))
        if not where or column is None:
            return where, params
        return [f"{column} in (select a.id from articles a where {' and '.join(where)})"], params

    def dates(self, column: str) -> tuple[list[str], list]:
        """Conditions that the ISO date in `column` lies between --since and --until (a date with no year,
        `--09-17`, lies in no range)."""
        where, params = [], []
        if self.since:
            where.append(f"{column} >= ?")
            params.append(date_bound(self.since, upper=False))
        if self.until:
            where.append(f"{column} <= ? and {column} not like '--%'")
            params.append(date_bound(self.until, upper=True))
        return where, params

    def _check_outlets(self, db: Corpus) -> None:
        """Each --outlet names an outlet of the corpus, else one line naming the nearest. An outlet written as
        stored is one seek of the outlet index; only another spelling reads the list of outlets."""
        for outlet in self.outlets:
            if not db.execute("select 1 from articles where outlet = ? limit 1", [outlet]).fetchone():
                known_value("outlet", outlet, outlet_names(db))

    def refuse_quote_filters(self, instead: str) -> None:
        """Where nothing counted is a quote, the quote filters would be dropped without a word: refuse them."""
        if self.quotes()[0]:
            raise CorpusError(f"--speaker-type, --min-confidence and --max-confidence filter quotes: {instead}")

    def quotes(self) -> tuple[list[str], list]:
        """Conditions on the quotes table `q` (joined to `entities e` on the speaker) for the quote filters."""
        where, params = [], []
        if self.speaker_type is SpeakerType.UNNAMED:
            where.append("q.speaker is not null and q.speaker_id is null")
        elif self.speaker_type is not None:
            where.append("q.speaker_id in (select id from entities where type = ?)")
            params.append(_ENTITY_TYPES[self.speaker_type])
        if self.min_confidence is not None:
            where.append("q.confidence >= ?")
            params.append(self.min_confidence)
        if self.max_confidence is not None:
            where.append("q.confidence <= ?")
            params.append(self.max_confidence)
        return where, params


NO_FILTERS = Filters()


def date_bound(text: str, *, upper: bool) -> str:
    """The first (or last) day a date as written stands for, as `YYYY-MM-DD`, to compare with `articles.date`."""
    text = ascii_digits(text.strip())
    if re.fullmatch(r"\d{4}(-\d{2})?", text):
        iso = text
    elif (parsed := parse_date(text, at_start=True)) is not None and parsed.span[1] == len(text):
        iso = parsed.iso[:10]  # a time of day bounds its whole day
    else:
        raise CorpusError(f"cannot read {text!r} as a date: write {DATE_FORMS}")
    if len(iso) == 7 and not 1 <= int(iso[5:]) <= 12:
        raise CorpusError(f"cannot read {text!r} as a date: write {DATE_FORMS}")
    pad = {4: ("-12-31", "-01-01"), 7: ("-31", "-01"), 10: ("", "")}[len(iso)]
    return iso + pad[0 if upper else 1]


def entity_ids(db: Corpus, name: str, type_: str) -> list[str]:
    """The entities of a type a name means, by their name or any alias, case folded; or the knowledge
    base's or gazetteer's entity of that name when the corpus knows it under another spelling."""
    ids = entities_named(db, name, type_)
    if not ids:
        from ..gazetteer import lookup
        from ..knowledge import by_alias

        known = lookup(name, fuzzy=False) if type_ == "place" else by_alias().get(name)
        if known is not None and db.execute("select 1 from entities where id = ?", [known.key]).fetchone():
            ids = [known.key]
    if not ids:
        what = SpeakerType.of(type_).value
        raise CorpusError(f"no {what} named {name!r} in the corpus")
    return ids


def outlet_names(db: Corpus) -> list[str]:
    """The outlets of the corpus's articles, as they write them."""
    return [r[0] for r in db.execute("select distinct outlet from articles where outlet is not null order by 1")]


def governorate_name(db: Corpus, name: str) -> str:
    """A Syrian governorate as the corpus writes it (`idlib`, `Idleb` -> `Idlib`), of its places or events."""
    names = [
        r[0]
        for r in db.execute(
            """select governorate from entities where governorate is not null
               union select governorate from events where governorate is not null order by 1"""
        )
    ]
    if (known := as_written(name, names)) is not None:
        return known
    from ..gazetteer import lookup

    place = lookup(name, fuzzy=False)
    if place is not None and place.governorate in names:
        return place.governorate
    raise unknown("governorate", name, names)
