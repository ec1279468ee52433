"""Tables as structures from DOCX, HTML and legacy .doc (antiword), built here.

Every reader gives each table as a ``RawTable`` (cells at their grid positions, merges as
spans, header rows, caption) and puts ``render_table(table)`` in the text as a block of
its own.  Inputs are generated in the tests: DOCX with python-docx (XML where python-docx
has no API), HTML as strings, antiword's output as the text it prints.
"""
from __future__ import annotations

import copy
import shutil
import subprocess
import time
import tracemalloc
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extract.ingest import doc as ingest_doc
from extract.ingest import read_document
from extract.ingest.doc import read_tables
from extract.ingest.encodings import legacy_view
from extract.ingest.grid import finish_table
from extract.ingest.html import PageTable, put_back_tables
from extract.records import RawCell, RawTable, render_table

CAPTION = "Biểu 1: Kết quả xây dựng mô hình năm 2023"
INTRO = (
    "Thực hiện Kế hoạch số 25-KH/HU của Ban Thường vụ Huyện ủy Cam Lộ, năm 2023 các xã trên địa bàn "
    "huyện đã xây dựng được nhiều mô hình “Dân vận khéo” trên các lĩnh vực, thu hút đông đảo hộ dân tham gia."
)
OUTRO = "Ban Dân vận Huyện ủy tiếp tục theo dõi, hướng dẫn các xã nhân rộng các mô hình có hiệu quả."
DATA = [["1", "Xã Cam Thành", "12", "340"], ["2", "Xã Cam Chính", "8", "215"]]
TOTAL = ["Tổng cộng", "20", "555"]
# (row, col, text, row_span, col_span, is_header) of the report's table in every format
REPORT_CELLS = [
    (0, 0, "STT", 2, 1, True), (0, 1, "Đơn vị", 2, 1, True), (0, 2, "Kết quả", 1, 2, True),
    (1, 2, "Số mô hình", 1, 1, True), (1, 3, "Số hộ tham gia", 1, 1, True),
    (2, 0, "1", 1, 1, False), (2, 1, "Xã Cam Thành", 1, 1, False), (2, 2, "12", 1, 1, False), (2, 3, "340", 1, 1, False),
    (3, 0, "2", 1, 1, False), (3, 1, "Xã Cam Chính", 1, 1, False), (3, 2, "8", 1, 1, False), (3, 3, "215", 1, 1, False),
    (4, 0, "Tổng cộng", 1, 2, False), (4, 2, "20", 1, 1, False), (4, 3, "555", 1, 1, False),
]
REPORT_LINES = [
    "STT | Đơn vị | Kết quả", "Số mô hình | Số hộ tham gia",
    "1 | Xã Cam Thành | 12 | 340", "2 | Xã Cam Chính | 8 | 215", "Tổng cộng | 20 | 555",
]


def cells_of(table: RawTable) -> list[tuple]:
    return [(c.row, c.col, c.text, c.row_span, c.col_span, c.is_header) for c in table.cells]


def grid(table: RawTable) -> list[list[str]]:
    """Cell texts at their top-left grid positions ("" where a merge covers)."""
    rows = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        rows[cell.row][cell.col] = cell.text
    return rows


def assert_rendered_as_block(text: str, table: RawTable) -> None:
    """The table's rendering is in the text as a block of its own."""
    rendered = render_table(table)
    at = text.find(rendered)
    assert at >= 0, (rendered, text)
    assert at == 0 or text[:at].endswith("\n\n")
    end = at + len(rendered)
    assert end == len(text) or text[end:].startswith("\n\n")


# --- DOCX -----------------------------------------------------------------------------------


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def fill(table, rows: list[list[str]]) -> None:
    for cells, row in zip(rows, table.rows):
        for text, cell in zip(cells, row.cells):
            cell.text = text


