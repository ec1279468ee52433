"""PDF files: the text layer read as paragraphs, with its pages, its tables and the document info.

Every page is read with pdfplumber, which gives each character's position and size, in four
steps (:func:`read_pdf`):

1. **tables** — ``page.find_tables()`` finds the ruled tables (at least 2 rows and 2 columns);
   each becomes a :class:`RawTable` whose cells' boxes give their row and column spans, with
   its header rows guessed as for every reader's table (``grid.finish_table``), its caption (the line just
   above it) and its page.  A table drawn without rules is found in what is left
   (:func:`aligned_tables`): a run of at least 3 lines, each split into cells by gaps with no
   space character in them, whose cells fall into at least 3 columns (the x ranges of cells
   that overlap are one column: a line of running text covers them all) that line up (most
   cells of a column share its left edge, right edge or centre), with a number outside the
   first column on most rows below the header.  A table that ends a page and goes on at the
   top of the next page with as many columns is one table (the header row repeated there is
   dropped).  A table's text is :func:`render_table` as a block of its own, and its
   characters are not read again.
2. **page chrome** — a line in the top or bottom band of a page that comes back on most pages
   (digits aside: "Báo cáo số 112 – trang 2") or that is a bare page number ("1", "- 2 -",
   "Trang 3/5") is dropped.
3. **columns** — a clear vertical gutter in the middle of a page, with text on both sides of
   it on many lines, makes a two-column page, read left column then right column; lines and
   tables that cross the gutter (a title) stay where they are.
4. **paragraphs** — a line wrapped inside a paragraph is joined to the next with a space: it
   ends without sentence punctuation, the next line's first word would not have fitted on it,
   the next line starts at the same left margin (or at the column's margin after an indented
   first line), in the same font size, at the normal line gap, and is neither a list item
   ("- ", "+ ", "a)", "1.") nor a heading in capitals.  A word hyphenated at the line end
   ("phát-" + "triển") loses the hyphen (a space stays between two whole syllables); a dash
   before a capital or a digit is kept ("Bà Rịa-Vũng Tàu", "2017-2020").  The last line of a
   column or page is joined to the first of the next the same way, without the gap test.
   Other lines end with "\\n", or "\\n\\n" after a wider gap; pages are separated by a blank
   line (:data:`PAGE_SEPARATOR`) unless a paragraph runs on.

``RawDocument.page_starts`` holds the offset in ``text`` of each page's first character (a
table continued from the page before: the offset of its first row there).

Pages with no text layer (scans) are read by OCR (:mod:`.ocr`, Tesseract's Vietnamese
model) when Tesseract is installed: their 1-based numbers are in ``hints["ocr_pages"]``
("2,3") and ``encoding`` ends in ``"ocr"``.  A PDF in which no page has text after that
raises ``needs_ocr``, saying whether Tesseract is missing or found nothing.  A file that
pdfplumber cannot parse but pdfium can is read as plain page texts by pdfium.

Text set in a legacy Vietnamese font comes out as the font's byte codes
(``.VnTime``: ``"B¸o c¸o"``); :func:`.encodings.repair_text` finds the encoding on the whole
text, then every line and cell is converted with it (``encoding`` names it: ``"tcvn3"``,
``"vni"``; otherwise None).

Hints: ``title``, ``author`` and ``created`` (ISO date) from the PDF info; ``ocr_pages``.
"""
from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psparser import PSEOF
from pdfplumber.utils import cluster_objects, extract_words
from pdfplumber.utils.text import chars_to_textmap

from ..clean import is_syllable
from ..records import RawCell, RawDocument, RawTable, render_table, table_lines
from . import ocr
from .base import IngestError, check_size, sentence
from .encodings import repair_text, repair_with
from .grid import finish_table

PAGE_SEPARATOR = "\n\n"
BLOCK_SEPARATOR = "\n\n"  # around a table, and between paragraphs set apart by a wider gap
HEADER_WINDOW = 1024  # the %PDF- header may follow some junk bytes
PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")
INFO_HINTS = {"Title": "title", "Author": "author"}
# pdfminer writes "(cid:123)" for glyphs it cannot map to Unicode: not usable text.
UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")

