"""PDF layout: wrapped lines joined into paragraphs, page chrome dropped, two columns read in
order, pages, ruled tables and tables of aligned columns without rules as ``RawTable``
(``extract/ingest/pdf.py``).

Every PDF is made here with fpdf2 and the DejaVu Sans font (it has the Vietnamese glyphs).
Lines are drawn one by one where a rule needs a given line break: the column is as wide as
its widest line, so a line followed by a word that would not have fitted on it is a wrap.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from fpdf import FPDF
from fpdf.fonts import FontFace

from extract.ingest import read_document
from extract.records import render_table

FONT = Path(__file__).parent / "data" / "fonts" / "DejaVuSans.ttf"
CORPUS = Path(__file__).parents[1] / "corpus"
LEFT = 20  # mm
LINE = 5.5  # mm, at 11 pt


def new_pdf(cls=FPDF) -> FPDF:
    pdf = cls()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def read(tmp_path: Path, pdf: FPDF, name: str = "bao_cao"):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(bytes(pdf.output()))
    return read_document(path, name)


def draw_lines(pdf: FPDF, lines: list[str]) -> None:
    """One line each, in a column as wide as the widest.  Prefixes: ">" indents the line
    (a paragraph's first line), "^" leaves a paragraph gap above it, "~" sets it in 8 pt."""
    def plain(line):
        return line.lstrip(">^~")

    width = max(pdf.get_string_width(plain(line)) for line in lines) + 2 * pdf.c_margin
    pdf.add_page()
    pdf.set_y(30)
    for line in lines:
        if "^" in line[:3]:
            pdf.ln(LINE)
        pdf.set_font_size(8 if "~" in line[:3] else 11)
        indent = 10 if ">" in line[:3] else 0
        pdf.set_x(LEFT + indent)
        pdf.cell(width - indent, LINE, plain(line))
        pdf.ln(LINE)
    pdf.set_font_size(11)


# --- 1. wrapped lines --------------------------------------------------------------------

WRAPS = [
    # (lines as printed, expected in the text) — each row breaks one rule when it is off.
    (["Trong năm 2020, huyện đã hoàn thành xây dựng nông thôn mới ở có 12",
      "xã và 3 thị trấn."], "ở có 12 xã và 3 thị trấn."),
    (["Các hội viên Hội Cựu chiến binh đã đóng góp tổng cộng hơn 1.500",
      "ngày công làm đường giao thông nông thôn."], "hơn 1.500 ngày công làm đường"),
    (["Hội Nông dân vận động bà con trồng mới và chăm sóc được 25",
      "ha rừng phòng hộ ven biển."], "được 25 ha rừng phòng hộ"),
    (["Thực hiện tốt các nội dung đã được Ủy ban nhân dân huyện nêu trong Kế",
      "hoạch số 112/KH-UBND ngày 12/3/2020."], "trong Kế hoạch số 112/KH-UBND"),
    ([">Đoàn Thanh niên phối hợp tổ chức 15 buổi tuyên truyền về",  # indented first line
      "an toàn giao thông cho đoàn viên."], "tuyên truyền về an toàn giao thông"),
    (["Mục tiêu đến năm 2025 là tiếp tục thúc đẩy nhanh quá trình phát-",  # a line-break hyphen
      "triển kinh tế - xã hội của địa phương."], "quá trình phát triển kinh tế"),
    (["Đoàn công tác đã đến làm việc với Ủy ban nhân dân tỉnh Bà Rịa -",  # a spaced dash
      "Vũng Tàu về mô hình dân vận khéo."], "tỉnh Bà Rịa - Vũng Tàu về"),
    (["Kết quả cụ thể của phong trào thi đua được tổng hợp giai đoạn 2017-",  # a range: kept
      "2020 như sau."], "giai đoạn 2017-2020 như sau."),
    (["Cả huyện đã có thêm 45 mô hình “Dân vận khéo” được công nhận.",  # sentence end
      "Các mô hình này được nhân rộng."], "được công nhận.\nCác mô hình"),
    (["Ban Thường vụ Huyện ủy giao các cơ quan, đơn vị thực hiện như sau:",  # not a wrap
      "- Ban Dân vận chủ trì 20 buổi đối thoại với nhân dân;"], "như sau:\n- Ban Dân vận"),
    (["Ban Chỉ đạo đã kiểm tra và đánh giá kết quả thực hiện tại các xã",  # a list item next
      "a) Xã Cam Thành có 12 mô hình;"], "các xã\na) Xã Cam Thành"),
    (["Các chi bộ đã tổ chức sinh hoạt chuyên đề thường xuyên hằng tháng",  # a heading next
      "NHIỆM VỤ TRỌNG TÂM NĂM 2021"], "hằng tháng\nNHIỆM VỤ TRỌNG TÂM"),
    (["1. Công tác tuyên truyền",  # a short line: the next word would have fitted
      "Ban Tuyên giáo đã phối hợp với Đài truyền thanh huyện mở 30 chuyên mục"],
     "Công tác tuyên truyền\nBan Tuyên giáo"),
    (["Huyện đã hoàn thành kế hoạch giải ngân nguồn vốn đầu tư công với 95",
      ">phần trăm tổng vốn được giao trong năm."], "với 95\nphần trăm"),  # indented: a new paragraph
    (["Toàn huyện đã tổ chức thành công đại hội chi bộ nhiệm kỳ 2020-2025 ở",
      "^42 chi bộ trực thuộc Đảng ủy khối."], "ở\n\n42 chi bộ"),  # a paragraph gap
    (["Tổng kinh phí huy động từ nhân dân để làm đường giao thông đạt 18",
      "~tỷ đồng theo báo cáo của các xã."], "đạt 18\n\ntỷ đồng"),  # another font size
]


@pytest.mark.parametrize("lines, expected", WRAPS, ids=[row[1][:24] for row in WRAPS])
def test_pdf_wrapped_lines_are_joined_into_paragraphs(tmp_path, lines, expected):
    pdf = new_pdf()
    draw_lines(pdf, lines)
    assert expected in read(tmp_path, pdf).text


# --- 2. running headers, footers, page numbers; 4. pages ---------------------------------

PAGES = [
    "Năm 2020, Hội Nông dân xã Hải An vận động hội viên hiến 3.200 m² đất làm đường.",
    "Hội Phụ nữ huyện duy trì 35 tổ tiết kiệm với 412 hội viên tham gia.",
    "Đoàn Thanh niên ra quân dọn vệ sinh 18 tuyến đường với 640 lượt đoàn viên.",
]
CHROME = [
    # (running header, footer; "{n}" is the page number, "{nb}" the page count)
    ("UBND HUYỆN HẢI LĂNG – Báo cáo số 112/BC-UBND", "{n}"),
    ("Báo cáo tổng kết phong trào Dân vận khéo - trang {n}", "- {n} -"),
    ("", "Trang {n}/{nb}"),
]


class ChromePdf(FPDF):
    running_header = ""
    running_footer = ""

    def header(self):
        if self.running_header:
            self.set_y(8)
            self.cell(0, 5, self.running_header.replace("{n}", str(self.page_no())), align="C")
            self.set_y(30)

    def footer(self):
        self.set_y(-15)
        self.cell(0, 5, self.running_footer.replace("{n}", str(self.page_no())), align="C")


@pytest.mark.parametrize("header, footer", CHROME)
def test_pdf_running_header_and_page_numbers_dropped_pages_found(tmp_path, header, footer):
    pdf = new_pdf(ChromePdf)
    pdf.running_header, pdf.running_footer = header, footer
    for text in PAGES:
        pdf.add_page()
        pdf.multi_cell(0, LINE, text)
    raw = read(tmp_path, pdf)
    assert raw.text == "\n\n".join(PAGES)
    assert [raw.text[start:].split("\n")[0] for start in raw.page_starts] == PAGES


def test_pdf_paragraph_running_on_to_the_next_page_is_joined(tmp_path):
    pdf = new_pdf()
    draw_lines(pdf, ["Trong 3 năm qua, các cấp hội đã vận động nhân dân đóng góp được 1.500"])
    draw_lines(pdf, ["ngày công để sửa chữa 12 nhà văn hóa thôn."])
    raw = read(tmp_path, pdf)
    assert "được 1.500 ngày công để" in raw.text
    assert raw.text[raw.page_starts[1]:].startswith("ngày công")


# --- 3. two columns ----------------------------------------------------------------------

LEFT_COLUMN = ("Năm 2020, Mặt trận Tổ quốc xã Cam Thành đã vận động nhân dân hiến 2.300 m² đất, "
               "đóng góp 1.200 ngày công để mở rộng 6 tuyến đường liên thôn.")
RIGHT_COLUMN = ("Hội Cựu chiến binh xã Cam Hiếu duy trì 4 tổ hòa giải ở cơ sở, hòa giải thành "
                "27 vụ việc, góp phần giữ vững an ninh trật tự trên địa bàn.")


def test_pdf_two_column_page_reads_left_column_then_right(tmp_path):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_y(30)
    pdf.cell(0, LINE, "BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2020", align="C")
    for x, text in [(LEFT, LEFT_COLUMN), (LEFT + 90, RIGHT_COLUMN)]:
        pdf.set_xy(x, 45)
        pdf.multi_cell(80, LINE, text)
    text = read(tmp_path, pdf).text
    assert text == f"BÁO CÁO KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2020\n{LEFT_COLUMN}\n{RIGHT_COLUMN}"


# --- 5. tables ---------------------------------------------------------------------------

HEADINGS = ["STT", "Xã, thị trấn", "Diện tích (ha)", "Số hộ"]
COMMUNES = ["Hải An", "Hải Khê", "Hải Ba", "Hải Quế", "Hải Dương", "Hải Thượng", "Hải Lâm", "Hải Phú"]
ROWS = [[str(n), f"Xã {name}", f"{10 + 3 * n},5", str(40 + 7 * n)] for n, name in enumerate(COMMUNES, 1)]
CAPTION = "Bảng 1. Kết quả trồng rừng năm 2020 (đơn vị: ha)"


def table_pdf(top: float) -> FPDF:
    """A caption and a ruled table that starts ``top`` mm down the first page: low enough
    and it goes on to the second page, its heading repeated there (fpdf2's default)."""
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_y(top)
    pdf.multi_cell(0, LINE, CAPTION)
    with pdf.table(line_height=8, headings_style=FontFace(emphasis="")) as table:
        for cells in [HEADINGS, *ROWS]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
        total = table.row()
        total.cell("Tổng cộng", colspan=2)
        total.cell("174,0")
        total.cell("572")
    pdf.multi_cell(0, LINE, "Các xã đã hoàn thành kế hoạch trồng rừng năm 2020.")
    return pdf


@pytest.mark.parametrize("top, pages", [(30, 1), (200, 2)])
def test_pdf_ruled_table_is_one_raw_table(tmp_path, top, pages):
    raw = read(tmp_path, table_pdf(top))
    assert raw.pages == pages
    [table] = raw.tables
    assert (table.n_rows, table.n_cols, table.header_rows, table.caption, table.page) == (
        len(ROWS) + 2, 4, 1, CAPTION, 1)
    cells = {(cell.row, cell.col): cell for cell in table.cells}
    assert [cells[0, col].text for col in range(4)] == HEADINGS
    assert all(cells[0, col].is_header and not cells[1, col].is_header for col in range(4))
    assert [cells[row, 2].text for row in range(1, len(ROWS) + 1)] == [row[2] for row in ROWS]
    assert (cells[len(ROWS) + 1, 0].text, cells[len(ROWS) + 1, 0].col_span) == ("Tổng cộng", 2)
    assert f"{CAPTION}\n\n{render_table(table)}\n\nCác xã đã hoàn thành" in raw.text
    assert raw.text.count("Diện tích (ha)") == 1 and raw.text.count("Xã Hải Phú") == 1


def test_pdf_table_continued_on_the_next_page_keeps_its_page_start(tmp_path):
    raw = read(tmp_path, table_pdf(200))
    [table] = raw.tables
    second = raw.text[raw.page_starts[1]:]
    first_row_there = second.split("\n")[0]
    assert first_row_there.startswith(tuple(f"{row[0]} | {row[1]}" for row in ROWS[1:]))
    assert raw.page_starts[0] == 0 and raw.text.index(render_table(table)) < raw.page_starts[1]


# --- 5b. tables drawn without rules: aligned columns ---------------------------------------

ALIGNED_HEADINGS = ["STT", "Đơn vị", "Số hộ", "Kinh phí (triệu đồng)"]
ALIGNED_ROWS = [["1", "Xã Cam Thành", "125", "450,5"], ["2", "Xã Cam Chính", "98", "312"],
                ["3", "Xã Cam Nghĩa", "143", "520,5"], ["4", "Thị trấn Cam Lộ", "210", "817"],
                ["", "Tổng cộng", "576", "2.100"]]
# (x, width in mm, alignment) of each column: the index centred, the names left, the figures right.
ALIGNED_COLUMNS = [(LEFT, 12, "C"), (LEFT + 14, 50, "L"), (LEFT + 66, 25, "R"), (LEFT + 93, 55, "R")]
ALIGNED_CAPTION = "Biểu 2. Kết quả hỗ trợ sửa chữa nhà ở cho hộ nghèo năm 2023"
ALIGNED_INTRO = "Năm 2023, Ủy ban nhân dân huyện Cam Lộ đã hỗ trợ các hộ nghèo sửa chữa nhà ở."
ALIGNED_AFTER = "Các xã đã hoàn thành kế hoạch hỗ trợ nhà ở trước ngày 30/11/2023."
ALIGNED_SIGNATURE = "TM. ỦY BAN NHÂN DÂN"


def draw_aligned(pdf: FPDF, rows: list[list[str]], columns=ALIGNED_COLUMNS) -> None:
    """Each row's cells at their column's x, without borders."""
    for cells in rows:
        for (x, width, align), text in zip(columns, cells):
            pdf.set_x(x)
            pdf.cell(width, 7, text, align=align)
        pdf.ln(7)


def paragraph_after(pdf: FPDF) -> None:
    pdf.ln(3)
    pdf.multi_cell(0, LINE, ALIGNED_AFTER)


def signature_after(pdf: FPDF) -> None:  # two cells on one line, further down than a row
    pdf.ln(10)
    draw_aligned(pdf, [["Nơi nhận:", "", "", ALIGNED_SIGNATURE]])


def aligned_pdf(after=paragraph_after) -> FPDF:
    """A paragraph on page 1; the caption, the table and what comes ``after`` it on page 2."""
    pdf = new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, LINE, ALIGNED_INTRO)
    pdf.add_page()
    pdf.set_y(30)
    pdf.multi_cell(0, LINE, ALIGNED_CAPTION, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    draw_aligned(pdf, [ALIGNED_HEADINGS, *ALIGNED_ROWS])
    after(pdf)
    return pdf


@pytest.mark.parametrize("after", [paragraph_after, signature_after])
def test_pdf_aligned_columns_without_rules_are_one_raw_table(tmp_path, after):
    raw = read(tmp_path, aligned_pdf(after))
    [table] = raw.tables
    assert (table.n_rows, table.n_cols, table.header_rows, table.caption, table.page) == (
        len(ALIGNED_ROWS) + 1, 4, 1, ALIGNED_CAPTION, 2)
    grid = [[""] * 4 for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = cell.text
    assert grid == [ALIGNED_HEADINGS, *ALIGNED_ROWS]
    assert [cell.is_header for cell in table.cells if cell.col == 1] == [True] + [False] * len(ALIGNED_ROWS)
    text_after = ALIGNED_AFTER if after is paragraph_after else f"Nơi nhận: {ALIGNED_SIGNATURE}"
    assert f"{ALIGNED_CAPTION}\n\n{render_table(table)}\n\n{text_after}" in raw.text
    assert raw.text.count("Xã Cam Thành") == 1 and raw.text.count("Kinh phí") == 1
    assert raw.text.index(render_table(table)) > raw.page_starts[1]


def test_pdf_aligned_table_total_row_is_checked(tmp_path):
    from extract import RunOptions, run
    from extract.factcheck import check

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bao_cao.pdf").write_bytes(bytes(aligned_pdf().output()))
    run(RunOptions(input=folder, output=tmp_path / "out", progress=False))
    totals = {f.explanation.split(" (", 1)[1].rsplit(") ", 1)[0]: f.verdict
              for f in check(tmp_path / "out").findings if f.kind == "table_total"}
    assert totals == {"Số hộ": "verified", "Kinh phí (triệu đồng)": "verified"}


def two_column_article(pdf: FPDF) -> None:
    for x, text in [(LEFT, LEFT_COLUMN), (LEFT + 90, RIGHT_COLUMN)]:
        pdf.set_xy(x, 30)
        pdf.multi_cell(80, LINE, text)


def bulleted_list(pdf: FPDF) -> None:  # the bullet stands apart from its text, as Word sets it
    items = ["Xã Cam Thành: 125 hộ, 450,5 triệu đồng;", "Xã Cam Chính: 98 hộ, 312 triệu đồng;",
             "Xã Cam Nghĩa: 143 hộ, 520,5 triệu đồng;", "Thị trấn Cam Lộ: 210 hộ, 817 triệu đồng."]
    draw_aligned(pdf, [["-", item] for item in items], [(LEFT, 5, "L"), (LEFT + 8, 150, "L")])


def paragraph_with_figures(pdf: FPDF) -> None:
    pdf.multi_cell(120, LINE, "Năm 2023, toàn huyện hỗ trợ 576 hộ nghèo với tổng kinh phí 2.100 triệu đồng, "
                              "trong đó xã Cam Thành 125 hộ, 450,5 triệu đồng; xã Cam Chính 98 hộ, 312 "
                              "triệu đồng; xã Cam Nghĩa 143 hộ, 520,5 triệu đồng; thị trấn Cam Lộ 210 hộ, "
                              "817 triệu đồng; tỷ lệ hộ nghèo giảm còn 3,2 %.", align="J")


def two_rows(pdf: FPDF) -> None:
    draw_aligned(pdf, [ALIGNED_HEADINGS, ALIGNED_ROWS[0]])


def two_columns(pdf: FPDF) -> None:
    draw_aligned(pdf, [row[1:3] for row in ALIGNED_ROWS], ALIGNED_COLUMNS[1:3])


def no_numbers(pdf: FPDF) -> None:  # only the index is a number
    members = [["STT", "Họ và tên", "Chức vụ"], ["1", "Ông Lê Văn Hùng", "Trưởng ban"],
               ["2", "Bà Trần Thị Mai", "Phó Trưởng ban"], ["3", "Ông Hồ Đăng Khoa", "Thành viên"]]
    draw_aligned(pdf, members, ALIGNED_COLUMNS[:2] + [(LEFT + 70, 60, "L")])


def staggered(pdf: FPDF) -> None:  # each row's figures set further right than the row's above
    for shift, row in enumerate(ALIGNED_ROWS[:4]):
        draw_aligned(pdf, [row[1:]], [(LEFT, 40, "L"), (LEFT + 40 + 4 * shift, 8, "L"), (LEFT + 75 + 6 * shift, 12, "L")])


NOT_TABLES = [two_column_article, bulleted_list, paragraph_with_figures, two_rows, two_columns, no_numbers,
              staggered]


@pytest.mark.parametrize("draw", NOT_TABLES, ids=[draw.__name__ for draw in NOT_TABLES])
def test_pdf_text_that_is_not_an_aligned_table_stays_text(tmp_path, draw):
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_y(30)
    draw(pdf)
    raw = read(tmp_path, pdf)
    assert raw.tables == []
    assert raw.text.strip()


# --- 6. figures of a PDF equal those of its text --------------------------------------------


def corpus_pdf(text: str) -> FPDF:
    """The text in a 90 mm column: lines wrap in the middle of figures."""
    pdf = new_pdf()
    pdf.add_page()
    for paragraph in text.split("\n"):
        if paragraph.strip():
            pdf.multi_cell(90, LINE, paragraph.strip(), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(LINE)
    return pdf


def figures(result) -> Counter:
    return Counter((f.value, f.unit, f.what, f.qualifier) for f in result.figures)


@pytest.fixture(scope="module")
def figure_counts(tmp_path_factory) -> dict[str, tuple[int, int, int]]:
    from extract.pipeline import process

    folder = tmp_path_factory.mktemp("corpus_pdf")
    counts = {}
    for sample in sorted(CORPUS.glob("*.txt")):
        path = folder / f"{sample.stem}.pdf"
        path.write_bytes(bytes(corpus_pdf(sample.read_text(encoding="utf-8")).output()))
        from_txt, from_pdf = figures(process(sample, sample.stem)), figures(process(path, sample.stem))
        counts[sample.stem] = (sum((from_txt & from_pdf).values()), sum((from_txt - from_pdf).values()),
                               sum((from_pdf - from_txt).values()))
    return counts


def test_pdf_of_a_corpus_text_has_the_same_figures(figure_counts):
    """(equal, only in txt, only in pdf) per sample."""
    print(figure_counts)
    assert {stem: count[1:] for stem, count in figure_counts.items()} == {stem: (0, 0) for stem in figure_counts}
