"""vnextract's decoder of underthesea's word-segmentation CRF gives underthesea's tags."""
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extract.tokenise as tokenise_module
from extract import crf
from extract.clean import clean
from extract.tokenise import _TOKENS, _segmenter, sentence_bounds, tokenise

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def decoder() -> crf.WordSegmenter:
    found = crf.load()
    assert found is not None, "the installed underthesea's model is not the one extract/crf.py reads"
    return found


def _tokens(sentence: str) -> list[str]:
    return [m.group() for m in _TOKENS.finditer(sentence)]


def _underthesea(tokens: list[str]) -> list[str]:
    return list(_segmenter().predict([[t] for t in tokens]))


def _rust_features(tokens: list[str]) -> list[list[str]]:
    return _segmenter().featurizer.process([[[t] for t in tokens]])[0]


def _corpus_token_lists() -> list[list[str]]:
    texts = [clean(p.read_text(encoding="utf-8")).text for p in sorted(CORPUS.glob("*.txt"))]
    return [_tokens(text[a:b]) for text in texts for a, b in sentence_bounds(text)]


def test_crf_feature_list_is_underthesea_s(decoder):
    import joblib
    import underthesea

    folder = Path(underthesea.__file__).parent.joinpath(*crf.MODEL_DIR)
    assert list(joblib.load(folder / "features.bin")) == crf.TEMPLATES
    assert decoder.labels == ["B-W", "I-W"]


def test_crf_reads_joblib_files_as_joblib_does(tmp_path):
    """The dictionary read by the C unpickler is joblib's; a compressed joblib file, which
    is no plain pickle, is handed to joblib."""
    import joblib
    import underthesea

    folder = Path(underthesea.__file__).parent.joinpath(*crf.MODEL_DIR)
    expected = joblib.load(folder / "dictionary.bin")
    assert crf._unpickle(folder / "dictionary.bin") == expected and len(expected) > 50_000
    joblib.dump(sorted(expected)[:1000], tmp_path / "small.bin", compress=3)
    assert crf._unpickle(tmp_path / "small.bin") == sorted(expected)[:1000]


def test_crf_features_are_underthesea_core_s(decoder):
    # The reference features, written as underthesea_core's featurizer writes them.
    sentences = _corpus_token_lists() + [
        ["Hà"], ["A", "b"], ["12", "HÀ", "nội", "."], ["+12", "-5", "2147483648", "2147483647", "-2147483648"],
        ["Hà nội", "HÀ NỘI", "1.155,3", "m²", "ĐẠI", "'a", "a1", "1a", "ñ", "Ñ", "ǅa", "…", "–", "₫"],
    ]
    for tokens in sentences:
        rust = _rust_features(tokens)
        assert [crf.attributes(tokens, i, decoder.dictionary) for i in range(len(tokens))] == rust, tokens


def _allowed_characters() -> list[str]:
    return [chr(c) for c in range(0x20, 0x2200) if not crf._OTHER.match(chr(c))]


def test_crf_every_allowed_character_has_underthesea_core_s_features(decoder):
    # Each character the decoder accepts, alone, leading a word, inside one and after a digit.
    chars = [c for c in _allowed_characters() if c != " "]
    assert len(chars) > 700
    for start in range(0, len(chars), 50):
        tokens = [form for c in chars[start:start + 50] for form in (c, c + "a", "A" + c, "1" + c, c + " " + c)]
        rust = _rust_features(tokens)
        assert [crf.attributes(tokens, i, decoder.dictionary) for i in range(len(tokens))] == rust


def test_crf_tags_equal_underthesea_on_the_corpus(decoder):
    sentences = _corpus_token_lists()
    assert sum(map(len, sentences)) > 10000
    for tokens in sentences:
        assert decoder.tags(tokens) == _underthesea(tokens), tokens


def test_crf_tags_equal_underthesea_on_sentences_of_new_words(decoder):
    # Words drawn from underthesea's dictionary: pairs and triples the corpus never had.
    rng = random.Random(11)
    words = sorted(decoder.dictionary)
    for n in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))
        text = text.title() if n % 3 == 0 else text.upper() if n % 7 == 0 else text
        tokens = _tokens(f"{text} {rng.randint(-10**10, 10**10)} .")
        assert decoder.tags(tokens) == _underthesea(tokens), tokens


