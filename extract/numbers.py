"""Vietnamese numbers: parse one whole string, or find every number in running text.

Two entry points:

* ``parse_number(text)`` reads a whole string — digits in Vietnamese format
  ("1.155,3"), digits with scale words ("18.827 triệu"), number words
  ("hai mươi mốt nghìn không trăm mười một") or a mix ("0,2 triệu") — and
  returns its value, or ``None`` when the string is not exactly one number.
* ``find_numbers(text)`` scans running text and returns every number as a
  ``NumberSpan`` with offsets into the text.  It only finds numbers; whether
  a number is a figure, a date or a document number is decided later by the
  figures pass.

The word vocabulary lives in ``extract/data/number_words.json`` (with its
source note).  Digits follow Vietnamese orthography: ``.`` groups thousands,
``,`` is the decimal mark, and ``babel`` (strict, locale ``vi``) gives the
value, so "1.155.3" or "310.5" is never read as a wrong number.

Word grammar, in short (see the data file for which digit word may stand where):

* a group below a thousand: ``[digit trăm] [linh|lẻ digit | mười [unit] |
  digit mươi [unit] | digit chục]``, plus the colloquial pair "bốn ba" = 43
  and the ellipsis "một trăm hai" = 120;
* scales nghìn/ngàn (10³), vạn (10⁴), triệu (10⁶), tỷ/tỉ (10⁹) multiply
  everything before them that is smaller ("một nghìn tỷ" = 10¹²) and stack
  ("một tỷ tỷ" = 10¹⁸); a lone digit after a scale is a tenth of it
  ("một triệu hai" = 1 200 000) and "rưỡi" is a half ("năm ngàn rưỡi" = 5500);
* "phẩy"/"chấm" is the decimal point, digits after it are read one by one,
  and scale words after them scale the whole decimal ("không phẩy hai triệu");
* "âm"/"trừ" or a leading minus sign negate a whole string (``parse_number``
  only; ``find_numbers`` never reads signs, because in reports "-" is mostly a
  bullet or a range dash).
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex
from babel import Locale
from babel.numbers import NumberFormatError, parse_decimal

from .lexicons import load_data

NUMBER_WORDS_FILE = "number_words.json"  # under data/

# Longest token sequence read as one number.  The longest reading in the peer
# suites ("1111111111111111" in words) is 27 tokens; the cap keeps the parser
# linear on adversarial input.
MAX_TOKENS = 48
# At most this many scale words stacked after digits ("1 tỷ tỷ").
MAX_STACKED_SCALES = 3
# At most this many scale words in one spelled number (the longest peer reading has 5).
MAX_SCALES = 8
# At most this many words between two scale words ("chín trăm chín mươi chín").
MAX_GROUP_WORDS = 5

_VI = Locale.parse("vi")
_VI_NUMBER = regex.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?")
_PLAIN_DIGITS = regex.compile(r"[0-9]+")
_BETWEEN_DOTS = regex.compile(r"[0-9]+(?:,[0-9]+)*")
# A word (letters, optionally with digits glued after them: "m2", "km2", "F0")
# or a run of digits with separators between digits ("1.155,3", "2.1").
# Glued words are consumed whole so the "2" of "m2" is never a number.
_TOKEN = regex.compile(
    r"(?P<word>[\p{L}\p{M}]+(?:[0-9][\p{L}\p{M}0-9]*(?:[.,][0-9]+)*)?)"
    r"|(?P<num>[0-9]+(?:[.,][0-9]+)*)"
)
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(frozen=True)
class NumberSpan:
    """One number found in running text, with its surface next to its value."""

    start: int
    end: int
    text: str  # text[start:end]
    value: float
    kind: str  # "digits" | "words"
    scaled: bool  # a multiplier word (nghìn/ngàn/vạn/triệu/tỷ/tỉ) was applied


# --------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    digits: dict[str, int]
    positions: dict[str, frozenset[str]]
    ten: frozenset[str]
    tens_marker: frozenset[str]
    dozen: frozenset[str]
    hundred: frozenset[str]
    scales: dict[str, int]
    zero_filler: frozenset[str]
    half: frozenset[str]
    decimal_point: frozenset[str]
    negative: frozenset[str]
    minus_signs: frozenset[str]
    ambiguous_alone: frozenset[str]
    scale_compounds: dict[str, frozenset[str]]

    @property
    def spelled_vocabulary(self) -> frozenset[str]:
        """Words that can be part of a spelled number in running text (no signs)."""
        return frozenset(self.digits).union(
            self.ten, self.tens_marker, self.dozen, self.hundred, self.scales,
            self.zero_filler, self.half, self.decimal_point,
        )


def load_lexicon() -> _Lexicon:
    """Read ``number_words.json`` and check it (see ``check_lexicon``)."""
    raw = load_data(NUMBER_WORDS_FILE)
    words = {k: frozenset(raw[k]) for k in (
        "ten", "tens_marker", "dozen", "hundred", "zero_filler", "half",
        "decimal_point", "negative", "minus_signs", "ambiguous_alone")}
    lexicon = _Lexicon(
        digits=dict(raw["digits"]),
        positions={k: frozenset(v) for k, v in raw["positions"].items()},
        scales={k: int(v) for k, v in raw["scales"].items()},
        scale_compounds={k: frozenset(v) for k, v in raw["scale_compounds"].items()},
        **words,
    )
    check_lexicon(lexicon)
    return lexicon


def check_lexicon(lexicon: _Lexicon) -> None:
    """Raise ``ValueError`` if a word has two roles or a position names an unknown digit."""
    roles = [set(lexicon.digits), lexicon.ten, lexicon.tens_marker, lexicon.dozen,
             lexicon.hundred, set(lexicon.scales), lexicon.zero_filler, lexicon.half,
             lexicon.decimal_point, lexicon.negative]
    seen: set[str] = set()
    for role in roles:
        if seen & role:
            raise ValueError(f"number words with two roles: {sorted(seen & role)}")
        seen |= role
    for name, position in lexicon.positions.items():
        if not position <= set(lexicon.digits):
            raise ValueError(f"position {name!r} names unknown digits: {sorted(position - set(lexicon.digits))}")
    if not set(lexicon.scale_compounds) <= set(lexicon.scales):
        raise ValueError("scale_compounds keys must be scale words")
    for word in seen:
        if word != unicodedata.normalize("NFC", word.lower()):
            raise ValueError(f"number word not NFC lower case: {word!r}")


LEXICON = load_lexicon()
_SPELLED = LEXICON.spelled_vocabulary
# Number words that find_numbers(spelled=True) drops when they stand alone
# ("không" = not, "một" = a, "năm" = year …) unless keep_ambiguous=True.
AMBIGUOUS_ALONE = LEXICON.ambiguous_alone


# --------------------------------------------------------------------------
# Digits
# --------------------------------------------------------------------------


@lru_cache(maxsize=65536)  # the same numbers recur ("1", "2020", "100"); babel is slow per call
def digits_value(s: str) -> Decimal | None:
    """Value of one digit string in Vietnamese format, or None ("1.155.3").

    >>> digits_value("1.155,3")
    Decimal('1155.3')
    """
    if not _VI_NUMBER.fullmatch(s):
        return None
    try:
        return parse_decimal(s, locale=_VI, strict=True)
    except (NumberFormatError, ValueError, InvalidOperation):
        return None


# --------------------------------------------------------------------------
# Words: the grammar, on lists of NFC lower-case tokens
# --------------------------------------------------------------------------


def _in(token: str, position: str) -> bool:
    return token in LEXICON.positions[position]


def _digit(token: str) -> int:
    return LEXICON.digits[token]


def _parse_tens(tokens: list[str]) -> Decimal | None:
    """0–99: "mười lăm", "hai mươi mốt", "bốn ba", "chín"."""
    first, n = tokens[0], len(tokens)
    if first in LEXICON.ten:
        if n == 1:
            return Decimal(10)
        return Decimal(10 + _digit(tokens[1])) if n == 2 and _in(tokens[1], "after_ten") else None
    if n == 1:
        return Decimal(_digit(first)) if _in(first, "alone") else None
    if not _in(first, "leading") or _digit(first) < 2 or n > 3:
        return None
    tens = 10 * _digit(first)
    if tokens[1] in LEXICON.tens_marker:
        if n == 2:
            return Decimal(tens)
        return Decimal(tens + _digit(tokens[2])) if _in(tokens[2], "after_muoi") else None
    if n == 2 and _in(tokens[1], "ellipsis"):  # colloquial pair "bốn ba" = 43
        return Decimal(tens + _digit(tokens[1]))
    return None


def _parse_dozens(tokens: list[str], at: int) -> Decimal | None:
    """"hai chục" = 20, "một chục rưỡi" = 15."""
    head, tail = tokens[:at], tokens[at + 1:]
    if len(head) != 1 or not _in(head[0], "leading") or _digit(head[0]) < 1:
        return None
    if not tail:
        return Decimal(10 * _digit(head[0]))
    if len(tail) == 1 and tail[0] in LEXICON.half:
        return Decimal(10 * _digit(head[0]) + 5)
    return None


def _parse_below_thousand(tokens: list[str]) -> Decimal | None:
    """A group without nghìn/vạn/triệu/tỷ: "không trăm linh năm", "tám trăm rưỡi", "241,6"."""
    if len(tokens) == 1 and (atom := digits_value(tokens[0])) is not None:
        return atom
    for at, token in enumerate(tokens):
        if token in LEXICON.hundred:
            head = tokens[:at]
            if len(head) != 1 or not _in(head[0], "leading"):
                return None
            rest = _parse_rest(tokens[at + 1:], Decimal(100))
            return None if rest is None else 100 * _digit(head[0]) + rest
        if token in LEXICON.dozen:
            return _parse_dozens(tokens, at)
    return _parse_tens(tokens)


def _parse_rest(tokens: list[str], unit: Decimal) -> Decimal | None:
    """What follows trăm or a scale: nothing, "rưỡi", "linh một", an ellipsis digit, or a smaller number."""
    if not tokens:
        return Decimal(0)
    if len(tokens) == 1 and tokens[0] in LEXICON.half:
        return unit / 2
    if len(tokens) == 1 and _in(tokens[0], "ellipsis"):
        return _digit(tokens[0]) * unit / 10
    if len(tokens) == 1 and (tokens[0] in LEXICON.digits or digits_value(tokens[0]) is not None):
        return None  # "ba nghìn năm" is 3000 years, "2 tỷ 5" is ambiguous: never 3005 or 2 000 000 005
    if tokens[0] in LEXICON.zero_filler:
        ok = len(tokens) == 2 and _in(tokens[1], "after_linh")
        return Decimal(_digit(tokens[1])) if ok else None
    value = _parse_integer(tokens)
    return value if value is not None and value < unit else None


def _scale_of(token: str) -> int:
    return LEXICON.scales.get(token, 0)


def _parse_integer(tokens: list[str]) -> Decimal | None:
    """Split at the first occurrence of the largest scale: left × scale(ⁿ) + rest."""
    if not tokens:
        return None
    largest = max(_scale_of(t) for t in tokens)
    if not largest:
        return _parse_below_thousand(tokens)
    at = next(i for i, t in enumerate(tokens) if _scale_of(t) == largest)
    end, multiplier = at, Decimal(1)
    while end < len(tokens) and _scale_of(tokens[end]) == largest:  # "tỷ tỷ"
        multiplier *= largest
        end += 1
    if any(_scale_of(t) == largest for t in tokens[end:]):
        return None  # "hai tỷ ba tỷ": the same scale again
    left = _parse_integer(tokens[:at])
    rest = _parse_rest(tokens[end:], multiplier)
    if left is None or rest is None:
        return None
    return left * multiplier + rest


def _split_trailing_scales(tokens: list[str]) -> tuple[list[str], Decimal]:
    multiplier = Decimal(1)
    while tokens and _scale_of(tokens[-1]):
        multiplier *= _scale_of(tokens[-1])
        tokens = tokens[:-1]
    return tokens, multiplier


def _fraction_digits(tokens: list[str]) -> str | None:
    """Digits after phẩy/chấm: read one by one ("ba không ba"), or as digits ("23")."""
    if len(tokens) == 1 and _PLAIN_DIGITS.fullmatch(tokens[0]):
        return tokens[0]
    if tokens and all(_in(t, "decimal") for t in tokens):
        return "".join(str(_digit(t)) for t in tokens)
    value = _parse_integer(tokens)
    if value is None or value != value.to_integral_value():
        return None
    return str(int(value))


def _parse_decimal(whole_tokens: list[str], fraction_tokens: list[str]) -> Decimal | None:
    """"tám trăm mười tám phẩy ba không ba", "không phẩy hai triệu"."""
    whole = _parse_integer(whole_tokens)
    fraction_tokens, multiplier = _split_trailing_scales(fraction_tokens)
    digits = _fraction_digits(fraction_tokens)
    if whole is None or digits is None:
        return None
    return (whole + Decimal("0." + digits)) * multiplier


def _split_sign(tokens: list[str]) -> tuple[int, list[str]]:
    if tokens and (tokens[0] in LEXICON.negative or tokens[0] in LEXICON.minus_signs):
        return -1, tokens[1:]
    return 1, tokens


def parse_tokens(tokens: list[str]) -> Decimal | None:
    """Value of a list of NFC lower-case tokens, or None if they are not one number."""
    if not tokens or len(tokens) > MAX_TOKENS:
        return None
    sign, tokens = _split_sign(tokens)
    point = next((i for i, t in enumerate(tokens) if t in LEXICON.decimal_point), None)
    if point is None:
        value = _parse_integer(tokens)
    else:
        value = _parse_decimal(tokens[:point], tokens[point + 1:])
    return None if value is None else sign * value


def _whole_string_tokens(text: str) -> list[str]:
    tokens = unicodedata.normalize("NFC", text).lower().split()
    if tokens and tokens[0][:1] in LEXICON.minus_signs and len(tokens[0]) > 1:
        tokens[:1] = [tokens[0][:1], tokens[0][1:]]  # "-1.200.000"
    return tokens


def _finite_float(value: Decimal | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def parse_number(text: str) -> float | None:
    """Value of a whole string that is exactly one Vietnamese number, else None.

    >>> parse_number("một nghìn hai trăm linh năm")
    1205.0
    >>> parse_number("18.827 triệu")
    18827000000.0
    >>> parse_number("ba phẩy không bảy")
    3.07
    >>> parse_number("1.155.3") is None
    True
    """
    if not isinstance(text, str):
        return None
    return _finite_float(parse_tokens(_whole_string_tokens(text)))


# --------------------------------------------------------------------------
# Running text
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "word" | "num"
    start: int
    end: int
    key: str  # NFC lower case for words, the raw digits for numbers


def _tokenise(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = "word" if match.group("word") is not None else "num"
        key = match.group()
        if kind == "word":
            key = unicodedata.normalize("NFC", key.lower())
        tokens.append(_Token(kind, match.start(), match.end(), key))
    return tokens


_DIGITS = regex.compile(r"[0-9]+")


def _tokenise_near_digits(text: str) -> list[_Token]:
    """The tokens of each digit run and of the few words after it (enough to read its
    scale words: at most ``MAX_STACKED_SCALES``, a "rưỡi" and the syllable that tells
    "tỷ lệ" from "tỷ").

    Without number words (``spelled=False``) the rest of the text cannot hold a
    number, so it is not tokenised.  A window starts where the digits' word starts (so
    that "m2" stays one word) and ends at a token's end, so the tokens are those of the
    whole text; tokens left out between windows are not spaces, so no gap between two
    listed tokens looks like an inline space unless it is one.

    >>> [(n.text, n.value) for n in find_numbers("x " * 40 + "mức 18.827 triệu đồng, 2 tỷ 300 triệu")]
    [('18.827 triệu', 18827000000.0), ('2 tỷ 300 triệu', 2300000000.0)]
    """
    tokens: list[_Token] = []
    window_end = -1
    after_needed = MAX_STACKED_SCALES + 2
    for match in _DIGITS.finditer(text):
        if match.start() < window_end:
            continue
        start = text.rfind(" ", 0, max(0, match.start() - 1)) + 1
        start = max(start, window_end)
        after = 0
        for token in _TOKEN.finditer(text, start):
            kind = "word" if token.group("word") is not None else "num"
            key = token.group()
            if kind == "word":
                key = unicodedata.normalize("NFC", key.lower())
            tokens.append(_Token(kind, token.start(), token.end(), key))
            window_end = token.end()
            if kind == "num":
                after = 0  # every number in the window gets its words after it
            elif token.start() >= match.end():
                after += 1
                if after >= after_needed:
                    break
        window_end = max(window_end, match.end())
    return tokens


def _is_inline_space(gap: str) -> bool:
    """Only spaces, no line break and no punctuation (an empty gap counts)."""
    return all(ch.isspace() and ch not in _LINE_BREAKS for ch in gap)


def _inline_gap(text: str, left: _Token, right: _Token) -> bool:
    return _is_inline_space(text[left.end:right.start])


def _run_pieces(token: _Token) -> list[tuple[int, int, Decimal]]:
    """The pieces of a digit run whose grouping is not Vietnamese: "2.1" → 2, 1; "1,2,3" → 1, 2, 3."""
    pieces = []
    for piece in _BETWEEN_DOTS.finditer(token.key):
        value = digits_value(piece.group())
        if value is not None:
            pieces.append((token.start + piece.start(), token.start + piece.end(), value))
            continue
        for part in _PLAIN_DIGITS.finditer(piece.group()):
            start = token.start + piece.start() + part.start()
            pieces.append((start, start + len(part.group()), Decimal(part.group())))
    return pieces


def _is_scale_word(tokens: list[_Token], j: int, text: str) -> bool:
    """tokens[j] is a scale word, and not the first syllable of "tỷ lệ", "triệu tập" …"""
    token = tokens[j]
    if token.kind != "word" or token.key not in LEXICON.scales:
        return False
    following = tokens[j + 1] if j + 1 < len(tokens) else None
    compounds = LEXICON.scale_compounds.get(token.key, frozenset())
    return not (following is not None and following.key in compounds and _inline_gap(text, token, following))


def _scales_after(text: str, tokens: list[_Token], i: int) -> tuple[int, Decimal, Decimal]:
    """Scale words (and a final "rưỡi") after the digit run tokens[i]: (last index, multiplier, half)."""
    last, multiplier, added = i, Decimal(1), Decimal(0)
    while (last + 1 < len(tokens) and last - i < MAX_STACKED_SCALES
           and _inline_gap(text, tokens[last], tokens[last + 1])
           and _is_scale_word(tokens, last + 1, text)):
        last += 1
        multiplier *= LEXICON.scales[tokens[last].key]
    if (last > i and last + 1 < len(tokens) and tokens[last + 1].key in LEXICON.half
            and _inline_gap(text, tokens[last], tokens[last + 1])):
        last += 1
        added = multiplier / 2
    return last, multiplier, added


@dataclass(frozen=True)
class _Found:
    span: NumberSpan
    value: Decimal
    unit: Decimal  # the multiplier applied (1 if none), for "2 tỷ 300 triệu"
    integral: bool  # the digits before the scale words have no decimal part


def _make_span(text: str, start: int, end: int, value: Decimal, kind: str, scaled: bool) -> NumberSpan | None:
    number = _finite_float(value)
    if number is None:
        return None
    return NumberSpan(start, end, text[start:end], number, kind, scaled)


def _digit_spans(text: str, tokens: list[_Token]) -> tuple[list[_Found], set[int]]:
    found, used = [], set()
    for i, token in enumerate(tokens):
        if token.kind != "num":
            continue
        used.add(i)
        digits = digits_value(token.key)
        if digits is not None:
            last, multiplier, added = _scales_after(text, tokens, i)
            used.update(range(i, last + 1))
            value = digits * multiplier + added
            span = _make_span(text, token.start, tokens[last].end, value, "digits", last > i)
            if span is not None:
                found.append(_Found(span, value, multiplier, digits == digits.to_integral_value()))
            continue
        for start, end, value in _run_pieces(token):
            span = _make_span(text, start, end, value, "digits", False)
            if span is not None:
                found.append(_Found(span, value, Decimal(1), True))
    return found, used


def _continues(text: str, prev: _Found, item: _Found) -> bool:
    """item is the smaller part of a compound like "2 tỷ 300 triệu"."""
    return (prev.integral and prev.unit > 1 and 1 < item.unit < prev.unit
            and item.value < prev.unit
            and _is_inline_space(text[prev.span.end:item.span.start]))


def _merge_compounds(text: str, found: list[_Found]) -> list[_Found]:
    """Join "2 tỷ 300 triệu" (= 2 300 000 000) into one span."""
    merged: list[_Found] = []
    for item in found:
        if merged and _continues(text, merged[-1], item):
            prev = merged[-1]
            value = prev.value + item.value
            joined = _make_span(text, prev.span.start, item.span.end, value, "digits", True)
            if joined is not None:
                merged[-1] = _Found(joined, value, item.unit, item.integral)
                continue
        merged.append(item)
    return merged


def _word_runs(text: str, tokens: list[_Token], used: set[int]) -> list[list[_Token]]:
    """Maximal runs of number words separated by spaces only."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for i, token in enumerate(tokens):
        is_number_word = i not in used and token.kind == "word" and token.key in _SPELLED
        if is_number_word and current and _inline_gap(text, current[-1], token):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = [token] if is_number_word else []
    if current:
        runs.append(current)
    return runs


