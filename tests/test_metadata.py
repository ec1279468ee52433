"""Header snippets → metadata, the seeds' doc_date against the gold, and the date-pattern data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.clean import clean
from extract.lexicons import load_data
from extract.metadata import DATE_PATTERNS_FILE, date_rules, match_date_line, parse_date, read_metadata

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "gold"

# (text, expected fields); only the fields listed are checked.
SNIPPETS_FROM_SAMPLES = [
    (  # seed 000: dateline under the headline, "EmailPrintAa" chrome between them
        "Nhân rộng các mô hình “Dân vận khéo” trên địa bàn thị xã Hồng Lĩnh\nEmailPrintAa\n16:20 28/11/2018\n\n"
        "Thực hiện Chương trình công tác năm 2018 của Ban Dân vận Thị ủy.\n\n"
        "Nguyễn Thị Thắm - Phó Trưởng Ban Dân vận Thị ủy Hồng Lĩnh\n\n\n    Ý kiến bạn đọc",
        {"date": "2018-11-28", "date_text": "16:20 28/11/2018", "place": None,
         "title": "Nhân rộng các mô hình “Dân vận khéo” trên địa bàn thị xã Hồng Lĩnh", "author": "Nguyễn Thị Thắm"},
    ),
    (  # seed 001: no printed date (tháng 3/2024 is an event), byline and source line
        "Kim Động: Nhân lên sức mạnh tổng hợp từ dân vận khéo\n\n"
        "Tháng 3/2024, huyện tổ chức hội nghị sơ kết 5 tháng hoạt động.\n\nLệ Thu\n\n"
        "Nguồn Hưng Yên: http://baohungyen.vn/kim-dong-nhan-len-suc-manh-tong-hop-tu-dan-van-kheo-3175236.html",
        {"date": None, "title": "Kim Động: Nhân lên sức mạnh tổng hợp từ dân vận khéo", "author": "Lệ Thu",
         "source_url": "http://baohungyen.vn/kim-dong-nhan-len-suc-manh-tong-hop-tu-dan-van-kheo-3175236.html"},
    ),
    (  # seed 002: search-box chrome above the headline, update line
        "Tìm kiếm tin tức\nCông tác Dân vận chính quyền-Tăng cường mối quan hệ mật thiết giữa Đảng với nhân dân\n"
        "Ngày cập nhật 15/06/2020\n\nDân vận là một trong những công tác cơ bản của Đảng ta.\n\n"
        "Nguyễn Tiến Giang\nCác tin khác\nThống kê truy cập\nTruy câp tổng 10.203.693",
        {"date": "2020-06-15", "date_text": "Ngày cập nhật 15/06/2020", "author": "Nguyễn Tiến Giang",
         "title": "Công tác Dân vận chính quyền-Tăng cường mối quan hệ mật thiết giữa Đảng với nhân dân"},
    ),
    (  # seed 003: report header with place and date, "BÁO CÁO" + the line under it
        "\n\nHương Trà, ngày 02 tháng 10 năm 2020\n\nBÁO CÁO\n"
        "tổng kết phong trào thi đua “Dân vận khéo” giai đoạn 2017-2020\n\n"
        "Thực hiện Kế hoạch số 160-KH/TU, ngày 30/6/2020 của Ban Thường vụ Tỉnh ủy.\n\nNơi nhận:\n- Lưu VP Thị ủy.",
        {"date": "2020-10-02", "place": "Hương Trà", "author": None,
         "title": "BÁO CÁO tổng kết phong trào thi đua “Dân vận khéo” giai đoạn 2017-2020"},
    ),
    (  # seed 004: a kicker with anniversary dates, the headline right before the dateline
        "Hướng tới kỷ niệm 90 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 - 15/10/2020)\n\n"
        "Công tác Dân vận ở Móng Cái- Thành công từ bài học trọng dân, trách nhiệm\n\n08/10/2020 16:39\n"
        "Ở Móng Cái, công tác Dân vận hướng tới những nhiệm vụ trọng tâm.\n\nThu Hằng\nTrung tâm TTVH\nLoading...",
        {"date": "2020-10-08", "date_text": "08/10/2020 16:39", "author": "Thu Hằng",
         "title": "Công tác Dân vận ở Móng Cái- Thành công từ bài học trọng dân, trách nhiệm"},
    ),
]
SNIPPETS_NEW = [
    ("Tiêu đề bài viết\nCập nhật: 16:20 28/11/2018\n\nNội dung.", {"date": "2018-11-28", "title": "Tiêu đề bài viết"}),
    ("Tiêu đề bài viết\nĐăng ngày 02 tháng 10 năm 2020\n\nNội dung.", {"date": "2020-10-02"}),
    ("Tiêu đề bài viết\nThứ năm, 08/10/2020 - 16:39 (GMT+7)\n\nNội dung.", {"date": "2020-10-08"}),
    (  # letterhead, document number, then the document type
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTHỊ ỦY HƯƠNG TRÀ\n*\nSố 12-KH/TU\n\nHà Nội, ngày 5/3/2021\n\nKẾ HOẠCH\n"
        "thực hiện phong trào thi đua “Dân vận khéo” năm 2021\n\nNội dung.",
        {"date": "2021-03-05", "place": "Hà Nội", "title": "KẾ HOẠCH thực hiện phong trào thi đua “Dân vận khéo” năm 2021"},
    ),
    ("Tiêu đề bài viết\n\nNội dung bài viết dài.\n\nLệ Thu - 12/03/2024", {"date": "2024-03-12", "author": "Lệ Thu"}),
    # dates inside sentences, without a year, or of an event give nothing
    ("Tiêu đề bài viết\n\nSáng 3/5/2019, Ban Dân vận tổ chức hội nghị.", {"date": None}),
    ("Tiêu đề bài viết\n\nNgày 12/9\n\nNội dung.", {"date": None}),
    ("Tiêu đề bài viết\n\nTrong ngày 02 tháng 10 năm 2020 đã tổ chức 02 tháng cao điểm.", {"date": None}),
    # a signature block in capitals is not an author; a name under it is
    ("Tiêu đề\n\nNội dung.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", {"author": None}),
    ("Tiêu đề\n\nNội dung.\n\nPHÓ BÍ THƯ\n\nNguyễn Văn Bình", {"author": "Nguyễn Văn Bình"}),
    ("Tiêu đề\n\nNội dung.\n\nTheo Báo Hưng Yên", {"author": None}),
    ("Tiêu đề\n\nNội dung.\n\nNguồn: https://dangcongsan.vn/bai-viet-1.html.", {"source_url": "https://dangcongsan.vn/bai-viet-1.html"}),
]


@pytest.mark.parametrize(("text", "expected"), SNIPPETS_FROM_SAMPLES + SNIPPETS_NEW)
def test_read_metadata_snippets(text, expected):
    meta = read_metadata(clean(text))
    assert {field: getattr(meta, field) for field in expected} == expected


# Header forms of news pages and administrative documents → doc date.  Invented sites, places
# and bodies; each row is "headline \n header line(s) \n\n body" unless it says otherwise.
BODY = "\n\nNông dân trong xã đã góp ngày công sửa kênh mương nội đồng."


def _page(*header_lines: str, headline: str = "Tuy Phước mở rộng vùng lúa hữu cơ") -> str:
    return "\n".join((headline, *header_lines)) + BODY


HEADER_DATES = [
    # news timestamps with seconds, a category after (or before) a bar, ISO dates
    (_page("08:12:31 14/03/2024 | Tin địa phương"), "2024-03-14"),  # CATEGORY_AFTER
    (_page("14/03/2024 08:12:31"), "2024-03-14"),
    (_page("Thứ Năm, 14/03/2024 - 08:12"), "2024-03-14"),
    (_page("Kinh tế · 14/03/2024 08:12"), "2024-03-14"),  # CATEGORY_BEFORE
    (_page("Nông nghiệp | Thứ Năm, 14/03/2024 08:12:31 | 1.204 lượt xem"), "2024-03-14"),
    (_page("2024-03-14 08:12:31"), "2024-03-14"),  # DATE_ISO
    (_page("T5, 14/03/2024 08:12:31 AM"), "2024-03-14"),
    # update / publication cues (UPDATE_CUE)
    (_page("Cập nhật: 10:15 ngày 05/06/2023"), "2023-06-05"),  # DAY_WORD in update_line
    (_page("Cập nhật lúc 9h30, 05-06-2023"), "2023-06-05"),
    (_page("Đăng ngày 2/9/2022"), "2022-09-02"),
    (_page("Ngày đăng: 02/09/2022"), "2022-09-02"),
    (_page("Ngày xuất bản: 20/10/2022 07:00"), "2022-10-20"),
    (_page("Thời gian đăng: 14:05 | 22/08/2021"), "2021-08-22"),
    (_page("Thời gian cập nhật: 22/08/2021 14:05"), "2021-08-22"),
    (_page("Ngày đăng bài: 22/08/2021"), "2021-08-22"),
    (_page("Đăng tải lúc 06:30 - 01/01/2022"), "2022-01-01"),
    # bylines with a time, an agency, a label
    (_page("Minh Anh - 16:40, 11/11/2023"), "2023-11-11"),
    (_page("Thu Hà (TTXVN) 07:45 | 11/11/2023"), "2023-11-11"),  # agency in brackets
    (_page("Bài và ảnh: Lê Hòa - 11/11/2023"), "2023-11-11"),  # BYLINE_LABEL
    (_page("Tin, ảnh: Đức Trung | 11/11/2023"), "2023-11-11"),
    # weekday forms
    (_page("Thứ hai, 04/12/2023 14:20 (GMT+7)"), "2023-12-04"),
    (_page("Chủ nhật, ngày 3 tháng 12 năm 2023"), "2023-12-03"),
    (_page("Thứ 4, 6/12/2023"), "2023-12-06"),
    (_page("Thứ Tư, ngày 6/12/2023"), "2023-12-06"),  # DAY_WORD in dateline
    (_page("CN, 10/12/2023 - 19:05"), "2023-12-10"),
    # administrative datelines (the header above the document type)
    ("Quảng Trị, ngày 12 tháng 3 năm 2021\n\nBÁO CÁO\nkết quả công tác dân vận quý I" + BODY, "2021-03-12"),
    ("Tp. Hồ Chí Minh, ngày 05 tháng 01 năm 2022\n\nKẾ HOẠCH\ntổ chức Tết trồng cây" + BODY, "2022-01-05"),
    ("Đồng Hới, ngày 12/3/2021\n\nTHÔNG BÁO\nlịch tiếp công dân" + BODY, "2021-03-12"),
    ("Quận 3, ngày 7 tháng 4 năm 2022\n\nBÁO CÁO\nsơ kết phong trào" + BODY, "2022-04-07"),  # digits in a place
    ("UBND HUYỆN CAM LỘ\nSố: 45/BC-UBND Cam Lộ, ngày 20 tháng 4 năm 2022\nBÁO CÁO\nsơ kết" + BODY, "2022-04-20"),
    # a site bar above the headline loses to the article's own date below it or in its byline
    ("Thứ Hai, 07/12/2026\nTuy Phước mở rộng vùng lúa hữu cơ\n08:12 14/03/2024" + BODY, "2024-03-14"),
    ("Thứ Hai, 07/12/2026\nTuy Phước mở rộng vùng lúa hữu cơ\nMinh Anh - 16:40, 11/11/2023" + BODY, "2023-11-11"),
    (  # the byline at the end of a long article
        "Thứ Hai, 07/12/2026\nTuy Phước mở rộng vùng lúa hữu cơ\n\n"
        + "\n\n".join(f"Đoạn {n} của bài viết về cánh đồng lúa." for n in range(1, 16))
        + "\n\nNgọc Lan - 05/05/2025",
        "2025-05-05",
    ),
    # … but it is the date when the article prints none of its own
    (_page(headline="Thời sự | 14/03/2024 08:12\nTuy Phước mở rộng vùng lúa hữu cơ"), "2024-03-14"),
    # an administrative header above the document type beats a dateline under the title
    ("Phù Mỹ, ngày 5 tháng 3 năm 2021\nBÁO CÁO\nsơ kết công tác quý I\n08/04/2021" + BODY, "2021-03-05"),
    # must not: dates in the body, a phone number, document numbers, referenced decisions
    ("Tuy Phước mở rộng vùng lúa hữu cơ\n\nThực hiện Kết luận ngày 3/6/2013 của Ban Thường vụ Tỉnh ủy, xã đã làm.", None),
    ("Tuy Phước mở rộng vùng lúa hữu cơ\n\nNgày 3/6/2013 của Ban Thường vụ Tỉnh ủy" + BODY, None),
    (_page("14/03/2024 08:12") + "\n\nThực hiện Kết luận ngày 3/6/2013 của Ban Thường vụ Tỉnh ủy.", "2024-03-14"),
    (_page("Đường dây nóng: 0912.345.678"), None),
    (_page("0912.345.678"), None),
    (_page("Số: 12/2021/NĐ-CP"), None),
    (_page("Căn cứ Nghị định số 12/2021/NĐ-CP ngày 5/3/2021 của Chính phủ;"), None),
    (_page("Quyết định số 245/QĐ-UBND ngày 10/02/2020"), None),
    ("Phù Mỹ, ngày 5 tháng 3 năm 2021\nKẾ HOẠCH\nphòng chống lụt bão\n"
     "Căn cứ Quyết định số 245/QĐ-UBND ngày 10/02/2020 của UBND tỉnh;" + BODY, "2021-03-05"),
]


def _header_id(value):
    """The first dated-looking line of a row's text (pytest id), else the expected value."""
    if isinstance(value, str) and "\n" in value:
        return next((line for line in value.split("\n") if any(ch.isdigit() for ch in line)), value)[:50]
    return str(value)


