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

Data tables are read from the page itself (lxml), not from trafilatura's text: each
``<table>`` with at least two rows and two columns (and no table inside it) becomes a
:class:`~extract.records.RawTable` — ``colspan``/``rowspan`` kept, ``<thead>`` rows and
leading rows of ``<th>`` as headers (else guessed, :func:`.grid.guess_header_rows`),
the ``<caption>`` or else the heading or paragraph just before it as caption — and is
replaced by a placeholder paragraph before extraction; the placeholder's line in the
extracted text becomes the table's ``render_table`` block (a table whose placeholder
trafilatura dropped goes after the text it followed, else at the end).  Other tables
(one row or column, tables of tables) are page layout: their cells become plain blocks.
Tables in ``<nav>``, ``<header>``, ``<footer>``, ``<aside>`` and ``<form>`` are left to
trafilatura, which drops them.

Hints: ``title``, ``date`` (ISO), ``author`` and ``url`` from
``trafilatura.extract_metadata``.
"""
from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.utils import detect_encoding

from ..records import RawCell, RawDocument, RawTable, render_table
from .base import IngestError, read_bytes, sentence
from .encodings import repair_text, repair_with
from .grid import finish_table, repair_table
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
PLACEHOLDER = "VNXTABLE{:06d}X"  # letters and digits only: no legacy-encoding repair touches it
LAYOUT_ANCESTORS = "ancestor::nav | ancestor::header | ancestor::footer | ancestor::aside | ancestor::form"
MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534  # the HTML standard's limits
# The nearest paragraph, heading or table before a table (a caption only if not a table).
CAPTION_BEFORE = ("preceding::*[self::p or self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
                  " or self::table][normalize-space()][1]")
LINE_BREAKING = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_SEPARATOR = "\n\n"
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass
class PageTable:
    """A data table taken out of the page, and the text it followed (where to put it back
    if trafilatura drops its placeholder)."""

    table: RawTable
    placeholder: str
    after_text: str | None


def read_html(path: Path) -> RawDocument:
    """Read a saved HTML page (``doc_id`` is filled in by ``read_document``)."""
    html, encoding = decode_html(read_bytes(path))
    html, legacy = repair_text(html)
    page, tables = take_out_tables(html)
    text = main_text(page, required=not tables)
    hints = page_hints(html)
    if legacy is None:
        text, legacy = repair_text(text)
        hints = {key: repair_with(value, legacy) for key, value in hints.items()}
        tables = [PageTable(repair_table(t.table, legacy), t.placeholder, t.after_text) for t in tables]
    text = put_back_tables(text, tables)
    return RawDocument(
        path=str(path), doc_id="", text=text, format="html", encoding=legacy or encoding,
        tables=[t.table for t in tables], hints=hints,
    )


def take_out_tables(html: str) -> tuple[str, list[PageTable]]:
    """The page with each data table replaced by a placeholder paragraph (its
    ``<caption>`` kept as a paragraph before it), layout tables as plain blocks, and the
    data tables; the page unchanged when it has no table."""
    if "<table" not in html.lower():
        return html, []
    try:
        root = lxml.html.document_fromstring(XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):  # trafilatura reports damaged pages
        return html, []
    etree.strip_elements(root, "script", "style", etree.Comment, with_tail=False)
    found, layout = [], []
    for element in root.iter("table"):
        if element.xpath(LAYOUT_ANCESTORS):
            continue
        before = text_before(element)
        table = None if element.find(".//table") is not None else read_table(element, before)
        if table is None or table.n_rows < 2 or table.n_cols < 2:
            layout.append(element)
        else:
            found.append((element, PageTable(table, PLACEHOLDER.format(len(found)), before)))
    for element, page_table in found:
        take_out(element, page_table)
    for element in layout:
        flatten_layout_table(element)
    return lxml.html.tostring(root, encoding="unicode"), [page_table for _, page_table in found]


def text_before(element: etree._Element) -> str | None:
    """The text of the heading or paragraph just before a table (None after another table)."""
    before = element.xpath(CAPTION_BEFORE)
    if not before or before[0].tag == "table" or before[0].xpath("ancestor::table"):
        return None
    return unicodedata.normalize("NFC", " ".join(before[0].text_content().split())) or None


def read_table(element: etree._Element, preceding: str | None = None) -> RawTable:
    """A ``<table>`` on its grid, with ``rowspan``/``colspan`` and header rows; the
    caption is its ``<caption>``, else the ``preceding`` paragraph's text."""
    rows = table_rows(element)
    cells: list[RawCell] = []
    covered_until: dict[int, int] = {}  # grid column → first row not covered by a rowspan from above
    for row_index, row in enumerate(rows):
        col = 0
        for cell in row.xpath("./td | ./th"):
            while covered_until.get(col, 0) > row_index:
                col += 1
            col_span = span(cell, "colspan", MAX_COLSPAN) or 1
            row_span = span(cell, "rowspan", MAX_ROWSPAN) or len(rows) - row_index  # rowspan="0": to the end
            cells.append(RawCell(row_index, col, cell_text(cell), row_span, col_span, is_header=cell.tag == "th"))
            if row_span > 1:
                covered_until.update(dict.fromkeys(range(col, col + col_span), row_index + row_span))
            col += col_span
    return finish_table(cells, len(rows), header_rows=marked_header_rows(rows),
                        caption=caption_text(element) or preceding)


