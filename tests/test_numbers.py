"""Truth tables for extract.numbers: parse_number (whole strings) and find_numbers (running text).

Rows are real Vietnamese: the report samples in ``corpus/`` ("hiến 1.155,3m 2 đất",
"04-NQ/ThU"), the grammar of spoken numbers, and the colloquial forms the NeMo
ITN tests use ("hai mốt", "một trăm hai", "năm ngàn rưỡi").
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import replace

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.lexicons import load_data
from extract.numbers import (
    AMBIGUOUS_ALONE,
    NUMBER_WORDS_FILE,
    LEXICON,
    NumberSpan,
    check_lexicon,
    find_numbers,
    parse_number,
)

# --------------------------------------------------------------------------
# parse_number: value tables
# --------------------------------------------------------------------------

DIGITS = [
    ("1.155,3", 1155.3),
    ("241,653", 241.653),  # comma is the decimal mark
    ("44.500.000", 44_500_000),
    ("100.000", 100_000),
    ("02", 2),
    ("0", 0),
    ("5000", 5000),
    ("0,5", 0.5),
    ("1,10", 1.1),
    ("10.000,50", 10000.5),
    ("-1.200.000", -1_200_000),
    ("- 1.200.000", -1_200_000),
    ("−5", -5),  # U+2212 minus sign
    ("âm 1.200.000", -1_200_000),
    ("  2.020  ", 2020),
]

DIGITS_WITH_SCALE = [
    ("18.827 triệu", 18_827_000_000),
    ("2,5 triệu", 2_500_000),
    ("1,2 triệu", 1_200_000),
    ("0,2 triệu", 200_000),
    ("2 tỷ", 2_000_000_000),
    ("1 tỉ", 1_000_000_000),
    ("3 nghìn", 3000),
    ("5 ngàn", 5000),
    ("18 vạn", 180_000),
    ("10,01 vạn", 100_100),
    ("-99,95 tỷ", -99_950_000_000),
    ("1 tỷ tỷ", 10**18),
    ("2 triệu rưỡi", 2_500_000),
    ("2 tỷ 300 triệu", 2_300_000_000),
    ("18.827\u00a0triệu", 18_827_000_000),
]

WORDS = [
    ("không", 0),
    ("một", 1),
    ("tư", 4),
    ("mười", 10),
    ("mười một", 11),
    ("mười lăm", 15),
    ("mười bẩy", 17),
    ("hai mươi", 20),
    ("hai chục", 20),
    ("một chục rưỡi", 15),
    ("hai mươi mốt", 21),
    ("ba mươi tư", 34),
    ("năm mươi lăm", 55),
    ("chín mươi nhăm", 95),
    ("bẩy mươi", 70),
    ("một trăm", 100),
    ("một trăm linh một", 101),
    ("một trăm lẻ tư", 104),
    ("năm trăm linh lăm", 505),
    ("một trăm mười", 110),
    ("chín trăm chín mươi chín", 999),
    ("một nghìn linh một", 1001),
    ("một nghìn không trăm linh năm", 1005),
    ("một nghìn hai trăm linh năm", 1205),
    ("mười lăm nghìn", 15_000),
    ("hai trăm ngàn", 200_000),
    ("hai mươi mốt nghìn không trăm mười một", 21_011),
    ("bảy trăm hai mươi mốt nghìn không trăm mười hai", 721_012),
    ("một triệu linh một", 1_000_001),
    ("một triệu không trăm năm mươi sáu ngàn một trăm bảy mươi ba", 1_056_173),
    ("mười tám vạn", 180_000),
    ("bảy trăm triệu", 700_000_000),
    ("một tỷ", 10**9),
    ("tám tỉ chín trăm triệu", 8_900_000_000),
    ("ba tỷ không trăm linh ba", 3_000_000_003),
    ("một nghìn tỷ", 10**12),
    ("một triệu tỷ", 10**15),
    ("một tỷ tỷ", 10**18),
    ("Hai Mươi Mốt", 21),  # sentence case
]

COLLOQUIAL = [
    ("hai mốt", 21),
    ("bốn ba", 43),
    ("năm lăm", 55),
    ("sáu bảy", 67),
    ("một trăm hai", 120),
    ("một trăm mốt", 110),
    ("năm trăm tư", 540),
    ("tám trăm rưỡi", 850),
    ("hai nghìn tư", 2400),
    ("một ngàn mốt", 1100),
    ("một ngàn chín lăm", 1095),
    ("một nghìn hai sáu", 1026),
    ("năm ngàn rưỡi", 5500),
    ("một triệu hai", 1_200_000),
    ("bốn trăm sáu triệu", 460_000_000),
    ("mười triệu rưỡi", 10_500_000),
    ("mười triệu mốt", 10_100_000),
    ("một tỷ rưỡi", 1_500_000_000),
    ("chín chín tỷ chín", 99_900_000_000),
    ("một trăm bốn bảy nghìn bốn trăm năm mốt", 147_451),
]

DECIMAL_WORDS = [
    ("không phẩy hai", 0.2),
    ("không phẩy năm", 0.5),
    ("ba phẩy không bảy", 3.07),
    ("tám trăm mười tám phẩy ba không ba", 818.303),
    ("sáu mươi chấm hai tư", 60.24),
    ("một trăm phẩy không", 100.0),
    ("không phẩy hai triệu", 200_000),
    ("một chấm năm triệu", 1_500_000),
    ("ba phẩy bốn nghìn", 3400),
    ("mười phẩy không một vạn", 100_100),
    ("không phẩy hai mươi lăm", 0.25),  # fraction digits read as a number
    ("hai phẩy 23", 2.23),  # Duckling mixes words and digits
    ("một trăm hai mươi ba tỷ bốn trăm năm mươi sáu triệu phẩy bảy tám chín", 123_456_000_000.789),
]

NEGATIVE_WORDS = [
    ("âm một", -1),
    ("âm hai mươi lăm", -25),
    ("trừ sáu mươi", -60),
    ("âm chín mươi chín phẩy chín năm tỷ", -99_950_000_000),
    ("âm không phẩy không không bảy", -0.007),
    ("trừ hai lăm ngàn không trăm ba mươi bẩy", -25_037),
]

ALL_VALUES = DIGITS + DIGITS_WITH_SCALE + WORDS + COLLOQUIAL + DECIMAL_WORDS + NEGATIVE_WORDS


@pytest.mark.parametrize(("text", "value"), ALL_VALUES)
def test_numbers_parse_number_value(text, value):
    got = parse_number(text)
    assert got is not None and math.isclose(got, value, rel_tol=1e-12, abs_tol=1e-12), got


NOT_NUMBERS = [
    "",
    "   ",
    "abc",
    "1.155.3",  # babel without strict would say 11553
    "1,2,3",
    "310.5",  # neither thousands grouping nor a decimal comma
    "0.757",  # grouping after a leading zero
    "2.1.",
    "12.34",
    "1²",  # superscripts are footnote markers
    "¹²³",
    "١٢٣",  # Arabic-Indic digits
    "１２",  # full-width digits
    "mốt",  # bound forms need a tens word or a scale before them
    "lăm",
    "mươi",
    "trăm",  # a bare multiplier
    "triệu",
    "linh một",
    "phẩy năm",
    "hai phẩy",
    "âm",
    "-",
    "ba năm",  # 'năm' after a number is 'year' (NeMo keeps 'ba năm')
    "mười năm",
    "hai mươi năm",
    "ba nghìn năm",
    "một trăm một",  # NeMo keeps it as words
    "hai hai hai",
    "mười mười",
    "một nghìn hai nghìn",
    "hai tỷ ba tỷ",
    "năm 2020",
    "tỷ lệ",
    "hai mươi mốt xã",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_numbers_parse_number_rejects(text):
    assert parse_number(text) is None


# --------------------------------------------------------------------------
# find_numbers: span tables (text → [(span text, value)])
# --------------------------------------------------------------------------

FIND_DIGITS = [
    ("hiến 1.155,3m 2 đất", [("1.155,3", 1155.3), ("2", 2)]),
    ("tổng kinh phí 18.827 triệu đồng", [("18.827 triệu", 18_827_000_000)]),
    ("xây dựng 202\u00a0 mô hình", [("202", 202)]),
    ("Nghị quyết 04-NQ/ThU", [("04", 4)]),
    ("17/17 xã, phường", [("17", 17), ("17", 17)]),
    ("16:20 28/11/2018", [("16", 16), ("20", 20), ("28", 28), ("11", 11), ("2018", 2018)]),
    ("2.1. Kết quả", [("2", 2), ("1", 1)]),
    ("mục 310.5", [("310", 310), ("5", 5)]),
    ("1.155.3", [("1", 1), ("155", 155), ("3", 3)]),
    ("1,2,3", [("1", 1), ("2", 2), ("3", 3)]),
    ("0.757", [("0", 0), ("757", 757)]),
    ("đạt 95%¹ kế hoạch", [("95", 95)]),
    ("diện tích 150 m2, 3 km2, m²", [("150", 150), ("3", 3)]),
    ("F0, H5N1, Q1, COVID-19", [("19", 19)]),
    ("năm 2020 tỷ lệ hộ nghèo", [("2020", 2020)]),
    ("ngày 5/3/2020 triệu tập hội nghị", [("5", 5), ("3", 3), ("2020", 2020)]),
    ("thu 2 tỷ 300 triệu đồng", [("2 tỷ 300 triệu", 2_300_000_000)]),
    ("thu 2 tỷ, chi 300 triệu", [("2 tỷ", 2_000_000_000), ("300 triệu", 300_000_000)]),
    ("giá 5 nghìn rưỡi", [("5 nghìn rưỡi", 5500)]),
    ("1 tỷ tỷ", [("1 tỷ tỷ", 10**18)]),
    ("18.827\ntriệu", [("18.827", 18827)]),  # a line break ends the number
    ("18.827 Triệu đồng", [("18.827 Triệu", 18_827_000_000)]),
    ("lãi suất 0,5%/tháng", [("0,5", 0.5)]),
    ("-1.200.000 đồng", [("1.200.000", 1_200_000)]),  # signs are not read
    ("hai trăm hộ", []),  # words only with spelled=True
]


def spans_of(text: str, **kwargs) -> list[tuple[str, float]]:
    return [(n.text, n.value) for n in find_numbers(text, **kwargs)]


@pytest.mark.parametrize(("text", "expected"), FIND_DIGITS)
def test_numbers_find_digits(text, expected):
    assert spans_of(text) == [(t, pytest.approx(v)) for t, v in expected]


FIND_SPELLED = [
    ("gồm hai trăm linh bốn hộ", [("hai trăm linh bốn", 204)]),
    ("có mười lăm nghìn người", [("mười lăm nghìn", 15_000)]),
    ("Hai mươi mốt xã", [("Hai mươi mốt", 21)]),
    ("đầu tư hai tỷ đồng", [("hai tỷ", 2_000_000_000)]),
    ("năm 2020 có ba mươi năm", [("2020", 2020), ("ba mươi", 30)]),
    ("một số xã không có", []),  # article and negation alone
    ("bán lẻ", []),
    ("18 triệu và năm trăm nghìn", [("18 triệu", 18_000_000), ("năm trăm nghìn", 500_000)]),
    ("không phẩy năm phần trăm", [("không phẩy năm", 0.5)]),
    ("hai, ba", [("hai", 2), ("ba", 3)]),  # punctuation ends a run
    ("hai\nba", [("hai", 2), ("ba", 3)]),
    ("tăng trưởng âm hai", [("hai", 2)]),
    ("tỷ lệ tăng", []),
    ("ba phần tư", [("ba", 3)]),
    ("năm ngàn rưỡi", [("năm ngàn rưỡi", 5500)]),
]


@pytest.mark.parametrize(("text", "expected"), FIND_SPELLED)
def test_numbers_find_spelled(text, expected):
    assert spans_of(text, spelled=True) == [(t, pytest.approx(v)) for t, v in expected]


KEEP_AMBIGUOUS = [
    ("năm ki lô mét", [("năm", 5)]),
    ("một xu", [("một", 1)]),
    ("không euro", [("không", 0)]),
    ("một phần ba lít", [("một", 1), ("ba", 3)]),
]


@pytest.mark.parametrize(("text", "expected"), KEEP_AMBIGUOUS)
def test_numbers_find_keep_ambiguous(text, expected):
    assert spans_of(text, spelled=True) == [s for s in expected if s[0].lower() not in AMBIGUOUS_ALONE]
    assert spans_of(text, spelled=True, keep_ambiguous=True) == expected


KNOWN_GAPS = [
    # a lone "năm" is dropped as "year", so "five years" loses its five
    ("trong năm năm qua", [("năm", 5)]),
    # "năm" (year) followed by a spelled year is read as the colloquial pair 52
    ("năm hai nghìn không trăm hai mươi", [("hai nghìn không trăm hai mươi", 2020)]),
    # currency codes glued to digits are words, like "m2" or "F0"
    ("giá USD1,23", [("1,23", 1.23)]),
    # Duckling's digits with a spoken decimal point
    ("2 chấm 23 đô la", [("2 chấm 23", 2.23)]),
]


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(*row, marks=pytest.mark.xfail(strict=True)) for row in KNOWN_GAPS]
)
def test_numbers_find_known_gaps(text, expected):
    assert spans_of(text, spelled=True) == [(t, pytest.approx(v)) for t, v in expected]


KINDS = [
    ("thu 18.827 triệu đồng", "digits", True),
    ("thu 18.827 đồng", "digits", False),
    ("mười lăm nghìn người", "words", True),
    ("hai trăm linh bốn hộ", "words", False),
]


@pytest.mark.parametrize(("text", "kind", "scaled"), KINDS)
def test_numbers_find_kind_and_scaled(text, kind, scaled):
    (span,) = find_numbers(text, spelled=True)
    assert (span.kind, span.scaled) == (kind, scaled)


def test_numbers_find_offsets_point_into_nfd_text():
    text = unicodedata.normalize("NFD", "có hai mươi mốt xã")
    (span,) = find_numbers(text, spelled=True)
    assert span.value == 21 and text[span.start:span.end] == span.text


def test_numbers_span_is_frozen():
    span = find_numbers("5 ha")[0]
    assert span == NumberSpan(0, 1, "5", 5.0, "digits", False)
    with pytest.raises(AttributeError):
        span.value = 6  # type: ignore[misc]
    assert replace(span, value=6).value == 6


# --------------------------------------------------------------------------
# The lexicon
# --------------------------------------------------------------------------


def test_numbers_lexicon_has_source_and_checks():
    raw = load_data(NUMBER_WORDS_FILE)
    assert "NeMo" in raw["_source"] and "Duckling" in raw["_source"]
    check_lexicon(LEXICON)


def test_numbers_lexicon_rejects_a_word_with_two_roles():
    broken = replace(LEXICON, hundred=LEXICON.hundred | {"mười"})
    with pytest.raises(ValueError, match="two roles"):
        check_lexicon(broken)


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

_DIGIT = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def spell_group(n: int, full: bool) -> list[str]:
    """0 < n < 1000 in standard Vietnamese ('không trăm linh năm' when full)."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [_DIGIT[hundreds], "trăm"] if full or hundreds else []
    if tens == 0 and units:
        words += ["linh", _DIGIT[units]] if words else [_DIGIT[units]]
    elif tens == 1:
        words += ["mười"] + ([{5: "lăm"}.get(units, _DIGIT[units])] if units else [])
    elif tens > 1:
        words += [_DIGIT[tens], "mươi"] + ([{1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGIT[units])] if units else [])
    return words


