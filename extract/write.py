"""Write a run: ``records.jsonl`` and one Parquet + CSV file per table.

Results are streamed as documents finish (a JSONL line each, Parquet row groups of
``BATCH`` documents, CSV rows appended), into a temporary folder inside the output
folder; ``close`` moves the finished files into place, so a run killed half-way
leaves the previous dataset intact.  The JSON Schemas in ``schemas/`` describe the
same columns (a test checks they agree).
"""
from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, get_args, get_origin, get_type_hints

import orjson
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.json as pa_json
import pyarrow.parquet as pq

from .passes.tables import column_labels
from .records import ENTITY_RECORDS, DocumentResult, ErrorInfo, Figure, Record

BATCH = 64  # documents per Parquet row group

_S, _F, _I, _B = pa.string(), pa.float64(), pa.int64(), pa.bool_()

_DOCUMENTS = pa.schema(
    [
        ("doc_id", _S), ("source", _S), ("format", _S), ("encoding", _S), ("status", _S),
        ("error_stage", _S), ("error_kind", _S), ("error", _S),
        ("title", _S), ("doc_date", _S), ("author", _S), ("source_url", _S), ("place", _S),
        ("pages", _I), ("n_chars", _I), ("n_figures", _I), ("content_hash", _S),
        ("duplicate_of", _S), ("text", _S),
    ]
)
_ERRORS = pa.schema([("doc_id", _S), ("source", _S), ("stage", _S), ("kind", _S), ("message", _S)])


def arrow_schema(record: type[Record]) -> pa.Schema:
    """The table of a record type: its columns, typed from the dataclass's annotations."""
    hints = get_type_hints(record)
    return pa.schema([(name, _arrow_type(hints[name])) for name in record.columns()])


def _arrow_type(hint) -> pa.DataType:
    args = [a for a in get_args(hint) if a is not type(None)]
    if get_origin(hint) is list:
        return pa.list_(_arrow_type(args[0]))
    if args and hint is not list:  # X | None
        return _arrow_type(args[0])
    return {str: _S, float: _F, int: _I, bool: _B}[hint]


TABLES: dict[str, pa.Schema] = {  # the entity tables are their records' columns
    "documents": _DOCUMENTS,
    **{record.TABLE: arrow_schema(record) for record in (Figure, *ENTITY_RECORDS)},
    "errors": _ERRORS,
}
ENTITY_TABLES = tuple(record.TABLE for record in ENTITY_RECORDS)
TITLES: dict[str, str] = {  # one line per table: the JSON Schemas' descriptions and outputs/README.md
    "documents": "One input file and what became of it; every input file has exactly one row.",
    "figures": "One figure: a number that quantifies something, with its source offsets.",
    "models": "One model (mô hình) per document and organisation, with all its mentions.",
    "campaigns": "One campaign or movement named in a document.",
    "localities": "One place mention, linked to the administrative-units gazetteer.",
    "organisations": "One organisation mention.",
    "doc_refs": "One document reference (per number and document).",
    "persons": "One named person.",
    "tables": "One table of a document (DOCX, HTML, PDF, .doc or '|' lines of a text).",
    "cells": "One cell of a table: the top-left cell of a merged block, with the block's spans.",
    "errors": "One failure of one document (the run goes on).",
}


def record(result: DocumentResult) -> dict:
    """One ``records.jsonl`` line (see ``schemas/records.schema.json``)."""
    error = result.error
    return {
        "doc_id": result.doc_id,
        "source": result.source,
        "title": result.meta.title,
        "doc_date": result.meta.date,
        "author": result.meta.author,
        "source_url": result.meta.source_url,
        "place": result.meta.place,
        "format": result.format,
        "encoding": result.encoding,
        "status": result.status,
        "error": None if error is None else {"stage": error.stage, "kind": error.kind, "message": error.message},
        "figures": [_without_doc_id(f.to_dict()) for f in result.figures],
        "models": [m.to_dict() for m in result.models],
        "localities": distinct_surfaces(result.localities),
        "organisations": distinct_surfaces(result.organisations),
        "doc_refs": [r.to_dict() for r in result.doc_refs],
        "persons": [p.to_dict() for p in result.persons],
        "campaigns": [c.to_dict() for c in result.campaigns],
        "tables": [t.to_dict() for t in result.tables],
        "cells": [c.to_dict() for c in result.cells],
    }