def test_crf_tags_of_short_sentences(decoder):
    for tokens in (["Hà"], ["Hà", "Nội"], ["thị", "xã", "Hồng"], ["5"], ["."]):
        assert decoder.tags(tokens) == _underthesea(tokens)
    assert decoder.tags([]) == []
    assert decoder.tags(["Hội", "Phụ", "nữ", "phường", "Đậu", "Liêu"]) == ["B-W", "B-W", "I-W", "B-W", "B-W", "I-W"]


ALPHABET = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạẤẦĐÊ0123456789.,;:%/-()“”\"' xX²&@_+=#…–"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=80))
def test_crf_tags_equal_underthesea_on_random_text(decoder, raw):
    tokens = _tokens(raw)
    if tokens:
        assert decoder.tags(tokens) == _underthesea(tokens)


def test_crf_leaves_other_scripts_and_odd_spacing_to_underthesea(decoder):
    assert decoder.tags(["北京", "là"]) is None  # Chinese characters were not checked
    assert decoder.tags(["Ελλάδα"]) is None
    assert decoder.tags(["a  b"]) is None  # underthesea_core fails on such a token
    # ... and the tokeniser still gives underthesea's words for them.
    doc = tokenise("Đoàn công tác tới Bắc Kinh (北京) và Hà Nội")
    assert "Hà Nội" in [t.text for t in doc]


def test_crf_bounded_cache_gives_the_same_tags(decoder):
    small = crf.WordSegmenter.__new__(crf.WordSegmenter)
    small.__dict__.update(decoder.__dict__)
    small._tables = []
    original = crf.WordSegmenter.CACHE_ROWS
    crf.WordSegmenter.CACHE_ROWS = 40  # forget every few sentences
    try:
        small.__init__(*_model_parts(), decoder.dictionary)
    finally:
        crf.WordSegmenter.CACHE_ROWS = original
    sentences = _corpus_token_lists()[:60]
    for tokens in sentences:
        assert small.tags(tokens) == _underthesea(tokens)
    # kept: at most the capacity, or one sentence's keys after forgetting the rest
    longest = max(map(len, sentences))
    assert all(len(table.index) <= max(40, longest) for table in small._tables)
    assert sum(map(len, sentences)) > 3 * longest


def _model_parts():
    import underthesea

    folder = Path(underthesea.__file__).parent.joinpath(*crf.MODEL_DIR)
    return crf.read_model(folder / "models.bin")


def test_crf_read_model_refuses_other_files(tmp_path):
    path = tmp_path / "models.bin"
    path.write_bytes(b"not a CRFsuite model at all, just bytes" * 3)
    assert crf.read_model(path) is None


def test_crf_load_refuses_another_feature_list(monkeypatch):
    monkeypatch.setattr(crf, "TEMPLATES", crf.TEMPLATES[:-1])
    assert crf.load() is None


def test_crf_underthesea_s_own_tagger_on_request(monkeypatch):
    monkeypatch.setenv("VNEXTRACT_CRF", "underthesea")
    tokenise_module._decoder.cache_clear()
    try:
        assert tokenise_module._decoder() is None
        doc = tokenise("Hội Phụ nữ phường Đậu Liêu")
        assert [t.text for t in doc] == ["Hội", "Phụ nữ", "phường", "Đậu Liêu"]
    finally:
        monkeypatch.delenv("VNEXTRACT_CRF")
        tokenise_module._decoder.cache_clear()
    assert tokenise_module._decoder() is not None


def test_crf_threads_sharing_the_decoder_get_underthesea_s_tags(decoder):
    # Dask workers may run several threads: the kept weights must not be read half-made.
    from concurrent.futures import ThreadPoolExecutor

    shared = crf.WordSegmenter.__new__(crf.WordSegmenter)
    original = crf.WordSegmenter.CACHE_ROWS
    crf.WordSegmenter.CACHE_ROWS = 64  # forgotten and refilled while other threads read
    try:
        shared.__init__(*_model_parts(), decoder.dictionary)
    finally:
        crf.WordSegmenter.CACHE_ROWS = original
    sentences = _corpus_token_lists()[:80] * 3
    expected = [_underthesea(tokens) for tokens in sentences]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(shared.tags, sentences)) == expected