def spell(n: int) -> str:
    """Standard reading of 0 <= n < 10^12."""
    if n == 0:
        return "không"
    words: list[str] = []
    for scale, name in ((10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group = n // scale % 1000
        if group:
            words += spell_group(group, full=bool(words)) + ([name] if name else [])
    return " ".join(words)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_numbers_spelled_integers_round_trip(n):
    assert parse_number(spell(n)) == n


@given(st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False, allow_infinity=False))
def test_numbers_babel_formatted_round_trip(d):
    written = format_decimal(d, locale="vi", format="#,##0.###")
    assert parse_number(written) == pytest.approx(float(d), rel=1e-12, abs=1e-12)
    if d >= 0:
        assert spans_of(f"có {written} hộ") == [(written, pytest.approx(float(d), rel=1e-12, abs=1e-12))]


_PIECES = st.sampled_from(
    sorted(LEXICON.spelled_vocabulary)
    + ["1.155,3", "2.1.", "0,5", "17/17", "-", "âm", "m2", "04-NQ/ThU", "¹", "\u00a0", "\n", "đồng", "tỷ lệ", "9" * 400]
)
_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(_PIECES, max_size=40).map(" ".join),
    st.lists(st.one_of(_PIECES, st.text(alphabet="0123456789.,  \u00a0-/", max_size=8)), max_size=40).map("".join),
)


@settings(max_examples=300)
@given(_TEXT, st.booleans())
def test_numbers_find_never_raises_and_slices_back(text, spelled):
    spans = find_numbers(text, spelled=spelled, keep_ambiguous=spelled)
    for span in spans:
        assert text[span.start:span.end] == span.text
        assert math.isfinite(span.value) and span.value >= 0
        assert span.kind in ("digits", "words")
    for left, right in zip(spans, spans[1:]):
        assert left.end <= right.start


@given(_TEXT)
def test_numbers_parse_number_never_raises(text):
    value = parse_number(text)
    assert value is None or math.isfinite(value)


@pytest.mark.parametrize("gap", range(40, 200, 3))
def test_numbers_scale_word_read_wherever_the_number_falls(gap):
    # Only the text around digits is tokenised; a number near the end of an earlier
    # number's window once lost its scale word ("5" instead of "5 triệu").
    for filler in ("a ", "x"):
        text = "có 1 " + filler * (gap // len(filler)) + " 5 triệu đồng, 2 tỷ 300 triệu"
        assert [(n.text, n.value) for n in find_numbers(text)][-2:] == [("5 triệu", 5e6), ("2 tỷ 300 triệu", 2.3e9)]
