"""OCR of PDF pages without a text layer, with Tesseract's Vietnamese model.

``read_pdf`` calls :func:`ocr_pages` for the pages whose text layer is empty (a
scanned report, or a scanned page inside a typed one): each page is rendered with
pdfium at 300 dpi, in grey, and given to the ``tesseract`` program with
``-l vie``; the text comes back NFC-normalised.

Tesseract is called as a program (``tesseract stdin stdout``) rather than through
pytesseract: that needs no Python dependency, the image goes through a pipe
without temporary files, and a page that takes too long is stopped by a timeout.
When the program or its ``vie`` model is missing, :func:`unavailable` says so in a
sentence and the document keeps the status ``needs_ocr``
(Debian: ``apt-get install tesseract-ocr tesseract-ocr-vie``).
"""
from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import pypdfium2

PROGRAM = "tesseract"
LANGUAGE = "vie"
DPI = 300
MAX_SIDE_PIXELS = 6000  # a page drawn on a huge canvas is scaled down to this
PAGE_TIMEOUT = 180  # seconds Tesseract may spend on one page
INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-vie to OCR it"


@lru_cache(maxsize=1)
def unavailable() -> str | None:
    """None when Tesseract with the Vietnamese model can run, else why not (a clause)."""
    program = shutil.which(PROGRAM)
    if program is None:
        return f"Tesseract is not installed; {INSTALL_HINT}"
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError) as err:
        return f"Tesseract could not be run ({type(err).__name__}); {INSTALL_HINT}"
    languages = set((listed.stdout + listed.stderr).split())
    if LANGUAGE not in languages:
        return f"Tesseract has no Vietnamese model ('{LANGUAGE}'); {INSTALL_HINT}"
    return None


def ocr_pages(path: Path, indexes: list[int]) -> dict[int, str]:
    """Text of the pages ``indexes`` (0-based) of the PDF at ``path``, read by OCR.

    A page that cannot be rendered or read gives ``""`` (the caller decides what an
    empty result means).  Call only when :func:`unavailable` is None.
    """
    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:
        return {index: "" for index in indexes}
    try:
        return {index: ocr_page(document, index) for index in indexes}
    finally:
        document.close()


def ocr_page(document: pypdfium2.PdfDocument, index: int) -> str:
    """One page rendered to a grey image and read by Tesseract."""
    try:
        page = document[index]
        try:
            width, height = page.get_size()
            scale = min(DPI / 72, MAX_SIDE_PIXELS / max(width, height, 1))
            image = page.render(scale=scale, grayscale=True).to_pil()
        finally:
            page.close()
    except (pypdfium2.PdfiumError, ValueError, OSError):
        return ""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return recognise(buffer.getvalue())


def recognise(png: bytes) -> str:
    """Tesseract's text for one PNG image (``""`` when it fails or times out)."""
    command = [shutil.which(PROGRAM) or PROGRAM, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI)]
    try:
        done = subprocess.run(command, input=png, capture_output=True, timeout=PAGE_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    if done.returncode != 0:
        return ""
    return unicodedata.normalize("NFC", done.stdout.decode("utf-8", errors="replace")).replace("\f", "").strip()
