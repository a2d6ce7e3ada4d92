"""HTML pages: the main text and the page's own metadata (title, date, author, site) via trafilatura."""

from __future__ import annotations

import hashlib

from ..errors import InputError
from ..records import Document


def read_html(path: str, raw: bytes, text: str, encoding: str, warnings: list[str]) -> Document:
    import trafilatura

    result = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, favor_precision=True)
    body = getattr(result, "text", None) if result is not None else None
    if not body or not body.strip():
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
