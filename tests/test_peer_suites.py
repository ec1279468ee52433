"""Pinned floors on the peer suites (Duckling, NeMo); the rows are in tests/data/peer_suites.

No test per row: ``python tests/peer_suites.py --failures`` lists the failing
rows.  Floors are only ever raised.
"""
from __future__ import annotations

from peer_suites import NUMBER_SUITES, format_failures, format_table, run_suites

OVERALL_FLOOR = 0.97  # reached 573/586 = 0.978; the issue asks for >= 0.90
NUMBER_SUITE_FLOOR = 0.90


def report(results) -> str:
    return format_table(results) + "\n\n" + format_failures(results)


def test_peer_suites_number_suites():
    """Every suite checked with parse_number alone is at least at its floor."""
    results = run_suites()
    by_name = {r.name: r for r in results}
    for name in NUMBER_SUITES:
        suite = by_name[name]
        assert suite.total > 0, f"{name} counted no rows\n{report(results)}"
        assert suite.rate >= NUMBER_SUITE_FLOOR, f"{name} below {NUMBER_SUITE_FLOOR:.0%}\n{report(results)}"


def test_peer_suites_overall():
    """All counted rows together, the figures-pass suites included once that pass exists."""
    results = run_suites()
    passed, total = sum(r.passed for r in results), sum(r.total for r in results)
    assert passed / total >= OVERALL_FLOOR, f"overall {passed}/{total} below {OVERALL_FLOOR:.0%}\n{report(results)}"
