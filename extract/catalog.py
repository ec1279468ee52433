"""The searchable catalog: every table of a run in one SQLite file, with full-text search.

``build_catalog(output)`` reads the Parquet tables of a run and writes
``output/catalog.sqlite`` (temporary file + rename, so a reader never sees half a file):

* every table of :data:`extract.write.TABLES` that exists, and the ``factchecks`` table once
  ``vnextract check`` (or a run with checks) has written it (:data:`CATALOG_TABLES`), list
  columns as JSON text, primary keys (``documents.doc_id``, every other ``id``) and foreign
  keys to ``documents``;
* ``seq`` in every table: the row's place in the run's order (documents in input order, each
  document's rows in text order), so ids sort naturally ("fig:2" before "fig:10");
* derived columns for facets (:data:`DERIVED`): the province of a model, figure or
  document (from the ``localities`` table), the type of a model's organisation (from
  ``organisations``) and the year of the document;
* two FTS5 tables, ``models_fts`` (name, aliases, organisation, places, sector, sentence) and
  ``documents_fts`` (title, text), rowid = the row of the table they index.

Search is insensitive to diacritics, "đ" included: FTS5's ``remove_diacritics`` keeps
"đ", so each text is indexed twice, as written (tones normalised, case folded) and folded
(:func:`extract.vntext.accentless_key`: "Đường" → "duong").  A query matches on the folded copy;
rows whose accented text holds the query as written — as a phrase, then word for word, each
first in the row's own fields, then in its sentence (:data:`TIERS`) — rank first, then bm25.
So "hien dat" finds "hiến đất", and "Hương Văn" puts the ward Hương Văn before its
near-namesake Hương Vân.

>>> highlight_spans("Vận động nhân dân hiến đất mở đường", "hien dat")
[(18, 26)]
"""
from __future__ import annotations

import gc
import itertools
import json
import os
import secrets
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Self

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import regex

from .factcheck.findings import FACTCHECKS_SCHEMA
from .vntext import WORD, accentless_key, exact_words, fold_words, normalise_tones
from .write import TABLES, read_rows

CATALOG = "catalog.sqlite"
LOOKUPS_KEPT = 4096  # derived-column lookups remembered (bounded: memory stays flat)
# The tables copied into the catalog (when the run wrote them): the writer's, then the fact-checks'.
CATALOG_TABLES: dict[str, pa.Schema] = {**TABLES, "factchecks": FACTCHECKS_SCHEMA}
SEQ = "seq"  # derived column of every table: the row's place in the run's order
TOKENIZER = "unicode61 remove_diacritics 0"  # accents kept: the folded copy gives the accent-free match
FOLDED = "_folded"  # suffix of the folded copy of an indexed column
# Indexed columns and their bm25 weights (the folded copies weigh the same).
FTS_COLUMNS: dict[str, dict[str, float]] = {
    "models": {"name": 10.0, "aliases": 6.0, "org": 4.0, "localities": 4.0, "sector": 2.0, "sentence": 1.0},
    "documents": {"title": 5.0, "text": 1.0},
}
CONTEXT = {"models": "sentence", "documents": "text"}  # the indexed column that is context, not the row's own
# How well a row matches, best first: the query as written as a phrase, then all its words as
# written, then its words without accents — each first in the row's own fields (name,
# organisation, places, sector; a document's title), then anywhere (with the sentence, the text).
TIERS = (("phrase", True), ("phrase", False), ("words", True), ("words", False), ("folded", True))
EXACTNESS = {0: 0} | {len(TIERS) - i: {"phrase": 2, "words": 1, "folded": 0}[kind] for i, (kind, _) in enumerate(TIERS)}
# Columns added to the run's tables, with their SQLite type and description.
DERIVED: dict[str, dict[str, tuple[str, str]]] = {
    "documents": {
        "year": ("INTEGER", "Year of doc_date."),
        "province": ("TEXT", "Province most of the document's places are in (localities.province), or null."),
    },
    "models": {
        "province": ("TEXT", ("Province of the model's places (localities.province); else the province most of "
                              "the document's places are in; null when no place was resolved.")),
        "new_province": ("TEXT", "The same after the 2025 reorganisation (localities.new_province)."),
        "org_type": ("TEXT", "Type of the model's organisation (organisations.type), or null."),
        "year": ("INTEGER", "Year of the document's date (documents.doc_date)."),
    },
    "figures": {
        "province": ("TEXT", ("Province of the figure's place (figures.place, set by the link pass), or null "
                              "when that place was not resolved in the gazetteer.")),
    },
    "localities": {
        "key": ("TEXT", ("One key per distinct place across documents: its gazetteer code ('code:20017'), else "
                         "its level and accent-free name with its province ('ward huong xuan@thua thien hue').")),
    },
    "organisations": {
        "key": ("TEXT", ("One key per distinct organisation across documents: its accent-free canonical name "
                         "with the province of its place, else of its document ('hoi nong dan xa tan phu@tien giang').")),
    },
}
DERIVED["models"]["key"] = ("TEXT", ("One key per distinct model across documents: its accent-free name with the "
                                     "province of its places, else of its document (models_distinct lists each once)."))
