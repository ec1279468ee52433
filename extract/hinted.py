"""A ``regex`` pattern tried only where a fast stdlib ``re`` hint finds a possible start.

The ``regex`` module (needed for ``\\p{L}``, variable lookbehinds, Unicode case folding)
tries a pattern at every offset of the text, which is slow for patterns that begin with
a lookbehind or a long case-insensitive word list.  Python's own ``re`` skips ahead much
faster on a case-sensitive list.  A :class:`Hinted` pattern lets ``re`` find, in the
lower-cased text, the offsets where a match could begin (a zero-width hint that matches
at every such offset: a superset) and runs the full pattern only there, so ``finditer``
yields exactly what the pattern's own ``finditer`` yields.  A text whose lower-case form
has another length ("İ") is searched the slow way.  ``tests/test_hinted.py`` compares
both ways for every hinted pattern of the package.

>>> import regex
>>> p = Hinted(regex.compile(r"(?<!\\p{L})(?i:xã|phường)\\s+\\p{Lu}\\p{L}*"), starts_with(["xã", "phường"]))
>>> [m.group() for m in p.finditer("Tại xã Hồng Lộc và Phường Bắc Hồng, cả xãx A")]
['xã Hồng', 'Phường Bắc']
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex


class Hinted:
    """``pattern`` searched only where ``hint`` matches the lower-cased text."""

    def __init__(self, pattern: regex.Pattern, hint: re.Pattern):
        self.pattern, self.hint = pattern, hint

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match]:
        return self.finditer_in(text, [(pos, len(text) if endpos is None else endpos)])

    def finditer_in(self, text: str, windows: list[tuple[int, int]]) -> Iterator[regex.Match]:
        """``finditer(text, start, end)`` for each of the sorted, disjoint ``windows`` in
        turn, with the hint searched once over the whole text."""
        lowered = _lower(text)
        if lowered is None or not windows:
            for start, end in windows:
                yield from self.pattern.finditer(text, start, end)
            return
        i, after = 0, 0
        for candidate in self.hint.finditer(lowered, windows[0][0], windows[-1][1]):
            start = candidate.start()
            while i < len(windows) and windows[i][1] <= start:
                i += 1
            if i == len(windows):
                return
            window_start, window_end = windows[i]
            if start < window_start or start < after:
                continue
            match = self.pattern.match(text, start, window_end)
            if match:
                yield match
                after = max(match.end(), start + 1)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        return next(self.finditer(text, pos, endpos), None)


_last: list = [(None, None)]  # (text, its lower-case form): the passes search one text many times


def _lower(text: str) -> str | None:
    cached = _last[0]
    if cached[0] is text:
        return cached[1]
    lowered = text.lower()
    lowered = lowered if len(lowered) == len(text) else None
    _last[0] = (text, lowered)
    return lowered


#: Lower-case letters of Vietnamese text, for ``not_after`` (every one is in ``\\p{L}``).
LETTERS = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"


# A pattern's leading lookbehind → characters its hint may skip offsets after (a subset).
_REFUSED_BEFORE = {
    r"(?<![\p{L}])": LETTERS,
    r"(?<![\p{L}\d])": LETTERS + "0-9",
    r"(?<![\d.,/])": "0-9.,/",
    r"(?<![\d.,])": "0-9.,",
}


def not_after_of(source: str) -> str:
    r"""The ``not_after`` a pattern's own leading lookbehind allows ("" if none is known).

    >>> not_after_of(r"(?<![\p{L}\d])(?i:xã)") == LETTERS + "0-9", not_after_of(r"(?i:xã)")
    (True, '')
    """
    return next((chars for lead, chars in _REFUSED_BEFORE.items() if source.startswith(lead)), "")


def starts_with(words: Iterable[str], extra: str = "", not_after: str = "", then: str = "") -> re.Pattern:
    """A hint for a pattern that starts with one of ``words`` (any case) or with ``extra``
    (a stdlib ``re`` pattern over lower-case text, such as ``r"\\d"``).

    ``not_after`` (a character class body, such as ``LETTERS``) skips offsets right after
    one of its characters: only for a pattern whose own lookbehind refuses them all
    (``(?<![\\p{L}])`` refuses every letter), so that the hint still finds every start.
    ``then`` (stdlib ``re``, over lower-case text) is what the pattern requires after the
    word, such as ``r"\\s+\\d"``; it too must accept everything the pattern accepts there.
    """
    lowered = {w.lower() for w in words if w}
    alternatives = ([prefix_tree(lowered)] if lowered else []) + ([extra] if extra else [])
    first = "".join(sorted({re.escape(w[0]) for w in lowered}))
    lead = f"(?=[{first}]{'|' + extra if extra else ''})" if first else ""
    behind = f"(?<![{not_after}])" if not_after else ""
    return re.compile(f"{behind}{lead}(?=(?:{'|'.join(alternatives)}){then})")


def prefix_tree(words: set[str]) -> str:
    r"""A stdlib ``re`` alternation of ``words`` with their common beginnings written once
    (``re`` tries the alternatives of a plain list one by one at every offset).

    >>> prefix_tree({"xã", "xóm", "x"})
    'x(?:ã|óm)?'
    """
    branches: dict[str, set[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], set()).add(word[1:])
    alternatives = [re.escape(first) + prefix_tree(rest) for first, rest in sorted(branches.items())]
    if not alternatives:
        return ""
    if len(alternatives) == 1:
        tree = alternatives[0]
        return f"(?:{tree})?" if "" in words else tree
    return f"(?:{'|'.join(alternatives)})" + ("?" if "" in words else "")


def hinted(source: str, words: Iterable[str], extra: str = "", then: str = "", flags: int = 0) -> Hinted:
    """``source`` compiled, searched only where one of ``words`` (or ``extra``) starts,
    followed by ``then``, and not right after what its own leading lookbehind refuses."""
    return Hinted(regex.compile(source, flags), starts_with(words, extra, not_after=not_after_of(source), then=then))
