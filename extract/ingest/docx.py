"""Word (.docx) files: paragraphs and tables in document order.

The body's block items (``w:p``, ``w:tbl``, and those inside content controls)
are read in order.  Each paragraph becomes one block; each table becomes a
:class:`~extract.records.RawTable` in ``RawDocument.tables`` and one block of
``render_table(table)`` (one line per row).  Blocks are separated by a blank line;
empty paragraphs, and tables with no text, are dropped.

Tables keep their merges: ``w:gridSpan`` is a cell's ``col_span``, a ``w:vMerge``
restart and the continuation cells below it one cell whose ``row_span`` counts them,
and ``w:gridBefore`` leaves grid columns empty at the start of a row.  The header rows
are the leading rows marked ``w:tblHeader`` (repeat as header row), else guessed
(:func:`.grid.guess_header_rows`).  The caption is the paragraph just before the table
(a heading, "Biểu 1: …"), if short.  A table nested in a cell is flattened into that
cell's text, one line per row.

Runs set in a legacy Vietnamese font (``.VnTime``/``.VnTimeH`` → TCVN3,
``VNI-Times`` → VNI; the run's own font, else its character style, paragraph
style, and document defaults) are converted to Unicode, run by run, with
:func:`.encodings.repair_text`; neighbouring runs in the same kind of font are
converted together, so a letter split across two runs is not lost, and a
``w:softHyphen`` in such a run is the TCVN3 byte AD (``ư``).  ``encoding`` is then
``"tcvn3"``, ``"vni"`` or ``"tcvn3+vni"``.  A document with no such run is checked
as a whole (a legacy font may be missing from the file) and otherwise keeps
``encoding=None``.

Hints: ``title``, ``author`` and ``created`` (ISO date) from the core properties.

python-docx unpacks every part into memory, so the ZIP directory is checked first:
more than ``MAX_UNPACKED_BYTES`` in all, or a package that unpacks to over
``MAX_RATIO`` times its size (a zip bomb), is refused as ``too_large``.
"""
from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from ..records import RawCell, RawDocument, RawTable, render_table
from .base import IngestError, MAX_BYTES, read_bytes, sentence
from .encodings import font_encoding, is_capital_font, repair_text, repair_with
from .grid import finish_table, repair_table

BLOCK_SEPARATOR = "\n\n"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
PARAGRAPH, TABLE = qn("w:p"), qn("w:tbl")
WRAPPERS = {qn("w:sdt"): "w:sdtContent", qn("w:customXml"): None}
RUN_CONTENT = "w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab | w:softHyphen"
SOFT_HYPHEN = qn("w:softHyphen")
MAX_UNPACKED_BYTES = MAX_BYTES
MAX_RATIO = 100  # real packages unpack to 5-20 times their size
RATIO_FROM_BYTES = 10 * 2**20  # smaller packages are not checked for their ratio


def read_docx(path: Path) -> RawDocument:
    """Read a .docx file (``doc_id`` is filled in by ``read_document``)."""
    check_container(read_bytes(path))
    try:
        document = docx.Document(str(path))
        fonts = RunFonts.of(document)
        blocks = read_body(document.element.body, fonts)
        hints = core_hints(document.core_properties)
    except (IngestError, OSError):
        raise
    except Exception as err:  # python-docx, zipfile and lxml errors on damaged packages
        raise IngestError("corrupt", sentence("Not a valid DOCX file", docx_error_detail(err))) from None
    text = join_blocks(blocks)
    if not text.strip():
        raise IngestError("empty", "The document contains no text.")
    encoding = "+".join(sorted(fonts.converted)) or None
    if encoding is None:
        _, encoding = repair_text(text)
        if encoding is not None:
            blocks = [repair_block(block, encoding) for block in blocks]
            text = join_blocks(blocks)
    hints = {key: repair_with(value, encoding) for key, value in hints.items()}
    tables = [block for block in blocks if isinstance(block, RawTable)]
    return RawDocument(
        path=str(path), doc_id="", text=text, format="docx", encoding=encoding, tables=tables, hints=hints
    )


def join_blocks(blocks: list[str | RawTable]) -> str:
    """Paragraphs and rendered tables, a blank line between blocks."""
    return BLOCK_SEPARATOR.join(block if isinstance(block, str) else render_table(block) for block in blocks)


