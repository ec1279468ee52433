"""The pipeline, top to bottom, for one document.

    file ──ingest──▶ RawDocument ──clean──▶ CleanText ──metadata──▶ DocMeta
         ──tokenise──▶ spaCy Doc ──passes──▶ figures … ──▶ DocumentResult

``process`` (one document) and ``process_many`` (a batch) are the only functions a
worker calls (a process pool, a Dask worker and the tests call them the same way);
both ``prepare`` a document up to its tokens, then ``finish`` it with the passes.  A
failure in any stage becomes an error value on the result, never an exception that
ends the run.  Only ``write`` touches disk.
"""
from __future__ import annotations

import gc
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from .clean import clean
from .ingest import IngestError, display_path, read_document
from .metadata import read_metadata
from .options import RunOptions
from .passes.figures import figures_component
from .passes.link import link, set_pages
from .passes.localities import find_localities
from .passes.models import find_models
from .passes.organisations import find_organisations
from .passes.persons import find_persons
from .passes.refs import claimed_spans, find_doc_refs
from .passes.tables import find_tables, table_figures
from .records import DocumentResult, ErrorInfo, Record
from .sections import is_long, passes_in_sections
from .tokenise import tokenise


class StageError(Exception):
    def __init__(self, stage: str, kind: str, message: str):
        super().__init__(message)
        self.info = ErrorInfo(stage=stage, kind=kind, message=message)


