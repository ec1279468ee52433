"""Tokenise Vietnamese with underthesea into spaCy ``Doc`` objects.

underthesea finds sentences (``sent_tokenize``) and words (``word_tokenize``, which
joins syllables into words such as "mô hình", "ngày công"); spaCy holds the result so
that later passes can use ``Matcher``/``SpanRuler`` and displaCy.  Every character of
the input is kept: ``doc.text == text`` (spaCy's ``get_words_and_spaces`` aligns the
words with the text, whitespace other than one space becomes whitespace tokens).

Each sentence is tokenised once; the ``Doc`` is shared by every pass.  Nothing is
downloaded: underthesea's word segmenter ships inside its wheel.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import lru_cache

import spacy
import underthesea.pipeline.word_tokenize as _underthesea_words
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces, registry
from underthesea import sent_tokenize, word_tokenize
from underthesea.pipeline.text_normalize.character_normalize import (
    normalize_characters_in_text,
)

# A fallback for a sentence whose words underthesea changed (alignment then fails):
# syllables, numbers and single punctuation marks.
_FALLBACK_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]", re.UNICODE)

# underthesea's own token expression (``regex_tokenize.regex_patterns_combine``, compiled
# as word_tokenize compiles it when no fixed words are given); None if a later underthesea
# moves it: words are then found through ``word_tokenize`` alone.
_SOURCE = getattr(getattr(_underthesea_words, "regex_tokenize", None), "regex_patterns_combine", None)
_TOKENS = re.compile(_SOURCE, re.VERBOSE | re.UNICODE) if isinstance(_SOURCE, str) else None

# Most of a sentence is runs of letters between spaces, and such a run is one token of
# _TOKENS: of its alternatives only ``word`` (\w+) matches letters alone, every other one
# needs a digit, punctuation or a symbol — except the abbreviation "Th.S", whose unescaped
# dot lets "Th", any character (a space too) and "s" match, hence no run starting "Th";
# and "ʺ", a letter that ``punct`` claims.  A comma before a space is ``punct``.  Those
# are taken here at once; anything else (\S+) is handed to _TOKENS, which on a sentence
# of a report then runs on a third of it (``_token_spans``; ``tests/test_tokenise.py``
# compares both ways on random text).
_PLAIN_RUN = re.compile(r"""
    (?P<plain> (?!Th) [^\W\d_ʺ]+ (?=[\s,]|\Z)   # letters, up to a space, a comma or the end
             | ,(?=\s|\Z) )                      # a comma before a space or the end
    | \S+                                        # anything else: _TOKENS decides
""", re.VERBOSE)


class UndertheseaTokenizer:
    """A spaCy tokenizer: underthesea sentences and words, text kept exactly.

    Sets ``token.is_sent_start`` from underthesea's sentence boundaries; paragraphs
    (lines) always start a new sentence.
    """

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[bool] = []
        word_bounds: list[tuple[int, int]] = []  # of the tokens that are not whitespace
        bounds = sentence_bounds(text)
        for (start, end), spans in zip(bounds, _words_of_sentences([text[a:b] for a, b in bounds])):
            sentence = text[start:end]
            if spans is None:
                s_words, s_spaces = _align(_words(sentence), sentence)
                word_bounds += _word_bounds(s_words, s_spaces, start)
            else:
                s_words, s_spaces = _from_spans(spans, sentence)
                word_bounds += [(start + a, start + b) for a, b in spans]
            words += s_words
            spaces += s_spaces
            starts.append(True)
            starts += [False] * (len(s_words) - 1)
            gap = text[end : _next_start(text, end)]
            if gap:
                if words and gap == " " and not spaces[-1]:
                    spaces[-1] = True
                    continue
                g_words, g_spaces = get_words_and_spaces([gap], gap) if not gap.isspace() else ([gap], [False])
                word_bounds += _word_bounds(g_words, g_spaces, end)
                words += g_words
                spaces += g_spaces
                starts += [False] * len(g_words)
        leading = text[: _next_start(text, 0)]
        if leading:
            words.insert(0, leading)
            spaces.insert(0, False)
            starts.insert(0, True)
            if len(starts) > 1:
                starts[1] = True
        if not words:
            doc = Doc(self.vocab, words=[], spaces=[])
        else:
            doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=starts)
        # Shared by every pass, so that none re-walks the Doc (spaCy builds a Python
        # object per token on iteration): the text, sentence and word offsets.
        doc.user_data[TEXT] = text
        doc.user_data[SENTS] = bounds
        doc.user_data[WORDS] = word_bounds
        return doc

    # spaCy serialisation hooks (the tokenizer has no state of its own)
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs):
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs):
        return self


TEXT, SENTS, WORDS = "vnextract.text", "vnextract.sents", "vnextract.words"
SENT_STARTS = "vnextract.sent_starts"


def _word_bounds(words: list[str], spaces: list[bool], pos: int = 0) -> list[tuple[int, int]]:
    """(start, end) of every non-whitespace token, from the words and their spaces
    (the first word starting at ``pos``)."""
    out = []
    append = out.append
    for word, space in zip(words, spaces):
        end = pos + len(word)
        if not word.isspace():
            append((pos, end))
        pos = end + space
    return out


def doc_text(doc) -> str:
    """``doc.text`` without re-joining the tokens (kept when the Doc was made)."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def doc_sentences(doc) -> list[tuple[int, int]]:
    """(start, end) of every sentence of a Doc."""
    bounds = doc.user_data.get(SENTS)
    if bounds is None:
        bounds = doc.user_data[SENTS] = [(s.start_char, s.end_char) for s in doc.sents]
    return bounds