for _table in CATALOG_TABLES:
    DERIVED.setdefault(_table, {})[SEQ] = (
        "INTEGER", ("Place of the row in the run's order (documents in input order, each document's rows in text "
                    "order): ids sort naturally, 'fig:2' before 'fig:10'."))
# Each distinct model once (models.key), with every document that names it.
MODELS_DISTINCT = """
CREATE TABLE models_distinct AS
SELECT m.key AS key,
       (SELECT name FROM models AS n WHERE n.key = m.key GROUP BY name ORDER BY count(*) DESC, min(rowid) LIMIT 1)
           AS name,
       (SELECT org FROM models AS n WHERE n.key = m.key AND org IS NOT NULL
        GROUP BY org ORDER BY count(*) DESC, min(rowid) LIMIT 1) AS org,
       max(m.province) AS province,
       count(DISTINCT m.doc_id) AS n_documents,
       json_group_array(DISTINCT m.doc_id) AS documents,
       (SELECT json_group_array(DISTINCT p.value) FROM models AS n, json_each(n.localities) AS p
        WHERE n.key = m.key) AS places,
       (SELECT json_group_array(DISTINCT n.year) FROM models AS n WHERE n.key = m.key AND n.year IS NOT NULL)
           AS years,
       sum(m.n_mentions) AS n_mentions
FROM models AS m WHERE m.key IS NOT NULL GROUP BY m.key
"""
MODELS_DISTINCT_DESCRIPTIONS = {
    "key": "The model's key (models.key).",
    "name": "Its most frequent name.",
    "org": "Its most frequent organisation, or null.",
    "province": "Its province (models.province).",
    "n_documents": "How many documents name it.",
    "documents": "Those documents (documents.doc_id), as a JSON array.",
    "places": "Every place tied to it in any document, as a JSON array.",
    "years": "The years of those documents, as a JSON array.",
    "n_mentions": "How many times the documents mention it, in all.",
}
FOREIGN_KEYS = {"place": ("localities", "id"), "organisation": ("organisations", "id"),
                "model": ("models", "id")}  # the link pass's fields
INDEXED = {"models": ("province", "sector", "org_type", "year"), "documents": ("year", "province"),
           "figures": ("province",), "organisations": ("type",), "localities": ("province",)}
SENTENCE_END = regex.compile(r"(?<=[.!?…])\s+|\n+")
_SQL_TYPES = {"string": "TEXT", "int64": "INTEGER", "double": "REAL", "bool": "INTEGER"}


class CatalogMissing(FileNotFoundError):
    """The folder holds no run to catalogue."""


