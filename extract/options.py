"""One options object shared by the Python API and the command line."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class RunOptions:
    """What ``vnextract run`` does.

    ``input`` is a folder (read recursively) or one file; results go to ``output``.
    """

    input: Path = Path("corpus")
    output: Path = Path("outputs")
    workers: int = 1
    formats: tuple[str, ...] = ("parquet", "csv")  # records.jsonl is always written
    spelled_numbers: bool = False  # figures written only in words ("hai mô hình"); off as in the gold guidelines
    strict: bool = False  # stop at the first document that fails
    progress: bool = True
    force: bool = False  # reprocess every document, ignoring the cache of earlier runs
    scheduler: str | None = None  # a Dask scheduler address (tcp://host:8786) or "local" for a LocalCluster
    checks: bool = True  # run the fact-checks and build the catalog after writing

    def __post_init__(self) -> None:
        self.input = Path(self.input).expanduser()
        self.output = Path(self.output).expanduser()
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, not {self.workers}")
        unknown = set(self.formats) - {"parquet", "csv"}
        if unknown:
            raise ValueError(f"unknown table format(s): {', '.join(sorted(unknown))}; use parquet and/or csv")
