"""Plain value objects that flow between the stages.

Every stage takes the previous stage's value and returns its own; only
``write`` touches the disk.  Offsets (``char_start``/``char_end``) always point
into ``CleanText.text`` — the cleaned text that is kept in the ``documents``
table — so anyone can slice a value back to its source.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, get_args, get_type_hints


@dataclass
class RawCell:
    """One cell of a table as its file lays it out: the top-left of a merged block, with the
    rows and columns the block covers."""

    row: int  # 0-based
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    is_header: bool = False


@dataclass
class RawTable:
    """A table as read from its file, before any cleaning: rows × columns of cells.

    ``cells`` holds one entry per merged block (its top-left grid position), so a grid
    position covered by a block has no entry of its own.  ``header_rows`` leading rows are
    headers.  Readers put the table in the document text with :func:`render_table` (one
    line per row), which is how the tables pass finds each cell's offsets after cleaning.
    """

    cells: list[RawCell]
    n_rows: int
    n_cols: int
    header_rows: int = 0
    caption: str | None = None  # the heading or paragraph just before the table
    page: int | None = None  # 1-based page of its first row (PDF)


CELL_SEPARATOR = " | "


def table_lines(table: RawTable) -> list[str]:
    """The table as text, one line per row: the row's non-empty cells in column order,
    whitespace collapsed, joined by " | " (a row with no text has no line)."""
    by_row: dict[int, list[RawCell]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, []).append(cell)
    lines = []
    for row in sorted(by_row):
        texts = [" ".join(c.text.split()) for c in sorted(by_row[row], key=lambda c: c.col)]
        if any(texts):
            lines.append(CELL_SEPARATOR.join(t for t in texts if t))
    return lines


def render_table(table: RawTable) -> str:
    """:func:`table_lines` as one block of text."""
    return "\n".join(table_lines(table))


@dataclass
class RawDocument:
    """What ``ingest`` read from one file, before any cleaning."""

    path: str
    doc_id: str
    text: str
    format: str  # txt | pdf | docx | html | doc
    encoding: str | None = None  # e.g. "utf-8", "utf-8-sig", "utf-16", "tcvn3"
    pages: int | None = None
    tables: list[RawTable] = field(default_factory=list)  # each also rendered in ``text``
    hints: dict[str, str] = field(default_factory=dict)  # container metadata: html title/date, pdf Title …
    page_starts: list[int] = field(default_factory=list)  # offset in ``text`` where each page begins (PDF)


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
    page_starts: list[int] = field(default_factory=list)  # offset in ``text`` where each page begins


@dataclass
class DocMeta:
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    date_text: str | None = None
    author: str | None = None
    source_url: str | None = None
    place: str | None = None


def _internal(default=None, factory=None):
    """A field the passes use that is not a column of the record's table."""
    if factory is not None:
        return field(default_factory=factory, metadata={"column": False})
    return field(default=default, metadata={"column": False})


