"""What to say when a value a user typed matches nothing: the nearest values the corpus knows, in one place
so that every command words it alike. In a closed vocabulary (outlets, governorates, event types, actor
categories, kinds of speaker) a miss is an error naming them; a name (a speaker, a person) that matches
no one is a note beside an empty answer, with the closest names and how often the corpus has them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..errors import CorpusError

if TYPE_CHECKING:
    from ..store.connect import Corpus

NEAR = 80  # rapidfuzz's WRatio, 0 to 100: `Al Arabiya` -> arabiya 95, alaraby 82; `robot` -> person 36
NAME_NEAR = 75  # a name against names and their words: `Lavrof` -> Lavrov 83
BESIDE_BEST = 10  # how far below the best a value may score and still be named with it
MOST = 3  # values named at most
LISTED = 20  # values listed at most when none is near


def nearest(value: str, known: Iterable[str], *, cutoff: float = NEAR, most: int = MOST) -> list[str]:
    """The known values nearest to `value`, best first: those near enough and close to the best."""
    from rapidfuzz import fuzz, process, utils  # only on a miss: a query's start-up never pays for it

    choices = list(dict.fromkeys(known))
    found = process.extract(
        value, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=most, score_cutoff=cutoff
    )
    return [k for k, score, _ in found if score >= found[0][1] - BESIDE_BEST]


def unknown(what: str, value: str, known: Sequence[str]) -> CorpusError:
    """`no outlet 'Al Arabiya'; did you mean arabiya?`; with nothing near, the values to choose from."""
    if near := nearest(value, known):
        return CorpusError(f"no {what} {value!r}; did you mean {_either(near)}?")
    if not known:
        return CorpusError(f"no {what} {value!r}: the corpus has none")
    listed = ", ".join(known[:LISTED]) + (", …" if len(known) > LISTED else "")
    return CorpusError(f"no {what} {value!r}: choose one of {listed}")


def _either(values: list[str]) -> str:
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


def as_written(value: str, known: Iterable[str]) -> str | None:
    """`value` as the vocabulary writes it, case folded (`Reuters` is reuters); None where it has no such value."""
    return next((k for k in known if k.lower() == value.lower()), None)


def known_value(what: str, value: str, known: Sequence[str]) -> str:
    """`value` as the vocabulary writes it, else the error naming the nearest."""
    if (found := as_written(value, known)) is not None:
        return found
    raise unknown(what, value, known)


def speaker_miss(db: Corpus, name: str) -> str | None:
    """For a --speaker that matches no quote in the corpus: which speakers come closest, with their quote counts."""
    from .queries import speaker_condition, speakers

    condition, params, _ = speaker_condition(db, name)
    if db.execute(f"select 1 from quotes q where {condition} limit 1", params).fetchone():
        return None
    counts = {r["speaker"]: r["quotes"] for r in speakers(db)}
    return _miss(
        "speaker", name, {s: [s] for s in counts}, {s: f"{n} quote{'s' * (n != 1)}" for s, n in counts.items()}
    )


def person_miss(db: Corpus, name: str) -> str:
    """For a person the corpus does not know by that name: the closest people, with the articles that name them."""
    from .queries import people

    rows = people(db)
    forms = {r["name"]: [r["name"], *r["aliases"]] for r in rows}
    return _miss(
        "person", name, forms, {r["name"]: f"{r['articles']} article{'s' * (r['articles'] != 1)}" for r in rows}
    )


def _miss(what: str, name: str, forms: dict[str, list[str]], counts: dict[str, str]) -> str:
    """`no speaker 'Lavrof'; closest: Sergey Lavrov (5 quotes)`: each name matched by itself, its aliases and
    their words (a surname typed alone is near its name)."""
    owner = {}
    for shown, spellings in forms.items():
        for spelling in spellings:
            for form in (spelling, *(w for w in spelling.split() if len(w) > 2)):
                owner.setdefault(form, shown)
    closest = list(dict.fromkeys(owner[f] for f in nearest(name, owner, cutoff=NAME_NEAR, most=4 * MOST)))[:MOST]
    found = "; closest: " + ", ".join(f"{c} ({counts[c]})" for c in closest) if closest else ""
    return f"no {what} {name!r}{found}"
