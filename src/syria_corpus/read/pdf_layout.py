"""The geometry of a PDF page's text: lines put back together from the runs a PDF draws, columns read in
column order, running headers, footers, page numbers and footnote markers told apart from the text.

Pure arithmetic on boxes, so it is tested without a PDF library: `read.pdf` gives it the runs."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

HYPHEN = "\x02"  # how PDFium marks a hyphen at a line's end, which may be a word broken in two
_MARKER = re.compile(r"[\d*\u2020\u2021\u00a7]{1,3}|[a-z]")
_PAGE_NUMBER = re.compile(
    r"(?i)(?:page\s+)?[-\u2013\u2014]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-\u2013\u2014]?(?:\s*(?:of|/)\s*\d{1,4})?"
)
_ENDS_SENTENCE = re.compile(r"[.!?\u2026:;\"\u201d\u2019)\]]$")
MARGIN = 0.1  # the top and bottom tenths of a page, where running headers and footers sit


@dataclass(frozen=True)
class Run:
    """Text drawn on one line in one go: its box in PDF points (y grows upwards) and its font size."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def lines(runs: Iterable[Run]) -> list[Run]:
    """The page's line segments, top to bottom: runs on one row joined left to right, a row split where a
    gap wider than a letter or so lies between runs (a column's gutter), footnote markers dropped."""
    runs = list(runs)
    if not runs:
        return []
    size = statistics.median(r.size for r in runs)
    rows = list(_rows([r for r in runs if not _is_marker(r, size)]))
    for marker in (r for r in runs if _is_marker(r, size)):  # raised above its line: put back beside its word
        overlaps = [
            (min(marker.y1, row[0].y1) - max(marker.y0, row[0].y0), n)
            for n, row in enumerate(rows)
            if any(r.x0 - size <= marker.x0 <= r.x1 + size for r in row)
        ]
        if (best := max(overlaps, default=(0.0, -1)))[0] > 0:
            rows[best[1]].append(marker)
    out: list[Run] = []
    for row in rows:
        segment: list[Run] = []
        for run in [*sorted(row, key=lambda r: r.x0), None]:
            if segment and (run is None or run.x0 - segment[-1].x1 > max(r.size for r in segment)):
                if kept := [r for r in segment if not _is_marker(r, size)]:
                    out.append(_joined(kept))
                segment = []
            if run is not None:
                segment.append(run)
    return out


def _rows(runs: Iterable[Run]) -> Iterator[list[Run]]:
    """Runs side by side on one line: each overlapping the row's first run by most of its height."""
    row: list[Run] = []
    for run in sorted(runs, key=lambda r: -r.y1):
        if row and min(row[0].y1, run.y1) - max(row[0].y0, run.y0) > 0.5 * min(run.height, row[0].height):
            row.append(run)
            continue
        if row:
            yield row
        row = [run]
    if row:
        yield row


def _is_marker(run: Run, size: float) -> bool:
    """A footnote's number, raised in a smaller type than the page's text: `civilians.¹²`."""
    return _MARKER.fullmatch(run.text.strip()) is not None and run.size < 0.85 * size


def _joined(segment: list[Run]) -> Run:
    text = ""
    for run in segment:
        piece = run.text.strip(" \r\n")
        if text and piece and not text.endswith(" ") and run.x0 - _end(segment, run) > 0.15 * run.size:
            text += " "
        text += piece
    size = Counter(round(r.size, 1) for r in segment).most_common(1)[0][0]
    return Run(segment[0].x0, min(r.y0 for r in segment), segment[-1].x1, max(r.y1 for r in segment), size, text)


def _end(segment: list[Run], run: Run) -> float:
    return segment[segment.index(run) - 1].x1


def furniture(pages: list[list[Run]], heights: list[float]) -> set[tuple[int, int]]:
    """(page index, line index) of running headers and footers: lines in a page's top or bottom tenth that
    recur on several pages (numbers aside), page numbers there, and headers in small type."""

    def key(run: Run) -> str:
        return re.sub(r"\d+", "#", " ".join(run.text.lower().split()))

    edges = {
        (p, i): key(run)
        for p, (page, height) in enumerate(zip(pages, heights, strict=True))
        for i, run in enumerate(page)
        if run.y0 > (1 - MARGIN) * height or run.y1 < MARGIN * height
    }
    pages_with = Counter(k for _, k in {(p, k) for (p, _), k in edges.items()})
    recurring = {k for k, n in pages_with.items() if n >= 2 and n >= 0.3 * len(pages)}
    return {at for at, k in edges.items() if k in recurring or _lone_furniture(pages[at[0]], at[1], heights[at[0]])}


def _lone_furniture(page: list[Run], i: int, height: float) -> bool:
    """A page number, or a header in type smaller than the page's text: furniture even on a page of its
    own, where nothing recurs."""
    line = page[i]
    small = line.size < 0.9 * statistics.median(r.size for r in page)
    return bool(_PAGE_NUMBER.fullmatch(line.text.strip())) or (small and line.y0 > (1 - MARGIN) * height)


