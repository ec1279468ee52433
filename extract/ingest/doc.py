"""Legacy Word 97-2003 (.doc) files, through the ``antiword`` program.

``antiword -m UTF-8.txt -w 0 file.doc`` gives the text as UTF-8, one line per
paragraph, and a table as one ``|cell |cell |`` line per row.  It is run with a timeout; when it
is not installed the file is an ``IngestError("missing_tool")`` row, not a
crash.  Text typed in a legacy font comes out as the font's byte codes
(``"B¸o c¸o"``) and is converted by :func:`.encodings.repair_text`; antiword
drops soft hyphens, which in TCVN3 are the letter ``ư``, so those are put back
where only one spelling makes a syllable (:func:`.encodings.restore_dropped_u_horn`).

Each run of such lines becomes a :class:`~extract.records.RawTable` (antiword shows no
merges: every cell is one grid position; short rows are padded; header rows are guessed,
:func:`.grid.guess_header_rows`; the caption is the short paragraph just before it) and
is replaced in the text by its ``render_table`` block.  antiword wraps a cell's text
that is wider than its column, or has several paragraphs, onto more lines of the same
row; each such line is read as a row of its own.

No hints: antiword does not report the document properties.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..records import RawCell, RawDocument, RawTable, render_table
from .base import IngestError, check_size, sentence
from .encodings import repair_text, restore_dropped_u_horn
from .grid import finish_table

ANTIWORD = "antiword"
ANTIWORD_ARGS = ("-m", "UTF-8.txt", "-w", "0")  # UTF-8 output, no line wrapping
TIMEOUT_SECONDS = 60
TABLE_BAR = "|"
# antiword's messages (stderr) → (kind, sentence for the user); first match wins.
ANTIWORD_ERRORS = (
    ("not a Word Document", "corrupt", "Not a valid Word 97-2003 (.doc) file."),
    ("ncrypted", "encrypted", "The Word document is password-protected."),
    ("too small", "unreadable", "antiword cannot read this .doc file: its text stream is too small for it."),
)


def read_doc(path: Path) -> RawDocument:
    """Read a .doc file with antiword (``doc_id`` is filled in by ``read_document``)."""
    check_size(path)
    text = run_antiword(path)
    if not text.strip():
        raise IngestError("empty", "The document contains no text.")
    text, encoding = repair_text(text)
    if encoding == "tcvn3":
        text = restore_dropped_u_horn(text)
    text, tables = read_tables(text)
    return RawDocument(path=str(path), doc_id="", text=text, format="doc", encoding=encoding, tables=tables)


def read_tables(text: str) -> tuple[str, list[RawTable]]:
    """antiword's text with each run of table lines replaced by its table's rendering,
    a blank line before and after; and the tables."""
    lines = text.split("\n")
    out: list[str] = []
    tables: list[RawTable] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and is_table_line(lines[end]):
            end += 1
        if end == start:
            out.append(lines[start])
            start += 1
            continue
        table = parse_table(lines[start:end], caption=previous_paragraph(out))
        tables.append(table)
        if out and out[-1].strip():
            out.append("")
        out.append(render_table(table))
        if end < len(lines) and lines[end].strip():
            out.append("")
        start = end
    return "\n".join(out), tables


def is_table_line(line: str) -> bool:
    """``|cell |cell |``: a line that starts and ends with a bar."""
    line = line.rstrip()
    return len(line) >= 2 and line[0] == line[-1] == TABLE_BAR


def parse_table(lines: list[str], caption: str | None = None) -> RawTable:
    """antiword's lines of one table: a row per line, its cells between the bars."""
    cells = [RawCell(row, col, text.strip())
             for row, line in enumerate(lines)
             for col, text in enumerate(line.strip()[1:-1].split(TABLE_BAR))]
    return finish_table(cells, len(lines), caption=caption)


def previous_paragraph(lines: list[str]) -> str | None:
    """The last line written before a table, unless it is blank."""
    return lines[-1] if lines and lines[-1].strip() else None


def run_antiword(path: Path) -> str:
    """antiword's text output for ``path``; ``IngestError`` for every failure."""
    program = shutil.which(ANTIWORD)
    if program is None:
        raise IngestError(
            "missing_tool",
            "Reading .doc files needs the antiword program, which is not installed "
            "(on Debian or Ubuntu: apt-get install antiword).",
        )
    try:
        done = subprocess.run(
            [program, *ANTIWORD_ARGS, str(path.absolute())],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise IngestError("unreadable", f"antiword did not finish reading the file within {TIMEOUT_SECONDS} seconds.") from None
    if done.returncode != 0:
        raise antiword_error(done.stderr.decode("utf-8", errors="replace"))
    return done.stdout.decode("utf-8", errors="replace")


def antiword_error(message: str) -> IngestError:
    """Map antiword's complaint to an ``IngestError``."""
    for words, kind, text in ANTIWORD_ERRORS:
        if words in message:
            return IngestError(kind, text)
    return IngestError("unreadable", sentence("antiword could not read the file", message or "no message"))
