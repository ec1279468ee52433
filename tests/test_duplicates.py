"""Copies of one document (extract/factcheck/duplicates.py): ``documents.duplicate_of``.

Rows: one report of xã Phong Hiền (REPORT), the same report as .docx, a reprint of it on
the district's site (another header and date line, one paragraph added), and another
report of the same commune that shares its opening, closing, recipients and one sentence
(OTHER_REPORT).  The copies must be found, the other report must not; the documents table
holds the column after ``check``; the copies state no restated fact, the other report does.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract import RunOptions, run
from extract.factcheck import check, duplicates
from extract.factcheck.duplicates import THRESHOLD, find_duplicates, jaccard, mark_duplicates

HEADER = """ỦY BAN NHÂN DÂN XÃ PHONG HIỀN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 85/BC-UBND
Phong Hiền, ngày 15 tháng 6 năm 2023"""

BODY = """BÁO CÁO
Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm 2023

Thực hiện Công văn số 412/UBND-VP ngày 02/6/2023 của Ủy ban nhân dân huyện Phong Điền về việc báo cáo kết quả thực hiện nhiệm vụ, Ủy ban nhân dân xã Phong Hiền báo cáo như sau:

I. KẾT QUẢ ĐẠT ĐƯỢC

1. Sản xuất nông nghiệp
Vụ Đông Xuân năm nay thời tiết tương đối thuận lợi, các hợp tác xã đã chủ động điều tiết nước tưới, cung ứng giống và vật tư kịp thời cho bà con. Xã Phong Hiền có 850 ha lúa. Năng suất bình quân đạt 62 tạ/ha, sản lượng ước đạt 5.270 tấn, tăng 3% so với cùng kỳ năm trước.
Diện tích trồng rau màu các loại đạt 95 ha, chủ yếu là ngô, lạc, khoai lang và rau xanh. Toàn xã duy trì 12 mô hình sản xuất rau an toàn theo hướng VietGAP, thu hút 140 hộ tham gia.
Công tác tiêm phòng cho đàn gia súc, gia cầm được triển khai đồng bộ; tổng đàn trâu bò có 1.250 con, đàn lợn 6.300 con, đàn gia cầm trên 45.000 con. Trong 6 tháng không xảy ra dịch bệnh lớn trên địa bàn.

2. Xây dựng nông thôn mới
Xã tiếp tục giữ vững 19/19 tiêu chí xã nông thôn mới nâng cao. Nhân dân đã hiến 3.200 m2 đất và đóng góp 1.150 ngày công để bê tông hóa 4,5 km đường giao thông nông thôn, với tổng kinh phí 2,3 tỷ đồng, trong đó nhân dân đóng góp 650 triệu đồng.

3. Văn hóa - xã hội
Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa là 92%. Các trường học hoàn thành chương trình năm học, tỷ lệ học sinh lên lớp đạt 98,5%. Trạm y tế xã đã khám bệnh cho 2.450 lượt người, tiêm chủng đầy đủ cho 76 trẻ em dưới 1 tuổi.
Xã đã hỗ trợ xây mới 05 nhà ở cho hộ nghèo với kinh phí 250 triệu đồng; số hộ nghèo còn 42 hộ, chiếm 1,8%.

II. NHIỆM VỤ 6 THÁNG CUỐI NĂM
Chỉ đạo các hợp tác xã chuẩn bị tốt các điều kiện cho sản xuất vụ Hè Thu; tăng cường công tác phòng chống lụt bão và tìm kiếm cứu nạn; tiếp tục vận động nhân dân tham gia xây dựng nông thôn mới kiểu mẫu.

