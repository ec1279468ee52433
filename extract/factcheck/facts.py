"""Reading a run one document at a time, and what a figure is about (its place, period, subject words).
"""
from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import regex

from ..vntext import syllables
from ..write import read_rows
from .text import (
    drop_phrases,
    ends_with_phrase,
    find_phrase,
    sentence_spans,
    starts_with_phrase,
    words_pattern,
)
from .values import cues

# ---------------------------------------------------------------------------- reading a run


@dataclass
class Doc:
    doc_id: str
    text: str
    date: str | None
    place: str | None
    content_hash: str | None = None
    figures: list[dict] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # char_start of each figure
    places: list[Place] = field(default_factory=list)
    locality_names: dict[str, str] = field(default_factory=dict)  # localities.id → name
    organisation_names: dict[str, str] = field(default_factory=dict)  # organisations.id → canonical name
    cells: list[dict] = field(default_factory=list)  # figures of table cells, in text order
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # work done once (per_document, _per_figure)

    def sentence_of(self, pos: int) -> int:
        i = bisect_right(self.sentences, (pos, math.inf)) - 1
        return i if i >= 0 and pos < self.sentences[i][1] else -1

    def span(self, index: int) -> tuple[int, int]:
        return self.sentences[index] if 0 <= index < len(self.sentences) else (0, 0)


class _ByDocument:
    """A table's rows handed out document by document, in the documents' order.

    The rows must come in that order (a run writes every table document by document):
    only the first row of the next document is read ahead.
    """

    def __init__(self, rows: Iterator[dict], order: dict[str, int]):
        self.rows, self.order = rows, order
        self.waiting: dict[str, list[dict]] = defaultdict(list)
        self.last = -1  # order of the document of the last row read

    def take(self, doc_id: str) -> list[dict]:
        index = self.order[doc_id]
        while self.last <= index:
            row = next(self.rows, None)
            if row is None:
                self.last = math.inf
                break
            self.waiting[row["doc_id"]].append(row)
            self.last = self.order.get(row["doc_id"], -1)
        return self.waiting.pop(doc_id, [])


def _by_document(output_dir: Path, name: str, order: dict[str, int], columns: list[str] | None = None) -> _ByDocument:
    """The rows of a table by document (only ``columns``, when given, of a Parquet table); a
    table in another order (not written by a run) is read whole and sorted first."""
    last = -1
    for row in read_rows(output_dir, name, ["doc_id"]):
        here = order.get(row["doc_id"], -1)
        if here < last and here >= 0:
            rows = sorted(read_rows(output_dir, name, columns), key=lambda r: order.get(r["doc_id"], -1))
            return _ByDocument(iter(rows), order)
        last = max(last, here)
    return _ByDocument(read_rows(output_dir, name, columns), order)


def iter_docs(output_dir: Path) -> Iterator[Doc]:
    """The run's documents with text, one at a time, with their figures (in text order)
    and their place mentions; memory holds one document, whatever the run's size."""
    order = {row["doc_id"]: i for i, row in enumerate(read_rows(output_dir, "documents", ["doc_id", "n_chars"]))
             if row.get("n_chars")}
    figures = _by_document(output_dir, "figures", order)
    localities = _by_document(output_dir, "localities", order, ["doc_id", "id", "text", "name", "char_start",
                                                                 "char_end"])
    organisations = _by_document(output_dir, "organisations", order, ["doc_id", "id", "text", "canonical"])
    for row in read_rows(output_dir, "documents", ["doc_id", "text", "doc_date", "place", "content_hash"]):
        if not row.get("text"):
            continue
        doc = Doc(row["doc_id"], row["text"], row.get("doc_date"), row.get("place"), row.get("content_hash"))
        own = sorted((f for f in figures.take(doc.doc_id) if f.get("value") is not None),
                     key=lambda f: f["char_start"])
        doc.figures = [f for f in own if f.get("table_id") is None]  # the running text's
        doc.cells = [f for f in own if f.get("table_id") is not None]
        doc.starts = [f["char_start"] for f in doc.figures]
        doc.sentences = sentence_spans(doc.text)
        own = localities.take(doc.doc_id)
        doc.places = [Place(r["char_start"], r["char_end"], r.get("name") or r["text"]) for r in own]
        doc.locality_names = {r["id"]: r.get("name") or r["text"] for r in own}
        doc.organisation_names = {r["id"]: r.get("canonical") or r["text"] for r in organisations.take(doc.doc_id)}
        yield doc


# ---------------------------------------------------------------------------- places


class Place(NamedTuple):
    start: int
    end: int
    name: str  # as the localities table names it: 'Hương Xuân'


def place_of(fig: dict, doc: Doc) -> str | None:
    """Where a figure is stated for: the name of the locality the link pass gave it."""
    return doc.locality_names.get(fig.get("place"))


# ---------------------------------------------------------------------------- what a figure is about


