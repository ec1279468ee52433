"""``run``: the batch job over a folder — the only place that knows about workers.

1. list the inputs and give each a ``doc_id``;
2. look each file up in the result cache (``store.py``): unchanged documents are
   not processed again, a run that was killed resumes where it stopped;
3. process the rest — in this process, a process pool or on a Dask cluster — and
   commit each result to the cache as it finishes;
4. write the dataset in input order as results become available (so the output is the
   same whatever the worker count or scheduler), then the manifest.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from .ingest import display_path, list_inputs
from .options import RunOptions
from .pipeline import Read, content_hash, loaded as pipeline_loaded, process_many, read
from .records import DocumentResult, ErrorInfo
from .store import ResultStore, fingerprint
from .write import DatasetWriter, Encoded, encode

if TYPE_CHECKING:
    from .factcheck import Checked


@dataclass
class RunSummary:
    output: Path
    documents: int = 0
    ok: int = 0
    failed: int = 0
    needs_ocr: int = 0
    unchanged: int = 0  # taken from the cache of an earlier run
    changed: list[str] = field(default_factory=list)  # in the last run, processed again (new bytes, code, data or options)
    removed: list[str] = field(default_factory=list)  # in the last run, gone from the input (and the dataset)
    skipped: list[str] = field(default_factory=list)
    figures: int = 0
    seconds: float = 0.0
    errors: list[ErrorInfo] = field(default_factory=list)
    findings: Checked | None = None  # the fact-checks' counts (run with checks); the findings are in factchecks.*


@dataclass(frozen=True)
class Item:
    path: Path
    doc_id: str
    digest: str | None  # content hash, computed once when planning
    key: str


def assign_doc_ids(paths: list[Path]) -> list[tuple[Path, str]]:
    """``doc_id`` = file name without extension; a clash gets ``-2``, ``-3`` … in path order."""
    seen: dict[str, int] = {}
    out = []
    for path in paths:
        stem = display_path(path.stem)
        seen[stem] = seen.get(stem, 0) + 1
        out.append((path, stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"))
    return out


BATCH_DOCS = 16  # documents prepared together (pipeline.process_many) …
BATCH_BYTES = 4 << 20  # … unless their files hold more than this
POOL_BATCHES = 24  # a pool worker gets at least this many batches: its last one is a small part of its work


@dataclass(frozen=True)
class Finished:
    """A processed document as a worker sends it back: encoded for the writer, and the
    body the cache keeps (``ResultStore.body``).  Encoding where the document was
    processed leaves the process that writes only bytes to append: on 200 generated
    documents with 2 workers its CPU time went from 1.15–1.43 s to 0.70–0.77 s (its
    first document included), time the workers had lost to it on 2 cores."""

    key: str
    encoded: Encoded
    body: bytes


def _finished(key: str, result: DocumentResult, options: RunOptions) -> Finished:
    return Finished(key, encode(result, options.formats), ResultStore.body(result))


def _process_batch(batch: list[Item], options: RunOptions, done: dict[str, Read] | None = None
                   ) -> Iterator[Finished]:
    """Each item of a batch, as soon as it is finished (``done``: items already read)."""
    results = process_many([(item.path, item.doc_id, item.digest) for item in batch], options, done)
    return (_finished(item.key, result, options) for item, result in zip(batch, results))


def _batch_list(batch: list[Item], options: RunOptions, done: dict[str, Read] | None = None) -> list[Finished]:
    return list(_process_batch(batch, options, done))  # what a pool worker sends back


def batches(items: list[Item], most: int = BATCH_DOCS) -> Iterator[list[Item]]:
    """Consecutive items, at most ``most`` (and ``BATCH_BYTES`` of files) at a time."""
    batch: list[Item] = []
    size = 0
    for item in items:
        item_size = _file_size(item.path)
        if batch and (len(batch) >= most or size + item_size > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += item_size
    if batch:
        yield batch


def pool_batches(items: list[Item], workers: int) -> Iterator[list[Item]]:
    """Batches for a pool: each worker gets at least ``POOL_BATCHES`` of them, and the last
    ``workers`` batches' worth of documents go one at a time, so that when one worker runs
    out of work the others are at most one document from the end."""
    most = max(1, min(BATCH_DOCS, len(items) // (workers * POOL_BATCHES)))
    tail = len(items) - min(len(items), workers * most)
    yield from batches(items[:tail], most)
    yield from ([item] for item in items[tail:])


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # ingest reports it


def _local_results(todo: list[Item], options: RunOptions) -> Iterator[Finished]:
    """Results as they finish: in this process, or a pool with a bounded number in flight.

    Work goes out in batches (``pipeline.process_many``); a pool gets smaller ones, so
    that no worker waits long for the last batch of another.  Where workers are forked,
    this process does the first document itself before the pool starts: that loads the
    models and lexicons once, and every worker starts with them (see ``_forks``);
    meanwhile a reader reads the next documents on the other core (``_ReadAhead``).
    """
    if options.workers == 1 or len(todo) <= 1:
        for batch in batches(todo):
            yield from _process_batch(batch, options)
        return
    ready: dict[str, Read] = {}  # documents read ahead
    if _forks():
        ahead = None if pipeline_loaded() else _ReadAhead(todo[1:READ_AHEAD + 1])
        try:
            yield from _process_batch(todo[:1], options)
        finally:
            ready = ahead.stop() if ahead else {}
        todo = todo[1:]
    window = options.workers * 4
    with ProcessPoolExecutor(max_workers=options.workers) as pool:
        pending = set()
        for batch in pool_batches(todo, options.workers):
            pending.add(pool.submit(_batch_list, batch, options,
                                    {i.doc_id: ready.pop(i.doc_id) for i in batch if i.doc_id in ready}))
            if len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (finished for f in done for finished in f.result())
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (finished for f in done for finished in f.result())


READ_AHEAD = 256  # documents at most read ahead while this process loads (see _ReadAhead)


class _ReadAhead:
    """Reads documents (``pipeline.read``: ingest, clean, metadata) in a forked process
    while this one loads the models over its first document, on a core that would
    otherwise wait for it.  ``stop()`` returns what it has read by then, by ``doc_id``;
    the workers read the rest themselves.

    Reading is about a tenth of a text document's time (ingest, clean and metadata were
    0.47 s of 4.76 s over 199 generated documents), and a fresh process spends about
    0.4 s loading: on 200 generated documents the reader had 136–161 of them read by
    then, which the workers did not read again.
    """

    QUIET = 0.05  # seconds without a document from the reader: it is on a long one, stop

    def __init__(self, items: list[Item]):
        context = multiprocessing.get_context("fork")
        self._stop = context.Event()
        self._queue = context.Queue()
        self._process = context.Process(target=_read_ahead, args=(items, self._stop, self._queue), daemon=True)
        self._process.start()

    def stop(self) -> dict[str, Read]:
        self._stop.set()
        done: dict[str, Read] = {}
        try:
            while (got := self._queue.get(timeout=self.QUIET)) is not None:
                done[got.result.doc_id] = got
        except queue.Empty:
            pass
        if self._process.is_alive():  # on a long document, whose result is not wanted
            try:  # with what it started (OCR runs tesseract)
                os.killpg(self._process.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                self._process.terminate()
        self._process.join()
        self._queue.close()
        return done


def _read_ahead(items: list[Item], stop, results) -> None:
    os.setpgid(0, 0)  # a group of its own, so that stop() can end it with its subprocesses
    for item in items:
        if stop.is_set():
            break
        results.put(read(item.path, item.doc_id, item.digest))
    results.put(None)


def _forks() -> bool:
    """Whether pool workers are forked from this process (Linux before Python 3.14).

    Each worker then starts with what this process has loaded.  On this 2-core machine,
    200 generated documents: workers loading for themselves, both at once, took
    0.87–1.11 s over their first batch of 4 documents; this process's first document
    takes 0.45–0.65 s, and then the workers' first batches took 0.16–0.25 s.
    """
    return multiprocessing.get_start_method() == "fork"


def _results(todo: list[Item], options: RunOptions) -> Iterator[Finished]:
    if options.scheduler:
        from .distributed import dask_results

        return dask_results(todo, options, _batch_list, pool_batches)
    return _local_results(todo, options)


def _skipped_result(path: Path, doc_id: str) -> DocumentResult:
    message = f"Unsupported file type '{path.suffix or '(none)'}'; supported: .txt .pdf .docx .html .htm .doc."
    return DocumentResult(
        doc_id=doc_id, source=display_path(path), status="skipped",
        error=ErrorInfo(stage="ingest", kind="unsupported", message=message),
    )


def plan(options: RunOptions) -> tuple[list[Item], list[tuple[Path, str]]]:
    """(readable items with their cache keys, skipped (path, doc_id)) in input order."""
    root = options.input
    if not root.exists():
        raise FileNotFoundError(f"Input not found: {root}")
    paths, skipped = ([root], []) if root.is_file() else list_inputs(root)
    ids = dict(assign_doc_ids(paths + skipped))
    digests = {p: content_hash(p) for p in paths}
    run_fingerprint = fingerprint(options)  # the package's code and data, once per run
    items = [Item(p, ids[p], digests[p], ResultStore.key(run_fingerprint, digests[p], display_path(p), ids[p]))
             for p in paths]
    return items, [(p, ids[p]) for p in skipped]


def run(options: RunOptions, on_progress: Callable[[str], None] | None = None) -> RunSummary:
    """Convert every document under ``options.input`` into the dataset in ``options.output``.

    ``on_progress(source)`` is called once per readable document (cached or processed).
    """
    started = time.perf_counter()
    items, skipped = plan(options)
    summary = RunSummary(output=options.output)
    store = ResultStore(options.output)
    try:
        _compare_with_last_run(items, store.previous_manifest(), summary)
        if options.force:
            store.clear()
        todo = [item for item in items if not store.has(item.key)]
        summary.unchanged = len(items) - len(todo)
        if on_progress:
            for item in set(items) - set(todo):
                on_progress(display_path(item.path))
        with DatasetWriter(options.output, options.formats) as writer:
            ordered = _InOrder(items, store, {item.key for item in todo}, writer, summary)
            ordered.flush()
            for finished in _results(todo, options):
                done = finished.encoded
                store.put_body(finished.key, done.doc_id, done.source, finished.body)
                ordered.arrived(finished.key, done)
                if on_progress:
                    on_progress(done.source)
                if options.strict and done.status != "ok":
                    raise RuntimeError(f"{done.source}: {done.error.message if done.error else done.status}")
            ordered.flush()
            for path, doc_id in skipped:
                summary.skipped.append(display_path(path))
                writer.add(_skipped_result(path, doc_id))
        store.write_manifest([(display_path(i.path), i.doc_id, i.key, "done") for i in items])
    finally:
        store.close()
    if options.checks and "parquet" in options.formats:
        _uses(options, summary)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _compare_with_last_run(items: list[Item], last: dict[str, str], summary: RunSummary) -> None:
    """What changed since the last finished run, by its manifest (source → key)."""
    here = {display_path(item.path): item.key for item in items}
    summary.changed = [source for source, key in here.items() if source in last and last[source] != key]
    summary.removed = sorted(set(last) - set(here))


class _InOrder:
    """Writes results in input order as they become available, whatever order they finish in.

    A result that finishes before its turn waits in memory (at most ``HELD`` of them; past
    that it is read back from the cache when its turn comes), so the output is the same
    for any worker count or scheduler, and a document processed in this run is written
    without being read back.
    """

    HELD = 256

    def __init__(self, items: list[Item], store: ResultStore, pending: set[str], writer, summary: RunSummary):
        self.items, self.store, self.pending = items, store, pending
        self.writer, self.summary = writer, summary
        self.next = 0
        self.held: dict[str, Encoded] = {}

    def arrived(self, key: str, encoded: Encoded) -> None:
        self.pending.discard(key)
        if len(self.held) < self.HELD or key == self.items[self.next].key:
            self.held[key] = encoded
        self.flush()

    def flush(self) -> None:
        while self.next < len(self.items) and self.items[self.next].key not in self.pending:
            key = self.items[self.next].key
            encoded = self.held.pop(key, None) or self.writer.encode(self.store.get(key))
            _account(self.summary, encoded)
            self.writer.add(encoded)
            self.next += 1


def _uses(options: RunOptions, summary: RunSummary) -> None:
    """After the dataset is in place: fact-check its figures, then build the searchable catalog."""
    from .catalog import build_catalog
    from .factcheck import check

    summary.findings = check(options.output, formats=options.formats, keep=0)
    build_catalog(options.output)


def _account(summary: RunSummary, result: Encoded) -> None:
    summary.documents += 1
    summary.figures += result.figures
    if result.status == "ok":
        summary.ok += 1
    elif result.status == "needs_ocr":
        summary.needs_ocr += 1
        summary.errors.append(result.error)
    else:
        summary.failed += 1
        if result.error:
            summary.errors.append(result.error)