Trên đây là báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2023, Ủy ban nhân dân xã Phong Hiền kính báo cáo Ủy ban nhân dân huyện Phong Điền xem xét, chỉ đạo./.
Nơi nhận:
- UBND huyện Phong Điền;
- Thường trực Đảng ủy, HĐND xã;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Hòa"""

REPORT = f"{HEADER}\n\n{BODY}"

# The district's site: its own header and update line instead of the letterhead, one paragraph added.
REPRINT_HEADER = """Cổng thông tin điện tử huyện Phong Điền
Tin tức - Sự kiện
Ngày cập nhật 20/06/2023
Phong Hiền: kết quả 6 tháng đầu năm 2023"""
ADDED_PARAGRAPH = ("Phát biểu tại hội nghị sơ kết, đồng chí Chủ tịch Ủy ban nhân dân xã ghi nhận sự nỗ lực của các "
                   "thôn, hợp tác xã và đề nghị các ngành tiếp tục bám sát cơ sở, hoàn thành thắng lợi nhiệm vụ năm 2023.")
REPRINT = f"{REPRINT_HEADER}\n\n{BODY.replace('II. NHIỆM VỤ', ADDED_PARAGRAPH + chr(10) + chr(10) + 'II. NHIỆM VỤ')}"

# Another report of the commune, half a year later: the same letterhead, opening and closing
# formulas, recipients and signature, and one sentence in common ('Xã Phong Hiền có 850 ha lúa.').
OTHER_REPORT = """ỦY BAN NHÂN DÂN XÃ PHONG HIỀN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 210/BC-UBND
Phong Hiền, ngày 20 tháng 12 năm 2023

BÁO CÁO
Kết quả thực hiện công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm 2023

Thực hiện Công văn số 1025/UBND-VP ngày 05/12/2023 của Ủy ban nhân dân huyện Phong Điền về việc báo cáo kết quả thực hiện nhiệm vụ, Ủy ban nhân dân xã Phong Hiền báo cáo như sau:

I. TÌNH HÌNH THIÊN TAI
Trong năm, trên địa bàn xã chịu ảnh hưởng của 02 đợt mưa lớn kéo dài vào tháng 10 và tháng 11, mực nước sông Ô Lâu dâng cao gây ngập úng cục bộ tại các thôn Vĩnh Hương, Trạch Phổ và Cổ Bi. Xã Phong Hiền có 850 ha lúa. Diện tích lúa vụ Hè Thu đã thu hoạch xong trước mùa mưa nên thiệt hại không đáng kể.
Mưa lũ làm sạt lở 350 m bờ kênh nội đồng, hư hỏng 1,2 km đường giao thông và làm chết 1.500 con gia cầm; ước tổng thiệt hại khoảng 780 triệu đồng.

II. CÔNG TÁC CHỈ ĐẠO, ỨNG PHÓ
Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn xã đã kiện toàn bộ máy, phân công thành viên phụ trách từng thôn, xây dựng phương án ứng phó theo phương châm bốn tại chỗ. Xã đã tổ chức di dời 64 hộ với 215 nhân khẩu ở vùng thấp trũng đến nơi an toàn, chuẩn bị 2 tấn gạo, 300 thùng mì tôm và 15 chiếc thuyền để sẵn sàng ứng cứu.
Lực lượng dân quân, công an xã và đoàn viên thanh niên đã huy động 420 ngày công giúp dân chằng chống nhà cửa, khơi thông dòng chảy, vệ sinh môi trường sau lũ.

III. NHIỆM VỤ NĂM 2024
Tiếp tục kiện toàn Ban Chỉ huy, rà soát các điểm xung yếu, tuyên truyền để nhân dân chủ động phòng tránh; đề nghị huyện hỗ trợ kinh phí khắc phục bờ kênh bị sạt lở.

