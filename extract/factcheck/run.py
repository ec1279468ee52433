"""Running every check over a run and writing the ``factchecks`` table as the findings come.
"""
from __future__ import annotations

import csv
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

import orjson
import pyarrow.parquet as pq

from ..write import arrow_table, csv_cells
from .breakdowns import check_breakdowns
from .duplicates import Duplicates, mark_duplicates
from .facts import Doc, iter_docs
from .findings import AGREEING, FACTCHECKS_SCHEMA, Finding
from .ratios import check_ratios, check_shares
from .restated import Restated
from .tables import check_table_restated, check_table_totals

# ---------------------------------------------------------------------------- the command


KIND_ORDER = ("total_breakdown", "part_of_whole", "ratio_above_one", "share_above_100", "table_total",
              "table_restated", "restated")


def find_all(docs: Iterable[Doc], copies: Duplicates | None = None) -> Iterator[Finding]:
    """Every check on every document as it comes, then the restated facts across documents;
    the findings in the table's order (by kind, then the figures' offsets).  Each document
    is also added to ``copies`` (a private one when none is given): a copy is checked as any
    document, but states no restated fact of its own."""
    with _InTableOrder() as found, closing(Restated()) as restated, ExitStack() as stack:
        if copies is None:
            copies = stack.enter_context(closing(Duplicates()))
        for doc in docs:
            own = {doc.doc_id: doc}
            found.add(check_breakdowns(doc, own) + check_ratios(doc, own) + check_shares(doc, own)
                      + check_table_totals(doc, own) + check_table_restated(doc, own))
            restated.add(doc)
            copies.add(doc.doc_id, doc.date, doc.text)
        found.add(restated.findings(copies=set(copies.duplicate_of())))
        yield from found


class _InTableOrder:
    """Findings sorted in a temporary SQLite table rather than in memory: 2,000 generated
    documents gave 19,128 of them, each with its sentences.  The order is Python's for
    ``(KIND_ORDER.index(kind), offsets)``, ties in the order added: the offsets, each
    ended by a character lower than any in them, compare as the lists do, and SQLite
    compares their UTF-8 bytes in code point order."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # private, on disk, deleted when closed
        self.db.execute("CREATE TABLE found (kind INTEGER, offsets BLOB, seq INTEGER, body BLOB)")
        self.seq = 0

    def add(self, findings: Iterable[Finding]) -> None:
        self.db.executemany("INSERT INTO found VALUES (?, ?, ?, ?)", map(self._row, findings))  # one at a time

    def _row(self, f: Finding) -> tuple:
        self.seq += 1
        offsets = "".join(o + "\x00" for o in f.offsets).encode()
        return KIND_ORDER.index(f.kind), offsets, self.seq, orjson.dumps(f.__dict__)

    def __iter__(self) -> Iterator[Finding]:
        for (body,) in self.db.execute("SELECT body FROM found ORDER BY kind, offsets, seq"):
            yield Finding(**orjson.loads(body))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()


class FindingsWriter:
    """Writes the ``factchecks`` table finding by finding: a Parquet row group every
    ``ROWS`` findings (read from JSON lines, as the run's tables: ``write.arrow_table``),
    a CSV line each.  The files are written beside the old ones and replace them when
    complete."""

    ROWS = 4096

    def __init__(self, output_dir: Path, formats=("parquet", "csv")):
        self.output_dir, self.rows = Path(output_dir), []
        self.parquet = self.csv = None
        if "parquet" in formats:
            self.parquet = pq.ParquetWriter(self._tmp("parquet"), FACTCHECKS_SCHEMA)
        if "csv" in formats:
            self.csv_file = open(self._tmp("csv"), "w", encoding="utf-8", newline="")  # noqa: SIM115 (__exit__)
            self.csv = csv.writer(self.csv_file)
            self.csv.writerow(FACTCHECKS_SCHEMA.names)

    def _tmp(self, ext: str) -> Path:
        return self.output_dir / f".factchecks.{ext}.part"

    def add(self, finding: Finding) -> None:
        row = finding.row()
        if self.csv:
            self.csv.writerow(csv_cells(row, FACTCHECKS_SCHEMA.names))  # lists as the run's tables write them
        if self.parquet:
            self.rows.append(orjson.dumps(row) + b"\n")
            if len(self.rows) >= self.ROWS:
                self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.parquet.write_table(arrow_table(b"".join(self.rows), FACTCHECKS_SCHEMA))
            self.rows = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.parquet:
            self._flush()
            self.parquet.close()
        if self.csv:
            self.csv_file.close()
        for ext, used in (("parquet", self.parquet), ("csv", self.csv)):
            if used and exc_type is None:
                self._tmp(ext).replace(self.output_dir / f"factchecks.{ext}")
            elif used:
                self._tmp(ext).unlink(missing_ok=True)


@dataclass
class Checked:
    """What ``check`` found: the count of each verdict, and ``findings``: all of them, or
    with ``keep`` the first ``keep`` in the table's order after problems are put first
    (what ``format_findings`` shows), so that memory does not grow with the run."""

    keep: int | None = None
    counts: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    total: int = 0
    _first: dict[bool, list] = field(default_factory=lambda: {False: [], True: []}, repr=False)  # by "agrees"

    def add(self, finding: Finding) -> None:
        self.counts[finding.verdict] += 1
        self.total += 1
        if self.keep is None:
            self.findings.append(finding)
        elif len(first := self._first[finding.verdict in AGREEING]) < self.keep:
            first.append((self.total, finding))

    def summary(self) -> str:
        """'10 findings: 1 compatible, 1 consistent, 8 verified' (verdicts in alphabetical order)."""
        return f"{self.total} findings: {self.verdicts()}"

    def verdicts(self) -> str:
        return ", ".join(f"{n} {v}" for v, n in sorted(self.counts.items()))

    def done(self) -> Checked:
        if self.keep is not None:
            ranked = (self._first[False] + self._first[True])[: self.keep]
            self.findings = [finding for _, finding in sorted(ranked, key=lambda pair: pair[0])]
        return self


def check(output_dir: Path, formats=("parquet", "csv"), keep: int | None = None) -> Checked:
    """Fact-check the run in ``output_dir`` and write its ``factchecks`` table there, one
    finding at a time; ``keep``: how many findings to return (see :class:`Checked`).  The
    copies among its documents (``duplicates.py``), found in the same single read of the
    documents, are then written to ``documents.duplicate_of``: a copy is checked as any
    document, but states no restated fact of its own."""
    output_dir = Path(output_dir)
    checked = Checked(keep)
    with closing(Duplicates()) as copies:
        with FindingsWriter(output_dir, formats) as writer:
            for finding in find_all(iter_docs(output_dir), copies):
                writer.add(finding)
                checked.add(finding)
        mark_duplicates(output_dir, copies.duplicate_of())
    return checked.done()


def shown(findings: list[Finding], limit: int) -> list[Finding]:
    """At most ``limit`` findings, problems before the verified and consistent ones, in order."""
    ranked = sorted(findings, key=lambda f: f.verdict in AGREEING)
    keep = {id(f) for f in ranked[:limit]}
    return [f for f in findings if id(f) in keep]
