"""underthesea's word-segmentation CRF, decoded from its own model files with numpy.

``word_tokenize`` tags each token B-W (starts a word) or I-W (continues one) with a
linear-chain CRF.  underthesea_core builds 43 feature strings per token in Rust, hands
them to Python and back to its tagger: most of the pipeline's time was spent there
(about 17 µs a token).  A token's features are all functions of the tokens at most two
places away (the token, its lower case, whether it is in underthesea's dictionary, ...),
so here their weights are summed once per distinct token, pair and triple of tokens and
kept; a sentence is then a few numpy gathers and a two-label Viterbi.  The model,
dictionary and feature list are read from underthesea's own files, nothing is trained
or changed.

The tags are the same as underthesea's (``tests/test_crf.py`` compares them, and the
features themselves, with underthesea_core's).  A sentence holding a character outside
the scripts checked there (Latin, Vietnamese, ASCII digits and punctuation), or a token
with a space at an edge, is left to underthesea: :meth:`WordSegmenter.tags` returns
None for it.  :func:`load` returns None when underthesea's files are not the ones this
reads (another feature list or model format); the tokeniser then uses underthesea alone.
"""
from __future__ import annotations

import itertools
import pickle
import re
import struct
import threading
from pathlib import Path

import numpy as np

MODEL_DIR = ("pipeline", "word_tokenize", "models", "ws_crf_vlsp2013_20230727")

# The feature list (features.bin) this decoder implements, in underthesea's notation:
# T[k] the token k places away, T[a,b] tokens a..b joined by spaces; BOS/EOS outside.
UNIGRAM = (-2, -1, 0, 1, 2)
BIGRAM = ((-2, -1), (-1, 0), (0, 1), (1, 2))
TRIGRAM = ((-2, 0), (-1, 1), (0, 2))
TEMPLATES = (
    [f"T[{k}]" for k in UNIGRAM] + [f"T[{a},{b}]" for a, b in BIGRAM + TRIGRAM]
    + [f"T[{k}].lower" for k in UNIGRAM] + [f"T[{a},{b}].lower" for a, b in BIGRAM]
    + ["T[-1].isdigit", "T[0].isdigit", "T[1].isdigit"]
    + [f"T[{k}].istitle" for k in UNIGRAM] + ["T[0,1].istitle", "T[0,2].istitle"]
    + [f"T[{k}].is_in_dict" for k in UNIGRAM] + [f"T[{a},{b}].is_in_dict" for a, b in BIGRAM + TRIGRAM]
)

# Characters whose features were compared with underthesea_core's one by one: ASCII,
# Latin-1, Latin Extended-A/B, Vietnamese (Latin Extended Additional), general punctuation
# and a few symbols reports use.  Any other character sends its sentence to underthesea
# (so does "ƛ", which underthesea_core's newer Unicode upper-cases and Python's does not).
_OTHER = re.compile(r"[^\x20-\x7e\u00a0-\u019a\u019c-\u024f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20ab\u20ac\u2116\u2122]")
_INT32 = re.compile(r"[+-]?[0-9]+")
_INT_START = frozenset("+-0123456789")


def _template(span: tuple[int, int]) -> str:
    """underthesea's name of the template over ``span``: "T[0]", "T[-1,0]"."""
    a, b = span
    return f"T[{a}]" if a == b else f"T[{a},{b}]"


def _badly_spaced(token: str) -> bool:
    """Empty, or a space at an edge or two in a row: underthesea_core fails on such a token."""
    return not token or token[0] == " " or token[-1] == " " or "  " in token


def is_int32(token: str) -> bool:
    """underthesea's ``isdigit``: the token reads as a 32-bit integer ("-5", "+12", "012")."""
    return _INT32.fullmatch(token) is not None and -(2**31) <= int(token) < 2**31


def is_title(text: str) -> bool:
    """underthesea's ``istitle``: every space-separated word starts with a character
    that upper-casing leaves as it is ("Hà Nội", "12", "HÀ"; not "hà", "ǅa")."""
    return all(w[0].upper() == w[0] for w in text.split(" "))


