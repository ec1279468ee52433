"""Fact-check a run: totals against their breakdowns, and the same fact stated twice.

``check(output_dir)`` reads the run's ``figures``, ``documents`` and (when present)
``localities`` tables and writes ``factchecks.parquet`` + ``factchecks.csv`` next to them.
Each finding has an id, a ``kind``, a ``verdict``, the figures involved and one sentence
of explanation.  The checks, in the order they run:

1. **Breakdowns** (``total_breakdown`` / ``part_of_whole``) — a whole followed by parts
   that an explicit cue opens: a parenthesis right after it, a cue word (``trong đó``,
   ``gồm`` …), a colon, or a run of parts labelled by a category word (``lĩnh vực X có N``).
   The parts are the following figures of the same unit family and the same thing, in the
   same sentence (the next one for a sentence that *starts* with the cue).  When every part
   carries its own category label (``kinh tế: 53``, ``cấp xã: 16.096``) the parts are a
   partition and must add up to the whole: ``verified`` or ``mismatch``.  When they do not
   (``trong đó có 65 mô hình được công nhận và 08 mô hình …``) they are subsets that may
   overlap, so each is only checked against the whole, never summed.  A part larger than
   its whole is ``part_exceeds_whole`` in both cases.
2. **Ratios above one** (``25/24 xã``) and **shares above 100 %** (not ``115% kế hoạch``
   nor ``tăng 150% so với năm 2019``): ``flagged``.
3. **Restated facts** (``restated``) — two figures about the same place, the same thing and
   in the same unit family, in one document or two, compared as intervals (``hơn 36,5 ha``
   is (36.5, ∞)): ``consistent`` (same value), ``compatible`` (the qualifiers allow both),
   ``changed_over_time`` (different periods) or ``conflict``.

Cue words live in ``data/factcheck_cues.json``.

>>> i = interval_of({"value": 36.5, "value_max": None, "qualifier": "more_than", "unit": "ha"})
>>> (i.lo > 36.5 * 10_000, i.hi)
(True, inf)
"""
from __future__ import annotations

import csv
import hashlib
import itertools
import json
import math
import sqlite3
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import regex
import typer

from .gazetteer import fold
from .passes.tables import is_total_label
from .write import arrow_table, csv_cells, read_rows

_S, _F, _L = pa.string(), pa.float64(), pa.list_(pa.string())

FACTCHECKS_SCHEMA = pa.schema(
    [
        ("id", _S), ("kind", _S), ("verdict", _S), ("figure_ids", _L), ("values", pa.list_(_F)),
        ("expected", _F), ("observed", _F), ("unit", _S), ("what", _S), ("place", _S), ("doc_ids", _L),
        ("doc_dates", _L), ("sentences", _L), ("offsets", _L), ("explanation", _S),
    ]
)
FACTCHECKS_TITLE = ("One fact-check finding: a total against its parts, a part against its whole, a ratio above "
                    "one, a share above 100 %, a table's total row against the rows it totals, or one fact stated "
                    "twice — with the figures and their sources.")
FACTCHECKS_NON_NULL = ("id", "kind", "verdict", "figure_ids", "values", "expected", "observed", "unit", "doc_ids",
                       "doc_dates", "sentences", "offsets", "explanation")  # doc_dates and sentences hold nulls
FACTCHECK_DESCRIPTIONS = {
    "id": "Stable id: fc:<kind>:<hash of the figure ids>.",
    "kind": "total_breakdown | part_of_whole | ratio_above_one | share_above_100 | table_total | table_restated | "
            "restated.",
    "verdict": "verified | mismatch | part_exceeds_whole | flagged (breakdowns, ratios, shares, table totals); "
               "consistent | compatible | changed_over_time | conflict (restated); consistent | compatible | "
               "conflict (table_restated: a figure of the running text against the table cell it restates).",
    "figure_ids": "The figures involved (figures.id): the whole first, then its parts; or the two statements.",
    "values": "Their values (figures.value), in the order of figure_ids; numerator and denominator for a ratio.",
    "expected": "The whole (total_breakdown, part_of_whole), the denominator, 100 (share) or the first statement.",
    "observed": "The sum of the parts, the part, the numerator, the percentage or the second statement.",
    "unit": "Canonical unit of the figures (figures.unit of the first one).",
    "what": "What is counted or measured (figures.what of the first one, or the shared subject words).",
    "place": "Place a restated fact is about, as written in the first statement ('Hương Xuân'); else null.",
    "doc_ids": "Document of each figure (documents.doc_id), in the order of figure_ids.",
    "doc_dates": "Date of each figure's document (documents.doc_date, may be null).",
    "sentences": "Sentence of each figure (figures.sentence).",
    "offsets": "Source of each figure as <doc_id>:<char_start>-<char_end> in documents.text.",
    "explanation": "One sentence saying what was compared and why the verdict, quoting the figures.",
}

AGREEING = ("verified", "consistent")
PROBLEMS = ("mismatch", "part_exceeds_whole", "flagged", "conflict")
VERDICT_STYLE = {
    "verified": "green", "consistent": "green", "compatible": "cyan", "changed_over_time": "yellow",
    "mismatch": "red", "part_exceeds_whole": "red", "flagged": "red", "conflict": "red",
}
FAMILY = {  # canonical unit → (family, factor to the family's base unit)
    "count": ("count", 1), "person": ("count", 1), "household": ("count", 1), "day": ("day", 1),
    "m2": ("area", 1), "ha": ("area", 10_000), "m": ("length", 1), "km": ("length", 1_000),
    "VND": ("money", 1), "percent": ("percent", 1), "ratio": ("ratio", 1), "ton": ("mass", 1),
}
_SYLLABLE = regex.compile(r"\p{L}+")
_PARENS = regex.compile(r"[()]")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_LABEL_BREAK = regex.compile(r"[,;(]|(?<!\p{L})và(?!\p{L})")  # where a part's label starts
_OPENING = regex.compile(r"[(:]")
_SENTENCE_END = regex.compile(r"[.!?…]+(?=\s+[\p{Lu}\d“\"(])|\n+")