def distinct_surfaces(mentions: list[Record]) -> list[dict]:
    """Per type, as the records list them: the first mention of each surface, with all its offsets."""
    out: dict[str, dict] = {}
    for item in mentions:
        offsets = {"char_start": item.char_start, "char_end": item.char_end}
        if item.text in out:
            out[item.text]["mentions"].append(offsets)
        else:
            out[item.text] = {**item.to_dict(), "mentions": [offsets]}
    return list(out.values())


def _without_doc_id(row: dict) -> dict:
    row.pop("doc_id", None)
    return row


def table_rows(result: DocumentResult) -> dict[str, list[dict]]:
    error = result.error
    meta = result.meta
    documents = {
        "doc_id": result.doc_id, "source": result.source, "format": result.format,
        "encoding": result.encoding, "status": result.status,
        "error_stage": error.stage if error else None, "error_kind": error.kind if error else None,
        "error": error.message if error else None,
        "title": meta.title, "doc_date": meta.date, "author": meta.author,
        "source_url": meta.source_url, "place": meta.place, "pages": result.pages,
        "n_chars": len(result.text), "n_figures": len(result.figures),
        "content_hash": result.content_hash, "duplicate_of": None,  # set by the fact-checks (factcheck.duplicates)
        "text": result.text,
    }
    figures = [{**f.table_row(), "doc_id": result.doc_id} for f in result.figures]
    for row in figures:
        for key in ("value_max", "numerator", "denominator"):
            row[key] = None if row[key] is None else float(row[key])
    errors = (
        [{"doc_id": result.doc_id, "source": result.source, "stage": error.stage, "kind": error.kind,
          "message": error.message}]
        if error and result.status != "skipped" else []
    )
    rows = {"documents": [documents], "figures": figures, "errors": errors}
    for name in ENTITY_TABLES:
        rows[name] = [{**item.table_row(), "doc_id": result.doc_id} for item in getattr(result, name)]
    return rows


def csv_cells(row: dict, names: list[str]) -> list:
    """The row's cells in column order; CSV cells are scalars, so lists become JSON arrays."""
    cells = [row.get(name) for name in names]
    return [orjson.dumps(v).decode() if isinstance(v, list) else v for v in cells]


@dataclass(frozen=True)
class Encoded:
    """One document as the writer writes it: its ``records.jsonl`` line (none for a
    skipped file) and, per table, its rows as JSON lines (read into Parquet row groups)
    and as CSV text.  A worker encodes what it processed, so the process that writes
    only appends bytes; what the run must count comes along."""

    doc_id: str
    source: str
    status: str
    figures: int
    error: ErrorInfo | None
    record: bytes
    json_rows: dict[str, bytes]
    csv_rows: dict[str, str]
    table_csvs: dict[str, str]  # file name under tables/ → the table as a spreadsheet


def encode(result: DocumentResult, formats: tuple[str, ...] = ("parquet", "csv")) -> Encoded:
    """``result`` as :class:`Encoded`, for the tables of these formats."""
    json_rows, csv_rows = {}, {}
    for name, rows in table_rows(result).items():
        if "parquet" in formats:
            json_rows[name] = b"".join([orjson.dumps(row) + b"\n" for row in rows])
        if "csv" in formats:
            text = io.StringIO()
            names = TABLES[name].names
            csv.writer(text).writerows(csv_cells(row, names) for row in rows)
            csv_rows[name] = text.getvalue()
    line = b"" if result.status == "skipped" else orjson.dumps(record(result)) + b"\n"
    return Encoded(result.doc_id, result.source, result.status, len(result.figures), result.error, line,
                   json_rows, csv_rows, table_csvs(result))


TABLES_FOLDER = "tables"  # each table of each document as its own CSV: tables/<doc_id>__<n>.csv


