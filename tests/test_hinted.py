"""Every hinted pattern finds exactly what the plain pattern finds (extract/hinted.py)."""
from __future__ import annotations

import random

import pytest
import regex

from conftest import CORPUS
from extract import clean as clean_module
from extract.vntext import fold_case_keeping_offsets, normalise_tones
from extract.hinted import Hinted, starts_with
from extract.passes import figures, localities, organisations, refs

# Sentences of my own, in the cases the hints must not miss: capitals, abbreviations,
# numbers, NBSP, words glued to letters, and a text whose lower case changes length.
SENTENCES = [
    "UBND XÃ HỒNG LỘC và Thị Xã Hồng Lĩnh, TP. Hà Tĩnh, Tp Vinh, Q. Ba Đình cùng H. Đức Thọ.",
    "Các xã, phường: Bắc Hồng, Nam Hồng, Trung Lương và Đức Thuận đều đạt chuẩn.",
    "12 xã Nghi Xuân; 3 thị trấn: Xuân An, Tiên Điền.",
    "Đảng ủy xã Thạch Hạ, Huyện ủy Can Lộc và THÀNH ỦY Hà Tĩnh chỉ đạo.",
    "Tại Lộc Hà, ở Nghệ An, trên địa bàn Quảng Bình, thuộc Hà Nội.",
    "Tuyến đường cao tốc Vân Đồn- Móng Cái và quốc lộ Hà Nội – Hải Phòng; ĐƯỜNG Bắc Nam - Đông Tây.",
    "Hộ nghèo ở thôn\u00a0Trung Tiến, xã\u00a0Cẩm Thịnh; phường7 và xãx không phải địa danh.",
    "İstanbul xã Hồng Lộc: chữ İ đổi độ dài khi viết thường.",
    "Nhân rộng m ô hình “5 không, 3 sạch”; B ắt đầu (b ảo vệ) từ điểm b khoản 2.",
    "Theo Quyết định số 217-QĐ/TW, Nghị quyết 04, CHỈ THỊ 27 và Kế hoạch số 07; Điều 5, khoản 2.",
    "Ngày 15/6/2020, sáng 3 tháng 7, năm 2019, giai đoạn 2016-2020, nhiệm kỳ 2020 – 2025, vụ 2021.",
    "Lần thứ 3, kỳ họp thứ 10, khóa XII, thôn 5, tổ dân phố 7, Trường THCS 2, QL1A, tờ bản đồ số 12.",
    "Đợt 2 có 15 hộ; nhóm 3 gồm 12 người; khu phố 4 và cụm 2 đạt 100%.",
    "Ban Dân vận Thị uỷ Hồng Lĩnh, Hội LHPN phường Bắc Hồng, Ủy ban  nhân dân xã (hai dấu cách), "
    "số 241-CV/BDVTU, QĐ-UBND, 3Hội Nông dân, ²Hội Cựu chiến binh và Đoàn Thanh niên/Hội Phụ nữ.",
]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))] + SENTENCES
    rng = random.Random(7)
    words = " ".join(SENTENCES).split()
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(3, 30))) for _ in range(300)]
    texts = texts + [normalise_tones(t) for t in texts] + [t.upper() for t in texts]
    return texts + [fold_case_keeping_offsets(t) for t in texts]  # the organisations pass searches folded text


HINTED = {name: getattr(localities.rules(), name) for name in
          ("explicit_re", "committee_re", "plural_re", "prep_re", "route_re")}
HINTED["clean.lone_consonant"] = clean_module._LONE_CONSONANT_AT
HINTED["organisations.head_finder"] = organisations.lexicon().head_finder
HINTED["refs.type_word"] = refs.lexicon().type_word
HINTED.update({f"not_figures.{rule_id}": pattern for rule_id, pattern, _ in figures.lexicon().rules
               if isinstance(pattern, Hinted)})


@pytest.mark.parametrize("name", sorted(HINTED))
def test_hinted_pattern_finds_what_the_plain_pattern_finds(name):
    hinted = HINTED[name]
    found = 0
    for text in _texts():
        plain = [(m.span(), m.groupdict()) for m in hinted.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in hinted.finditer(text)] == plain, text
        found += len(plain)
    assert found > 0  # the texts exercise the pattern


def test_hinted_overlapping_starts_are_all_tried():
    # "thị xã" is a hint word and so is "xã": when the pattern fails at "thị", it must
    # still be tried at "xã" inside it.
    pattern = regex.compile(r"(?<!\p{L})(?i:xã)\s+\p{Lu}\p{L}*")
    hinted = Hinted(pattern, starts_with(["thị xã", "xã"]))
    text = "phườngthị xã Hồng"
    assert [m.group() for m in hinted.finditer(text)] == ["xã Hồng"] == [m.group() for m in pattern.finditer(text)]


def test_hinted_falls_back_when_lower_case_changes_the_length():
    pattern = regex.compile(r"(?i:xã)\s+\p{Lu}\p{L}*")
    hinted = Hinted(pattern, starts_with(["xã"]))
    text = "İİ XÃ Hồng"  # "İ".lower() is two characters
    assert len(text.lower()) != len(text)
    assert [m.span() for m in hinted.finditer(text)] == [m.span() for m in pattern.finditer(text)] == [(3, 10)]


def test_hinted_respects_pos_and_endpos():
    pattern = regex.compile(r"(?i:xã)\s+\p{Lu}\p{L}*")
    hinted = Hinted(pattern, starts_with(["xã"]))
    text = "xã Hồng, xã Lộc, xã Yên"
    assert [m.group() for m in hinted.finditer(text, 3, 16)] == ["xã Lộc"]
    assert hinted.search(text, 17).group() == "xã Yên"


@pytest.mark.parametrize("name", sorted(n for n in HINTED if n.startswith("not_figures.")))
def test_hinted_finditer_in_windows_equals_finditer_per_window(name):
    # The claim rules search the stretches around digits: one hint scan over the whole
    # text must give what one search per stretch gives, at the stretches' edges too.
    hinted = HINTED[name]
    rng = random.Random(11)
    found = 0
    for text in _texts():
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 6)))
        for windows in (figures.digit_windows(text), [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if a < b]):
            per_window = [m.span() for start, end in windows for m in hinted.pattern.finditer(text, start, end)]
            assert [m.span() for m in hinted.finditer_in(text, windows)] == per_window, (text, windows)
            found += len(per_window)
    assert found > 0