def gutters(segments: list[Run]) -> list[float]:
    """The x of each gap between columns: a strip, at least a letter wide, that almost no narrow line
    crosses, with at least three lines on each side."""
    if len(segments) < 6:
        return []
    left, right = min(s.x0 for s in segments), max(s.x1 for s in segments)
    narrow = [s for s in segments if s.x1 - s.x0 < 0.6 * (right - left)]
    size = statistics.median(s.size for s in segments)
    bins = [0] * (int(right - left) + 1)
    for s in narrow:
        for x in range(int(s.x0 - left), int(s.x1 - left)):
            bins[x] += 1
    quiet = max(1, len(narrow) // 20)
    found, start = [], None
    for x, n in enumerate([*bins, quiet + 1]):
        if n < quiet and start is None:
            start = x
        elif n >= quiet and start is not None:
            mid = left + (start + x) / 2
            wide = x - start >= 0.8 * size
            sides = sum(s.x1 <= mid for s in narrow) >= 3 and sum(s.x0 >= mid for s in narrow) >= 3
            if wide and sides and start > 0 and x < len(bins):
                found.append(mid)
            start = None
    return found


def reading_order(segments: list[Run]) -> list[tuple[int, Run]]:
    """The lines in the order they are read, each with the block it belongs to: top to bottom, and
    where columns run side by side, one column after the other; a line across the gutter (a heading,
    a table, a figure's caption) ends the columns above it."""
    cuts = gutters(segments)
    out: list[tuple[int, Run]] = []
    band: list[Run] = []
    block = 0

    def flush() -> None:
        nonlocal block
        for column in range(len(cuts) + 1):
            block += 1
            out.extend((block, s) for s in band if _column(s, cuts) == column)
        band.clear()

    for s in sorted(segments, key=lambda s: -s.y1):
        if any(s.x0 < c < s.x1 for c in cuts):
            flush()
            block += 1
            out.append((block, s))
        else:
            band.append(s)
    flush()
    return out


def _column(s: Run, cuts: list[float]) -> int:
    return sum(c <= s.x0 for c in cuts)


def paragraphs(ordered: list[tuple[int, Run]]) -> list[str]:
    """Lines of one block joined into paragraphs: a new one after a gap wider than the line spacing, a
    change of type size, or a short line that ends a sentence; a sentence that goes on at the top of the
    next column joined too. A paragraph may still end in `HYPHEN`, for
    the next page to join."""
    out: list[str] = []
    prev: Run | None = None
    prev_block = -1
    right = _right_edges(ordered)
    for block, line in ordered:
        same = prev is not None and block == prev_block and _continues(prev, line, right[block])
        if same or (prev is not None and block != prev_block and continues_over_page(out[-1], line.text)):
            out[-1] = join_lines(out[-1], line.text)
        else:
            out.append(line.text)
        prev, prev_block = line, block
    return out


def _right_edges(ordered: list[tuple[int, Run]]) -> dict[int, float]:
    edges: dict[int, float] = {}
    for block, line in ordered:
        edges[block] = max(edges.get(block, line.x1), line.x1)
    return edges


def _continues(prev: Run, line: Run, right: float) -> bool:
    """Whether `line` goes on with the paragraph of `prev`, the line above it. A line that ends a sentence
    ends its paragraph only where the next line's first word would have fitted after it: a line of
    ragged text falls short of the margin by up to a word."""
    gap = prev.y0 - line.y1
    first = line.text.split(maxsplit=1)[0] if line.text.strip() else ""
    letter = (line.x1 - line.x0) / max(len(line.text), 1)
    short = right - prev.x1 > (len(first) + 1) * letter and _ENDS_SENTENCE.search(prev.text.rstrip(HYPHEN))
    return -0.5 * line.size < gap <= 0.7 * line.size and abs(prev.size - line.size) <= 1 and not short


def join_lines(before: str, after: str) -> str:
    """Two lines of one paragraph as one: a word broken at the line's end is whole again (`docu-` +
    `mented`); a hyphen before a capital stays (`al-` + `Assad`)."""
    after = after.lstrip()
    if before.endswith((HYPHEN, "\u00ad")):
        stem = before[:-1]
        return stem + after if after[:1].islower() else stem + "-" + after
    if before.endswith("-") and before[-2:-1].isalpha():
        return before + after
    return before.rstrip() + " " + after


def continues_over_page(last: str, first: str) -> bool:
    """Whether the paragraph a page or column ends with goes on at the top of the next."""
    last = last.rstrip()
    return (
        bool(last)
        and (last.endswith((HYPHEN, "-", "\u00ad")) or not _ENDS_SENTENCE.search(last))
        and (first[:1].islower() or last.endswith((HYPHEN, "\u00ad")))
    )
