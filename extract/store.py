"""The run's memory: a manifest and a result cache in ``OUT/.vnextract/state.sqlite``.

Every finished document is committed here at once, so a run killed half-way and
started again only processes what is left, and a re-run on the same folder skips
unchanged documents.  The key is the document's content hash, place and id, and the
run's :func:`fingerprint`: a hash of every file of the installed ``extract`` package
(code and data) and of the options that change a result, so any edit of the code or
of ``extract/data/*`` processes every document again: the cache cannot go stale.
The tables are rebuilt from this cache in input order, which makes the output the
same whatever the worker count or scheduler.  SQLite keeps memory bounded and
survives a kill.
"""
from __future__ import annotations

import hashlib
import sqlite3
import zlib
from pathlib import Path

import orjson

from .options import RunOptions
from .records import ENTITY_RECORDS, DocMeta, DocumentResult, ErrorInfo, Figure, Footnote

PACKAGE = Path(__file__).resolve().parent
#: The RunOptions fields that change a document's result (the others say where and how
#: to run, or what is built after the results).
OUTPUT_OPTIONS = ("spelled_numbers",)


def package_hash(root: Path = PACKAGE) -> str:
    """sha256 over the sorted relative paths and bytes of every file under ``root``
    (compiled ``__pycache__`` files left out): the code and data that make a result.
    About 2 MB in some 85 files: 3-4 ms (``tests/test_cache.py`` prints it)."""
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        name = path.relative_to(root).as_posix().encode("utf-8", "surrogateescape")
        data = path.read_bytes()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
        digest.update(data)
    return digest.hexdigest()


def fingerprint(options: RunOptions) -> str:
    """What produces a run's results besides the input: the package's files and the
    output options; computed once per run (``runner.plan``)."""
    chosen = {name: getattr(options, name) for name in OUTPUT_OPTIONS}
    return hashlib.sha256(orjson.dumps([package_hash(), chosen], option=orjson.OPT_SORT_KEYS)).hexdigest()[:24]


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
    """Cached results keyed by (run fingerprint, content hash, doc_id, source)."""

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
    def key(run_fingerprint: str, content_hash: str | None, source: str, doc_id: str) -> str:
        """Same bytes, same place, same id, same code, data and options → same result."""
        return f"{run_fingerprint}:{content_hash or 'unreadable'}:{doc_id}:{source}"

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