def attributes(tokens: list[str], i: int, dictionary: set[str]) -> list[str]:
    """The 43 feature strings of token ``i``, as underthesea_core's ``CRFFeaturizer``
    writes them (the reference the fast path below is tested against)."""
    n = len(tokens)

    def value(a: int, b: int, kind: str) -> str:
        if i + a < 0:
            return "BOS"
        if i + b >= n:
            return "EOS"
        text = " ".join(tokens[i + a: i + b + 1])
        if kind == "":
            return text
        if kind == "lower":
            return text.lower()
        if kind == "isdigit":
            return str(is_int32(text))
        if kind == "istitle":
            return str(is_title(text))
        return str(text.lower() in dictionary)

    out = []
    for template in TEMPLATES:
        span, _, kind = template[2:].partition("]")
        a, _, b = span.partition(",")
        out.append(f"{template}={value(int(a), int(b or a), kind.lstrip('.'))}")
    return out


class WordSegmenter:
    """B-W/I-W tags of underthesea's word segmenter for a list of tokens."""

    CACHE_ROWS = 1 << 16  # distinct tokens (pairs, triples) whose weights are kept; then forgotten

    def __init__(self, weights: dict[str, tuple[float, float]], transitions: np.ndarray, labels: list[str],
                 dictionary: set[str]):
        self.dictionary, self.labels = dictionary, labels
        self._lock = threading.Lock()  # the kept weights are shared by the threads of a process
        (t00, t01), (t10, t11) = transitions.tolist()  # [from][to]
        self._transitions = t00, t01, t10, t11
        by_template: dict[str, dict[str, tuple[float, float]]] = {t: {} for t in TEMPLATES}
        for attribute, weight in weights.items():
            template, _, value = attribute.partition("=")
            if template in by_template:
                by_template[template][value] = weight
        self._by = by_template
        self._tables = []
        for spans in ([(k, k) for k in UNIGRAM], BIGRAM, TRIGRAM):
            lookups = [self._lookups(_template(span)) for span in spans]
            table = _Table([a for a, _ in spans], self.CACHE_ROWS,
                           lambda text, lookups=lookups: self._row(text, lookups))
            table.set_edges({edge: [self._edge(span, edge) for span in spans] for edge in ("BOS", "EOS")})
            self._tables.append(table)

    def _edge(self, span: tuple[int, int], edge: str) -> list[float]:
        """Summed weights of the templates over ``span`` where it leaves the sentence."""
        name = _template(span)
        weights = [self._by[t].get(edge, (0.0, 0.0)) for t in TEMPLATES if t == name or t.startswith(name + ".")]
        return [sum(w[0] for w in weights), sum(w[1] for w in weights)]

    def _lookups(self, name: str):
        """For the templates over one span: weights by value, by lower-case value (None
        without such a template), and the summed weights of its isdigit, istitle and
        is_in_dict templates for each (isdigit, istitle, is_in_dict) truth."""
        by = self._by
        constants = {}
        for truth in itertools.product((False, True), repeat=3):
            weights = [by[name + kind].get(str(value), (0.0, 0.0))
                       for kind, value in zip((".isdigit", ".istitle", ".is_in_dict"), truth) if name + kind in by]
            constants[truth] = (sum(w[0] for w in weights), sum(w[1] for w in weights))
        return by[name], by.get(name + ".lower"), constants

    def _row(self, text: str, lookups) -> list[list[float]]:
        """The summed weights of ``text`` (a token, or tokens joined by spaces) over each
        span of a table: its value, lower case, isdigit, istitle and is_in_dict."""
        lower = text.lower()
        truth = (text[0] in _INT_START and is_int32(text), is_title(text), lower in self.dictionary)
        row = []
        zero = (0.0, 0.0)
        for plain, lowered, constants in lookups:
            b, i = constants[truth]
            w = plain.get(text, zero)
            b, i = b + w[0], i + w[1]
            if lowered is not None:
                w = lowered.get(lower, zero)
                b, i = b + w[0], i + w[1]
            row.append([b, i])
        return row

    def tags(self, tokens: list[str]) -> list[str] | None:
        """The label of every token, or None for a sentence this does not decode (the
        caller asks underthesea)."""
        return self.tags_many([tokens])[0]

    BATCH_TOKENS = 4096  # sentences are decoded together up to this many tokens

    def tags_many(self, sentences: list[list[str]]) -> list[list[str] | None]:
        """``tags`` of each sentence; the sentences are gathered together, a batch of
        about ``BATCH_TOKENS`` tokens at a time (numpy's cost per call, paid per
        sentence, was most of the decoding), and each is decoded on its own."""
        out: list[list[str] | None] = [None] * len(sentences)
        batch: list[int] = []
        size = 0
        for i, tokens in enumerate(sentences):
            if not tokens:
                out[i] = []
            elif not (_OTHER.search(" ".join(tokens)) or any(_badly_spaced(t) for t in tokens if " " in t or not t)):
                batch.append(i)
                size += len(tokens)
                if size >= self.BATCH_TOKENS:
                    self._decode([sentences[j] for j in batch], out, batch)
                    batch, size = [], 0
        if batch:
            self._decode([sentences[j] for j in batch], out, batch)
        return out

    def _decode(self, sentences: list[list[str]], out: list, where: list[int]) -> None:
        """Labels of the sentences into ``out`` at ``where``."""
        lengths = [len(tokens) for tokens in sentences]
        pairs = [[f"{t[j]} {t[j + 1]}" for j in range(len(t) - 1)] for t in sentences]
        triples = [[f"{p[j]} {t[j + 2]}" for j in range(len(t) - 2)] for t, p in zip(sentences, pairs)]
        one, two, three = self._tables
        with self._lock:
            scores = (one.gather_many(sentences, lengths) + two.gather_many(pairs, lengths)
                      + three.gather_many(triples, lengths)).tolist()
        labels, start = self.labels, 0
        for i, n in zip(where, lengths):
            out[i] = [labels[k] for k in self._viterbi(scores[start:start + n])]
            start += n

    def _viterbi(self, scores: list[list[float]]) -> list[int]:
        """The best label path, as CRFsuite finds it (two labels; a tie goes to label 0)."""
        t00, t01, t10, t11 = self._transitions
        c0, c1 = scores[0]
        back = []
        for s0, s1 in scores[1:]:
            a, b = c0 + t00, c1 + t10
            e0, n0 = (1, b + s0) if a < b else (0, a + s0)
            a, b = c0 + t01, c1 + t11
            e1, n1 = (1, b + s1) if a < b else (0, a + s1)
            back.append((e0, e1))
            c0, c1 = n0, n1
        label = 1 if c0 < c1 else 0
        path = [label]
        for edges in reversed(back):
            label = edges[label]
            path.append(label)
        path.reverse()
        return path