@pytest.mark.parametrize(("text", "expected"), HEADER_DATES, ids=_header_id)
def test_doc_date_from_header_forms(text, expected):
    assert read_metadata(clean(text)).date == expected


def test_site_bar_loses_to_the_date_under_the_pages_title():
    """A menu line above the site bar hides the headline from the text; the page title finds it."""
    text = "Giới thiệu\nThứ Hai, 07/12/2026\nTuy Phước mở rộng vùng lúa hữu cơ\n14/03/2024 08:12" + BODY
    meta = read_metadata(clean(text), {"title": "Tuy Phước mở rộng vùng lúa hữu cơ - Báo Đất Võ"})
    assert meta.date == "2024-03-14"


# A header whose day is left blank (a draft, or dated by hand at signing) has no full date:
# date None — no container date replaces it — while its place and printed text are kept.
UNDATED_HEADERS = [
    ("Phù Cát, ngày   tháng 3 năm 2021", "Phù Cát"),
    ("An Lão, ngày … tháng … năm 2021", "An Lão"),
    ("Hoài Nhơn, ngày ….tháng….năm 2021", "Hoài Nhơn"),
    ("Vĩnh Linh, ngày     /3/2021", "Vĩnh Linh"),
]


@pytest.mark.parametrize(("header", "place"), UNDATED_HEADERS)
def test_header_with_a_blank_day_gives_a_place_and_no_date(header, place):
    text = f"{header}\n\nTỜ TRÌNH\nxin chủ trương đầu tư đường giao thông nông thôn{BODY}"
    meta = read_metadata(clean(text), {"date": "2021-03-20"})
    assert (meta.date, meta.place, meta.date_text, meta.title) == (
        None, place, header, "TỜ TRÌNH xin chủ trương đầu tư đường giao thông nông thôn")