# Page chrome: lines this close to the top or bottom edge (share of the page height), at
# most this many at each end of a page, are candidates.
CHROME_BAND = 0.1
CHROME_LINES = 2
PAGE_NUMBER = re.compile(r"(?:-\s*)?\d{1,4}(?:\s*-)?|(?:trang|page)\s*\d{1,4}(?:\s*(?:/|trên|của|of)\s*\d{1,4})?", re.I)
# A gutter: at least this wide (pt), in the middle of the page, crossed by at most this share
# of its lines (or GUTTER_CROSSERS), with text on both sides on at least this share of them (and MIN_ROWS lines).
MIN_GUTTER = 9.0
GUTTER_ZONE = (0.3, 0.7)
GUTTER_CROSSING = 0.1
GUTTER_CROSSERS = 2  # … or this many lines (titles) on a short page
GUTTER_TWO_SIDED = 0.3
MIN_ROWS = 4
# Paragraph geometry, in font sizes: the width of a space, the slack on margins, the widest
# first-line indent (share of the column width), the extra gap that starts a paragraph.
SPACE_WIDTH = 0.25
MARGIN_SLACK = 0.3
MAX_INDENT = 0.2
PARAGRAPH_GAP = 0.4
MAX_LINE_GAP = 0.8  # the usual gap is no wider than this (a document of few lines measures badly)
SIZE_SLACK = 0.5  # pt: lines this close in size are in the same font size

SENTENCE_END = re.compile(r"[.!?…][”»\"')\]]*$")
LIST_ITEM = re.compile(r"[-+•–—*]\s|[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)]\s|[IVXLC]+\.\s")
HYPHENATED = re.compile(r"(?P<head>[^\W\d_]+)-$")  # "phát-": a letter right before the final hyphen
WORD_START = re.compile(r"[^\W\d_]+")
NUMERIC_CELL = re.compile(r"[-+]?\d[\d.,]*\s*%?")
# Tables drawn without rules: characters further apart than this (pt), with no space character
# between them, are in different cells; rows and columns at least; lines further apart than
# this many line heights are not rows of one table.
CELL_GAP = 3.0
MIN_ALIGNED = 3
MAX_ROW_GAP = 2.0


# ------------------------------------------------------------------------------ layout items


@dataclass
class Line:
    """One printed line of running text, where it stands on its page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the font size of most of its characters
    first_word_width: float
    page: int  # 0-based
    flow: tuple[int, int] = (1, 0)  # (columns of its band, its column)


@dataclass
class TableBlock:
    """A table on a page; a continuation (``continues`` set) adds its rows to that table."""

    table: RawTable
    top: float
    bottom: float
    x0: float
    x1: float
    continues: TableBlock | None = None
    first_row: int = 0  # a continuation: the merged table's row where this page begins


@dataclass
class TextBlock:
    """Text without layout: an OCR'd page, or a page pdfium read when pdfplumber could not."""

    text: str


Item = Line | TableBlock | TextBlock


@dataclass
class PageLayout:
    chars: list[dict]  # the characters outside the page's tables
    tables: list[TableBlock]
    width: float
    height: float
    index: int  # 0-based page number


@dataclass
class Geometry:
    """What the whole document's lines say about its layout: the margins of each flow and
    the usual gap between two lines of a paragraph."""

    margins: dict[tuple[int, int], tuple[float, float]]  # flow → (left, right)
    line_gap: float

    def margin(self, line: Line) -> tuple[float, float]:
        return self.margins.get(line.flow, (line.x0, line.x1))

    def paragraph_gap(self, a: Line, b: Line) -> bool:
        """True if ``b`` stands further below ``a`` than the lines of a paragraph do."""
        usual = min(self.line_gap, MAX_LINE_GAP * b.size)
        return b.top - a.bottom > usual + PARAGRAPH_GAP * b.size


# ------------------------------------------------------------------------------ reading


