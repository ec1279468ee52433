"""One report table in every format: DOCX, HTML, PDF and text give the same cells as figures
and the same total checks.

The table has a two-row header with merged cells ("STT" and "Đơn vị" over two rows, "Kết quả"
over two columns), an index column, units in the header ("Kinh phí (triệu đồng)"), and a
total row whose first column adds up and whose second does not (12 + 8 is not 21).
"""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from fpdf.fonts import FontFace

from extract import RunOptions, run
from extract.factcheck import check
from extract.write import read_rows

FONT = Path(__file__).parent / "data" / "fonts" / "DejaVuSans.ttf"
CAPTION = "Biểu 1: Kết quả xây dựng mô hình năm 2023 của huyện Cam Lộ"
BODY = [["1", "Xã Cam Thành", "12", "150"], ["2", "Xã Cam Chính", "8", "95,5"]]
TOTAL = ["Tổng cộng", "21", "245,5"]
AFTER = "Các xã đã hoàn thành kế hoạch năm 2023."
EXPECTED_FIGURES = [
    ("Xã Cam Thành", "Kết quả / Số mô hình", 12.0, "count"),
    ("Xã Cam Thành", "Kết quả / Kinh phí (triệu đồng)", 150_000_000.0, "VND"),
    ("Xã Cam Chính", "Kết quả / Số mô hình", 8.0, "count"),
    ("Xã Cam Chính", "Kết quả / Kinh phí (triệu đồng)", 95_500_000.0, "VND"),
    ("Tổng cộng", "Kết quả / Số mô hình", 21.0, "count"),
    ("Tổng cộng", "Kết quả / Kinh phí (triệu đồng)", 245_500_000.0, "VND"),
]
EXPECTED_TOTALS = {"Kết quả / Số mô hình": "mismatch", "Kết quả / Kinh phí (triệu đồng)": "verified"}


def write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(CAPTION)
    table = document.add_table(rows=5, cols=4)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "STT"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Đơn vị"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Kết quả"
    table.cell(1, 2).text, table.cell(1, 3).text = "Số mô hình", "Kinh phí (triệu đồng)"
    for r, row in enumerate(BODY, 2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(4, 0).merge(table.cell(4, 1)).text = TOTAL[0]
    table.cell(4, 2).text, table.cell(4, 3).text = TOTAL[1], TOTAL[2]
    document.add_paragraph(AFTER)
    document.save(str(path))


def write_html(path: Path) -> None:
    body = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in BODY)
    path.write_text(
        f"<html><head><title>Báo cáo</title></head><body><article><h1>Báo cáo kết quả</h1><p>{CAPTION}</p>"
        "<table><thead><tr><th rowspan='2'>STT</th><th rowspan='2'>Đơn vị</th><th colspan='2'>Kết quả</th></tr>"
        "<tr><th>Số mô hình</th><th>Kinh phí (triệu đồng)</th></tr></thead>"
        f"<tbody>{body}<tr><td colspan='2'>{TOTAL[0]}</td><td>{TOTAL[1]}</td><td>{TOTAL[2]}</td></tr></tbody>"
        f"</table><p>{AFTER}</p></article></body></html>", encoding="utf-8")


def write_pdf(path: Path) -> None:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, CAPTION)
    with pdf.table(line_height=8, num_heading_rows=2, headings_style=FontFace(emphasis="")) as table:
        row = table.row()
        row.cell("STT", rowspan=2)
        row.cell("Đơn vị", rowspan=2)
        row.cell("Kết quả", colspan=2)
        row = table.row()
        row.cell("Số mô hình")
        row.cell("Kinh phí (triệu đồng)")
        for cells in BODY:
            row = table.row()
            for text in cells:
                row.cell(text)
        row = table.row()
        row.cell(TOTAL[0], colspan=2)
        row.cell(TOTAL[1])
        row.cell(TOTAL[2])
    pdf.multi_cell(0, 6, AFTER)
    path.write_bytes(bytes(pdf.output()))


def write_txt(path: Path) -> None:
    lines = ["STT | Đơn vị | Kết quả / Số mô hình | Kết quả / Kinh phí (triệu đồng)",
             *(" | ".join(row) for row in BODY), f"{TOTAL[0]} | | {TOTAL[1]} | {TOTAL[2]}"]
    path.write_text(f"{CAPTION}\n" + "\n".join(lines) + f"\n\n{AFTER}\n", encoding="utf-8")


@pytest.mark.parametrize("suffix, write", [("docx", write_docx), ("html", write_html), ("pdf", write_pdf),
                                           ("txt", write_txt)])
def test_table_formats_give_the_same_cells_and_checks(tmp_path, suffix, write):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / f"bao_cao.{suffix}")
    run(RunOptions(input=folder, output=tmp_path / "out", progress=False))
    figures = [f for f in read_rows(tmp_path / "out", "figures") if f["table_id"]]
    assert [(f["row_label"], f["col_label"], f["value"], f["unit"]) for f in figures] == EXPECTED_FIGURES
    (table,) = list(read_rows(tmp_path / "out", "tables"))
    assert table["caption"] == CAPTION
    totals = {f.explanation.split(" (", 1)[1].rsplit(") ", 1)[0]: f.verdict
              for f in check(tmp_path / "out").findings if f.kind == "table_total"}
    assert totals == EXPECTED_TOTALS
    csv_text = (tmp_path / "out" / "tables" / "bao_cao__1.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0] == "STT,Đơn vị,Kết quả / Số mô hình,Kết quả / Kinh phí (triệu đồng)"
