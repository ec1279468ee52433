"""Finishing a table the readers have placed on its grid (docx, html, doc).

A reader places each cell it reads at its grid position with its spans
(:class:`~extract.records.RawCell`); :func:`finish_table` then makes the table whole:

- columns are as many as the rightmost cell start needs, and spans are cut to the grid
  (a ``colspan="100"`` spacer row does not widen the table);
- a grid position that no cell starts at or covers (a short, ragged row) gets an empty
  cell, so every row is ``n_cols`` wide;
- unless the file marks them, the header rows are the leading rows with no number in any
  cell after the first column, at most ``max_header_rows`` (``data/tables.json``)
  (:func:`guess_header_rows`); cells in header rows are ``is_header``.

Work and memory grow with the grid (one byte per position), never with its square.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

import regex

from ..lexicons import load_data
from ..records import RawCell, RawTable
from .encodings import repair_with

MAX_CAPTION_CHARS = 150  # a longer paragraph before a table is running text, not its caption
# A cell holds a number when its text starts with one: "12", "1.155,3", "-5", "45%", "12 mô hình";
# "Năm 2023" (a column heading) does not.
NUMBER_FIRST = re.compile(r"^[-+−]?\d")
INDEX = re.compile(r"^\d{1,3}\.?$")  # "1", "12." in the first column: a row's number ("2023" is a heading)


def finish_table(cells: list[RawCell], n_rows: int, header_rows: int | None = None,
                 caption: str | None = None) -> RawTable:
    """A whole table from the cells a reader placed; ``header_rows=None`` guesses them."""
    n_cols = max((cell.col for cell in cells), default=-1) + 1
    for cell in cells:
        cell.row_span = max(1, min(cell.row_span, n_rows - cell.row))
        cell.col_span = max(1, min(cell.col_span, n_cols - cell.col))
    cells = sorted(cells + empty_cells(cells, n_rows, n_cols), key=lambda cell: (cell.row, cell.col))
    if header_rows is None:
        header_rows = guess_header_rows(cells, n_rows)
    for cell in cells:
        cell.is_header = cell.is_header or cell.row < header_rows
    return RawTable(cells=cells, n_rows=n_rows, n_cols=n_cols, header_rows=header_rows,
                    caption=caption_text(caption))


def empty_cells(cells: list[RawCell], n_rows: int, n_cols: int) -> list[RawCell]:
    """An empty cell at each grid position no cell starts at or covers."""
    taken = [bytearray(n_cols) for _ in range(n_rows)]
    for cell in cells:
        for row in range(cell.row, cell.row + cell.row_span):
            taken[row][cell.col : cell.col + cell.col_span] = b"\x01" * cell.col_span
    return [RawCell(row, col, "") for row, used in enumerate(taken)
            for col in range(n_cols) if not used[col]]


@lru_cache(maxsize=1)
def table_words() -> dict:
    """``data/tables.json`` read once: index headers, total labels, count prefixes, the
    section-number pattern and how many header rows are guessed at most."""
    data = load_data("tables.json")
    return {
        "index": frozenset(data["index_headers"]),
        "total": frozenset(data["total_labels"]),
        "count_prefixes": tuple(sorted(data["count_prefixes"], key=len, reverse=True)),
        "section": regex.compile(data["section_number"], regex.IGNORECASE),
        "max_header_rows": data["max_header_rows"],
    }


def guess_header_rows(cells: list[RawCell], n_rows: int) -> int:
    """The leading rows (at most ``max_header_rows`` of ``data/tables.json``) with no cell
    after the first column that holds a number, and no row number or section number ("1",
    "I", "1.1") in the first column."""
    words = table_words()
    section = words["section"]
    numbered_rows = {cell.row for cell in cells
                     if (cell.col > 0 and NUMBER_FIRST.match(cell.text.strip()))
                     or (cell.col == 0 and (INDEX.match(cell.text.strip()) or section.match(cell.text.strip())))}
    count = 0
    while count < min(n_rows, words["max_header_rows"]) and count not in numbered_rows:
        count += 1
    return count


def caption_text(text: str | None) -> str | None:
    """A paragraph as a caption: whitespace collapsed; None when empty or too long."""
    text = " ".join((text or "").split())
    return text if text and len(text) <= MAX_CAPTION_CHARS else None


def repair_table(table: RawTable, encoding: str | None) -> RawTable:
    """The table with its cells and caption converted from ``encoding`` (see ``repair_with``)."""
    if encoding is None:
        return table
    cells = [dataclasses.replace(cell, text=repair_with(cell.text, encoding)) for cell in table.cells]
    caption = repair_with(table.caption, encoding) if table.caption else table.caption
    return dataclasses.replace(table, cells=cells, caption=caption)
