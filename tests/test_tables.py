"""Tables: cells with their offsets, cells as figures, total rows checked, tables as CSV.

Documents here are plain text with ``|``-separated tables (the readers' tables of DOCX, HTML
and PDF are rendered the same way; their own tests are in test_table_readers.py and
test_pdf_layout.py), written for these tests: communes of Quảng Trị, Bình Định and Tiền
Giang, not the samples.
"""
from __future__ import annotations

import csv
import io

import pytest

from extract import RunOptions, run
from extract.factcheck import check
from extract.factcheck.tables import rows_totalled
from extract.passes.tables import cell_figure, find_tables, table_figures
from extract.pipeline import process_text
from extract.records import RawCell, RawTable, render_table
from extract.write import table_csvs

REPORT = """Báo cáo kết quả xây dựng mô hình năm 2023 của huyện Cam Lộ

Biểu 1: Kết quả tại các xã
STT | Đơn vị | Số mô hình | Số hộ tham gia | Kinh phí (triệu đồng) | Tỷ lệ (%)
I | Khối xã
1 | Xã Cam Thành | 12 | 340 | 150 | 45,5
2 | Xã Cam Chính | 8 | 215 | 95,5 | 30
Tổng cộng | | 20 | 560 | 245,5 |
"""


def _figures(text: str) -> list:
    return [f for f in process_text(text, "t").figures if f.table_id]


# (header, cell, value, unit, what)
CELLS = [
    ("Kinh phí (triệu đồng)", "150", 150_000_000, "VND", "kinh phí"),
    ("Kết quả / Kinh phí (tỷ đồng)", "1,2", 1_200_000_000, "VND", "kinh phí"),
    ("Diện tích (ha)", "12,5", 12.5, "ha", "diện tích"),
    ("Chiều dài (km)", "3,4", 3.4, "km", "chiều dài"),
    ("Tỷ lệ (%)", "45,5", 45.5, "percent", "tỷ lệ"),
    ("Số hộ", "340", 340, "household", "hộ"),
    ("Số người tham gia", "1.200", 1200, "person", "người"),
    ("Ngày công", "1.500", 1500, "day", "ngày công"),
    ("Số mô hình", "12", 12, "count", "mô hình"),
    ("Sản lượng (tấn)", "2.500", 2500, "ton", "sản lượng"),
    ("Ghi chú", "12 ha", 12, "ha", "ghi chú"),  # the cell says its unit
    ("Số vụ", "40", 40, "count", "vụ"),  # "Số …": a count, whatever the noun
    ("Ghi chú", "khoảng 40 hộ", 40, "household", "hộ"),
]


@pytest.mark.parametrize("header, cell, value, unit, what", CELLS)
def test_tables_cell_value_and_unit_from_its_header(header, cell, value, unit, what):
    figure = cell_figure(cell, header)
    assert (figure.value, figure.unit, figure.what) == (pytest.approx(value), unit, what)


@pytest.mark.parametrize("header, cell", [("STT", "1"), ("Số mô hình", "-"), ("Số mô hình", ""),
                                          ("Đơn vị", "Xã Cam Thành"), ("TT", "II")])
def test_tables_cell_not_a_figure(header, cell):
    figures = [f for f in _figures(f"{header} | Số hộ\n{cell} | 12\n") if f.col == 0]
    assert figures == []


def test_tables_cells_offsets_labels_and_index_column():
    result = process_text(REPORT, "t")
    (table,) = result.tables
    assert (table.n_rows, table.n_cols, table.header_rows, table.caption) == (5, 6, 1, "Biểu 1: Kết quả tại các xã")
    for cell in result.cells:
        if cell.char_start is not None:
            assert result.text[cell.char_start:cell.char_end] == cell.text
    figures = [f for f in result.figures if f.table_id]
    assert [f.text for f in figures if f.row == 2] == ["12", "340", "150", "45,5"]  # not "1" of STT
    fig = next(f for f in figures if f.text == "95,5")
    assert (fig.row_label, fig.col_label, fig.value, fig.unit) == ("Xã Cam Chính", "Kinh phí (triệu đồng)",
                                                                   95_500_000, "VND")
    assert all(result.text[f.char_start:f.char_end] == f.text for f in figures)
    assert not [f for f in result.figures if not f.table_id and table.char_start <= f.char_start < table.char_end]