@lru_cache(maxsize=1)
def cues() -> dict:
    """``data/factcheck_cues.json``, with every word list a tuple sorted longest first."""
    raw = json.loads(resources.files("extract").joinpath("data", "factcheck_cues.json").read_text("utf-8"))
    return {k: tuple(sorted(v, key=len, reverse=True)) if isinstance(v, list) else v for k, v in raw.items()}


# ---------------------------------------------------------------------------- values


@dataclass
class Finding:
    """One fact-check finding: a row of the ``factchecks`` table."""

    kind: str
    verdict: str
    figure_ids: list[str]
    values: list[float]
    expected: float | None
    observed: float | None
    unit: str | None
    what: str | None
    doc_ids: list[str]
    doc_dates: list[str | None]
    sentences: list[str | None]
    offsets: list[str]
    explanation: str
    place: str | None = None
    id: str = ""
    texts: list[str] = field(default_factory=list)  # the figures' surfaces, for printing only

    def __post_init__(self) -> None:
        if not self.id:
            digest = hashlib.sha1("|".join([self.kind, *self.figure_ids]).encode()).hexdigest()[:10]
            self.id = f"fc:{self.kind}:{digest}"

    def row(self) -> dict:
        return {name: getattr(self, name) for name in FACTCHECKS_SCHEMA.names}


class Interval(NamedTuple):
    lo: float
    hi: float


def family_of(fig: dict) -> str | None:
    """Unit family a figure can be compared within (``ha`` and ``m2`` are both ``area``)."""
    if fig["unit"] == "other":
        return None
    return FAMILY.get(fig["unit"], (None, 1))[0]


def base_value(fig: dict, value: float) -> float:
    return value * FAMILY.get(fig["unit"], (None, 1))[1]


def interval_of(fig: dict) -> Interval:
    """The values a figure allows, in its family's base unit (m² for ha)."""
    lo = base_value(fig, fig["value"])
    hi = base_value(fig, fig["value_max"]) if fig.get("value_max") is not None else lo
    tol = cues()["approx_tolerance"]
    return {
        "more_than": Interval(math.nextafter(lo, math.inf), math.inf),
        "at_least": Interval(lo, math.inf),
        "less_than": Interval(-math.inf, math.nextafter(hi, -math.inf)),
        "approx": Interval(lo * (1 - tol), hi * (1 + tol)),
    }.get(fig["qualifier"], Interval(lo, hi))


def overlaps(a: Interval, b: Interval) -> bool:
    return a.lo <= b.hi * (1 + 1e-9) and b.lo <= a.hi * (1 + 1e-9)


def same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def number_text(value: float) -> str:
    """A value written the Vietnamese way: 18.080, 44,5."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.6g}".replace(",", " ").replace(".", ",").replace(" ", ".")


# ---------------------------------------------------------------------------- text helpers


def syllables(text: str) -> list[str]:
    return [s.lower() for s in _SYLLABLE.findall(unicodedata.normalize("NFC", text))]


def drop_phrases(words: list[str], phrases: tuple[str, ...]) -> list[str]:
    """Remove every occurrence of the (multi-syllable) phrases; where several start at one
    word, the first of ``phrases`` that matches (they are given longest first)."""
    by_first = phrases_by_first_word(tuple(phrases))
    out, i = [], 0
    while i < len(words):
        hit = next((len(p) for p in by_first.get(words[i], ()) if words[i:i + len(p)] == p), 0)
        if hit:
            i += hit
        else:
            out.append(words[i])
            i += 1
    return out


def starts_with_phrase(words: list[str], phrases: tuple[str, ...]) -> bool:
    return bool(words) and any(words[:len(p)] == p for p in phrases_by_first_word(tuple(phrases)).get(words[0], ()))


@lru_cache(maxsize=None)
def phrases_by_first_word(phrases: tuple[str, ...]) -> dict[str, list[list[str]]]:
    """The phrases as lists of syllables, by their first syllable, in the order given: a
    word is compared with the few phrases that can start there, not with all of them."""
    index: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        words = phrase.split()
        if words:
            index.setdefault(words[0], []).append(words)
    return index


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break always ends one."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def paren_depth(text: str, start: int, pos: int) -> int:
    """How many parentheses opened between ``start`` and ``pos`` are still open."""
    depth = 0
    for ch in _PARENS.findall(text, start, pos):
        depth = depth + 1 if ch == "(" else max(0, depth - 1)
    return depth


def find_phrase(text: str, phrases: tuple[str, ...], start: int, end: int) -> regex.Match | None:
    """First whole-word occurrence of any phrase in ``text[start:end]``."""
    return words_pattern(tuple(phrases)).search(text, start, end)


@lru_cache(maxsize=None)
def words_pattern(phrases: tuple[str, ...]) -> regex.Pattern:
    """Any of the phrases as whole words, case-insensitive (longest first, as given)."""
    return regex.compile(r"(?i)(?<!\p{L})(?:" + "|".join(map(regex.escape, phrases)) + r")(?!\p{L})")


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
    places: list["Place"] = field(default_factory=list)
    locality_names: dict[str, str] = field(default_factory=dict)  # localities.id → name
    cells: list[dict] = field(default_factory=list)  # figures of table cells, in text order

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


def _by_document(output_dir: Path, name: str, order: dict[str, int]) -> _ByDocument:
    """The rows of a table by document; a table in another order (not written by a run) is
    read whole and sorted first."""
    last = -1
    for row in read_rows(output_dir, name, ["doc_id"]):
        here = order.get(row["doc_id"], -1)
        if here < last and here >= 0:
            rows = sorted(read_rows(output_dir, name), key=lambda r: order.get(r["doc_id"], -1))
            return _ByDocument(iter(rows), order)
        last = max(last, here)
    return _ByDocument(read_rows(output_dir, name), order)


def iter_docs(output_dir: Path) -> Iterator[Doc]:
    """The run's documents with text, one at a time, with their figures (in text order)
    and their place mentions; memory holds one document, whatever the run's size."""
    order = {row["doc_id"]: i for i, row in enumerate(read_rows(output_dir, "documents", ["doc_id", "n_chars"]))
             if row.get("n_chars")}
    figures = _by_document(output_dir, "figures", order)
    localities = _by_document(output_dir, "localities", order)
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


