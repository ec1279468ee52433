"""PDF files: the text layer of every page, the tables, the document info.

``read_pdf`` reads each page's text with pdfium (pypdfium2), which is fast, unless
layout matters on that page: a page that draws lines or boxes (a ruled table) or sets
text in more than one size (superscripts, footnotes) is read with pdfplumber
(``page.extract_text()``, and ``page.extract_tables()`` kept apart in
``RawDocument.tables``; their text is already in the page text).  On plain pages the two
give the same text (``tests/test_ingest.py`` compares them); pdfplumber only finds
tables drawn with lines, so no table is lost.  Pages are joined with a blank line.

Pages with no text layer (scans) are read by OCR (:mod:`.ocr`, Tesseract's Vietnamese
model) when Tesseract is installed: their 1-based numbers are in ``hints["ocr_pages"]``
("2,3") and ``encoding`` ends in ``"ocr"``.  A PDF in which no page has text after that
raises ``needs_ocr``, saying whether Tesseract is missing or found nothing.

``extract_text_fast`` gives pdfium's text of every page, layout or not; pdfium puts a
line break after superscripts ("m2\\n đất"), pdfplumber glues them to the word
("m2 đất", "đồng1"), hence the choice above.

Text set in a legacy Vietnamese font comes out as the font's byte codes
(``.VnTime``: ``"B¸o c¸o"``); :func:`.encodings.repair_text` converts it (page
text, tables and hints alike) and ``encoding`` names it (``"tcvn3"``, ``"vni"``);
otherwise ``encoding`` stays None.

Hints: ``title``, ``author`` and ``created`` (ISO date) from the PDF info;
``ocr_pages``.
"""
from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psparser import PSEOF

from ..records import RawDocument
from . import ocr
from .base import IngestError, check_size, sentence
from .encodings import repair_text, repair_with

PAGE_SEPARATOR = "\n\n"
HEADER_WINDOW = 1024  # the %PDF- header may follow some junk bytes
PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")
INFO_HINTS = {"Title": "title", "Author": "author"}
# pdfminer writes "(cid:123)" for glyphs it cannot map to Unicode: not usable text.
UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


def read_pdf(path: Path) -> RawDocument:
    """Read a PDF: pdfium for plain pages, pdfplumber where layout matters (``doc_id`` is
    filled in by ``read_document``)."""
    check_pdf_header(path)
    fast = read_fast(path)
    try:
        tables = None
        if fast is not None:
            hints, page_texts = fast
            tables = read_layout_pages(path, page_texts)
        if tables is None:  # pdfium could not read it: pdfplumber reads it all (or says what is wrong)
            with pdfplumber.open(path) as pdf:
                hints = info_hints(pdf.metadata)
                page_texts, tables = read_pages(pdf)
    except (IngestError, OSError):
        raise
    except Exception as err:  # pdfminer raises many types on damaged files
        raise pdf_error(err) from None
    ocr_done = read_scanned_pages(path, page_texts)
    check_text_layer(page_texts)
    text, encoding = repair_text(PAGE_SEPARATOR.join(page_texts))
    if ocr_done:
        hints["ocr_pages"] = ",".join(str(index + 1) for index in ocr_done)
        encoding = f"{encoding}+ocr" if encoding else "ocr"
    return RawDocument(
        path=str(path),
        doc_id="",
        text=text,
        format="pdf",
        encoding=encoding,
        pages=len(page_texts),
        tables=[[[repair_with(cell, encoding) for cell in row] for row in table] for table in tables],
        hints={key: repair_with(value, encoding) for key, value in hints.items()},
    )


def read_fast(path: Path) -> tuple[dict[str, str], list[str | None]] | None:
    """Info hints and the text of every plain page with pdfium (~70× faster than pdfplumber);
    None for a page where layout matters (see :func:`layout_matters`), and None instead of
    the whole when pdfium cannot open the file."""
    try:
        document = pypdfium2.PdfDocument(path)
    except Exception:  # noqa: BLE001 — pdfplumber then reads it and reports the error
        return None
    try:
        if len(document) == 0:
            return None
        texts = []
        for index in range(len(document)):
            page = document[index]
            texts.append(None if layout_matters(page) else page_text_fast(document, index))
            page.close()
        return info_hints(document.get_metadata_dict()), texts
    except Exception:  # noqa: BLE001 — a damaged file: pdfplumber reads it and reports the error
        return None
    finally:
        document.close()


def layout_matters(page: pypdfium2.PdfPage) -> bool:
    """True if the page draws lines or boxes (a ruled table: pdfplumber finds tables only
    from those) or sets text in more than one size (superscripts, footnotes, headings:
    pdfium breaks the line after a superscript, pdfplumber keeps "m2 đất" together)."""
    sizes = set()
    for obj in page.get_objects():  # form XObjects included
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            return True
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            size = ctypes.c_float()
            pdfium_c.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
            matrix = obj.get_matrix()
            sizes.add(round(size.value * abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5, 1))
            if len(sizes) > 1:
                return True
    return False


