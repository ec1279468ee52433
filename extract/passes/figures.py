"""Figures: every number that quantifies something, with value, unit, what, qualifier.

The pass reads one tokenised ``Doc`` (or a bare string, see :func:`parse_figures`):

1. spans that contain digits but are not figures are *claimed* first — URLs,
   document numbers, dates and datelines, years, clock times, ordinals, numbered
   names, phone numbers, page counts, tyre sizes, the one-stop office "1 cửa"
   (``data/not_figures.jsonl``, in priority order) and the text inside quotation
   marks (digits in the names of models and campaigns, "5 không, 3 sạch");
2. every other number (``extract.numbers.find_numbers``) becomes a figure when it
   is a ratio (``17/17 xã, phường``), is followed by a unit (``data/units.json``)
   or by a counted noun (``data/counted_nouns.json``, or any word that is not a
   function word), comes after a currency (``$10``, ``USD 10``), or carries a
   scale word with no unit (``trên 45 tỷ`` = VND).  With ``spelled=True`` a lone
   "một", "năm", "không" counts only before a unit ("năm ki lô mét", not "năm nay");
3. the qualifier is the hedge just before it, or around it (``từ 60 tuổi trở lên``;
   ``data/qualifiers.json``), a rate's divisor goes in ``per`` (``500.000đ/tháng``),
   a range keeps ``value_max`` (``50-55 tạ/ha``, ``từ 1000 VNĐ tới 2000 VNĐ``), and
   cents or a half after a currency are added (``2 đô la và 23 xu``, ``hai đô rưỡi``).

Sets ``doc.spans["figures"]`` when given a ``Doc``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

import regex

from ..hinted import Hinted, hinted
from ..numbers import AMBIGUOUS_ALONE, NumberSpan, digits_value, find_numbers, parse_number
from ..numbers import LEXICON as NUMBER_WORDS
from ..records import Figure
from ..lexicons import load_data
from ..tokenise import doc_sentences, doc_text, doc_words

SPACE = r"[ \t\u00a0]*"
_SPACE_RE = regex.compile(SPACE)
_WORD_RE = regex.compile(r"\p{L}+(?:[ \u00a0]\p{L}+)*")
_RANGE_SEP = regex.compile(r"""  # between the two ends of a range
    [ \t\u00a0]*
    (?: [-–—]      # a dash
      | đến | tới  # "to", "up to"
      | ~ )        # a tilde
    [ \t\u00a0]*
""", regex.VERBOSE)
_RATIO_SEP = regex.compile(r"[ \t\u00a0]?/[ \t\u00a0]?")
_PER = regex.compile(r"[ \t\u00a0]?/[ \t\u00a0]?(?:1[ \t\u00a0]?)?(\p{L}+(?:[ \u00a0]?/[ \u00a0]?\p{L}+)*)")
_CLAUSE_BREAK = regex.compile(r"[.;:!?\n()]")


@dataclass(frozen=True)
class UnitEntry:
    surface: str
    unit: str
    factor: float
    currency: str | None = None
    canonical: str | None = None  # the surface_unit of every spelling ("ki lô mét trên giờ" → "km/h")
    minor: bool = False  # the currency has cents ("2 đô la và 23 xu")
    any_case: bool = False  # a surface of two or more words ("bảng Anh") matches in any case

    @property
    def key(self) -> str:
        return self.surface.lower() if self.any_case else self.surface

    @property
    def surface_unit(self) -> str | None:
        if self.currency and self.unit == "other":  # đồng keeps unit "VND" and no surface_unit
            return self.currency
        if self.canonical:
            return self.canonical
        return self.surface if self.factor != 1 or self.unit == "other" else None

    def same_unit(self, other: "UnitEntry") -> bool:
        return (self.unit, self.factor, self.surface_unit) == (other.unit, other.factor, other.surface_unit)


@dataclass(frozen=True)
class Lexicon:
    """Every word list the pass uses, loaded once from ``extract/data``."""

    units: tuple[UnitEntry, ...]  # longest surface first
    prefixes: tuple[tuple[str, UnitEntry], ...]  # currencies written before the amount, longest first
    minor_units: tuple[str, ...]  # "xu", "xen", "cent": the cents of a currency with ``minor``
    compounds: dict[str, frozenset[str]]  # unit surface → next syllables that make another word ("độ tuổi")
    nouns: tuple[tuple[str, str], ...]  # (surface, unit) longest first
    qualifiers: tuple[tuple[str, str], ...]  # (surface, qualifier) longest first
    frames: tuple[tuple[str, str, str], ...]  # (before, after, qualifier): "từ … trở lên"
    not_counted: frozenset[str]
    attribute_nouns: tuple[str, ...]
    rules: tuple[tuple[str, regex.Pattern, tuple[str, ...]], ...]  # (id, pattern, strings one of which must occur)
    units_by_first: dict[str, tuple[UnitEntry, ...]] = field(default_factory=dict)  # first char, lower case → units
    nouns_by_first: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def _by_first(items, surface_of) -> dict[str, tuple]:
    """Group longest-first items by the lower-cased first character of their surface."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(surface_of(item)[:1].lower(), []).append(item)
    return {first: tuple(group) for first, group in groups.items()}


