"""Dates as news pages and datasets write them, to ISO 8601 with their precision.

`24.08.2013` and `8/24/2013` are read day-first or month-first by which reading is possible (a day
over 12 decides; otherwise dots mean day-first and slashes month-first, as in the sources we see).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2}):?(?P<minute>\d{2})(?:\s*(?:GMT|UTC)(?:[+-]\d{1,2})?)?)?"
PATTERNS = [
    re.compile(
        r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?",
        re.I,
    ),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(r"(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})" + _TIME, re.I),
    re.compile(_MONTH + r"\s+(?P<year>\d{4})", re.I),
]


@dataclass(frozen=True)
class ParsedDate:
    iso: str
    precision: str  # minute | day | month
    span: tuple[int, int]  # where it stood in the text


def parse_date(text: str, *, at_start: bool = False) -> ParsedDate | None:
    """The first date in `text` (or only one at its very start), or None."""
    text = text or ""
    for pattern in PATTERNS:
        m = pattern.match(text.lstrip()) if at_start else pattern.search(text)
        if m is None:
            continue
        offset = len(text) - len(text.lstrip()) if at_start else 0
        parsed = _build(m.groupdict())
        if parsed is not None:
            iso, precision = parsed
            return ParsedDate(iso, precision, (m.start() + offset, m.end() + offset))
    return None


def _build(g: dict) -> tuple[str, str] | None:
    year = int(g["year"])
    if not 1900 <= year <= 2100:
        return None
    if g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        day_first = a > 12 or (b <= 12 and g["sep"] == ".")
        day, month = (a, b) if day_first else (b, a)
    elif g.get("mon"):
        day, month = int(g["day"]), int(g["mon"])
    else:
        month = _MONTHS[g["month"].lower()[:3]]
        if g.get("day") is None:
            return f"{year:04d}-{month:02d}", "month"
        day = int(g["day"])
    try:
        when = datetime(year, month, day)
    except ValueError:
        return None
    if g.get("hour") is not None and g.get("minute") is not None and int(g["hour"]) < 24 and int(g["minute"]) < 60:
        iso = when.replace(hour=int(g["hour"]), minute=int(g["minute"])).isoformat()
        if tz := g.get("tz"):
            iso += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        return iso, "minute"
    return when.date().isoformat(), "day"
