"""Stage 1, ingest: turn one input file into a ``RawDocument``.

One module per format (``txt``, ``pdf``, ``docx``, ``doc``, ``html``); ``READERS``
maps a file extension to its reader.  Every problem with an input is raised as
an :class:`IngestError` whose ``kind`` is one of ``base.KINDS``.  Legacy
Vietnamese encodings (TCVN3, VNI, VIQR, Windows-1258, mojibake) are found and
converted by every reader (``encodings``); ``RawDocument.encoding`` names them.

``RawDocument.hints`` keys: ``title``, ``author`` (pdf, docx, html),
``created`` (pdf, docx: ISO date the file was made), ``date`` and ``url``
(html: publication date and canonical address).
"""
from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ..records import RawDocument
from .base import IngestError, check_size, check_text_length, describe_os_error, display_path, sentence

__all__ = ["IngestError", "READERS", "read_document", "list_inputs", "display_path"]


class _Readers(Mapping):
    """Extension (lower case) → reader; readers return ``doc_id=""``.

    A format's module (and its library: pdfplumber, python-docx, trafilatura) is
    imported when a file of that format is first read, so that a folder of text files
    starts without them.
    """

    def __init__(self, modules: dict[str, tuple[str, str]]):
        self._modules = modules  # extension → (module, reader function)

    def __getitem__(self, extension: str) -> Callable[[Path], RawDocument]:
        module, name = self._modules[extension]
        return getattr(importlib.import_module(f".{module}", __name__), name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


READERS = _Readers({
    ".txt": ("txt", "read_txt"),
    ".pdf": ("pdf", "read_pdf"),
    ".docx": ("docx", "read_docx"),
    ".doc": ("doc", "read_doc"),
    ".html": ("html", "read_html"),
    ".htm": ("html", "read_html"),
})

# Office writes "~$name.docx" lock files next to open documents.
IGNORED_PREFIXES = (".", "~$")


def read_document(path: Path, doc_id: str) -> RawDocument:
    """Read ``path`` with the reader for its extension.

    Raises ``IngestError`` for every failure; no other exception escapes.  A text
    longer than ``base.MAX_CHARS`` characters is refused as ``too_large``.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError("unsupported", unsupported_message(path))
    try:
        check_size(path)
        document = reader(path)
        check_text_length(document.text)
    except IngestError:
        raise
    except OSError as err:
        raise IngestError("unreadable", describe_os_error(err)) from None
    except MemoryError:
        raise IngestError("too_large", "The file is too large to read into memory.") from None
    except Exception as err:  # a reader bug or a library failure not mapped above
        raise IngestError("unreadable", sentence("Could not read the file", f"{type(err).__name__}: {err}")) from None
    return dataclasses.replace(document, doc_id=doc_id)


def unsupported_message(path: Path) -> str:
    """Say which extensions are read."""
    which = f"ending in '{path.suffix}'" if path.suffix else "without an extension"
    return f"Files {which} are not supported (supported: {', '.join(sorted(READERS))})."


def list_inputs(root: Path) -> tuple[list[Path], list[Path]]:
    """Files under ``root`` as ``(supported, skipped)``, sorted by relative path.

    Recursive; hidden files and folders (and Office lock files) are ignored.
    ``root`` may also be a single file.
    """
    if root.is_file():
        files = [root]
    elif root.is_dir():
        files = sorted(walk_files(root), key=lambda path: path.relative_to(root).parts)
    else:
        raise FileNotFoundError(f"No such file or folder: {root}")
    supported = [path for path in files if path.suffix.lower() in READERS]
    skipped = [path for path in files if path.suffix.lower() not in READERS]
    return supported, skipped


def walk_files(root: Path) -> list[Path]:
    """All visible files below ``root`` (symlinked folders are not followed)."""
    found = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = [name for name in dirnames if not is_ignored(name)]
        found.extend(Path(folder) / name for name in filenames if not is_ignored(name))
    return found


def is_ignored(name: str) -> bool:
    """Hidden (dot) names and Office lock files."""
    return name.startswith(IGNORED_PREFIXES)