def read_pdf(path: Path) -> RawDocument:
    """Read a PDF as paragraphs, tables and pages (``doc_id`` is filled in by ``read_document``)."""
    check_pdf_header(path)
    try:
        with pdfplumber.open(path) as pdf:
            hints = info_hints(pdf.metadata)
            layouts = read_layouts(pdf)
    except (IngestError, OSError):
        raise
    except Exception as err:  # pdfminer raises many types on damaged files
        plain = read_plain_pages(path)
        if plain is None:
            raise pdf_error(err) from None
        hints, pages = plain
    else:
        drop_page_chrome(layouts)
        pages = [reading_order(layout) for layout in layouts]
    join_continued_tables(pages)
    page_texts = [page_plain_text(items) for items in pages]
    ocr_done = read_scanned_pages(path, page_texts)
    for index in ocr_done:
        pages[index] = [TextBlock(page_texts[index])]
    check_text_layer(page_texts)
    geometry = measure(pages)
    text, page_starts, tables = assemble(pages, geometry)
    encoding = repair_text(text)[1]
    if encoding:
        text, page_starts, tables = assemble(pages, geometry, lambda piece: repair_with(piece, encoding))
    if ocr_done:
        hints["ocr_pages"] = ",".join(str(index + 1) for index in ocr_done)
        encoding = f"{encoding}+ocr" if encoding else "ocr"
    return RawDocument(
        path=str(path),
        doc_id="",
        text=text,
        format="pdf",
        encoding=encoding,
        pages=len(pages),
        tables=tables,
        hints={key: repair_with(value, encoding) for key, value in hints.items()},
        page_starts=page_starts,
    )


def read_layouts(pdf: pdfplumber.PDF) -> list[PageLayout]:
    """Every page's tables and the characters outside them, releasing each page after use."""
    layouts = []
    for index, page in enumerate(pdf.pages):
        ruled = [block for table in page.find_tables() if (block := table_block(table, index))]
        chars = outside(page.chars, ruled)
        aligned = aligned_tables(chars, index)
        layouts.append(PageLayout(outside(chars, aligned), ruled + aligned, float(page.width), float(page.height), index))
        page.close()
    if not layouts:
        raise IngestError("empty", "The PDF has no pages.")
    return layouts


def read_plain_pages(path: Path) -> tuple[dict[str, str], list[list[Item]]] | None:
    """Info hints and each page's text by pdfium, without layout (None if pdfium fails too)."""
    try:
        document = pypdfium2.PdfDocument(path)
        try:
            hints = info_hints(document.get_metadata_dict())
            texts = [page_text_fast(document, index) for index in range(len(document))]
        finally:
            document.close()
    except Exception:  # noqa: BLE001 — the pdfplumber error is the one reported
        return None
    if not texts:
        return None
    return hints, [[TextBlock(text)] if text.strip() else [] for text in texts]


def page_plain_text(items: list[Item]) -> str:
    return "\n".join(item.text if not isinstance(item, TableBlock) else render_table(item.table) for item in items)


# ------------------------------------------------------------------------------ tables


def table_block(table, page_index: int) -> TableBlock | None:
    """A pdfplumber table as a :class:`TableBlock` (None unless 2 rows and 2 columns at least)."""
    grid = [row.cells for row in table.rows]
    if len(grid) < 2 or len(grid[0]) < 2:
        return None
    texts = table.extract()
    tops = sorted({box[1] for row in grid for box in row if box})
    lefts = sorted({box[0] for row in grid for box in row if box})
    cells = [
        RawCell(row=i, col=j, text=" ".join((texts[i][j] or "").split()),
                row_span=spanned(tops, box[1], box[3]), col_span=spanned(lefts, box[0], box[2]))
        for i, row in enumerate(grid) for j, box in enumerate(row) if box is not None
    ]
    raw = replace(finish_table(cells, len(grid)), page=page_index + 1)
    x0, top, x1, bottom = table.bbox
    return TableBlock(raw, top=top, bottom=bottom, x0=x0, x1=x1)


def spanned(starts: list[float], low: float, high: float) -> int:
    """How many grid lines (row tops or column lefts) a cell from ``low`` to ``high`` covers."""
    return max(1, sum(low - 0.5 <= start < high - 0.5 for start in starts))


def outside(chars: list[dict], blocks: list[TableBlock]) -> list[dict]:
    return [char for char in chars if not any(inside(char, block) for block in blocks)]


