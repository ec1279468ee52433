"""Archives as they really are: every encoding, a scanned PDF, every kind of broken file.

A mixed corpus is built in a temporary folder — the five samples, each sample again in
TCVN3, VNI and Windows-1258, a page of a sample rendered to an image-only PDF, a web page
full of external references, and every kind of broken input — and run end to end once.
Every file must be accounted for by exactly one ``documents`` row, every failure by one
``errors`` row, and the converted samples must give the figures of their UTF-8 originals.
Files that vanish during the run and files the reader may not open are simulated (a
callback deletes one; ``open`` is refused for another, since root may read anything).
"""
from __future__ import annotations

import builtins
import io
import json
import os
import shutil
import socket
import sqlite3
import textwrap
import threading
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from conftest import CORPUS
from extract import RunOptions
from extract import write as extract_write
from extract.cli import app
from extract.ingest import IngestError, ocr, read_document
from extract.ingest.base import MAX_CHARS
from extract.ingest.docx import MAX_RATIO
from extract.ingest.encodings import encode_legacy, fold_for
from extract.pipeline import content_hash, process
from extract.runner import run
from extract.serve import datasette_app, serve

FONT = Path(__file__).parent / "data" / "fonts" / "DejaVuSans.ttf"
SAMPLES = {path.stem: path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))}
FIRST = next(iter(SAMPLES))
LEGACY = ("tcvn3", "vni", "cp1258")
SCANNED = [para for para in SAMPLES[FIRST].split("\n\n") if "112 mô hình" in para][0]
OCR_MISSING = ocr.unavailable()
NEEDS_TESSERACT = pytest.mark.skipif(
    OCR_MISSING is not None, reason=f"OCR test skipped: {OCR_MISSING} (.ci/run installs them)"
)
STATUSES = {"ok", "error", "needs_ocr", "skipped"}


# --- builders ---------------------------------------------------------------------------


def new_pdf() -> FPDF:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    return pdf


def text_pdf() -> bytes:
    pdf = new_pdf()
    for para in SAMPLES[FIRST].split("\n\n")[:6]:
        pdf.add_page()
        pdf.multi_cell(0, 6, para)
    return bytes(pdf.output())


