"""Persons: (Vietnamese sentence → expected persons) truth tables.

There is no gold for persons.  Rows come from the samples (PERSONS_FROM_SAMPLES), from
sentences written for these tests (PERSONS_NEW: other honorifics, titles before and after
the name, ethnic-minority surnames, bylines) and capitalised runs that are places, bodies,
ideas or historical figures (NOT_PERSONS).  Each row checks name, role and org together.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.records import Organisation
from extract.passes.persons import check_person_titles, find_persons

ROOT = Path(__file__).resolve().parents[1]

# (text, meta_author, [(name, role, org)])
PERSONS_FROM_SAMPLES = [
    ("tổ liên gia an toàn.\n\nNguyễn Thị Thắm - Phó Trưởng Ban Dân vận Thị ủy Hồng Lĩnh\n\n\n    Ý kiến bạn đọc",
     "Nguyễn Thị Thắm",
     [("Nguyễn Thị Thắm", "Phó Trưởng Ban Dân vận Thị ủy Hồng Lĩnh", "Ban Dân vận Thị ủy Hồng Lĩnh")]),
    ("hiệu quả công tác dân vận.\n\nLệ Thu\n\nNguồn Hưng Yên: http://baohungyen.vn/kim-dong.html",
     "Lệ Thu", [("Lệ Thu", None, None)]),
    ("Một số hình ảnh về phát triển Kinh tế - Xã hội của phường\n\nNguyễn Tiến Giang\nCác tin khác",
     "Nguyễn Tiến Giang", [("Nguyễn Tiến Giang", None, None)]),
    ("Nguyễn Tiến Giang\nCác tin khác", None, [("Nguyễn Tiến Giang", None, None)]),
    ("trách nhiệm.\n\nThu Hằng\nTrung tâm TTVH\nLoading...", "Thu Hằng", [("Thu Hằng", None, None)]),
    ("ước giá trị trồng ổi đạt khoảng 150 triệu đồng/ha/năm, tiêu biểu có hộ ông Phạm Việt Hồng - Chủ tịch "
     "Hội Nông dân phường.", None,
     [("Phạm Việt Hồng", "Chủ tịch Hội Nông dân phường", "Hội Nông dân phường")]),
    ("nhận phụng dưỡng Mẹ Việt Nam anh hùng Lê Thị Dặn và bà Lê Thị Bét là thân nhân gia đình liệt sĩ", None,
     [("Lê Thị Dặn", "Mẹ Việt Nam anh hùng", None), ("Lê Thị Bét", None, None)]),
    ("đã hỗ trợ 500.000đ/tháng cho Mẹ Lê Thị Dặn; từ năm 2009 đến nay, hỗ trợ 250.000đ/tháng cho bà Lê Thị Bét.",
     None, [("Lê Thị Dặn", None, None), ("Lê Thị Bét", None, None)]),
    ("tập thể Chi hội Phụ nữ thôn Thanh Phước (Hương Phong) và cá nhân đồng chí Nguyễn Hồi - Nhà giáo Uỷ tú, "
     "Hiệu trưởng trường THPT Đặng Huy Trứ.", None,
     [("Nguyễn Hồi", "Nhà giáo Uỷ tú, Hiệu trưởng trường THPT Đặng Huy Trứ", "trường THPT Đặng Huy Trứ")]),
]

PERSONS_NEW = [
    ("Đồng chí Nguyễn Văn A, Bí thư Đảng ủy xã phát biểu tại hội nghị.", None,
     [("Nguyễn Văn A", "Bí thư Đảng ủy xã", "Đảng ủy xã")]),
    ("Chủ tịch UBND xã, ông Trần Văn Bình cho biết cả xã đã hiến đất.", None,
     [("Trần Văn Bình", "Chủ tịch UBND xã", "UBND xã")]),
    ("Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện Nguyễn Văn Hùng dự và phát biểu.", None,
     [("Nguyễn Văn Hùng", "Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện", "HĐND huyện")]),
    ("Bí thư chi bộ thôn Nguyễn Văn Tư đã vận động bà con hiến đất.", None,
     [("Nguyễn Văn Tư", "Bí thư chi bộ thôn", "chi bộ thôn")]),
    ("Thượng tá Đỗ Minh Tuấn, Trưởng Công an huyện Kim Động cho biết.", None,
     [("Đỗ Minh Tuấn", "Trưởng Công an huyện Kim Động", "Công an huyện Kim Động")]),
    ("Theo ông Hà Văn Nam, Trưởng thôn Phú Lợi, cả thôn đã hiến đất.", None,
     [("Hà Văn Nam", "Trưởng thôn Phú Lợi", None)]),
    ("Chị Hoàng Thị Mai, hội viên Hội Phụ nữ thôn Đông, chia sẻ kinh nghiệm.", None,
     [("Hoàng Thị Mai", "hội viên Hội Phụ nữ thôn Đông", "Hội Phụ nữ thôn Đông")]),
    ("Anh Nguyễn Văn Nam - Bí thư Đoàn xã - là người đi đầu.", None,
     [("Nguyễn Văn Nam", "Bí thư Đoàn xã", "Đoàn xã")]),
    ("đ/c Lê Quang Huy - Phó Chủ tịch UBND phường phát biểu.", None,
     [("Lê Quang Huy", "Phó Chủ tịch UBND phường", "UBND phường")]),
    ("Đồng chí Hồ Văn Minh, Phó Chủ tịch UBND tỉnh, đến thăm mô hình.", None,
     [("Hồ Văn Minh", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh")]),
    ("Gia đình anh Lò Văn Pấu ở bản Nà Sài đã thoát nghèo.", None, [("Lò Văn Pấu", None, None)]),
    ("Mô hình “Tủ sách cộng đồng” của ông Nguyễn Văn Bình ở thôn 3.", None, [("Nguyễn Văn Bình", None, None)]),
    ("Ông Lê Văn B và bà Nguyễn Thị C cùng tham gia.", None,
     [("Lê Văn B", None, None), ("Nguyễn Thị C", None, None)]),
    ("Cựu chiến binh Lê Văn Thành đã hiến 500 m2 đất.", None, [("Lê Văn Thành", "Cựu chiến binh", None)]),
    ("Trao quà cho Mẹ Việt Nam anh hùng Nguyễn Thị Lan.", None,
     [("Nguyễn Thị Lan", "Mẹ Việt Nam anh hùng", None)]),
    ("Tổng Bí thư Nguyễn Phú Trọng nhấn mạnh vai trò của công tác dân vận.", None,
     [("Nguyễn Phú Trọng", "Tổng Bí thư", None)]),
    ("Trưởng ban Nguyễn Văn An chủ trì.", None, [("Nguyễn Văn An", "Trưởng ban", None)]),
    ("Nhiều hộ như gia đình Phạm Thị Hoa đã tham gia.", None, [("Phạm Thị Hoa", None, None)]),
    ("Gia đình bộ đội Nguyễn Văn Tám được hỗ trợ xây nhà.", None, [("Nguyễn Văn Tám", None, None)]),
    # one entry per name: the mention with a role gives role and text
    ("Bà Trần Thị Hạnh tham gia từ đầu. Năm 2020, bà Trần Thị Hạnh - Chi hội trưởng chi hội phụ nữ thôn 2 "
     "đã vận động.", None, [("Trần Thị Hạnh", "Chi hội trưởng chi hội phụ nữ thôn 2", "chi hội phụ nữ thôn 2")]),
    # a byline without a surname, found only through the metadata's author
    ("cùng nhau phát triển.\n\nMinh Châu - BQN", "Minh Châu", [("Minh Châu", None, None)]),
]

NOT_PERSONS = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Vận dụng phong cách dân vận của Chủ tịch Hồ Chí Minh và lời dạy của Bác Hồ.",
    "“Vận động giáo viên” (trường THCS Huỳnh Đinh Túc, Hương Hồ); trường THPT Đặng Huy Trứ.",
    "“Liên đội tự quản” (trường THCS Hà Thé Hạnh, Tú Hạ; trường THCS Nguyễn Khánh Toàn, Hương Xuân).",
    "“Dòng họ khuyến học” (Dòng họ Trần Đắc ở Hương Vân, dòng họ Phan PhuỚc ở Hương Xuân).",
    "được triển khai thí điểm tại xã Phạm Ngũ Lão; phong trào ở các xã Phạm Ngũ Lão, Hiệp Cường.",
    "vận động Nhân dân hiến đất làm đường ở các xã: Chính Nghĩa, Đức Hợp, Vũ Xá;",
    "ở xã Ngọc Thanh, thị trấn Lương Bằng...",
    "Kim Động: Nhân lên sức mạnh tổng hợp từ dân vận khéo",
    "Khu dân cư đông đường Tuệ Tĩnh, đường Lê Lợi, phố Trần Hưng Đạo, Đại lộ Hòa Bình.",
    "Bà Rịa - Vũng Tàu có nhiều mô hình hay.",
    "Báo Hà Nội Mới đưa tin về phong trào.",
    "Các chị Hội Liên hiệp Phụ nữ xã tham gia dọn vệ sinh.",
    "Chủ tịch UBND xã Phạm Ngũ Lão cho biết.",
    "do đồng chí bí thư cấp ủy là trưởng khối, tổ trưởng.",
    "Thành phố Hồ Chí Minh, tỉnh Lâm Đồng và tỉnh Cao Bằng.",
    "Trường Mầm non Nam Hồng; Hội Phụ nữ phường Đậu Liêu; Hội Cựu chiến binh phường Đức Thuận.",
]


def _rows(persons):
    return [(p.name, p.role, p.org) for p in persons]


@pytest.mark.parametrize("text, author, expected", PERSONS_FROM_SAMPLES + PERSONS_NEW)
def test_persons_table(text, author, expected):
    persons = find_persons(text, meta_author=author)
    assert _rows(persons) == expected
    for p in persons:
        assert text[p.char_start : p.char_end] == p.text
        assert p.name in p.text


@pytest.mark.parametrize("text", NOT_PERSONS)
def test_persons_not_persons(text):
    assert find_persons(text) == []


def test_persons_organisation_span_keeps_name_out_and_gives_org():
    text = "Thu Hằng\nTrung tâm TTVH\n"
    orgs = [Organisation(text="Trung tâm TTVH", canonical="Trung tâm TTVH", type="other", char_start=9, char_end=23)]
    (person,) = find_persons(text, meta_author="Thu Hằng", organisations=orgs)
    assert (person.name, person.org, person.source) == ("Thu Hằng", "Trung tâm TTVH", "byline")

    text = "Công ty Nguyễn Văn Hoàng Long đã tài trợ."
    orgs = [Organisation(text="Công ty Nguyễn Văn Hoàng Long", canonical="Công ty Nguyễn Văn Hoàng Long", type="other", char_start=0, char_end=29)]
    assert find_persons(text, organisations=orgs) == []

    text = "ông Lê Văn Tâm, Chủ tịch Hội Cựu chiến binh xã Hương Phong cho biết."
    start = text.index("Hội")
    orgs = [Organisation(text="Hội Cựu chiến binh xã Hương Phong", canonical="Hội Cựu chiến binh xã Hương Phong", type="other", char_start=start, char_end=start + 33)]
    (person,) = find_persons(text, organisations=orgs)
    assert person.org == "Hội Cựu chiến binh xã Hương Phong"


def test_persons_every_mention_kept():
    text = "hỗ trợ cho Mẹ Lê Thị Dặn. Thăm hỏi Mẹ Việt Nam anh hùng Lê Thị Dặn."
    (person,) = find_persons(text)
    assert [text[m["char_start"] : m["char_end"]] for m in person.mentions] == [
        "Mẹ Lê Thị Dặn", "Mẹ Việt Nam anh hùng Lê Thị Dặn"]
    assert person.role == "Mẹ Việt Nam anh hùng"


def test_persons_data_is_consistent():
    data = json.loads((ROOT / "extract" / "data" / "person_titles.json").read_text(encoding="utf-8"))
    check_person_titles(data)
    broken = json.loads(json.dumps(data))
    broken["surnames"]["ambiguous"].append("Nguyễn")
    with pytest.raises(ValueError):
        check_person_titles(broken)


# ----------------------------------------------------------------------------- corpus

CORPUS_PERSONS = {
    "000_8603b0463c119cf7": ["Nguyễn Thị Thắm"],
    "001_a4d03a79668ccf78": ["Lệ Thu"],
    "002_dee7d14e8d57ac95": ["Nguyễn Tiến Giang"],
    "003_6c38e894d8bd34c0": ["Lê Thị Dặn", "Lê Thị Bét", "Phạm Việt Hồng", "Nguyễn Hồi"],
    "004_35999b7756c533d8": ["Thu Hằng"],
}


@pytest.mark.parametrize("stem, names", sorted(CORPUS_PERSONS.items()))
def test_persons_corpus(stem, names):
    from extract.clean import clean
    from extract.metadata import read_metadata
    from extract.tokenise import tokenise

    cleaned = clean((ROOT / "corpus" / f"{stem}.txt").read_text(encoding="utf-8"))
    doc = tokenise(cleaned.text)
    persons = find_persons(doc, meta_author=read_metadata(cleaned).author)
    assert [p.name for p in persons] == names
    assert len(doc.spans["persons"]) == sum(len(p.mentions) for p in persons)
    assert all(p.sentence and p.name in p.sentence for p in persons if p.source == "text")