def clause_before(doc: Doc, fig: dict) -> str:
    """Text from the last clause break, cue word or figure to the figure ('kinh tế:' is kept)."""
    start = max(neighbours(doc, fig)[0], *(doc.text.rfind(ch, 0, fig["char_start"]) + 1 for ch in ",;.!?()\n“”\""))
    cut = list(_cut_pattern("breakdown_cues").finditer(doc.text[start:fig["char_start"]]))
    return doc.text[start + cut[-1].end() if cut else start: fig["char_start"]]


def clause_after(doc: Doc, fig: dict) -> str:
    """Text from the figure to the next clause break, cut word or figure."""
    end = neighbours(doc, fig)[1]
    for ch in ",;:.!?()\n“”\"":
        pos = doc.text.find(ch, fig["char_end"], end)
        end = pos if pos >= 0 else end
    tail = doc.text[fig["char_end"]:end]
    cut = _cut_pattern("after_cuts").search(tail)
    return tail[: cut.start()] if cut else tail


@lru_cache(maxsize=None)
def _cut_pattern(name: str) -> regex.Pattern:
    extra = cues()[name] if name != "breakdown_cues" else ()
    return words_pattern(cues()["breakdown_cues"] + extra)


def _without_places(doc: Doc, start: int, end: int) -> str:
    text = doc.text[start:end]
    for p in doc.places:
        if start <= p.start and p.end <= end:
            text = text[: p.start - start] + " " * (p.end - p.start) + text[p.end - start:]
    return text


def subject_words(doc: Doc, fig: dict) -> tuple[str, ...]:
    """What a figure is about: its counted noun (``what``) and the content syllables of its
    clause, in text order, without generic words, stop words, places and numbers:
    'diện tích đất trồng ổi trên địa bàn phường có hơn 36,5 ha' → ('ổi',)."""
    n = cues()["context_syllables"]
    before, after = clause_before(doc, fig), clause_after(doc, fig)
    text_before = _without_places(doc, fig["char_start"] - len(before), fig["char_start"])
    text_after = _without_places(doc, fig["char_end"], fig["char_end"] + len(after))
    what = drop_phrases(syllables(fig.get("what") or ""), cues()["generic_words"])
    words = [content_words(text_before)[-n:], what, content_words(text_after)[:n]]
    return tuple(dict.fromkeys(w for part in words for w in part))


def content_words(text: str) -> list[str]:
    return drop_phrases(drop_phrases(syllables(text), cues()["generic_words"]), cues()["stop_words"])


def is_delta(doc: Doc, fig: dict) -> bool:
    """'thêm 02 ha', 'tăng 15.666 hồ sơ': a change, not a stock."""
    words = syllables(clause_before(doc, fig))
    return bool(words) and any(words[-len(p.split()):] == p.split() for p in cues()["delta_words"])


def period_of(doc: Doc, fig: dict) -> str | None:
    """The period a figure is stated for, from the link pass ('2021-01-01/2021-12-31'); a
    figure with none is stated as of its document's year."""
    if fig.get("period_start") or fig.get("period_end"):
        return f"{fig.get('period_start') or '…'}/{fig.get('period_end') or '…'}"
    return doc.date[:4] if doc.date else None


def same_thing(part: dict, whole: dict, whole_head: str) -> bool:
    """Breakdown parts: the part's counted noun shares a noun with the whole's head ('hồ sơ' of
    '18.080 bộ hồ sơ'), is contained in it ('lượt' of 'lượt người'), or is a bare counter of the
    same unit ('đảng viên nữ 450 người' of '1.200 đảng viên', not '120 người' of '50 hộ')."""
    words, head = set(syllables(part.get("what") or "")), set(syllables(whole_head))
    counters = set(cues()["generic_counters"])
    if not words or words <= head or (words - counters) & head:
        return True
    return words <= counters and part["unit"] == whole["unit"]


# ---------------------------------------------------------------------------- findings


def sources(figs: list[dict], docs: dict[str, Doc]) -> dict:
    """The source columns of a finding, one entry per figure."""
    return {
        "figure_ids": [f["id"] for f in figs],
        "values": [float(f["value"]) for f in figs],
        "doc_ids": [f["doc_id"] for f in figs],
        "doc_dates": [docs[f["doc_id"]].date for f in figs],
        "sentences": [f.get("sentence") for f in figs],
        "offsets": [f"{f['doc_id']}:{f['char_start']}-{f['char_end']}" for f in figs],
        "texts": [f["text"] for f in figs],
    }


def quoted(fig: dict) -> str:
    return f"“{' '.join(fig['text'].split())}”"


# ---------------------------------------------------------------------------- check 1: breakdowns


CUE_NAMES = {"(": "in parentheses", ":": "after a colon", "category": "a list of categories"}


@dataclass
class Enumeration:
    whole: dict
    parts: list[dict]
    labelled: bool  # every part has a category label: a partition that must add up
    cue: str


def head_of(doc: Doc, fig: dict) -> str:
    """The whole's counted noun plus the next few words ('18.080 bộ hồ sơ giao dịch')."""
    return (fig.get("what") or "") + " " + " ".join(syllables(clause_after(doc, fig))[:4])


def compatible(doc: Doc, whole: dict, part: dict) -> bool:
    return (
        family_of(part) is not None and family_of(part) == family_of(whole)
        and (part.get("per") or None) == (whole.get("per") or None)
        and same_thing(part, whole, head_of(doc, whole))
        and not is_delta(doc, part)
    )


