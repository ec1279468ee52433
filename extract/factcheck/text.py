"""Words and sentences of a document as the checks read them; cue words from ``data/factcheck_cues.json``.
"""
from __future__ import annotations

from functools import lru_cache

import regex

_PARENS = regex.compile(r"[()]")
_SENTENCE_END = regex.compile(r"[.!?…]+(?=\s+[\p{Lu}\d“\"(])|\n+")


# ---------------------------------------------------------------------------- text helpers


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


def paren_depth(text: str, start: int, pos: int, depth: int = 0) -> int:
    """How many parentheses opened between ``start`` and ``pos`` are still open (``depth``
    of them already open at ``start``)."""
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
