"""Dates as news pages and datasets write them, to ISO 8601 with their precision.

`24.08.2013` and `8/24/2013` are read day-first or month-first by which reading is possible (a day
over 12 decides; otherwise dots and dashes mean day-first and slashes month-first, as in the sources we
see: `17-06-2016`, `03-08-2016` on Syrian and Iranian outlets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from .resources import load_sections

_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_MONTH_WORDS = frozenset(
    [*_MONTHS, "sept"]
    + [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2}):?(?P<minute>\d{2})(?:\s*(?P<half>[ap])\.?m\b\.?)?"
    r"(?:\s*(?:GMT|UTC)(?:[+-]\d{1,2})?)?)?"
)
PATTERNS = [
    re.compile(
        r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?",
        re.I,
    ),
    # ISO 8601's basic form, as GDELT writes it: `20150218T121500Z`
    re.compile(r"\b(?P<year>\d{4})(?P<mon>\d{2})(?P<day>\d{2})T(?P<hour>\d{2})(?P<minute>\d{2})(?:\d{2})?(?P<tz>Z)?\b"),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})" + _TIME, re.I),
    # a scrape that lost the space between day and year: `Last updated at Apr 232017`
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?P<year>(?:19|20)\d{2})(?!\d)", re.I),
    re.compile(_MONTH + r"\s+(?P<year>\d{4})", re.I),
]


TITLE_STAMP = 80  # how far after a repeated title its date stamp may stand


@dataclass(frozen=True)
class ParsedDate:
    iso: str
    precision: str  # minute | day | month
    span: tuple[int, int]  # where it stood in the text


def ascii_digits(text: str) -> str:
    """`٢٠١٧` (Arabic-Indic, or any script's decimal digits) as `2017`, which is how dates are stored."""
    return re.sub(r"\d", lambda m: str(int(m.group())), text)


def parse_date(text: str, *, at_start: bool = False) -> ParsedDate | None:
    """The first date in `text` (or only one at its very start), or None."""
    text = text or ""
    for pattern in PATTERNS:
        m = pattern.match(text.lstrip()) if at_start else pattern.search(text)
        if m is None:
            continue
        offset = len(text) - len(text.lstrip()) if at_start else 0
        parsed = from_parts(m.groupdict())
        if parsed is not None:
            iso, precision = parsed
            return ParsedDate(iso, precision, (m.start() + offset, m.end() + offset))
    return None


def from_parts(g: dict) -> tuple[str, str] | None:
    """ISO date and precision from a pattern's named groups (year; day and month name or number; a
    day-first-or-not pair a/b/sep; hour, minute, tz), or None when they make no date."""
    year = int(g["year"])
    if not 1900 <= year <= 2100:
        return None
    if g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        day_first = a > 12 or (b <= 12 and g["sep"] in ".-")
        day, month = (a, b) if day_first else (b, a)
    elif g.get("mon"):
        day, month = int(g["day"]), int(g["mon"])
    else:
        if g["month"].lower().rstrip(".") not in _MONTH_WORDS:
            return None  # `Janvier`: not an English month, whatever its first letters
        month = _MONTHS[g["month"].lower()[:3]]
        if g.get("day") is None:
            return f"{year:04d}-{month:02d}", "month"
        day = int(g["day"])
    try:
        when = datetime(year, month, day)
    except ValueError:
        return None
    if g.get("hour") is not None and g.get("minute") is not None and int(g["hour"]) < 24 and int(g["minute"]) < 60:
        hour = int(g["hour"])
        if (half := (g.get("half") or "").lower()) and hour <= 12:
            hour = hour % 12 + (12 if half == "p" else 0)  # `0147 PM`, `12:05 am`
        iso = when.replace(hour=hour, minute=int(g["minute"])).isoformat()
        if tz := g.get("tz"):
            iso += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        return iso, "minute"
    return when.date().isoformat(), "day"


@cache
def _lead_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    sections = load_sections("date_labels.txt")
    labels = "|".join(sorted((re.escape(w) for w in sections["labels"]), key=len, reverse=True))
    credits = "|".join(sorted((re.escape(w) for w in sections["credits"]), key=len, reverse=True))
    return re.compile(rf"\s*(?:{labels})\s*:?\s*", re.I), re.compile(rf"\b(?:{credits})\s+")


_UPDATED = re.compile(r"\s*\((?:last\s+)?updated?\b[^)]{0,60}\)", re.I)


def stamp_end(text: str, stamp: ParsedDate) -> int:
    """Where a page's date stamp ends, with the update time that may follow it: `07.04.2017(updated 1121
    07.04.2017)` is all stamp, none of it an event's date."""
    m = _UPDATED.match(text, stamp.span[1])
    return m.end() if m else stamp.span[1]


def lead_date(text: str, title: str | None = None) -> ParsedDate | None:
    """The date a page's text opens with, as datasets keep it: at the very start (`Wed 05 Apr 2017 …`,
    `17-06-2016 …`), after a publication label (`Date of publication 5 July 2016`, `Published July 21
    2015`, `Posted on July 2 2016 by …`), after a news agency's credit near the top (`… Monitor AFP
    Sunday 3 Jul 2016 …`), or in the stamp right after the page's own title when the text repeats it
    (`<title> Middle East 2159 18.05.2017(updated …)`). Its span includes the label (`data/date_labels.txt`)."""
    title = (title or "").strip()
    if title and text.startswith(title) and (found := parse_date(text[len(title) : len(title) + TITLE_STAMP])):
        start, end = len(title) + found.span[0], len(title) + found.span[1]
        if not any(w[:1].islower() for w in text[len(title) : start].split()):  # a byline, not a sentence
            return ParsedDate(found.iso, found.precision, (start, end))
    labels, credits = _lead_patterns()
    labelled = labels.match(text)
    if labelled and (found := parse_date(text[labelled.end() : labelled.end() + 60], at_start=True)):
        return ParsedDate(found.iso, found.precision, (labelled.start(), labelled.end() + found.span[1]))
    if (found := parse_date(text[:60], at_start=True)) is not None:
        return found
    for m in credits.finditer(text[:240]):
        if (found := parse_date(text[m.end() : m.end() + 60], at_start=True)) is not None:
            return ParsedDate(found.iso, found.precision, (m.end() + found.span[0], m.end() + found.span[1]))
    return None


def precision_of(iso: str | None) -> str | None:
    """How much of a stored ISO date is known: `year`, `month` or `day` (a time of day counts as day)."""
    if not iso:
        return None
    return {4: "year", 7: "month"}.get(len(iso), "day")


def day_of(iso: str | None) -> str | None:
    """The plain `YYYY-MM-DD` that spreadsheets and pandas read as a date; none for a month or a year."""
    return iso[:10] if precision_of(iso) == "day" else None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_RELATIVE = re.compile(
    rf"""\b(?:(?P<yesterday>yesterday)|(?P<today>today|this\s+morning|tonight)|(?:on|last|early|late)\s+(?P<weekday>{"|".join(_WEEKDAYS)})
    |(?-i:(?P<weekday2>{"|".join(w.title() for w in _WEEKDAYS)}))(?:['\u2019]?s)?
    |(?P<md>(?P<month>{_MONTH_WORD})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_WORD})))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# `said on Wednesday`: the day of the report, not of the event
_REPORTED = re.compile(
    r"\b(?:said|says|told\s+\S+|reported|announced|added|stated|claimed|confirmed)\s+(?:on\s+)?$", re.I
)
# A month and day without a year is taken to be this long before the article's date at most; further back,
# the article's date may be a page stamp, not the report's (the seed: stamped 2021, its events from 2016).
RECENT_DAYS = 62


@dataclass(frozen=True)
class EventDate:
    iso: str  # `2016-09-17`, or `--09-17` when the year cannot be known
    precision: str  # day | month
    as_written: str | None  # None: the article's own day, the text names none


def event_date(text: str, article_day: str | None) -> EventDate | None:
    """When a sentence says something happened: a full date as written, or `yesterday`, `on Tuesday`,
    `September 17` resolved against the article's own day (`article_day`, `YYYY-MM-DD`, or None)."""
    if (full := parse_date(text)) is not None:
        precision = "month" if full.precision == "month" else "day"
        return EventDate(full.iso[: 7 if precision == "month" else 10], precision, text[full.span[0] : full.span[1]])
    base = datetime.strptime(article_day, "%Y-%m-%d").date() if article_day else None
    for m in _RELATIVE.finditer(text):
        written = m.group(0)
        if _REPORTED.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        if m.group("md"):
            month = _MONTHS.get((m.group("month") or m.group("month2"))[:3].lower())
            day = int(m.group("day") or m.group("day2"))
            if month is None or not 1 <= day <= 31:
                continue
            if base is not None:
                for year in (base.year, base.year - 1):
                    try:
                        candidate = base.replace(year=year, month=month, day=day)
                    except ValueError:
                        break
                    if 0 <= (base - candidate).days <= RECENT_DAYS:
                        return EventDate(candidate.isoformat(), "day", written)
            return EventDate(f"--{month:02d}-{day:02d}", "day", written)
        if base is None:
            continue
        if m.group("yesterday"):
            return EventDate((base - timedelta(days=1)).isoformat(), "day", written)
        if m.group("today"):
            return EventDate(base.isoformat(), "day", written)
        back = (base.weekday() - _WEEKDAYS.index((m.group("weekday") or m.group("weekday2")).lower())) % 7
        return EventDate((base - timedelta(days=back)).isoformat(), "day", written)
    return None
