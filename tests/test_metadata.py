"""Header snippets → metadata, the seeds' doc_date against the gold, and the date-pattern data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.clean import clean
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

SPECS = json.loads(DATE_PATTERNS_FILE.read_text(encoding="utf-8"))["patterns"]


def test_date_patterns_file_has_a_source_and_loads():
    data = json.loads(DATE_PATTERNS_FILE.read_text(encoding="utf-8"))
    assert data["_source"]
    assert [p.id for p in date_rules().patterns] == [spec["id"] for spec in SPECS]


@pytest.mark.parametrize(
    ("pattern_id", "line"), [(spec["id"], example) for spec in SPECS for example in spec["examples"]]
)
def test_date_pattern_examples_match_their_pattern_first(pattern_id, line):
    hit = match_date_line(line)
    assert hit is not None and hit[0].id == pattern_id
    assert parse_date(hit[1]["date"]) is not None


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