HINTS = [
    # the printed date wins over the container's
    ("Tiêu đề\n08/10/2020 16:39\n\nNội dung.", {"date": "2019-01-01"}, {"date": "2020-10-08"}),
    ("Tiêu đề\n\nNội dung.", {"date": "2020-10-08T16:39:00+07:00"}, {"date": "2020-10-08"}),
    ("Tiêu đề\n\nNội dung.", {"date": "08/10/2020"}, {"date": "2020-10-08"}),
    ("Tiêu đề\n\nNội dung.", {"date": "hôm qua"}, {"date": None}),
    ("Tiêu đề trong văn bản\n\nNội dung.", {"title": "Tiêu đề của trang"}, {"title": "Tiêu đề của trang"}),
    ("Tiêu đề\n\nNội dung.", {"author": "Minh Châu", "url": "https://baoquangninh.vn/a.html"},
     {"author": "Minh Châu", "source_url": "https://baoquangninh.vn/a.html"}),
    ("Tiêu đề\n\nNội dung.\n\nLệ Thu", {"author": "Minh Châu"}, {"author": "Lệ Thu"}),
]


@pytest.mark.parametrize(("text", "hints", "expected"), HINTS)
def test_read_metadata_hints_fill_gaps(text, hints, expected):
    meta = read_metadata(clean(text), hints)
    assert {field: getattr(meta, field) for field in expected} == expected


