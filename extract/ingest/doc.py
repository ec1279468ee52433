"""Legacy Word 97-2003 (.doc) files, through the ``antiword`` program.

``antiword -m UTF-8.txt -w 0 file.doc`` gives the text as UTF-8, one line per
paragraph (tables as ``|``-separated lines).  It is run with a timeout; when it
is not installed the file is an ``IngestError("missing_tool")`` row, not a
crash.  Text typed in a legacy font comes out as the font's byte codes
(``"B¸o c¸o"``) and is converted by :func:`.encodings.repair_text`; antiword
drops soft hyphens, which in TCVN3 are the letter ``ư``, so those are put back
where only one spelling makes a syllable (:func:`.encodings.restore_dropped_u_horn`).

No hints: antiword does not report the document properties.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..records import RawDocument
from .base import IngestError, check_size, sentence
from .encodings import repair_text, restore_dropped_u_horn

ANTIWORD = "antiword"
ANTIWORD_ARGS = ("-m", "UTF-8.txt", "-w", "0")  # UTF-8 output, no line wrapping
TIMEOUT_SECONDS = 60
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
    return RawDocument(path=str(path), doc_id="", text=text, format="doc", encoding=encoding)


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
