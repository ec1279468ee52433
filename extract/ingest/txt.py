"""Plain-text files: find the encoding, decode strictly, keep the text as is.

``decode`` tries, in order: a byte-order mark, UTF-16 without a BOM (when the
NUL bytes fall on one side of every pair), then UTF-8 and the legacy Vietnamese
encodings with :func:`.encodings.detect_and_decode` (TCVN3, TCVN5712-1, VNI, cp1258, chosen
by how many words come out as Vietnamese syllables).  Unicode text is then checked
for mojibake, VIQR and TCVN3/VNI characters (:func:`.encodings.repair_text`);
correct text is returned exactly as it was, and the encoding name says what was
found: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-16-le``/``-be``, ``tcvn3``,
``tcvn5712-1`` (TCVN3 with its capitals, as iconv writes it), ``vni``, ``cp1258``, ``viqr``, ``utf-8-mojibake``.

A file of more than four bytes per allowed character (:data:`.base.MAX_CHARS`) is
refused as ``too_large`` before it is decoded: no encoding needs more.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from ..records import RawDocument
from .base import MAX_CHARS, IngestError, check_size, read_bytes
from .encodings import LEGACY_BYTE_ENCODINGS, UnknownEncoding, detect_and_decode, repair_text, tcvn5712_table

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one (not handled, see below).
BOMS: list[tuple[bytes, str, str]] = [
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
]

#: Tried after the BOM and UTF-16 checks, in order (named in the error message).
TEXT_ENCODINGS = ("utf-8", *LEGACY_BYTE_ENCODINGS)

SAMPLE_BYTES = 64 * 1024
MAX_TEXT_BYTES = 4 * MAX_CHARS  # UTF-8 and UTF-16 take at most four bytes per character
# UTF-16 without BOM: at least this share of the pairs carry a NUL on one side,
# and at most MAX_OTHER_SIDE_NUL on the other.
MIN_UTF16_NUL_SHARE = 0.3
MAX_OTHER_SIDE_NUL = 0.05
# Binary: share of C0 control bytes other than whitespace, ESC and DOS end-of-file.
MAX_CONTROL_SHARE = 0.05
TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1a\x1b")


def read_txt(path: Path) -> RawDocument:
    """Read a plain-text file (``doc_id`` is filled in by ``read_document``)."""
    check_text_bytes(check_size(path))
    data = read_bytes(path)
    text, encoding = decode(data)
    if not text.strip():
        raise IngestError("empty", "The file contains only whitespace.")
    return RawDocument(path=str(path), doc_id="", text=text, format="txt", encoding=encoding)


def check_text_bytes(size: int) -> None:
    """Refuse, without reading it, a file too big to hold at most ``MAX_CHARS`` characters."""
    if size > MAX_TEXT_BYTES:
        raise IngestError(
            "too_large",
            f"The text file is too large ({size / 2**20:.1f} MB): a document may have at most {MAX_CHARS:,} "
            f"characters, which take at most {MAX_TEXT_BYTES / 2**20:.1f} MB; split it into smaller files.",
        )


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` strictly; return ``(text, encoding name)``.

    Raises ``IngestError`` ``binary`` or ``undecodable``.
    """
    found = decode_bom(data) or decode_utf16_without_bom(data)
    if found is not None:
        return repair_unicode(*found)
    if looks_binary(data):
        raise IngestError("binary", "This looks like a binary file, not text (it contains NUL or control bytes).")
    try:
        return detect_and_decode(data)
    except UnknownEncoding:
        raise IngestError("undecodable", undecodable_message(data)) from None


def repair_unicode(text: str, encoding: str) -> tuple[str, str]:
    """Unicode text that still spells a legacy encoding is converted and named after it."""
    repaired, legacy = repair_text(text)
    return repaired, legacy or encoding


def decode_bom(data: bytes) -> tuple[str, str] | None:
    """Decode by byte-order mark, or None if there is none."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            return strict_decode(data, codec), name
    return None


def decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 LE/BE without BOM when the NUL bytes clearly say so, else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:SAMPLE_BYTES]
    pairs = len(sample) // 2
    even_nul = sample[0::2].count(0) / pairs
    odd_nul = sample[1::2].count(0) / pairs
    if odd_nul >= MIN_UTF16_NUL_SHARE and even_nul <= MAX_OTHER_SIDE_NUL:
        codec = "utf-16-le"
    elif even_nul >= MIN_UTF16_NUL_SHARE and odd_nul <= MAX_OTHER_SIDE_NUL:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


def strict_decode(data: bytes, codec: str) -> str:
    """Decode with ``codec`` or raise ``undecodable`` naming the bad byte."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise IngestError(
            "undecodable",
            f"The file starts with a {codec} byte-order mark but is not valid {codec} "
            f"(bad bytes at offset {err.start}).",
        ) from None


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or too many control bytes, in the first 64 KB."""
    sample = data[:SAMPLE_BYTES]
    if 0 in sample:
        return True
    letters = vn1_control_letters() if any(byte >= 0x80 for byte in sample) else frozenset()
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in TEXT_CONTROLS and byte not in letters)
    return controls > MAX_CONTROL_SHARE * len(sample)


def vn1_control_letters() -> frozenset[int]:
    """Control bytes TCVN5712-1 uses for capitals with tone marks (0x01 is Ú, 0x16 Ý …): in a
    file that also has 8-bit bytes they are letters, not signs of a binary file."""
    return frozenset(byte for byte in tcvn5712_table() if byte < 0x20)


def undecodable_message(data: bytes) -> str:
    """Say where UTF-8 decoding failed and what was tried."""
    tried = ", ".join(TEXT_ENCODINGS)
    try:
        data.decode("utf-8")
        where = ""
    except UnicodeDecodeError as err:
        where = f" (byte 0x{data[err.start]:02x} at offset {err.start} is not valid UTF-8)"
    return f"The text encoding could not be recognised{where}; tried: {tried}, UTF-16."