def inside(char: dict, block: TableBlock) -> bool:
    """True if the character's centre is in the table."""
    return (block.x0 <= (char["x0"] + char["x1"]) / 2 <= block.x1
            and block.top <= (char["top"] + char["bottom"]) / 2 <= block.bottom)


def aligned_tables(chars: list[dict], page_index: int) -> list[TableBlock]:
    """The page's tables drawn without rules (see the module notes): runs of lines of two
    cells or more, each run a table if its cells line up in columns."""
    cells = extract_words(chars, keep_blank_chars=True, x_tolerance=CELL_GAP)
    lines = [sorted(line, key=lambda cell: cell["x0"]) for line in cluster_objects(cells, "top", 1)]
    blocks, run = [], []
    for line in lines + [[]]:
        if len(line) >= 2 and (not run or line[0]["top"] - run[-1][0]["bottom"] <= MAX_ROW_GAP * line_height(line)):
            run.append(line)
            continue
        if block := aligned_block(run, page_index):
            blocks.append(block)
        run = [line] if len(line) >= 2 else []
    return blocks


def line_height(line: list[dict]) -> float:
    return max(cell["bottom"] - cell["top"] for cell in line)


def aligned_block(lines: list[list[dict]], page_index: int) -> TableBlock | None:
    """Lines of cells as a table, if they make 3 rows and 3 columns at least that line up, most
    rows below the header with a number outside the first column (None otherwise)."""
    columns = column_ranges(lines)
    if len(lines) < MIN_ALIGNED or len(columns) < MIN_ALIGNED:
        return None
    grid = [[[cell for cell in line if low <= cell["x0"] < high] for low, high in columns] for line in lines]
    if not all(lines_up([cell for row in grid for cell in row[col]]) for col in range(len(columns))):
        return None
    texts = [[" ".join(cell["text"].strip() for cell in cells) for cells in row] for row in grid]
    cells = [RawCell(row=i, col=j, text=text) for i, row in enumerate(texts) for j, text in enumerate(row)]
    table = replace(finish_table(cells, len(lines)), page=page_index + 1)
    data = texts[table.header_rows:]
    if 2 * sum(any(NUMERIC_CELL.fullmatch(text) for text in row[1:]) for row in data) <= len(data):
        return None
    boxes = [cell for line in lines for cell in line]
    return TableBlock(table, top=min(cell["top"] for cell in boxes), bottom=max(cell["bottom"] for cell in boxes),
                      x0=columns[0][0], x1=columns[-1][1])


def lines_up(cells: list[dict]) -> bool:
    """True if most of a column's cells share their left edge, their right edge or their centre."""
    edges = ("x0", "x1", lambda cell: (cell["x0"] + cell["x1"]) / 2)
    return any(2 * max(map(len, cluster_objects(cells, edge, CELL_GAP))) > len(cells) for edge in edges)


def column_ranges(lines: list[list[dict]]) -> list[tuple[float, float]]:
    """The columns of these cells: their x ranges, those that overlap merged into one."""
    columns: list[tuple[float, float]] = []
    for x0, x1 in sorted((cell["x0"], cell["x1"]) for line in lines for cell in line):
        if columns and x0 < columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def join_continued_tables(pages: list[list[Item]]) -> None:
    """A table that ends a page and one that starts the next, with as many columns: the
    second continues the first (its repeated header rows dropped)."""
    for before, items in zip(pages, pages[1:]):
        if not (before and items and isinstance(before[-1], TableBlock) and isinstance(items[0], TableBlock)):
            continue
        base = before[-1].continues or before[-1]
        if items[0].continues is None and items[0].table.n_cols == base.table.n_cols:
            items[0] = replace(items[0], continues=base, first_row=base.table.n_rows)
            base.table = appended(base.table, items[0].table)


def appended(table: RawTable, more: RawTable) -> RawTable:
    """``table`` with the rows of ``more`` below it, less the header rows repeated at its top."""
    repeated = 0
    while repeated < table.header_rows and row_texts(more, repeated) == row_texts(table, repeated):
        repeated += 1
    cells = [replace(cell, row=cell.row - repeated + table.n_rows, is_header=False)
             for cell in more.cells if cell.row >= repeated]
    return replace(table, cells=table.cells + cells, n_rows=table.n_rows + more.n_rows - repeated)