def table_csvs(result: DocumentResult) -> dict[str, str]:
    r"""Each table of the document as a tidy CSV: one header line (each column's header over
    every header row, joined with " / "), then one line per data row; a cell merged down
    repeats in every row it covers.

    >>> from extract.pipeline import process_text
    >>> csvs = table_csvs(process_text("Đơn vị | Số hộ\nXã Cam Thành | 340\nXã Cam Chính | 215", "d"))
    >>> print(csvs["d__1.csv"], end="")
    Đơn vị,Số hộ
    Xã Cam Thành,340
    Xã Cam Chính,215
    """
    by_table: dict[str, list] = {}
    for cell in result.cells:
        by_table.setdefault(cell.table_id, []).append(cell)
    out = {}
    for n, table in enumerate(result.tables, 1):
        cells = by_table.get(table.id, [])
        labels = column_labels(table, cells)
        grid = [[""] * table.n_cols for _ in range(table.header_rows, table.n_rows)]
        for cell in cells:
            for row in range(max(cell.row, table.header_rows), min(cell.row + max(cell.row_span, 1), table.n_rows)):
                if cell.col < table.n_cols:
                    grid[row - table.header_rows][cell.col] = cell.text
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow([labels.get(col, "") for col in range(table.n_cols)])
        writer.writerows(grid)
        out[f"{result.doc_id}__{n}.csv"] = text.getvalue()
    return out


def arrow_table(data: bytes, schema: pa.Schema) -> pa.Table:
    """JSON lines as an Arrow table of ``schema`` (columns in its order; other keys ignored).

    The rows go through Arrow's JSON reader rather than ``Table.from_pydict``: it is
    faster here, and converting Python lists makes pyarrow import pandas (≈0.3 s of a
    run's start).  One block, one thread: a row may be a whole document's text.
    """
    table = pa_json.read_json(
        io.BytesIO(data),
        read_options=pa_json.ReadOptions(use_threads=False, block_size=len(data) + 1),
        parse_options=pa_json.ParseOptions(explicit_schema=schema, unexpected_field_behavior="ignore"),
    )
    return table.select(schema.names)


def read_rows(output_dir: Path, name: str, columns: list[str] | None = None) -> Iterator[dict]:
    """Rows of one table of a run, a batch at a time, from Parquet, else from CSV; none when
    absent.  ``columns`` (Parquet only) reads just those."""
    parquet, csv_path = output_dir / f"{name}.parquet", output_dir / f"{name}.csv"
    if parquet.exists():
        handle = pq.ParquetFile(parquet)
        present = [c for c in columns if c in handle.schema_arrow.names] if columns else None
        for batch in handle.iter_batches(batch_size=256, columns=present, use_threads=False):  # small batches: faster
            yield from _batch_rows(batch)
    elif csv_path.exists():
        schema = TABLES.get(name, pa.schema([]))
        types = {f.name: f.type for f in schema if not pa.types.is_list(f.type)}
        options = pacsv.ConvertOptions(column_types=types, strings_can_be_null=True)
        parse = pacsv.ParseOptions(newlines_in_values=True)  # a text cell holds its line breaks
        for batch in pacsv.open_csv(csv_path, parse_options=parse, convert_options=options):
            yield from _batch_rows(batch)


def _batch_rows(batch: pa.RecordBatch) -> Iterator[dict]:
    """The rows of a batch as dicts, converted column by column (``to_pylist`` builds each
    row's values one at a time, twice as slow on a run's figures)."""
    if not batch.num_columns:
        yield from batch.to_pylist()
        return
    names = batch.schema.names
    for values in zip(*(column.to_pylist() for column in batch.columns)):
        yield dict(zip(names, values))


README = "README.md"  # what each file of the output folder is: outputs_readme()