Trên đây là báo cáo kết quả thực hiện công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm 2023, Ủy ban nhân dân xã Phong Hiền kính báo cáo Ủy ban nhân dân huyện Phong Điền xem xét, chỉ đạo./.
Nơi nhận:
- UBND huyện Phong Điền;
- Thường trực Đảng ủy, HĐND xã;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Hòa"""


def docx_text(text: str) -> str:
    """The text a .docx of ``text`` gives back (one paragraph a line, blank lines dropped)."""
    return "\n".join(line for line in text.splitlines() if line.strip())


# ---------------------------------------------------------------------------- which pairs are copies

# (first, second, copies?) — the exact Jaccard of the shingle sets, measured
PAIRS = [
    pytest.param(REPORT, REPORT, True, id="the-same-text"),
    pytest.param(REPORT, docx_text(REPORT), True, id="txt-and-docx-layout"),
    pytest.param(REPORT, REPORT.replace("\n", "\n\n"), True, id="other-line-breaks"),
    pytest.param(REPORT, REPRINT, True, id="reprint-other-header-and-a-paragraph-added"),
    pytest.param(REPORT, REPORT.replace(ADDED_PARAGRAPH, "").replace(
        "Trong 6 tháng không xảy ra dịch bệnh lớn trên địa bàn.", ""), True, id="a-sentence-dropped"),
    pytest.param(REPORT, OTHER_REPORT, False, id="same-commune-shared-boilerplate"),
    pytest.param(REPRINT, OTHER_REPORT, False, id="reprint-and-another-report"),
]


@pytest.mark.parametrize("first, second, copies", PAIRS)
def test_duplicates_pairs(first, second, copies):
    found = find_duplicates([{"doc_id": "a", "doc_date": "2023-06-15", "text": first},
                             {"doc_id": "b", "doc_date": "2023-06-20", "text": second}])
    assert found == ({"b": "a"} if copies else {})
    similarity = jaccard(first, second)
    assert similarity >= THRESHOLD + 0.05 if copies else similarity <= THRESHOLD - 0.3  # a margin for the estimate


@pytest.mark.parametrize("seed", range(0, 200, 10))
def test_duplicates_found_whatever_the_seed(monkeypatch, seed):
    """The reprint (exact Jaccard 0.816) is found with any permutations, not by luck of one seed."""
    monkeypatch.setattr(duplicates, "SEED", seed)
    rows = [{"doc_id": "a", "doc_date": "2023-06-15", "text": REPORT},
            {"doc_id": "b", "doc_date": "2023-06-20", "text": REPRINT},
            {"doc_id": "c", "doc_date": "2023-12-20", "text": OTHER_REPORT}]
    assert find_duplicates(rows) == {"b": "a"}


def test_duplicates_the_earliest_of_a_group_is_the_original():
    """A group of three, read latest first: the earliest date wins, an undated copy is never
    the original, and two of one date go by doc_id."""
    rows = [{"doc_id": "c", "doc_date": "2023-06-20", "text": REPRINT},
            {"doc_id": "z", "doc_date": None, "text": REPORT},
            {"doc_id": "b", "doc_date": "2023-06-15", "text": docx_text(REPORT)},
            {"doc_id": "a", "doc_date": "2023-12-20", "text": OTHER_REPORT},
            {"doc_id": "a2", "doc_date": "2023-12-20", "text": OTHER_REPORT},
            {"doc_id": "empty", "doc_date": None, "text": ""}, {"doc_id": "failed", "doc_date": None, "text": None}]
    assert find_duplicates(rows) == {"c": "b", "z": "b", "a2": "a"}


# ---------------------------------------------------------------------------- a run


def write_docx(path: Path, text: str) -> None:
    import docx

    document = docx.Document()
    for line in docx_text(text).splitlines():
        document.add_paragraph(line)
    document.save(path)


# (files, formats, duplicate_of) — a file's doc_id is its name without extension
RUNS = [
    pytest.param({"01_bao_cao.txt": REPORT, "02_bao_cao.docx": REPORT, "03_dang_lai.txt": REPRINT,
                  "04_bao_cao_khac.txt": OTHER_REPORT}, ("parquet", "csv"),
                 {"02_bao_cao": "01_bao_cao", "03_dang_lai": "01_bao_cao"}, id="txt-docx-reprint-other"),
    pytest.param({"00_dang_lai.txt": REPRINT, "01_bao_cao.docx": REPORT, "04_bao_cao_khac.txt": OTHER_REPORT},
                 ("csv",), {"00_dang_lai": "01_bao_cao"}, id="csv-only-the-earlier-date-wins-over-the-name"),
]


def run_files(tmp_path: Path, files: dict[str, str], formats) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        if name.endswith(".docx"):
            write_docx(folder / name, text)
        else:
            (folder / name).write_text(text, encoding="utf-8")
    run(RunOptions(input=folder, output=tmp_path / "out", progress=False, formats=formats, checks=False))
    return tmp_path / "out"  # not checked yet


def documents_column(out: Path, fmt: str) -> dict[str, str | None]:
    if fmt == "parquet":
        rows = pq.read_table(out / "documents.parquet", columns=["doc_id", "duplicate_of"]).to_pylist()
    else:
        with open(out / "documents.csv", encoding="utf-8", newline="") as handle:
            rows = [{**r, "duplicate_of": r["duplicate_of"] or None} for r in csv.DictReader(handle)]
    return {r["doc_id"]: r["duplicate_of"] for r in rows}


@pytest.mark.parametrize("files, formats, expected", RUNS)
def test_duplicates_written_to_the_documents_table(tmp_path, files, formats, expected):
    out = run_files(tmp_path, files, formats)
    for fmt in formats:  # the run does not know yet: check sets them
        assert set(documents_column(out, fmt).values()) == {None}
    check(out, formats=formats)
    for fmt in formats:
        assert documents_column(out, fmt) == {Path(n).stem: expected.get(Path(n).stem) for n in files}
    assert not list(out.glob(".documents*"))
    if "parquet" in formats:  # every other column as the run wrote it
        table = pq.read_table(out / "documents.parquet")
        assert table.schema.names[-2:] == ["duplicate_of", "text"]
        assert dict(zip(table.column("doc_id").to_pylist(), table.column("text").to_pylist()))["01_bao_cao"].startswith(
            "ỦY BAN NHÂN DÂN XÃ PHONG HIỀN")


def test_duplicates_marked_again_leave_the_table_as_it_was(tmp_path):
    out = run_files(tmp_path, dict(list(RUNS[0].values[0].items())), ("parquet", "csv"))
    check(out)
    before = {ext: (out / f"documents.{ext}").read_bytes() for ext in ("csv",)}
    parquet_before = pq.read_table(out / "documents.parquet")
    assert mark_duplicates(out) == RUNS[0].values[2]
    assert (out / "documents.csv").read_bytes() == before["csv"]
    assert pq.read_table(out / "documents.parquet").equals(parquet_before)


def test_duplicates_state_no_restated_fact(tmp_path):
    """'Xã Phong Hiền có 850 ha lúa.' is in the report, its .docx, its reprint and the other
    report: one restatement (report and other report), none from a copy."""
    out = run_files(tmp_path, RUNS[0].values[0], ("parquet", "csv"))
    restated = [f for f in check(out).findings if f.kind == "restated"]
    assert all(set(f.doc_ids) <= {"01_bao_cao", "04_bao_cao_khac"} for f in restated), [f.doc_ids for f in restated]
    rice = [f for f in restated if f.values == [850, 850]]
    assert [(f.doc_ids, f.verdict) for f in rice] == [(["01_bao_cao", "04_bao_cao_khac"], "consistent")]


# ---------------------------------------------------------------------------- words, as the regex defines them

# (text) — words are found by one str.translate over the text: the same as the regex
# [\p{L}\p{N}]+ on the NFC, lower-cased text, whatever the characters around them
WORD_TEXTS = [REPORT, REPRINT, "", "...", "a", "Số: 85/BC-UBND ngày 15/6", "ĐẤT đai\u00a0m² ½ Ⅻ ١٢٣",
              "Hòa\u0300 ổi\u0301 e\u0301", "Straße İstanbul ſ ς Σ", "tab\tnew\nline\x1c\x1dx", "😀 mô_hình 👍🏽x",
              "\U0001d7ce\U00010400 ab\u200bcd", "a\ud800b"]


@pytest.mark.parametrize("text", WORD_TEXTS)
def test_duplicates_words_as_the_regex_finds_them(text):
    import unicodedata

    import regex

    expected = regex.findall(r"[\p{L}\p{N}]+", unicodedata.normalize("NFC", text).lower())
    assert duplicates.words(text) == expected
    assert duplicates.shingles(text) == ({" ".join(expected[i:i + 5]).encode()
                                          for i in range(max(1, len(expected) - 4))} if expected else set())