def row_texts(table: RawTable, row: int) -> list[str]:
    return [cell.text for cell in sorted(table.cells, key=lambda cell: cell.col) if cell.row == row]


# ------------------------------------------------------------------------------ page chrome


def text_lines(chars: list[dict]) -> list[dict]:
    """pdfplumber's lines of these characters (text, box and the characters of each)."""
    return chars_to_textmap(chars).extract_text_lines(strip=True, return_chars=True) if chars else []


def chrome_key(text: str) -> str:
    """What a running header or footer keeps from page to page: its words, digits aside."""
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def band_lines(layout: PageLayout) -> list[tuple[str, dict]]:
    """The lines at the top and bottom of a page that may be chrome, as (band, line)."""
    lines = text_lines(layout.chars)
    top = [("top", line) for line in lines[:CHROME_LINES] if line["bottom"] <= layout.height * CHROME_BAND]
    bottom = [("bottom", line) for line in lines[-CHROME_LINES:]
              if line["top"] >= layout.height * (1 - CHROME_BAND)]
    return top + [pair for pair in bottom if pair not in top]


def drop_page_chrome(layouts: list[PageLayout]) -> None:
    """Remove the characters of running headers, footers and page numbers."""
    candidates = [band_lines(layout) for layout in layouts]
    counts = Counter(key for page in candidates for key in {(band, chrome_key(line["text"])) for band, line in page})
    for layout, page in zip(layouts, candidates):
        dropped = {
            id(char) for band, line in page
            if PAGE_NUMBER.fullmatch(line["text"].strip()) or repeats(counts[band, chrome_key(line["text"])], len(layouts))
            for char in line["chars"]
        }
        if dropped:
            layout.chars = [char for char in layout.chars if id(char) not in dropped]


def repeats(count: int, pages: int) -> bool:
    """Seen on most pages (two at least)."""
    return count >= 2 and 2 * count >= pages


# ------------------------------------------------------------------------------ reading order


def reading_order(layout: PageLayout) -> list[Item]:
    """The page's lines and tables in reading order: top to bottom, and on a two-column page
    each band of two-column lines left column first."""
    lines = text_lines(layout.chars)
    gutter = find_gutter(lines, layout.width)
    if gutter is None:
        items = [(line["top"], as_line(line, layout)) for line in lines]
        items += [(block.top, block) for block in layout.tables]
        return [item for _, item in sorted(items, key=lambda pair: pair[0])]
    return two_column_order(lines, layout, gutter)


def find_gutter(lines: list[dict], width: float) -> tuple[float, float] | None:
    """The widest clear vertical strip in the middle of the page, if text stands on both
    sides of it on enough lines (a two-column page)."""
    if len(lines) < MIN_ROWS:
        return None
    low, high = int(width * GUTTER_ZONE[0]), int(width * GUTTER_ZONE[1])
    covered = [0] * (high - low)
    for line in lines:
        for x in covered_xs(line, low, high):
            covered[x - low] += 1
    best, start = (0, 0), None
    for x, count in enumerate(covered + [len(lines)]):
        if count <= max(GUTTER_CROSSERS, len(lines) * GUTTER_CROSSING):
            start = x if start is None else start
        elif start is not None:
            best, start = max(best, (x - start, start), key=lambda run: run[0]), None
    size, start = best
    if size < MIN_GUTTER:
        return None
    gutter = (low + start, low + start + size)
    two_sided = sum(1 for line in lines if side_of(line, gutter) == "both")
    return gutter if two_sided >= max(MIN_ROWS, len(lines) * GUTTER_TWO_SIDED) else None


def covered_xs(line: dict, low: int, high: int) -> set[int]:
    return {x for char in line["chars"] if not char["text"].isspace()
            for x in range(max(low, int(char["x0"])), min(high, math.ceil(char["x1"])))}


def side_of(line: dict, gutter: tuple[float, float]) -> str:
    """"cross" if the line has a character in the gutter, else "both", "left" or "right"."""
    chars = [char for char in line["chars"] if not char["text"].isspace()]
    if any(char["x0"] < gutter[1] and char["x1"] > gutter[0] for char in chars):
        return "cross"
    left = any(char["x1"] <= gutter[0] for char in chars)
    right = any(char["x0"] >= gutter[1] for char in chars)
    return "both" if left and right else "left" if left else "right"