def part_label(doc: Doc, boundary: int, part: dict, whole: dict) -> list[str] | None:
    """The category label before a part ('cấp xã:' → ['cấp', 'xã']), or None for a subset:
    no label ('có 65 mô hình'), a status ('được công nhận 65'), or the whole's own noun with a
    modifier ('đảng viên nữ 450 người' of '1.200 đảng viên' — subgroups may overlap)."""
    segment = _LABEL_BREAK.split(doc.text[boundary: part["char_start"]])[-1]
    words = drop_phrases(syllables(segment), cues()["breakdown_cues"])
    if not words or starts_with_phrase(words, cues()["subset_predicates"]):
        return None
    head = " ".join(syllables(whole.get("what") or ""))
    if head and f" {head} " in f" {' '.join(words)} ":
        return None
    return drop_phrases(drop_phrases(words, cues()["label_fillers"]), cues()["stop_words"]) or None


def collect_parts(doc: Doc, whole: dict, start: int, end: int) -> list[tuple[dict, list[str] | None]]:
    """Figures in ``text[start:end]`` at the region's own depth, stopping at the first that is
    not a part of ``whole`` (another unit, another thing, a change, another period: 'năm 2019:
    150 hộ') or at a nested cue."""
    nested = find_phrase(doc.text, cues()["breakdown_cues"], start + 1, end)
    end = nested.start() if nested and doc.text[start:nested.start()].strip(" ,:(") else end
    parts, boundary = [], start
    for fig in figures_at_depth0(doc, start, end):
        segment = doc.text[boundary:fig["char_start"]]
        other_period = _YEAR.search(segment) or find_phrase(segment, cues()["period_words"], 0, len(segment))
        if other_period or not compatible(doc, whole, fig):
            break
        parts.append((fig, part_label(doc, boundary, fig, whole)))
        boundary = fig["char_end"]
    return parts


def closing_paren(text: str, open_pos: int) -> int:
    depth = 0
    for i in range(open_pos, len(text)):
        depth += text[i] == "("
        depth -= text[i] == ")"
        if depth == 0:
            return i
    return len(text)


def figures_at_depth0(doc: Doc, start: int, end: int) -> list[dict]:
    """Figures in ``text[start:end]`` that are not inside a parenthesis opened there."""
    inside = doc.figures[bisect_right(doc.starts, start - 1): bisect_right(doc.starts, end - 1)]
    return [f for f in inside if not paren_depth(doc.text, start, f["char_start"])]


def whole_before(doc: Doc, cue: str, cue_start: int, lo: int, part: dict) -> dict | None:
    """The figure before the cue (from ``lo``, not in parentheses, no ';' in between) of which
    ``part`` can be a part.  A parenthesis or a colon takes the figure right before it (a colon
    only with no comma between); a cue word the nearest one that fits: '52 nhà với tổng kinh
    phí 915 triệu đồng, trong đó 30 nhà' → '52 nhà'."""
    strict = cue in "(:"
    window = cues()["paren_window"] if strict else cues()["whole_window"]
    for fig in reversed(figures_at_depth0(doc, lo, cue_start)):
        between = doc.text[fig["char_end"]:cue_start]
        if cue_start - fig["char_end"] > window or ";" in between or (cue == ":" and ("," in between or "." in between)):
            return None
        if compatible(doc, fig, part):
            return fig
        if strict:
            return None
    return None


def cue_openings(doc: Doc) -> list[tuple[int, int, str]]:
    """(cue start, region start, cue) for every parenthesis, colon and cue word."""
    found = [(m.start(), m.end(), m.group().lower()) for m in _cut_pattern("breakdown_cues").finditer(doc.text)]
    found += [(m.start(), m.end(), m.group()) for m in _OPENING.finditer(doc.text)]
    return sorted(found)


def enumeration_at(doc: Doc, cue_start: int, region_start: int, cue: str) -> Enumeration | None:
    """The whole before a cue and the parts after it, or None."""
    index = doc.sentence_of(cue_start)
    s_start, s_end = doc.span(index)
    if cue == "(":
        region_end = closing_paren(doc.text, cue_start)
    elif paren_depth(doc.text, s_start, cue_start):  # "(trong đó, …)": the parenthesis is the cue
        return None
    else:
        region_end = s_end
    first = figures_at_depth0(doc, region_start, region_end)[:1]
    if not first:
        return None
    whole = whole_before(doc, cue, cue_start, s_start, first[0])
    if whole is None and cue not in "(:" and not doc.text[s_start:cue_start].strip(" “\"-–•*"):
        whole = whole_in_previous_sentence(doc, index, first[0])
    if whole is None or is_delta(doc, whole):
        return None
    parts = collect_parts(doc, whole, region_start, region_end)
    if not parts:
        return None
    labels = [label for _, label in parts]
    return Enumeration(whole, [p for p, _ in parts], len(parts) >= 2 and all(labels), cue)


def whole_in_previous_sentence(doc: Doc, index: int, part: dict) -> dict | None:
    """'… 112 mô hình trong đó … .  Trong đó, lĩnh vực …': the first figure of the previous
    sentence standing before that sentence's own cue, of which ``part`` can be a part."""
    if index <= 0:
        return None
    start, end = doc.span(index - 1)
    cue = find_phrase(doc.text, cues()["breakdown_cues"], start, end)
    candidates = figures_at_depth0(doc, start, cue.start() if cue else end)
    return next((f for f in candidates if compatible(doc, f, part)), None)