def test_tables_two_header_rows_joined_with_a_slash():
    raw = RawTable([RawCell(0, 0, "Đơn vị", row_span=2, is_header=True),
                    RawCell(0, 1, "Kết quả", col_span=2, is_header=True),
                    RawCell(1, 1, "Số mô hình", is_header=True), RawCell(1, 2, "Số hộ tham gia", is_header=True),
                    RawCell(2, 0, "Xã Phước Hòa"), RawCell(2, 1, "7"), RawCell(2, 2, "96")],
                   n_rows=3, n_cols=3, header_rows=2)
    text = "Biểu tổng hợp\n\n" + render_table(raw) + "\n"
    tables, cells = find_tables([raw], text, "t")
    assert [(c.text, c.char_start is not None) for c in cells][:2] == [("Đơn vị", True), ("Kết quả", True)]
    figures = table_figures(tables, cells, text)
    assert [(f.text, f.col_label, f.unit) for f in figures] == [
        ("7", "Kết quả / Số mô hình", "count"), ("96", "Kết quả / Số hộ tham gia", "household")]


def test_tables_a_cell_figure_is_linked_to_its_row_and_caption():
    result = process_text(REPORT, "t")
    by_id = {loc.id: loc.text for loc in result.localities}
    fig = next(f for f in result.figures if f.text == "340")
    assert (by_id[fig.place], fig.place_source) == ("Xã Cam Thành", "table row")


def test_tables_period_from_the_column_header():
    text = "Đơn vị | Năm 2022 | Năm 2023\nXã Phước Hòa | 12 | 15\n"
    fig = next(f for f in _figures(text) if f.text == "15")
    assert (fig.period_text, fig.period_start) == ("Năm 2023", "2023-01-01")


# (table text, verdicts of the total-row checks)
TOTALS = [
    pytest.param(REPORT, {"Số mô hình": "verified", "Số hộ tham gia": "mismatch",
                          "Kinh phí (triệu đồng)": "verified"}, id="bottom-total"),
    pytest.param("Đơn vị | Số hộ\nToàn huyện | 30\nXã Tân Hòa | 10\nXã Tân Phú | 20\n",
                 {"Số hộ": "verified"}, id="total-above-its-rows"),
    pytest.param("Đơn vị | Số hộ\nXã Tân Hòa | 10\nXã Tân Phú | 20\nCộng | 31\n",
                 {"Số hộ": "mismatch"}, id="cong-mismatch"),
    pytest.param("Đơn vị | Số hộ\nXã Tân Hòa | 10\nXã Tân Phú | 20\n", {}, id="no-total-row"),
]


@pytest.mark.parametrize("text, verdicts", TOTALS)
def test_tables_total_rows_checked(tmp_path, text, verdicts):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bao_cao.txt").write_text(text, encoding="utf-8")
    run(RunOptions(input=folder, output=tmp_path / "out", progress=False))
    found = [f for f in check(tmp_path / "out").findings if f.kind == "table_total"]
    assert {_column(f): f.verdict for f in found} == verdicts
    mismatch = [f for f in found if f.verdict == "mismatch"]
    assert all("Xã" in f.explanation for f in mismatch)  # the rows are listed


def _column(finding) -> str:
    """The column named in a finding's explanation: "Tổng cộng (Kinh phí (triệu đồng)) …"."""
    text = finding.explanation
    start = text.index("(") + 1
    depth, end = 1, start
    while depth:
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        end += 1
    return text[start:end - 1]


def test_tables_rows_a_total_row_adds_up():
    assert rows_totalled(4, [4], [1, 2, 3]) == {1, 2, 3}
    assert rows_totalled(1, [1, 5], [2, 3, 4, 6, 7]) == {2, 3, 4}
    assert rows_totalled(5, [1, 5], [2, 3, 4, 6, 7]) == {2, 3, 4}


def test_tables_written_as_tidy_csv(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bao_cao.txt").write_text(REPORT, encoding="utf-8")
    run(RunOptions(input=folder, output=tmp_path / "out", progress=False))
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "tables" / "bao_cao__1.csv").read_text("utf-8"))))
    assert rows[0] == ["STT", "Đơn vị", "Số mô hình", "Số hộ tham gia", "Kinh phí (triệu đồng)", "Tỷ lệ (%)"]
    assert rows[2] == ["1", "Xã Cam Thành", "12", "340", "150", "45,5"]
    assert len(rows) == 5


# Bad tables: a table or nothing, never a crash; offsets always slice back.
BAD = [
    pytest.param("Đơn vị | Số hộ | Ghi chú\nXã A | 12\nXã B | 13 | 14 | 15\n", id="ragged"),
    pytest.param(" | \n | 12\n", id="empty-headers"),
    pytest.param("Đơn vị | Số hộ\nĐơn vị | Số người\n", id="header-only"),
    pytest.param("| a |\n|---|\n| 1 |\n", id="markdown-one-column"),
]


