"""The ``vnextract`` command line (typer + rich): every command is here; the modules it
calls return data and print nothing."""
from __future__ import annotations

import json
import shlex
from contextlib import closing
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .options import RunOptions

app = typer.Typer(
    help="vnextract: turn Vietnamese reports (txt, pdf, docx, html) into a sourced dataset of figures.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help: a flag shows no type ("--strict  Stop at …", not "--strict <bool>")
)
DEFAULT_INPUT = Path("corpus")


def _stderr() -> Console:
    """Messages and progress, made per command so that it takes the terminal's width then."""
    return Console(stderr=True)


@app.command(short_help="Convert a folder of documents into the dataset.")
def run(
    input: Optional[Path] = typer.Argument(
        None, show_default=False, metavar="INPUT",
        help="Folder (read recursively) or single file to convert; default: corpus/ when there is one here.",
    ),
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
    """Convert a folder of documents into records.jsonl and documents/figures/errors tables.

    \b
    Examples:
      vnextract run reports/ -o out -w 2
      vnextract run report.pdf -o out --strict
    """
    from .runner import run as run_pipeline

    console = _stderr()
    if input is None:
        if not DEFAULT_INPUT.is_dir():
            console.print("Nothing to read: no input given and no corpus/ folder here.\n"
                          "Give a folder of documents: vnextract run FOLDER -o OUT", markup=False)
            raise typer.Exit(2)
        input = DEFAULT_INPUT
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
        console.print(f"[red]Input not found:[/red] {escape(str(options.input))}")
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
            console.print(f"[red]Stopped (--strict):[/red] {escape(str(exc))}")
            raise typer.Exit(1)
    _print_summary(summary, console)


def _count_inputs(root: Path) -> int:
    from .ingest import list_inputs

    if root.is_file():
        return 1
    paths, skipped = list_inputs(root)
    return len(paths) + len(skipped)


SUMMARY_COLUMNS = ("read", "ok", "failed", "needs OCR", "unchanged", "skipped", "figures", "time")


def summary_table(summary) -> Table:
    """The run's counts in one row, short headers so that it fits 80 columns."""
    table = Table(title=f"vnextract run → {escape(str(summary.output))}")
    for column in SUMMARY_COLUMNS:
        table.add_column(column, justify="right")
    table.add_row(
        str(summary.documents), str(summary.ok), str(summary.failed), str(summary.needs_ocr),
        str(summary.unchanged), str(len(summary.skipped)), str(summary.figures), _seconds(summary.seconds),
    )
    return table


def _seconds(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 100 else f"{seconds:.0f} s"


def _print_summary(summary, console: Console) -> None:
    console.print(summary_table(summary))
    if summary.unchanged:
        console.print(f"  {summary.unchanged} unchanged document(s) taken from the previous run (--force to redo)")
    if summary.changed:
        console.print(f"  {len(summary.changed)} document(s) changed since the previous run (new content or "
                      "code, data or options), processed again")
    if summary.removed:
        console.print(f"  {len(summary.removed)} document(s) of the previous run no longer in the input, "
                      "dropped from the dataset")
    if summary.findings is not None:
        checked = summary.findings
        console.print(f"  {checked.total} fact-check finding(s) in the factchecks table" +
                      (f": {checked.verdicts()}" if checked.total else ""))
    _print_first(console, [f"[dim]dropped (no longer in the input):[/dim] {escape(path)}" for path in summary.removed])
    _print_first(console, [f"{escape(source)}: [yellow]{escape(stage)}/{escape(kind)}[/yellow]: {escape(message)}"
                           for source, stage, kind, message in error_lines(summary)], " in errors.csv")
    _print_first(console, [f"[dim]skipped (unsupported type):[/dim] {escape(path)}" for path in summary.skipped])


def error_lines(summary) -> list[tuple[str, str, str, str]]:
    """(source, stage, kind, message) of each failed document of the run.  The run's summary
    keeps the errors without their files, so they are read back from the errors table the run
    has just written (else from records.jsonl, when the run wrote no tables)."""
    if not summary.errors:
        return []
    if all(getattr(e, "source", None) for e in summary.errors):  # should the summary ever keep them
        return [(e.source, e.stage, e.kind, e.message) for e in summary.errors]
    from .write import read_rows

    rows = [(r["source"], r["stage"], r["kind"], r["message"])
            for r in read_rows(Path(summary.output), "errors", ["source", "stage", "kind", "message"])]
    if not rows and (Path(summary.output) / "records.jsonl").exists():
        with open(Path(summary.output) / "records.jsonl", encoding="utf-8") as lines:
            for line in lines:
                if '"error":{' in line:
                    record = json.loads(line)
                    if record["status"] != "skipped" and record.get("error"):
                        error = record["error"]
                        rows.append((record["source"], error["stage"], error["kind"], error["message"]))
    return rows or [("(file not recorded)", e.stage, e.kind, e.message) for e in summary.errors]


def _print_first(console: Console, lines: list[str], where: str = "", most: int = 20) -> None:
    """The first ``most`` lines, indented, then how many more there are (and ``where``)."""
    for line in lines[:most]:
        console.print(f"  {line}")
    if len(lines) > most:
        console.print(f"  … {len(lines) - most} more{where}")


@app.command(short_help="Score a run against gold annotations.")
def evaluate(
    output: Path = typer.Argument(Path("outputs"), metavar="OUTPUT",
                                  help="Output folder of a run (or its records.jsonl)."),
    gold: Path = typer.Argument(Path("tests/gold"), metavar="GOLD", help="Folder of <doc_id>.json gold files."),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
) -> None:
    """Score a run against gold annotations (the matching rules of tests/gold).

    \b
    Examples:
      vnextract evaluate outputs tests/gold
      vnextract evaluate out/records.jsonl tests/gold --json
    """
    from .evaluate import KINDS, evaluate as score

    console = _stderr()
    records = output / "records.jsonl" if output.is_dir() else output
    if not records.exists():
        console.print(f"[red]No records.jsonl at[/red] {escape(str(records))}; run `vnextract run` first.")
        raise typer.Exit(2)
    if not gold.is_dir():
        console.print(f"[red]Gold folder not found:[/red] {escape(str(gold))}")
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


@app.command(short_help="Fact-check the figures of a run.")
def check(
    output: Path = typer.Option(Path("outputs"), "-o", "--output",
                                help="Output folder of a run (its figures and documents tables)."),
) -> None:
    """Fact-check a run: totals against their breakdowns and tables' total rows, ratios and
    shares, the same fact stated twice.  Writes the factchecks table; prints the problems
    first, then the rest, and the count of each verdict.

    \b
    Examples:
      vnextract check
      vnextract check -o out
    """
    from .factcheck import check as check_run

    console = _stderr()
    if not ((output / "figures.parquet").exists() or (output / "figures.csv").exists()):
        console.print(f"[red]No figures table in[/red] {escape(str(output))}; run `vnextract run -o {escape(str(output))}` first.")
        raise typer.Exit(2)
    Console().print(format_findings(check_run(output, keep=SHOWN), limit=SHOWN))


def format_findings(checked, limit: int = SHOWN):
    """Each finding as a block — verdict and kind, the explanation wrapped to the terminal, its
    sources (restated ones with their sentences) — problems first, then the count of each
    verdict."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    from .factcheck import AGREEING, PROBLEMS, VERDICT_STYLE, shown

    blocks = []
    rank = {verdict: 0 for verdict in PROBLEMS}
    for f in sorted(shown(checked.findings, limit), key=lambda f: rank.get(f.verdict, 2 if f.verdict in AGREEING else 1)):
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


# ---------------------------------------------------------------------------- using a run


@app.command("search", short_help="Search the models or documents of a run.")
def search_command(
    query: str = typer.Argument(..., metavar="QUERY", help="Words to find; accents optional ('hien dat' finds 'hiến đất')."),
    output: Path = typer.Option(Path("outputs"), "-o", "--output", help="Output folder of a run."),
    province: Optional[str] = typer.Option(None, "--province", help="Only this province ('Hưng Yên')."),
    sector: Optional[str] = typer.Option(None, "--sector", help="Only this sector ('kinh tế')."),
    org: Optional[str] = typer.Option(None, "--org", help="Only organisations containing this ('Hội Nông dân')."),
    year: Optional[int] = typer.Option(None, "--year", help="Only documents of this year."),
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many hits."),
    documents: bool = typer.Option(False, "--documents", help="Search documents (title, text) instead of models."),
    as_json: bool = typer.Option(False, "--json", help="Print the hits as JSON."),
) -> None:
    """Search the catalog of a run: models (name, organisation, places, sector, sentence), or
    documents (title, text) with --documents.  Accents and case are optional; matches as
    written come before accent-free ones.

    \b
    Examples:
      vnextract search "hien dat" -o out
      vnextract search "hũ gạo" --province "Thừa Thiên Huế" --limit 5
      vnextract search "dan van kheo" --documents
    """
    from .catalog import CatalogMissing, connect, search_documents, search_models

    fallback: list[dict] = []
    try:
        with closing(connect(output)) as conn:
            if documents:
                hits = search_documents(conn, query, province=province, year=year, limit=limit)
            else:
                hits = search_models(conn, query, province=province, sector=sector, org=org, year=year, limit=limit)
                if not hits and not as_json:
                    fallback = search_documents(conn, query, province=province, year=year, limit=1)
    except CatalogMissing as exc:
        Console(stderr=True, soft_wrap=True).print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2)
    if as_json:
        typer.echo(json.dumps(hits, ensure_ascii=False, indent=1))
        return
    console = Console()
    if hits:
        console.print(documents_table(hits, query) if documents else models_table(hits, query))
    elif documents:
        console.print(f"No document of {escape(str(output))} matches “{escape(query)}”.")
    else:
        _no_model_hit(console, query, output, fallback)


def _no_model_hit(console: Console, query: str, output: Path, fallback: list[dict]) -> None:
    """No model matched: say so, show the document that matches best, suggest --documents."""
    from rich.padding import Padding
    from rich.text import Text

    from .catalog import excerpt

    console.print(f"No model of {escape(str(output))} matches “{escape(query)}”.")
    if not fallback:
        console.print("No document matches it either.")
        return
    hit = fallback[0]
    where = ", ".join(x for x in (hit["doc_id"], hit["doc_date"]) if x)
    console.print(f"Best matching document: {escape(hit['title'] or hit['doc_id'])} ({escape(where)})")
    console.print(Padding(Text.from_markup(markup(excerpt(hit["sentence"], query), query)), (0, 0, 0, 2)))
    command = f"vnextract search {shlex.quote(query)} --documents -o {shlex.quote(str(output))}"
    console.print(f"Every matching document: {escape(command)}")


def markup(text: str, query: str) -> str:
    """Rich markup of ``text`` with the words matching ``query`` in bold yellow.

    >>> markup("Hũ gạo [tình thương]", "hu gao")
    '[bold yellow]Hũ gạo[/] \\\\[tình thương]'
    """
    from .catalog import highlight_spans

    pieces, last = [], 0
    for start, end in highlight_spans(text, query):
        pieces += [escape(text[last:start]), f"[bold yellow]{escape(text[start:end])}[/]"]
        last = end
    return "".join(pieces) + escape(text[last:])


def models_table(hits: list[dict], query: str) -> Table:
    from .catalog import excerpt

    table = Table(title=f"{len(hits)} model(s) matching “{escape(query)}”", show_lines=True)
    for column in ("model", "organisation", "place", "document", "date", "sentence"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        place = ", ".join(hit["localities"])
        if hit["province"]:
            place = f"{place} ({hit['province']})" if place else hit["province"]
        table.add_row(
            markup(hit["name"], query), markup(hit["org"] or "", query), markup(place, query),
            escape(hit["title"] or hit["doc_id"]), hit["doc_date"] or "",
            markup(excerpt(hit["sentence"], query, anchor=hit["name"]), query),
        )
    return table


def documents_table(hits: list[dict], query: str) -> Table:
    from .catalog import excerpt

    table = Table(title=f"{len(hits)} document(s) matching “{escape(query)}”", show_lines=True)
    for column in ("document", "title", "date", "province", "sentence"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        table.add_row(escape(hit["doc_id"]), markup(hit["title"] or "", query), hit["doc_date"] or "",
                      escape(hit["province"] or ""), markup(excerpt(hit["sentence"], query), query))
    return table


@app.command("serve", short_help="Browse a run's catalog in the web browser (Datasette).")
def serve_command(
    output: Path = typer.Option(Path("outputs"), "-o", "--output", help="Output folder of a run."),
    port: int = typer.Option(8001, "-p", "--port", help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)."),
    open_browser: bool = typer.Option(False, "--open", help="Open the catalog in a web browser."),
) -> None:
    """Browse and query the catalog of a run with Datasette (read-only).

    \b
    Examples:
      vnextract serve -o out
      vnextract serve -o out --port 8080 --open
    """
    from .catalog import CatalogMissing, ensure_catalog
    from .serve import DATABASE, serve

    console = Console(stderr=True, soft_wrap=True)
    try:
        catalog = ensure_catalog(output)
    except CatalogMissing as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2)
    console.print(f"Serving {escape(str(catalog))} at http://{host}:{port}/{DATABASE} (Ctrl-C stops)")
    serve(output, host=host, port=port, open_browser=open_browser)


@app.command("report", short_help="Write report.html about a run.")
def report_command(
    output: Path = typer.Option(Path("outputs"), "-o", "--output",
                                help="Output folder of a run; report.html is written there."),
) -> None:
    """Write report.html: the run summary, charts, fact-checks and every document highlighted.

    \b
    Examples:
      vnextract report
      vnextract report -o out
    """
    from .report import NoRun, build_report

    try:
        path = build_report(output)
    except NoRun as exc:
        Console(stderr=True, soft_wrap=True).print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2)
    typer.echo(str(path))


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