def two_column_order(lines: list[dict], layout: PageLayout, gutter: tuple[float, float]) -> list[Item]:
    """Bands of lines that cross the gutter (read as they are) and of two-column lines (their
    characters split at the gutter, left column read first)."""
    middle = sum(gutter) / 2
    rows = [(line["top"], line, None) for line in lines]
    rows += [(block.top, None, block) for block in layout.tables]
    items: list[Item] = []
    band: list[tuple] = []

    def close_band():
        columns = [[], []]
        for _, line, block in band:
            if block is not None:
                columns[block.x0 >= middle].append((block.top, block))
                continue
            for column in (0, 1):
                chars = [char for char in line["chars"] if ((char["x0"] + char["x1"]) / 2 >= middle) == column]
                columns[column] += [(part["top"], as_line(part, layout, (2, column))) for part in text_lines(chars)]
        for column in columns:
            items.extend(item for _, item in sorted(column, key=lambda pair: pair[0]))
        band.clear()

    for top, line, block in sorted(rows, key=lambda row: row[0]):
        crosses = side_of(line, gutter) == "cross" if line else block.x0 < gutter[0] and block.x1 > gutter[1]
        if not crosses:
            band.append((top, line, block))
            continue
        close_band()
        items.append(block if block else as_line(line, layout))
    close_band()
    return items


def as_line(line: dict, layout: PageLayout, flow: tuple[int, int] = (1, 0)) -> Line:
    chars = [char for char in line["chars"] if not char["text"].isspace()]
    sizes = Counter(round(char["size"], 1) for char in chars)
    first_word = line["text"].split()[0] if line["text"].split() else ""
    word_chars = chars[: max(1, len(first_word))]
    width = word_chars[-1]["x1"] - word_chars[0]["x0"] if word_chars else 0.0
    return Line(
        text=line["text"], x0=line["x0"], x1=line["x1"], top=line["top"], bottom=line["bottom"],
        size=sizes.most_common(1)[0][0] if sizes else 0.0, first_word_width=width,
        page=layout.index, flow=flow,
    )


# ------------------------------------------------------------------------------ paragraphs


def measure(pages: list[list[Item]]) -> Geometry:
    """Each flow's left and right margin over the document, and the median gap between two
    consecutive lines of the same size in the same flow."""
    lines = [item for items in pages for item in items if isinstance(item, Line)]
    margins: dict[tuple[int, int], tuple[float, float]] = {}
    for line in lines:
        left, right = margins.get(line.flow, (line.x0, line.x1))
        margins[line.flow] = (min(left, line.x0), max(right, line.x1))
    gaps = [max(0.0, b.top - a.bottom) for a, b in zip(lines, lines[1:])
            if a.page == b.page and a.flow == b.flow and b.top > a.top and abs(a.size - b.size) <= SIZE_SLACK]
    return Geometry(margins, statistics.median(gaps) if gaps else 0.0)


def wrapped(a: Line, b: Line, geometry: Geometry) -> bool:
    """True if ``b`` goes on the paragraph that line ``a`` wrapped (see the module notes)."""
    if abs(a.size - b.size) > SIZE_SLACK or SENTENCE_END.search(a.text):
        return False
    if LIST_ITEM.match(b.text) or is_capital_heading(b.text) or is_capital_heading(a.text):
        return False
    if a.page == b.page and a.flow != b.flow and (a.flow[0], b.flow) != (2, (2, 1)):
        return False  # on one page, a paragraph runs on only from the left column to the right
    slack = MARGIN_SLACK * b.size
    a_left, a_right = geometry.margin(a)
    b_left, _ = geometry.margin(b)
    if a.x1 + SPACE_WIDTH * a.size + b.first_word_width < a_right - slack:
        return False  # b's first word would have fitted on a: a was not wrapped
    same_flow = a.page == b.page and a.flow == b.flow
    if same_flow and (b.top <= a.top or geometry.paragraph_gap(a, b)):
        return False
    indent_limit = max(slack, MAX_INDENT * (a_right - a_left))
    after_indent = b.x0 - b_left <= slack and -slack <= a.x0 - a_left <= indent_limit
    return after_indent or same_flow and abs(b.x0 - a.x0) <= slack