def neighbours(doc: Doc, fig: dict) -> tuple[int, int]:
    """End of the figure before ``fig`` and start of the figure after it."""
    i = bisect_right(doc.starts, fig["char_start"]) - 1
    prev_end = doc.figures[i - 1]["char_end"] if i > 0 else 0
    next_start = doc.figures[i + 1]["char_start"] if i + 1 < len(doc.figures) else len(doc.text)
    return prev_end, next_start


def per_document(fn):
    """Keep what a function of (doc, hashable arguments …) returns in ``doc.memo``: asked again
    for the same arguments, it answers from there (the document is never changed once read)."""
    @functools.wraps(fn)
    def memoized(doc: Doc, *args):
        key = (fn, args)
        try:
            return doc.memo[key]
        except KeyError:
            doc.memo[key] = found = fn(doc, *args)
            return found
    return memoized


def _per_figure(*keys: str):
    """Keep what a function of (doc, figure) returns in ``doc.memo``, by the figure's ``keys``
    (all it reads of the figure): the checks ask for a figure's clause several times."""
    read = operator.itemgetter(*keys)

    def wrap(fn):
        @functools.wraps(fn)
        def memoized(doc: Doc, fig: dict):
            key = (fn, read(fig))
            try:
                return doc.memo[key]
            except KeyError:
                doc.memo[key] = found = fn(doc, fig)
                return found
        return memoized
    return wrap


_CLAUSE_END = re.compile(r'[,;:.!?()\n“”"]')  # what ends a clause after a figure (re: a plain class)
_CLAUSE_START = regex.compile(r'(?r)[,;.!?()\n“”"]')  # what starts one before it (searched from the figure back)


@_per_figure("char_start")
def clause_before(doc: Doc, fig: dict) -> str:
    """Text from the last clause break, cue word or figure to the figure ('kinh tế:' is kept)."""
    prev_end = neighbours(doc, fig)[0]
    stop = _CLAUSE_START.search(doc.text, prev_end, fig["char_start"])  # the last break after it (backwards)
    start = stop.end() if stop else prev_end
    cut = list(_cut_pattern("breakdown_cues").finditer(doc.text[start:fig["char_start"]]))
    return doc.text[start + cut[-1].end() if cut else start: fig["char_start"]]


@_per_figure("char_start", "char_end")
def clause_after(doc: Doc, fig: dict) -> str:
    """Text from the figure to the next clause break, cut word or figure."""
    end = neighbours(doc, fig)[1]
    stop = _CLAUSE_END.search(doc.text, fig["char_end"], end)  # the first break, not every mark's first
    tail = doc.text[fig["char_end"]:stop.start() if stop else end]
    cut = _cut_pattern("after_cuts").search(tail)
    return tail[: cut.start()] if cut else tail


@functools.cache
def _cut_pattern(name: str) -> regex.Pattern:
    extra = cues()[name] if name != "breakdown_cues" else ()
    return words_pattern(cues()["breakdown_cues"] + extra)


def _without_places(doc: Doc, start: int, end: int) -> str:
    text = doc.text[start:end]
    for p in doc.places:
        if start <= p.start and p.end <= end:
            text = text[: p.start - start] + " " * (p.end - p.start) + text[p.end - start:]
    return text


LABEL_WORDS = 12  # at most this many words of a figure's label


def what_label(doc: Doc, fig: dict) -> str:
    """What a figure counts or measures, as the document writes it: its counted noun and the
    words after it ('12 mô hình kinh tế' → 'mô hình kinh tế'), else the clause before it
    without its place and the linking words next to the figure ('Tỷ lệ hộ gia đình được công
    nhận văn hóa đạt 77,8%' → 'Tỷ lệ hộ gia đình được công nhận văn hóa').

    >>> doc = Doc("d", "Diện tích trồng ổi của xã Hương Vân là 150 ha.", None, None)
    >>> at, fig = doc.text.index("Hương"), doc.text.index("150")
    >>> doc.places = [Place(at, at + len("Hương Vân"), "Hương Vân")]
    >>> what_label(doc, {"char_start": fig, "char_end": fig + 6, "what": None, "text": "150 ha"})
    'Diện tích trồng ổi'
    """
    words = [w for w in " ".join(_without_places(doc, fig["char_start"] - len(clause_before(doc, fig)),
                                                 fig["char_start"]).split()).split()]
    if fig.get("what") and fig["what"].casefold() in fig["text"].casefold():  # a counted noun after the number
        after = clause_after(doc, fig).split()
        return " ".join([fig["what"], *after][:LABEL_WORDS]).strip(" ,.;:")
    # linking words next to the figure ('là', 'đạt', 'khoảng') and the level word of a place taken out
    dropped = _label_dropped()
    while words and words[-1].casefold() in dropped:
        words.pop()
    return " ".join(words[-LABEL_WORDS:]).strip(" ,.;:") or " ".join(subject_words(doc, fig))


