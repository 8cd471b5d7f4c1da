"""What a file given as CSV really holds: a binary file under a .csv name, its text
encoding (UTF-8, Windows-1252, UTF-16 with or without a byte-order mark), its separator."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from .sheets import Unreadable

CSV_EXPECTED = "a CSV text file (UTF-8, Windows-1252 or UTF-16) with a header row"


def binary_description(head: bytes, path: Path) -> tuple[str, str] | None:
    """Name a non-text file by its first bytes, or None if it may be text."""
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            names = []
        if any(name.startswith("xl/") for name in names):
            return ("an Excel workbook (.xlsx) with a .csv name",
                    f"{CSV_EXPECTED}; save it as CSV, or name it .xlsx")
        return "a ZIP archive", f"{CSV_EXPECTED}; unzip it first"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old-style Excel (.xls) workbook", f"{CSV_EXPECTED} or an .xlsx workbook"
    if head.startswith(b"PAR1"):
        return "a Parquet file with a .csv name", f"{CSV_EXPECTED}, or name it .parquet"
    if head.startswith(b"%PDF"):
        return "a PDF document", CSV_EXPECTED
    # a stray NUL in a cell is reported with its row by the cell checks; many are binary
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        return None
    if len(head.translate(None, _TEXT_BYTES)) > max(2, len(head) // 100):
        return "binary data, not text", CSV_EXPECTED
    return None


_TEXT_BYTES = bytes(b for b in range(256) if b >= 32 or b in b"\t\r\n")


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text saved without a byte-order mark: mostly
    ASCII characters, so one byte of each pair is NUL, always the same one."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0:pairs * 2:2], head[1:pairs * 2:2]
    for nuls, others, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls.count(0) >= 0.9 * pairs and others.count(0) <= pairs // 100:
            return name
    return None


def text_encoding(path: Path, head: bytes) -> str:
    """The text encoding of the file, checked over all of it a block at a time."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    candidates = [found] if (found := _utf16_without_bom(head)) else ["utf-8-sig", "cp1252"]
    for name in candidates:
        if _decodes(path, name):
            return name
    raise Unreadable("text in an unknown encoding", CSV_EXPECTED)


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > max(2, len(sample) // 100)


def csv_delimiter(text: str) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first_line.count(sep) for sep in (",", "\t", ";")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","
