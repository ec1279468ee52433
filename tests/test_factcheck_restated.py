"""Restated facts with their period, and ratios and shares that are not errors.

Every row is a small Vietnamese document (or two) written for these tests, run through the
whole pipeline (``run_docs``), with the finding it must give — or, in the NOT_ rows, the
findings it must not give.  Rows grouped by rule: each rule of ``restated.py`` /
``ratios.py`` / ``facts.is_not_a_fact`` has a row that fails when the rule is switched off.
"""
from __future__ import annotations

import pytest

from extract.factcheck import PROBLEMS, check
from test_factcheck import dated, run_docs


def findings_of(tmp_path, *texts):
    return check(run_docs(tmp_path, *texts, formats=("parquet",))).findings


def restated(findings) -> list:
    return [f for f in findings if f.kind == "restated"]


# ---------------------------------------------------------------------------- restated facts: verdicts

ORANGES_2020 = dated("15/06/2020", "Năm 2020, xã Phú Mậu có 80 ha cam.")

# (texts, verdict, values)
RESTATED = [
    pytest.param([ORANGES_2020, dated("20/10/2020", "Diện tích trồng cam của xã Phú Mậu năm 2020 là 80 ha.")],
                 "consistent", [80, 80], id="consistent-same-year"),
    pytest.param([ORANGES_2020, dated("20/10/2020", "Diện tích trồng cam của xã Phú Mậu năm 2020 là hơn 70 ha.")],
                 "compatible", [80, 70], id="compatible-lower-bound"),
    pytest.param([ORANGES_2020, dated("20/10/2020", "Diện tích trồng cam của xã Phú Mậu năm 2020 là 95 ha.")],
                 "conflict", [80, 95], id="conflict-same-year-stated"),
    pytest.param([ORANGES_2020, dated("20/10/2020", "Diện tích trồng cam của xã Phú Mậu năm 2020 là 950.000 m2.")],
                 "conflict", [80, 950_000], id="conflict-ha-and-m2"),
    pytest.param([dated("03/04/2021", "Đến nay, xã Phú Mậu có 80 ha cam."),
                  dated("03/04/2021", "Hiện nay diện tích trồng cam của xã Phú Mậu là 95 ha.")],
                 "conflict", [80, 95], id="conflict-den-nay-same-date"),
    pytest.param([dated("03/04/2021", "Đến nay, xã Phú Mậu có 80 ha cam."),
                  dated("12/09/2022", "Hiện nay diện tích trồng cam của xã Phú Mậu là 95 ha.")],
                 "changed_over_time", [80, 95], id="den-nay-two-dates"),
    pytest.param([dated("15/06/2019", "Năm 2019, xã Phú Mậu có 80 ha cam."),
                  dated("20/10/2021", "Năm 2021, diện tích trồng cam của xã Phú Mậu là 95 ha.")],
                 "changed_over_time", [80, 95], id="two-stated-years"),
    pytest.param([dated("20/10/2021", "Năm 2019, xã Phú Mậu có 80 ha cam.\n\n"
                                      "Năm 2021, diện tích trồng cam của xã Phú Mậu là 95 ha.")],
                 "changed_over_time", [80, 95], id="two-years-in-one-report"),
    pytest.param([dated("15/06/2019", "Năm 2019, xã Phú Mậu có 80 ha cam."),
                  dated("20/10/2022", "Diện tích trồng cam của xã Phú Mậu là 95 ha.")],
                 "changed_over_time", [80, 95], id="a-year-and-a-later-report"),
    pytest.param([dated("10/01/2023", "Năm 2022, tỷ lệ hộ nghèo của huyện Quảng Điền là 4,2%."),
                  dated("15/03/2023", "Tỷ lệ hộ nghèo của huyện Quảng Điền năm 2022 là 3,8%.")],
                 "conflict", [4.2, 3.8], id="conflict-poverty-rate-same-year"),
]


@pytest.mark.parametrize("texts, verdict, values", RESTATED)
def test_restated_verdict(tmp_path, texts, verdict, values):
    hits = restated(findings_of(tmp_path, *texts))
    assert [(f.verdict, f.values) for f in hits] == [(verdict, values)]
    assert len(hits[0].sentences) == 2 and len(hits[0].doc_dates) == 2 and hits[0].explanation.endswith(".")


# ---------------------------------------------------------------------------- restated facts: must not conflict

