"""Properties of cleaning and of every extraction pass, on random Vietnamese-like reports.

The text is built from the pieces reports are made of: syllables with their tone marks,
numbers written the Vietnamese way (``1.155,3``, ``25,5%``, ``20/12/2016``), units,
administrative levels before capitalised names, organisation heads, document numbers,
quoted model names, footnote marks glued to words, line breaks and non-breaking spaces.
On it: ``clean`` never raises and is idempotent; each pass, run as the pipeline runs it on
``tokenise(clean(x).text)``, never raises, every offset slices the cleaned text back to
the recorded surface, and every figure value is a finite number.
"""
from __future__ import annotations

import math
import unicodedata


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.clean import clean
from extract.passes.figures import find_figures
from extract.passes.localities import find_localities
from extract.passes.models import find_models
from extract.passes.organisations import find_organisations
from extract.passes.persons import find_persons
from extract.passes.refs import claimed_spans, find_doc_refs
from extract.records import Record
from extract.tokenise import tokenise

EXAMPLES = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s",
          "t", "th", "tr", "v", "x"]
NUCLEI = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ia", "iê", "oa", "uô", "ươ", "ưa"]
CODAS = ["", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"]
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
UNITS = ["m2", "m²", "m 2", "ha", "héc-ta", "tấn", "tạ", "kg", "km", "đồng", "triệu đồng", "tỷ đồng", "%", "hộ",
         "người", "lượt người", "mô hình", "ngày công", "con", "cây"]
LEVELS = ["xã", "phường", "thị trấn", "huyện", "thị xã", "quận", "thành phố", "tỉnh", "thôn", "tổ dân phố"]
HEADS = ["Hội Phụ nữ", "Hội Nông dân", "Ban Dân vận", "Ủy ban nhân dân", "UBND", "Đoàn Thanh niên",
         "Mặt trận Tổ quốc", "Hội Cựu chiến binh", "Thị ủy", "Huyện ủy", "Công an", "Trường Mầm non"]
CUES = ["có", "đạt", "gần", "hơn", "trên", "khoảng", "tăng", "giảm", "với", "trị giá", "tổng số", "trong đó",
        "mô hình", "ông", "bà", "đồng chí", "Chủ tịch", "Phó Bí thư", "Nghị quyết số", "Quyết định số",
        "Kế hoạch số", "ngày", "năm", "tháng", "từ", "đến", "và", "của", "các", "Toàn"]
REF_TYPES = ["Nghị quyết số", "Quyết định số", "Kế hoạch số", "Công văn số", "Chỉ thị"]
REF_NUMBERS = ["04-NQ/ThU", "123/QĐ-UBND", "241-CV/BDVTU", "05/KH-UBND", "15/2019/NĐ-CP"]
PUNCTUATION = [", ", ". ", "; ", ": ", " - ", " – ", "…", "(", ")", "/", "“", "”", '"', "!"]
SEPARATORS = [" ", " ", " ", " ", "\xa0", "\n", "\n\n", ", ", ". ", "\r\n", "\t", ""]
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
LINE_STARTS = ["\n- ", "\n+ ", "\n1. ", "\na) ", "\n¹ ", "\n² Theo ", "\nBÁO CÁO\n", "\nẢnh: ", "\nII. ",
               "\nKính gửi: ", "\nNơi nhận:\n- ", "\nTM. BAN THƯỜNG VỤ\n"]
ODD_CHARACTERS = "\u0301\u0323\u200b\u00ad\ufeff\u2028\x0c°×·•“”‘’«»[]{}#&*=<>|~^_@$€"


@st.composite
def syllables(draw) -> str:
    """Onset + vowel (tone mark on its first letter) + coda, in lower case, capitalised or capitals."""
    onset, nucleus, coda = draw(st.sampled_from(ONSETS)), draw(st.sampled_from(NUCLEI)), draw(st.sampled_from(CODAS))
    word = unicodedata.normalize("NFC", onset + nucleus[0] + draw(st.sampled_from(TONES)) + nucleus[1:] + coda)
    return draw(st.sampled_from([word, word, word.capitalize(), word.upper()]))


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


NUMBERS = st.one_of(
    st.integers(0, 999).map(str),
    st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.integers(1000, 10**9).map(_grouped),
    st.tuples(st.integers(0, 99_999), st.integers(0, 99)).map(lambda p: f"{_grouped(p[0])},{p[1]}"),
    st.tuples(st.integers(0, 100), st.integers(0, 9)).map(lambda p: f"{p[0]},{p[1]}%"),
    st.tuples(st.integers(1, 31), st.integers(1, 12), st.integers(1990, 2030)).map(lambda d: f"{d[0]}/{d[1]}/{d[2]}"),
    st.integers(1990, 2030).map(str),
    st.tuples(st.integers(1, 50), st.integers(1, 50)).map(lambda p: f"{p[0]}/{p[1]}"),
    st.tuples(st.integers(1, 50), st.integers(51, 99)).map(lambda p: f"{p[0]}-{p[1]}"),
    st.sampled_from(["1.155,3", "18.827", "10.203.693", "0,5", "1,2", "100", "08", "3.000", "1e9", "9" * 30]),
)
NAMES = st.lists(syllables(), min_size=1, max_size=3).map(lambda words: " ".join(w.capitalize() for w in words))
PIECES = st.one_of(
    syllables(),
    syllables(),
    st.tuples(NUMBERS, st.sampled_from(["", " ", "\xa0"]), st.sampled_from(UNITS)).map("".join),
    NUMBERS,
    st.tuples(st.sampled_from(LEVELS), NAMES).map(" ".join),
    st.tuples(st.sampled_from(HEADS), st.sampled_from(LEVELS), NAMES).map(" ".join),
    st.sampled_from(CUES),
    st.tuples(st.sampled_from(REF_TYPES), st.sampled_from(REF_NUMBERS)).map(" ".join),
    st.lists(syllables(), min_size=1, max_size=6).map(lambda words: f"mô hình “{' '.join(words)}”"),
    st.tuples(syllables(), st.text(SUPERSCRIPTS, min_size=1, max_size=2)).map("".join),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(LINE_STARTS),
    st.text(ODD_CHARACTERS, min_size=1, max_size=3),
)
REPORTS = st.lists(st.tuples(PIECES, st.sampled_from(SEPARATORS)), max_size=45).map(
    lambda pairs: "".join(piece + sep for piece, sep in pairs)
)


def cleaned_doc(raw: str):
    return tokenise(clean(raw).text)


def assert_spans(text: str, items: list[Record], surface: str | None = "text") -> None:
    """Typed records whose offsets lie in the text; ``surface`` (when given) is exactly the
    slice; so are the mentions."""
    for item in items:
        assert isinstance(item, Record), item
        start, end = item.char_start, item.char_end
        assert 0 <= start < end <= len(text), item
        if surface:
            assert text[start:end] == getattr(item, surface), item
        for mention in getattr(item, "mentions", None) or []:
            assert 0 <= mention["char_start"] < mention["char_end"] <= len(text), item


# --- clean and tokenise ----------------------------------------------------------------------


@EXAMPLES
@given(REPORTS)
def test_properties_clean_never_raises_and_is_idempotent(raw):
    once = clean(raw)
    assert clean(once.text).text == once.text
    for note in once.footnotes:
        assert 0 <= note.char_start <= note.char_end <= len(once.text)


@EXAMPLES
@given(REPORTS)
def test_properties_tokenise_keeps_the_text(raw):
    text = clean(raw).text
    assert tokenise(text).text == text


# --- the passes, in pipeline order ----------------------------------------------------------


@EXAMPLES
@given(REPORTS)
def test_properties_doc_refs(raw):
    doc = cleaned_doc(raw)
    assert_spans(doc.text, find_doc_refs(doc))


@EXAMPLES
@given(REPORTS)
def test_properties_figures(raw):
    doc = cleaned_doc(raw)
    figures = find_figures(doc.text, doc, claimed=claimed_spans(find_doc_refs(doc)))
    for figure in figures:
        assert 0 <= figure.char_start < figure.char_end <= len(doc.text), figure
        assert doc.text[figure.char_start : figure.char_end] == figure.text, figure
        for value in (figure.value, figure.value_max, figure.numerator, figure.denominator):
            assert value is None or math.isfinite(value), figure


@EXAMPLES
@given(REPORTS)
def test_properties_localities(raw):
    doc = cleaned_doc(raw)
    assert_spans(doc.text, find_localities(doc, distinct=False))


@EXAMPLES
@given(REPORTS)
def test_properties_organisations(raw):
    doc = cleaned_doc(raw)
    places = find_localities(doc, distinct=False)
    assert_spans(doc.text, find_organisations(doc, localities=places))


@EXAMPLES
@given(REPORTS)
def test_properties_models_and_campaigns(raw):
    doc = cleaned_doc(raw)
    places = find_localities(doc, distinct=False)
    orgs = find_organisations(doc, localities=places)
    models, campaigns = find_models(doc, organisations=orgs, localities=places)
    assert_spans(doc.text, models, surface=None)  # a name may have its spacing repaired
    assert_spans(doc.text, campaigns, surface=None)
    for item in models + campaigns:
        assert item.name.split() and " ".join(item.name.split()) == item.name.strip(), item


@EXAMPLES
@given(REPORTS)
def test_properties_persons(raw):
    doc = cleaned_doc(raw)
    orgs = find_organisations(doc, localities=find_localities(doc, distinct=False))
    assert_spans(doc.text, find_persons(doc, organisations=orgs))


# --- bugs the properties found ---------------------------------------------------------------


def test_properties_bug_models_text_ending_in_mo_hinh_and_a_space():
    """Found by the properties: 'mô hình' + whitespace at the very end of the text raised IndexError."""
    assert find_models(tokenise("Có 3 mô hình\xa0")) == ([], [])