def category_enumerations(doc: Doc, taken: set[str]) -> list[Enumeration]:
    """'…, lĩnh vực kinh tế có 19 mô hình, lĩnh vực văn hóa có 67 mô hình' without a cue word:
    ≥ 2 consecutive parts labelled by a category word, after a compatible whole."""
    found = []
    for s_start, s_end in doc.sentences:
        figs = [f for f in doc.figures if s_start <= f["char_start"] < s_end and f["id"] not in taken]
        for i, whole in enumerate(figs):
            run, boundary = [], whole["char_end"]
            for fig in figs[i + 1:]:
                label = part_label(doc, boundary, fig, whole)
                if not (label and starts_with_phrase(label, cues()["category_words"]) and compatible(doc, whole, fig)):
                    break
                run.append(fig)
                boundary = fig["char_end"]
            if len(run) >= 2:
                found.append(Enumeration(whole, run, True, "category"))
                taken |= {f["id"] for f in [whole, *run]}
    return found


def enumerations(doc: Doc) -> list[Enumeration]:
    """Every whole with its parts in one document (a part is used once)."""
    found, used = [], set()
    for cue_start, region_start, cue in cue_openings(doc):
        enum = enumeration_at(doc, cue_start, region_start, cue)
        if enum and not {f["id"] for f in enum.parts} & used:
            found.append(enum)
            used |= {f["id"] for f in enum.parts}
    return found + category_enumerations(doc, used | {e.whole["id"] for e in found})


def judge_partition(enum: Enumeration, docs: dict[str, Doc]) -> Finding:
    """A labelled breakdown: the parts must add up to the whole."""
    whole, parts = enum.whole, enum.parts
    total = interval_of(whole)
    ranges = [interval_of(p) for p in parts]
    summed = Interval(sum(r.lo for r in ranges), sum(r.hi for r in ranges))
    observed = sum(float(p["value"]) for p in parts)
    terms = " + ".join(number_text(p["value"]) for p in parts)
    too_big = [p for p, r in zip(parts, ranges) if r.lo > total.hi]
    if too_big:
        verdict = "part_exceeds_whole"
        text = f"The part {quoted(too_big[0])} is larger than its whole {quoted(whole)}."
    elif overlaps(total, summed):
        verdict = "verified"
        text = f"The {len(parts)} labelled parts of {quoted(whole)} ({terms}) add up to {number_text(observed)}."
    else:
        verdict = "mismatch"
        text = (f"The {len(parts)} labelled parts of {quoted(whole)} ({terms}) add up to "
                f"{number_text(observed)}, not {number_text(whole['value'])}.")
    return Finding("total_breakdown", verdict, expected=float(whole["value"]), observed=observed,
                   unit=whole["unit"], what=whole.get("what"), explanation=text,
                   **sources([whole, *parts], docs))


def judge_subsets(enum: Enumeration, docs: dict[str, Doc]) -> list[Finding]:
    """Unlabelled parts ('trong đó có 65 mô hình được công nhận') are subsets that may
    overlap: each must fit in the whole, they need not add up to it."""
    whole, findings = enum.whole, []
    for part in enum.parts:
        exceeds = interval_of(part).lo > interval_of(whole).hi
        text = (f"The part {quoted(part)} is larger than its whole {quoted(whole)}." if exceeds else
                f"{quoted(part)} is a subset of {quoted(whole)} ({CUE_NAMES.get(enum.cue, enum.cue)}) and is not "
                f"larger than it; subsets are not summed.")
        findings.append(Finding(
            "part_of_whole", "part_exceeds_whole" if exceeds else "verified", expected=float(whole["value"]),
            observed=float(part["value"]), unit=whole["unit"], what=whole.get("what"), explanation=text,
            **sources([whole, part], docs)))
    return findings