class Record:
    """Base of the entity records: one row of one output table each.

    ``TABLE`` names the table; its columns are the dataclass fields in order, except those
    declared with ``_internal`` (``write.TABLES`` and ``schemas/`` derive from them).  A
    field typed ``X | None`` is a nullable column, any other is required, and so are
    ``id`` and ``doc_id``, which the pipeline sets before anything is written.
    """

    TABLE: ClassVar[str] = ""

    @classmethod
    def columns(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.metadata.get("column", True)]

    @classmethod
    def required(cls) -> set[str]:
        """Columns never null in a written row."""
        hints = get_type_hints(cls)
        return {name for name in cls.columns()
                if name in ("id", "doc_id") or type(None) not in get_args(hints[name])}

    def to_dict(self) -> dict[str, Any]:
        """Every field (internal ones included) as plain JSON-ready values."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    def table_row(self) -> dict[str, Any]:
        """The table row: the columns only (``n_mentions`` counts the mentions)."""
        row = {name: _plain(getattr(self, name)) for name in self.columns()}
        if "n_mentions" in row:
            row["n_mentions"] = len(self.mentions) or 1
        return row

    def add_mention(self, char_start: int, char_end: int) -> None:
        """One more place the document names the entity (records with ``mentions``)."""
        self.mentions.append({"char_start": char_start, "char_end": char_end})


def _plain(value):
    if isinstance(value, list):
        return [dict(v) if isinstance(v, dict) else v for v in value]
    return value


@dataclass(kw_only=True)
class Figure(Record):
    """One number that quantifies something, with its surface next to its value.

    The link pass (``passes/link.py``) sets what it is stated for: ``place`` (a locality
    id) and where that place was found (``place_source``), ``organisation`` and ``model``
    (ids), and the period (``period_text`` as written, ``period_start``/``period_end`` as
    YYYY-MM-DD).
    """

    TABLE: ClassVar[str] = "figures"

    id: str | None = None
    doc_id: str | None = None
    text: str
    value: float | None
    value_max: float | None = None
    unit: str
    currency: str | None = None  # ISO 4217 code of a sum of money: VND, USD, EUR …
    surface_unit: str | None = None
    per: str | None = None
    what: str | None = None
    qualifier: str = "exact"
    numerator: float | None = None
    denominator: float | None = None
    place: str | None = None
    place_source: str | None = None
    organisation: str | None = None
    model: str | None = None
    period_text: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    table_id: str | None = None  # a table cell's figure: its table (tables.id), row and column
    row: int | None = None
    col: int | None = None
    row_label: str | None = None  # the row's header cell ("Xã Cam Thành")
    col_label: str | None = None  # the column's header, joined over header rows with " / "
    page: int | None = None
    char_start: int
    char_end: int
    sentence: str | None = None


@dataclass(kw_only=True)
class Locality(Record):
    """One place mention, linked to the gazetteer (``gazetteer.Gazetteer.describe``)."""

    TABLE: ClassVar[str] = "localities"

    id: str | None = None
    doc_id: str | None = None
    text: str
    level: str
    name: str
    level_inferred: bool | None
    char_start: int
    char_end: int
    page: int | None = None
    sentence: str | None = None
    code: str | None = None
    province: str | None = None
    district: str | None = None
    new_code: str | None = None
    new_name: str | None = None
    new_province: str | None = None


@dataclass(kw_only=True)
class Organisation(Record):
    """One organisation mention: the body as written, its canonical name and type."""

    TABLE: ClassVar[str] = "organisations"

    id: str | None = None
    doc_id: str | None = None
    text: str
    canonical: str
    type: str
    char_start: int
    char_end: int
    page: int | None = None
    expanded: str | None = None
    locality: str | None = None  # the place in its name, as written
    sentence: str | None = None


@dataclass(kw_only=True)
class Model(Record):
    """One model (mô hình) per document and organisation, with all its mentions."""

    TABLE: ClassVar[str] = "models"

    id: str | None = None
    doc_id: str | None = None
    name: str
    char_start: int
    char_end: int
    page: int | None = None
    org: str | None = None
    org_canonical: str | None = None
    organisation: str | None = None  # id of the organisation record that runs it
    localities: list[str] = field(default_factory=list)
    sector: str | None = None
    status: str | None = None
    aliases: list[str] = field(default_factory=list)
    org_aliases: list[str] = field(default_factory=list)
    n_mentions: int = 1
    sentence: str | None = None
    mentions: list[dict] = _internal(factory=list)


@dataclass(kw_only=True)
class Campaign(Record):
    """A campaign or movement (phong trào, cuộc vận động …): named, but not a model."""

    TABLE: ClassVar[str] = "campaigns"

    id: str | None = None
    doc_id: str | None = None
    name: str
    char_start: int
    char_end: int
    page: int | None = None
    label: str | None = None
    n_mentions: int = 1
    mentions: list[dict] = _internal(factory=list)


@dataclass(kw_only=True)
class DocRef(Record):
    """A numbered document reference ("Nghị quyết số 04-NQ/ThU"), one per number."""

    TABLE: ClassVar[str] = "doc_refs"

    id: str | None = None
    doc_id: str | None = None
    text: str
    type: str | None
    number: str
    char_start: int
    char_end: int
    page: int | None = None
    issuer: str | None = None
    date: str | None = None
    sentence: str | None = None
    own: bool = _internal(False)  # the document's own number (its header)
    mentions: list[dict] = _internal(factory=list)


@dataclass(kw_only=True)
class Person(Record):
    """A named person, with the role and organisation written beside the name."""

    TABLE: ClassVar[str] = "persons"

    id: str | None = None
    doc_id: str | None = None
    name: str
    text: str
    char_start: int
    char_end: int
    page: int | None = None
    role: str | None = None
    org: str | None = None
    sentence: str | None = None
    honorific: str | None = _internal()
    source: str | None = _internal()
    mentions: list[dict] = _internal(factory=list)


@dataclass(kw_only=True)
class Table(Record):
    """One table of a document, rendered in the cleaned text one row per line."""

    TABLE: ClassVar[str] = "tables"

    id: str | None = None
    doc_id: str | None = None
    caption: str | None = None
    page: int | None = None
    n_rows: int
    n_cols: int
    header_rows: int
    char_start: int
    char_end: int


@dataclass(kw_only=True)
class Cell(Record):
    """One cell of a table (the top-left of a merged block), where it stands in the cleaned
    text; an empty cell has no offsets."""

    TABLE: ClassVar[str] = "cells"

    id: str | None = None
    doc_id: str | None = None
    table_id: str
    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    is_header: bool = False
    char_start: int | None = None
    char_end: int | None = None


ENTITY_RECORDS: tuple[type[Record], ...] = (Model, Campaign, Locality, Organisation, DocRef, Person, Table, Cell)


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
    models: list[Model] = field(default_factory=list)
    localities: list[Locality] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    doc_refs: list[DocRef] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)  # offset in ``text`` where each page begins
    error: ErrorInfo | None = None
    content_hash: str | None = None
    pages: int | None = None
    seconds: float = 0.0
