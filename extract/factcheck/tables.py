"""Checks over tables: a total row against its rows (``table_total``), a figure of the text against the cell it restates (``table_restated``).
"""
from __future__ import annotations

import math
from collections import defaultdict

from ..passes.tables import is_total_label
from ..vntext import accentless_key, syllables
from .facts import Doc
from .findings import Finding, quoted, sources
from .restated import agreement
from .text import drop_phrases
from .values import (
    base_value,
    cues,
    family_of,
    number_text,
    same_number,
)

# ---------------------------------------------------------------------------- tables


def check_table_totals(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    """Each figure of a total row ("Tổng cộng", "Toàn huyện" …) against the sum of the rows it
    totals, column by column: the rows since the table's previous total row, or, for a total
    row above its rows, the rows down to the next one."""
    by_table: dict[str, list[dict]] = defaultdict(list)
    for cell in doc.cells:
        by_table[cell["table_id"]].append(cell)
    findings = []
    for cells in by_table.values():
        total_rows = sorted({c["row"] for c in cells if is_total_label(c.get("row_label"))})
        rows = sorted({c["row"] for c in cells} - set(total_rows))
        for total in (c for c in cells if c["row"] in total_rows):
            totalled = rows_totalled(total["row"], total_rows, rows)
            parts = [c for c in cells if c["col"] == total["col"] and c["row"] in totalled]
            if parts and all(family_of(p) == family_of(total) for p in parts):
                findings.append(judge_table_total(total, parts, docs))
    return findings


def rows_totalled(total_row: int, total_rows: list[int], rows: list[int]) -> set[int]:
    """The data rows a total row adds up: those since the previous total row, else (a total
    above its rows) those down to the next total row.

    >>> sorted(rows_totalled(4, [4], [1, 2, 3])), sorted(rows_totalled(1, [1, 5], [2, 3, 4, 6, 7]))
    ([1, 2, 3], [2, 3, 4])
    """
    earlier = max((r for r in total_rows if r < total_row), default=-1)
    before = {r for r in rows if earlier < r < total_row}
    if before:
        return before
    later = min((r for r in total_rows if r > total_row), default=math.inf)
    return {r for r in rows if total_row < r < later}


def judge_table_total(total: dict, parts: list[dict], docs: dict[str, Doc]) -> Finding:
    observed = sum(base_value(p, float(p["value"])) for p in parts)
    expected = base_value(total, float(total["value"]))
    rows = ", ".join(f"{p.get('row_label') or 'row ' + str(p['row'])} {number_text(p['value'])}" for p in parts)
    column = total.get("col_label") or f"column {total['col']}"
    if same_number(observed, expected):
        verdict = "verified"
        text = f"{total.get('row_label')} ({column}) {number_text(total['value'])} is the sum of its rows: {rows}."
    else:
        verdict = "mismatch"
        text = (f"{total.get('row_label')} ({column}) says {number_text(total['value'])}, but its rows add up to "
                f"{number_text(observed)}: {rows}.")
    return Finding("table_total", verdict, expected=expected, observed=observed, unit=total["unit"],
                   what=total.get("what"), explanation=text, **sources([total, *parts], docs))


def check_table_restated(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    """A figure of the running text that restates a table cell of its document: the same place
    (by the link pass; by name, as the two are separate mentions), the same unit family, a
    counted noun found in the cell's column header, and no period that tells them apart."""
    cells = defaultdict(list)
    for cell in doc.cells:
        place = doc.locality_names.get(cell.get("place"))
        if place and family_of(cell):
            cells[(accentless_key(place), family_of(cell))].append(cell)
    findings = []
    for fig in doc.figures:
        place = doc.locality_names.get(fig.get("place"))
        if not place or not family_of(fig):
            continue
        for cell in cells.get((accentless_key(place), family_of(fig)), []):
            if same_meaning(fig, cell) and same_period(fig, cell):
                findings.append(judge_table_restated(fig, cell, place, docs))
    return findings


def same_meaning(fig: dict, cell: dict) -> bool:
    """The figure's counted noun is in the cell's column header ('mô hình' in 'Số mô hình')."""
    words = drop_phrases(syllables(fig.get("what") or ""), cues()["generic_words"])
    header = set(syllables(cell.get("col_label") or "")) | set(syllables(cell.get("what") or ""))
    return bool(words) and set(words) <= header


def same_period(a: dict, b: dict) -> bool:
    return not (a.get("period_start") and b.get("period_start") and
                (a["period_start"], a.get("period_end")) != (b["period_start"], b.get("period_end")))


def judge_table_restated(fig: dict, cell: dict, place: str, docs: dict[str, Doc]) -> Finding:
    verdict, reason = agreement(fig, cell) or ("conflict", "the values exclude each other")
    text = (f"{place} ({cell.get('col_label')}): the text says {quoted(fig)}, the table {quoted(cell)} — "
            f"{reason}.")
    return Finding("table_restated", verdict, expected=float(cell["value"]), observed=float(fig["value"]),
                   unit=cell["unit"], what=fig.get("what"), place=place, explanation=text,
                   **sources([cell, fig], docs))