def report_docx(path: Path) -> Path:
    """The report: intro, caption, the two-row-header table with merges, closing paragraph."""
    document = docx.Document()
    document.add_heading("BÁO CÁO Kết quả thực hiện phong trào thi đua “Dân vận khéo” năm 2023", level=1)
    document.add_paragraph(INTRO)
    document.add_paragraph(CAPTION)
    table = document.add_table(rows=5, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "STT"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Đơn vị"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Kết quả"
    table.cell(1, 2).text, table.cell(1, 3).text = "Số mô hình", "Số hộ tham gia"
    fill(table, [[]] * 2 + DATA)
    table.cell(4, 0).merge(table.cell(4, 1)).text = TOTAL[0]
    table.cell(4, 2).text, table.cell(4, 3).text = TOTAL[1:]
    document.add_paragraph(OUTRO)
    return save(document, path)


def test_docx_report_table(tmp_path):
    raw = read_document(report_docx(tmp_path / "bao_cao.docx"), "bao_cao")
    [table] = raw.tables
    assert cells_of(table) == REPORT_CELLS
    assert (table.n_rows, table.n_cols, table.header_rows, table.caption) == (5, 4, 2, CAPTION)
    assert render_table(table).split("\n") == REPORT_LINES
    assert f"{CAPTION}\n\n{render_table(table)}\n\n{OUTRO}" in raw.text


def docx_table(path: Path, rows: list[list[str]], before: tuple[str, ...] = (), tweak=None) -> Path:
    """Paragraphs, then a table of ``rows``; ``tweak(table)`` edits it (merges, XML)."""
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
    fill(table, rows)
    if tweak:
        tweak(table)
    document.add_paragraph(OUTRO)
    return save(document, path)


def mark_header(*indexes: int, value: str | None = None):
    def tweak(table):
        for index in indexes:
            val = f' w:val="{value}"' if value else ""
            table.rows[index]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}{val}/>"))
    return tweak


def grid_before(table):
    """Row 1 starts one grid column in: its first cell is dropped."""
    tr = table.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))


def drop_last_cell(table):
    """A ragged row: the last row has one cell fewer."""
    tr = table.rows[-1]._tr
    tr.remove(tr.tc_lst[-1])


def stray_continuation(table):
    """Row 1 is one cell over both columns; row 2's second cell says it continues a merge,
    but the cell that started in that column (row 0) does not reach row 1."""
    table.cell(1, 0).merge(table.cell(1, 1))
    table.rows[2]._tr.tc_lst[1].get_or_add_tcPr().append(parse_xml(f"<w:vMerge {nsdecls('w')}/>"))


def nest_table(table):
    inner = table.cell(1, 1).add_table(rows=2, cols=2)
    fill(inner, [["Nam", "190"], ["Nữ", "150"]])


HEADED = [["Đơn vị", "Số mô hình"], ["Xã Cam Thành", "12"], ["Xã Cam Chính", "8"]]
TWO_ROW_HEADER = [["Đơn vị", "Kết quả"], ["", "Số mô hình"], ["Xã Cam Thành", "12"]]