_data = load_data


def _unit_entries(entry: dict) -> list[UnitEntry]:
    """One ``UnitEntry`` per surface of a ``units.json`` entry."""
    return [
        UnitEntry(surface, entry["unit"], float(entry["factor"]), entry.get("currency"), entry.get("canonical"),
                  bool(entry.get("minor")), " " in surface)
        for surface in entry["surfaces"]
    ]


# A pattern that opens with lookbehinds and then a case-insensitive list of plain words.
_LEADING_WORDS = regex.compile(r"(?:\(\?<[!=](?:[^()]|\([^()]*\))*\))*\(\?i:(?P<words>[^()\\[\]{}*+?.^$]+)\)")


def _claim_pattern(rule: dict) -> regex.Pattern | Hinted:
    """The rule's pattern; with a ``"hint"``, searched only where it can start (see
    hinted.py; ``tests/test_hinted.py`` checks that both find the same):
    ``"leading_words"`` where one of the words of its leading ``(?i:…)`` list starts,
    ``"digit"`` where a digit starts; ``"hint_then"`` is what must follow the word."""
    source, hint = rule["pattern"], rule.get("hint")
    if hint is None:
        return regex.compile(source)
    if hint == "digit":
        return hinted(source, (), extra=r"\d")
    lead = _LEADING_WORDS.match(source)
    if hint != "leading_words" or not lead:
        raise ValueError(f"not_figures.jsonl, rule {rule['id']}: hint {hint!r} does not fit the pattern")
    return hinted(source, lead["words"].split("|"), then=rule.get("hint_then", ""))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    units_data = _data("units.json")
    units = [unit for entry in units_data["units"] for unit in _unit_entries(entry)]
    prefixes = [
        (before, _unit_entries(entry)[0]) for entry in units_data["units"] for before in entry.get("before", ())
    ]
    nouns_data = _data("counted_nouns.json")
    nouns = [(s, unit) for unit, words in nouns_data.items() if not unit.startswith("_") for s in words]
    quals = [(s, q) for q, words in _data("qualifiers.json").items() if not q.startswith("_") for s in words]
    frames = [(*(part.strip() for part in s.split("…")), q) for s, q in quals if "…" in s]
    quals = [(s, q) for s, q in quals if "…" not in s]
    words = _data("figure_words.json")
    rules = tuple(
        (rule["id"], _claim_pattern(rule), tuple(rule.get("requires", ())))
        for rule in _data("not_figures.jsonl") if "pattern" in rule
    )
    return Lexicon(
        units=tuple(sorted(units, key=lambda u: -len(u.surface))),
        prefixes=tuple(sorted(prefixes, key=lambda p: -len(p[0]))),
        minor_units=tuple(sorted(units_data.get("minor_units", ()), key=len, reverse=True)),
        compounds={surface: frozenset(after) for surface, after in units_data.get("compounds", {}).items()},
        nouns=tuple(sorted(nouns, key=lambda n: -len(n[0]))),
        qualifiers=tuple(sorted(quals, key=lambda q: -len(q[0]))),
        frames=tuple(frames),
        not_counted=frozenset(w.casefold() for w in words["not_counted"]),
        attribute_nouns=tuple(sorted(words["attribute_nouns"], key=len, reverse=True)),
        rules=rules,
        units_by_first=_by_first(sorted(units, key=lambda u: -len(u.surface)), lambda u: u.surface),
        nouns_by_first=_by_first(sorted(nouns, key=lambda n: -len(n[0])), lambda n: n[0]),
    )


