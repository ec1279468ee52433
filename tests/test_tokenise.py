"""The tokeniser: underthesea's words, found with their offsets, the text kept exactly."""
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extract.tokenise as tokenise_module
from extract.clean import clean
from extract.tokenise import (
    _TOKENS,
    _align,
    _from_spans,
    _token_spans,
    _word_spans,
    _words,
    sentence_bounds,
    tokenise,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _corpus_sentences() -> list[str]:
    texts = [clean(p.read_text(encoding="utf-8")).text for p in sorted(CORPUS.glob("*.txt"))]
    return [text[a:b] for text in texts for a, b in sentence_bounds(text)]


def _through_word_tokenize(sentence: str) -> tuple[list[str], list[bool]]:
    """The tokens as ``word_tokenize``'s words aligned with the sentence (the slow way)."""
    return _align(_words(sentence), sentence)


def test_tokenise_direct_segmenter_is_in_use():
    # The installed underthesea still has the expression and model word_tokenize uses.
    from underthesea.pipeline.word_tokenize import regex_tokenize

    assert tokenise_module._TOKENS is not None
    assert (tokenise_module._TOKENS.pattern, tokenise_module._TOKENS.flags) == (
        regex_tokenize.patterns.pattern, regex_tokenize.patterns.flags)
    assert _word_spans("Hội Phụ nữ phường Đậu Liêu") is not None


def test_tokenise_word_spans_equal_word_tokenize_on_the_corpus():
    sentences = _corpus_sentences()
    assert len(sentences) > 200
    direct = 0
    for sentence in sentences:
        spans = _word_spans(sentence)
        if spans is not None:
            direct += 1
            assert _from_spans(spans, sentence) == _through_word_tokenize(sentence), sentence
    assert direct == len(sentences)  # clean text: every sentence takes the direct way


def test_tokenise_words_of_my_own_sentences():
    cases = {
        "Hội Phụ nữ phường Đậu Liêu xây dựng mô hình": ["Hội", "Phụ nữ", "phường", "Đậu Liêu", "xây dựng", "mô hình"],
        "Thủ tướng Chính phủ": ["Thủ tướng", "Chính phủ"],
        "tỷ lệ 5%": ["tỷ lệ", "5", "%"],
        "Hà Nội,Việt Nam": ["Hà Nội", ",", "Việt Nam"],
    }
    for sentence, words in cases.items():
        spans = _word_spans(sentence)
        assert [sentence[a:b] for a, b in spans] == words
        assert [w for w in _words(sentence)] == words


def test_tokenise_falls_back_where_word_tokenize_changes_the_text():
    # Decomposed accents (word_tokenize composes them) and a word written with two spaces
    # inside: its words are not in the text as they stand, so they are aligned the old way.
    decomposed = unicodedata.normalize("NFD", "Hội Phụ nữ")
    for sentence in (decomposed, "mô  hình", "thành phố Hồ  Chí Minh"):
        assert _word_spans(sentence) is None
        doc = tokenise(sentence)
        assert doc.text == sentence


TEXT = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạẤẦĐÊ0123456789.,;:%/-()“”\"' \t\u00a0xX²&@_+=#…–")),
    min_size=1, max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_tokenise_word_spans_equal_word_tokenize_on_random_text(raw):
    sentence = raw.strip()
    if not sentence:
        return
    spans = _word_spans(sentence)
    if spans is not None:
        assert _from_spans(spans, sentence) == _through_word_tokenize(sentence)
    assert tokenise(sentence).text == sentence


# Pieces where the shortcut for runs of letters could go wrong: "Th.S" (whose dot matches
# any character, a space too), "ʺ", commas, abbreviations, addresses, numbers.
PIECES = st.lists(st.sampled_from([
    "Th", "ThS", "Th S", "Th s", "Thị", "th", "Tha", "ʺ", ",", ", ", ",5", ".", " ", "  ", "\t", "\n", "TP.", "Mr. ",
    "v.v", "e-mail", "NĐ-CP", "http://", "www.", "abc", "đất", "Đ", "xã", "Hồng", "@", "3", "1.155,3", "²", "m²",
    "_", ":D", "°C", "(", ")", "-", "'", "’", "&", "x"]), min_size=1, max_size=25)


@settings(max_examples=500, deadline=None)
@given(PIECES)
def test_tokenise_token_spans_equal_underthesea_expression(pieces):
    sentence = "".join(pieces)
    assert _token_spans(sentence) == [m.span() for m in _TOKENS.finditer(sentence)]


@pytest.mark.parametrize("sentence, tokens", [
    ("Th Sơn", ["Th S", "ơn"]),  # underthesea's "Th.S": its dot takes the space
    ("Thus, đất", ["Thus", ",", "đất"]),
    ("mô hình, 5 xã", ["mô", "hình", ",", "5", "xã"]),
    ("TP. Hà Tĩnh", ["TP.", "Hà", "Tĩnh"]),
])
def test_tokenise_token_spans_of_my_own_sentences(sentence, tokens):
    assert [sentence[a:b] for a, b in _token_spans(sentence)] == tokens
