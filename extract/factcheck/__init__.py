"""Fact-check a run: totals against their breakdowns, tables' totals, and the same fact stated twice.

``check(output_dir)`` reads the run's ``figures``, ``documents`` and (when present)
``localities`` tables and writes ``factchecks.parquet`` + ``factchecks.csv`` next to them.
Each finding has an id, a ``kind``, a ``verdict``, the figures involved and one sentence
of explanation.  The checks, in the order they run:

1. **Breakdowns** (``total_breakdown`` / ``part_of_whole``) — a whole followed by parts
   that an explicit cue opens: a parenthesis right after it, a cue word (``trong đó``,
   ``gồm`` …), a colon, or a run of parts labelled by a category word (``lĩnh vực X có N``).
   The parts are the following figures of the same unit family and the same thing, in the
   same sentence (the next one for a sentence that *starts* with the cue).  When every part
   carries its own category label (``kinh tế: 53``, ``cấp xã: 16.096``) the parts are a
   partition and must add up to the whole: ``verified`` or ``mismatch``.  When they do not
   (``trong đó có 65 mô hình được công nhận và 08 mô hình …``) they are subsets that may
   overlap, so each is only checked against the whole, never summed.  A part larger than
   its whole is ``part_exceeds_whole`` in both cases.
2. **Ratios above one** (``25/24 xã``) and **shares above 100 %** (not ``115% kế hoạch``
   nor ``tăng 150% so với năm 2019``): ``flagged``.
3. **Restated facts** (``restated``) — two figures about the same place, the same thing and
   in the same unit family, in one document or two, compared as intervals (``hơn 36,5 ha``
   is (36.5, ∞)): ``consistent`` (same value), ``compatible`` (the qualifiers allow both),
   ``changed_over_time`` (different periods) or ``conflict``.

4. **Tables** (``table_total``, ``table_restated``) — a total row against the rows it
   totals; a figure of the running text against the table cell it restates.

Cue words live in ``data/factcheck_cues.json``.  The modules: ``facts`` (reading a run, one
document at a time, and what a figure is about: its place and period from the link pass),
``values`` (intervals in a unit family), ``text`` (words and sentences), ``breakdowns``,
``ratios``, ``tables``, ``restated``, ``findings`` (the table's row) and ``run`` (every check
over a run, the table written as findings come).  The command is ``vnextract check``
(``extract/cli.py``).
"""
from __future__ import annotations

from .findings import (
                       AGREEING,
                       FACTCHECK_DESCRIPTIONS,
                       FACTCHECKS_NON_NULL,
                       FACTCHECKS_SCHEMA,
                       FACTCHECKS_TITLE,
                       PROBLEMS,
                       VERDICT_STYLE,
                       Finding,
)
from .run import KIND_ORDER, Checked, check, find_all, shown

__all__ = ["AGREEING", "FACTCHECKS_NON_NULL", "FACTCHECKS_SCHEMA", "FACTCHECKS_TITLE", "FACTCHECK_DESCRIPTIONS",
           "KIND_ORDER", "PROBLEMS", "VERDICT_STYLE", "Checked", "Finding", "check", "find_all", "shown"]