def page_image(text: str) -> bytes:
    """``text`` drawn in black on white, as a PNG: what a scanner gives."""
    font = ImageFont.truetype(str(FONT), 40)
    lines = textwrap.wrap(text, 60)
    image = Image.new("L", (1700, 80 + 60 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((60, 40 + 60 * number), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def scanned_pdf(text: str) -> bytes:
    """The picture of ``text`` alone on a PDF page: a scan, no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.open(io.BytesIO(page_image(text))), x=10, y=10, w=190)
    return bytes(pdf.output())


def blank_scan_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 100), "gray"), x=10, y=10, w=100)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 6, SCANNED)
    pdf.set_encryption(owner_password="chu-so-huu", user_password="mat-khau")
    return bytes(pdf.output())


def zip_bomb_docx() -> bytes:
    """A package whose document part unpacks to 30 MB of zeros from a few KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        package.writestr("word/document.xml", bytes(30 * 2**20))
    return buffer.getvalue()


def external_page() -> bytes:
    """A saved news page whose images, styles, scripts and frames all live on other hosts."""
    paragraphs = "\n".join(f"<p>{para}</p>" for para in SCANNED.split("\n") if para.strip())
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Nhân rộng các mô hình “Dân vận khéo”</title>
<link rel="stylesheet" href="https://cdn.example.invalid/site.css">
<link rel="preconnect" href="https://fonts.example.invalid">
<script src="https://analytics.example.invalid/track.js"></script>
<base href="http://news.example.invalid/">
</head><body><article><h1>Nhân rộng các mô hình “Dân vận khéo”</h1>
<img src="http://images.example.invalid/photo.jpg" srcset="//images.example.invalid/2x.jpg 2x">
{paragraphs}
<iframe src="https://video.example.invalid/embed/1"></iframe>
<object data="http://media.example.invalid/clip.swf"></object>
</article></body></html>""".encode("utf-8")


def long_line() -> bytes:
    """50 MB of report text on one line, no line break."""
    chunk = SAMPLES[FIRST].replace("\n", " ").encode("utf-8")
    return (chunk * (50 * 2**20 // len(chunk) + 1))[: 50 * 2**20]


# name → (bytes, status, stage, error kind, words in the message); all read by the ingest stage.
BROKEN = {
    "broken/empty.txt": (b"", "error", "ingest", "empty", "0 bytes"),
    "broken/picture.txt": (b"\x89PNG\r\n\x1a\n" + bytes(300), "error", "ingest", "binary", "binary"),
    "broken/truncated.pdf": (lambda: text_pdf()[:3000], "error", "ingest", "corrupt", "Not a valid PDF"),
    "broken/locked.pdf": (encrypted_pdf, "error", "ingest", "encrypted", "password"),
    "broken/text.docx": (SAMPLES[FIRST].encode("utf-8"), "error", "ingest", "corrupt", "not a ZIP package"),
    "broken/bomb.docx": (zip_bomb_docx, "error", "ingest", "too_large", "zip bomb"),
    "broken/one-line.txt": (long_line, "error", "ingest", "too_large", f"{MAX_CHARS:,} characters"),
    "broken/denied.txt": (SAMPLES[FIRST].encode("utf-8"), "error", "ingest", "unreadable", "permission denied"),
    "vanishing/gone.txt": (SAMPLES[FIRST].encode("utf-8"), "error", "ingest", "unreadable", "does not exist"),
    "scans/blank.pdf": (blank_scan_pdf, "needs_ocr", "ingest", "needs_ocr", "No text layer"),
    "notes/ghi-chu.xyz": (b"ghi ch\xc3\xba", "skipped", "ingest", "unsupported", "'.xyz'"),
}
DENIED, VANISHING = "denied.txt", "gone.txt"


def build_corpus(root: Path) -> dict[str, str]:
    """Write the mixed corpus under ``root``; return relative path → what it is."""
    kinds = {}
    for stem, text in SAMPLES.items():
        (root / "samples").mkdir(parents=True, exist_ok=True)
        (root / "samples" / f"{stem}.txt").write_text(text, encoding="utf-8")
        kinds[f"samples/{stem}.txt"] = "sample"
        for encoding in LEGACY:
            (root / encoding).mkdir(exist_ok=True)
            (root / encoding / f"{stem}-{encoding}.txt").write_bytes(encode_legacy(text, encoding, errors="fold"))
            kinds[f"{encoding}/{stem}-{encoding}.txt"] = encoding
    made = {"scans/scanned.pdf": scanned_pdf(SCANNED), "web/trang.html": external_page()}
    made |= {name: row[0]() if callable(row[0]) else row[0] for name, row in BROKEN.items()}
    for name, data in made.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
        kinds.setdefault(name, name.split("/")[0])
    return kinds


# --- the simulated environment: a file that vanishes, one that may not be read, no network ---


def refuse_denied(real_open):
    def guarded(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.fspath(file).endswith(os.sep + DENIED):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    return guarded


def forbid_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record and refuse every connection or name lookup."""
    attempts: list[str] = []

    def refuse(what):
        def refused(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what == 'connect' else args}")
            raise OSError(f"network access during a run: {what}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    """Run the mixed corpus once: (input folder, output folder, summary, kinds, network attempts)."""
    root = tmp_path_factory.mktemp("mixed")
    kinds = build_corpus(root)
    out = tmp_path_factory.mktemp("mixed_out")

    def vanish(source: str) -> None:  # the first finished document makes a later one disappear
        (root / "vanishing" / VANISHING).unlink(missing_ok=True)

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(builtins, "open", refuse_denied(builtins.open))
        monkeypatch.setattr(io, "open", refuse_denied(io.open))
        attempts = forbid_network(monkeypatch)
        summary = run(RunOptions(input=root, output=out, progress=False), on_progress=vanish)
    return root, out, summary, kinds, attempts


@pytest.fixture(scope="module")
def documents(mixed_run) -> pd.DataFrame:
    _, out, *_ = mixed_run
    return pd.read_parquet(out / "documents.parquet").set_index("source")


@pytest.fixture(scope="module")
def records(mixed_run) -> dict[str, dict]:
    _, out, *_ = mixed_run
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    return {rec["source"]: rec for rec in map(json.loads, lines)}


def figures_of(record: dict) -> list[tuple[float, str]]:
    return [(figure["value"], figure["unit"]) for figure in record["figures"]]


# --- the mixed corpus ---------------------------------------------------------------------


def test_robustness_every_file_has_one_documents_row(mixed_run, documents):
    root, _, _, kinds, _ = mixed_run
    assert documents.index.is_unique
    assert sorted(documents.index) == sorted(str(root / name) for name in kinds)
    assert set(documents["status"]) <= STATUSES


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_robustness_broken_file_gives_its_error(mixed_run, documents, name):
    root, out, *_ = mixed_run
    _, status, stage, kind, words = BROKEN[name]
    row = documents.loc[str(root / name)]
    assert (row["status"], row["error_stage"], row["error_kind"]) == (status, stage, kind)
    assert words in row["error"] and row["error"][0].isupper(), row["error"]
    errors = pd.read_parquet(out / "errors.parquet")
    mine = errors[errors["source"] == str(root / name)]
    if status == "skipped":  # an unsupported type is listed, not an error
        assert mine.empty
    else:
        assert row["error"].endswith("."), row["error"]
        assert mine[["stage", "kind", "message"]].values.tolist() == [[stage, kind, row["error"]]]


def test_robustness_error_rows_are_complete(mixed_run, documents):
    _, out, *_ = mixed_run
    errors = pd.read_parquet(out / "errors.parquet")
    assert errors[["doc_id", "source", "stage", "kind", "message"]].notna().all().all()
    failed = documents[documents["status"].isin(["error", "needs_ocr"])]
    assert sorted(errors["source"]) == sorted(failed.index)
    csv_errors = pd.read_csv(out / "errors.csv")
    assert len(csv_errors) == len(errors)


def test_robustness_summary_counts(mixed_run, documents):
    _, _, summary, kinds, _ = mixed_run
    counts = documents["status"].value_counts().to_dict()
    assert summary.documents == len(kinds) - counts["skipped"]
    assert (summary.ok, summary.failed, summary.needs_ocr, len(summary.skipped)) == (
        counts["ok"], counts["error"], counts["needs_ocr"], counts["skipped"]
    )
    assert summary.failed >= 9 and len(summary.errors) == summary.failed + summary.needs_ocr
    expected_ok = len(SAMPLES) * (1 + len(LEGACY)) + 1 + (OCR_MISSING is None)  # + the web page, the scan
    assert summary.ok == expected_ok
    # the counts, for a reader (pytest -s): files by status, errors by kind, encodings
    print("\nmixed corpus:", len(kinds), "files;", "status", counts, ";",
          "errors by kind", documents["error_kind"].value_counts().to_dict(), ";",
          "encodings", documents["encoding"].value_counts().to_dict())


@pytest.mark.parametrize("encoding", LEGACY)
@pytest.mark.parametrize("stem", sorted(SAMPLES))
def test_robustness_converted_sample_gives_the_original_figures(mixed_run, records, tmp_path, stem, encoding):
    """The figures of the UTF-8 original — after ``fold_for`` where the encoding cannot carry a
    character: sample 003's footnote marks (``năm 2017¹``) become plain digits in the 8-bit codes."""
    root, *_ = mixed_run
    converted = records[str(root / encoding / f"{stem}-{encoding}.txt")]
    assert (converted["status"], converted["encoding"]) == ("ok", encoding)
    original = records[str(root / "samples" / f"{stem}.txt")]
    folded = fold_for(SAMPLES[stem], encoding)
    if folded == SAMPLES[stem]:
        assert figures_of(converted) == figures_of(original)
    else:
        (tmp_path / f"{stem}.txt").write_text(folded, encoding="utf-8")
        result = process(tmp_path / f"{stem}.txt", stem)
        assert figures_of(converted) == [(figure.value, figure.unit) for figure in result.figures]


def test_robustness_scanned_pdf_without_tesseract_needs_ocr(mixed_run, documents):
    if OCR_MISSING is None:
        pytest.skip("Tesseract and its Vietnamese model are installed: the scan is read (see the OCR test)")
    root, *_ = mixed_run
    row = documents.loc[str(root / "scans" / "scanned.pdf")]
    assert (row["status"], row["error_kind"]) == ("needs_ocr", "needs_ocr")
    assert "install tesseract-ocr and tesseract-ocr-vie to OCR it." in row["error"]


@NEEDS_TESSERACT
def test_robustness_scanned_pdf_is_read_by_ocr(mixed_run, records):
    root, *_ = mixed_run
    scan = records[str(root / "scans" / "scanned.pdf")]
    assert (scan["status"], scan["encoding"]) == ("ok", "ocr")
    found = figures_of(scan)
    assert {(112.0, "count"), (65.0, "count"), (8.0, "count")} <= set(found)
    page = records[str(root / "web" / "trang.html")]  # the same paragraph, as text
    assert found == figures_of(page)


@NEEDS_TESSERACT
def test_robustness_blank_scan_says_ocr_found_nothing(mixed_run, documents):
    root, *_ = mixed_run
    assert documents.loc[str(root / "scans" / "blank.pdf"), "error"] == (
        "No text layer on the only page; OCR is needed. Tesseract found no text on it."
    )


def test_robustness_html_never_touches_the_network(mixed_run, records):
    root, _, _, _, attempts = mixed_run
    page = records[str(root / "web" / "trang.html")]
    assert page["status"] == "ok" and (112.0, "count") in figures_of(page)
    assert attempts == []


def test_robustness_outputs_hold_no_temporary_files(mixed_run):
    _, out, *_ = mixed_run
    assert not list(out.glob(".run-*"))


def test_robustness_serve_is_loopback_and_read_only(mixed_run):
    _, out, *_ = mixed_run
    import inspect

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    ds = datasette_app(out)
    assert ds.databases["catalog"].is_mutable is False


# --- single behaviours ----------------------------------------------------------------------


def test_robustness_scan_without_tesseract_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    missing = ocr.unavailable.__wrapped__()
    assert missing == "Tesseract is not installed; install tesseract-ocr and tesseract-ocr-vie to OCR it"
    monkeypatch.setattr(ocr, "unavailable", lambda: missing)
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf(SCANNED))
    with pytest.raises(IngestError) as caught:
        read_document(path, "scan")
    assert (caught.value.kind, caught.value.message) == (
        "needs_ocr",
        "No text layer on the only page; OCR is needed. Tesseract is not installed; "
        "install tesseract-ocr and tesseract-ocr-vie to OCR it.",
    )


@NEEDS_TESSERACT
def test_robustness_mixed_pdf_ocrs_only_the_scanned_page(tmp_path):
    pdf = new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 6, "Trang một: lĩnh vực kinh tế có 19 mô hình.")
    pdf.add_page()
    pdf.image(Image.open(io.BytesIO(page_image(SCANNED))), x=10, y=10, w=190)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(bytes(pdf.output()))
    raw = read_document(path, "mixed")
    assert (raw.pages, raw.encoding, raw.hints["ocr_pages"]) == (2, "ocr", "2")
    first, second = raw.text.split("\n\n", 1)
    assert first == "Trang một: lĩnh vực kinh tế có 19 mô hình." and "112 mô hình" in second


def test_robustness_text_over_the_character_limit_is_too_large(tmp_path):
    path = tmp_path / "dai.txt"
    path.write_text("Có 3 mô hình. " * (MAX_CHARS // 14 + 1), encoding="utf-8")  # fewer bytes than the file limit
    with pytest.raises(IngestError) as caught:
        read_document(path, "dai")
    assert caught.value.kind == "too_large"
    assert f"the limit is {MAX_CHARS:,}" in caught.value.message  # texts under it are read in sections


def test_robustness_zip_bomb_ratio_is_the_limit():
    assert MAX_RATIO == 100 and len(zip_bomb_docx()) * MAX_RATIO < 30 * 2**20


def sample_folder(root: Path, broken_first: bool) -> Path:
    root.mkdir()
    (root / f"{FIRST}.txt").write_text(SAMPLES[FIRST], encoding="utf-8")
    if broken_first:
        (root / "0-empty.txt").write_bytes(b"")
        (root / "0-picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    return root


def test_robustness_strict_stops_at_the_first_error(tmp_path):
    folder = sample_folder(tmp_path / "in", broken_first=True)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(out), "--strict", "-q"])
    assert result.exit_code == 1, result.output
    assert "0-empty.txt" in result.output
    with sqlite3.connect(out / ".vnextract" / "state.sqlite") as db:
        assert db.execute("SELECT source FROM results").fetchall() == [(str(folder / "0-empty.txt"),)]
    assert not (out / "records.jsonl").exists()


def test_robustness_without_strict_the_closing_note_counts(tmp_path):
    folder = sample_folder(tmp_path / "in", broken_first=True)
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.count("│") >= 8)
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert cells[:6] == ["3", "1", "2", "0", "0", "0"]  # read, ok, failed, needs OCR, unchanged, skipped
    assert "ingest/empty" in result.output and "ingest/binary" in result.output


def test_robustness_killed_run_leaves_the_previous_dataset(tmp_path, monkeypatch):
    folder = sample_folder(tmp_path / "in", broken_first=True)
    (folder / "second.txt").write_text(SAMPLES[list(SAMPLES)[1]], encoding="utf-8")
    out = tmp_path / "out"
    run(RunOptions(input=folder, output=out, progress=False, checks=False))
    before = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}
    assert {"records.jsonl", "documents.parquet", "documents.csv", "errors.csv"} <= set(before)

    real_add, calls = extract_write.DatasetWriter.add, []

    def add_then_die(self, result):
        calls.append(result.doc_id)
        if len(calls) == 3:
            raise KeyboardInterrupt("killed while writing")
        real_add(self, result)

    monkeypatch.setattr(extract_write.DatasetWriter, "add", add_then_die)
    with pytest.raises(KeyboardInterrupt):
        run(RunOptions(input=folder, output=out, progress=False, checks=False, force=True))
    after = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}
    assert after == before
    assert not list(out.glob(".run-*"))