class _Table:
    """Summed weights of distinct keys (tokens, pairs or triples of tokens): one row per
    key, a column per template (the key ``start`` places from the token tagged); rows 0
    and 1 hold the weights of BOS and EOS.  At most ``capacity`` keys are kept."""

    def __init__(self, starts: list[int], capacity: int, compute):
        self.starts, self.capacity, self.compute = starts, capacity, compute
        self.index: dict[str, int] = {}
        self.data = np.zeros((1024, len(starts), 2))
        self._columns = np.arange(len(starts))
        self._starts = np.array(starts, dtype=np.intp)

    def set_edges(self, edges: dict[str, list[list[float]]]) -> None:
        self.data[0], self.data[1] = edges["BOS"], edges["EOS"]

    def rows(self, keys: list[str]) -> list[int]:
        get = self.index.get
        out = [get(key, -1) for key in keys]
        if -1 in out:
            self._add(keys, out)
        return out

    def _add(self, keys: list[str], out: list[int]) -> None:
        """Rows for the keys not yet known (their ``out`` is -1), computed and stored."""
        index = self.index
        if len(index) + out.count(-1) + 2 >= self.capacity:
            index.clear()  # a bounded cache: start again
            out[:] = [-1] * len(keys)
        new_rows, new_values = [], []
        for j, key in enumerate(keys):
            if out[j] != -1:
                continue
            row = index.get(key)
            if row is None:
                row = index[key] = len(index) + 2
                new_rows.append(row)
                new_values.append(self.compute(key))
            out[j] = row
        while len(index) + 2 > len(self.data):
            self.data = np.concatenate([self.data, np.zeros_like(self.data)])
        self.data[new_rows] = new_values

    def gather_many(self, keys: list[list[str]], lengths: list[int]) -> np.ndarray:
        """(tokens, 2): for each token of several sentences (their keys and numbers of
        tokens), the summed weights of the keys ``start`` places from it, over the starts:
        BOS before a sentence's first key, EOS after its last.  The sentences' rows come one
        after the other; all keys are looked up in one call, so that a cache cleared on the
        way leaves none stale."""
        rows = self.rows([key for sentence in keys for key in sentence])
        padded: list[int] = []
        bases: list[int] = []
        done = 0
        for sentence in keys:
            bases.append(len(padded) + 2)  # key j of the sentence at base + j
            padded += [0, 0, *rows[done:done + len(sentence)], 1, 1, 1]
            done += len(sentence)
        first = np.repeat(np.array(bases, dtype=np.intp), lengths)
        token = np.arange(len(first), dtype=np.intp) - np.repeat(np.cumsum([0, *lengths[:-1]]), lengths)
        index = np.asarray(padded, dtype=np.intp)[(first + token)[:, None] + self._starts]
        return self.data[index, self._columns].sum(axis=1)


