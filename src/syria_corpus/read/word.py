"""Word documents (.docx): a statement, transcript or report that a researcher holds, read as one article."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import InputError
from ..records import Document

if TYPE_CHECKING:
    from docx.document import Document as WordFile

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Word 97-2003, which python-docx cannot read


def read_docx(path: str, raw: bytes, source: str | None = None) -> Document:
    """The document's paragraphs, then its tables' cells, each a paragraph of the body. The title is the one
    its properties give, or else its first heading (left out of the body); the date it was made stands in
    only where the text states none, as a web capture's does."""
    word = _open(path, raw)
    props = word.core_properties
    paragraphs = [(_is_heading((p.style.name if p.style else None) or ""), p.text.strip()) for p in word.paragraphs]
    paragraphs = [(heading, text) for heading, text in paragraphs if text]
    first = next((i for i, (heading, _) in enumerate(paragraphs) if heading), None)
    title = (props.title or "").strip() or (paragraphs[first][1] if first is not None else None)
    body = [text for i, (_, text) in enumerate(paragraphs) if not (i == first and text == title)]
    body += _cells(word)
    if not body:
        raise InputError(f"{path}: no text in this Word document")
    return Document(
        path=path,
        raw=raw,
        text="\n\n".join(body),
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding="utf-8",
        title=title,
        kind="text",
        source=source,
        file_date=_made(props.created, props.modified),
    )


def _open(path: str, raw: bytes) -> WordFile:
    import docx
    from lxml import etree

    if raw.startswith(_OLE):
        raise InputError(f"{path}: a Word 97-2003 .doc, not a .docx; save it as .docx in Word or LibreOffice")
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise InputError(f"{path}: not a Word document (a .docx is a zip package, and this file is not one)")
    try:
        return docx.Document(io.BytesIO(raw))
    except (KeyError, ValueError):  # no [Content_Types].xml, or another kind of package (a spreadsheet)
        raise InputError(f"{path}: not a Word document (a zip package, but not of a .docx)") from None
    except (zipfile.BadZipFile, etree.LxmlError, EOFError, OSError) as e:
        raise InputError(f"{path}: a damaged Word document ({e or type(e).__name__})") from None


def _is_heading(style: str) -> bool:
    """`Heading 1` … `Heading 9` and `Title`, as Word names its built-in styles in every language."""
    name = style.lower()
    return name.startswith("heading") or name == "title"


def _cells(word: WordFile) -> list[str]:
    """The text of each table cell, row by row; a merged cell, which every row and column it spans
    repeats, once."""
    seen: set = set()  # the cells' elements, which Word's XML gives once however far a cell spans
    out: list[str] = []
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell._tc not in seen and (text := cell.text.strip()):
                    out.append(text)
                seen.add(cell._tc)
    return out


def _made(*dates: datetime | None) -> str | None:
    """The first of the dates the file's properties give, as ISO 8601."""
    return next((d.isoformat() for d in dates if d is not None), None)