def table_rows(element: etree._Element) -> list[etree._Element]:
    """``<tr>`` rows in display order: ``<thead>``, the body, then ``<tfoot>``."""
    return element.xpath("./thead/tr") + element.xpath("./tr | ./tbody/tr") + element.xpath("./tfoot/tr")


def span(cell: etree._Element, attribute: str, limit: int) -> int:
    """A ``colspan``/``rowspan`` value cut to ``limit``: 1 when missing or not a number,
    0 when 0 (``rowspan="0"`` reaches the end of the table)."""
    digits = re.match(r"\s*(\d+)", cell.get(attribute, ""))
    return min(int(digits.group(1)), limit) if digits else 1


def cell_text(cell: etree._Element) -> str:
    """A cell's text, with a line break where a ``<br>`` or a block element starts."""
    parts = [cell.text or ""]
    for node in cell.iterdescendants():
        if node.tag in LINE_BREAKING:
            parts.append("\n")
        parts.extend((node.text or "", node.tail or ""))
    return unicodedata.normalize("NFC", "".join(parts)).strip()  # as trafilatura gives the text


def marked_header_rows(rows: list[etree._Element]) -> int | None:
    """Leading rows in ``<thead>`` or made only of ``<th>`` cells (None when there are none)."""
    count = 0
    for row in rows:
        if row.getparent().tag != "thead" and (row.xpath("./td") or not row.xpath("./th")):
            break
        count += 1
    return count or None


def caption_text(element: etree._Element) -> str | None:
    """The text of a table's ``<caption>``, whitespace collapsed, or None."""
    caption = element.find("caption")
    if caption is None:
        return None
    return unicodedata.normalize("NFC", " ".join(caption.text_content().split())) or None


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str | None) -> str | None:
    """``text`` without the control characters lxml refuses in a tree ('\\x07' after a table)."""
    return _NOT_XML.sub("", text) if text else text


def take_out(element: etree._Element, page_table: PageTable) -> None:
    """Replace the table by its ``<caption>`` (as a paragraph) and a placeholder paragraph."""
    replacement = [paragraph(page_table.placeholder)]
    if caption := caption_text(element):
        replacement.insert(0, paragraph(caption))
    replacement[-1].tail = _xml_text(element.tail)
    parent = element.getparent()
    position = parent.index(element)
    parent.remove(element)
    for offset, new in enumerate(replacement):
        parent.insert(position + offset, new)


def paragraph(text: str) -> etree._Element:
    element = etree.Element("p")
    element.text = text
    return element


def flatten_layout_table(element: etree._Element) -> None:
    """A layout table's rows and cells as ``<div>`` blocks, so its text reads as paragraphs."""
    for node in list(element.iter("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")):
        node.tag = "div"
        node.attrib.clear()


def put_back_tables(text: str, tables: list[PageTable]) -> str:
    """Each placeholder's line replaced by its table's rendering, as a block of its own;
    a table whose placeholder is gone goes after the text it followed, else at the end."""
    for page_table in tables:
        at = text.find(page_table.placeholder)
        rendered = render_table(page_table.table)
        if at >= 0:
            text = put_block(text[:at], rendered, text[at + len(page_table.placeholder):])
            continue
        at = text.find(page_table.after_text) if page_table.after_text else -1
        end = text.find("\n", at) if at >= 0 else -1
        cut = len(text) if at < 0 or end < 0 else end
        text = put_block(text[:cut], rendered, text[cut:])
    return text


def put_block(before: str, block: str, after: str) -> str:
    """``block`` between ``before`` and ``after`` with a blank line on each side."""
    before, after = before.rstrip(" \t\n"), after.lstrip(" \t\n")
    return BLOCK_SEPARATOR.join(part for part in (before, block, after) if part)


def main_text(html: str, required: bool = True) -> str:
    """The article text without navigation, menus and footers ("" when there is none and
    it is not ``required``)."""
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
        if required:
            raise IngestError("empty", "No main text was found in the HTML page.")
        return ""
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