def read_model(path: Path) -> tuple[dict[str, tuple[float, float]], np.ndarray, list[str]] | None:
    """(attribute → weight per label, label-to-label weights, labels) of a CRFsuite model
    file (the format underthesea_core reads), or None if the file is not one."""
    buf = path.read_bytes()
    if len(buf) < 48 or buf[:4] != b"lCRF" or buf[8:12] != b"FOMC":
        return None
    (_, _, _, _, _, n_labels, n_attrs, off_features, off_labels, off_attrs, _, _) = struct.unpack_from(
        "<4sI4sIIIIIIIII", buf, 0)
    labels, attrs = _quarks(buf, off_labels), _quarks(buf, off_attrs)
    if len(labels) != n_labels or len(attrs) != n_attrs or buf[off_features:off_features + 4] != b"FEAT":
        return None
    (count,) = struct.unpack_from("<I", buf, off_features + 8)
    features = np.frombuffer(buf, dtype=np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]),
                             count=count, offset=off_features + 12)

    def summed(rows: np.ndarray, size: int) -> np.ndarray:  # weight of each (src, dst)
        flat = rows["src"].astype(np.int64) * n_labels + rows["dst"]
        return np.bincount(flat, weights=rows["w"], minlength=size * n_labels).reshape(size, n_labels)

    state = summed(features[features["type"] == 0], n_attrs)
    transitions = summed(features[features["type"] == 1], n_labels)
    weights = dict(zip(attrs, map(tuple, state.tolist())))
    return weights, transitions, labels


def _quarks(buf: bytes, offset: int) -> list[str]:
    """The strings of a CQDB chunk (CRFsuite's string table), by id: each record is its
    id, its size and the NUL-terminated string; the backward array gives the record of
    each id."""
    chunk, _, _, _, count, backward = struct.unpack_from("<4sIIIII", buf, offset)
    if chunk != b"CQDB":
        return []
    records = offset + np.frombuffer(buf, dtype="<u4", count=count, offset=offset + backward).astype(np.int64)
    raw = np.frombuffer(buf, dtype=np.uint8)
    sizes = sum(raw[records + 4 + k].astype(np.int64) << (8 * k) for k in range(4))
    return [buf[start:start + size - 1].decode("utf-8") for start, size in zip((records + 8).tolist(), sizes.tolist())]


def load() -> WordSegmenter | None:
    """The segmenter for the installed underthesea's model, or None if its files are not
    the ones this decoder reads."""
    import underthesea

    folder = Path(underthesea.__file__).parent.joinpath(*MODEL_DIR)
    try:
        if list(_unpickle(folder / "features.bin")) != TEMPLATES:
            return None
        model = read_model(folder / "models.bin")
        dictionary = _unpickle(folder / "dictionary.bin")
    except (OSError, ValueError, IndexError, struct.error, EOFError, pickle.UnpicklingError):
        return None
    if model is None or sorted(model[2]) != ["B-W", "I-W"] or not isinstance(dictionary, set):
        return None
    return WordSegmenter(*model, dictionary)


def _unpickle(path: Path):
    """A joblib file (underthesea writes its dictionary and feature list with joblib).
    One holding only Python objects is a plain pickle, which the C unpickler reads in
    0.04 s where ``joblib.load``'s Python one took 0.17 s (the dictionary); any other
    (compressed, or with numpy arrays) goes to joblib."""
    try:
        return pickle.loads(path.read_bytes())
    except pickle.UnpicklingError:
        import joblib

        return joblib.load(path)
