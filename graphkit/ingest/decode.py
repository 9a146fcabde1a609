"""Bytes to text: byte-order marks, UTF-8 or Windows-1252/Latin-1, binary files refused.

Scraped folders hold whatever was downloaded: PDFs and images renamed .txt, files saved by old
Windows tools, UTF-16 exports. Each becomes text (saying how it was decoded) or a clear refusal.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from graphkit.errors import InputError

# leading bytes of file formats people save next to their articles (name shown in the warning)
MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP (or Office document)"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF (WebP, WAV or AVI)"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf", "7-Zip"),
    (b"Rar!", "RAR"),
    (b"\xd0\xcf\x11\xe0", "old Microsoft Office document"),
    (b"\x7fELF", "program (ELF)"),
    (b"{\\rtf", "RTF"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab and newline (and DEL): never text, break tokenizers and XML exports
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BINARY_SHARE = 0.05  # more control bytes than this in the first block: not a text file


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # what was used ("utf-8", "windows-1252", ...)
    note: str | None = None  # said to the user when the decoding was a guess or something was removed


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary file these bytes start, or None if they may be text."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if not head or any(head.startswith(bom) for bom, _ in BOMS):
        return None
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    return "binary data" if controls / len(head) > _BINARY_SHARE else None


def normalize_text(text: str) -> tuple[str, int]:
    """One kind of line ending (\\n) and no control characters; returns the text and how many were removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    cleaned, removed = _CONTROL.subn("", text)
    return cleaned.lstrip("\ufeff"), removed


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Text of a file's bytes; raises InputError for binary files."""
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(f"{name}: a {kind} file, not text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: starts with a {encoding} byte-order mark but is not {encoding}") from exc
            note = None if encoding == "utf-8" else f"read as {encoding.upper()} (byte-order mark)"
            return _finish(text, encoding, note)
    try:
        return _finish(data.decode("utf-8"), "utf-8", None)
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few damaged bytes (a cut download, a stray byte) stays UTF-8: reading it all as
    # Windows-1252 would garble every accented letter
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - data.count("\ufffd".encode())
    fine = sum(1 for c in lenient if c > "\x7f" and c != "\ufffd")
    if fine >= bad:
        return _finish(lenient, "utf-8", f"{bad} invalid UTF-8 sequence{'s' if bad > 1 else ''} replaced with U+FFFD")
    try:
        # Windows-1252 is Latin-1 with printable characters (curly quotes, dashes, €) in 0x80-0x9f
        return _finish(data.decode("windows-1252"), "windows-1252", "not UTF-8; read as Windows-1252")
    except UnicodeDecodeError:
        return _finish(data.decode("latin-1"), "latin-1", "not UTF-8; read as Latin-1")


def _finish(text: str, encoding: str, note: str | None) -> Decoded:
    cleaned, removed = normalize_text(text)
    if removed:
        extra = f"removed {removed} control character{'s' if removed > 1 else ''}"
        note = f"{note}; {extra}" if note else extra
    return Decoded(cleaned, encoding, note)
