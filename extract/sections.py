"""A text longer than a section (``ingest.base.SECTION_CHARS``) goes through the passes
section by section, so that one Doc of at most that many characters is held at a time.

``split`` cuts the cleaned text where a reader would: at a page break, else before a
heading, else at a blank line, a line break, a sentence end or a space (never inside a
table), keeping each piece at most ``SECTION_CHARS`` long.  ``passes_in_sections``
tokenises each piece, runs the entity passes on it, shifts every offset by the piece's
start so that it points into the whole text, and merges: the records of one model,
person, reference or campaign named in several sections become one, and ids are
numbered again over the whole document.  The link pass then runs once over the whole
text, with the sentences of every section (``Sentences``).
"""
from __future__ import annotations

import dataclasses
from typing import Callable

import regex

from .ingest.base import SECTION_CHARS
from .records import DocumentResult, Record, Table
from .tokenise import SENTS, TEXT, doc_sentences

#: Where a section may end, best first: the start of the next one.
_HEADING = regex.compile(r"""
    \n (?= [ \t]*
        (?: (?: [IVXLC]+ | \d{1,2} | [A-ZĐ] ) [.)] \s   # a numbered heading: "II.", "3)", "B."
          | (?i: phần | chương | mục ) \s+ \w+          # "phần", "chương", "mục" (part, chapter, section) and its number
          | [\p{Lu}\d] [\p{Lu}\d ,:–-]{6,} \n )        # a line in capitals
    )
""", regex.VERBOSE)
_CUTS = (regex.compile(r"\n\s*\n"), regex.compile(r"\n"), regex.compile(r"[.!?;:]\s+"), regex.compile(r"\s+"))

#: Records found more than once per document, by what makes two of them one.
_SAME = {
    "models": lambda m: (" ".join(m.name.split()).casefold(), m.org_canonical),
    "persons": lambda p: p.name,
    "doc_refs": lambda r: (r.type, r.number),
    "campaigns": lambda c: " ".join(c.name.split()).casefold(),
}
#: Each entity table and the word of its ids ("doc:loc:3").
ID_KINDS = {"localities": "loc", "organisations": "org", "models": "model", "campaigns": "campaign",
            "persons": "person", "doc_refs": "ref"}


def is_long(text: str) -> bool:
    """Whether ``text`` goes through the passes in sections."""
    return len(text) > SECTION_CHARS


def split(text: str, page_starts: list[int] = (), tables: list[Table] = (), most: int | None = None
          ) -> list[tuple[int, int]]:
    """(start, end) of consecutive sections covering ``text``, each at most ``most`` long
    (``SECTION_CHARS``; longer only where one table is), cut at the best place in its second half."""
    most = most or SECTION_CHARS
    inside = [(t.char_start, t.char_end) for t in tables]
    sections, start = [], 0
    while len(text) - start > most:
        cut = _cut(text, start + most // 2, start + most, page_starts, inside)
        sections.append((start, cut))
        start = cut
    return sections + [(start, len(text))]


def _cut(text: str, lo: int, hi: int, page_starts, inside: list[tuple[int, int]]) -> int:
    def allowed(pos: int) -> bool:
        return lo < pos <= hi and not any(a < pos < b for a, b in inside)

    pages = [p for p in page_starts if allowed(p)]
    if pages:
        return pages[-1]
    for pattern in (_HEADING, *_CUTS):
        ends = [m.end() for m in pattern.finditer(text, lo, hi) if allowed(m.end())]
        if ends:
            return ends[-1]
    # no allowed place in the second half (one table over it): after the table, else a hard cut
    return next((b for a, b in inside if a < hi < b), hi)


def passes_in_sections(result: DocumentResult, tokenise: Callable, entity_passes: Callable) -> "Sentences":
    """Fill ``result``'s entity records section by section (``entity_passes(part, doc)``
    fills those of a part); returns what the link pass needs of the whole Doc."""
    bounds: list[tuple[int, int]] = []
    found = {table: [] for table in ID_KINDS} | {"figures": []}
    for n, (start, end) in enumerate(split(result.text, result.page_starts, result.tables)):
        part = _part(result, start, end)
        doc = tokenise(part.text)
        entity_passes(part, doc)
        _tag_ids(part, f"@{n}")
        bounds += [(a + start, b + start) for a, b in doc_sentences(doc)]
        del doc  # one section's Doc at a time
        for table, records in found.items():
            records += [shift(record, start) for record in getattr(part, table)]
    for table, records in found.items():
        setattr(result, table, _merge(records, _SAME[table]) if table in _SAME else records)
    renumber(result)
    return Sentences(result.text, bounds)


def _part(result: DocumentResult, start: int, end: int) -> DocumentResult:
    """The section as a document of its own: its text, the document's metadata, its tables."""
    tables = [shift(dataclasses.replace(t), -start) for t in result.tables if start <= t.char_start < end]
    return DocumentResult(doc_id=result.doc_id, source=result.source, status=result.status,
                          meta=result.meta, text=result.text[start:end], tables=tables)


def _tag_ids(part: DocumentResult, tag: str) -> None:
    """Make a section's ids (and a model's organisation id) unique until ``renumber``."""
    for table in ID_KINDS:
        for record in getattr(part, table):
            record.id += tag
    for model in part.models:
        model.organisation = model.organisation and model.organisation + tag


def shift(record: Record, by: int) -> Record:
    """``record`` with its offsets and its mentions' moved by ``by`` characters."""
    record.char_start += by
    record.char_end += by
    for mention in getattr(record, "mentions", None) or ():
        mention["char_start"] += by
        mention["char_end"] += by
    return record


def _merge(records: list[Record], same: Callable) -> list[Record]:
    """One record per entity: later sections' mentions added to its first record."""
    first: dict = {}
    for record in records:
        kept = first.setdefault(same(record), record)
        if kept is record:
            continue
        kept.mentions += record.mentions
        if hasattr(kept, "n_mentions"):
            kept.n_mentions += record.n_mentions
        for name in ("aliases", "org_aliases", "localities"):
            if hasattr(kept, name):
                setattr(kept, name, list(dict.fromkeys(getattr(kept, name) + getattr(record, name))))
    return list(first.values())


def renumber(result: DocumentResult) -> None:
    """Ids numbered over the whole document, in order; a model's organisation id follows.
    (A model merged from several sections keeps its first section's organisation.)"""
    new_ids: dict[str | None, str] = {}
    for table, kind in ID_KINDS.items():
        for n, record in enumerate(getattr(result, table), 1):
            new_ids[record.id] = record.id = f"{result.doc_id}:{kind}:{n}"
    for model in result.models:
        model.organisation = new_ids.get(model.organisation) if model.organisation else None


class Sentences:
    """Stands for the whole text's Doc where only its text and sentences are read (the link pass)."""

    def __init__(self, text: str, bounds: list[tuple[int, int]]):
        self.user_data = {TEXT: text, SENTS: bounds}