# ---------------------------------------------------------------------------- text keys


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of ``text`` whose words fold to a word of ``query``, neighbours merged."""
    wanted = set(fold_words(query).split())
    spans: list[tuple[int, int]] = []
    for m in WORD.finditer(text):
        if accentless_key(m.group()) not in wanted:
            continue
        if spans and not text[spans[-1][1]:m.start()].strip():
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append(m.span())
    return spans


def _year(date: str | None) -> int | None:
    match = regex.match(r"(\d{4})", date or "")
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------------------- context for derived columns


class Context:
    """What the derived columns are looked up in, read before the tables are copied: the
    documents' years, their places and organisations, kept in a private temporary SQLite
    database rather than in dicts, so that memory does not grow with the run (they held
    19.3 MB of Python objects for 2,000 generated documents).  Close it when done."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # private, on disk, deleted when closed
        self._row = lru_cache(maxsize=LOOKUPS_KEPT)(self._lookup)  # per context: freed on close
        self.db.executescript("""
            CREATE TABLE years (doc_id TEXT PRIMARY KEY, year INTEGER);
            -- (doc_id, folded surface) -> provinces; the first row read wins
            CREATE TABLE places (doc_id TEXT, surface TEXT, province TEXT, new_province TEXT,
                                 PRIMARY KEY (doc_id, surface));
            CREATE TABLE locality_ids (id TEXT PRIMARY KEY, province TEXT, new_province TEXT);
            CREATE TABLE doc_province (doc_id TEXT PRIMARY KEY, province TEXT, new_province TEXT);
            -- (doc_id, folded organisation) -> type, and ('', folded organisation) across the run
            CREATE TABLE org_types (doc_id TEXT, surface TEXT, type TEXT, PRIMARY KEY (doc_id, surface));
        """)

    def year(self, doc_id: str) -> int | None:
        return self._one("SELECT year FROM years WHERE doc_id = ?", doc_id)

    def doc_province(self, doc_id: str) -> tuple:
        """The provinces (before, after 2025) most of the document's places are in."""
        return self._pair("SELECT province, new_province FROM doc_province WHERE doc_id = ?", doc_id)

    def locality(self, locality_id: str | None) -> tuple | None:
        return self._pair("SELECT province, new_province FROM locality_ids WHERE id = ?", locality_id, missing=None)

    def place(self, doc_id: str, folded: str) -> tuple | None:
        return self._pair("SELECT province, new_province FROM places WHERE doc_id = ? AND surface = ?",
                          doc_id, folded, missing=None)

    def org_type(self, doc_id: str, folded: str) -> str | None:
        return self._one("SELECT type FROM org_types WHERE doc_id = ? AND surface = ?", doc_id, folded)

    def _one(self, sql: str, *args):
        row = self._row(sql, args)
        return row[0] if row else None

    def _pair(self, sql: str, *args, missing=(None, None)):
        row = self._row(sql, args)
        return tuple(row) if row else missing

    def _lookup(self, sql: str, args: tuple):
        """One lookup; ``_row`` keeps the last LOOKUPS_KEPT, since rows come document by document
        and ask the same questions (a document's year and province, the same place): 10,271
        queries took a third of the catalog of 200 generated documents."""
        return self.db.execute(sql, args).fetchone()

    def close(self) -> None:
        self._row.cache_clear()  # now, not at the next garbage collection (the cache refers to self)
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def table_paths(output_dir: Path) -> dict[str, Path]:
    """The Parquet file of every table of CATALOG_TABLES that the run wrote."""
    return {name: output_dir / f"{name}.parquet" for name in CATALOG_TABLES
            if (output_dir / f"{name}.parquet").exists()}


def _rows(path: Path, columns: list[str]) -> Iterator[dict]:
    """The rows of a table, a batch at a time (only ``columns``; absent ones are None)."""
    for row in read_rows(path.parent, path.stem, columns):
        yield {c: row.get(c) for c in columns}


def read_context(paths: dict[str, Path]) -> Context:
    ctx = Context()
    ctx.db.executemany("INSERT OR IGNORE INTO years VALUES (?, ?)",
                       ((row["doc_id"], _year(row["doc_date"])) for row in _rows(paths["documents"], ["doc_id", "doc_date"])))
    if "localities" in paths:
        _read_localities(ctx, _rows(paths["localities"], ["id", "doc_id", "text", "name", "province", "new_province"]))
    if "organisations" in paths:
        _read_organisations(ctx, _rows(paths["organisations"], ["doc_id", "text", "canonical", "expanded", "type"]))
    return ctx


def _read_organisations(ctx: Context, rows: Iterable[dict]) -> None:
    """The type of each organisation name (as written, canonical, expanded) in its document
    and across the run; the first row read wins."""
    ctx.db.executemany("INSERT OR IGNORE INTO org_types VALUES (?, ?, ?)", (
        (doc_id, folded, row["type"])
        for row in rows if row["type"]
        for folded in dict.fromkeys(_folded_name(s) for s in (row["text"], row["canonical"], row["expanded"]) if s)
        for doc_id in (row["doc_id"], "")))


