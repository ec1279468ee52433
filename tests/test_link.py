"""The link pass: (small document → what a figure is stated for) truth tables.

Every row is a document of our own (other provinces and bodies than the samples) run
through the whole pipeline (``process_text``), and one figure of it by its surface: the
surface of its place and where that place was found, its organisation, its model, and its
period as written and as dates.  Must-not rows say which link a figure must not get.
"""
from __future__ import annotations

import pytest

from extract.passes.link import PLACE_SOURCES, find_periods
from extract.pipeline import process_text


def _figure(text: str, surface: str):
    result = process_text(text, "t")
    by_id = {r.id: r for r in [*result.localities, *result.organisations, *result.models]}
    figure = next(f for f in result.figures if f.text == surface)
    return figure, by_id


def _surface(record) -> str | None:
    return None if record is None else getattr(record, "text", None) or record.name


# (document, figure, place as written, place_source)
PLACES = [
    pytest.param("Năm 2021, Hội Nông dân xã Phước Hòa xây dựng 12 mô hình.", "12 mô hình", "xã Phước Hòa",
                 "sentence", id="sentence-before"),
    pytest.param("Có 12 mô hình được xây dựng tại xã Phước Hòa.", "12 mô hình", "xã Phước Hòa", "sentence",
                 id="sentence-after"),
    pytest.param("Kết quả ở xã Hòa Tịnh như sau:\n- Vận động 320 hộ tham gia;\n- Làm mới 4 tuyến đường.",
                 "320 hộ", "xã Hòa Tịnh", "list heading", id="list-heading"),
    pytest.param("Huyện Cam Lộ tổ chức nhiều hoạt động thiết thực. Toàn huyện đã thành lập 45 câu lạc bộ.",
                 "45 câu lạc bộ", "Huyện Cam Lộ", "paragraph", id="paragraph"),
    pytest.param("Công tác dân vận ở huyện Krông Pắc\n\nNhững năm qua đã có 230 hộ thoát nghèo.\n\n"
                 "Các đoàn thể cũng vận động 80 hộ hiến đất.", "80 hộ", "huyện Krông Pắc", "document heading",
                 id="document-heading"),
    pytest.param("Hải Lăng, ngày 12 tháng 3 năm 2021\n\nBÁO CÁO\nKết quả công tác quý I\n\n"
                 "Đã có 35 hộ thoát nghèo; các thôn ra quân dọn vệ sinh.", "35 hộ", "Hải Lăng", "place of issue",
                 id="place-of-issue"),
    pytest.param("Kết quả công tác dân vận\n\nPhường Hòa Hải đẩy mạnh các phong trào, phường Hòa Hải có nhiều cách "
                 "làm hay.\n\nĐã vận động 120 hộ hiến đất.", "120 hộ", "Phường Hòa Hải", "document",
                 id="the-place-the-document-is-about"),
]


@pytest.mark.parametrize("text, surface, place, source", PLACES)
def test_link_place_and_where_it_was_found(text, surface, place, source):
    figure, by_id = _figure(text, surface)
    assert (_surface(by_id.get(figure.place)), figure.place_source) == (place, source)
    assert source in PLACE_SOURCES


@pytest.mark.parametrize("text", [
    "Trong năm đã có 35 hộ thoát nghèo.",
    "Kết quả công tác dân vận\n\nXã Cam Thành làm tốt; xã Cam Chính làm tốt.\n\nĐã có 35 hộ thoát nghèo.",
], ids=["no-place-written", "no-place-the-document-is-about"])
def test_link_no_place(text):
    figure, _ = _figure(text, "35 hộ")
    assert (figure.place, figure.place_source) == (None, None)


# (document, figure, organisation as written or None, model name or None)
BODIES = [
    pytest.param("Hội Phụ nữ phường An Lạc đã vận động 150 hội viên tham gia.", "150 hội viên",
                 "Hội Phụ nữ phường An Lạc", None, id="subject"),
    pytest.param("Toàn xã có 20 mô hình của Hội Phụ nữ xã Cẩm Bình.", "20 mô hình", "Hội Phụ nữ xã Cẩm Bình", None,
                 id="cua-after"),
    pytest.param("Diện tích trồng bưởi có hơn 40 ha, tiêu biểu có hộ ông Lê Văn Tám - Chủ tịch Hội Nông dân xã.",
                 "hơn 40 ha", None, None, id="not-a-body-named-after"),
    pytest.param("Mô hình “Tổ tự quản đường hoa” có 25 thành viên tham gia.", "25 thành viên", None,
                 "Tổ tự quản đường hoa", id="model"),
]