def _gold_date(stem: str) -> str | None:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))["doc_date"]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_read_metadata_seed_date_matches_gold(path):
    meta = read_metadata(clean(path.read_text(encoding="utf-8")))
    gold = _gold_date(path.stem)
    assert (meta.date[:10] if meta.date else None) == (gold[:10] if gold else None)


def test_read_metadata_seed_titles_and_authors():
    expected = {
        "000": ("Nhân rộng các mô hình “Dân vận khéo” trên địa bàn thị xã Hồng Lĩnh", "Nguyễn Thị Thắm"),
        "001": ("Kim Động: Nhân lên sức mạnh tổng hợp từ dân vận khéo", "Lệ Thu"),
        "002": ("Công tác Dân vận chính quyền-Tăng cường mối quan hệ mật thiết giữa Đảng với nhân dân", "Nguyễn Tiến Giang"),
        "003": ("BÁO CÁO tổng kết phong trào thi đua “Dân vận khéo” giai đoạn 2017-2020", None),
        "004": ("Công tác Dân vận ở Móng Cái- Thành công từ bài học trọng dân, trách nhiệm", "Thu Hằng"),
    }
    for prefix, (title, author) in expected.items():
        (path,) = CORPUS.glob(f"{prefix}_*.txt")
        meta = read_metadata(clean(path.read_text(encoding="utf-8")))
        assert (meta.title, meta.author) == (title, author), prefix