# (texts) — no restated finding at all
NOT_RESTATED = [
    pytest.param([ORANGES_2020, dated("20/10/2020", "Năm 2020, diện tích trồng cam của xã Phú Hải là 95 ha.")],
                 id="different-places"),
    pytest.param([ORANGES_2020, dated("20/10/2020", "Năm 2020, diện tích trồng bưởi của xã Phú Mậu là 95 ha.")],
                 id="different-things"),
    pytest.param([ORANGES_2020, dated("20/10/2020", "Năm 2020, xã Phú Mậu thu hoạch 950 tấn cam.")],
                 id="different-units"),
    pytest.param([dated("15/06/2020", "Xã Phú Mậu có 80 ha cam."),
                  dated("15/06/2020", "Diện tích trồng cam của xã Phú Mậu là 95 ha.")],
                 id="undated-statements-of-one-date"),
    pytest.param(["Xã Phú Mậu có 80 ha cam.", "Diện tích trồng cam của xã Phú Mậu là 95 ha."],
                 id="undated-documents"),
    pytest.param([ORANGES_2020, dated("20/10/2020", "Diện tích trồng cam của xã Phú Mậu là 95 ha.")],
                 id="a-year-and-an-undated-report-of-that-year"),
    pytest.param([dated("06/02/2024", "Giá vàng miếng SJC tại Hà Nội niêm yết ở mức 76,5 triệu đồng/lượng."),
                  dated("07/02/2024", "Giá vàng miếng SJC tại Hà Nội niêm yết ở mức 77,2 triệu đồng/lượng.")],
                 id="gold-prices-of-two-days"),
    pytest.param([dated("06/02/2024", "Giá xăng RON 95 tại TP Hồ Chí Minh là 23.500 đồng/lít."),
                  dated("21/02/2024", "Giá xăng RON 95 tại TP Hồ Chí Minh là 24.100 đồng/lít.")],
                 id="fuel-prices-of-two-days"),
    pytest.param([dated("06/02/2024", "Tại Hà Nội, mẫu xe này có giá 1,2 tỷ đồng, động cơ 150 mã lực."),
                  dated("07/02/2024", "Tại Hà Nội, mẫu xe này có giá 1,35 tỷ đồng, động cơ 180 mã lực.")],
                 id="car-prices-and-horsepower"),
    pytest.param([dated("06/02/2024", "Sau vòng 10, câu lạc bộ Hà Nội có 18 điểm."),
                  dated("20/02/2024", "Sau vòng 12, câu lạc bộ Hà Nội có 22 điểm.")],
                 id="league-points"),
    pytest.param([dated("06/02/2024", "Tiền đạo 25 tuổi của Hà Nội ghi 2 bàn."),
                  dated("20/02/2024", "Tiền đạo 31 tuổi của Hà Nội ghi 1 bàn.")],
                 id="ages-and-goals"),
    pytest.param([dated("06/02/2024", "Tỷ lệ hộ dùng nước sạch của xã Phú Mậu năm 2024 đạt 77,8% (90% trở lên)."),
                  dated("07/02/2024", "Năm 2024, tỷ lệ hộ dùng nước sạch của xã Phú Mậu đạt 77,8%.")],
                 id="a-target-is-not-a-statement"),
    pytest.param([dated("06/02/2024", "Năm 2024, tỷ lệ hộ dùng nước sạch của xã Phú Mậu đạt 90% trở lên."),
                  dated("07/02/2024", "Năm 2024, tỷ lệ hộ dùng nước sạch của xã Phú Mậu đạt 77,8%.")],
                 id="a-target-tro-len-is-not-a-statement"),
    pytest.param([dated("06/02/2024", "Xăng RON 95 tại Hà Nội bán ra 23.500 đồng/lít."),
                  dated("21/02/2024", "Xăng RON 95 tại Hà Nội bán ra 24.100 đồng/lít.")],
                 id="a-price-per-litre-without-the-word-gia"),
]


@pytest.mark.parametrize("texts", NOT_RESTATED)
def test_restated_not_a_finding(tmp_path, texts):
    found = findings_of(tmp_path, *texts)
    assert [(f.verdict, f.values) for f in restated(found) if f.verdict != "consistent"] == []


# (texts) — may restate, but never a problem
NO_CONFLICT = [
    pytest.param([dated("26/01/2023", "Mùng 5 Tết, khu du lịch của xã Phú Mậu đón 500 lượt khách."),
                  dated("31/01/2023", "Mùng 10 Tết, khu du lịch của xã Phú Mậu đón 1.200 lượt khách.")],
                 id="two-days-of-tet"),
    pytest.param([dated("15/06/2020", "Xã Phú Mậu có 80 ha cam.\n\nHiện tại, diện tích trồng cam của xã Phú Mậu "
                                      "theo số liệu cũ là 95 ha.")], id="undated-pair-in-one-report"),
]