def _read_localities(ctx: Context, rows: Iterable[dict]) -> None:
    """Places and localities with their provinces, and each document's most frequent
    provinces (the first read among equals, as ``Counter.most_common``)."""
    ctx.db.execute("CREATE TEMP TABLE votes (seq INTEGER PRIMARY KEY, doc_id TEXT, province TEXT, new_province TEXT)")
    resolved = (row for row in rows if row["province"])
    while batch := list(itertools.islice(resolved, 1024)):
        ctx.db.executemany("INSERT OR IGNORE INTO locality_ids VALUES (?, ?, ?)",
                           [(row["id"], row["province"], row["new_province"]) for row in batch])
        ctx.db.executemany("INSERT OR IGNORE INTO places VALUES (?, ?, ?, ?)",
                           [(row["doc_id"], _folded_name(surface), row["province"], row["new_province"])
                            for row in batch for surface in (row["text"], row["name"]) if surface])
        ctx.db.executemany("INSERT INTO votes (doc_id, province, new_province) VALUES (?, ?, ?)",
                           [(row["doc_id"], row["province"], row["new_province"]) for row in batch])
    ctx.db.execute("""
        INSERT INTO doc_province
        SELECT doc_id, province, new_province FROM (
            SELECT doc_id, province, new_province, ROW_NUMBER() OVER (
                PARTITION BY doc_id ORDER BY COUNT(*) DESC, MIN(seq)) AS rank
            FROM votes GROUP BY doc_id, province, new_province)
        WHERE rank = 1""")
    ctx.db.execute("DROP TABLE votes")


def derived_values(table: str, row: dict, ctx: Context) -> dict:
    """The DERIVED columns of one row."""
    doc_id = row.get("doc_id")
    if table == "documents":
        return {"year": ctx.year(doc_id), "province": ctx.doc_province(doc_id)[0]}
    if table == "figures":
        return {"province": (ctx.locality(row.get("place")) or (None, None))[0]}
    if table == "models":
        province, new_province = _model_provinces(row, ctx)
        return {"province": province, "new_province": new_province, "org_type": _org_type(row, ctx),
                "year": ctx.year(doc_id), "key": _cross_document_key(row.get("name"), province)}
    if table == "localities":
        if row.get("code") or row.get("new_code"):
            return {"key": f"code:{row.get('code') or row.get('new_code')}"}
        province = row.get("province") or ctx.doc_province(doc_id)[0]
        return {"key": _cross_document_key(f"{row.get('level')}:{row.get('name')}", province)}
    if table == "organisations":
        place = ctx.place(doc_id, _folded_name(row["locality"])) if row.get("locality") else None
        return {"key": _cross_document_key(row.get("canonical"), (place or ctx.doc_province(doc_id))[0])}
    return {}


@lru_cache(maxsize=LOOKUPS_KEPT)
def _folded_name(name: str) -> str:
    """``fold_words`` of a short text — a name, a place, a province — remembered, since the same
    names come back row after row (never give it a document's text)."""
    return fold_words(name)


def _cross_document_key(name: str | None, province: str | None) -> str | None:
    """A name across documents: accent-free, case-folded, with its province when known."""
    if not name:
        return None
    return f"{_folded_name(name)}@{_folded_name(province)}" if province else _folded_name(name)


def _model_provinces(row: dict, ctx: Context) -> tuple:
    places = (ctx.place(row["doc_id"], _folded_name(surface)) for surface in row.get("localities") or [])
    votes = Counter(p for p in places if p)
    if votes:
        return votes.most_common(1)[0][0]
    return ctx.doc_province(row["doc_id"])


def _org_type(row: dict, ctx: Context) -> str | None:
    for surface in (row.get("org"), row.get("org_canonical")):
        if surface:
            folded = _folded_name(surface)
            found = ctx.org_type(row["doc_id"], folded) or ctx.org_type("", folded)
            if found:
                return found
    return None


# ---------------------------------------------------------------------------- writing