@lru_cache(maxsize=1)
def _label_dropped() -> frozenset[str]:
    """The words ``what_label`` takes off the end of a label: stop words and the syllables of place words."""
    return frozenset(cues()["stop_words"]) | {w for phrase in cues()["place_words"] for w in phrase.split()}


def subject_words(doc: Doc, fig: dict) -> tuple[str, ...]:
    """What a figure is about: its counted noun (``what``) and the content syllables of its
    clause, in text order, without generic words, stop words, places and numbers:
    'diện tích đất trồng ổi trên địa bàn phường có hơn 36,5 ha' → ('ổi',)."""
    n = cues()["context_syllables"]
    before, after = clause_before(doc, fig), clause_after(doc, fig)
    text_before = _without_places(doc, fig["char_start"] - len(before), fig["char_start"])
    text_after = _without_places(doc, fig["char_end"], fig["char_end"] + len(after))
    words = [content_words(text_before)[-n:], _what_words(fig.get("what") or ""), content_words(text_after)[:n]]
    return tuple(dict.fromkeys(itertools.chain.from_iterable(words)))


@lru_cache(maxsize=1024)
def _what_words(what: str) -> tuple[str, ...]:
    """The syllables of a counted noun without generic words (a run has a few dozen nouns)."""
    return tuple(drop_phrases(syllables(what), cues()["generic_words"]))


def content_words(text: str) -> list[str]:
    return drop_phrases(drop_phrases(syllables(text), cues()["generic_words"]), cues()["stop_words"])


@_per_figure("char_start")
def is_delta(doc: Doc, fig: dict) -> bool:
    """'thêm 02 ha', 'tăng 15.666 hồ sơ': a change, not a stock."""
    words = syllables(clause_before(doc, fig))
    return bool(words) and ends_with_phrase(words, cues()["delta_words"])


def organisation_of(fig: dict, doc: Doc) -> str:
    """The organisation a figure is stated for (the link pass's), by its canonical name; '' for none."""
    return doc.organisation_names.get(fig.get("organisation"), "")


def period_of(doc: Doc, fig: dict) -> str | None:
    """The period a figure is stated for, as the link pass read it from the text
    ('2021-01-01/2021-12-31'; 'đến nay' → '…/<document date>'); None when the text states
    none (the document's date alone does not say which period a figure is about)."""
    if fig.get("period_start") or fig.get("period_end"):
        return f"{fig.get('period_start') or '…'}/{fig.get('period_end') or '…'}"
    return None


def figure_clause(doc: Doc, fig: dict) -> str:
    """The figure's clause: the words before it, its own text and the words after it."""
    return f"{clause_before(doc, fig)} {fig['text']} {clause_after(doc, fig)}"


def is_target(doc: Doc, fig: dict) -> bool:
    """'mục tiêu đạt 90%', '(90% trở lên)': a goal, not a figure of what is."""
    before, after = clause_before(doc, fig), doc.text[fig["char_end"]: fig["char_end"] + 20]
    return bool(find_phrase(before, cues()["target_words"], 0, len(before))
                or starts_with_phrase(syllables(after), cues()["target_after_words"]))


def is_not_a_fact(doc: Doc, fig: dict) -> bool:
    """A price, a specification, a score, an age, a speed …: a quantity that is not a fact
    about a place or an organisation ('giá vàng … 76,5 triệu đồng/lượng', 'hộp số 6 cấp',
    '25 tuổi', '45 điểm'), so never a restated fact."""
    for written in (fig.get("what"), fig.get("surface_unit")):
        if _not_fact_unit(written or ""):
            return True
    if fig["unit"] == "VND" and (fig.get("per") or "").lower() in cues()["price_per_units"]:
        return True
    words = drop_phrases(syllables(figure_clause(doc, fig)), cues()["not_fact_exceptions"])
    return bool(find_phrase(" ".join(words), cues()["not_fact_words"], 0, len(" ".join(words))))


@lru_cache(maxsize=1024)
def _not_fact_unit(written: str) -> bool:
    """A counted noun or unit as written that starts with one of ``not_fact_units`` ('tuổi', 'điểm')."""
    return starts_with_phrase(syllables(written), cues()["not_fact_units"])


def same_thing(part: dict, whole: dict, whole_head: str) -> bool:
    """Breakdown parts: the part's counted noun shares a noun with the whole's head ('hồ sơ' of
    '18.080 bộ hồ sơ'), is contained in it ('lượt' of 'lượt người'), or is a bare counter of the
    same unit ('đảng viên nữ 450 người' of '1.200 đảng viên', not '120 người' of '50 hộ')."""
    words, head = set(syllables(part.get("what") or "")), set(syllables(whole_head))
    counters = set(cues()["generic_counters"])
    if not words or words <= head or (words - counters) & head:
        return True
    return words <= counters and part["unit"] == whole["unit"]
