"""Run the peer test suites (Duckling, NeMo; see ``tests/data/peer_suites/README.md``).

``python tests/peer_suites.py`` prints one line per suite; ``--failures`` also
lists every failing row.  ``suite_rates()`` gives ``{suite: (passed, total)}``
for the suites that ran; ``tests/test_peer_suites.py`` pins the floors.

What is counted
---------------
* Rows flagged in ``skip_hints.tsv`` are left out — except rows whose only
  flags are ``itn_dot_decimal`` / ``whitespace_noise``: those are real
  quantities, so the ITN written side gets ``.`` → ``,`` (NeMo ITN writes a
  decimal point, Vietnamese a decimal comma) and both sides are stripped.
* Numbers (``extract.numbers.parse_number``):
  - ``duckling_vi_numeral``: the text parses to the ``value`` column;
  - ``nemo_vi_cardinal`` / ``nemo_vi_decimal``: written and spoken parse to
    the same value, and not to None;
  - ``nemo_vi_fraction``: "a/b", "n a/b" and "a phần/trên/chia b", "n và a phần b"
    give the same a/b.  The fraction grammar lives here, not in the package:
    in vnextract a fraction is a ratio the figures pass builds from two numbers,
    so this suite only checks that the numbers on both sides of the bar parse.
* Figures (``extract.passes.figures.parse_figures``, called with spelled=True):
  - ``nemo_vi_money`` / ``nemo_vi_measure`` / ``nemo_vi_range``: the first
    figure of the written and of the spoken form have the same (value, unit);
  - ``duckling_vi_money``: the first figure has the ``value`` column (or
    ``min``/``max`` with qualifier ``more_than``/``less_than``, or
    ``value``/``value_max`` for ``between``); unit ``VND`` is required for VND
    rows only.
  Until the figures pass exists these suites are reported "pending" and not counted.
* Ordinals (``duckling_vi_ordinal``, ``nemo_vi_ordinal``) are "not applicable":
  an ordinal ("thứ nhất", "thứ 15") ranks, it does not quantify, and most NeMo
  ordinal rows are weekdays.
"""
from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python tests/peer_suites.py` from anywhere
    sys.path.insert(0, str(ROOT))

from extract.numbers import parse_number  # noqa: E402

SUITES_DIR = Path(__file__).parent / "data" / "peer_suites"
REAL_QUANTITY_HINTS = frozenset({"itn_dot_decimal", "whitespace_noise"})
NOT_APPLICABLE = "not applicable"
PENDING = "pending (figures pass missing)"
RUN = "run"


@dataclass(frozen=True)
class Row:
    file: str
    line: int  # 1-based, the header is line 1 (as in skip_hints.tsv)
    fields: dict[str, str]
    hints: frozenset[str]


@dataclass
class SuiteResult:
    name: str
    status: str
    rows: int = 0
    skipped: int = 0
    passed: int = 0
    total: int = 0
    failures: list[tuple[Row, str]] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.passed / self.total if self.total else None


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a peer TSV, header included, fields unstripped."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_skip_hints() -> dict[tuple[str, int], frozenset[str]]:
    hints: dict[tuple[str, int], set[str]] = {}
    for file, line, _col1, _col2, category in read_tsv(SUITES_DIR / "skip_hints.tsv")[1:]:
        hints.setdefault((file, int(line)), set()).add(category)
    return {key: frozenset(value) for key, value in hints.items()}


def load_rows(file: str, hints: dict[tuple[str, int], frozenset[str]]) -> list[Row]:
    header, *body = read_tsv(SUITES_DIR / file)
    return [Row(file, number, dict(zip(header, values)), hints.get((file, number), frozenset()))
            for number, values in enumerate(body, start=2)]


def is_skipped(row: Row) -> bool:
    """Flagged rows are left out, unless every flag marks a real quantity."""
    return bool(row.hints - REAL_QUANTITY_HINTS)


def prepared(text: str, row: Row, written: bool) -> str:
    if written and "itn_dot_decimal" in row.hints:
        text = text.replace(".", ",")
    if "whitespace_noise" in row.hints:
        text = text.strip()
    return text


# --------------------------------------------------------------------------
# Checks: each returns None when the row passes, else what went wrong
# --------------------------------------------------------------------------


def same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def check_duckling_numeral(row: Row) -> str | None:
    got = parse_number(row.fields["text"])
    expected = float(row.fields["value"])
    return None if same(got, expected) else f"{row.fields['text']!r} -> {got}, expected {expected}"


def check_nemo_numbers(row: Row) -> str | None:
    written = prepared(row.fields["written"], row, written=True)
    spoken = prepared(row.fields["spoken"], row, written=False)
    a, b = parse_number(written), parse_number(spoken)
    return None if same(a, b) else f"{written!r} -> {a} | {spoken!r} -> {b}"


_WRITTEN_FRACTION = re.compile(r"(-)?(?:([0-9]+) )?([0-9]+)/([0-9]+)")
_SPOKEN_FRACTION = re.compile(r"(?:(âm|trừ) )?(?:(.+) và )?(.+?) (?:phần|trên|chia) (.+)")


def fraction_value(sign: str | None, whole: str | None, top: str, bottom: str) -> float | None:
    values = [parse_number(whole) if whole else 0.0, parse_number(top), parse_number(bottom)]
    if any(v is None for v in values) or values[2] == 0:
        return None
    value = values[0] + values[1] / values[2]
    return -value if sign else value


def parse_fraction(text: str) -> float | None:
    """'23 1/5', '-3/4', 'hai mươi ba và một phần năm', 'âm ba trên bốn' (harness only)."""
    text = " ".join(text.split())
    match = _WRITTEN_FRACTION.fullmatch(text) or _SPOKEN_FRACTION.fullmatch(text)
    return fraction_value(*match.groups()) if match else None


def check_nemo_fraction(row: Row) -> str | None:
    written, spoken = row.fields["written"], row.fields["spoken"]
    a, b = parse_fraction(written), parse_fraction(spoken)
    return None if same(a, b) else f"{written!r} -> {a} | {spoken!r} -> {b}"


def first_figure(text: str, parse_figures: Callable):
    figures = parse_figures(text, spelled=True)
    return figures[0] if figures else None


def describe(figure) -> str:
    if figure is None:
        return "no figure"
    return (f"{figure.value} {figure.unit} ({figure.surface_unit}) "
            f"max={figure.value_max} q={figure.qualifier}")


def check_nemo_figures(row: Row, parse_figures: Callable) -> str | None:
    written = prepared(row.fields["written"], row, written=True)
    spoken = prepared(row.fields["spoken"], row, written=False)
    a, b = first_figure(written, parse_figures), first_figure(spoken, parse_figures)
    if a is not None and b is not None and same(a.value, b.value) and a.unit == b.unit:
        return None
    return f"{written!r} -> {describe(a)} | {spoken!r} -> {describe(b)}"


def money_matches(figure, fields: dict[str, str]) -> bool:
    kind, low, high = fields["kind"], fields["min"], fields["max"]
    if fields["currency"] == "VND" and figure.unit != "VND":
        return False
    if kind == "simple":
        return same(figure.value, float(fields["value"]))
    if kind == "between":
        return same(figure.value, float(low)) and same(figure.value_max, float(high))
    if kind == "under":
        return figure.qualifier == "less_than" and same(figure.value, float(high))
    if kind == "above":
        return figure.qualifier == "more_than" and same(figure.value, float(low))
    return False


def check_duckling_money(row: Row, parse_figures: Callable) -> str | None:
    figure = first_figure(row.fields["text"], parse_figures)
    if figure is not None and money_matches(figure, row.fields):
        return None
    expected = {k: v for k, v in row.fields.items() if v and k != "text"}
    return f"{row.fields['text']!r} -> {describe(figure)}, expected {expected}"


# --------------------------------------------------------------------------
# Suites, in the order they are printed
# --------------------------------------------------------------------------

NUMBER_SUITES: dict[str, Callable[[Row], str | None]] = {
    "duckling_vi_numeral": check_duckling_numeral,
    "nemo_vi_cardinal": check_nemo_numbers,
    "nemo_vi_decimal": check_nemo_numbers,
    "nemo_vi_fraction": check_nemo_fraction,
}
FIGURE_SUITES: dict[str, Callable[[Row, Callable], str | None]] = {
    "duckling_vi_money": check_duckling_money,
    "nemo_vi_money": check_nemo_figures,
    "nemo_vi_measure": check_nemo_figures,
    "nemo_vi_range": check_nemo_figures,
}
ORDINAL_SUITES = ("duckling_vi_ordinal", "nemo_vi_ordinal")  # not quantities: never run


def load_parse_figures() -> tuple[Callable | None, str]:
    """The figures pass, or None with the reason it is not usable yet."""
    try:
        from extract.passes.figures import parse_figures
    except ImportError:
        return None, PENDING
    except Exception as error:  # a half-written module must not break the number suites
        return None, f"pending (figures pass does not import: {type(error).__name__})"
    return parse_figures, RUN


def run_suite(name: str, check: Callable[[Row], str | None], hints) -> SuiteResult:
    rows = load_rows(f"{name}.tsv", hints)
    result = SuiteResult(name, RUN, rows=len(rows))
    for row in rows:
        if is_skipped(row):
            result.skipped += 1
            continue
        try:
            problem = check(row)
        except Exception as error:  # a crash is a failure of that row, not of the report
            problem = f"raised {type(error).__name__}: {error}"
        result.total += 1
        if problem is None:
            result.passed += 1
        else:
            result.failures.append((row, problem))
    return result


def run_suites() -> list[SuiteResult]:
    hints = load_skip_hints()
    results = [run_suite(name, check, hints) for name, check in NUMBER_SUITES.items()]
    parse_figures, status = load_parse_figures()
    for name, check in FIGURE_SUITES.items():
        if parse_figures is None:
            rows = load_rows(f"{name}.tsv", hints)
            results.append(SuiteResult(name, status, rows=len(rows)))
        else:
            results.append(run_suite(name, lambda row, c=check: c(row, parse_figures), hints))
    for name in ORDINAL_SUITES:
        results.append(SuiteResult(name, NOT_APPLICABLE, rows=len(load_rows(f"{name}.tsv", hints))))
    return results


def suite_rates() -> dict[str, tuple[int, int]]:
    """``{suite: (passed, total)}`` for every suite that ran (counted rows only)."""
    return {r.name: (r.passed, r.total) for r in run_suites() if r.status == RUN}


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def format_table(results: list[SuiteResult]) -> str:
    lines = [f"{'suite':<22} {'rows':>5} {'skipped':>7} {'counted':>7} {'passed':>6} {'rate':>7}  status"]
    for r in results:
        rate = f"{r.rate:.1%}" if r.rate is not None else "-"
        lines.append(f"{r.name:<22} {r.rows:>5} {r.skipped:>7} {r.total:>7} {r.passed:>6} {rate:>7}  {r.status}")
    passed = sum(r.passed for r in results)
    total = sum(r.total for r in results)
    overall = f"{passed / total:.1%}" if total else "-"
    lines.append(f"{'overall (counted)':<22} {'':>5} {'':>7} {total:>7} {passed:>6} {overall:>7}")
    return "\n".join(lines)


def format_failures(results: list[SuiteResult]) -> str:
    lines = []
    for r in results:
        for row, problem in r.failures:
            lines.append(f"{r.name}:{row.line}\t{problem}")
    return "\n".join(lines) or "no failures"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every failing row")
    args = parser.parse_args(argv)
    results = run_suites()
    print(format_table(results))
    if args.failures:
        print()
        print(format_failures(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
