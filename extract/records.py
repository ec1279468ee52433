"""Plain value objects that flow between the stages.

Every stage takes the previous stage's value and returns its own; only
``write`` touches the disk.  Offsets (``char_start``/``char_end``) always point
into ``CleanText.text`` — the cleaned text that is kept in the ``documents``
table — so anyone can slice a value back to its source.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class RawDocument:
    """What ``ingest`` read from one file, before any cleaning."""

    path: str
    doc_id: str
    text: str
    format: str  # txt | pdf | docx | html | doc
    encoding: str | None = None  # e.g. "utf-8", "utf-8-sig", "utf-16", "tcvn3"
    pages: int | None = None
    tables: list[list[list[str]]] = field(default_factory=list)
    hints: dict[str, str] = field(default_factory=dict)  # container metadata: html title/date, pdf Title …


@dataclass
class Footnote:
    """A footnote body moved out of the running text, and where its marker was."""

    marker: str  # "1", "2" … (the superscript, normalised to digits)
    char_start: int  # body, in the clean text
    char_end: int
    anchor: int | None  # offset in the clean text where the marker stood (None if no marker found)


@dataclass
class CleanText:
    text: str
    footnotes: list[Footnote] = field(default_factory=list)
    removed_lines: list[str] = field(default_factory=list)
    body_end: int | None = None  # where the running text ends and the moved footnotes begin


@dataclass
class DocMeta:
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    date_text: str | None = None
    author: str | None = None
    source_url: str | None = None
    place: str | None = None


@dataclass
class Figure:
    """One number that quantifies something, with its surface next to its value."""

    text: str
    value: float | None
    unit: str
    char_start: int
    char_end: int
    what: str | None = None
    qualifier: str = "exact"
    per: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    value_max: float | None = None
    surface_unit: str | None = None
    sentence: str | None = None
    id: str | None = None
    doc_id: str | None = None
    locality: str | None = None  # id of the locality the figure is stated for
    model: str | None = None  # id of the model the figure is stated for

    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict (all scalars: no deep copy needed)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class ErrorInfo:
    stage: str  # ingest | clean | metadata | tokenise | figures | write …
    kind: str  # e.g. "empty", "undecodable", "corrupt_pdf", "unsupported"
    message: str


@dataclass
class DocumentResult:
    """Everything the pipeline learnt about one input file."""

    doc_id: str
    source: str
    status: str  # ok | error | needs_ocr | skipped
    format: str | None = None
    encoding: str | None = None
    meta: DocMeta = field(default_factory=DocMeta)
    text: str = ""
    footnotes: list[Footnote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    models: list[dict] = field(default_factory=list)
    localities: list[dict] = field(default_factory=list)
    organisations: list[dict] = field(default_factory=list)
    doc_refs: list[dict] = field(default_factory=list)
    persons: list[dict] = field(default_factory=list)
    campaigns: list[dict] = field(default_factory=list)
    error: ErrorInfo | None = None
    content_hash: str | None = None
    pages: int | None = None
    seconds: float = 0.0