def is_capital_heading(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def joint(a: Line, b: Line) -> tuple[int, str]:
    """How a wrapped line joins the next: (characters to take off its end, separator)."""
    hyphen = HYPHENATED.search(a.text)
    if hyphen is None:
        return 0, "" if a.text.endswith("-") and not a.text.endswith(" -") else " "
    start = WORD_START.match(b.text)
    if start is None or not start.group()[0].islower():
        return 0, ""  # a compound: "Bà Rịa-Vũng Tàu"
    whole_syllables = is_syllable(hyphen["head"]) and is_syllable(start.group())
    return 1, " " if whole_syllables else ""


def paragraph_break(a: Line, b: Line, geometry: Geometry) -> str:
    """The separator between two lines of different paragraphs."""
    apart = a.page == b.page and a.flow == b.flow and geometry.paragraph_gap(a, b)
    return BLOCK_SEPARATOR if apart or abs(a.size - b.size) > SIZE_SLACK else "\n"


class _Output:
    """The document text being written, with its length."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def drop_last(self, count: int) -> None:
        if count:
            self.parts[-1] = self.parts[-1][:-count]
            self.length -= count

    def last_line(self) -> str:
        tail = []
        for part in reversed(self.parts):
            tail.append(part)
            if "\n" in part:
                break
        text = "".join(reversed(tail))
        return text[text.rfind("\n") + 1 :]

    def text(self) -> str:
        return "".join(self.parts)


def assemble(pages: list[list[Item]], geometry: Geometry,
             fix: Callable[[str], str] = lambda piece: piece) -> tuple[str, list[int], list[RawTable]]:
    """The document text, the offset where each page starts and the tables (``fix`` converts
    every line and cell: a legacy encoding)."""
    out = _Output()
    page_starts: list[int] = []
    tables: list[RawTable] = []
    placed: dict[int, tuple[int, RawTable]] = {}  # id(table block) → (offset, table as written)
    previous: Item | None = None
    for page_index, items in enumerate(pages):
        for position, item in enumerate(items):
            if isinstance(item, TableBlock) and item.continues is not None:
                offset, table = placed[id(item.continues)]
                page_starts.append(offset + rows_length(table, item.first_row))
                previous = item.continues
                continue
            if previous is None:
                separator = PAGE_SEPARATOR if page_index and position == 0 else ""
            elif isinstance(previous, Line) and isinstance(item, Line) and wrapped(previous, item, geometry):
                cut, separator = joint(previous, item)
                out.drop_last(cut)
            elif position == 0:
                separator = PAGE_SEPARATOR
            elif isinstance(previous, Line) and isinstance(item, Line):
                separator = paragraph_break(previous, item, geometry)
            else:
                separator = BLOCK_SEPARATOR
            caption = out.last_line() if isinstance(previous, Line) and previous.page == page_index else None
            out.add(separator)
            if position == 0:
                page_starts.append(out.length)
            if isinstance(item, TableBlock):
                table = written_table(item.table, caption, fix)
                placed[id(item)] = (out.length, table)
                tables.append(table)
                out.add(render_table(table))
            else:
                out.add(fix(item.text))
            previous = item
        if not items:
            if page_index:
                out.add(PAGE_SEPARATOR)
            page_starts.append(out.length)
            previous = None
    return out.text(), page_starts, tables


def written_table(table: RawTable, caption: str | None, fix: Callable[[str], str]) -> RawTable:
    cells = [replace(cell, text=fix(cell.text)) for cell in table.cells]
    return replace(table, cells=cells, caption=caption.strip() or None if caption else None)


def rows_length(table: RawTable, rows: int) -> int:
    """Characters of ``render_table(table)`` before its row ``rows`` (with the line break)."""
    above = table_lines(replace(table, cells=[cell for cell in table.cells if cell.row < rows]))
    return sum(len(line) + 1 for line in above)

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


def page_text_fast(document: pypdfium2.PdfDocument, index: int) -> str:
    """Text of one page with pdfium."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range().replace("\r\n", "\n")
    finally:
        textpage.close()
        page.close()
