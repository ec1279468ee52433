"""The ``vnextract`` command line (typer + rich)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .options import RunOptions

app = typer.Typer(
    help="vnextract: turn Vietnamese reports (txt, pdf, docx, html) into a sourced dataset of figures.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)


@app.command()
def run(
    input: Path = typer.Argument(Path("corpus"), help="Folder (read recursively) or single file to convert."),
    output: Path = typer.Option(Path("outputs"), "-o", "--output", help="Folder the dataset is written to."),
    workers: int = typer.Option(1, "-w", "--workers", min=1, help="Worker processes."),
    formats: str = typer.Option("parquet,csv", "--formats", help="Table formats besides records.jsonl."),
    spelled_numbers: bool = typer.Option(
        False, "--spelled-numbers", help="Also extract figures written only in words ('hai mô hình')."
    ),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first document that fails."),
    force: bool = typer.Option(False, "--force", help="Reprocess every document (ignore earlier runs' cache)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Run on a Dask cluster: its scheduler address, e.g. tcp://10.0.0.5:8786."
    ),
    dask: Optional[str] = typer.Option(None, "--dask", help="'local' starts a Dask LocalCluster of --workers workers."),
    checks: bool = typer.Option(
        True, "--checks/--no-checks", help="After writing, fact-check the figures and build catalog.sqlite."
    ),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress bar."),
) -> None:
    """Convert a folder of documents into records.jsonl and documents/figures/errors tables."""
    from .runner import run as run_pipeline

    try:
        options = RunOptions(
            input=input, output=output, workers=workers,
            formats=tuple(f.strip() for f in formats.split(",") if f.strip()),
            spelled_numbers=spelled_numbers, strict=strict, progress=not quiet, force=force,
            scheduler=scheduler or dask, checks=checks,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    if dask and dask != "local":
        raise typer.BadParameter("--dask takes 'local'; use --scheduler ADDRESS for a running cluster")
    if not options.input.exists():
        console.print(f"[red]Input not found:[/red] {options.input}")
        raise typer.Exit(2)
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"), console=console, disable=quiet, transient=False,
    ) as progress:
        task = progress.add_task("documents", total=_count_inputs(options.input), current="")

        def advance(source: str):
            progress.update(task, advance=1, current=Path(source).name)

        try:
            summary = run_pipeline(options, on_progress=advance)
        except RuntimeError as exc:  # --strict
            console.print(f"[red]Stopped (--strict):[/red] {exc}")
            raise typer.Exit(1)
    _print_summary(summary)


def _count_inputs(root: Path) -> int:
    from .ingest import list_inputs

    if root.is_file():
        return 1
    paths, skipped = list_inputs(root)
    return len(paths) + len(skipped)


def _print_summary(summary) -> None:
    table = Table(title=f"vnextract run → {summary.output}")
    table.add_column("documents read", justify="right")
    table.add_column("ok", justify="right")
    table.add_column("failed", justify="right")
    table.add_column("needs OCR", justify="right")
    table.add_column("unchanged", justify="right")
    table.add_column("skipped", justify="right")
    table.add_column("figures", justify="right")
    table.add_column("time", justify="right")
    table.add_row(
        str(summary.documents), str(summary.ok), str(summary.failed), str(summary.needs_ocr),
        str(summary.unchanged), str(len(summary.skipped)), str(summary.figures), f"{summary.seconds:.1f} s",
    )
    console.print(table)
    if summary.unchanged:
        console.print(f"  {summary.unchanged} unchanged document(s) taken from the previous run (--force to redo)")
    if summary.changed:
        console.print(f"  {len(summary.changed)} document(s) changed since the previous run (new content or "
                      "pipeline version), processed again")
    if summary.removed:
        console.print(f"  {len(summary.removed)} document(s) of the previous run no longer in the input, "
                      "dropped from the dataset")
    if summary.findings is not None:
        checked = summary.findings
        console.print(f"  {checked.total} fact-check finding(s) in the factchecks table" +
                      (f": {checked.verdicts()}" if checked.total else ""))
    _print_first([f"[dim]dropped (no longer in the input):[/dim] {path}" for path in summary.removed])
    _print_first([f"[yellow]{e.stage}/{e.kind}[/yellow]: {e.message}" for e in summary.errors], " in errors.csv")
    _print_first([f"[dim]skipped (unsupported type):[/dim] {path}" for path in summary.skipped])


def _print_first(lines: list[str], where: str = "", most: int = 20) -> None:
    """The first ``most`` lines, indented, then how many more there are (and ``where``)."""
    for line in lines[:most]:
        console.print(f"  {line}")
    if len(lines) > most:
        console.print(f"  … {len(lines) - most} more{where}")


@app.command()
def evaluate(
    output: Path = typer.Argument(Path("outputs"), help="Output folder of a run (or its records.jsonl)."),
    gold: Path = typer.Argument(Path("tests/gold"), help="Folder of <doc_id>.json gold files."),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
) -> None:
    """Score a run against gold annotations (the matching rules of tests/gold)."""
    from .evaluate import KINDS, evaluate as score

    records = output / "records.jsonl" if output.is_dir() else output
    if not records.exists():
        console.print(f"[red]No records.jsonl at[/red] {records}; run `vnextract run` first.")
        raise typer.Exit(2)
    if not gold.is_dir():
        console.print(f"[red]Gold folder not found:[/red] {gold}")
        raise typer.Exit(2)
    result = score(records, gold)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    table = Table(title=f"{records} vs {gold}")
    for col in ("kind", "P", "R", "F1", "tp", "pred", "gold"):
        table.add_column(col, justify="left" if col == "kind" else "right")
    for kind in KINDS:
        r = result[kind]
        table.add_row(kind, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                      str(r["tp"]), str(r["pred"]), str(r["gold"]))
    Console().print(table)
    typer.echo(
        f"figure qualifier acc {result['figures']['qualifier_accuracy']}, what acc "
        f"{result['figures']['what_accuracy']}; model org acc {result['models']['org_accuracy']}; "
        f"doc_date acc {result['doc_date_accuracy']}"
    )


SHOWN = 60  # findings ``check`` prints, problems first


@app.command()
def check(
    output: Path = typer.Option(Path("outputs"), "-o", "--output",
                                help="Output folder of a run (its figures and documents tables)."),
) -> None:
    """Fact-check a run: totals against their breakdowns and tables' total rows, ratios and
    shares, the same fact stated twice.  Writes the factchecks table; prints the problems
    first, then the rest, and the count of each verdict.

    Example: vnextract check -o outputs
    """
    from .factcheck import check as check_run

    if not ((output / "figures.parquet").exists() or (output / "figures.csv").exists()):
        console.print(f"[red]No figures table in[/red] {output}; run `vnextract run` first.")
        raise typer.Exit(2)
    Console().print(format_findings(check_run(output, keep=SHOWN), limit=SHOWN))


def format_findings(checked, limit: int = SHOWN):
    """Each finding as a block — verdict and kind, the explanation wrapped to the terminal, its
    sources (restated ones with their sentences) — problems first, then the count of each
    verdict."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    from .factcheck import VERDICT_STYLE, shown

    blocks = []
    for f in shown(checked.findings, limit):
        head = Text.assemble((f.verdict, f"bold {VERDICT_STYLE.get(f.verdict, '')}"), f"  {f.kind}")
        sources = [f"{o} ({d or 'undated'})" + (f": {_excerpt(s, t)}" if f.kind == "restated" else "")
                   for o, d, s, t in zip(f.offsets, f.doc_dates, f.sentences, f.texts)]
        blocks.append(Group(head, Padding(Text(f.explanation), (0, 0, 0, 2)),
                            Padding(Text("\n".join(sources), style="dim"), (0, 0, 1, 2))))
    summary = checked.summary()
    if len(blocks) < checked.total:
        summary += f" ({checked.total - len(blocks)} more in the factchecks table)"
    return Group(*blocks, Text(summary, style="bold"))


def _excerpt(sentence: str | None, fig_text: str, width: int = 70) -> str:
    sentence = " ".join((sentence or "").split())
    pos = sentence.find(" ".join(fig_text.split()))
    if pos < 0 or len(sentence) <= 2 * width:
        return sentence[: 2 * width]
    start, end = max(0, pos - width), pos + width
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def _register_uses() -> None:
    """Searching the catalog, serving it and the report."""
    from .catalog import search_command
    from .report import report_command
    from .serve import serve_command

    app.command("search")(search_command)
    app.command("serve")(serve_command)
    app.command("report")(report_command)


_register_uses()


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
