"""Stage 2 — clean: one normalised text that every later offset points into.

``clean(text)`` does, in this order:

1. **normalise** — drop zero-width characters and soft hyphens, turn every line break into
   ``"\\n"`` and tabs into a space, Unicode NFC, strip trailing spaces, at most one blank
   line in a row, no blank lines at either end.  Non-breaking spaces and everything else
   inside a line are kept as written (``"202\\xa0 mô hình"`` stays);
2. **settle** — repeated until nothing changes: drop page-chrome lines listed in
   ``data/boilerplate_lines.txt``, repair PDF/web artefacts (``"1.155,3m 2 đất"`` →
   ``"1.155,3m² đất"``, ``"m ô hình"`` → ``"mô hình"``), drop the second copy of a repeated
   caption line;
3. **footnotes** — a paragraph that starts with a superscript marker (``"¹ Đã mở …"``) is a
   footnote body: it is moved to the end of the text, and the paragraph it interrupted at a
   page break is joined again (``"… của hơn"`` + ``"13.000 lượt người"``).  Markers glued to
   words in the running text are removed; each :class:`Footnote` keeps the offset where its
   marker stood (``anchor``).  ``m²``/``km²`` are units, not markers.

The result is idempotent: ``clean(clean(x).text).text == clean(x).text``.

>>> c = clean("Hiến 1.155,3m 2 đất, nhân rộng m ô hình tốt¹.\\n\\n¹ Theo báo cáo.")
>>> c.text
'Hiến 1.155,3m² đất, nhân rộng mô hình tốt.\\n\\nTheo báo cáo.'
>>> f = c.footnotes[0]
>>> (f.marker, c.text[f.char_start:f.char_end], c.text[:f.anchor][-3:])
('1', 'Theo báo cáo.', 'tốt')
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict, deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import regex

from .hinted import Hinted
from .lexicons import load_data
from .records import CleanText, Footnote

BOILERPLATE_FILE = "boilerplate_lines.txt"  # under data/

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
_SUP = f"[{SUPERSCRIPTS}]"

# Invisible characters that PDF and web extraction leave inside words (ZWSP, ZWNJ, ZWJ,
# word joiner, BOM, soft hyphen, Mongolian vowel separator).  Removed before NFC.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))
_ANY_INVISIBLE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")  # most texts have none: skip translate
_LINE_BREAKS = regex.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")

# A repeated caption must look like a caption: at least this many words, one of them a word.
MIN_CAPTION_WORDS = 2
# The settle loop stops after this many rounds even if something still changes (it never
# should: every step only shortens the text).
MAX_SETTLE_ROUNDS = 25

# Whitespace normalisation, as (pattern, replacement, cheap test that the pattern can match)
# applied in order.  A line that ends in whitespace is looked for with stdlib ``re``: its \s
# is wider than ``regex``'s, so it finds every line the first two rules change, and fast.
_WHITESPACE_RULES = (
    (regex.compile(r"(?m)^[^\S\n]+$"), "", lambda t: _LINE_ENDS_IN_SPACE.search(t) is not None),  # blank line
    (regex.compile(r"(?m)[^\S\n\xa0\u202f]+$"), "", lambda t: _LINE_ENDS_IN_SPACE.search(t) is not None),
    (regex.compile(r"\n{3,}"), "\n\n", lambda t: "\n\n\n" in t),  # at most one blank line in a row
    (regex.compile(r"\A\n+|\n+\Z"), "", lambda t: t[:1] == "\n" or t[-1:] == "\n"),  # none at either end
)
_LINE_ENDS_IN_SPACE = re.compile(r"[^\S\n]$", re.M)

# "1.155,3m 2 đất": a number, a length unit, a space and a lone 2 or 3 → superscript.
_SPLIT_SQUARE_UNIT = regex.compile(
    r"(?<=\d)(?P<unit>[ \xa0]?[kcdm]?m) (?P<power>[23])(?![\d\p{L}\p{M}]|[.,]\d)"
)

# "m ô hình": a lone lower-case consonant split from the rest of its syllable.  Not after a
# digit ("5 m ô" is a unit), not after a dot ("v.v"), not after a list-label word ("điểm b").
_LONE_CONSONANT = regex.compile(r"""
    (?<! [^\s“\"‘'(\[] )   # after a space, a quote or a bracket, or at the start
    (?<! \d[ \xa0] )       # not after a digit
    (?<! (?i: điểm | mục | khoản | tiết | loại | hạng   # not after a list-label word: point, item, clause,
            | nhóm | khối | lớp | phần | câu | ý         # sub-clause, kind, rank, group, block, class, part,
            | phụ\ lục                                  # question, idea, appendix
         ) [ ] )
    (?P<onset> [bcdđghklmnpqrstvx] ) [ ]                     # the consonant and a space …
    (?= (?P<rest> \p{Ll}+ ) (?! [\p{L}\p{M}\d] ) )          # … before the rest of the syllable
""", regex.VERBOSE)
_LONE_CONSONANT_AT = Hinted(
    _LONE_CONSONANT, re.compile(r"(?<![^\s“\"‘'(\[])[bcdđghklmnpqrstvx] (?=[^\W\d_])")
)

# A Vietnamese syllable: onset + 1–3 vowels + coda (tone checked separately).
_VOWEL_BASES = "aăâeêioôơuưy"
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_VOWELS = "".join(
    unicodedata.normalize("NFC", base + tone) for base in _VOWEL_BASES for tone in ("", *_TONE_MARKS)
)
_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    rf"[{_VOWELS}]{{1,3}}"
    r"(?:ch|ng|nh|[cmnpt])?"
)

_FOOTNOTE_START = regex.compile(rf"^(?P<marker>{_SUP}+)[^\S\n]*")
_MARKER_RUN = regex.compile(rf"{_SUP}+")
_SECTION_NUMBER = regex.compile(r"\d+(?:\.\d+)*[.)]\s")
_SENTENCE_END = ".!?:;…"
_CLOSING_QUOTES = "”»\"’'"


# --------------------------------------------------------------------------- the data file


@lru_cache(maxsize=1)
def boilerplate_sources() -> tuple[str, ...]:
    """The whole-line patterns of ``data/boilerplate_lines.txt``, each checked on load."""
    sources = []
    for number, raw in enumerate(load_data(BOILERPLATE_FILE).splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        source = f"(?:{unicodedata.normalize('NFC', line)})"
        try:
            regex.compile(source, regex.I)
        except regex.error as exc:  # a broken data file must fail loudly, with its line
            raise ValueError(f"{BOILERPLATE_FILE}:{number}: {exc}") from exc
        sources.append(source)
    return tuple(sources)


@lru_cache(maxsize=1)
def boilerplate_pattern() -> regex.Pattern:
    """All the line patterns as one alternation: one match per line instead of one per pattern."""
    return regex.compile("|".join(boilerplate_sources()) or "(?!)", regex.I)


@lru_cache(maxsize=8192)  # a settle round meets the same lines again
def is_boilerplate(line: str) -> bool:
    """True if the whole (stripped) line is page chrome.

    >>> is_boilerplate("  Truy câp tổng 10.203.693"), is_boilerplate("Trang chủ của phường")
    (True, False)
    """
    key = " ".join(line.split())
    return bool(key) and boilerplate_pattern().fullmatch(key) is not None


# --------------------------------------------------------------- text with tracked offsets


Edit = tuple[int, int, str]  # replace text[start:end] by the string


@dataclass
class _Tracked:
    """A text being edited, with footnote anchors that follow every edit."""

    text: str
    anchors: list[tuple[str, int]] = field(default_factory=list)  # (marker, offset)
    removed: list[str] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)  # where each page begins, as anchors

    def apply(self, edits: list[Edit]) -> bool:
        if not edits:
            return False
        parts, last = [], 0
        for start, end, replacement in edits:
            parts += [self.text[last:start], replacement]
            last = end
        parts.append(self.text[last:])
        self.text = "".join(parts)
        moved = _remap([offset for _, offset in self.anchors], edits)
        self.anchors = [(marker, offset) for (marker, _), offset in zip(self.anchors, moved)]
        self.page_starts = _remap(self.page_starts, edits)
        return True

    def sub(self, pattern: regex.Pattern, replace: Callable[[regex.Match], str] | str) -> bool:
        edits = []
        for match in pattern.finditer(self.text):
            new = replace(match) if callable(replace) else replace
            if new != match.group():
                edits.append((match.start(), match.end(), new))
        return self.apply(edits)


def _remap(offsets: list[int], edits: list[Edit]) -> list[int]:
    """Where each offset is after the (sorted, disjoint) edits; inside an edit → its new span."""
    starts = [start for start, _, _ in edits]
    shifts = [0]
    for start, end, replacement in edits:
        shifts.append(shifts[-1] + len(replacement) - (end - start))
    out = []
    for offset in offsets:
        i = bisect_right(starts, offset) - 1
        if i < 0:
            out.append(offset)
            continue
        start, end, replacement = edits[i]
        if offset >= end:
            out.append(offset + shifts[i + 1])
        else:
            out.append(start + shifts[i] + min(offset - start, len(replacement)))
    return out


def _lines_with_offsets(text: str) -> list[tuple[int, int, str]]:
    """(start, end-including-newline, line) for every line."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        out.append((start, min(end + 1, len(text)), line))
        start = end + 1
    return out


# ------------------------------------------------------------------------------ the steps


def _normalise(text: str, page_starts: list[int] = ()) -> _Tracked:
    """Invisible characters, line breaks, tabs, NFC and blank lines; each page is normalised
    on its own, so its start is where the pages before it end."""
    bounds = [0, *(min(max(start, 0), len(text)) for start in page_starts[1:]), len(text)]
    pieces = [_normalise_characters(text[start:end]) for start, end in zip(bounds, bounds[1:])]
    starts, length = [], 0
    for piece in pieces[: len(page_starts)]:
        starts.append(length)
        length += len(piece)
    tracked = _Tracked("".join(pieces), page_starts=starts)
    _normalise_whitespace(tracked)
    return tracked


def _normalise_characters(text: str) -> str:
    """Invisible characters, line breaks, tabs and NFC (the edits that are not tracked)."""
    if _ANY_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    return unicodedata.normalize("NFC", text)


def _normalise_whitespace(tracked: _Tracked) -> bool:
    changed = False
    for pattern, replacement, can_match in _WHITESPACE_RULES:
        if can_match(tracked.text):
            changed |= tracked.sub(pattern, replacement)
    return changed


def _drop_boilerplate(tracked: _Tracked) -> bool:
    edits = []
    for start, end, line in _lines_with_offsets(tracked.text):
        if is_boilerplate(line):
            edits.append((start, end, ""))
            tracked.removed.append(line.strip())
    return tracked.apply(edits)


def _caption_key(line: str) -> str | None:
    """What two copies of a caption share, or None if the line cannot be a caption."""
    key = " ".join(line.split())
    words = key.split(" ")
    if len(words) < MIN_CAPTION_WORDS or not any(ch.isalpha() for ch in key):
        return None
    return key


def _drop_repeated_captions(tracked: _Tracked) -> bool:
    """Two identical lines in a row (a blank line between them allowed): keep the first."""
    edits, previous, blanks = [], None, 0
    for start, end, line in _lines_with_offsets(tracked.text):
        if not line.strip():
            blanks += 1
            continue
        key = _caption_key(line)
        if key is not None and key == previous and blanks <= 1:
            edits.append((start, end, ""))
            tracked.removed.append(line.strip())
        else:
            previous = key
        blanks = 0
    return tracked.apply(edits)


def is_syllable(word: str) -> bool:
    """True if ``word`` is spelled like one Vietnamese syllable (one tone mark at most).

    >>> is_syllable("mô"), is_syllable("nghiêng"), is_syllable("mhình"), is_syllable("dkhoản")
    (True, True, False, False)
    """
    lower = word.lower()
    if not _SYLLABLE.fullmatch(lower):
        return False
    tones = sum(ch in _TONE_MARKS for ch in unicodedata.normalize("NFD", lower))
    return tones <= 1


def _join_lone_consonant(match: regex.Match) -> str:
    joined = match["onset"] + match["rest"]
    return match["onset"] if is_syllable(joined) else match.group()


def _repair_artefacts(tracked: _Tracked) -> bool:
    changed = tracked.sub(_SPLIT_SQUARE_UNIT, lambda m: m["unit"] + "²³"[int(m["power"]) - 2])
    changed |= tracked.sub(_LONE_CONSONANT_AT, _join_lone_consonant)
    return changed


def _settle(tracked: _Tracked) -> _Tracked:
    """Apply the line and artefact rules until the text stops changing."""
    for _ in range(MAX_SETTLE_ROUNDS):
        changed = _drop_boilerplate(tracked)
        changed |= _repair_artefacts(tracked)
        changed |= _drop_repeated_captions(tracked)
        changed |= _normalise_whitespace(tracked)
        if not changed:
            break
    return tracked


# ------------------------------------------------------------------------------ footnotes


def _marker_digits(marker: str) -> str:
    return marker.translate(_SUPERSCRIPT_TO_DIGIT)


def _is_footnote_body(paragraph: str) -> bool:
    return bool(_FOOTNOTE_START.match(paragraph))


def _ends_sentence(text: str) -> bool:
    tail = _MARKER_RUN.sub("", text[-8:]).rstrip()
    if not tail:
        return True
    if tail[-1] in _CLOSING_QUOTES:
        # “…” closes a name ("… tri an” gắn với …) unless a full stop sits inside it.
        return len(tail) > 1 and tail[-2] in _SENTENCE_END
    return tail[-1] in _SENTENCE_END


def _continues(paragraph: str) -> bool:
    """True if ``paragraph`` reads as the rest of an interrupted sentence."""
    first = paragraph[:1]
    return bool(first) and (first.islower() or first.isdigit()) and not _SECTION_NUMBER.match(paragraph)


def _split_footnotes(text: str) -> tuple[list[Edit], list[tuple[str, str]]]:
    """The edits that take the footnote paragraphs out of the running text (and join the
    paragraph they interrupted), and the (marker, body) pairs taken out."""
    paragraphs = text.split("\n\n")
    starts = [0]
    for paragraph in paragraphs:
        starts.append(starts[-1] + len(paragraph) + 2)
    edits: list[Edit] = []
    bodies: list[tuple[str, str]] = []
    last_running: int | None = None  # index of the last paragraph kept
    i = 0
    while i < len(paragraphs):
        if not _is_footnote_body(paragraphs[i]):
            last_running = i
            i += 1
            continue
        first = i
        while i < len(paragraphs) and _is_footnote_body(paragraphs[i]):
            match = _FOOTNOTE_START.match(paragraphs[i])
            bodies.append((_marker_digits(match["marker"]), paragraphs[i][match.end():]))
            i += 1
        after = paragraphs[i] if i < len(paragraphs) else ""
        before_end = starts[last_running] + len(paragraphs[last_running]) if last_running is not None else None
        if before_end is not None and after and not _ends_sentence(_running_tail(text, edits, before_end)) \
                and _continues(after):
            edits.append((before_end, starts[i], " "))  # "… của hơn" + " " + "13.000 lượt người"
            last_running = i
            i += 1
        elif i == len(paragraphs):
            edits.append((before_end if before_end is not None else 0, len(text), ""))
        else:
            edits.append((starts[first], starts[i], ""))
    return edits, bodies


def _running_tail(text: str, edits: list[Edit], end: int) -> str:
    """The running paragraph that ends at ``end`` as the edits so far leave it (its last part
    is enough for :func:`_ends_sentence`)."""
    start = edits[-1][1] if edits and edits[-1][1] <= end else 0
    return text[start:end]


def _unit_before(text: str, at: int) -> bool:
    """True if ``text[:at]`` ends with a standalone m/km/cm/dm/mm (so ² there is a unit)."""
    if at == 0 or text[at - 1] != "m":
        return False
    j = at - 1
    if j > 0 and text[j - 1] in "kcdm" and (j == 1 or not text[j - 2].isalpha()):
        return True
    return j == 0 or not text[j - 1].isalpha()


def _marker_edit(text: str, start: int, end: int) -> Edit:
    """The edit that removes the marker text[start:end] and the space that goes with it."""
    line_start = start == 0 or text[start - 1] == "\n"
    if line_start:
        while end < len(text) and text[end] in " \xa0":
            end += 1
        return start, end, ""
    if text[start - 1] in " \xa0" and (end == len(text) or text[end] in " \xa0\n"):
        while start > 0 and text[start - 1] in " \xa0":
            start -= 1
    return start, end, ""


def _marker_edits(text: str) -> tuple[list[Edit], list[str]]:
    edits: list[Edit] = []
    markers: list[str] = []
    for match in _MARKER_RUN.finditer(text):
        start, end = match.span()
        if text[start] in "²³" and _unit_before(text, start):
            start += 1  # m² — keep the unit, anything after it is a marker
        if start == end:
            continue
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1  # an accent stranded on a marker goes with it (NFC stays stable)
        edits.append(_marker_edit(text, start, end))
        markers.append(_marker_digits(match.group()[start - match.start() :]))
    return edits, markers


def _remove_markers(text: str | _Tracked) -> _Tracked:
    """Remove superscript footnote markers; anchors mark where they stood.

    Repeated until none is left, because removing one marker can change what stands
    before the next ("A²m²": once ² is gone, "Am²" is no longer a unit).
    """
    tracked = text if isinstance(text, _Tracked) else _Tracked(text)
    while True:
        edits, markers = _marker_edits(tracked.text)
        if not edits:
            break
        new_anchors = list(zip(markers, _remap([edit[0] for edit in edits], edits)))
        tracked.apply(edits)
        tracked.anchors += new_anchors
    tracked.anchors.sort(key=lambda anchor: anchor[1])
    return tracked


def _clean_body(body: str, removed: list[str]) -> str:
    body = regex.sub(rf"^(?:{_SUP}|\s)+", "", body)
    tracked = _settle(_remove_markers(body))
    removed += tracked.removed
    return tracked.text


def _without_repeated_first_lines(body: str, previous_line: str) -> str:
    """Drop the body's first lines while they repeat the line before it (caption rule)."""
    lines = body.split("\n")
    key = _caption_key(previous_line)
    while lines and (not lines[0].strip() or key is not None and _caption_key(lines[0]) == key):
        lines.pop(0)
    return "\n".join(lines)


def _marker_order(marker: str) -> tuple[int, str]:
    """Numeric order of a digit string without int() (a run of 5 000 digits is not a number)."""
    digits = marker.lstrip("0")
    return len(digits), digits


def _assemble(running: _Tracked, bodies: list[tuple[str, str]]) -> CleanText:
    """Running text, then the footnote bodies in marker order, each as its own paragraph."""
    parts, length = [running.text], len(running.text)
    last_line = running.text[running.text.rfind("\n") + 1 :]
    footnotes: list[Footnote] = []
    unused: dict[str, deque[int]] = defaultdict(deque)  # marker → its anchors, in text order
    for marker, offset in running.anchors:
        unused[marker].append(offset)
    for marker, body in sorted(bodies, key=lambda pair: _marker_order(pair[0])):
        body = _without_repeated_first_lines(body, last_line)
        if not body:
            continue
        if length:
            parts.append("\n\n")
            length += 2
        anchors = unused.get(marker)
        footnotes.append(Footnote(marker, length, length + len(body), anchors.popleft() if anchors else None))
        parts.append(body)
        length += len(body)
        last_line = body[body.rfind("\n") + 1 :]
    return CleanText(
        text="".join(parts), footnotes=footnotes, removed_lines=running.removed, body_end=len(running.text),
        page_starts=running.page_starts,
    )


# ---------------------------------------------------------------------------- entry point


def clean(text: str, page_starts: list[int] | None = None) -> CleanText:
    """Normalise ``text``, drop page chrome, repair artefacts, move footnotes to the end.

    ``page_starts`` (offsets in ``text`` where each page begins) come back in
    ``CleanText.page_starts`` as offsets in the cleaned text, moved through every edit.

    >>> clean("Tiêu đề\\nEmailPrintAa\\n\\nẢnh: Hội viên\\n\\nẢnh: Hội viên").text
    'Tiêu đề\\n\\nẢnh: Hội viên'
    >>> clean("Trang một\\n\\n\\n\\nEmailPrintAa\\nTrang hai", page_starts=[0, 13]).page_starts
    [0, 11]
    """
    first = _settle(_normalise(text, page_starts or []))
    edits, raw_bodies = _split_footnotes(first.text)
    running = _Tracked(first.text, page_starts=first.page_starts)
    running.apply(edits)
    running = _remove_markers(running)
    if running.text != first.text:  # else it is already settled: settling is idempotent
        running = _settle(running)
    removed = first.removed + running.removed
    bodies = [(marker, _clean_body(body, removed)) for marker, body in raw_bodies]
    running.removed = removed
    return _assemble(running, [(marker, body) for marker, body in bodies if body])