def build_catalog(output_dir: Path) -> Path:
    """Write ``output_dir/catalog.sqlite`` from the run's Parquet tables; returns its path."""
    output_dir = Path(output_dir)
    paths = table_paths(output_dir)
    if "documents" not in paths:
        raise CatalogMissing(f"No documents.parquet in {output_dir}: run `vnextract run INPUT -o {output_dir}` first.")
    tmp = _new_file(output_dir, ".catalog-", ".sqlite")
    try:
        with _without_gc(), read_context(paths) as ctx, closing(sqlite3.connect(tmp)) as conn:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            for name, path in paths.items():
                _write_table(conn, name, path, ctx, tables=set(paths))
            if "models" in paths:
                conn.execute("CREATE INDEX idx_models_key ON models (key)")  # first: the per-key subqueries use it
                conn.execute(MODELS_DISTINCT)
            conn.commit()
        target = output_dir / CATALOG
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


@contextmanager
def _without_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: the build makes millions of short-lived objects
    (rows, cells, lookups) and no cycles, and the collections it triggered cost 4 % of it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _new_file(folder: Path, prefix: str, suffix: str) -> Path:
    """A new empty file in ``folder``, with the permissions of the run's other files (0666
    less the umask, where ``tempfile.mkstemp`` would make it 0600)."""
    while True:
        path = folder / f"{prefix}{secrets.token_hex(8)}{suffix}"
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
            return path
        except FileExistsError:
            continue


def _primary_key(name: str, parquet: pq.ParquetFile) -> str | None:
    """``doc_id`` for documents, ``id`` elsewhere — when the column is there, unique and never null."""
    key = "doc_id" if name == "documents" else "id"
    if key not in parquet.schema_arrow.names:
        return None
    values = parquet.read(columns=[key], use_threads=False).column(key)  # counted in Arrow, not as Python strings
    return key if values.null_count == 0 and pc.count_distinct(values).as_py() == len(values) else None


def _create_sql(name: str, schema: pa.Schema, pk: str | None, tables: set[str]) -> str:
    columns = []
    for f in schema:
        sql_type = "TEXT" if pa.types.is_list(f.type) else _SQL_TYPES.get(str(f.type), "TEXT")
        column = f'"{f.name}" {sql_type}'
        if f.name == pk:
            column += " PRIMARY KEY"
        elif f.name == "doc_id" and name != "documents" and "documents" in tables:
            column += " REFERENCES documents(doc_id)"
        elif name == "figures" and f.name in FOREIGN_KEYS and FOREIGN_KEYS[f.name][0] in tables:
            column += " REFERENCES {}({})".format(*FOREIGN_KEYS[f.name])
        columns.append(column)
    columns += [f'"{col}" {sql_type}' for col, (sql_type, _) in DERIVED.get(name, {}).items()]
    return f'CREATE TABLE "{name}" ({", ".join(columns)})'


def _fts_sql(name: str) -> str:
    columns = list(FTS_COLUMNS[name]) + [c + FOLDED for c in FTS_COLUMNS[name]]
    return f"CREATE VIRTUAL TABLE {name}_fts USING fts5({', '.join(columns)}, tokenize='{TOKENIZER}', content='')"


_JSON = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(value, ensure_ascii=False), built once


def _cell(value):
    """A value as SQLite stores it: lists as JSON text, booleans as integers."""
    if isinstance(value, list):
        return _JSON(value) if value else "[]"
    return int(value) if isinstance(value, bool) else value


def _cells(values: list, arrow_type: pa.DataType) -> list:
    """One column of a batch as SQLite values (:func:`_cell`); text and numbers go as they are."""
    if pa.types.is_string(arrow_type) or pa.types.is_integer(arrow_type) or pa.types.is_floating(arrow_type):
        return values
    return [_cell(v) for v in values]


def _fts_texts(name: str, values: dict[str, list], n: int) -> Iterator[list]:
    """Each indexed column of a batch (of ``n`` rows) as texts, lists joined with "; "."""
    absent = [None] * n
    for column in FTS_COLUMNS[name]:
        texts = values.get(column, absent)
        if name == "models" and column == "aliases":  # the other surfaces of the model and of its organisation
            texts = [(a or []) + (o or []) for a, o in zip(texts, values.get("org_aliases", absent))]
        yield ["; ".join(t) if isinstance(t, list) else t for t in texts]


def _as_written(text: str | None) -> str | None:
    """The copy of a text the FTS tables index as written: tones normalised (the folded copy is
    :func:`extract.vntext.fold_words`)."""
    return normalise_tones(text) if text else None


