"""Word (.docx) files: paragraphs and tables in document order.

The body's block items (``w:p``, ``w:tbl``, and those inside content controls)
are read in order.  Each paragraph becomes one block; each table becomes one
block with one line per row, cells joined by ``" | "``, and is also kept
structured in ``RawDocument.tables``.  Blocks are separated by a blank line;
empty paragraphs are dropped.

Table grids follow pdfplumber's convention: a cell covered by a horizontal or
vertical merge is ``""`` in ``tables``; empty cells are left out of the text
line.  A table
nested in a cell is flattened into that cell's text.

Hints: ``title``, ``author`` and ``created`` (ISO date) from the core properties.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from ..records import RawDocument
from .base import IngestError, read_bytes, sentence

CELL_SEPARATOR = " | "
BLOCK_SEPARATOR = "\n\n"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
PARAGRAPH, TABLE = qn("w:p"), qn("w:tbl")
WRAPPERS = {qn("w:sdt"): "w:sdtContent", qn("w:customXml"): None}


def read_docx(path: Path) -> RawDocument:
    """Read a .docx file (``doc_id`` is filled in by ``read_document``)."""
    check_container(read_bytes(path))
    try:
        document = docx.Document(str(path))
        blocks, tables = read_body(document.element.body)
        hints = core_hints(document.core_properties)
    except (IngestError, OSError):
        raise
    except Exception as err:  # python-docx, zipfile and lxml errors on damaged packages
        raise IngestError("corrupt", sentence("Not a valid DOCX file", docx_error_detail(err))) from None
    text = BLOCK_SEPARATOR.join(blocks)
    if not text.strip():
        raise IngestError("empty", "The document contains no text.")
    return RawDocument(path=str(path), doc_id="", text=text, format="docx", tables=tables, hints=hints)


def check_container(data: bytes) -> None:
    """Refuse files that are not ZIP packages, naming the likely reason."""
    if data.startswith(OLE_MAGIC):
        if OLE_ENCRYPTED_STREAM in data:
            raise IngestError("encrypted", "The Word document is password-protected.")
        raise IngestError(
            "unsupported",
            "This is a legacy Word 97-2003 (.doc) file named .docx; .doc is not supported yet.",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError("corrupt", "Not a valid DOCX file: it is not a ZIP package (or it is truncated).")


def docx_error_detail(err: Exception) -> str:
    """What went wrong, in words, for the common python-docx failures."""
    if isinstance(err, PackageNotFoundError):
        return "it is not a Word package"
    if isinstance(err, KeyError):
        return f"a required part is missing ({err.args[0] if err.args else err})"
    if isinstance(err, zipfile.BadZipFile):
        return f"the ZIP package is damaged ({err})"
    return f"{type(err).__name__}: {err}"


def read_body(body: BaseOxmlElement) -> tuple[list[str], list[list[list[str]]]]:
    """Text blocks and structured tables, in document order."""
    blocks: list[str] = []
    tables: list[list[list[str]]] = []
    for element in iter_blocks(body):
        if element.tag == PARAGRAPH:
            text = paragraph_text(element)
            if text.strip():
                blocks.append(text)
            continue
        table = table_rows(element)
        tables.append(table)
        if lines := table_lines(table):
            blocks.append("\n".join(lines))
    return blocks, tables


def iter_blocks(container: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """``w:p`` and ``w:tbl`` children in order, looking inside content controls."""
    for child in container.iterchildren():
        if child.tag in (PARAGRAPH, TABLE):
            yield child
        elif child.tag in WRAPPERS:
            inner = child.find(qn(WRAPPERS[child.tag])) if WRAPPERS[child.tag] else child
            if inner is not None:
                yield from iter_blocks(inner)


def paragraph_text(paragraph: BaseOxmlElement) -> str:
    """All runs of a paragraph, including those in links, insertions, fields and
    inline content controls; text boxes (drawings) are left out."""
    runs = paragraph.xpath(".//w:r[not(ancestor::w:txbxContent)]")
    return "".join(run.text for run in runs)


def table_rows(table: BaseOxmlElement) -> list[list[str]]:
    """The table as rows of cell strings; merged-over grid cells are ``""``."""
    rows = []
    for row in table.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr"):
        cells = [""] * grid_value(row, "./w:trPr/w:gridBefore/@w:val", default=0)
        for cell in row.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
            cells.append("" if is_merge_continuation(cell) else cell_text(cell))
            span = grid_value(cell, "./w:tcPr/w:gridSpan/@w:val", default=1)
            cells.extend([""] * (span - 1))
        rows.append(cells)
    return rows


def grid_value(element: BaseOxmlElement, path: str, default: int) -> int:
    """A non-negative integer attribute such as ``w:gridSpan``, or ``default``."""
    values = element.xpath(path)
    try:
        return max(int(values[0]), 0) if values else default
    except ValueError:
        return default


def is_merge_continuation(cell: BaseOxmlElement) -> bool:
    """A ``w:vMerge`` without ``val="restart"`` continues the cell above."""
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    return merge is not None and merge.get(qn("w:val"), "continue") == "continue"


def cell_text(cell: BaseOxmlElement) -> str:
    """Paragraphs of a cell joined by newlines; nested tables as their lines."""
    parts = []
    for element in iter_blocks(cell):
        if element.tag == PARAGRAPH:
            parts.append(paragraph_text(element))
        else:
            parts.extend(table_lines(table_rows(element)))
    return "\n".join(parts).strip()


def table_lines(rows: list[list[str]]) -> list[str]:
    """One line per non-empty row, cells joined by ``" | "``."""
    lines = []
    for row in rows:
        cells = [" ".join(cell.split()) for cell in row if cell.strip()]
        if cells:
            lines.append(CELL_SEPARATOR.join(cells))
    return lines


def core_hints(properties) -> dict[str, str]:
    """Title, author and creation date (ISO) from the core properties."""
    hints = {}
    for key, value in (("title", properties.title), ("author", properties.author)):
        if value and value.strip():
            hints[key] = value.strip()
    if properties.created is not None:
        hints["created"] = properties.created.date().isoformat()
    return hints
