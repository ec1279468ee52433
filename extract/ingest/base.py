"""What every reader shares: the error type, the size limits, reading bytes.

Readers raise :class:`IngestError` for anything wrong with the *input*; the
``kind`` is a short machine-readable word and ``message`` a sentence for the
user.  Only regular files are opened (a pipe would block the run), and a text
longer than :data:`MAX_CHARS` is refused before it reaches the later stages; a text
longer than :data:`SECTION_CHARS` goes through the passes in sections (``extract/sections.py``).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

#: Files larger than this are refused with ``too_large`` before being opened.
MAX_BYTES = 200 * 1024 * 1024
#: Characters of text per document.  The passes see at most SECTION_CHARS at a time, so
#: their memory does not grow with the document; this limit bounds what is kept of one
#: document (its text and records: ~52 MB for a generated 1.2 M-character report dense
#: with figures, which took 17 s on one core) and its time.
MAX_CHARS = 10_000_000
#: Characters the passes see at once: a longer text is cut into sections of at most
#: this many (at page breaks, headings, blank lines …), well below spaCy's ``max_length``.
SECTION_CHARS = 200_000

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
    """Return the file size; refuse folders, pipes and devices, empty and over-large files."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise IngestError("unreadable", describe_os_error(IsADirectoryError()))
    if not stat.S_ISREG(info.st_mode):
        raise IngestError("unreadable", "Could not read the file: it is not a regular file (a pipe, socket or device).")
    size = info.st_size
    if size == 0:
        raise IngestError("empty", "The file is empty (0 bytes).")
    if size > MAX_BYTES:
        raise IngestError(
            "too_large",
            f"The file is too large ({size / 2**20:.0f} MB; the limit is "
            f"{MAX_BYTES / 2**20:.0f} MB).",
        )
    return size


def check_text_length(text: str) -> None:
    """Refuse a text longer than :data:`MAX_CHARS` characters."""
    if len(text) > MAX_CHARS:
        raise IngestError(
            "too_large",
            f"The text is too long ({len(text):,} characters; the limit is {MAX_CHARS:,} per document); "
            "split it into smaller files.",
        )


def display_path(path: Path | str) -> str:
    """``path`` as valid Unicode for records and tables: bytes that are not UTF-8 become ``"�"``.

    A file name written in a legacy code page (``b"t\\xeai.txt"``) reaches Python with
    surrogate escapes, which UTF-8 files, SQLite and Parquet refuse; open the file
    with the real ``path``, show this.

    >>> display_path(os.fsdecode(b"b\\xe1o c\\xe1o.txt"))
    'b�o c�o.txt'
    """
    return os.fsencode(path).decode("utf-8", errors="replace")


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