@pytest.mark.parametrize("texts", NO_CONFLICT)
def test_restated_no_conflict(tmp_path, texts):
    assert [f for f in findings_of(tmp_path, *texts) if f.verdict in PROBLEMS] == []


# ---------------------------------------------------------------------------- ratios and shares

# (text, kind, values) — real problems still flagged
FLAGGED = [
    pytest.param("Có 13/12 xã đạt chuẩn nông thôn mới.", "ratio_above_one", [13, 12], id="date-shaped-ratio-of-communes"),
    pytest.param("Thứ Hai (6/2) có 20/12 xã ra quân làm vệ sinh môi trường.", "ratio_above_one", [20, 12],
                 id="ratio-after-a-date"),
    pytest.param("Tỷ lệ tiêm chủng đạt 101,5%.", "share_above_100", [101.5], id="share-101"),
]


@pytest.mark.parametrize("text, kind, values", FLAGGED)
def test_ratios_flagged(tmp_path, text, kind, values):
    assert [(f.kind, f.values) for f in findings_of(tmp_path, text) if f.verdict == "flagged"] == [(kind, values)]


NOT_FLAGGED = [
    pytest.param("Sau 6/2 xã sẽ ra quân làm thủy lợi.", id="date-after-a-date-word"),
    pytest.param("Vào 6/2 xã tổ chức lễ hội.", id="date-after-vao"),
    pytest.param("Lịch thi đấu: 6/2 gặp Thái Lan, 13/3 gặp Lào.", id="dates-of-a-fixture-list"),
    pytest.param("Kết quả 3/1 nghiêng về chủ nhà.", id="a-score"),
    pytest.param("Phiên bản này dùng cỡ 245/60 mâm đúc.", id="a-tyre-size"),
    pytest.param("Trạm y tế trực 24/7 người.", id="round-the-clock"),
    pytest.param("Doanh thu đạt 125% so với năm trước.", id="rate-of-last-year-after-the-figure"),
    pytest.param("Kim ngạch xuất khẩu đạt 112 % kế hoạch, tăng 150% so với cùng kỳ.", id="plan-and-growth"),
    pytest.param("Mục tiêu tỷ lệ che phủ đạt 105%.", id="a-target-above-100"),
]


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_ratios_not_flagged(tmp_path, text):
    assert [(f.kind, f.values) for f in findings_of(tmp_path, text) if f.kind in ("ratio_above_one", "share_above_100")] == []


# (statement of the first report, of the second, the finding's label as the first writes it)
LABELS = [
    pytest.param("Năm 2020, tỷ lệ hộ gia đình được công nhận văn hóa của tỉnh Quảng Trị đạt 85%.",
                 "Năm 2020, tỷ lệ hộ gia đình được công nhận văn hóa của tỉnh Quảng Trị đạt 89%.",
                 "tỷ lệ hộ gia đình được công nhận văn hóa", id="share-label-before-it"),
    pytest.param("Năm 2020, xã Hương Vân có 12 mô hình kinh tế tập thể.",
                 "Năm 2020, xã Hương Vân có 15 mô hình kinh tế tập thể.", "mô hình kinh tế tập thể",
                 id="counted-noun-and-what-follows"),
    pytest.param("Năm 2020, diện tích trồng ổi của xã Hương Vân là 150 ha.",
                 "Năm 2020, diện tích trồng ổi của xã Hương Vân là 120 ha.", "diện tích trồng ổi",
                 id="measure-label-without-its-place"),
]


@pytest.mark.parametrize("first, second, label", LABELS)
def test_restated_label_is_the_noun_phrase_as_written(tmp_path, first, second, label):
    from extract import RunOptions, run
    from extract.factcheck import check

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Ngày cập nhật 15/06/2020\n\n{first}", encoding="utf-8")
    (folder / "b.txt").write_text(f"Ngày cập nhật 20/10/2020\n\n{second}", encoding="utf-8")
    run(RunOptions(input=folder, output=tmp_path / "out", progress=False))
    (finding,) = [f for f in check(tmp_path / "out").findings if f.kind == "restated"]
    assert finding.what.casefold() == label and f"({finding.what})" in finding.explanation
