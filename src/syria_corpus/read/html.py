"""HTML pages: the main text and the page's own metadata (title, date, author, site) via trafilatura."""

from __future__ import annotations

import codecs
import hashlib
import re
from html.parser import HTMLParser

from ..errors import InputError
from ..records import Document
from .decoding import decode

_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I
)
# a label as browsers read it (the WHATWG Encoding standard): each the superset a browser decodes it as
_AS_BROWSERS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}
_LABELS = {"iso-8859-8-i": "iso8859-8", "windows-874": "cp874", "x-sjis": "cp932"}  # labels Python lacks


def html_document(path: str, raw: bytes, charset: str | None = None) -> Document:
    """A page's bytes as its article: decoded (in `charset`, what a server said it sent, or else in what the
    page declares, where its bytes are not UTF-8) and extracted."""
    text, encoding, warnings = decode(raw, path, (charset and codec_for(charset)) or declared_charset(raw))
    return read_html(path, raw, text, encoding, warnings)


def declared_charset(raw: bytes) -> str | None:
    """The encoding a page declares in its first 4 KB (`<meta charset>`, `http-equiv` or an XML
    declaration), as a Python codec name; None where it declares none this Python knows."""
    found = _CHARSET.search(raw[:4096])
    if not found:
        return None
    return codec_for((found.group(1) or found.group(2)).decode("ascii"))


def codec_for(label: str) -> str | None:
    """An encoding's label as a Python codec name, read as browsers read it; None for a label this Python
    does not know."""
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_LABELS.get(label, label)).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):  # an ASCII declaration cannot be in these: a BOM decides them
        return None
    return _AS_BROWSERS.get(name, name)


# the date the page's markup states; never one guessed from numbers in its text (htmldate's extensive search
# dates a page that states none `2011-01-01` from "since 2011"), which our own reader reads where it opens
_DATES = {"original_date": True, "extensive_search": False}


def read_html(path: str, raw: bytes, text: str, encoding: str, warnings: list[str]) -> Document:
    import trafilatura

    def extract(page: str):
        result = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, favor_precision=True, date_extraction_params=_DATES
        )
        body = getattr(result, "text", None) if result is not None else None
        return result, body if body and body.strip() else None

    result, body = extract(_flattened(text) if _too_deep(text) else text)
    if body is None:
        raise InputError(f"{path}: no article text found in this HTML page")

    def meta(name: str) -> str | None:
        value = getattr(result, name, None)
        return str(value).strip() if value else None

    return Document(
        path=path,
        raw=raw,
        text=body,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        warnings=warnings,
        title=meta("title"),
        outlet=meta("sitename"),
        published=meta("date"),
        url=meta("url"),
        author=meta("author"),
        kind="text",
    )


_BLOCKS = frozenset(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article"])
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
MAX_DEPTH = 200  # libxml2, which parses pages for trafilatura, gives up past 256 levels


class _Flatten(HTMLParser):
    """Re-writes a page without the elements nested past MAX_DEPTH, keeping their text and a line break
    where a dropped block ended."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in _VOID:
            self.depth += 1
        if self.depth <= MAX_DEPTH:
            self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if self.depth < MAX_DEPTH:
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.depth <= MAX_DEPTH:
            self.out.append(f"</{tag}>")
        elif tag in _BLOCKS:
            self.out.append("<br/>")
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def _too_deep(page: str) -> bool:
    """Whether libxml2 gives up on the page's nesting: the parse stops there, and what is deeper is lost."""
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:  # lxml takes no encoding declaration in a decoded page
        lxml.html.document_fromstring(_XML_DECLARATION.sub("", page, count=1), parser=parser)
    except (ValueError, lxml.etree.LxmlError):
        return False  # nothing to parse: trafilatura says so in its own words
    return any("Excessive depth" in e.message for e in parser.error_log)


def _flattened(page: str) -> str:
    """The page without the elements nested past MAX_DEPTH, their text kept."""
    flatten = _Flatten()
    flatten.feed(page)
    flatten.close()
    return "".join(flatten.out)