def repair_block(block: str | RawTable, encoding: str) -> str | RawTable:
    """A paragraph or table converted from the encoding found in the whole text (line by
    line, as :func:`.encodings.repair_text` converts it)."""
    return repair_with(block, encoding) if isinstance(block, str) else repair_table(block, encoding)


def check_container(data: bytes) -> None:
    """Refuse files that are not ZIP packages, naming the likely reason."""
    if data.startswith(OLE_MAGIC):
        if OLE_ENCRYPTED_STREAM in data:
            raise IngestError("encrypted", "The Word document is password-protected.")
        raise IngestError(
            "unsupported",
            "This is a legacy Word 97-2003 (.doc) file named .docx; rename it to .doc to read it.",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError("corrupt", "Not a valid DOCX file: it is not a ZIP package (or it is truncated).")
    check_unpacked_size(data)


def check_unpacked_size(data: bytes) -> None:
    """Refuse a package that would unpack to too much (sizes from the ZIP directory)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(member.file_size for member in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as err:
        raise IngestError("corrupt", sentence("Not a valid DOCX file: the ZIP package is damaged", err)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise IngestError(
            "too_large",
            f"The DOCX package unpacks to {unpacked / 2**20:.0f} MB; the limit is {MAX_UNPACKED_BYTES / 2**20:.0f} MB.",
        )
    if unpacked > RATIO_FROM_BYTES and unpacked > MAX_RATIO * len(data):
        raise IngestError(
            "too_large",
            f"The DOCX package unpacks to {unpacked / 2**20:.0f} MB from {len(data) / 2**10:.0f} KB "
            f"(more than {MAX_RATIO} times its size); it looks like a zip bomb.",
        )


def docx_error_detail(err: Exception) -> str:
    """What went wrong, in words, for the common python-docx failures."""
    if isinstance(err, PackageNotFoundError):
        return "it is not a Word package"
    if isinstance(err, KeyError):
        return f"a required part is missing ({err.args[0] if err.args else err})"
    if isinstance(err, zipfile.BadZipFile):
        return f"the ZIP package is damaged ({err})"
    return f"{type(err).__name__}: {err}"


@dataclass
class RunFonts:
    """The font each run is set in, from the run, its styles and the document defaults.

    ``converted`` collects the legacy encodings of the runs that were converted.
    """

    styles: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # id → (font, based on)
    default_paragraph_style: str | None = None
    default_font: str | None = None
    converted: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document) -> RunFonts:
        root = document.styles.element
        styles = {
            style.get(qn("w:styleId")): (element_font(style.find(qn("w:rPr"))), first(style.xpath("./w:basedOn/@w:val")))
            for style in root.findall(qn("w:style"))
        }
        default = first(root.xpath("./w:style[@w:type='paragraph' and @w:default='1']/@w:styleId"))
        font = element_font(first(root.xpath("./w:docDefaults/w:rPrDefault/w:rPr")))
        return cls(styles=styles, default_paragraph_style=default, default_font=font)

    def font(self, run: BaseOxmlElement, paragraph: BaseOxmlElement) -> str | None:
        """Run formatting, then its character style, its paragraph's style, the defaults."""
        own = element_font(run.find(qn("w:rPr")))
        if own:
            return own
        paragraph_style = first(paragraph.xpath("./w:pPr/w:pStyle/@w:val")) or self.default_paragraph_style
        for style in (first(run.xpath("./w:rPr/w:rStyle/@w:val")), paragraph_style):
            if font := self.style_font(style):
                return font
        return self.default_font

    def style_font(self, style: str | None) -> str | None:
        """The font a style sets, following ``w:basedOn`` (cycles are cut)."""
        seen = set()
        while style and style not in seen:
            seen.add(style)
            font, style_based_on = self.styles.get(style, (None, None))
            if font:
                return font
            style = style_based_on
        return None


def element_font(rpr: BaseOxmlElement | None) -> str | None:
    """The font for non-ASCII letters (``w:hAnsi``), else ``w:ascii``, of a ``w:rPr``."""
    if rpr is None:
        return None
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return None
    return fonts.get(qn("w:hAnsi")) or fonts.get(qn("w:ascii"))


def first(values: list):
    return values[0] if values else None


def read_body(body: BaseOxmlElement, fonts: RunFonts) -> list[str | RawTable]:
    """Paragraphs with text and tables with text, in document order."""
    blocks: list[str | RawTable] = []
    for element in iter_blocks(body):
        if element.tag == PARAGRAPH:
            text = paragraph_text(element, fonts)
            if text.strip():
                blocks.append(text)
            continue
        caption = blocks[-1] if blocks and isinstance(blocks[-1], str) else None
        table = read_table(element, fonts, caption)
        if render_table(table):
            blocks.append(table)
    return blocks


def iter_blocks(container: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """``w:p`` and ``w:tbl`` children in order, looking inside content controls."""
    for child in container.iterchildren():
        if child.tag in (PARAGRAPH, TABLE):
            yield child
        elif child.tag in WRAPPERS:
            inner = child.find(qn(WRAPPERS[child.tag])) if WRAPPERS[child.tag] else child
            if inner is not None:
                yield from iter_blocks(inner)


def paragraph_text(paragraph: BaseOxmlElement, fonts: RunFonts) -> str:
    """All runs of a paragraph, including those in links, insertions, fields and
    inline content controls; text boxes (drawings) are left out.  Runs in a legacy
    font are converted, neighbours in the same kind of font together."""
    runs = [(run, fonts.font(run, paragraph)) for run in paragraph.xpath(".//w:r[not(ancestor::w:txbxContent)]")]
    parts = []
    for (encoding, _), group in itertools.groupby(runs, key=lambda pair: font_kind(pair[1])):
        group = list(group)
        if encoding is None:
            parts.extend(run.text for run, _ in group)
            continue
        text, converted = repair_text("".join(legacy_run_text(run) for run, _ in group), font=group[0][1])
        parts.append(text)
        fonts.converted.update({converted} - {None})
    return "".join(parts)


def font_kind(font: str | None) -> tuple[str | None, bool]:
    """(legacy encoding or None, all-capital font?) of a font name."""
    if not font:
        return None, False
    return font_encoding(font), is_capital_font(font)


def legacy_run_text(run: BaseOxmlElement) -> str:
    """A run's text with ``w:softHyphen`` kept as U+00AD, which is ``ư`` in TCVN3."""
    return "".join("\xad" if child.tag == SOFT_HYPHEN else str(child) for child in run.xpath(RUN_CONTENT))


def read_table(table: BaseOxmlElement, fonts: RunFonts, caption: str | None = None) -> RawTable:
    """A ``w:tbl`` on its grid: spans from ``w:gridSpan`` and ``w:vMerge``, header rows
    from ``w:tblHeader`` (else guessed)."""
    rows = table.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr")
    cells: list[RawCell] = []
    above: dict[int, RawCell] = {}  # grid column → the cell that last started there
    for row_index, row in enumerate(rows):
        col = grid_value(row, "./w:trPr/w:gridBefore/@w:val", default=0)
        for element in row.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
            span = max(grid_value(element, "./w:tcPr/w:gridSpan/@w:val", default=1), 1)
            start = above.get(col)
            if is_merge_continuation(element) and start and start.row + start.row_span == row_index:
                start.row_span += 1
            else:
                above[col] = RawCell(row_index, col, cell_text(element, fonts), col_span=span)
                cells.append(above[col])
            col += span
    return finish_table(cells, len(rows), header_rows=marked_header_rows(rows), caption=caption)


def marked_header_rows(rows: list[BaseOxmlElement]) -> int | None:
    """How many leading rows are marked ``w:tblHeader`` (None when the first is not)."""
    count = 0
    for row in rows:
        marks = row.xpath("./w:trPr/w:tblHeader")
        if not marks or marks[0].get(qn("w:val"), "true").lower() in ("0", "false", "off"):
            break
        count += 1
    return count or None


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


def cell_text(cell: BaseOxmlElement, fonts: RunFonts) -> str:
    """Paragraphs of a cell joined by newlines; nested tables as their lines."""
    parts = []
    for element in iter_blocks(cell):
        if element.tag == PARAGRAPH:
            parts.append(paragraph_text(element, fonts))
        else:
            parts.append(render_table(read_table(element, fonts)))
    return "\n".join(parts).strip()


def core_hints(properties) -> dict[str, str]:
    """Title, author and creation date (ISO) from the core properties."""
    hints = {}
    for key, value in (("title", properties.title), ("author", properties.author)):
        if value and value.strip():
            hints[key] = value.strip()
    if properties.created is not None:
        hints["created"] = properties.created.date().isoformat()
    return hints