# ------------------------------------------------------------------------ the data file

SPECS = load_data(DATE_PATTERNS_FILE)["patterns"]


def test_date_patterns_file_has_a_source_and_loads():
    data = load_data(DATE_PATTERNS_FILE)
    assert data["_source"]
    assert [p.id for p in date_rules().patterns] == [spec["id"] for spec in SPECS]


@pytest.mark.parametrize(
    ("pattern_id", "line"), [(spec["id"], example) for spec in SPECS for example in spec["examples"]]
)
def test_date_pattern_examples_match_their_pattern_first(pattern_id, line):
    hit = match_date_line(line)
    assert hit is not None and hit[0].id == pattern_id
    parsed = parse_date(hit[1]["date"])
    assert parsed is None if hit[0].kind == "undated" else parsed is not None


@pytest.mark.parametrize(
    ("pattern_id", "line"), [(spec["id"], example) for spec in SPECS for example in spec["counter_examples"]]
)
def test_date_pattern_counter_examples_do_not_match(pattern_id, line):
    (pattern,) = [p for p in date_rules().patterns if p.id == pattern_id]
    assert pattern.regex.fullmatch(line.strip()) is None


PARSE_DATE = [
    ("28/11/2018", "2018-11-28"),
    ("02 tháng 10 năm 2020", "2020-10-02"),
    ("ngày 5 tháng 3, năm 2021", "2021-03-05"),
    ("08-10-2020", "2020-10-08"),
    ("12/9", None),
    ("tháng 3/2024", None),
    ("31/02/2020", None),
    ("15/10/1930", None),  # outside the plausible publication years
]


@pytest.mark.parametrize(("span", "expected"), PARSE_DATE)
def test_parse_date(span, expected):
    parsed = parse_date(span)
    assert (parsed.isoformat() if parsed else None) == expected


NUMERIC_FORMS = [
    "{d}/{m}/{y}", "{d:02d}/{m:02d}/{y}", "{d}-{m}-{y}", "{d:02d}.{m:02d}.{y}",
    "ngày {d} tháng {m} năm {y}", "{d:02d} tháng {m:02d}, năm {y}", "Ngày {d} Tháng {m} Năm {y}",
    "ngày {d:02d}/{m}/{y}",
]


def test_numeric_dates_are_read_as_dateparser_reads_them():
    """The spans read without dateparser give the date dateparser gives (or none, like it),
    impossible days, months and implausible years included."""
    from extract.metadata import PLAUSIBLE_YEARS, _dateparser_date

    spans = [form.format(d=d, m=m, y=y) for form in NUMERIC_FORMS
             for d in (0, 1, 9, 12, 29, 30, 31, 32) for m in (0, 1, 2, 4, 12, 13) for y in (1944, 2020, 2024, 2100)]
    assert all(date_rules().numeric.fullmatch(span) for span in spans)  # none went to dateparser
    for span in spans:
        expected = _dateparser_date(span)
        if expected is not None and expected.year not in PLAUSIBLE_YEARS:
            expected = None
        assert parse_date(span) == expected, span


@pytest.mark.parametrize("span", ["2/10-2020", "Thứ Năm, 08/10/2020", "8 tháng Mười năm 2020", "2020-10-08"])
def test_other_date_spans_go_to_dateparser(span):
    from extract.metadata import _dateparser_date

    assert date_rules().numeric.fullmatch(span) is None
    assert parse_date(span) == _dateparser_date(span)