@pytest.mark.parametrize("text, surface, org, model", BODIES)
def test_link_organisation_and_model(text, surface, org, model):
    figure, by_id = _figure(text, surface)
    assert _surface(by_id.get(figure.organisation)) == org
    assert (by_id[figure.model].name if figure.model else None) == model


# (document, figure, period_text, period_start, period_end)
PERIODS = [
    pytest.param("Ngày cập nhật 05/10/2023\n\nTrong 9 tháng đầu năm, toàn tỉnh có 1.200 hộ thoát nghèo.",
                 "1.200 hộ", "9 tháng đầu năm", "2023-01-01", "2023-09-30", id="first-months-doc-year"),
    pytest.param("Ngày cập nhật 05/10/2023\n\nĐến nay, toàn huyện có 36 xã đạt chuẩn nông thôn mới.", "36 xã",
                 "Đến nay", None, "2023-10-05", id="den-nay-doc-date"),
    pytest.param("Giai đoạn 2016 - 2020, tỉnh đã hỗ trợ 4.500 hộ.", "4.500 hộ", "Giai đoạn 2016 - 2020",
                 "2016-01-01", "2020-12-31", id="giai-doan"),
    pytest.param("Báo cáo công tác giao thông\n\nKết quả 6 tháng đầu năm 2022:\n- Làm mới 14 km đường;\n- Xây 3 cầu.",
                 "14 km",
                 "6 tháng đầu năm 2022", "2022-01-01", "2022-06-30", id="list-heading"),
    pytest.param("Tỉnh đoàn có 12.000 đoàn viên trong năm 2020.", "12.000 đoàn viên", "trong năm 2020", "2020-01-01",
                 "2020-12-31", id="after-in-sentence"),
    pytest.param("Năm 2022, xã tập trung phát triển kinh tế. Toàn xã có 18 hợp tác xã.", "18 hợp tác xã",
                 "Năm 2022", "2022-01-01", "2022-12-31", id="paragraph"),
    pytest.param("Báo cáo kết quả công tác dân vận năm 2023\n\nToàn huyện có 25 mô hình mới.", "25 mô hình",
                 "năm 2023", "2023-01-01", "2023-12-31", id="title"),
]


@pytest.mark.parametrize("text, surface, period, start, end", PERIODS)
def test_link_period(text, surface, period, start, end):
    figure, _ = _figure(text, surface)
    assert (figure.period_text, figure.period_start, figure.period_end) == (period, start, end)


# (text, document date, [(period as written, start, end)])
PERIOD_PHRASES = [
    ("năm 2021", None, [("năm 2021", "2021-01-01", "2021-12-31")]),
    ("6 tháng đầu năm 2022", None, [("6 tháng đầu năm 2022", "2022-01-01", "2022-06-30")]),
    ("sáu tháng cuối năm 2019", None, [("sáu tháng cuối năm 2019", "2019-07-01", "2019-12-31")]),
    ("giai đoạn 2016–2020", None, [("giai đoạn 2016–2020", "2016-01-01", "2020-12-31")]),
    ("nhiệm kỳ 2020 - 2025", None, [("nhiệm kỳ 2020 - 2025", "2020-01-01", "2025-12-31")]),
    ("từ năm 2018 đến nay", "2023-04-02", [("từ năm 2018 đến nay", "2018-01-01", "2023-04-02")]),
    ("từ đầu năm đến nay", "2023-04-02", [("từ đầu năm đến nay", "2023-01-01", "2023-04-02")]),
    ("hiện nay", "2023-04-02", [("hiện nay", None, "2023-04-02")]),
    ("quý III/2023", None, [("quý III/2023", "2023-07-01", "2023-09-30")]),
    ("quý 2 năm 2024", None, [("quý 2 năm 2024", "2024-04-01", "2024-06-30")]),
    ("tháng 2/2024", None, [("tháng 2/2024", "2024-02-01", "2024-02-29")]),
    ("tính đến ngày 30/6/2023", None, [("tính đến ngày 30/6/2023", None, "2023-06-30")]),
    ("quý I", "2021-05-01", [("quý I", "2021-01-01", "2021-03-31")]),
    ("quý I", None, [("quý I", None, None)]),
    # must not: a duration, a count of years, a year that is not a period, a date
    ("trong 5 năm qua", None, []),
    ("kỷ niệm 90 năm thành lập", None, []),
    ("Quyết định 1600/QĐ-TTg năm", None, []),
    ("2016 - 2020", None, []),
]


@pytest.mark.parametrize("text, doc_date, expected", PERIOD_PHRASES)
def test_link_period_phrases(text, doc_date, expected):
    assert [(p.text, p.start, p.end) for p in find_periods(text, doc_date)] == expected