@pytest.mark.parametrize("text", BAD)
def test_tables_bad_tables_never_crash(text):
    result = process_text(text, "t")
    assert result.status == "ok"
    for cell in result.cells:
        if cell.char_start is not None:
            assert result.text[cell.char_start:cell.char_end] == cell.text
    assert table_csvs(result) is not None


def test_tables_a_long_table():
    rows = "\n".join(f"{i} | Thôn {i} | {i * 3}" for i in range(1, 2001))
    result = process_text("STT | Thôn | Số hộ\n" + rows + f"\nTổng cộng | | {sum(i * 3 for i in range(1, 2001))}\n", "t")
    (table,) = result.tables
    assert table.n_rows == 2002 and len([f for f in result.figures if f.table_id]) == 2001


def test_tables_in_the_catalog_and_its_canned_query(tmp_path):
    import asyncio
    import sqlite3

    from extract.catalog import CATALOG
    from extract.serve import datasette_app

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bao_cao.txt").write_text(REPORT, encoding="utf-8")
    (folder / "khac.txt").write_text("Đơn vị | Số hộ\nXã Phước Hòa | 12\nXã Phước Sơn | 8\n", encoding="utf-8")
    run(RunOptions(input=folder, output=tmp_path / "out", progress=False))
    with sqlite3.connect(tmp_path / "out" / CATALOG) as conn:
        assert conn.execute("SELECT count(*) FROM tables").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM cells WHERE text = 'Xã Cam Thành'").fetchone()[0] == 1
    ds = datasette_app(tmp_path / "out")
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(ds.invoke_startup())
        response = loop.run_until_complete(
            ds.client.get("/catalog/tables_of_one_place.json?place=cam+thanh&_shape=array"))
    finally:
        loop.close()
    rows = response.json()
    assert [(r["id"], r["caption"], r["figures"]) for r in rows] == [("bao_cao:table:1", "Biểu 1: Kết quả tại các xã", 11)]


# (text table, [(figure, row label, column label)])
TEXT_TABLES = [
    pytest.param("| Đơn vị | Số hộ |\n|---|---|\n| Xã Phước Hòa | 12 |\n| Xã Phước Sơn | 9 |\n",
                 [("12", "Xã Phước Hòa", "Số hộ"), ("9", "Xã Phước Sơn", "Số hộ")], id="markdown"),
    pytest.param("1 | Xã Tân Hòa | 12\n2 | Xã Tân Phú | 15\n3 | Xã Long Bình | 7\n",
                 [("12", "Xã Tân Hòa", None), ("15", "Xã Tân Phú", None), ("7", "Xã Long Bình", None)],
                 id="index-column-without-header"),
]


@pytest.mark.parametrize("text, expected", TEXT_TABLES)
def test_tables_written_in_the_text(text, expected):
    assert [(f.text, f.row_label, f.col_label) for f in _figures(text)] == expected


# (running text before the table, verdicts of table_restated findings)
RESTATED = [
    pytest.param("Năm 2023, xã Cam Thành có 12 mô hình.", ["consistent"], id="consistent"),
    pytest.param("Năm 2023, xã Cam Thành có 15 mô hình.", ["conflict"], id="conflict"),
    pytest.param("Năm 2023, xã Cam Thành có khoảng 12 mô hình.", ["compatible"], id="approx"),
    pytest.param("Năm 2023, xã Cam Hiếu có 15 mô hình.", [], id="another-place"),
    pytest.param("Năm 2023, xã Cam Thành có 15 câu lạc bộ.", [], id="another-thing"),
    pytest.param("Năm 2020, xã Cam Thành có 15 mô hình.", [], id="another-period"),
]


@pytest.mark.parametrize("sentence, verdicts", RESTATED)
def test_tables_running_text_restating_a_cell(tmp_path, sentence, verdicts):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bao_cao.txt").write_text(
        f"{sentence}\n\nBiểu 1: Kết quả năm 2023\nĐơn vị | Số mô hình | Số hộ\nXã Cam Thành | 12 | 340\n"
        "Xã Cam Chính | 8 | 215\n", encoding="utf-8")
    run(RunOptions(input=folder, output=tmp_path / "out", progress=False))
    assert [f.verdict for f in check(tmp_path / "out").findings if f.kind == "table_restated"] == verdicts
