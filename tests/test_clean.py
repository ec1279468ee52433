"""Tables for every rule of ``extract.clean``, the cleaned seeds, and property tests."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.clean import boilerplate_sources, clean, is_boilerplate, is_syllable

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_text(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    return {prefix: clean(corpus_text(prefix)) for prefix in ("000", "001", "002", "003", "004")}


# ----------------------------------------------------------------------------- normalise

NORMALISE = [
    ("Dòng một\r\nDòng hai\rDòng ba", "Dòng một\nDòng hai\nDòng ba"),
    ("Dòng một\u2028Dòng hai\x0cDòng ba", "Dòng một\nDòng hai\nDòng ba"),
    (unicodedata.normalize("NFD", "Hương Trà, Thừa Thiên Huế"), "Hương Trà, Thừa Thiên Huế"),
    ("Phụ\u200b nữ xã Hương\u00adPhong\ufeff", "Phụ nữ xã HươngPhong"),
    ("Hội viên   \nnông dân\t \n", "Hội viên\nnông dân"),
    ("Hội\tviên", "Hội viên"),
    ("Đoạn một.\n\n\n\n\nĐoạn hai.", "Đoạn một.\n\nĐoạn hai."),
    ("Đoạn một.\n\n\nĐoạn hai.", "Đoạn một.\n\nĐoạn hai."),
    ("\n\n \nTiêu đề\n\n\n", "Tiêu đề"),
    ("Đoạn một.\n \xa0 \nĐoạn hai.", "Đoạn một.\n\nĐoạn hai."),
    # non-breaking spaces inside a line are kept as written (seed 004)
    ("Toàn Thành phố có\xa0 202\xa0 mô hình", "Toàn Thành phố có\xa0 202\xa0 mô hình"),
    ("   Thụt lề đầu dòng giữ nguyên", "   Thụt lề đầu dòng giữ nguyên"),
]


@pytest.mark.parametrize(("raw", "expected"), NORMALISE)
def test_clean_normalises(raw, expected):
    assert clean(raw).text == expected


# --------------------------------------------------------------------------- boilerplate

BOILERPLATE_FROM_SAMPLES = [
    "EmailPrintAa",
    "    Ý kiến bạn đọc",
    "Loading...",
    "Các tin khác",
    "Xem tin theo ngày\xa0\xa0",
    "Thống kê truy cập",
    "Tìm kiếm tin tức",
    "Chung nhan Tin Nhiem Mang",
    "Truy câp tổng 10.203.693",
    "Truy câp hiện tại 1.275",
]
BOILERPLATE_GENERIC = [
    "Lượt truy cập: 123",
    "Đang truy cập",
    "Đang truy cập: 45",
    "In bài",
    "Bản in",
    "Chia sẻ",
    "Chia sẻ: Facebook Zalo",
    "Gửi email",
    "In bài | Gửi email",
    "Tin liên quan",
    "Bài viết liên quan",
    "Bình luận",
    "Bình luận (3)",
    "Về đầu trang",
    "Trang chủ",
    "Trang chủ » Tin tức » Dân vận",
    "Chứng nhận tín nhiệm mạng",
    "Cỡ chữ: A- A+",
]
NOT_BOILERPLATE = [
    "Trang chủ của phường đã cập nhật thông tin",
    "In bài phát biểu của đồng chí Bí thư",
    "Chia sẻ kinh nghiệm xây dựng mô hình “Dân vận khéo”",
    "Tin liên quan đến dịch bệnh được cập nhật hằng ngày.",
    "Bình luận của chuyên gia về mô hình",
    "Truy cập vào cổng dịch vụ công để nộp hồ sơ",
    "Ý kiến của nhân dân được tiếp thu",
    "Nội dung",
    "Lệ Thu",
]


@pytest.mark.parametrize("line", BOILERPLATE_FROM_SAMPLES + BOILERPLATE_GENERIC)
def test_is_boilerplate_chrome(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", NOT_BOILERPLATE)
def test_is_boilerplate_keeps_content(line):
    assert not is_boilerplate(line)


BOILERPLATE_DROPPED = [
    (
        "Nhân rộng các mô hình\nEmailPrintAa\n16:20 28/11/2018",
        "Nhân rộng các mô hình\n16:20 28/11/2018",
        ["EmailPrintAa"],
    ),
    ("Nội dung bài.\n\n\n    Ý kiến bạn đọc", "Nội dung bài.", ["Ý kiến bạn đọc"]),
    (
        "Nguyễn Tiến Giang\nCác tin khác\nThống kê truy cập\nTruy câp tổng 10.203.693",
        "Nguyễn Tiến Giang",
        ["Các tin khác", "Thống kê truy cập", "Truy câp tổng 10.203.693"],
    ),
    ("Thu Hằng\nTrung tâm TTVH\nLoading...", "Thu Hằng\nTrung tâm TTVH", ["Loading..."]),
]


@pytest.mark.parametrize(("raw", "expected", "removed"), BOILERPLATE_DROPPED)
def test_clean_drops_boilerplate_lines(raw, expected, removed):
    result = clean(raw)
    assert result.text == expected
    assert result.removed_lines == removed


def test_boilerplate_file_loads_with_a_source_header():
    text = (Path(__file__).resolve().parent.parent / "extract" / "data" / "boilerplate_lines.txt").read_text(
        encoding="utf-8"
    )
    assert text.startswith("#") and "Source" in text.split("\n\n")[0]
    assert len(boilerplate_sources()) >= 20


# -------------------------------------------------------------------- repeated captions

CAPTIONS = [
    # seed 001: the caption is printed twice, separated by a blank line
    (
        "Nhân dân xã Toàn Thắng (Kim Động) dọn vệ sinh\n\nNhân dân xã Toàn Thắng (Kim Động) dọn vệ sinh\n\nTiếp theo.",
        "Nhân dân xã Toàn Thắng (Kim Động) dọn vệ sinh\n\nTiếp theo.",
    ),
    ("Ảnh: Hội viên trồng rau sạch\nẢnh: Hội viên trồng rau sạch", "Ảnh: Hội viên trồng rau sạch"),
    ("Ảnh: Hội viên trồng rau\nẢnh: Hội viên trồng rau\nẢnh: Hội viên trồng rau", "Ảnh: Hội viên trồng rau"),
    # not repeated captions: a single word, numbers only, or not consecutive
    ("Có\n\nCó", "Có\n\nCó"),
    ("12\n12", "12\n12"),
    ("Đoạn A ở đây\n\nĐoạn B ở đây\n\nĐoạn A ở đây", "Đoạn A ở đây\n\nĐoạn B ở đây\n\nĐoạn A ở đây"),
]


@pytest.mark.parametrize(("raw", "expected"), CAPTIONS)
def test_clean_drops_repeated_captions(raw, expected):
    assert clean(raw).text == expected


# ------------------------------------------------------------------------------ repairs

REPAIRS = [
    # seed 000
    ("vận động nhân dân hiến 1.155,3m 2 đất, 2.408 ngày công", "vận động nhân dân hiến 1.155,3m² đất, 2.408 ngày công"),
    ("của Uỷ ban Mặt trận Tổ quốc thị xã; m ô hình “5 nhất", "của Uỷ ban Mặt trận Tổ quốc thị xã; mô hình “5 nhất"),
    # invented
    ("diện tích 12,5 km 2, gồm 3 xã", "diện tích 12,5 km², gồm 3 xã"),
    ("đổ 30 m 3 bê tông", "đổ 30 m³ bê tông"),
    ("rộng 250cm 2.", "rộng 250cm²."),
    ("của x ã Hương Phong", "của xã Hương Phong"),
    ("k hông có trường hợp nào", "không có trường hợp nào"),
    ("“m ô hình tự quản”", "“mô hình tự quản”"),
    ("t hôn Thanh Phước", "thôn Thanh Phước"),
]
NOT_REPAIRED = [
    "dài 3m 25 cm",  # a number follows: 3 m 25 cm
    "tổ chức năm 2 đợt",  # no number before the m
    "hiến 300m 2,5 ha",  # a decimal follows
    "dài 5 m ô tô chạy qua",  # a unit after a number
    "các loại cây v.v được trồng",  # abbreviation
    "đồng chí Đ. Bình",  # an initial
    "Loại B ẩn số",  # capital letter
    "theo điểm b ảnh hưởng",  # a list label, not a split syllable
    "nhân rộng m hình",  # the joined word is not a syllable
    "diện tích 300 m²",  # already a superscript
]


@pytest.mark.parametrize(("raw", "expected"), REPAIRS)
def test_clean_repairs_artefacts(raw, expected):
    assert clean(raw).text == expected


@pytest.mark.parametrize("raw", NOT_REPAIRED)
def test_clean_leaves_lookalikes(raw):
    assert clean(raw).text == raw


SYLLABLES = [("mô", True), ("xã", True), ("nghiêng", True), ("quốc", True), ("khuya", True),
             ("mhình", False), ("dkhoản", False), ("bảnh", True), ("mốố", False), ("xyz", False)]


@pytest.mark.parametrize(("word", "expected"), SYLLABLES)
def test_is_syllable(word, expected):
    assert is_syllable(word) is expected


# ----------------------------------------------------------------------------- footnotes

# (raw, cleaned text, [(marker, body, text before the anchor or None)])
FOOTNOTES = [
    (
        "Đã mở 02 lớp bồi dưỡng¹ cho cán bộ.\n\n¹ Tại xã Hương Phong.",
        "Đã mở 02 lớp bồi dưỡng cho cán bộ.\n\nTại xã Hương Phong.",
        [("1", "Tại xã Hương Phong.", "bồi dưỡng")],
    ),
    # seed 003: footnotes at a page break interrupt a sentence
    (
        "ra quân với sự tham gia của hơn\n\n² Báo cáo kết quả.\n\n³ Tiến hành khảo sát.\n\n13.000 lượt người; cán bộ.",
        "ra quân với sự tham gia của hơn 13.000 lượt người; cán bộ.\n\nBáo cáo kết quả.\n\nTiến hành khảo sát.",
        [("2", "Báo cáo kết quả.", None), ("3", "Tiến hành khảo sát.", None)],
    ),
    (
        "các mô hình ở các TCCS\n\n¹ Đã mở 02 lớp.\n\nđảng trực thuộc; đã thực hiện²; chỉ đạo.",
        "các mô hình ở các TCCS đảng trực thuộc; đã thực hiện; chỉ đạo.\n\nĐã mở 02 lớp.",
        [("1", "Đã mở 02 lớp.", None)],
    ),
    # a sentence that ended, or a paragraph that starts a new one, is not joined
    ("Câu một kết thúc.\n\n¹ Chú thích.\n\ncâu tiếp theo.", "Câu một kết thúc.\n\ncâu tiếp theo.\n\nChú thích.",
     [("1", "Chú thích.", None)]),
    ("Đoạn chưa hết\n\n¹ Chú thích.\n\nĐoạn mới.", "Đoạn chưa hết\n\nĐoạn mới.\n\nChú thích.", [("1", "Chú thích.", None)]),
    ("an sinh xã hội\n\n⁸ Hỗ trợ.\n\n1.3. Lĩnh vực quốc phòng", "an sinh xã hội\n\n1.3. Lĩnh vực quốc phòng\n\nHỗ trợ.",
     [("8", "Hỗ trợ.", None)]),
    # a closing quote ends a name, not the sentence (seed 003 "… tri an”" + "gắn với Đề án …")
    ("tuyến đường Sáng - Xanh”\n\n⁹ Đã vận động.\n\ngắn với Đề án", "tuyến đường Sáng - Xanh” gắn với Đề án\n\nĐã vận động.",
     [("9", "Đã vận động.", None)]),
    # markers glued to words and punctuation; multi-digit markers; body without a space
    (
        "trong năm 2017¹; tại (Hương Xuân)⁴; các xã, phường⁵, hiệu quả”¹⁰.\n\n"
        "⁵ Năm.\n\n¹ Một.\n\n⁴ Bốn.\n\n¹⁰Mười.",
        "trong năm 2017; tại (Hương Xuân); các xã, phường, hiệu quả”.\n\nMột.\n\nBốn.\n\nNăm.\n\nMười.",
        [("1", "Một.", "năm 2017"), ("4", "Bốn.", "(Hương Xuân)"), ("5", "Năm.", "xã, phường"),
         ("10", "Mười.", "hiệu quả”")],
    ),
    # m² and km² are units; "năm²" is a marker
    ("hiến 300 m² đất và 2 km² rừng trong năm²;\n\n² Ghi chú.", "hiến 300 m² đất và 2 km² rừng trong năm;\n\nGhi chú.",
     [("2", "Ghi chú.", "trong năm")]),
    # a marker standing alone between spaces takes one space with it
    ("hỗ trợ 10 hộ dân ³ và 5 hộ nghèo.", "hỗ trợ 10 hộ dân và 5 hộ nghèo.", []),
]


@pytest.mark.parametrize(("raw", "expected", "notes"), FOOTNOTES)
def test_clean_moves_footnotes(raw, expected, notes):
    result = clean(raw)
    assert result.text == expected
    got = []
    for note in result.footnotes:
        before = result.text[: note.anchor] if note.anchor is not None else None
        got.append((note.marker, result.text[note.char_start : note.char_end], before))
    assert [(m, b) for m, b, _ in got] == [(m, b) for m, b, _ in notes]
    for (_, _, before), (_, _, expected_end) in zip(got, notes):
        if expected_end is None:
            assert before is None
        else:
            assert before.endswith(expected_end)


def test_clean_body_end_splits_running_text_from_footnotes():
    result = clean("Đoạn văn¹.\n\n¹ Chú thích một.")
    assert result.text[: result.body_end] == "Đoạn văn."
    assert result.footnotes[0].char_start > result.body_end
    plain = clean("Không có chú thích.")
    assert plain.body_end == len(plain.text) and plain.footnotes == []


# -------------------------------------------------------------------------- the seeds


def test_seed_003_footnotes_are_moved_and_sentences_rejoined(seeds):
    result = seeds["003"]
    assert "với sự tham gia của hơn 13.000 lượt người" in result.text
    assert "ở các TCCS đảng trực thuộc" in result.text
    assert "¹" not in result.text and "⁴" not in result.text
    assert "(Hương Xuân);" in result.text
    running = result.text[: result.body_end]
    assert "Đã mở 02 lớp" not in running and "Đã mở 02 lớp" in result.text[result.body_end :]
    assert [n.marker for n in result.footnotes] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "11", "11"]


def test_seed_003_footnote_offsets_slice_back(seeds):
    result = seeds["003"]
    raw = corpus_text("003")
    for note in result.footnotes:
        body = result.text[note.char_start : note.char_end]
        assert note.char_start >= result.body_end
        assert body and body[0].isupper() or body[0] == "“"
        assert body.split()[0] in raw
        if note.anchor is not None:
            assert 0 < note.anchor <= result.body_end
            assert not result.text[note.anchor - 1].isspace()  # right after the glued word
    anchored = {n.marker: result.text[: n.anchor] for n in result.footnotes if n.anchor is not None}
    assert anchored["1"].endswith("trong năm 2017")
    assert anchored["4"].endswith("(Hương Xuân)")
    assert anchored["5"].endswith("15/15 xã, phường")


def test_seed_000_repairs(seeds):
    text = seeds["000"].text
    assert "mô hình “5 nhất" in text
    assert "1.155,3m² đất" in text
    assert "EmailPrintAa" not in text and "Ý kiến bạn đọc" not in text


def test_seed_001_caption_kept_once(seeds):
    assert seeds["001"].text.count("Nhân dân xã Toàn Thắng (Kim Động) dọn vệ sinh") == 1


def test_seed_002_has_no_counters(seeds):
    text = seeds["002"].text
    assert "Truy câp" not in text and "Thống kê truy cập" not in text
    assert text.endswith("Nguyễn Tiến Giang")
    assert "Truy câp tổng 10.203.693" in seeds["002"].removed_lines


def test_seed_004_keeps_non_breaking_spaces(seeds):
    assert "202\xa0 mô hình" in seeds["004"].text
    assert not seeds["004"].text.endswith("Loading...")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_is_idempotent(seeds, prefix):
    once = seeds[prefix].text
    assert clean(once).text == once


# ----------------------------------------------------------------------- properties

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
ALPHABET = (
    LETTERS + LETTERS.upper()[:20] + "0123456789 .,;:!?“”\"()-/%²³¹⁴⁵⁰" + "\n" * 6 + "\xa0\t\r\u200b\u00ad\u0301\u0323"
)
PIECES = st.sampled_from(
    [
        "m ô hình", "1.155,3m 2 đất", "x ã", "EmailPrintAa", "Truy câp tổng 10.203.693", "¹ Chú thích một.",
        "²", "¹⁰", "của hơn", "13.000 lượt người", "Ảnh: hội viên", "Loading...", "km", "m²", "5 m ô",
        "Hương Trà, ngày 02 tháng 10 năm 2020", "\n\n", "\n", " ", "\xa0", "năm 2017¹;", "v.v",
    ]
)
VIETNAMESE_LIKE = st.one_of(
    st.text(alphabet=ALPHABET, max_size=300),
    st.lists(st.one_of(PIECES, st.text(alphabet=ALPHABET, max_size=12)), max_size=40).map("".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VIETNAMESE_LIKE)
def test_clean_never_raises_and_is_idempotent(raw):
    first = clean(raw)
    assert clean(first.text).text == first.text
    assert first.body_end is not None and 0 <= first.body_end <= len(first.text)
    for note in first.footnotes:
        assert first.body_end <= note.char_start <= note.char_end <= len(first.text)
        assert note.anchor is None or 0 <= note.anchor <= first.body_end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_clean_never_raises_on_any_text(raw):
    first = clean(raw)
    assert clean(first.text).text == first.text


PARAGRAPH_PIECES = st.sampled_from(
    [
        "Ảnh: hội viên trồng rau", "¹ Ảnh: hội viên trồng rau", "² Trang chủ", "Trang chủ", "của hơn",
        "13.000 người.", "¹", "x m²", "A²", "m", "2 đất", "1.155,3m", "ô hình", "đảng trực thuộc;", "¹¹Tập thể",
        "Câu.", "tri an”", "gắn với", "năm 2017¹;", " ³ ", "Bình luận¹", "m\u0301", "¹\u0301x", "Lệ Thu",
    ]
)
PARAGRAPHS = st.lists(
    st.tuples(
        st.lists(PARAGRAPH_PIECES, min_size=1, max_size=3).map("".join),
        st.sampled_from(["\n", "\n\n", "\n\n\n", " ", ""]),
    ),
    max_size=12,
).map(lambda pairs: "".join(piece + sep for piece, sep in pairs))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PARAGRAPHS)
def test_clean_is_idempotent_on_footnote_and_caption_mixes(raw):
    first = clean(raw)
    assert clean(first.text).text == first.text
    for note in first.footnotes:
        assert first.body_end <= note.char_start <= note.char_end <= len(first.text)


# --- page starts carried through cleaning -------------------------------------------------

PAGE_STARTS = [
    # (pages as read, each page's first words in the cleaned text) — one row per kind of edit.
    (["Báo cáo của UBND xã Hải An.\r\n", "Trang hai: 12 mô hình."], ["Báo cáo", "Trang hai"]),  # line breaks
    (["Đoạn một.\n\n\n\n", "\n\nĐoạn hai có 25 ha rừng."], ["Đoạn một", "Đoạn hai"]),  # blank lines
    (["Hội viên\u200b hiến đất.\n\n", "EmailPrintAa\nXã Cam Thành có 12 mô hình."], ["Hội viên", "Xã Cam"]),  # chrome
    (["Mo\u0302 hi\u0300nh mới.\n\n", "Nhân rộng m ô hình tốt."], ["Mô hình", "Nhân rộng mô"]),  # NFC, artefacts
    (["Các cấp hội đã vận động được hơn\n\n¹ Theo báo cáo của Hội Nông dân.\n\n",
      "13.000 lượt người tham gia.\n\nĐoạn cuối¹."], ["Các cấp", "13.000 lượt"]),  # footnote moved, joined
    (["Ảnh: Hội viên trồng rừng\n\n", "Ảnh: Hội viên trồng rừng\n\nBa xã có 45 hộ."], ["Ảnh: Hội", "Ba xã"]),  # caption
]


@pytest.mark.parametrize("pages, firsts", PAGE_STARTS)
def test_clean_carries_page_starts(pages, firsts):
    starts = [sum(map(len, pages[:index])) for index in range(len(pages))]
    cleaned = clean("".join(pages), page_starts=starts)
    assert [cleaned.text[start:start + len(first)] for start, first in zip(cleaned.page_starts, firsts)] == firsts


def test_clean_without_page_starts_has_none():
    assert clean("Xã Cam Thành có 12 mô hình.").page_starts == []