def check_breakdowns(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    findings = []
    for enum in enumerations(doc):
        findings += [judge_partition(enum, docs)] if enum.labelled else judge_subsets(enum, docs)
    return findings


# ---------------------------------------------------------------------------- check 2: ratios and shares


def check_ratios(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    """'25/24 xã': a numerator larger than its denominator."""
    findings = []
    for fig in doc.figures:
        num, den = fig.get("numerator"), fig.get("denominator")
        if fig["unit"] == "ratio" and num is not None and den and num > den:
            text = f"{quoted(fig)} has a numerator larger than its denominator ({number_text(num)} > {number_text(den)})."
            row = {**sources([fig], docs), "values": [float(num), float(den)]}
            findings.append(Finding("ratio_above_one", "flagged", expected=float(den), observed=float(num),
                                    unit="ratio", what=fig.get("what"), explanation=text, **row))
    return findings


def check_shares(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    """A percentage above 100 that is a share, not a rate of a plan or a growth."""
    findings = []
    for fig in doc.figures:
        if fig["unit"] != "percent" or fig["value"] <= 100:
            continue
        clause = clause_before(doc, fig) + " " + fig["text"] + " " + clause_after(doc, fig)
        if find_phrase(clause, cues()["share_exempt"], 0, len(clause)):
            continue
        text = f"{quoted(fig)} is a share above 100 %."
        findings.append(Finding("share_above_100", "flagged", expected=100.0, observed=float(fig["value"]),
                                unit="percent", what=fig.get("what"), explanation=text, **sources([fig], docs)))
    return findings


# ---------------------------------------------------------------------------- check 3: restated facts


VERDICT_PHRASE = {"consistent": "agree", "compatible": "are compatible",
                  "changed_over_time": "differ over time", "conflict": "conflict"}


# ---------------------------------------------------------------------------- tables


def check_table_totals(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    """Each figure of a total row ("Tổng cộng", "Toàn huyện" …) against the sum of the rows it
    totals, column by column: the rows since the table's previous total row, or, for a total
    row above its rows, the rows down to the next one."""
    by_table: dict[str, list[dict]] = defaultdict(list)
    for cell in doc.cells:
        by_table[cell["table_id"]].append(cell)
    findings = []
    for cells in by_table.values():
        total_rows = sorted({c["row"] for c in cells if is_total_label(c.get("row_label"))})
        rows = sorted({c["row"] for c in cells} - set(total_rows))
        for total in (c for c in cells if c["row"] in total_rows):
            totalled = rows_totalled(total["row"], total_rows, rows)
            parts = [c for c in cells if c["col"] == total["col"] and c["row"] in totalled]
            if parts and all(family_of(p) == family_of(total) for p in parts):
                findings.append(judge_table_total(total, parts, docs))
    return findings


def rows_totalled(total_row: int, total_rows: list[int], rows: list[int]) -> set[int]:
    """The data rows a total row adds up: those since the previous total row, else (a total
    above its rows) those down to the next total row.

    >>> sorted(rows_totalled(4, [4], [1, 2, 3])), sorted(rows_totalled(1, [1, 5], [2, 3, 4, 6, 7]))
    ([1, 2, 3], [2, 3, 4])
    """
    earlier = max((r for r in total_rows if r < total_row), default=-1)
    before = {r for r in rows if earlier < r < total_row}
    if before:
        return before
    later = min((r for r in total_rows if r > total_row), default=math.inf)
    return {r for r in rows if total_row < r < later}


def judge_table_total(total: dict, parts: list[dict], docs: dict[str, Doc]) -> Finding:
    observed = sum(base_value(p, float(p["value"])) for p in parts)
    expected = base_value(total, float(total["value"]))
    rows = ", ".join(f"{p.get('row_label') or 'row ' + str(p['row'])} {number_text(p['value'])}" for p in parts)
    column = total.get("col_label") or f"column {total['col']}"
    if same_number(observed, expected):
        verdict = "verified"
        text = f"{total.get('row_label')} ({column}) {number_text(total['value'])} is the sum of its rows: {rows}."
    else:
        verdict = "mismatch"
        text = (f"{total.get('row_label')} ({column}) says {number_text(total['value'])}, but its rows add up to "
                f"{number_text(observed)}: {rows}.")
    return Finding("table_total", verdict, expected=expected, observed=observed, unit=total["unit"],
                   what=total.get("what"), explanation=text, **sources([total, *parts], docs))


def check_table_restated(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    """A figure of the running text that restates a table cell of its document: the same place
    (by the link pass; by name, as the two are separate mentions), the same unit family, a
    counted noun found in the cell's column header, and no period that tells them apart."""
    cells = defaultdict(list)
    for cell in doc.cells:
        place = doc.locality_names.get(cell.get("place"))
        if place and family_of(cell):
            cells[(fold(place), family_of(cell))].append(cell)
    findings = []
    for fig in doc.figures:
        place = doc.locality_names.get(fig.get("place"))
        if not place or not family_of(fig):
            continue
        for cell in cells.get((fold(place), family_of(fig)), []):
            if same_meaning(fig, cell) and same_period(fig, cell):
                findings.append(judge_table_restated(fig, cell, place, docs))
    return findings


def same_meaning(fig: dict, cell: dict) -> bool:
    """The figure's counted noun is in the cell's column header ('mô hình' in 'Số mô hình')."""
    words = drop_phrases(syllables(fig.get("what") or ""), cues()["generic_words"])
    header = set(syllables(cell.get("col_label") or "")) | set(syllables(cell.get("what") or ""))
    return bool(words) and set(words) <= header


def same_period(a: dict, b: dict) -> bool:
    return not (a.get("period_start") and b.get("period_start") and
                (a["period_start"], a.get("period_end")) != (b["period_start"], b.get("period_end")))


def judge_table_restated(fig: dict, cell: dict, place: str, docs: dict[str, Doc]) -> Finding:
    if same_number(base_value(fig, fig["value"]), base_value(cell, cell["value"])) and \
            fig["qualifier"] == cell["qualifier"]:
        verdict, reason = "consistent", "the same value"
    elif overlaps(interval_of(fig), interval_of(cell)):
        verdict, reason = "compatible", hedge_reason(fig if fig["qualifier"] != "exact" else cell,
                                                     cell if fig["qualifier"] != "exact" else fig)
    else:
        verdict, reason = "conflict", "the values exclude each other"
    text = (f"{place} ({cell.get('col_label')}): the text says {quoted(fig)}, the table {quoted(cell)} — "
            f"{reason}.")
    return Finding("table_restated", verdict, expected=float(cell["value"]), observed=float(fig["value"]),
                   unit=cell["unit"], what=fig.get("what"), place=place, explanation=text,
                   **sources([cell, fig], docs))


class Fact(NamedTuple):
    fig: dict
    place: str  # as written in the first statement
    subject: tuple[str, ...]
    period: str | None
    sentence: int = -1  # the index of the figure's sentence in its document


def fact_of(doc: Doc, fig: dict) -> tuple[tuple, Fact] | None:
    """The fact a figure states and its key (place, unit family, per, subject words): figures
    with one key state the same fact.  A count needs words besides its counted noun ('lĩnh
    vực kinh tế có 19 mô hình'; '15 nhà' alone says what is counted, not which houses)."""
    family = family_of(fig)
    if family is None or is_delta(doc, fig):
        return None
    place, subject = place_of(fig, doc), subject_words(doc, fig)
    if not place or not subject or (family == "count" and not set(subject) - set(syllables(fig.get("what") or ""))):
        return None
    key = (fold(place), family, fig.get("per") or "", frozenset(subject))
    return key, Fact(fig, place, subject, period_of(doc, fig), doc.sentence_of(fig["char_start"]))


def hedge_reason(hedged: dict, other: dict) -> str:
    """Why an interval admits the other value: 'hơn 36,5 ha' is a lower bound that 44,5 meets."""
    bound = {"more_than": "a lower bound", "at_least": "a lower bound", "less_than": "an upper bound",
             "approx": "approximate"}.get(hedged["qualifier"], "a range")
    return f"{quoted(hedged)} is {bound} that {quoted(other)} satisfies"


def restated_verdict(a: Fact, b: Fact) -> tuple[str, str]:
    """Verdict and its reason for two statements of one fact: equal values, then intervals
    that overlap (the qualifiers allow both), then different years, else a conflict."""
    fa, fb = a.fig, b.fig
    if same_number(base_value(fa, fa["value"]), base_value(fb, fb["value"])) and fa["qualifier"] == fb["qualifier"]:
        return "consistent", "the same value"
    if overlaps(interval_of(fa), interval_of(fb)):
        hedged, other = (fa, fb) if fa["qualifier"] != "exact" else (fb, fa)
        return "compatible", hedge_reason(hedged, other)
    if a.period and b.period and a.period != b.period:
        return "changed_over_time", f"they are stated for different years ({a.period} and {b.period})"
    period = f"for {a.period}" if a.period else "with no period that tells them apart"
    return "conflict", f"both are stated {period} and the values exclude each other"


def judge_restated(a: Fact, b: Fact, docs: dict[str, Doc]) -> Finding:
    verdict, reason = restated_verdict(a, b)
    fa, fb = a.fig, b.fig
    what = " ".join(a.subject)
    where = lambda f: f"{f['doc_id']}, {docs[f['doc_id']].date or 'undated'}"  # noqa: E731
    text = (f"{a.place} ({what}): {quoted(fa)} ({where(fa)}) and {quoted(fb)} ({where(fb)}) "
            f"{VERDICT_PHRASE[verdict]}: {reason}.")
    return Finding("restated", verdict, expected=float(fa["value"]), observed=float(fb["value"]),
                   unit=fa["unit"], what=what, place=a.place, explanation=text, **sources([fa, fb], docs))


class _Dated(NamedTuple):
    date: str | None


class Restated:
    """The facts of every document, kept in a temporary SQLite table (so that memory does
    not grow with the run), then judged two by two within each fact key."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # private, on disk, deleted when closed
        self.db.execute("CREATE TABLE facts (key TEXT, date TEXT, doc_id TEXT, seq INTEGER, hash TEXT, body BLOB)")
        self.first_copy: dict[str, tuple[str, str]] = {}  # content hash → (date, doc_id) read first

    def add(self, doc: Doc) -> None:
        """A document's facts; of several copies of one document only the first (by date,
        then id) is a source."""
        if doc.content_hash:
            mine = (doc.date or "", doc.doc_id)
            self.first_copy[doc.content_hash] = min(self.first_copy.get(doc.content_hash, mine), mine)
        rows = []
        for seq, fig in enumerate(doc.figures):
            found = fact_of(doc, fig)
            if found:
                (place, family, per, subject), fact = found
                key = orjson.dumps([place, family, per, sorted(subject)]).decode()
                body = orjson.dumps({**fact._asdict(), "date": doc.date})
                rows.append((key, doc.date or "", doc.doc_id, seq, doc.content_hash, body))
        self.db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)", rows)

    def findings(self, limit: int = 50) -> Iterator[Finding]:
        """Pairs of figures with the same fact key, in one document or two (never one
        sentence), earlier statements first; at most ``limit`` pairs per fact."""
        rows = self.db.execute("SELECT key, date, doc_id, hash, body FROM facts ORDER BY key, date, doc_id, seq")
        for _, group in itertools.groupby(rows, key=lambda row: row[0]):
            facts, dates = [], {}
            for _, date, doc_id, content_hash, body in group:
                if content_hash and self.first_copy[content_hash] != (date, doc_id):
                    continue  # a copy of a document already read is not a second source
                raw = orjson.loads(body)
                dates[doc_id] = _Dated(raw.pop("date"))
                facts.append(Fact(**{**raw, "subject": tuple(raw["subject"])}))
            pairs = ((a, b) for i, a in enumerate(facts) for b in facts[i + 1:] if not same_sentence(a, b))
            yield from (judge_restated(a, b, dates) for a, b in itertools.islice(pairs, limit))

    def close(self) -> None:
        self.db.close()


def same_sentence(a: Fact, b: Fact) -> bool:
    return a.fig["doc_id"] == b.fig["doc_id"] and a.sentence == b.sentence


# ---------------------------------------------------------------------------- the command


KIND_ORDER = ("total_breakdown", "part_of_whole", "ratio_above_one", "share_above_100", "table_total",
              "table_restated", "restated")


def find_all(docs: Iterable[Doc]) -> Iterator[Finding]:
    """Every check on every document as it comes, then the restated facts across documents;
    the findings in the table's order (by kind, then the figures' offsets)."""
    with _InTableOrder() as found, closing(Restated()) as restated:
        for doc in docs:
            own = {doc.doc_id: doc}
            found.add(check_breakdowns(doc, own) + check_ratios(doc, own) + check_shares(doc, own)
                      + check_table_totals(doc, own) + check_table_restated(doc, own))
            restated.add(doc)
        found.add(restated.findings())
        yield from found


class _InTableOrder:
    """Findings sorted in a temporary SQLite table rather than in memory: 2,000 generated
    documents gave 19,128 of them, each with its sentences.  The order is Python's for
    ``(KIND_ORDER.index(kind), offsets)``, ties in the order added: the offsets, each
    ended by a character lower than any in them, compare as the lists do, and SQLite
    compares their UTF-8 bytes in code point order."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # private, on disk, deleted when closed
        self.db.execute("CREATE TABLE found (kind INTEGER, offsets BLOB, seq INTEGER, body BLOB)")
        self.seq = 0

    def add(self, findings: Iterable[Finding]) -> None:
        self.db.executemany("INSERT INTO found VALUES (?, ?, ?, ?)", map(self._row, findings))  # one at a time

    def _row(self, f: Finding) -> tuple:
        self.seq += 1
        offsets = "".join(o + "\x00" for o in f.offsets).encode()
        return KIND_ORDER.index(f.kind), offsets, self.seq, orjson.dumps(f.__dict__)

    def __iter__(self) -> Iterator[Finding]:
        for (body,) in self.db.execute("SELECT body FROM found ORDER BY kind, offsets, seq"):
            yield Finding(**orjson.loads(body))

    def __enter__(self) -> "_InTableOrder":
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()


class FindingsWriter:
    """Writes the ``factchecks`` table finding by finding: a Parquet row group every
    ``ROWS`` findings (read from JSON lines, as the run's tables: ``write.arrow_table``),
    a CSV line each.  The files are written beside the old ones and replace them when
    complete."""

    ROWS = 4096

    def __init__(self, output_dir: Path, formats=("parquet", "csv")):
        self.output_dir, self.rows = Path(output_dir), []
        self.parquet = self.csv = None
        if "parquet" in formats:
            self.parquet = pq.ParquetWriter(self._tmp("parquet"), FACTCHECKS_SCHEMA)
        if "csv" in formats:
            self.csv_file = open(self._tmp("csv"), "w", encoding="utf-8", newline="")
            self.csv = csv.writer(self.csv_file)
            self.csv.writerow(FACTCHECKS_SCHEMA.names)

    def _tmp(self, ext: str) -> Path:
        return self.output_dir / f".factchecks.{ext}.part"

    def add(self, finding: Finding) -> None:
        row = finding.row()
        if self.csv:
            self.csv.writerow(csv_cells(row, FACTCHECKS_SCHEMA.names))  # lists as the run's tables write them
        if self.parquet:
            self.rows.append(orjson.dumps(row) + b"\n")
            if len(self.rows) >= self.ROWS:
                self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.parquet.write_table(arrow_table(b"".join(self.rows), FACTCHECKS_SCHEMA))
            self.rows = []

    def __enter__(self) -> "FindingsWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.parquet:
            self._flush()
            self.parquet.close()
        if self.csv:
            self.csv_file.close()
        for ext, used in (("parquet", self.parquet), ("csv", self.csv)):
            if used and exc_type is None:
                self._tmp(ext).replace(self.output_dir / f"factchecks.{ext}")
            elif used:
                self._tmp(ext).unlink(missing_ok=True)


@dataclass
class Checked:
    """What ``check`` found: the count of each verdict, and ``findings``: all of them, or
    with ``keep`` the first ``keep`` in the table's order after problems are put first
    (what ``format_findings`` shows), so that memory does not grow with the run."""

    keep: int | None = None
    counts: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    total: int = 0
    _first: dict[bool, list] = field(default_factory=lambda: {False: [], True: []}, repr=False)  # by "agrees"

    def add(self, finding: Finding) -> None:
        self.counts[finding.verdict] += 1
        self.total += 1
        if self.keep is None:
            self.findings.append(finding)
        elif len(first := self._first[finding.verdict in AGREEING]) < self.keep:
            first.append((self.total, finding))

    def summary(self) -> str:
        """'10 findings: 1 compatible, 1 consistent, 8 verified' (verdicts in alphabetical order)."""
        return f"{self.total} findings: {self.verdicts()}"

    def verdicts(self) -> str:
        return ", ".join(f"{n} {v}" for v, n in sorted(self.counts.items()))

    def done(self) -> "Checked":
        if self.keep is not None:
            ranked = (self._first[False] + self._first[True])[: self.keep]
            self.findings = [finding for _, finding in sorted(ranked, key=lambda pair: pair[0])]
        return self


def check(output_dir: Path, formats=("parquet", "csv"), keep: int | None = None) -> Checked:
    """Fact-check the run in ``output_dir`` and write its ``factchecks`` table there, one
    finding at a time; ``keep``: how many findings to return (see :class:`Checked`)."""
    output_dir = Path(output_dir)
    checked = Checked(keep)
    with FindingsWriter(output_dir, formats) as writer:
        for finding in find_all(iter_docs(output_dir)):
            writer.add(finding)
            checked.add(finding)
    return checked.done()


def _excerpt(sentence: str | None, fig_text: str, width: int = 70) -> str:
    sentence = " ".join((sentence or "").split())
    pos = sentence.find(" ".join(fig_text.split()))
    if pos < 0 or len(sentence) <= 2 * width:
        return sentence[: 2 * width]
    start, end = max(0, pos - width), pos + width
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def shown(findings: list[Finding], limit: int) -> list[Finding]:
    """At most ``limit`` findings, problems before the verified and consistent ones, in order."""
    ranked = sorted(findings, key=lambda f: f.verdict in AGREEING)
    keep = {id(f) for f in ranked[:limit]}
    return [f for f in findings if id(f) in keep]


SHOWN = 60  # findings the command prints, problems first


def format_findings(checked: Checked, limit: int = SHOWN):
    """A rich table of the findings (restated ones with both sentences) and a summary line."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title="vnextract check — fact-checks", show_lines=True)
    for column in ("kind", "verdict", "explanation", "sources"):
        table.add_column(column, overflow="fold")
    rows = shown(checked.findings, limit)
    for f in rows:
        lines = [f"{o} ({d or 'undated'})" + (f"\n  {_excerpt(s, t)}" if f.kind == "restated" else "")
                 for o, d, s, t in zip(f.offsets, f.doc_dates, f.sentences, f.texts)]
        table.add_row(f.kind, Text(f.verdict, style=VERDICT_STYLE.get(f.verdict, "")), f.explanation,
                      "\n".join(lines))
    summary = checked.summary()
    if len(rows) < checked.total:
        summary += f" ({checked.total - len(rows)} more in factchecks.csv)"
    return Group(table, Text(summary))


def check_command(
    output: Path = typer.Option(Path("outputs"), "-o", "--output",
                                help="Output folder of a run (its figures and documents tables)."),
) -> None:
    """Fact-check a run: totals against their breakdowns, the same fact stated twice."""
    from rich.console import Console

    if not ((output / "figures.parquet").exists() or (output / "figures.csv").exists()):
        Console(stderr=True).print(f"[red]No figures table in[/red] {output}; run `vnextract run` first.")
        raise typer.Exit(2)
    Console().print(format_findings(check(output, keep=SHOWN), limit=SHOWN))
