"""The run's memory: a manifest and a result cache in ``OUT/.vnextract/state.sqlite``.

Every finished document is committed here at once (key = content hash + pipeline
version), so a run killed half-way and started again only processes what is left,
and a re-run on the same folder skips unchanged documents.  The tables are rebuilt
from this cache in input order, which makes the output the same whatever the worker
count or scheduler.  SQLite keeps memory bounded and survives a kill.
"""
from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

import orjson

from .records import ENTITY_RECORDS, DocMeta, DocumentResult, ErrorInfo, Figure, Footnote

PIPELINE_VERSION = "0.4.0"  # bump when a change to the passes changes their output


def result_to_json(result: DocumentResult) -> bytes:
    """UTF-8 JSON of a result: dataclass fields in their order, dict keys in the order
    the passes wrote them (orjson serialises dataclasses itself)."""
    return orjson.dumps(result)


def result_from_json(data: bytes | str) -> DocumentResult:
    raw = orjson.loads(data)
    raw["meta"] = DocMeta(**raw["meta"])
    raw["error"] = ErrorInfo(**raw["error"]) if raw.get("error") else None
    raw["figures"] = [Figure(**f) for f in raw["figures"]]
    raw["footnotes"] = [Footnote(**f) for f in raw["footnotes"]]
    for record in ENTITY_RECORDS:
        raw[record.TABLE] = [record(**item) for item in raw[record.TABLE]]
    return DocumentResult(**raw)


class ResultStore:
    """Cached results keyed by (content hash, pipeline version)."""

    def __init__(self, output: Path):
        folder = Path(output) / ".vnextract"
        folder.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(folder / "state.sqlite")
        self.db.execute("PRAGMA journal_mode=WAL")
        # Each commit survives a killed process; only a power cut can lose the last ones
        # (WAL is synced at checkpoints), and those documents are then processed again.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, doc_id TEXT, source TEXT, body BLOB)"
        )
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS manifest (source TEXT PRIMARY KEY, doc_id TEXT, key TEXT, status TEXT)"
        )

    @staticmethod
    def key(content_hash: str | None, source: str, doc_id: str) -> str:
        """Same bytes, same place, same id and same pipeline version → same result."""
        return f"{PIPELINE_VERSION}:{content_hash or 'unreadable'}:{doc_id}:{source}"

    def get(self, key: str) -> DocumentResult | None:
        row = self.db.execute("SELECT body FROM results WHERE key = ?", (key,)).fetchone()
        return result_from_json(zlib.decompress(row[0])) if row else None

    def has(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM results WHERE key = ?", (key,)).fetchone() is not None

    def put(self, key: str, result: DocumentResult) -> None:
        self.put_body(key, result.doc_id, result.source, self.body(result))

    @staticmethod
    def body(result: DocumentResult) -> bytes:
        """What the cache keeps of a result (a worker computes it for the writing process)."""
        return zlib.compress(result_to_json(result), 1)  # fastest level: ~6× smaller

    def put_body(self, key: str, doc_id: str, source: str, body: bytes) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO results (key, doc_id, source, body) VALUES (?, ?, ?, ?)",
                (key, doc_id, source, body),
            )

    def previous_manifest(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT source, key FROM manifest"))

    def write_manifest(self, rows: list[tuple[str, str, str, str]]) -> None:
        """Replace the manifest with this run's (source, doc_id, key, status) and drop orphan results."""
        with self.db:
            self.db.execute("DELETE FROM manifest")
            self.db.executemany("INSERT INTO manifest VALUES (?, ?, ?, ?)", rows)
            self.db.execute("DELETE FROM results WHERE key NOT IN (SELECT key FROM manifest)")

    def clear(self) -> None:
        with self.db:
            self.db.execute("DELETE FROM results")
            self.db.execute("DELETE FROM manifest")

    def close(self) -> None:
        self.db.close()
