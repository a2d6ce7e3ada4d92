"""Segmenting a scraped page: the article body apart from page furniture, stamps, related headlines and tags.

Outlets differ only in data (``data/outlets.json``); the mechanism here is shared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from .. import gazetteer
from ..dates import from_parts, lead_date, parse_date
from ..errors import InputError
from ..knowledge import by_alias
from ..records import Document, Page
from ..resources import load_json, load_words

ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ODD_SPACE_TABLE = str.maketrans(ODD_SPACES, " " * len(ODD_SPACES))
_SENTENCE_END = tuple('.!?"\u201d:;')
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "is",
        "are",
        "was",
        "be",
        "vs",
        "via",
        "into",
        "over",
        "after",
        "amid",
    ]
)


def normalise(text: str) -> str:
    """Odd spaces become plain spaces one for one, so offsets into the original stay valid."""
    return text.translate(_ODD_SPACE_TABLE)


@cache
def _profiles() -> tuple[dict[str, Any], dict[str, Any]]:
    data = load_json("outlets.json")
    opener = "(?:" + "|".join(sorted(map(re.escape, load_words("sentence_openers.txt")))) + ")"
    for profile in [*data["outlets"].values(), data["default"]]:
        profile["inline_furniture"] = [p.replace("{opener}", opener) for p in profile.get("inline_furniture", [])]
    return data["outlets"], data["default"]


def detect_outlet(text: str) -> str | None:
    outlets, _ = _profiles()
    best, best_hits = None, 0
    for name, prof in outlets.items():
        hits = sum(1 for f in prof["furniture"] if f in text)
        if hits >= prof.get("min_hits", 1) and hits > best_hits:
            best, best_hits = name, hits
    return best


def parse_stamp(line: str, patterns: list[str]) -> str | None:
    """A page's date line, by its outlet profile's patterns (named groups day, month, year, hour, minute);
    a time is the page's own clock, taken as UTC."""
    for pattern in patterns:
        m = re.match(pattern, line.strip())
        if m is None or (parsed := from_parts(m.groupdict())) is None:
            continue
        iso, precision = parsed
        return iso + "+00:00" if precision == "minute" else iso
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _is_date_line(line: str) -> bool:
    """`Published July 21 2015`, `July 2016`: a line that is only a date, not a headline."""
    found = lead_date(line)
    return found is not None and found.span[1] >= len(line.rstrip(" ."))


TITLE_WORDS = 30  # the most words of a first line set apart that is taken for the title


def _set_apart(kept: list[str], first: str, scrape: bool) -> bool:
    """A first line a blank line follows, as scrapers save a page (`Suicide bomber targets Syrian wedding 20
    killed`, blank line, body): the title, whatever its case, unless it is too long for a headline or, in
    what is not a scrape, reads as a sentence of the text (it ends in a full stop)."""
    at = kept.index(first)
    followed = at + 1 < len(kept) and not kept[at + 1]
    words = len(first.split())
    line = first.rstrip()
    # a quote, or words leading into what follows, are never a title; a full stop ends one only in a scrape,
    # and not one that quotes someone
    quoted = any(mark in line for mark in '"\u201c\u201d\u00ab\u00bb')  # `"We will stay," he said.`: a sentence
    ending = line.endswith((",", ";", ":", '"', "\u201d")) or (line.endswith(_SENTENCE_END) and (not scrape or quoted))
    return followed and 2 <= words <= TITLE_WORDS and not ending


def _strip_furniture(line: str, furniture: list[str]) -> str:
    for f in sorted(furniture, key=len, reverse=True):
        line = line.replace(f, " ")
    return line.strip()


def is_headline(line: str) -> bool:
    """Headline case, no sentence-final punctuation, short: another story's title, not a paragraph."""
    s = line.strip()
    if not s or s.endswith(_SENTENCE_END) or len(s.split()) > 25:
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", s) if w.lower() not in _SMALL_WORDS]
    if len(words) < 2:
        return False
    return sum(1 for w in words if w[0].isupper()) / len(words) >= 0.75


def parse_tag_line(line: str) -> list[str] | None:
    items = [t.strip() for t in line.split(",")]
    if len(items) < 3 or any(not t or len(t.split()) > 6 or t.endswith(".") for t in items):
        return None
    return items


