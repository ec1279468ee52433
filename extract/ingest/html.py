"""Saved web pages: the main text with trafilatura, and the page metadata.

Bytes are decoded strictly, in order: byte-order mark, the charset declared in
a ``<meta>`` tag, UTF-8, then trafilatura's guesses; failing all, a page that is
UTF-8 but for a few stray bytes is decoded with replacement characters
(encoding ``"utf-8-lossy"``).  The main text comes from
``trafilatura.extract`` (tables included, comments and boilerplate left out);
trafilatura returns it NFC-normalised.  Nothing is ever fetched from the
network.

Legacy Vietnamese (:func:`.encodings.repair_text`): UTF-8 mojibake
(``"Viá»‡t"``, a page saved after being read as Windows-1252) and TCVN3/VNI
text (old pages set in ``.VnTime`` or ``VNI-Times``) are converted on the whole
page before extraction, because trafilatura drops the C1 characters and soft
hyphens (TCVN3 ``ư``) they need; otherwise the extracted text is checked (VIQR
is plain ASCII and survives).  ``encoding`` then names what was found
(``"utf-8-mojibake"``, ``"tcvn3"`` …) instead of the byte encoding.

Hints: ``title``, ``date`` (ISO), ``author`` and ``url`` from
``trafilatura.extract_metadata``.
"""
from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura
from trafilatura.utils import detect_encoding

from ..records import RawDocument
from .base import IngestError, read_bytes, sentence
from .encodings import repair_text, repair_with
from .txt import decode_bom, decode_utf16_without_bom, looks_binary

LOGGER = logging.getLogger(__name__)

DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
CHARSET_WINDOW = 4096
# Browsers read these as windows-1252 (WHATWG encoding standard); Python codec names.
CHARSET_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
METADATA_HINTS = ("title", "date", "author", "url")
# A page that is UTF-8 but for a few stray bytes is kept, with those bytes as U+FFFD.
MAX_REPLACED_SHARE = 0.01
LOSSY_UTF8 = "utf-8-lossy"


def read_html(path: Path) -> RawDocument:
    """Read a saved HTML page (``doc_id`` is filled in by ``read_document``)."""
    html, encoding = decode_html(read_bytes(path))
    html, legacy = repair_text(html)
    text = main_text(html)
    hints = page_hints(html)
    if legacy is None:
        text, legacy = repair_text(text)
        hints = {key: repair_with(value, legacy) for key, value in hints.items()}
    return RawDocument(
        path=str(path), doc_id="", text=text, format="html", encoding=legacy or encoding, hints=hints
    )


def main_text(html: str) -> str:
    """The article text without navigation, menus and footers."""
    try:
        text = trafilatura.extract(
            html,
            include_tables=True,
            include_comments=False,
            favor_precision=False,
            with_metadata=False,
            output_format="txt",
        )
    except Exception as err:  # lxml/trafilatura on damaged markup
        raise IngestError("corrupt", sentence("Not a valid HTML page", f"{type(err).__name__}: {err}")) from None
    if not text or not text.strip():
        raise IngestError("empty", "No main text was found in the HTML page.")
    return text


def page_hints(html: str) -> dict[str, str]:
    """Title, date, author and canonical URL; missing values are left out."""
    try:
        metadata = trafilatura.extract_metadata(html)
    except Exception:  # metadata is a bonus: keep the text if it fails
        LOGGER.warning("trafilatura could not read the page metadata", exc_info=True)
        return {}
    hints = {}
    for key in METADATA_HINTS:
        value = getattr(metadata, key, None)
        if isinstance(value, str) and value.strip():
            hints[key] = value.strip()
    return hints


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode page bytes strictly; return ``(html, encoding name)``."""
    found = decode_bom(data) or decode_utf16_without_bom(data)
    if found is not None:
        return found
    if looks_binary(data):
        raise IngestError("binary", "This looks like a binary file, not an HTML page.")
    for encoding in candidate_encodings(data):
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    return decode_lossy(data)


def decode_lossy(data: bytes) -> tuple[str, str]:
    """UTF-8 with a few bad bytes replaced, as browsers do; too many → undecodable."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    if replaced > MAX_REPLACED_SHARE * len(text):
        raise IngestError("undecodable", "The page's text encoding could not be recognised.")
    return text, LOSSY_UTF8


def candidate_encodings(data: bytes) -> Iterator[str]:
    """Python codec names to try, each once, in order."""
    seen: set[str] = set()
    for label in candidate_labels(data):
        codec = codec_name(label)
        if codec and codec not in seen:
            seen.add(codec)
            yield codec


def candidate_labels(data: bytes) -> Iterator[str]:
    """Declared charset, UTF-8, then trafilatura's guesses (only computed if reached)."""
    if declared := declared_charset(data):
        yield declared
    yield "utf-8"
    yield from detect_encoding(data)


def declared_charset(data: bytes) -> str | None:
    """The charset named in a ``<meta>`` tag near the top, if any."""
    match = DECLARED_CHARSET.search(data[:CHARSET_WINDOW])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def codec_name(label: str) -> str | None:
    """Python's name for a charset label, or None if Python does not know it."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return CHARSET_ALIASES.get(name, name)