DOCX_TABLES = [
    # (id, rows, paragraphs before, tweak, what the one table must show)
    ("gridBefore-leaves-column-empty", HEADED, (), grid_before,
     lambda t: grid(t)[1] == ["", "12"] and cells_of(t)[2] == (1, 0, "", 1, 1, False)),
    ("ragged-row-padded", HEADED, (), drop_last_cell,
     lambda t: grid(t)[2] == ["Xã Cam Chính", ""] and len(t.cells) == 6),
    ("tblHeader-marks-win-over-guess", TWO_ROW_HEADER, (), mark_header(0), lambda t: t.header_rows == 1),
    ("tblHeader-val-0-is-no-mark", TWO_ROW_HEADER, (), mark_header(0, value="0"), lambda t: t.header_rows == 2),
    ("guess-stops-at-first-number", TWO_ROW_HEADER, (), None,
     lambda t: t.header_rows == 2 and [c.is_header for c in t.cells] == [True] * 4 + [False] * 2),
    ("guess-year-heading-is-not-a-number", [["Đơn vị", "Năm 2022", "Năm 2023"], ["Xã Cam Thành", "10", "12"]], (), None,
     lambda t: t.header_rows == 1),
    ("guess-number-in-first-column-allowed", [["2023", "Xã Cam Thành", "Xã Cam Chính"], ["Số mô hình", "12", "8"]], (), None,
     lambda t: t.header_rows == 1),
    ("guess-at-most-three-rows", [["Họ và tên", "Chức vụ"]] + [["Nguyễn Văn An", "Chủ tịch UBND xã"]] * 4, (), None,
     lambda t: t.header_rows == 3),
    ("header-only-table", [["Đơn vị", "Số mô hình", "Ghi chú"]], (), None,
     lambda t: (t.n_rows, t.header_rows) == (1, 1) and all(c.is_header for c in t.cells)),
    ("empty-header-cells", [["", ""], ["Xã Cam Thành", "12"]], (), None,
     lambda t: t.header_rows == 1 and render_table(t) == "Xã Cam Thành | 12"),
    ("caption-is-paragraph-before", HEADED, (INTRO, CAPTION), None, lambda t: t.caption == CAPTION),
    ("caption-skips-empty-paragraphs", HEADED, (CAPTION, "", "  "), None, lambda t: t.caption == CAPTION),
    ("caption-not-a-long-paragraph", HEADED, (INTRO,), None, lambda t: t.caption is None),
    ("caption-none-at-start", HEADED, (), None, lambda t: t.caption is None),
    ("stray-vMerge-continue-is-a-cell-of-its-own", [["Đơn vị", "Ghi chú"], ["Xã Cam Thành", ""], ["Xã Cam An", "x"]], (),
     stray_continuation, lambda t: cells_of(t)[1] == (0, 1, "Ghi chú", 1, 1, True) and grid(t)[2] == ["Xã Cam An", "x"]),
    ("nested-table-flattened-into-cell", HEADED, (), nest_table,
     lambda t: grid(t)[1][1] == "12\nNam | 190\nNữ | 150"),
]


@pytest.mark.parametrize("rows, before, tweak, check", [row[1:] for row in DOCX_TABLES], ids=[row[0] for row in DOCX_TABLES])
def test_docx_table_rules(tmp_path, rows, before, tweak, check):
    raw = read_document(docx_table(tmp_path / "bieu.docx", rows, before, tweak), "bieu")
    [table] = raw.tables
    assert check(table), table
    assert_rendered_as_block(raw.text, table)


def test_docx_table_after_table_has_no_caption_and_empty_table_is_dropped(tmp_path):
    document = docx.Document()
    document.add_paragraph(CAPTION)
    fill(document.add_table(rows=2, cols=2), HEADED)
    document.add_table(rows=2, cols=2)  # no text at all
    fill(document.add_table(rows=2, cols=2), [["Xã Cam An", "5"], ["Xã Cam Hiếu", "7"]])
    raw = read_document(save(document, tmp_path / "hai.docx"), "hai")
    assert [t.caption for t in raw.tables] == [CAPTION, None]
    assert raw.text == f"{CAPTION}\n\nĐơn vị | Số mô hình\nXã Cam Thành | 12\n\nXã Cam An | 5\nXã Cam Hiếu | 7"


def test_docx_legacy_text_without_fonts_repairs_cells_and_rendering(tmp_path):
    """No legacy font named: TCVN3 is found in the text and cells are converted alike."""
    document = docx.Document()
    for para in (INTRO, OUTRO, CAPTION):
        document.add_paragraph(legacy_view(para, "tcvn3"))
    fill(document.add_table(rows=3, cols=2), [[legacy_view(t, "tcvn3") for t in row] for row in HEADED])
    raw = read_document(save(document, tmp_path / "cu.docx"), "cu")
    [table] = raw.tables
    assert raw.encoding == "tcvn3"
    assert (grid(table), table.caption) == (HEADED, CAPTION)
    assert_rendered_as_block(raw.text, table)


# --- HTML -----------------------------------------------------------------------------------

REPORT_TABLE_HTML = """<table border="1">
<thead><tr><th rowspan="2">STT</th><th rowspan="2">Đơn vị</th><th colspan="2">Kết quả</th></tr>
<tr><th>Số mô hình</th><th>Số hộ tham gia</th></tr></thead>
<tbody><tr><td>1</td><td>Xã Cam Thành</td><td>12</td><td>340</td></tr>
<tr><td>2</td><td>Xã Cam Chính</td><td>8</td><td>215</td></tr>
<tr><td colspan="2"><b>Tổng cộng</b></td><td>20</td><td>555</td></tr></tbody>
</table>"""


