"""A user's search as an SQLite FTS5 query. FTS5's own syntax passes through (`"a phrase"`, `AND`, `OR`,
`NOT`, `prefix*`, `NEAR(a b, 10)`, brackets, `title:`/`body:`); a word FTS5 cannot take bare (`al-Assad`,
`U.S.`) becomes a phrase; and a name the corpus knows stands for all its spellings, so that `Khan Shaykhun`
finds the articles that write `Khan Sheikhoun` too. No SQL here: the spellings come from the caller."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import CorpusError
from ..limits import QUERY_CHARS, QUERY_WORDS

SYNTAX = 'words (all must occur), "a phrase", a OR b, a AND b, a NOT b, prefix*, NEAR(a b, 10), (brackets), title:word'
OPERATORS = frozenset({"AND", "OR", "NOT"})
COLUMNS = frozenset({"title", "body"})
LONGEST_NAME = 6  # words

_LEX = re.compile(
    r'\s+|(?P<phrase>"(?:[^"]|"")*")(?P<pstar>\*)?|(?P<near>NEAR\()|(?P<open>\()|(?P<close>\))|(?P<comma>,)'
    r'|(?P<quote>")|(?P<word>[^\s(),"]+)'
)


@dataclass(frozen=True)
class Term:
    """A word or a phrase the user wrote; `prefix` for `chem*`."""

    text: str
    prefix: bool = False
    column: str | None = None


Item = Term | str  # a Term, or syntax: an operator, `(`, `)`, `NEAR(`, `,` or a NEAR distance


def compile_query(query: str, spellings: Callable[[str], Sequence[str]] | None = None) -> str:
    """The FTS5 query for what the user wrote; `spellings(name)` gives every spelling of a known name (none
    for an unknown one), or None to search for exactly what was written."""
    if len(query) > QUERY_CHARS:
        raise CorpusError(f"a query of {len(query):,} characters is too long: at most {QUERY_CHARS:,}")
    items = _lex(query)
    if len(items) > QUERY_WORDS:
        raise CorpusError(f"a query of {len(items):,} words is too long: at most {QUERY_WORDS}")
    if not any(isinstance(i, Term) for i in items):
        raise CorpusError(f"nothing to search for in {query!r}; the syntax: {SYNTAX}")
    _check_operators(items, query)
    out: list[str] = []
    near = False
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, Term):
            n = 1 if near else _run(items, i)
            for part in [_phrase(item)] if near else _expand(items[i : i + n], spellings):
                _and_between(out, near)
                out.append(part)
            i += n
            continue
        if item == "NEAR(":
            _and_between(out, near)
            near = True
        elif item == ")":
            near = False
        elif item == "(":
            _and_between(out, near)
        out.append(item)
        i += 1
    return " ".join(out)


def _lex(query: str) -> list[Item]:
    items: list[Item] = []
    depth, opened = 0, []
    for m in _LEX.finditer(query):
        kind = m.lastgroup
        if kind is None:
            continue
        if kind in ("phrase", "pstar"):
            items.append(Term(m.group("phrase")[1:-1].replace('""', '"'), prefix=kind == "pstar"))
        elif kind == "quote":
            raise CorpusError(f'a " in {query!r} is not closed; the syntax: {SYNTAX}')
        elif kind in ("open", "near"):
            depth += 1
            items.append("(" if kind == "open" else "NEAR(")
            opened.append(items[-1])
        elif kind == "close":
            depth -= 1
            if depth < 0:
                break
            items.append(")")
            opened.pop()
        elif kind == "comma":
            if opened and opened[-1] == "NEAR(":
                items.append(",")  # anywhere else a comma only parts words, as a space does: `Assad, Putin`
        else:
            items.append(_word(m.group("word"), items, bool(opened) and opened[-1] == "NEAR("))
    if depth:
        raise CorpusError(f"the brackets in {query!r} do not pair up; the syntax: {SYNTAX}")
    return items


def _check_operators(items: list[Item], query: str) -> None:
    """`a OR`, `NOT a`, `(AND b)`: an operator needs something to search for on each side."""
    for i, item in enumerate(items):
        if item in OPERATORS:
            before = items[i - 1] if i else None
            after = items[i + 1] if i + 1 < len(items) else None
            if before is None or before in OPERATORS or before in ("(", "NEAR(", ",") or after in (None, ")", ","):
                raise CorpusError(
                    f"{item} in {query!r} needs something to search for on each side; the syntax: {SYNTAX}"
                )
            if after in OPERATORS:
                raise CorpusError(f"{item} {after} in {query!r}: two operators in a row; the syntax: {SYNTAX}")


def _word(word: str, before: list[Item], in_near: bool) -> Item:
    if word in OPERATORS:
        return word
    if in_near and before and before[-1] == ",":  # NEAR(a b, 10)
        if not word.isascii() or not word.isdigit():
            raise CorpusError(f"NEAR's distance {word!r} is not a whole number of words; the syntax: {SYNTAX}")
        return word
    column, colon, rest = word.partition(":")
    column = column.lower() if colon and column.lower() in COLUMNS and rest else None
    text = (rest if column else word).rstrip("*")
    if not any(ch.isalnum() for ch in text):  # `%`, `^`, `-`: punctuation the index keeps no word of
        raise CorpusError(f"{word!r} has nothing to search for; the syntax: {SYNTAX}")
    return Term(text, prefix=word.endswith("*"), column=column)


def _run(items: list[Item], start: int) -> int:
    """How many plain terms follow one another from `start` (candidates for one name)."""
    n = 0
    for item in items[start:]:
        if not isinstance(item, Term) or item.prefix or item.column:
            break
        n += 1
    return max(n, 1)


def _expand(terms: Sequence[Item], spellings: Callable[[str], Sequence[str]] | None) -> list[str]:
    """A run of terms as FTS5 parts, the longest known names first replaced by all their spellings."""
    parts: list[str] = []
    i = 0
    while i < len(terms):
        term = terms[i]
        assert isinstance(term, Term)
        if term.prefix or term.column or spellings is None:
            parts.append(_phrase(term))
            i += 1
            continue
        for n in range(min(LONGEST_NAME, len(terms) - i), 0, -1):
            name = " ".join(t.text for t in terms[i : i + n] if isinstance(t, Term))
            forms = list(dict.fromkeys([name, *spellings(name)]))
            if len(forms) > 1 or n == 1:
                parts.append(quote_phrase(name) if len(forms) == 1 else f"({' OR '.join(map(quote_phrase, forms))})")
                i += n
                break
    return parts


def _phrase(term: Term) -> str:
    text = quote_phrase(term.text) + ("*" if term.prefix else "")
    return f"{term.column} : {text}" if term.column else text


def quote_phrase(text: str) -> str:
    """Text as one FTS5 phrase, whatever marks it holds."""
    return '"' + text.replace('"', '""') + '"'


def _and_between(out: list[str], near: bool) -> None:
    """FTS5 takes juxtaposed phrases as AND, but not a bracket next to a phrase: say AND outright."""
    if not near and out and out[-1] not in OPERATORS and out[-1] not in ("(", "NEAR(", ","):
        out.append("AND")