@dataclass(frozen=True)
class Inline:
    """What a scraper left inside a body's text (a table row's, where lines were run together)."""

    ranges: list[tuple[int, int]]  # kept in the body, read by no extractor
    tags: list[str]
    related: list[str]
    furniture: list[str]


def inline_furniture(body: str, patterns: list[str]) -> Inline:
    """Furniture a scraper left inline — bylines, photo credits, widgets — by the profile's patterns; a
    pattern's group `tags` holds the page's tags, its group `related` other stories' headlines."""
    ranges, tags, related, furniture = [], [], [], []
    for pattern in patterns:
        for m in re.finditer(pattern, body, re.MULTILINE):
            if m.end() <= m.start():
                continue
            ranges.append((m.start(), m.end()))
            groups = m.groupdict()
            if groups.get("tags"):
                tags.extend(split_tags(groups["tags"]))
            if groups.get("related"):
                related.extend(h.strip() for h in groups["related"].split(" | ") if h.strip())
            found = next((g for g in ("tags", "related") if groups.get(g)), None)
            head = " ".join(body[m.start() : m.start(found) if found else m.end()].split())
            head = re.sub(r"\s*\b(?:Tags|Related(?: News)?)$", "", head)
            if head:
                furniture.append(head)  # `Print Tweet Views 729` before `Related …`
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return Inline(merged, tags, related, furniture)


def split_tags(run: str) -> list[str]:
    """A tag line whose separators were lost (`Syria Free Syrian Army opposition groups Idlib`): each name
    the gazetteer or the knowledge base knows is a tag, the longest first; words between are tags by case,
    a run of lower-case words (`opposition groups`) or of capitalised ones (`Sawaiq al-Rahman`)."""
    words = run.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        n = _known_at(words, i)
        if n:
            out.append(" ".join(words[i : i + n]))
            i += n
            continue
        j = i + 1
        lower = _is_lower(words[i])
        while j < len(words) and not _known_at(words, j):
            joins = not lower and words[j] in _CONNECTORS and j + 1 < len(words) and not _is_lower(words[j + 1])
            if _is_lower(words[j]) != lower and not joins:  # `War on Terror`, `Observatory of Human Rights`
                break
            j += 1
        out.append(" ".join(words[i:j]))
        i = j
    return out


_CONNECTORS = frozenset({"of", "on", "in", "the", "for", "and", "de", "al"})


def _is_lower(word: str) -> bool:
    """`opposition`, not `al-Rahman` (a particle before a capital belongs to the name)."""
    return word[:1].islower() and not re.match(r"(?:al|el|ad|as|ash|at|az|ar|an|bin|ibn)-[A-Z]", word)


def _known_at(words: list[str], i: int) -> int:
    """Length of the longest known name starting at word i (up to six words), 0 if none."""
    for n in range(min(6, len(words) - i), 0, -1):
        phrase = " ".join(words[i : i + n])
        if phrase[:1].isupper() and (phrase in by_alias() or gazetteer.lookup(phrase, fuzzy=False) is not None):
            return n
    return 0


def profile_for_url(url: str) -> str | None:
    """The profile of the outlet whose site a page's address is on (`english.alaraby.co.uk` -> The New Arab,
    `www.trtworld.com` -> TRT World), if there is one: a part of the host name that is one of its names."""
    labels = set((urlsplit(url).hostname or "").split("."))
    outlets, _ = _profiles()
    for key, profile in outlets.items():
        if labels & {re.sub(r"[\s-]", "", n) for n in (key.lower(), *profile.get("names", ()))}:
            return key
    return None


def profile_for(name: str) -> str | None:
    """The profile of an outlet named by a dataset (`trt` -> TRT World), if there is one."""
    outlets, _ = _profiles()
    low = name.strip().lower()
    return next((k for k, p in outlets.items() if low == k.lower() or low in p.get("names", ())), None)


