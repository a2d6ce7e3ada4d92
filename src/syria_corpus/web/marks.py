"""Text as HTML with spans marked: an article's body with its quotes highlighted and its entities linked,
and a search snippet with its hits. Everything not marked is escaped."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

HIT = ("\ue000", "\ue001")  # private-use characters: never in a news text, so never mistaken for a mark


@dataclass(frozen=True)
class Span:
    """A stretch of the body to mark: a quote (`kind` direct or indirect) or a mention of an entity."""

    start: int
    end: int
    kind: str
    title: str
    href: str | None = None
    ident: str | None = None


def marked(text: str, spans: Iterable[Span]) -> str:
    """`text` as HTML: each quote in a `<mark>` (nested quotes nest), each mention a link to its entity. A
    span that crosses another's edge is cut there, so the HTML always nests."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b])
        covering = sorted((s for s in spans if s.start <= a and b <= s.end), key=lambda s: (s.start, -s.end))
        for s in reversed(covering):
            piece = _wrap(piece, s, first=s.start == a)
        out.append(piece)
    return "".join(out)


def _wrap(inner: str, s: Span, *, first: bool) -> str:
    title = escape(s.title, quote=True)
    if s.kind in ("direct", "indirect"):
        ident = f' id="quote-{escape(s.ident, quote=True)}"' if first and s.ident else ""
        return f'<mark class="quote {s.kind}"{ident} title="{title}">{inner}</mark>'
    return f'<a class="entity {escape(s.kind, quote=True)}" href="{escape(s.href or "", quote=True)}" title="{title}">{inner}</a>'


def highlighted(snippet: str) -> str:
    """A search snippet as HTML, its hits (between `HIT` marks) in `<mark>`."""
    return escape(snippet).replace(HIT[0], '<mark class="hit">').replace(HIT[1], "</mark>") if snippet else ""


def quote_spans(quotes: Iterable[dict]) -> list[Span]:
    return [
        Span(
            q["start"], q["end"], q["kind"], f"{q['kind']} quote: {q['speaker'] or 'unattributed'}", ident=q["quote_id"]
        )
        for q in quotes
        if q["start"] is not None and q["end"] is not None
    ]


def mention_spans(mentions: Iterable[dict], href: Callable[[str], str]) -> list[Span]:
    return [Span(m["start"], m["end"], m["type"], f"{m['type']}: {m['name']}", href(m["entity_id"])) for m in mentions]