def sentence_starts(doc) -> list[int]:
    """The start offset of every sentence (for bisecting), computed once per Doc."""
    starts = doc.user_data.get(SENT_STARTS)
    if starts is None:
        starts = doc.user_data[SENT_STARTS] = [start for start, _ in doc_sentences(doc)]
    return starts


def sentence_at(doc, offset: int) -> str | None:
    """The (stripped) text of the sentence holding ``offset``; None between sentences."""
    bounds = doc_sentences(doc)
    i = bisect_right(sentence_starts(doc), offset) - 1
    if i >= 0 and offset < bounds[i][1]:
        start, end = bounds[i]
        return doc_text(doc)[start:end].strip()
    return None


def doc_words(doc) -> list[tuple[int, int]]:
    """(start, end) of every non-whitespace token of a Doc."""
    bounds = doc.user_data.get(WORDS)
    if bounds is None:
        bounds = doc.user_data[WORDS] = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
    return bounds


def _next_start(text: str, pos: int) -> int:
    """The first non-whitespace offset at or after ``pos`` (or len(text))."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return pos


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence: lines first, then underthesea within a line."""
    bounds: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        if line.group().isspace():
            continue
        base = line.start()
        cursor = 0
        chunk = line.group()
        for sent in sent_tokenize(chunk):
            sent = sent.strip()
            if not sent:
                continue
            found = chunk.find(sent, cursor)
            if found < 0:  # underthesea altered the text: keep the rest of the line whole
                break
            bounds.append((base + found, base + found + len(sent)))
            cursor = found + len(sent)
        rest = chunk[cursor:]
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            bounds.append((base + cursor + lead, base + len(chunk.rstrip())))
    return _merge_overlaps(bounds)


