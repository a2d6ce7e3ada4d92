"""What a plain-text file states about itself, beside its text: a front-matter block (`---` YAML, as static
site generators and many scrapers write it), a sidecar `NAME.json` beside `NAME.txt`, or a `Source:`, `By`
or address line among its opening lines. What is stated wins over what segmenting would guess."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

from .tables import field_names, outlet_and_url

FIELDS = ("title", "date", "url", "outlet", "site", "author")
OPENING = 8  # lines of a text's head where a source, byline or address line may stand
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<block>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_ADDRESS = re.compile(r"(?i)^(?:(?:url|link|source url|original url)\s*:\s*)?(?P<url>https?://\S+)$")
_SOURCE = re.compile(r"(?i)^(?:source|outlet|publisher)\s*:\s*(?P<outlet>.{2,80})$")
_NAME = r"[A-Z][\w.'\u2019-]*(?:\s+(?:al-|el-|bin\s+|de\s+|van\s+)?[A-Z][\w.'\u2019-]*){0,4}"
_BYLINE = re.compile(rf"^[Bb][Yy]:?\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s*$")


def front_matter(text: str, path: str) -> tuple[dict[str, str], str, list[str]]:
    """(the fields a front-matter block states, the text without it, warnings). A block that is not a YAML
    mapping is a warning, and the text is read whole."""
    m = _FRONT.match(text)
    if m is None:
        return {}, text, []
    import yaml

    try:
        data = yaml.safe_load(m.group("block"))
    except yaml.YAMLError as e:
        problem = str(getattr(e, "problem", None) or e).splitlines()[0]
        return {}, text, [f"{path}: front matter is not valid YAML ({problem}); read as plain text"]
    if not isinstance(data, dict):
        return {}, text, [f"{path}: front matter is not a list of fields (key: value); read as plain text"]
    return stated(data), text[m.end() :], []


def sidecar(path: Path, shown: str) -> tuple[dict[str, str], bytes, list[str]]:
    """(the fields `NAME.json` beside `NAME.txt` states, its bytes, warnings)."""
    beside = path.with_suffix(".json")
    if not beside.is_file():
        return {}, b"", []
    try:
        raw = beside.read_bytes()
        data = json.loads(raw.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return {}, b"", [f"{shown}: its sidecar {beside.name} cannot be read ({_problem(e)}); the text is read alone"]
    if not isinstance(data, dict):
        return {}, b"", [f"{shown}: its sidecar {beside.name} is not a JSON object; the text is read alone"]
    return stated(data), raw, []


def stated(data: dict[str, Any]) -> dict[str, str]:
    """The fields of a mapping under any of the names each goes by (`date_publish`, `authors`, …), as text."""
    lower = {str(k).lower().strip(): v for k, v in data.items()}
    names = field_names()
    out: dict[str, str] = {}
    for name in FIELDS:
        value = next((lower[k] for k in names[name] if lower.get(k) not in (None, "", [])), None)
        if isinstance(value, list):
            value = ", ".join(str(v).strip() for v in value if str(v).strip())
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        if value is not None and str(value).strip():
            out[name] = str(value).strip()
    return out


def opening_lines(text: str) -> tuple[dict[str, str], str]:
    """(outlet, author and address that `Source: Reuters`, `By Anne Barnard`, an address line among the
    opening lines state, the text with those lines blank). `By Sunday, the army …` is no byline."""
    lines = text.split("\n")
    found: dict[str, str] = {}
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    for i, line in enumerate(lines[:OPENING]):
        s = line.strip()
        if len(s) > 100:
            continue
        if (m := _ADDRESS.match(s)) and "url" not in found:
            found["url"] = m.group("url")
        elif (m := _SOURCE.match(s)) and "outlet" not in found:
            found["outlet"] = m.group("outlet").strip()
        elif i != first and (m := _BYLINE.match(s)) and "author" not in found:  # a title may start `By`
            found.update(_byline(m.group("names")))
        else:
            continue
        lines[i] = ""
    return found, "\n".join(lines)


def _byline(names: str) -> dict[str, str]:
    """`Anne Barnard, Reuters`: the writers, and an outlet among the names where a profile knows it."""
    from .segment import profile_for

    parts = [p.strip() for p in re.split(r"\s*(?:,|\band\b|&)\s*", names) if p.strip()]
    outlets = [p for p in parts if profile_for(p)]
    writers = [p for p in parts if p not in outlets]
    return {k: v for k, v in (("author", ", ".join(writers)), ("outlet", outlets[0] if outlets else "")) if v}


def merged(*sources: dict[str, str]) -> dict[str, str]:
    """The fields of several sources, an earlier one winning; the outlet from the site or the address
    where none is named."""
    out: dict[str, str] = {}
    for fields in sources:
        out.update({k: v for k, v in fields.items() if k not in out})
    outlet, url = outlet_and_url(out.get("outlet"), out.get("url"), out.get("site"))
    return {**out, **({"outlet": outlet} if outlet else {}), **({"url": url} if url else {})}


def _problem(e: Exception) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"{e.msg} at line {e.lineno}"
    return getattr(e, "strerror", None) or str(e)