def page(body: str, nav: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Cam Lộ nhân rộng mô hình “Dân vận khéo”</title></head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li></ul>{nav}</nav>
<article><h1>Cam Lộ nhân rộng mô hình “Dân vận khéo”</h1><p>{INTRO}</p>
{body}
<p>{OUTRO}</p></article>
<footer><p>Cổng thông tin điện tử huyện Cam Lộ, tỉnh Quảng Trị.</p></footer></body></html>"""


def read_html(tmp_path: Path, html: str):
    path = tmp_path / "trang.html"
    path.write_text(html, encoding="utf-8")
    return read_document(path, "trang")


def test_html_report_table(tmp_path):
    raw = read_html(tmp_path, page(f"<p>{CAPTION}</p>\n{REPORT_TABLE_HTML}"))
    [table] = raw.tables
    assert cells_of(table) == REPORT_CELLS
    assert (table.n_rows, table.n_cols, table.header_rows, table.caption) == (5, 4, 2, CAPTION)
    assert f"{CAPTION}\n\n{render_table(table)}\n\n{OUTRO}" in raw.text
    assert "|---|" not in raw.text  # trafilatura's rendering of the table is gone


def rows_html(rows: list[list[str]], cell: str = "td") -> str:
    return "".join("<tr>" + "".join(f"<{cell}>{text}</{cell}>" for text in row) + "</tr>" for row in rows)


def table_html(rows: list[list[str]], head: str = "") -> str:
    return f"<table>{head}{rows_html(rows)}</table>"


HTML_TABLES = [
    # (id, body, what the page's tables must show)
    ("th-row-is-header-without-thead", f"<table>{rows_html([['Đơn vị', 'Ghi chú']], 'th')}{rows_html([['Xã Cam An', 'Mới']])}</table>",
     lambda ts: ts[0].header_rows == 1),
    ("no-th-guessed", table_html(TWO_ROW_HEADER), lambda ts: ts[0].header_rows == 2),
    ("th-in-body-row-is-header-cell", f"<table>{rows_html([['Đơn vị', 'Số mô hình']], 'th')}<tr><th>Xã Cam An</th><td>5</td></tr></table>",
     lambda ts: [c.is_header for c in ts[0].cells] == [True, True, True, False] and ts[0].header_rows == 1),
    ("caption-element", f"<table><caption>{CAPTION}</caption>{rows_html(HEADED)}</table>",
     lambda ts: ts[0].caption == CAPTION),
    ("caption-heading-before", f"<h3>{CAPTION}</h3><div>{table_html(HEADED)}</div>", lambda ts: ts[0].caption == CAPTION),
    ("no-caption-after-table", "<p>Biểu 1</p>" + table_html(HEADED) + table_html(DATA),
     lambda ts: [t.caption for t in ts] == ["Biểu 1", None]),
    ("one-row-is-layout", table_html([["Xã Cam An", "5"]]), lambda ts: ts == []),
    ("one-column-is-layout", table_html([["Xã Cam An"], ["Xã Cam Hiếu"]]), lambda ts: ts == []),
    ("table-of-tables-is-layout", f"<table><tr><td>{table_html(HEADED)}</td><td>Quảng cáo</td></tr><tr><td>Liên kết</td><td>Tin khác</td></tr></table>",
     lambda ts: [grid(t) for t in ts] == [HEADED]),
    ("rowspan-0-to-end", "<table><tr><td rowspan='0'>Cam Lộ</td><td>Xã Cam An</td></tr><tr><td>Xã Cam Hiếu</td></tr></table>",
     lambda ts: cells_of(ts[0])[0] == (0, 0, "Cam Lộ", 2, 1, True) and grid(ts[0])[1] == ["", "Xã Cam Hiếu"]),
    ("rowspan-past-the-end-cut", "<table><tr><td rowspan='9'>Cam Lộ</td><td>Xã Cam An</td></tr><tr><td>Xã Cam Hiếu</td></tr></table>",
     lambda ts: ts[0].cells[0].row_span == 2 and ts[0].n_rows == 2),
    ("decomposed-cell-text-made-nfc", table_html([["Đơn vị", "Số"], [unicodedata.normalize("NFD", "Xã Cam Thành"), "12"]]),
     lambda ts: grid(ts[0])[1][0] == "Xã Cam Thành"),
    ("huge-colspan-cut-to-width", "<table><tr><td colspan='100'>Biểu tổng hợp</td></tr>" + rows_html(HEADED) + "</table>",
     lambda ts: (ts[0].n_cols, ts[0].cells[0].col_span) == (2, 2)),
    ("ragged-rows-padded", table_html([["Đơn vị", "Số mô hình", "Số hộ"], ["Xã Cam An", "5"]]),
     lambda ts: grid(ts[0])[1] == ["Xã Cam An", "5", ""]),
    ("tfoot-rendered-last", f"<table><tfoot>{rows_html([TOTAL[:2]])}</tfoot><tbody>{rows_html(HEADED)}</tbody></table>",
     lambda ts: render_table(ts[0]).endswith("Tổng cộng | 20")),
    ("br-separates-words", table_html([["Đơn vị", "Ghi chú"], ["Xã Cam<br>Thành", "12"]]),
     lambda ts: grid(ts[0])[1][0] == "Xã Cam\nThành"),
]


@pytest.mark.parametrize("body, check", [row[1:] for row in HTML_TABLES], ids=[row[0] for row in HTML_TABLES])
def test_html_table_rules(tmp_path, body, check):
    raw = read_html(tmp_path, page(body))
    assert check(raw.tables), raw.tables
    for table in raw.tables:
        assert_rendered_as_block(raw.text, table)
    assert INTRO in raw.text and OUTRO in raw.text


def test_html_layout_table_text_reads_as_paragraphs(tmp_path):
    raw = read_html(tmp_path, page(table_html([["Xã Cam An đạt 5 mô hình", "Xã Cam Hiếu đạt 7 mô hình"]])))
    assert raw.tables == [] and "|" not in raw.text
    assert "Xã Cam An đạt 5 mô hình" in raw.text and "Xã Cam Hiếu đạt 7 mô hình" in raw.text


def test_html_navigation_table_left_out(tmp_path):
    raw = read_html(tmp_path, page("", nav=table_html([["Giới thiệu", "Tin tức"], ["Văn bản", "Liên hệ"]])))
    assert raw.tables == [] and "Văn bản" not in raw.text


def test_html_xhtml_page_with_xml_declaration(tmp_path):
    raw = read_html(tmp_path, '<?xml version="1.0" encoding="utf-8"?>\n' + page(REPORT_TABLE_HTML))
    assert cells_of(raw.tables[0]) == REPORT_CELLS


def test_html_caption_element_kept_in_text(tmp_path):
    raw = read_html(tmp_path, page(f"<table><caption>{CAPTION}</caption>{rows_html(HEADED)}</table>"))
    assert f"{CAPTION}\n\n{render_table(raw.tables[0])}\n\n" in raw.text


@pytest.mark.parametrize("wrapper", ["{}", "<div class='comments'>{}</div>"], ids=["kept", "dropped-by-trafilatura"])
def test_html_page_that_is_only_a_table(tmp_path, wrapper):
    """trafilatura keeps the placeholder, or finds no main text at all: the table is the text."""
    html = f"<html><head><meta charset='utf-8'></head><body>{wrapper.format(REPORT_TABLE_HTML)}</body></html>"
    raw = read_html(tmp_path, html)
    assert cells_of(raw.tables[0]) == REPORT_CELLS
    assert raw.text == render_table(raw.tables[0])


PUT_BACK = [
    # (id, text from trafilatura, text the table followed, result)
    ("placeholder-line", "Mở đầu\nP0\nKết thúc", None, "Mở đầu\n\nXã Cam An | 5\n\nKết thúc"),
    ("placeholder-inside-line", "Mở đầu P0 Kết thúc", None, "Mở đầu\n\nXã Cam An | 5\n\nKết thúc"),
    ("dropped-goes-after-its-text", "Mở đầu\nBiểu 1\nKết thúc", "Biểu 1", "Mở đầu\nBiểu 1\n\nXã Cam An | 5\n\nKết thúc"),
    ("dropped-unknown-goes-last", "Mở đầu\nKết thúc", "Biểu 9", "Mở đầu\nKết thúc\n\nXã Cam An | 5"),
    ("dropped-from-empty-text", "", None, "Xã Cam An | 5"),
]


@pytest.mark.parametrize("text, after, expected", [row[1:] for row in PUT_BACK], ids=[row[0] for row in PUT_BACK])
def test_html_put_back_tables(text, after, expected):
    table = finish_table([RawCell(0, 0, "Xã Cam An"), RawCell(0, 1, "5")], 1)
    assert put_back_tables(text, [PageTable(table, "P0", after)]) == expected


# --- legacy .doc (antiword's text) ----------------------------------------------------------------


def antiword_rows(rows: list[list[str]], widths: list[int]) -> list[str]:
    """Rows as antiword prints them: each cell padded to its column width, bars around."""
    return ["|" + "".join(f"{text:<{width}}|" for text, width in zip(row, widths)) for row in rows]


DOC_ROWS = [["STT", "Đơn vị", "Số mô hình", "Số hộ tham gia"], *DATA, ["", "Tổng cộng", "20", "555"]]
DOC_TEXT = "\n".join([
    "BÁO CÁO", "", INTRO, "", CAPTION, *antiword_rows(DOC_ROWS, [4, 16, 11, 15]), OUTRO, "",
])

DOC_TABLES = [
    # (id, antiword text, (grid, header_rows, caption) of each table, text after)
    ("report", DOC_TEXT, [(DOC_ROWS, 1, CAPTION)],
     "\n".join(["BÁO CÁO", "", INTRO, "", CAPTION, "", *[" | ".join(filter(None, r)) for r in DOC_ROWS], "", OUTRO, ""])),
    ("ragged-row-padded", "\n".join(antiword_rows(HEADED, [14, 11]) + ["|Xã Cam An|"]),
     [(HEADED + [["Xã Cam An", ""]], 1, None)], "Đơn vị | Số mô hình\nXã Cam Thành | 12\nXã Cam Chính | 8\nXã Cam An"),
    ("blank-line-before-means-no-caption", "\n".join([CAPTION, "", *antiword_rows(HEADED, [14, 11])]),
     [(HEADED, 1, None)], f"{CAPTION}\n\nĐơn vị | Số mô hình\nXã Cam Thành | 12\nXã Cam Chính | 8"),
    ("two-tables", "\n".join([*antiword_rows(HEADED, [14, 11]), "", "Biểu 2", *antiword_rows(DATA, [2, 14, 3, 4])]),
     [(HEADED, 1, None), (DATA, 0, "Biểu 2")],
     "Đơn vị | Số mô hình\nXã Cam Thành | 12\nXã Cam Chính | 8\n\nBiểu 2\n\n1 | Xã Cam Thành | 12 | 340\n2 | Xã Cam Chính | 8 | 215"),
    ("bar-inside-prose-is-not-a-table", "Tỷ lệ |tăng| so với cùng kỳ", [], "Tỷ lệ |tăng| so với cùng kỳ"),
]


@pytest.mark.parametrize("text, tables, expected", [row[1:] for row in DOC_TABLES], ids=[row[0] for row in DOC_TABLES])
def test_doc_antiword_tables(text, tables, expected):
    out, found = read_tables(text)
    assert [(grid(t), t.header_rows, t.caption) for t in found] == tables
    assert out == expected
    for table in found:
        assert_rendered_as_block(out, table)


def test_doc_reader_gives_tables(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_doc, "run_antiword", lambda path: DOC_TEXT)
    path = tmp_path / "bao_cao.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    raw = read_document(path, "bao_cao")
    [table] = raw.tables
    assert (grid(table), table.caption) == (DOC_ROWS, CAPTION)
    assert_rendered_as_block(raw.text, table)


@pytest.mark.skipif(shutil.which("antiword") is None or shutil.which("soffice") is None,
                    reason="needs antiword and LibreOffice (soffice) to make and read a .doc")
def test_doc_real_file_from_libreoffice(tmp_path):
    source = report_docx(tmp_path / "bao_cao.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    raw = read_document(tmp_path / "bao_cao.doc", "bao_cao")
    [table] = raw.tables
    assert "Xã Cam Thành | 12 | 340" in render_table(table)
    assert_rendered_as_block(raw.text, table)


# --- big and bad tables -------------------------------------------------------------------------

BIG_ROWS = 2000


def big_rows() -> list[list[str]]:
    return [[str(i), f"Thôn {i} xã Cam Thành", str(i * 3), f"{i},5"] for i in range(1, BIG_ROWS + 1)]


def big_docx(path: Path) -> Path:
    """A 2,000-row table written as XML (python-docx adds rows one by one, slowly)."""
    document = docx.Document()
    document.add_paragraph(CAPTION)
    table = document.add_table(rows=1, cols=4)
    fill(table, [["STT", "Thôn", "Số hộ", "Tỷ lệ"]])
    template = table.rows[0]._tr
    for row in big_rows():
        tr = copy.deepcopy(template)
        for tc, text in zip(tr.tc_lst, row):
            tc.xpath(".//w:t")[0].text = text
        table._tbl.append(tr)
    return save(document, path)


def big_html(path: Path) -> Path:
    rows = rows_html([["STT", "Thôn", "Số hộ", "Tỷ lệ"]], "th") + rows_html(big_rows())
    path.write_text(page(f"<p>{CAPTION}</p><table>{rows}</table>"), encoding="utf-8")
    return path


def big_doc(path: Path, monkeypatch) -> Path:
    text = "\n".join([CAPTION, *antiword_rows([["STT", "Thôn", "Số hộ", "Tỷ lệ"], *big_rows()], [5, 22, 6, 7])])
    monkeypatch.setattr(ingest_doc, "run_antiword", lambda _: text)
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    return path


@pytest.mark.parametrize("make, name", [(lambda p, m: big_docx(p), "lon.docx"), (lambda p, m: big_html(p), "lon.html"),
                                        (big_doc, "lon.doc")], ids=["docx", "html", "doc"])
def test_big_table_is_fast_and_whole(tmp_path, monkeypatch, make, name):
    path = make(tmp_path / name, monkeypatch)
    started = time.perf_counter()
    raw = read_document(path, "lon")
    assert time.perf_counter() - started < 20
    [table] = raw.tables
    assert (table.n_rows, table.n_cols, table.header_rows, table.caption) == (BIG_ROWS + 1, 4, 1, CAPTION)
    assert grid(table)[-1] == big_rows()[-1]
    assert_rendered_as_block(raw.text, table)


def test_finish_table_memory_follows_the_grid():
    """2,000 rows under a 1,000-column spacer: the spacer is cut to the 4 real columns."""
    cells = [RawCell(0, 0, "Biểu tổng hợp", col_span=1000)]
    cells += [RawCell(r, c, text) for r, row in enumerate(big_rows(), start=1) for c, text in enumerate(row)]
    tracemalloc.start()
    started = time.perf_counter()
    table = finish_table(cells, BIG_ROWS + 1)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (table.n_cols, table.cells[0].col_span, len(table.cells)) == (4, 4, 1 + 4 * BIG_ROWS)
    assert seconds < 5 and peak < 20 * 2**20


# --- every sample of corpus/ as a DOCX gives the figures of its text ---------------------------


@pytest.mark.parametrize("sample", sorted((Path(__file__).parents[1] / "corpus").glob("*.txt")), ids=lambda p: p.stem)
def test_docx_of_a_corpus_text_has_the_same_figures(sample, tmp_path):
    """One paragraph per line of the text, as a word processor would save it."""
    from collections import Counter

    import docx

    from extract.pipeline import process

    document = docx.Document()
    for line in sample.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            document.add_paragraph(line.strip())
    path = tmp_path / f"{sample.stem}.docx"
    document.save(str(path))
    key = lambda result: Counter((f.value, f.unit, f.what, f.qualifier) for f in result.figures)  # noqa: E731
    from_txt, from_docx = key(process(sample, sample.stem)), key(process(path, sample.stem))
    assert (from_txt - from_docx, from_docx - from_txt) == (Counter(), Counter())