def _extent(run: list[_Token], i: int) -> int:
    """A cheap upper bound on the length of a number starting at run[i].

    Between two scale words there are at most five words ("chín trăm chín
    mươi chín") and never three digit words in a row; only the digits read
    one by one after phẩy/chấm run longer.  Stopping there keeps long runs of
    number words ("hai mươi hai mươi …") linear.
    """
    group, streak, scales, length = 0, 0, 0, 0
    point, digits_only = False, True
    for token in run[i:i + MAX_TOKENS]:
        key = token.key
        if key in LEXICON.decimal_point:
            if point:
                break
            point, group, streak = True, 0, 0
        elif key in LEXICON.scales:
            scales, group, streak = scales + 1, 0, 0
            if scales > MAX_SCALES:
                break
        else:
            group += 1
            streak = streak + 1 if key in LEXICON.digits else 0
            digits_only = digits_only and (not point or key in LEXICON.digits)
            if group > MAX_GROUP_WORDS and not (point and digits_only):
                break
            if streak > 2 and not point:
                break
        length += 1
    return length


def _longest_number(run: list[_Token], i: int, keep_ambiguous: bool) -> tuple[int, Decimal] | None:
    """Longest prefix of run[i:] that reads as one number (lone ambiguous words excluded)."""
    for length in range(_extent(run, i), 0, -1):
        keys = [t.key for t in run[i:i + length]]
        if length == 1 and keys[0] in AMBIGUOUS_ALONE and not keep_ambiguous:
            return None
        value = parse_tokens(keys)
        if value is not None:
            return length, value
    return None


