"""The pipeline, top to bottom, for one document.

    file ──ingest──▶ RawDocument ──clean──▶ CleanText ──metadata──▶ DocMeta
         ──tokenise──▶ spaCy Doc ──passes──▶ figures … ──▶ DocumentResult

``process`` is the only function a worker calls (a process pool, a Dask worker and
the tests all call it the same way); a failure in any stage becomes an error value
on the result, never an exception that ends the run.  Only ``write`` touches disk.
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

from .clean import clean
from .ingest import IngestError, read_document
from .metadata import read_metadata
from .options import RunOptions
from .passes.figures import figures_component
from .records import DocumentResult, ErrorInfo
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
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def process(path: Path, doc_id: str, options: RunOptions | None = None) -> DocumentResult:
    """Run every stage on one file; never raises for a bad document."""
    options = options or RunOptions()
    started = time.perf_counter()
    result = DocumentResult(doc_id=doc_id, source=str(path), status="ok", content_hash=content_hash(path))
    try:
        raw = _run_stage("ingest", read_document, Path(path), doc_id)
        result.format, result.encoding, result.pages = raw.format, raw.encoding, raw.pages
        cleaned = _run_stage("clean", clean, raw.text)
        result.text, result.footnotes = cleaned.text, cleaned.footnotes
        result.meta = _run_stage("metadata", read_metadata, cleaned, raw.hints)
        doc = _run_stage("tokenise", tokenise, cleaned.text)
        # Passes, in order: claims (dates, document numbers …) are made inside the
        # figures pass first; later passes (places, organisations, models) use its spans.
        result.figures = _run_stage(
            "figures", figures_component, doc, spelled=options.spelled_numbers, doc_id=doc_id
        )
    except StageError as exc:
        result.status = "needs_ocr" if exc.info.kind == "needs_ocr" else "error"
        result.error = exc.info
    result.seconds = round(time.perf_counter() - started, 4)
    return result