def _merge_overlaps(bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in bounds:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _words(sentence: str) -> list[str]:
    return word_tokenize(sentence, use_token_normalize=False)


def _segmenter():
    """underthesea's word segmenter (the CRF model ``word_tokenize`` uses), loaded once."""
    if _underthesea_words.word_tokenize_model is None:
        word_tokenize("a")  # loads it
    return _underthesea_words.word_tokenize_model


@lru_cache(maxsize=1)
def _decoder():
    """vnextract's decoder of underthesea's segmenter (``extract/crf.py``); None if it
    cannot read the installed model or ``VNEXTRACT_CRF=underthesea`` asks for underthesea's own."""
    if os.environ.get("VNEXTRACT_CRF", "").lower() == "underthesea":
        return None
    from . import crf

    return crf.load()


def _tags_many(sentences: list[list[str]]) -> list[list[str]]:
    """B-W/I-W of underthesea's word segmenter for the tokens of each sentence."""
    decoder = _decoder()
    tags = decoder.tags_many(sentences) if decoder is not None else [None] * len(sentences)
    return [t if t is not None else _segmenter().predict([[token] for token in tokens])
            for t, tokens in zip(tags, sentences)]


def _word_spans(sentence: str) -> list[tuple[int, int]] | None:
    """Where ``word_tokenize``'s words are in the sentence, found as it finds them.

    ``word_tokenize`` splits the sentence with its regular expression, tags the tokens
    with its CRF model and joins each "I-W" token to the word before with a space; it
    returns strings, which ``_align`` must then find again in the text.  Here the same
    expression, model and joining keep each token's offsets instead, so nothing is
    searched for again, and the words are the same (``tests/test_tokenise.py`` compares
    them with ``word_tokenize`` on the corpus and on random text).  The tags come from
    ``extract/crf.py``, which decodes the same model several times faster (``_tags_many``).
    None where ``word_tokenize``'s words would not stand in the sentence as they are (it changed a
    character, or joined tokens that are not one space apart): the caller then aligns
    ``word_tokenize``'s words as before.
    """
    return _words_of_sentences([sentence])[0]


def _words_of_sentences(sentences: list[str]) -> list[list[tuple[int, int]] | None]:
    """``_word_spans`` of each sentence, their tokens tagged together (``_tags_many``)."""
    token_spans = [None if _TOKENS is None or normalize_characters_in_text(s) != s else _token_spans(s) or None
                   for s in sentences]
    tagged = [i for i, spans in enumerate(token_spans) if spans]
    tags = _tags_many([[sentences[i][a:b] for a, b in token_spans[i]] for i in tagged])
    out: list[list[tuple[int, int]] | None] = [None] * len(sentences)
    for i, sentence_tags in zip(tagged, tags):
        out[i] = _joined(sentences[i], token_spans[i], sentence_tags)
    return out


def _joined(sentence: str, spans: list[tuple[int, int]], tags: list[str]) -> list[tuple[int, int]] | None:
    """The words: each "I-W" token joined to the word before (None if they are not one space apart)."""
    words: list[tuple[int, int]] = []
    for (start, end), tag in zip(spans, tags):
        if tag == "I-W" and words:
            if sentence[words[-1][1] : start] != " ":
                return None
            words[-1] = (words[-1][0], end)
        else:
            words.append((start, end))
    return words


def _token_spans(sentence: str) -> list[tuple[int, int]]:
    """The spans of ``_TOKENS.finditer(sentence)``, with runs of letters taken without it.

    No token of _TOKENS starts at a space, and only "Th.S" crosses one; a chunk that a
    token from before has already entered (``pos``) goes to _TOKENS from there.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for chunk in _PLAIN_RUN.finditer(sentence):
        start, end = chunk.span()
        if end <= pos:
            continue
        if chunk.lastgroup and start >= pos:
            out.append((start, end))
            pos = end
            continue
        for token in _TOKENS.finditer(sentence, max(start, pos)):
            if token.start() >= end:
                break
            out.append(token.span())
            pos = token.end()
    return out


def _from_spans(spans: list[tuple[int, int]], text: str) -> tuple[list[str], list[bool]]:
    """The tokens and trailing spaces of a sentence from its word spans (what
    ``_words_and_spaces`` gives for the same words)."""
    out_words: list[str] = []
    out_spaces: list[bool] = []
    pos, n = 0, len(text)
    for start, end in spans:
        if start > pos:
            out_words.append(text[pos:start])
            out_spaces.append(False)
        out_words.append(text[start:end])
        if end < n and text[end] == " ":
            out_spaces.append(True)
            pos = end + 1
        else:
            out_spaces.append(False)
            pos = end
    if pos < n:
        out_words.append(text[pos:])
        out_spaces.append(False)
    return out_words, out_spaces


def _align(words: list[str], sentence: str) -> tuple[list[str], list[bool]]:
    """The sentence's tokens and their trailing spaces (whitespace runs become tokens)."""
    aligned = _words_and_spaces(words, sentence)
    if aligned is None:  # underthesea changed a word: fall back to syllables and signs
        aligned = get_words_and_spaces(_FALLBACK_TOKEN.findall(sentence), sentence)
    return aligned


def _words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]] | None:
    """spaCy's ``get_words_and_spaces`` without slicing the text at every word; None if a
    word is not in the text in order."""
    if "".join("".join(words).split()) != "".join(text.split()):
        return None
    spans: list[tuple[int, int]] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        found = text.find(word, pos)
        if found < 0:
            return None
        pos = found + len(word)
        spans.append((found, pos))
        if pos < len(text) and text[pos] == " ":  # the word's trailing space (_from_spans keeps it)
            pos += 1
    return _from_spans(spans, text)


@registry.tokenizers("vnextract.underthesea.v1")
def create_underthesea_tokenizer():
    def make(nlp):
        return UndertheseaTokenizer(nlp.vocab)

    return make


@lru_cache(maxsize=1)
def get_nlp():
    """The shared blank Vietnamese pipeline with the underthesea tokenizer (no model files)."""
    return spacy.blank(
        "vi", config={"nlp": {"tokenizer": {"@tokenizers": "vnextract.underthesea.v1"}}}
    )


def tokenise(text: str) -> Doc:
    """Tokenise cleaned text into a ``Doc`` whose text is the input, unchanged.

    >>> doc = tokenise("Hiến 1.155,3 m² đất. Có 112 mô hình.")
    >>> doc.text == "Hiến 1.155,3 m² đất. Có 112 mô hình."
    True
    >>> [s.text for s in doc.sents]
    ['Hiến 1.155,3 m² đất.', 'Có 112 mô hình.']
    >>> "mô hình" in [t.text for t in doc]
    True
    """
    return get_nlp()(text)