def segment(text: str, *, outlet: str | None = None, title: str | None = None, scrape: bool = False) -> Page:
    """Split a page. `outlet` and `title` are what the source states (a table's columns, an HTML page's
    metadata); they win over what would be guessed from the text. A `scrape` (a plain-text file) may end its
    title in a full stop, as some outlets write them."""
    known = profile_for(outlet) if outlet else None
    detected = known or detect_outlet(text)
    outlets, default = _profiles()
    profile = outlets.get(detected, default) if detected else default
    outlet = outlet or detected
    furniture = list(profile["furniture"])
    stamps = profile["stamp_patterns"] + [p for p in default["stamp_patterns"] if p not in profile["stamp_patterns"]]

    lines = [line.strip() for line in text.splitlines()]
    found_furniture: list[str] = []
    published = None
    kept: list[str] = []
    for line in lines:
        if not line:
            kept.append("")
            continue
        if furniture and not _strip_furniture(normalise(line), furniture):
            found_furniture.extend(f for f in furniture if f in line)
            kept.append("")
            continue
        if published is None and not any(kept) and (stamp := parse_stamp(normalise(line), stamps)):
            published = stamp
            kept.append("")
            continue
        kept.append(line)

    content = [line for line in kept if line]
    tags: list[str] = []
    related: list[str] = []
    if profile.get("tags") and content and (parsed := parse_tag_line(content[-1])):
        tags = parsed
        content.pop()
    if profile.get("related_headlines"):
        while len(content) > 1 and is_headline(content[-1]):
            related.insert(0, content.pop())

    first = content[0] if title is None and len(content) > 1 else None
    if first and not _is_date_line(first) and (is_headline(first) or _set_apart(kept, first, scrape)):
        title = content.pop(0)
    elif title and len(content) > 1 and _words(content[0]) == _words(title):
        content.pop(0)  # the title a sidecar or front matter states, which the text repeats as its first line

    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for para in content:
        paragraphs.append((pos, pos + len(para)))
        pos += len(para) + 2
    body = "\n\n".join(content)
    inline = inline_furniture(body, profile.get("inline_furniture", []) + default.get("inline_furniture", []))
    excluded = inline.ranges
    # Datasets often keep the page's date line at the head of the text: `Wed 05 Apr 2017 Syria attack …`
    if (lead := lead_date(body, title)) is not None:
        published = published or lead.iso
        excluded = sorted([*excluded, lead.span])
    return Page(
        body=body,
        excluded=excluded,
        paragraphs=paragraphs,
        outlet=outlet,
        published=published,
        title=title,
        related_headlines=related or inline.related,
        tags=tags or inline.tags,
        furniture=found_furniture + [f for f in inline.furniture if f not in found_furniture],
    )


def segment_document(doc: Document) -> Page:
    """Segment a document; what the source states (title, outlet, date) wins over guesses, and the date the
    file was made stands in only for none."""
    page = segment(doc.text, outlet=doc.outlet, title=doc.title, scrape=doc.kind == "page")
    if doc.published and (stated := parse_date(doc.published)) is not None:
        page.published = stated.iso
    if page.published is None and doc.file_date and (made := parse_date(doc.file_date)) is not None:
        page.published = made.iso
    if not page.body.strip():
        raise InputError(f"{doc.path}: no article text found")
    if doc.page_starts:
        page.page_starts = _body_pages(doc.text, doc.page_starts, page)
    return page


def _body_pages(text: str, starts: list[tuple[int, int]], page: Page) -> list[tuple[int, int]]:
    """Where each page of the document starts in the body: its lines as segmenting left them (stripped,
    some dropped), found again in order among the text's."""
    lines, pos = [], 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        if stripped := content.strip():
            lines.append((pos + len(content) - len(content.lstrip()), stripped))
        pos += len(line)
    placed: list[tuple[int, int, int]] = []  # (offset in text, offset in body, length)
    j = 0
    for b0, b1 in page.paragraphs:
        para = page.body[b0:b1]
        while j < len(lines) and lines[j][1] != para:
            j += 1
        if j == len(lines):
            break
        placed.append((lines[j][0], b0, b1 - b0))
        j += 1
    out = []
    for offset, number in starts:
        at = next(((src, body) for src, body, n in placed if offset < src + n), None)
        if at is not None:
            out.append((at[1] + max(0, offset - at[0]), number))
    return out