def read_layout_pages(path: Path, page_texts: list[str | None]) -> list[list[list[str]]] | None:
    """Fill in the pages pdfium left out (None) with pdfplumber; return their tables (None
    when pdfplumber does not see those pages: the file is damaged)."""
    todo = [index for index, text in enumerate(page_texts) if text is None]
    if not todo:
        return []
    tables: list[list[list[str]]] = []
    with pdfplumber.open(path, pages=[index + 1 for index in todo]) as pdf:
        if len(pdf.pages) != len(todo):  # a damaged file: the two libraries see other pages
            return None
        for index, page in zip(todo, pdf.pages):
            page_texts[index] = page.extract_text() or ""
            tables.extend(clean_table(table) for table in page.extract_tables())
            page.close()
    return tables


def read_pages(pdf: pdfplumber.PDF) -> tuple[list[str], list[list[list[str]]]]:
    """Text and tables of every page, releasing each page after use."""
    texts: list[str] = []
    tables: list[list[list[str]]] = []
    for page in pdf.pages:
        texts.append(page.extract_text() or "")
        tables.extend(clean_table(table) for table in page.extract_tables())
        page.close()
    if not texts:
        raise IngestError("empty", "The PDF has no pages.")
    return texts, tables


def clean_table(table: list[list[str | None]]) -> list[list[str]]:
    """pdfplumber marks merged/missing cells with None; use empty strings."""
    return [[cell or "" for cell in row] for row in table]


def read_scanned_pages(path: Path, page_texts: list[str]) -> list[int]:
    """OCR the pages without text in place, when Tesseract can; return the indexes that gave text."""
    scanned = [index for index, text in enumerate(page_texts) if not has_text(text)]
    if not scanned or ocr.unavailable():
        return []
    found = {index: text for index, text in ocr.ocr_pages(path, scanned).items() if has_text(text)}
    for index, text in found.items():
        page_texts[index] = text
    return sorted(found)


def check_text_layer(page_texts: list[str]) -> None:
    """Raise ``needs_ocr`` when no page has any usable text (after OCR, if it could run)."""
    if any(has_text(text) for text in page_texts):
        return
    count = len(page_texts)
    where = "the only page" if count == 1 else f"any of the {count} pages"
    why = ocr.unavailable() or f"Tesseract found no text on {'it' if count == 1 else 'them'}"
    raise IngestError("needs_ocr", f"No text layer on {where}; OCR is needed. {why}.")


def has_text(page_text: str) -> bool:
    """True if the page text has something besides whitespace and unmapped glyphs."""
    return bool(UNMAPPED_GLYPH.sub("", page_text).strip())


def info_hints(metadata: dict) -> dict[str, str]:
    """Title, author and creation date from the PDF document info."""
    hints = {
        key: value.strip()
        for name, key in INFO_HINTS.items()
        if isinstance(value := metadata.get(name), str) and value.strip()
    }
    created = metadata.get("CreationDate")
    if isinstance(created, str) and (date := pdf_date(created)):
        hints["created"] = date
    return hints


def pdf_date(value: str) -> str | None:
    """``D:20181128162000+07'00'`` → ``2018-11-28`` (None if not a date)."""
    match = PDF_DATE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if not ("01" <= month <= "12" and "01" <= day <= "31"):
        return None
    return f"{year}-{month}-{day}"


def check_pdf_header(path: Path) -> None:
    """Refuse early, with a clear message, files that are not PDFs at all."""
    check_size(path)
    with path.open("rb") as handle:
        head = handle.read(HEADER_WINDOW)
    if b"%PDF-" not in head:
        raise IngestError("corrupt", "Not a valid PDF: the file has no %PDF- header.")


def pdf_error(err: Exception) -> IngestError:
    """Map a pdfplumber/pdfminer exception to an ``IngestError``."""
    inner = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
    if isinstance(inner, PDFPasswordIncorrect):
        return IngestError("encrypted", "The PDF is encrypted and needs a password to open.")
    if isinstance(inner, PSEOF):
        return IngestError("corrupt", "Not a valid PDF: it ends unexpectedly (the file may be truncated).")
    return IngestError("corrupt", sentence("Not a valid PDF", str(inner) or type(inner).__name__))


def extract_text_fast(path: Path) -> list[str]:
    """One string per page with pypdfium2 (line ends normalised to ``\\n``)."""
    check_pdf_header(path)
    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as err:
        raise pdfium_error(err) from None
    try:
        return [page_text_fast(document, index) for index in range(len(document))]
    finally:
        document.close()


def page_text_fast(document: pypdfium2.PdfDocument, index: int) -> str:
    """Text of one page with pdfium."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range().replace("\r\n", "\n")
    finally:
        textpage.close()
        page.close()


def pdfium_error(err: Exception) -> IngestError:
    """Map a pdfium loading error to an ``IngestError``."""
    if "password" in str(err).lower():
        return IngestError("encrypted", "The PDF is encrypted and needs a password to open.")
    return IngestError("corrupt", sentence("Not a valid PDF", err))