def _run_stage(stage: str, fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except IngestError as exc:
        raise StageError(stage, exc.kind, exc.message) from exc
    except StageError:
        raise
    except Exception as exc:  # noqa: BLE001 — one bad document must not end the run
        raise StageError(stage, type(exc).__name__, f"{stage} failed: {exc}") from exc


def content_hash(path: Path) -> str | None:
    try:
        if not Path(path).is_file():  # a pipe or a device would block; ingest reports it
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def process(path: Path, doc_id: str, options: RunOptions | None = None, digest: str | None = None) -> DocumentResult:
    """Run every stage on one file; never raises for a bad document.

    ``digest`` is the file's content hash when the caller has already computed it.
    """
    options = options or RunOptions()
    return _first_quietly(lambda: finish(prepare(path, doc_id, digest), options))


def process_many(items: list[tuple[Path, str, str | None]], options: RunOptions | None = None,
                 done: dict[str, Read] | None = None) -> Iterator[DocumentResult]:
    """``process`` for a batch of ``(path, doc_id, digest)``: every document is read,
    cleaned and tokenised first, then the passes run on each, and each result is
    yielded as soon as its passes finish.  Tokenising the batch back to back kept
    underthesea's own tagger in the processor's cache (measured about 5% faster than one
    document at a time, before ``extract/crf.py`` took over the tagging; not measured
    since); the results are the same as ``process`` gives.  ``done``: documents already
    read by :func:`read` (elsewhere), by ``doc_id``; they are not read again."""
    options = options or RunOptions()
    done = done or {}
    items = list(items)
    if items and not _loaded.is_set():
        path, doc_id, digest = items.pop(0)
        yield _first_quietly(lambda: finish(prepare(path, doc_id, digest, done.get(doc_id)), options))
    for prepared in [prepare(path, doc_id, digest, done.get(doc_id)) for path, doc_id, digest in items]:
        yield finish(prepared, options)


_loaded = threading.Event()  # set once this process has processed its first document


def loaded() -> bool:
    """Whether this process has loaded the models and lexicons (processed a document)."""
    return _loaded.is_set()


def _first_quietly(work):
    """``work()``; the first time in a process, with the garbage collector paused, then
    ``gc.freeze``.

    The first document loads the decoder's weights, the lexicons and the gazetteer, and
    compiles the patterns: some 150,000 long-lived objects without reference cycles
    (152,974 frozen).  Allocating them set off full collections that walked them all: a
    fresh process took 1.0–1.1 s over its first generated document, 0.37–0.57 s with the
    collector paused (three runs).
    Afterwards the young garbage is collected and the rest frozen, so later
    full collections do not walk the loaded objects again (nor copy their pages in a
    forked worker).  A process whose collector is already off is left as it is.
    """
    if _loaded.is_set() or not gc.isenabled():
        return work()
    gc.disable()
    try:
        return work()
    finally:
        gc.enable()
        if not _loaded.is_set():
            _loaded.set()
            gc.collect(0)  # the first document's own garbage, not to be frozen
            gc.freeze()


@dataclass
class Read:
    """A document read, cleaned and with its metadata (the result so far), before its tokens."""

    result: DocumentResult
    seconds: float


@dataclass
class Prepared:
    """A document up to its tokens: the result so far, and the Doc (None after a failure)."""

    result: DocumentResult
    doc: Doc | None
    seconds: float


def read(path: Path, doc_id: str, digest: str | None = None) -> Read:
    """Ingest, clean and read the metadata; a failure is kept on the result.  Needs none
    of the models, so it can run while they load (``runner._ReadAhead``)."""
    started = time.perf_counter()
    digest = digest if digest is not None else content_hash(path)
    result = DocumentResult(doc_id=doc_id, source=display_path(path), status="ok", content_hash=digest)
    try:
        raw = _run_stage("ingest", read_document, Path(path), doc_id)
        result.format, result.encoding, result.pages = raw.format, raw.encoding, raw.pages
        cleaned = _run_stage("clean", clean, raw.text, raw.page_starts)
        result.text, result.footnotes = cleaned.text, cleaned.footnotes
        result.meta = _run_stage("metadata", read_metadata, cleaned, raw.hints)
        result.page_starts = cleaned.page_starts
        result.tables, result.cells = _run_stage("tables", find_tables, raw.tables, cleaned.text, doc_id)
    except StageError as exc:
        _failed(result, exc)
    return Read(result, time.perf_counter() - started)


def prepare(path: Path, doc_id: str, digest: str | None = None, done: Read | None = None) -> Prepared:
    """:func:`read` (unless ``done`` holds it), then tokenise; a failure is kept on the result."""
    return _tokenised(done or read(path, doc_id, digest))


def _tokenised(done: Read) -> Prepared:
    started = time.perf_counter()
    result, doc = done.result, None
    if result.error is None and not is_long(result.text):  # a long text is tokenised in sections
        try:
            doc = _run_stage("tokenise", tokenise, result.text)
        except StageError as exc:
            _failed(result, exc)
    return Prepared(result, doc, done.seconds + time.perf_counter() - started)


def finish(prepared: Prepared, options: RunOptions) -> DocumentResult:
    """The extraction passes over a prepared document (nothing to do after a failure)."""
    started = time.perf_counter()
    result = prepared.result
    if result.error is None:
        try:
            _run_passes(result, prepared.doc, options)
        except StageError as exc:
            _failed(result, exc)
    result.seconds = round(prepared.seconds + time.perf_counter() - started, 4)
    return result


def process_text(text: str, doc_id: str = "text", options: RunOptions | None = None) -> DocumentResult:
    """Every stage after ingest on a string (a test, a notebook, a web form); never raises
    for bad text.

    >>> result = process_text("Hội Nông dân xã Tân Phú có 12 mô hình.")
    >>> [(f.text, f.doc_id) for f in result.figures], [o.text for o in result.organisations]
    ([('12 mô hình', 'text')], ['Hội Nông dân xã Tân Phú'])
    """
    started = time.perf_counter()
    result = DocumentResult(doc_id=doc_id, source="<text>", status="ok", format="txt")
    try:
        cleaned = _run_stage("clean", clean, text)
        result.text, result.footnotes = cleaned.text, cleaned.footnotes
        result.meta = _run_stage("metadata", read_metadata, cleaned, {})
        result.tables, result.cells = _run_stage("tables", find_tables, [], cleaned.text, doc_id)
    except StageError as exc:
        _failed(result, exc)
    return finish(_tokenised(Read(result, time.perf_counter() - started)), options or RunOptions())


def _failed(result: DocumentResult, exc: StageError) -> None:
    result.status = "needs_ocr" if exc.info.kind == "needs_ocr" else "error"
    result.error = exc.info


def _run_passes(result: DocumentResult, doc, options: RunOptions) -> None:
    """The extraction passes over one Doc, in order; each uses what the earlier ones found.

    References first, so their numbers ("04-NQ/ThU") are claimed before figures look;
    tables' cells are figures of their own (read with their headers), so the running-text
    pass does not look inside a table; places before organisations (an organisation
    belongs to a place) and both before models (a model's organisation and places are
    their spans); persons, then the link pass that says what each figure is about.
    A text longer than a section (``doc`` None) goes through the entity passes section
    by section (``sections.py``); the table figures and the link pass see the whole.
    """
    if doc is None:
        doc = _run_stage("sections", passes_in_sections, result, lambda text: _run_stage("tokenise", tokenise, text),
                         lambda part, part_doc: _entity_passes(part, part_doc, options))
    else:
        _entity_passes(result, doc, options)
    cells = _run_stage("figures", table_figures, result.tables, result.cells, result.text)
    result.figures = _with_ids(sorted(result.figures + cells, key=lambda f: f.char_start), result.doc_id, "fig")
    _run_stage("link", link, doc, result)
    _run_stage("link", set_pages, result)


def _entity_passes(result: DocumentResult, doc, options: RunOptions) -> None:
    """References, running-text figures, places, organisations, models and persons of one Doc."""
    doc_id = result.doc_id
    refs = _run_stage("doc_refs", find_doc_refs, doc)
    in_tables = tuple((t.char_start, t.char_end) for t in result.tables)
    result.figures = _run_stage("figures", figures_component, doc, spelled=options.spelled_numbers, doc_id=doc_id,
                                claimed=claimed_spans(refs) + in_tables)
    places = _with_ids(_run_stage("localities", find_localities, doc, doc_date=result.meta.date, distinct=False),
                       doc_id, "loc")
    orgs = _with_ids(_run_stage("organisations", find_organisations, doc, localities=places), doc_id, "org")
    models, campaigns = _run_stage("models", find_models, doc, organisations=orgs, localities=places)
    result.models = _with_ids(models, doc_id, "model")
    result.campaigns = _with_ids(campaigns, doc_id, "campaign")
    result.persons = _with_ids(
        _run_stage("persons", find_persons, doc, organisations=orgs, meta_author=result.meta.author), doc_id, "person"
    )
    result.doc_refs = _with_ids(refs, doc_id, "ref")
    result.localities, result.organisations = places, orgs


def _with_ids(items: list[Record], doc_id: str, kind: str) -> list[Record]:
    for n, item in enumerate(items, 1):
        item.id, item.doc_id = f"{doc_id}:{kind}:{n}", doc_id
    return items
