"""``run``: the batch job over a folder — the only place that knows about workers."""
from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .ingest import list_inputs
from .options import RunOptions
from .pipeline import process
from .records import DocumentResult, ErrorInfo
from .write import DatasetWriter


@dataclass
class RunSummary:
    output: Path
    documents: int = 0
    ok: int = 0
    failed: int = 0
    needs_ocr: int = 0
    skipped: list[str] = field(default_factory=list)
    figures: int = 0
    seconds: float = 0.0
    errors: list[ErrorInfo] = field(default_factory=list)


def assign_doc_ids(paths: list[Path]) -> list[tuple[Path, str]]:
    """``doc_id`` = file name without extension; a clash gets ``-2``, ``-3`` … in path order."""
    seen: dict[str, int] = {}
    out = []
    for path in paths:
        stem = path.stem
        seen[stem] = seen.get(stem, 0) + 1
        out.append((path, stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"))
    return out


def _results(items: list[tuple[Path, str]], options: RunOptions) -> Iterator[DocumentResult]:
    """Results in input order, computed by ``options.workers`` processes."""
    if options.workers == 1 or len(items) <= 1:
        for path, doc_id in items:
            yield process(path, doc_id, options)
        return
    with ProcessPoolExecutor(max_workers=options.workers) as pool:
        paths = [p for p, _ in items]
        ids = [d for _, d in items]
        yield from pool.map(process, paths, ids, [options] * len(items), chunksize=1)


def _skipped_result(path: Path, doc_id: str) -> DocumentResult:
    message = f"Unsupported file type '{path.suffix or '(none)'}'; supported: .txt .pdf .docx .html .htm"
    return DocumentResult(
        doc_id=doc_id, source=str(path), status="skipped",
        error=ErrorInfo(stage="ingest", kind="unsupported", message=message),
    )


def run(options: RunOptions, on_result: Callable[[DocumentResult], None] | None = None) -> RunSummary:
    """Convert every document under ``options.input`` into the dataset in ``options.output``."""
    started = time.perf_counter()
    root = options.input
    if not root.exists():
        raise FileNotFoundError(f"Input not found: {root}")
    if root.is_file():
        paths, skipped = [root], []
    else:
        paths, skipped = list_inputs(root)
    items = assign_doc_ids(paths + skipped)
    skipped_set = set(skipped)
    summary = RunSummary(output=options.output)
    with DatasetWriter(options.output, options.formats) as writer:
        readable = [(p, d) for p, d in items if p not in skipped_set]
        for result in _results(readable, options):
            _account(summary, result)
            writer.add(result)
            if on_result:
                on_result(result)
            if options.strict and result.status != "ok":
                raise RuntimeError(f"{result.source}: {result.error.message if result.error else result.status}")
        for path, doc_id in items:
            if path in skipped_set:
                result = _skipped_result(path, doc_id)
                summary.skipped.append(str(path))
                writer.add(result)
                if on_result:
                    on_result(result)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _account(summary: RunSummary, result: DocumentResult) -> None:
    summary.documents += 1
    summary.figures += len(result.figures)
    if result.status == "ok":
        summary.ok += 1
    elif result.status == "needs_ocr":
        summary.needs_ocr += 1
        summary.errors.append(result.error)
    else:
        summary.failed += 1
        if result.error:
            summary.errors.append(result.error)