def outputs_readme() -> str:
    """The README the writer puts in every output folder (and ``outputs/README.md`` is):
    every table of :data:`TABLES` with its title and JSON Schema, ``records.jsonl``, the
    per-table CSVs, and what the fact-checks, the catalog and the report add."""
    from .catalog import CATALOG  # imported here: catalog and the fact-checks import this module
    from .factcheck.findings import FACTCHECKS_TITLE
    from .report import REPORT

    def row(file: str, what: str, schema: str | None = None) -> str:
        cells = [f"`{file}`", what, f"`schemas/{schema}.schema.json`" if schema else ""]
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    rows = [
        row(README, "This file."),
        row("records.jsonl", "One JSON object per input document (skipped files excepted): its metadata, status "
            "and every record found in it.", "records"),
        *(row(f"{name}.parquet` / `{name}.csv", TITLES[name], name) for name in TABLES),
        row(f"{TABLES_FOLDER}/<doc_id>__<n>.csv", "The document's n-th table (its `tables` row) as a spreadsheet: one "
            "header line (each column's headers joined with ' / '), then one line per data row."),
        row("factchecks.parquet` / `factchecks.csv", FACTCHECKS_TITLE + " Written after the tables (`vnextract check`, "
            "or a run with Parquet and without `--no-checks`).", "factchecks"),
        row(CATALOG, "Every table above in one SQLite file, with full-text search over models and documents "
            "(`vnextract search`, `vnextract serve`); built after the fact-checks."),
        row(REPORT, "One self-contained HTML page about the run: summary, charts, fact-check findings and each "
            "document with its spans highlighted (`vnextract report`)."),
        row(".vnextract/state.sqlite", "The manifest and result cache: a re-run skips unchanged documents."),
    ]
    return "\n".join([
        "# outputs/",
        "",
        "`vnextract run` writes here by default (`-o DIR` to choose another folder). Everything but",
        "this README is git-ignored. The writer puts this README in every output folder",
        "(`extract.write.outputs_readme()`; a test keeps this copy equal to it). A run writes:",
        "",
        "| file | what | schema |",
        "| --- | --- | --- |",
        *rows,
        "",
        "Each table is written as Parquet and as CSV (`--formats` chooses; a list is a JSON array in a",
        "CSV cell). Offsets (`char_start`, `char_end`) point into `documents.text`. Files are written",
        "into a temporary folder here and moved into place when the run ends, so an interrupted run",
        "leaves the previous dataset intact.",
        "",
    ])


class DatasetWriter:
    """Streams results to ``output``; use as a context manager."""

    def __init__(self, output: Path, formats: tuple[str, ...] = ("parquet", "csv")):
        self.output = Path(output)
        self.formats = formats
        self.output.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=".run-", dir=self.output))
        self.jsonl = open(self.tmp / "records.jsonl", "wb")  # UTF-8 JSON lines
        self.buffers: dict[str, list[bytes]] = {name: [] for name in TABLES}  # JSON lines
        self.pending = 0
        self.parquet: dict[str, pq.ParquetWriter] = {}
        self.csv_files = {}
        if "csv" in formats:
            for name, schema in TABLES.items():
                handle = open(self.tmp / f"{name}.csv", "w", encoding="utf-8", newline="")
                csv.writer(handle).writerow(schema.names)
                self.csv_files[name] = handle
        if "parquet" in formats:
            for name, schema in TABLES.items():
                self.parquet[name] = pq.ParquetWriter(self.tmp / f"{name}.parquet", schema)

    def encode(self, result: DocumentResult) -> Encoded:
        return encode(result, self.formats)

    def add(self, item: DocumentResult | Encoded) -> None:
        """Write one document, as a result or already encoded; a skipped file (unsupported
        type) only gets its ``documents`` row."""
        encoded = item if isinstance(item, Encoded) else self.encode(item)
        self.jsonl.write(encoded.record)
        for name, text in encoded.table_csvs.items():
            folder = self.tmp / TABLES_FOLDER
            folder.mkdir(exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        for name, text in encoded.csv_rows.items():
            self.csv_files[name].write(text)
        for name, lines in encoded.json_rows.items():
            if lines:
                self.buffers[name].append(lines)
        self.pending += 1
        if self.pending >= BATCH:
            self.flush()

    def flush(self) -> None:
        for name, chunks in self.buffers.items():
            if chunks and name in self.parquet:
                self.parquet[name].write_table(arrow_table(b"".join(chunks), TABLES[name]))
            self.buffers[name] = []
        self.pending = 0

    def close(self) -> None:
        """Finish every file and move them into the output folder."""
        self.flush()
        self.jsonl.close()
        for writer in self.parquet.values():
            writer.close()
        for handle in self.csv_files.values():
            handle.close()
        (self.tmp / README).write_text(outputs_readme(), encoding="utf-8")
        shutil.rmtree(self.output / TABLES_FOLDER, ignore_errors=True)  # the last run's tables
        for path in sorted(self.tmp.iterdir()):
            path.replace(self.output / path.name)
        self.tmp.rmdir()

    def abort(self) -> None:
        for handle in [self.jsonl, *self.csv_files.values()]:
            handle.close()
        for writer in self.parquet.values():
            try:
                writer.close()
            except Exception:  # noqa: BLE001 — best effort while failing
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> "DatasetWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