# --------------------------------------------------------------------------- claims


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Text inside quotation marks (names of models and campaigns).

    Curly quotes pair “…”; straight quotes pair "…" within a line.  An unclosed
    quote ends at the next opening quote, an ellipsis, a sentence end followed by
    a capital, or the end of the line (seed 000's unclosed model name).
    """
    spans = []
    pos = 0
    while True:
        m = _OPEN_QUOTE.search(text, pos)
        if not m:
            return spans
        close = "”" if m.group() == "“" else '"'
        found = _QUOTE_END[close].search(text, m.end())
        end = found.start() if found else len(text)
        spans.append((m.end(), end))
        pos = end + 1 if found and found.group() == close else max(end, m.end())


_OPEN_QUOTE = regex.compile(r'[“"]')
_QUOTE_END = {
    close: regex.compile(regex.escape(close) + r"|“|\n|…|\.\.\.|[.!?](?=\s+\p{Lu})")
    for close in ("”", '"')
}


_DIGIT_RUN = regex.compile(r"[0-9]+")
_PLAIN_TOKEN = regex.compile(r"\p{L}+|\d+(?:[.,]\d+)*|\S")  # tokens of a string without a Doc
_PLAIN_SENTENCE = regex.compile(r"[^\n.!?…]+(?:[.!?…]+|$)")
_FREQUENCY_WORD = regex.compile(r"""  # "mỗi năm", "hằng tháng" at the end: a frequency
    (?i: mỗi | hằng | hàng | mỗi\ một )   # each, every, every, each single
    \s+ (\p{L}+) [ \t\u00a0]* $          # the period word
""", regex.VERBOSE)
CLAIM_REACH = (80, 40)  # a claim holding a number starts at most 80 characters before it, ends 40 after


def digit_windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around the digits: claims only matter where a number is."""
    windows: list[list[int]] = []
    before, after = CLAIM_REACH
    for m in _DIGIT_RUN.finditer(text):
        start, end = max(0, m.start() - before), min(len(text), m.end() + after)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [(a, b) for a, b in windows]


def claimed_spans(text: str, extra: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """Spans whose numbers are not figures: the rules of ``not_figures.jsonl`` and quoted names.

    Rules run only on the stretches around digits (a rule's match covers a number only
    if it starts within ``CLAIM_REACH``); web addresses, which can be longer, on all of it.
    """
    spans = list(extra)
    windows = digit_windows(text)
    for rule_id, pattern, requires in lexicon().rules:
        if requires and not any(r in text for r in requires):
            continue
        ranges = [(0, len(text))] if rule_id == "url" else windows
        if isinstance(pattern, Hinted):
            spans.extend(m.span() for m in pattern.finditer_in(text, ranges))
        else:
            spans.extend(m.span() for start, end in ranges for m in pattern.finditer(text, start, end))
    spans.extend(quoted_spans(text))
    return spans


class _Claims:
    """Fast 'is this offset claimed?' over a sorted, merged list of spans."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(s for s in spans if s[1] > s[0]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end and self.starts[i] <= start


# --------------------------------------------------------------------------- matching helpers


def _word_end_ok(text: str, end: int) -> bool:
    """A unit or noun must not run on into a letter or digit ("m" of "mô", "ha" of "hai")."""
    return end >= len(text) or not (text[end].isalnum())


def _match_unit(text: str, pos: int) -> UnitEntry | None:
    """The longest unit at ``pos``; multi-word spoken surfaces in any case, others as written.

    Not a surface that starts a longer word ("3 độ tuổi", "5 ký tự"; ``compounds`` in units.json).
    """
    compounds = lexicon().compounds
    for entry in lexicon().units_by_first.get(text[pos : pos + 1].lower(), ()):
        end = pos + len(entry.surface)
        found = text[pos:end].lower() == entry.key if entry.any_case else text.startswith(entry.surface, pos)
        if found and _word_end_ok(text, end):
            following = _NEXT_SYLLABLE.match(text, end) if entry.surface in compounds else None
            if following and following.group(1).lower() in compounds[entry.surface]:
                continue
            return entry
    return None


_NEXT_SYLLABLE = regex.compile(r"[ \t\u00a0]+(\p{L}+)")


def _match_noun(text: str, pos: int) -> tuple[str, str] | None:
    """(surface, unit) of a known counted noun at ``pos``, longest first."""
    lowered = text[pos : pos + 40].casefold()
    for surface, unit in lexicon().nouns_by_first.get(lowered[:1], ()):
        if lowered.startswith(surface) and _word_end_ok(text, pos + len(surface)):
            return text[pos : pos + len(surface)], unit
    return None


def _skip_space(text: str, pos: int) -> int:
    return _SPACE_RE.match(text, pos).end()


def _qualifier_before(text: str, start: int) -> tuple[str, int]:
    """The hedge word(s) right before ``start``: (qualifier, new start)."""
    window = text[max(0, start - 25) : start]
    stripped = window.rstrip(" \t\u00a0")
    folded = stripped.casefold()
    for surface, qualifier in lexicon().qualifiers:
        if folded.endswith(surface):
            begin = len(stripped) - len(surface)
            if begin == 0 or not stripped[begin - 1].isalnum():
                return qualifier, start - len(window) + begin
    return "exact", start


class _Words:
    """Word tokens (underthesea words when a Doc is given) indexed by offset."""

    def __init__(self, text: str, doc=None):
        if doc is not None:
            tokens = doc_words(doc)
        else:
            tokens = [m.span() for m in _PLAIN_TOKEN.finditer(text)]
        self.text = text
        self.spans = tokens
        self.starts = [s for s, _ in tokens]

    def at(self, pos: int) -> str | None:
        """The word starting at ``pos``; inside a word (underthesea joins "18.080 bộ"), its rest."""
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return None
        s, e = self.spans[i]
        if s == pos:
            return self.text[s:e]
        return self.text[pos:e] if pos < e else None

    def before(self, pos: int, n: int) -> list[tuple[int, int]]:
        i = bisect_right(self.starts, pos - 1) - 1
        out = []
        while i >= 0 and len(out) < n:
            s, e = self.spans[i]
            if e <= pos:
                out.append((s, e))
            i -= 1
        return out[::-1]


def _counted_word(text: str, pos: int, words: _Words) -> tuple[str, str] | None:
    """The counted head noun at ``pos``: (surface, unit) or None for a function word."""
    known = _match_noun(text, pos)
    token = words.at(pos) or ""
    if known and len(known[0]) >= len(token):
        return known
    if not token or not _WORD_RE.fullmatch(token):
        return None
    if token.casefold() in lexicon().not_counted or token.split()[0].casefold() in lexicon().not_counted:
        return None
    if token[0].isupper() and not token.isupper() and " " in token:
        return None  # a proper name ("Việt Nam 1", "Hồng Lĩnh 2") is not a counted thing
    return token, "count"


# --------------------------------------------------------------------------- the pass


def find_figures(
    text: str,
    doc=None,
    *,
    spelled: bool = False,
    claimed: tuple[tuple[int, int], ...] = (),
    doc_id: str | None = None,
) -> list[Figure]:
    """All figures of ``text`` (the ``doc``'s text when a Doc is given)."""
    spans = claimed_spans(text, claimed)
    claims = _Claims(spans)
    words = _Words(text, doc)
    sentences = _sentence_bounds(text, doc)
    sentence_starts = [start for start, _ in sentences]
    # spelled: keep lone "một", "năm", "không" too; _unit_or_noun keeps them only before a unit
    found = find_numbers(text, spelled=spelled, keep_ambiguous=spelled)
    numbers = [n for n in found if not claims.covers(n.start, n.end)] + _glued_amounts(text, spans)
    numbers.sort(key=lambda n: n.start)
    if spelled:
        numbers = _spoken_numbers(text, numbers)
    figures: list[Figure] = []
    consumed_to = -1
    i = 0
    while i < len(numbers):
        number = numbers[i]
        if number.start < consumed_to:
            i += 1
            continue
        figure, used = _figure_at(text, numbers, i, words)
        if figure is not None:
            figure.sentence = _sentence_of(text, sentences, sentence_starts, figure.char_start)
            figure.doc_id = doc_id
            figure.id = f"{doc_id or 'text'}:fig:{len(figures) + 1}"
            figures.append(figure)
            consumed_to = figure.char_end
        i += used
    return figures


class _Head(NamedTuple):
    """What a number counts: its unit (``entry`` when from units.json) or counted noun (``what``)."""

    unit: str
    factor: float
    surface_unit: str | None
    what: str | None
    end: int
    entry: UnitEntry | None = None


def _figure_at(text: str, numbers: list[NumberSpan], i: int, words: _Words) -> tuple[Figure | None, int]:
    """Read the figure starting at ``numbers[i]``; returns (figure or None, numbers used)."""
    number = numbers[i]
    prefix = _currency_before(text, number.start)
    if prefix is None and _glued_before(text, number.start):
        return None, 1
    pos = number.end
    after = _skip_space(text, pos)
    nxt = numbers[i + 1] if i + 1 < len(numbers) else None

    ratio = _RATIO_SEP.match(text, pos)
    if (prefix is None and ratio and nxt is not None and nxt.start == ratio.end()
            and number.kind == nxt.kind == "digits"):
        return _ratio(text, number, nxt, words), 2

    value_max = None
    used = 1
    sep_end = _range_sep(text, pos, number.start)
    if (sep_end is not None and nxt is not None and nxt.value > number.value and not number.scaled
            and not _lone_ambiguous(number)  # "không tới 7000 đồng" is not 0 to 7000
            and (nxt.start == sep_end or (prefix and _currency_before(text, nxt.start) == (prefix[0], sep_end)))):
        value_max, pos, used = nxt.value, nxt.end, 2
        number = _scaled_like(number, nxt)
        after = _skip_space(text, pos)

    if prefix:
        head = _Head(prefix[0].unit, prefix[0].factor, prefix[0].surface_unit, None, pos, prefix[0])
    else:
        head = _unit_or_noun(text, after, words, number)
    if head is None:
        return None, 1
    value, end = number.value, head.end
    if head.entry is not None and not prefix:
        if value_max is None and (repeated := _range_of_units(text, numbers, i, head.entry, end)):
            value_max, end = repeated
        elif value_max is None:
            extra, end = _part_after(text, numbers, i, head.entry, end)
            value += extra
    per = None
    per_match = _PER.match(text, end)
    if per_match and head.unit not in ("ratio",):
        per, end = per_match.group(1), per_match.end()
    qualifier, start = _qualifier_before(text, prefix[1] if prefix else number.start)
    if value_max is not None:
        qualifier = "approx"
    elif qualifier == "exact" and (frame := _qualifier_frame(text, start, end)):
        qualifier, start, end = frame
    per = per or _frequency_before(text, start)
    figure = Figure(
        text=text[start:end],
        value=_tidy(value * head.factor),
        unit=head.unit,
        char_start=start,
        char_end=end,
        what=head.what or _what_around(text, start, end, words),
        qualifier=qualifier,
        per=per,
        value_max=_tidy(value_max * head.factor) if value_max is not None else None,
        surface_unit=head.surface_unit,
        currency=_currency(head),
    )
    return figure, used


def _currency(head: _Head) -> str | None:
    """ISO 4217 code of a sum of money: the unit entry's ``currency``; VND for "trên 45 tỷ"."""
    if head.entry is not None and head.entry.currency:
        return head.entry.currency
    return "VND" if head.unit == "VND" else None


def _unit_or_noun(text: str, pos: int, words: _Words, number: NumberSpan) -> _Head | None:
    """The unit or counted noun after a number, or None when nothing is counted."""
    entry = _match_unit(text, pos)
    noun = _counted_word(text, pos, words)
    if entry and not (noun and len(noun[0]) > len(entry.surface)):
        return _Head(entry.unit, entry.factor, entry.surface_unit, None, pos + len(entry.surface), entry)
    if _lone_ambiguous(number):
        return None  # "một số", "năm nay", "không có": a lone ambiguous word counts only before a unit
    if noun:
        surface, unit = noun
        return _Head(unit, 1.0, None, surface, pos + len(surface))
    if number.scaled and number.text.split()[-1].casefold() in ("triệu", "tỷ", "tỉ"):
        return _Head("VND", 1.0, None, None, number.end)  # "trên 45 tỷ": money with its currency word left out
    return None


def _lone_ambiguous(number: NumberSpan) -> bool:
    """A lone "một", "năm", "không", "tư" (kept by find_numbers only in spelled mode)."""
    return number.kind == "words" and number.text.lower() in AMBIGUOUS_ALONE


# --------------------------------------------------------------------------- currencies, ranges, frames

_AMOUNT_JUST_BEFORE = regex.compile(r"\d[ \t\u00a0]?\Z")
_BETWEEN_BEFORE = regex.compile(r"""
    (?<![\p{L}\d]) (?i: giữa ) [ \t\u00a0]+ \Z   # "giữa" (between) right before
""", regex.VERBOSE)
_AND_SEP = regex.compile(r"""
    [ \t\u00a0]+ và [ \t\u00a0]+   # "và" (and)
""", regex.VERBOSE)
_CENTS_GAP = regex.compile(r"""
    [ \t\u00a0]+ ( và [ \t\u00a0]+ )?   # spaces, then maybe "và" (and)
""", regex.VERBOSE)
_HALF_AFTER = regex.compile(r"""
    [ \t\u00a0]+ rưỡi (?![\p{L}\d])   # "rưỡi" (and a half)
""", regex.VERBOSE)
_CLAUSE_END = regex.compile(r"[ \t\u00a0]*(?:\Z|[^\p{L}\p{N}\s])")


def _currency_before(text: str, start: int) -> tuple[UnitEntry, int] | None:
    """A currency written before its amount, glued or one space before ("$10", "USD 10", "Rs. 20", "VND1000").

    Returns (entry, where the currency starts).  Not when an amount comes just
    before the currency ("5 USD 10 sản phẩm": USD belongs to 5).
    """
    stop = start - 1 if start and text[start - 1] in " \u00a0" else start
    for surface, entry in lexicon().prefixes:
        begin = stop - len(surface)
        if begin < 0 or not text.startswith(surface, begin) or (begin and text[begin - 1].isalnum()):
            continue
        if _AMOUNT_JUST_BEFORE.search(text, max(0, begin - 2), begin):
            return None
        return entry, begin
    return None


@lru_cache(maxsize=1)
def _glued_pattern() -> regex.Pattern:
    codes = [surface for surface, _ in lexicon().prefixes if surface[-1].isalpha()]
    alternatives = "|".join(regex.escape(code) for code in codes)
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{alternatives})(?P<amount>\d+(?:[.,]\d+)*)(?![\p{{L}}\d])")


def _glued_amounts(text: str, claimed: list[tuple[int, int]]) -> list[NumberSpan]:
    """Amounts glued after a currency code ("USD1,23", "GBP3,01", "VND1000"), which find_numbers reads as a word.

    The claim on code plus digits ("letters_glued", as for "F0") is ignored; any other claim holds.
    """
    spans = []
    for m in _glued_pattern().finditer(text):
        start, end = m.span("amount")
        value = digits_value(m.group("amount"))
        if value is None or any(s <= start and end <= e for s, e in claimed if not (s == m.start() and e <= end)):
            continue
        spans.append(NumberSpan(start, end, m.group("amount"), float(value), "digits", False))
    return spans


def _spoken_numbers(text: str, numbers: list[NumberSpan]) -> list[NumberSpan]:
    """Spelled mode: join "2 chấm 23", "hai phẩy 23" (a decimal read with digits on one side) into one
    number, and drop the denominator of a spoken fraction ("ba phần tư mét" is not 4 m)."""
    joined: list[NumberSpan] = []
    for number in numbers:
        prev = joined[-1] if joined else None
        if prev is not None and not prev.scaled and _SPOKEN_POINT.fullmatch(text, prev.end, number.start):
            value = parse_number(text[prev.start : number.end])
            if value is not None:
                joined[-1] = NumberSpan(prev.start, number.end, text[prev.start : number.end], value, "words",
                                        number.scaled)
                continue
        if prev is not None and number.kind == "words" and _SPOKEN_BAR.fullmatch(text, prev.end, number.start):
            continue  # the denominator of "ba phần tư"
        joined.append(number)
    return joined


_SPOKEN_BAR = regex.compile(r"""
    [ \t\u00a0]+ (?i: phần ) [ \t\u00a0]+   # "phần" (over, in "ba phần tư": three quarters)
""", regex.VERBOSE)
_SPOKEN_POINT = regex.compile(r"""
    [ \t\u00a0]+ (?i: phẩy | chấm ) [ \t\u00a0]+   # "phẩy" (comma), "chấm" (dot): a spoken decimal point
""", regex.VERBOSE)


def _range_sep(text: str, pos: int, number_start: int) -> int | None:
    """End of a range separator at ``pos``: "-", "đến", "tới", "~"; "và" after "giữa" ("giữa 1000 và 2000")."""
    if m := _RANGE_SEP.match(text, pos):
        return m.end()
    if (m := _AND_SEP.match(text, pos)) and _BETWEEN_BEFORE.search(text, max(0, number_start - 10), number_start):
        return m.end()
    return None


def _scaled_like(low: NumberSpan, high: NumberSpan) -> NumberSpan:
    """"từ 2 đến 3 triệu đồng", "300 - 500 tỷ": the low end takes the scale word of the high end."""
    if low.scaled or not high.scaled:
        return low
    multiplier = 1
    for word in reversed(high.text.lower().split()):
        if word not in NUMBER_WORDS.scales:
            break
        multiplier *= NUMBER_WORDS.scales[word]
    if multiplier == 1 or low.value * multiplier >= high.value:
        return low
    return replace(low, value=low.value * multiplier, scaled=True)


def _number_at(numbers: list[NumberSpan], i: int, pos: int) -> NumberSpan | None:
    """The number after ``numbers[i]`` that starts exactly at ``pos``."""
    for number in numbers[i + 1 :]:
        if number.start >= pos:
            return number if number.start == pos else None
    return None


def _range_of_units(text: str, numbers, i: int, entry: UnitEntry, end: int) -> tuple[float, int] | None:
    """The unit said twice: "từ 1000 VNĐ tới 2000 VNĐ", "giữa 1000 đồng và 2000 đồng" → (high, new end)."""
    sep_end = _range_sep(text, end, numbers[i].start)
    high = _number_at(numbers, i, sep_end) if sep_end is not None else None
    if high is None or high.value <= numbers[i].value:
        return None
    unit_at = _skip_space(text, high.end)
    again = _match_unit(text, unit_at)
    if again is None or not again.same_unit(entry):
        return None
    return high.value, unit_at + len(again.surface)


def _part_after(text: str, numbers, i: int, entry: UnitEntry, end: int) -> tuple[float, int]:
    """A half or cents after the unit: "hai đô rưỡi" +0.5, "2 đô la và 23 xu", "hai đô 23" +0.23.

    Returns (value to add, new end).  Cents need a currency with ``minor``, a
    whole number before them, and either a cents word or the end of the clause
    after them ("hai đô 23 người" is not 2.23).
    """
    number = numbers[i]
    if number.value != int(number.value) or number.scaled:
        return 0.0, end
    if half := _HALF_AFTER.match(text, end):
        return 0.5, half.end()
    gap = _CENTS_GAP.match(text, end)
    cents = _number_at(numbers, i, gap.end()) if entry.minor and gap else None
    if cents is None or cents.scaled or cents.value != int(cents.value) or not 0 < cents.value < 100:
        return 0.0, end
    word_at = _skip_space(text, cents.end)
    word = next((w for w in lexicon().minor_units
                 if text[word_at : word_at + len(w)].lower() == w and _word_end_ok(text, word_at + len(w))), None)
    if word:
        return cents.value / 100, word_at + len(word)
    if gap.group(1) is None and _CLAUSE_END.match(text, cents.end):
        return cents.value / 100, cents.end
    return 0.0, end


@lru_cache(maxsize=1)
def _frame_patterns() -> tuple[tuple[regex.Pattern, regex.Pattern, str], ...]:
    space = r"[ \t\u00a0]+"
    return tuple(
        (regex.compile(rf"(?<![\p{{L}}\d])(?i:{regex.escape(before)}){space}\Z"),
         regex.compile(rf"{space}(?i:{regex.escape(after)})(?![\p{{L}}\d])"), qualifier)
        for before, after, qualifier in lexicon().frames
    )


def _qualifier_frame(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """A qualifier written around the figure: "từ 60 tuổi trở lên" → (at_least, new start, new end)."""
    for before, after, qualifier in _frame_patterns():
        head = before.search(text, max(0, start - 20), start)
        tail = after.match(text, end)
        if head and tail:
            return qualifier, head.start(), tail.end()
    return None


def _ratio(text: str, num: NumberSpan, den: NumberSpan, words: _Words) -> Figure | None:
    after = _skip_space(text, den.end)
    noun = _counted_word(text, after, words)
    if noun is None and num.value <= 31 and 1 <= den.value <= 12:
        return None  # "22/12" with nothing counted is a day/month
    if den.value == 0:
        return None
    qualifier, start = _qualifier_before(text, num.start)
    end = after + len(noun[0]) if noun else den.end
    return Figure(
        text=text[start:end],
        value=num.value / den.value,
        unit="ratio",
        char_start=start,
        char_end=end,
        what=noun[0] if noun else None,
        qualifier=qualifier,
        numerator=num.value,
        denominator=den.value,
    )


def _glued_before(text: str, start: int) -> bool:
    """A number glued after a letter, or after a digit and slash/hyphen, is part of something else."""
    if start == 0:
        return False
    prev = text[start - 1]
    if prev.isalpha():
        return True
    return prev in "/-." and start >= 2 and text[start - 2].isdigit()


def _frequency_before(text: str, start: int) -> str | None:
    """'mỗi tháng 2 đợt', 'hàng năm 3 lần' → per 'tháng' / 'năm'."""
    m = _FREQUENCY_WORD.search(text[max(0, start - 30) : start])
    return m.group(1) if m else None


def _what_around(text: str, start: int, end: int, words: _Words) -> str | None:
    """What a measure measures: an attribute noun earlier in the clause, else the words after it."""
    clause_start = start
    while clause_start > 0 and not _CLAUSE_BREAK.match(text, clause_start - 1) and start - clause_start < 120:
        clause_start -= 1
    clause = _without_quoted(text[clause_start:start]).casefold()
    best = None
    for noun in lexicon().attribute_nouns:
        at = clause.rfind(noun)
        if at >= 0 and (best is None or at > best[0]) and _word_end_ok(clause, at + len(noun)):
            best = (at, noun)
    if best:
        return text[clause_start + best[0] : clause_start + best[0] + len(best[1])]
    following = _following_words(text, end, words)
    if following:
        return following
    return _preceding_words(text, start, clause_start, words)


def _without_quoted(clause: str) -> str:
    """The clause with the text inside quotation marks blanked (same length): a model's name
    ("mô hình “Con đường hoa” dài 2 km") lends no attribute noun to a figure after it."""
    for begin, finish in quoted_spans(clause):
        clause = clause[:begin] + " " * (finish - begin) + clause[finish:]
    return clause


def _following_words(text: str, pos: int, words: _Words, limit: int = 3) -> str | None:
    pos = _skip_space(text, pos)
    found = []
    while len(found) < limit:
        token = words.at(pos)
        if not token or not _WORD_RE.fullmatch(token):
            break
        if token.casefold() in lexicon().not_counted:
            if found or token.casefold() != "số":
                break
        else:
            found.append(token)
        pos = _skip_space(text, pos + len(token))
    return " ".join(found) or None


def _preceding_words(text: str, start: int, clause_start: int, words: _Words, limit: int = 3) -> str | None:
    spans = [s for s in words.before(start, 6) if s[0] >= clause_start]
    picked = []
    for s, e in reversed(spans):
        token = text[s:e]
        if not _WORD_RE.fullmatch(token):
            break
        if token.casefold() in lexicon().not_counted:
            if picked:
                break
            continue
        picked.insert(0, token)
        if len(picked) == limit:
            break
    return " ".join(picked) or None


def _sentence_bounds(text: str, doc) -> list[tuple[int, int]]:
    if doc is not None:
        return doc_sentences(doc)
    return [m.span() for m in _PLAIN_SENTENCE.finditer(text)]


def _sentence_of(text: str, bounds: list[tuple[int, int]], starts: list[int], offset: int) -> str | None:
    i = bisect_right(starts, offset) - 1
    if i >= 0:
        s, e = bounds[i]
        return text[s:e].strip()
    return None


def _tidy(value: float | None) -> float | None:
    """Round away binary noise from scaling (44 × 0.1 = 4.4, not 4.4000000000000004)."""
    return None if value is None else float(round(value, 9))


def figures_component(doc, *, spelled: bool = False, claimed=(), doc_id=None) -> list[Figure]:
    """Run the pass on a Doc and set ``doc.spans["figures"]`` (label = unit)."""
    figures = find_figures(doc_text(doc), doc, spelled=spelled, claimed=claimed, doc_id=doc_id)
    spans = []
    for fig in figures:
        span = doc.char_span(fig.char_start, fig.char_end, label=fig.unit, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["figures"] = spans
    return figures


def parse_figures(text: str, spelled: bool = False) -> list[Figure]:
    """The figures of a bare string (tokenised with underthesea, as in the pipeline).

    >>> [(f.text, f.value, f.unit) for f in parse_figures("hiến 1.155,3m² đất, 2.408 ngày công")]
    [('1.155,3m²', 1155.3, 'm2'), ('2.408 ngày công', 2408.0, 'day')]
    >>> f = parse_figures("gần 2 tỷ đồng")[0]
    >>> (f.value, f.unit, f.qualifier)
    (2000000000.0, 'VND', 'approx')
    """
    from ..tokenise import tokenise

    return find_figures(text, tokenise(text), spelled=spelled)