def _insert_sql(table: str, columns: list[str]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO "{table}" (rowid, {names}) VALUES ({", ".join("?" * (len(columns) + 1))})'


def _write_table(conn: sqlite3.Connection, name: str, path: Path, ctx: Context, tables: set[str]) -> None:
    """Copy one table (streamed in batches), its derived columns, indexes and FTS rows.

    A batch is converted column by column; rows become dicts only for :func:`derived_values`.
    An indexed text is normalised and folded once for the rows that repeat it (a document's
    models often share their sentence): the last texts are kept, per table, not for the run."""
    schema = CATALOG_TABLES[name]
    parquet = pq.ParquetFile(path)
    conn.execute(_create_sql(name, schema, _primary_key(name, parquet), tables))
    columns = schema.names + list(DERIVED.get(name, {}))
    derived = [c for c in DERIVED.get(name, {}) if c != SEQ]
    insert = _insert_sql(name, columns)
    fts = name in FTS_COLUMNS
    if fts:
        conn.execute(_fts_sql(name))
        fts_insert = _insert_sql(f"{name}_fts", list(FTS_COLUMNS[name]) + [c + FOLDED for c in FTS_COLUMNS[name]])
        as_written, folded = lru_cache(maxsize=64)(_as_written), lru_cache(maxsize=64)(fold_words)
    present = [c for c in schema.names if c in parquet.schema_arrow.names]
    rowid = 0
    for batch in parquet.iter_batches(batch_size=512, columns=present, use_threads=False):
        n = batch.num_rows
        rowids = range(rowid + 1, rowid + n + 1)
        rowid += n
        values = {c: batch.column(c).to_pylist() for c in present}
        cells = {c: _cells(values[c], batch.schema.field(c).type) for c in present} | {SEQ: rowids}
        if derived:
            found = [derived_values(name, dict(zip(values, row)), ctx) for row in zip(*values.values())]
            cells |= {c: [d[c] for d in found] for c in derived}
        absent = [None] * n
        conn.executemany(insert, zip(rowids, *(cells.get(c, absent) for c in columns)))
        if fts:
            texts = list(_fts_texts(name, values, n))
            indexed = [list(map(as_written, t)) for t in texts] + [list(map(folded, t)) for t in texts]
            conn.executemany(fts_insert, zip(rowids, *indexed))
    for column in ("doc_id", SEQ, *INDEXED.get(name, ())):
        if column in columns and not (name == "documents" and column == "doc_id"):
            conn.execute(f'CREATE INDEX "idx_{name}_{column}" ON "{name}" ("{column}")')
    if fts:
        conn.execute(f"INSERT INTO {name}_fts({name}_fts) VALUES ('optimize')")


# ---------------------------------------------------------------------------- search


def ensure_catalog(output_dir: Path) -> Path:
    """The run's catalog, (re)built when it is missing or older than the run's tables."""
    output_dir = Path(output_dir)
    target = output_dir / CATALOG
    paths = table_paths(output_dir)
    if not paths:
        if target.exists():
            return target
        raise CatalogMissing(f"No catalog.sqlite in {output_dir}: run `vnextract run INPUT -o {output_dir}` first.")
    if not target.exists() or target.stat().st_mtime < max(p.stat().st_mtime for p in paths.values()):
        try:
            return build_catalog(output_dir)
        except OSError:  # a read-only folder: the catalog there is the best there is
            if not target.exists():
                raise
    return target


def connect(output_dir: Path) -> sqlite3.Connection:
    """A read-only connection to the run's catalog, with ``fold_words`` as SQL ``vn_fold``."""
    conn = sqlite3.connect(ensure_catalog(output_dir).resolve().as_uri() + "?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    conn.create_function("vn_fold", 1, fold_words, deterministic=True)
    return conn


@dataclass(frozen=True)
class Query:
    """A user query as FTS5 expressions: recall on folded words, exactness on the words as written."""

    text: str
    words: tuple[str, ...]
    folded: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        words = tuple(exact_words(text))
        return cls(text, words, tuple(accentless_key(w) for w in words))

    def match(self, table: str, kind: str, own: bool = False) -> str:
        """FTS5 expression: ``kind`` phrase | words (as written) | folded, on the row's own fields or all."""
        columns = [c for c in FTS_COLUMNS[table] if not (own and c == CONTEXT[table])]
        if kind == "folded":
            columns = [c + FOLDED for c in columns]
        words = self.folded if kind == "folded" else self.words
        terms = f'"{" ".join(words)}"' if kind == "phrase" else " ".join(f'"{w}"' for w in words)
        return f"{{{' '.join(columns)}}}: ({terms})"

    def tiers(self, table: str) -> dict[str, str]:
        return {f"tier{i}": self.match(table, kind, own) for i, (kind, own) in enumerate(TIERS)}


def _documents_join(table: str, alias: str) -> str:
    return "" if table == "documents" else f"LEFT JOIN documents AS d ON d.doc_id = {alias}.doc_id"


def _ranked_sql(table: str, alias: str, select: str, filters: list[str]) -> str:
    """Rows matching the folded query, by TIERS, then bm25."""
    weights = ", ".join(str(w) for w in list(FTS_COLUMNS[table].values()) * 2)
    fts = f"{table}_fts"
    arms = " ".join(f"WHEN {alias}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH :tier{i}) THEN {len(TIERS) - i}"
                    for i in range(len(TIERS)))
    where = " AND ".join([f"{fts} MATCH :recall", *filters])
    return (f"SELECT {select}, CASE {arms} ELSE 0 END AS tier, bm25({fts}, {weights}) AS score FROM {fts} "
            f"JOIN {table} AS {alias} ON {alias}.rowid = {fts}.rowid {_documents_join(table, alias)} "
            f"WHERE {where} ORDER BY tier DESC, score, {alias}.rowid LIMIT :limit")


def _unranked_sql(table: str, alias: str, select: str, filters: list[str]) -> str:
    where = " AND ".join(filters) or "1"
    return (f"SELECT {select}, 0 AS tier, 0.0 AS score FROM {table} AS {alias} {_documents_join(table, alias)} "
            f"WHERE {where} ORDER BY d.doc_date, {alias}.rowid LIMIT :limit")


def _filters(alias: str, province, sector, org, year) -> tuple[list[str], dict]:
    """SQL conditions of the command's filters; text filters ignore case and diacritics."""
    clauses, params = [], {}
    if province:
        clauses.append(f"(vn_fold({alias}.province) = :province"
                       + (f" OR vn_fold({alias}.new_province) = :province)" if alias == "m" else ")"))
        params["province"] = fold_words(province)
    if sector:
        clauses.append(f"instr(vn_fold({alias}.sector), :sector) > 0")
        params["sector"] = fold_words(sector)
    if org:
        clauses.append(f"(instr(vn_fold({alias}.org), :org) > 0 OR instr(vn_fold({alias}.org_canonical), :org) > 0)")
        params["org"] = fold_words(org)
    if year is not None:
        clauses.append(f"{alias}.year = :year")
        params["year"] = int(year)
    return clauses, params


def _run(conn: sqlite3.Connection, table: str, alias: str, select: str, query: Query, filters, params, limit):
    params = {**params, "limit": int(limit)}
    if not query.words:
        return conn.execute(_unranked_sql(table, alias, select, filters), params).fetchall()
    params |= {"recall": query.match(table, "folded"), **query.tiers(table)}
    return conn.execute(_ranked_sql(table, alias, select, filters), params).fetchall()


def search_models(conn: sqlite3.Connection, query: str, *, province=None, sector=None, org=None, year=None,
                  limit: int = 20) -> list[dict]:
    """Models matching ``query`` (and the filters), best first."""
    q = Query.parse(query)
    filters, params = _filters("m", province, sector, org, year)
    rows = _run(conn, "models", "m", "m.*, d.title AS title, d.doc_date AS doc_date", q, filters, params, limit)
    return [_model_hit(row, query) for row in rows]


def _model_hit(row: sqlite3.Row, query: str) -> dict:
    keys = ("id", "doc_id", "name", "org", "org_canonical", "org_type", "localities", "province", "new_province",
            "sector", "status", "year", "title", "doc_date", "sentence", "char_start", "char_end")
    hit = {k: row[k] for k in keys}
    hit["localities"] = json.loads(hit["localities"] or "[]")
    hit["sentence"] = hit["sentence"] or hit["name"]
    hit["highlights"] = [list(span) for span in highlight_spans(hit["sentence"], query)]
    hit["exact"] = EXACTNESS[row["tier"]]
    hit["score"] = round(row["score"], 6)
    return hit


def search_documents(conn: sqlite3.Connection, query: str, *, province=None, year=None,
                     limit: int = 20) -> list[dict]:
    """Documents matching ``query``, best first, each with its best-matching sentence."""
    q = Query.parse(query)
    filters, params = _filters("d", province, None, None, year)
    select = "d.doc_id, d.title, d.doc_date, d.year, d.province, d.source, d.status, d.text"
    rows = _run(conn, "documents", "d", select, q, filters, params, limit)
    hits = []
    for row in rows:
        hit = {k: row[k] for k in ("doc_id", "title", "doc_date", "year", "province", "source", "status")}
        start, end = best_sentence(row["text"] or "", query)
        hit |= {"sentence": (row["text"] or "")[start:end], "char_start": start, "char_end": end}
        hit["highlights"] = [list(span) for span in highlight_spans(hit["sentence"], query)]
        hit |= {"exact": EXACTNESS[row["tier"]], "score": round(row["score"], 6)}
        hits.append(hit)
    return hits


def best_sentence(text: str, query: str) -> tuple[int, int]:
    """Offsets of the first of the sentences that match ``query`` best, as :data:`TIERS` rank
    rows: the query as written as a phrase, then the most of its words as written, then the
    most without accents — so an accent-free match never outranks an exact one.  A query
    typed without accents ("hien dat") asks for the words whatever their accents: only the
    number of its words a sentence holds counts.

    >>> text = "Xã hiện đạt 15 tiêu chí. Nhân dân hiến 2.000 m² đất làm đường."
    >>> start, end = best_sentence(text, "hiến đất")
    >>> text[start:end]
    'Nhân dân hiến 2.000 m² đất làm đường.'
    """
    words = exact_words(query)
    folded = {accentless_key(w) for w in words}
    accented = words != [accentless_key(w) for w in words]
    phrase, exact = (" ".join(words), set(words)) if accented else ("", set())
    best, best_rank, start = (0, 0), None, 0
    for end, next_start in [(m.start(), m.end()) for m in SENTENCE_END.finditer(text)] + [(len(text), len(text))]:
        if end > start:
            found = exact_words(text[start:end])
            rank = (bool(phrase) and f" {phrase} " in f" {' '.join(found)} ", len(exact & set(found)),
                    len(folded & {accentless_key(w) for w in found}))
            if best_rank is None or rank > best_rank:
                best, best_rank = (start, end), rank
        start = next_start
    return best


def search(output_dir: Path, query: str, *, province: str | None = None, sector: str | None = None,
           org: str | None = None, year: int | None = None, limit: int = 20) -> list[dict]:
    """Models of the run in ``output_dir`` matching ``query``; accents and case are optional.

    Each hit: id, doc_id, name, org, org_canonical, org_type, localities, province, sector,
    status, year, title, doc_date, sentence, char_start, char_end, highlights (spans of the
    sentence whose words match the query), exact (2: the query as written is in the row as a
    phrase, 1: all its words as written are, 0: only without accents), score (bm25, lower is better).
    """
    with closing(connect(output_dir)) as conn:
        return search_models(conn, query, province=province, sector=sector, org=org, year=year, limit=limit)


# ---------------------------------------------------------------------------- excerpts


def excerpt(text: str, query: str, width: int = 240, anchor: str | None = None) -> str:
    """At most ``width`` characters of ``text``, cut at spaces, where most query words match.

    Ties go to the window nearest ``anchor`` (the model's name) when ``text`` contains it.
    """
    if len(text) <= width:
        return text
    spans = highlight_spans(text, query)
    near = text.casefold().find(anchor.casefold()) if anchor else -1
    best = max(
        ((_window_words(text, spans, s, width), -abs(s - near) if near >= 0 else 0, -s) for s, _ in spans),
        default=(0, 0, 0),
    )
    start = max(0, -best[2] - width // 4)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = text.rfind(" ", start, start + width)
    end = end if end > start else start + width
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _window_words(text: str, spans: list[tuple[int, int]], start: int, width: int) -> int:
    """Distinct folded words highlighted in the window that opens at ``start``."""
    inside = [text[s:e] for s, e in spans if start <= s and e <= start + width * 3 // 4]
    return len({word for piece in inside for word in fold_words(piece).split()})
