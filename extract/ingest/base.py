"""What every reader shares: the error type, the size limit, reading bytes.

Readers raise :class:`IngestError` for anything wrong with the *input*; the
``kind`` is a short machine-readable word and ``message`` a sentence for the
user.
"""
from __future__ import annotations

from pathlib import Path

#: Files larger than this are refused with ``too_large`` before being opened.
MAX_BYTES = 200 * 1024 * 1024

KINDS = frozenset(
    {
        "empty",
        "binary",
        "undecodable",
        "corrupt",
        "encrypted",
        "needs_ocr",
        "unreadable",
        "too_large",
        "unsupported",
        "missing_tool",  # a program the format needs is not installed (antiword for .doc)
    }
)


class IngestError(Exception):
    """An input file that cannot be turned into text, and why."""

    def __init__(self, kind: str, message: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown ingest error kind {kind!r}")
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __reduce__(self):  # picklable across worker processes
        return (type(self), (self.kind, self.message))

    def __repr__(self) -> str:
        return f"IngestError({self.kind!r}, {self.message!r})"


def check_size(path: Path) -> int:
    """Return the file size; refuse empty and over-large files."""
    size = path.stat().st_size
    if size == 0:
        raise IngestError("empty", "The file is empty (0 bytes).")
    if size > MAX_BYTES:
        raise IngestError(
            "too_large",
            f"The file is too large ({size / 2**20:.0f} MB; the limit is "
            f"{MAX_BYTES / 2**20:.0f} MB).",
        )
    return size


def read_bytes(path: Path) -> bytes:
    """All bytes of ``path``, after the size checks."""
    check_size(path)
    return path.read_bytes()


def sentence(prefix: str, detail: object) -> str:
    """``"<prefix>: <detail>."`` with one final stop, for library error texts."""
    text = " ".join(str(detail).split()).strip("'\"") or "unknown error"
    return f"{prefix}: {text}" + ("" if text.endswith((".", "?", "!")) else ".")


def describe_os_error(err: OSError) -> str:
    """A sentence for an operating-system error while reading a file."""
    if isinstance(err, IsADirectoryError):
        return "Could not read the file: it is a directory, not a file."
    if isinstance(err, FileNotFoundError):
        return "Could not read the file: it does not exist (or is a broken link)."
    if isinstance(err, PermissionError):
        return "Could not read the file: permission denied."
    reason = err.strerror or str(err) or type(err).__name__
    return f"Could not read the file: {reason}."