def _word_spans(text: str, tokens: list[_Token], used: set[int], keep_ambiguous: bool) -> list[NumberSpan]:
    spans = []
    for run in _word_runs(text, tokens, used):
        i = 0
        while i < len(run):
            best = _longest_number(run, i, keep_ambiguous)
            if best is None:
                i += 1
                continue
            length, value = best
            scaled = any(t.key in LEXICON.scales for t in run[i:i + length])
            span = _make_span(text, run[i].start, run[i + length - 1].end, value, "words", scaled)
            if span is not None:
                spans.append(span)
            i += length
    return spans


def find_numbers(text: str, spelled: bool = False, *, keep_ambiguous: bool = False) -> list[NumberSpan]:
    """Every number in running text, left to right, without overlaps.

    Digits in Vietnamese format, with any scale words after them; with
    ``spelled=True`` also runs of number words.  Signs are never read.  A
    word in ``AMBIGUOUS_ALONE`` standing alone ("một số", "năm nay",
    "không có") is only returned with ``keep_ambiguous=True`` — for a caller
    that then requires a unit after it ("một xu", "năm ki lô mét").

    >>> [(n.text, n.value) for n in find_numbers("hiến 1.155,3m 2 đất, thu 18.827 triệu đồng")]
    [('1.155,3', 1155.3), ('2', 2.0), ('18.827 triệu', 18827000000.0)]
    >>> [(n.text, n.value) for n in find_numbers("gồm hai trăm linh bốn hộ", spelled=True)]
    [('hai trăm linh bốn', 204.0)]
    """
    if not isinstance(text, str) or not text:
        return []
    tokens = _tokenise(text) if spelled else _tokenise_near_digits(text)
    found, used = _digit_spans(text, tokens)
    spans = [item.span for item in _merge_compounds(text, found)]
    if spelled:
        spans += _word_spans(text, tokens, used, keep_ambiguous)
    return sorted(spans, key=lambda span: span.start)
