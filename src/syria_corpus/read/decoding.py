"""Bytes as text: the encoding a document is in, found in one streaming pass, and what the user is told about
bytes that are not what they claim to be."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import InputError

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HIGH = bytes(range(0x80, 0x100))
_CP1252_UNDEFINED = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D])
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, as surrogateescape shows them


@dataclass
class Decoding:
    """How a file's bytes become text: the codec, what becomes of bytes it cannot decode, the name
    stored on the article, and what the user is told."""

    codec: str
    errors: str = "strict"
    label: str = "utf-8"
    warnings: list[str] = field(default_factory=list)


class _Scan:
    """One pass over a file's bytes, in chunks: its byte-order mark, whether it is text at all, how many
    of its non-ASCII bytes are not UTF-8, and its NUL bytes."""

    def __init__(self, path: str):
        self.path = path
        self.bom: str | None = None
        self.decoder: codecs.IncrementalDecoder | None = None
        self.blank = True
        self.high = self.invalid = self.undefined = self.nul = 0

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.decoder is None:
            self.bom = next((codec for mark, codec in _BOMS if chunk.startswith(mark)), None)
            if self.bom is None:
                _check_text(chunk[:8192], self.path)
            self.decoder = codecs.getincrementaldecoder(self.bom or "utf-8-sig")(
                "strict" if self.bom else "surrogateescape"
            )
        try:
            text = self.decoder.decode(chunk, final)
        except UnicodeDecodeError:
            raise InputError(f"{self.path}: not valid {self.bom.upper()} despite its byte-order mark") from None
        self.blank = self.blank and not text.strip()
        self.nul += text.count("\x00")
        if self.bom is None:
            self.invalid += len(_ESCAPED.findall(text))
            self.high += len(chunk) - len(chunk.translate(None, _HIGH))
            self.undefined += len(chunk) - len(chunk.translate(None, _CP1252_UNDEFINED))

    def decision(self, declared: str | None = None) -> Decoding:
        """UTF-8 unless most non-ASCII bytes are not UTF-8: then the encoding the document declares (an
        HTML page's charset), or else a legacy single-byte encoding. A page saved as UTF-8 that still
        declares its original charset is read as UTF-8. A few invalid bytes in UTF-8 text are replaced
        (U+FFFD) and counted; NUL bytes are always removed."""
        if self.blank:
            raise InputError(f"{self.path}: file is empty")
        if self.bom:
            choice = Decoding(self.bom, label=self.bom)
        elif not self.invalid:
            choice = Decoding("utf-8-sig")
        elif declared and declared != "utf-8":
            choice = Decoding(declared, "replace", label=declared)
        elif self.invalid * 2 > self.high:
            legacy = "latin-1" if self.undefined else "cp1252"
            choice = Decoding(legacy, label=legacy, warnings=[f"{self.path}: not valid UTF-8; decoded as {legacy}"])
        else:
            n = self.invalid
            warning = f"{self.path}: {n} invalid UTF-8 byte{'s' if n > 1 else ''} replaced with U+FFFD"
            choice = Decoding("utf-8-sig", "replace", warnings=[warning])
        if self.nul:
            choice.warnings.append(f"{self.path}: {self.nul} NUL byte{'s' if self.nul > 1 else ''} removed")
        return choice


def decode(raw: bytes, path: str, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Bytes as text (see `_Scan.decision`); refuse binary data and empty files."""
    scan = _Scan(path)
    scan.feed(raw, final=True)
    choice = scan.decision(declared)
    return raw.decode(choice.codec, choice.errors).replace("\x00", ""), choice.label, choice.warnings


def _check_text(sample: bytes, path: str) -> None:
    if _control_ratio(sample) > 0.05:
        raise InputError(f"{path}: not a text document (binary data)")


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(sample), 1)


def scan_chunks(chunks: Iterable[bytes], path: str) -> Decoding:
    """How `decode` would decode the whole of these bytes, found by streaming through them once, so that a
    large table need not be held in memory."""
    scan = _Scan(path)
    for chunk in chunks:
        scan.feed(chunk)
    scan.feed(b"", final=True)
    return scan.decision()