# --- file names and special files -------------------------------------------------------------


def test_robustness_non_utf8_file_names(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = {b"b\xe1o c\xe1o.txt": SAMPLES[FIRST].encode("utf-8"), b"t\xeai.pdf": b"", b"ghi \xfa.xyz": b"x"}
    for name, data in names.items():
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(data)
    out = tmp_path / "out"
    summary = run(RunOptions(input=folder, output=out, progress=False))
    documents = pd.read_parquet(out / "documents.parquet").set_index("doc_id")
    assert sorted(documents.index) == ["b�o c�o", "ghi �", "t�i"]
    assert documents.loc["b�o c�o", "status"] == "ok" and documents.loc["b�o c�o", "source"].endswith("b�o c�o.txt")
    assert documents.loc["t�i", "error_kind"] == "empty"
    assert (summary.ok, summary.failed, len(summary.skipped)) == (1, 1, 1)
    json.loads((out / "records.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert len(pd.read_csv(out / "documents.csv")) == 3


def hashes_without_blocking(path: Path) -> bool:
    """True if ``content_hash`` returns on a pipe; unblocks it (by opening the writer end) if not."""
    thread = threading.Thread(target=content_hash, args=(path,), daemon=True)
    thread.start()
    thread.join(2)
    if thread.is_alive():
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(2)
        return False
    return True


def test_robustness_named_pipe_is_an_error_row_not_a_hang(tmp_path):
    folder = sample_folder(tmp_path / "in", broken_first=False)
    os.mkfifo(folder / "pipe.txt")
    assert hashes_without_blocking(folder / "pipe.txt")
    run(RunOptions(input=folder, output=tmp_path / "out", progress=False, checks=False))
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert documents.loc["pipe", "error_kind"] == "unreadable"
    assert "not a regular file" in documents.loc["pipe", "error"]
