"""Words and sentences of a document as the checks read them; cue words from ``data/factcheck_cues.json``.
"""
from __future__ import annotations

import re
from functools import cache

import regex

_PARENS = re.compile(r"[()]")  # a plain class: re finds it twice as fast as regex
_SENTENCE_END = regex.compile(r"[.!?…]+(?=\s+[\p{Lu}\d“\"(])|\n+")


# ---------------------------------------------------------------------------- text helpers


def drop_phrases(words: list[str], phrases: tuple[str, ...]) -> list[str]:
    """Remove every occurrence of the (multi-syllable) phrases; where several start at one
    word, the first of ``phrases`` that matches (they are given longest first)."""
    by_first = phrases_by_first_word(tuple(phrases))
    if by_first.keys().isdisjoint(words):
        return list(words)  # no phrase can start anywhere (the usual case)
    out, i = [], 0
    while i < len(words):
        for p in by_first.get(words[i], ()):
            if words[i:i + len(p)] == p:
                i += len(p)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def starts_with_phrase(words: list[str], phrases: tuple[str, ...]) -> bool:
    return bool(words) and any(words[:len(p)] == p for p in phrases_by_first_word(tuple(phrases)).get(words[0], ()))


def ends_with_phrase(words: list[str], phrases: tuple[str, ...]) -> bool:
    """The words end with one of the phrases (['tăng', 'thêm'] with 'thêm'); an empty phrase
    matches only no words."""
    last = words[-1] if words else ""
    return any(words[-len(p):] == p for p in phrases_by_last_word(tuple(phrases)).get(last, ()))


@cache
def phrases_by_last_word(phrases: tuple[str, ...]) -> dict[str, list[list[str]]]:
    """The phrases as lists of syllables, by their last syllable ('' for an empty phrase)."""
    index: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        words = phrase.split()
        index.setdefault(words[-1] if words else "", []).append(words)
    return index


@cache
def phrase_words(phrases: tuple[str, ...]) -> tuple[tuple[str, list[str]], ...]:
    """Each phrase with its syllables (``phrase.split()``), in the order given: split once, not at every comparison."""
    return tuple((phrase, phrase.split()) for phrase in phrases)


@cache
def phrases_by_first_word(phrases: tuple[str, ...]) -> dict[str, list[list[str]]]:
    """The phrases as lists of syllables, by their first syllable, in the order given: a
    word is compared with the few phrases that can start there, not with all of them."""
    index: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        words = phrase.split()
        if words:
            index.setdefault(words[0], []).append(words)
    return index


def after_last(text: str, marks: str) -> str:
    """The text after the last of the characters ``marks`` (all of it when there is none)."""
    return text[max(text.rfind(ch) for ch in marks) + 1:]


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


def phrase_spans(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each match of ``words_pattern(phrases).finditer(text)`` — left to right,
    none overlapping, the first phrase given where several match at one place — found by
    searching for each phrase on its own: the regex module finds one literal several times
    faster than an alternation of them (a whole document's cue words were a third of check 1)."""
    if not all(phrases):  # an empty phrase matches everywhere: the alternation's own rules
        return [m.span() for m in words_pattern(tuple(phrases)).finditer(text)]
    ends: dict[int, int] = {}  # start → end of the first phrase (in the order given) matching there
    for phrase in phrases:
        for m in words_pattern((phrase,)).finditer(text, overlapped=True):
            ends.setdefault(m.start(), m.end())
    spans, pos = [], 0
    for start in sorted(ends):
        if start >= pos:  # not inside the match before
            pos = ends[start]
            spans.append((start, pos))
    return spans


@cache
def words_pattern(phrases: tuple[str, ...]) -> regex.Pattern:
    """Any of the phrases as whole words, case-insensitive (longest first, as given)."""
    return regex.compile(r"(?i)(?<!\p{L})(?:" + "|".join(map(regex.escape, phrases)) + r")(?!\p{L})")
