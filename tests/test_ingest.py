"""Ingest: every format read from files generated here out of a real sample text.

Inputs are built in ``tmp_path`` from ``corpus/000_8603b0463c119cf7.txt``: PDFs
with fpdf2 and the DejaVu Sans font (it has the Vietnamese glyphs), DOCX with
python-docx, HTML by hand.  Text is compared after NFC and whitespace collapsing,
because PDF readers re-wrap lines.
"""
from __future__ import annotations

import codecs
import io
import pickle
import random
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF
from fpdf.fonts import FontFace
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from extract.ingest import READERS, IngestError, list_inputs, read_document
from extract.ingest import base as ingest_base
from extract.ingest import html as ingest_html
from extract.ingest.pdf import PAGE_SEPARATOR, has_text, pdf_date, read_plain_pages
from extract.ingest.txt import decode
from extract.records import RawDocument, RawTable, render_table

CORPUS = Path(__file__).parents[1] / "corpus"
FONT = Path(__file__).parent / "data" / "fonts" / "DejaVuSans.ttf"
SAMPLE = (CORPUS / "000_8603b0463c119cf7.txt").read_text(encoding="utf-8")
PARAGRAPHS = [para for para in SAMPLE.split("\n\n") if para.strip()]
KEY_PHRASES = ["1.155,3", "18.827 triệu đồng", "Hội Phụ nữ phường Đậu Liêu", "“Dân vận khéo”"]
TABLE = [
    ["Lĩnh vực", "Số mô hình", "Ghi chú"],
    ["Kinh tế", "19", "1.155,3 m²"],
    ["Văn hóa-xã hội", "67", "18.827 triệu đồng"],
]
TITLE = "Nhân rộng các mô hình “Dân vận khéo” trên địa bàn thị xã Hồng Lĩnh"


def squash(text: str) -> str:
    """NFC, and every run of whitespace as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def grid(table: RawTable) -> list[list[str]]:
    """A table's cell texts at their top-left grid positions, "" where a merge covers."""
    rows = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        rows[cell.row][cell.col] = cell.text
    return rows


# --- builders -----------------------------------------------------------------


def new_pdf() -> FPDF:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    return pdf


def sample_pdf(with_table: bool = True) -> bytes:
    """Two sample paragraphs per page, then a page with a table."""
    pdf = new_pdf()
    pdf.set_title(TITLE)
    pdf.set_author("Ban Dân vận Thị ủy")
    pdf.set_creation_date(datetime(2018, 11, 28, 16, 20))
    for start in range(0, len(PARAGRAPHS), 2):
        pdf.add_page()
        for para in PARAGRAPHS[start : start + 2]:
            pdf.multi_cell(0, 6, para)
            pdf.ln(4)
    if with_table:
        pdf.add_page()
        with pdf.table(headings_style=FontFace(emphasis="")) as table:
            for cells in TABLE:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
    return bytes(pdf.output())


def sample_pdf_pages() -> int:
    return (len(PARAGRAPHS) + 1) // 2 + 1


def image_only_pdf(pages: int = 2) -> bytes:
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.image(Image.new("RGB", (200, 100), "gray"), x=10, y=10, w=100)
    return bytes(pdf.output())


def encrypted_pdf(user_password: str) -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 6, PARAGRAPHS[1])
    pdf.set_encryption(owner_password="chu-so-huu", user_password=user_password)
    return bytes(pdf.output())


def superscript_pdf() -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    for text, position in [("hiến 1.155,3m", "LINE"), ("2", "SUP"), (" đất, trị giá 18.827 triệu đồng", "LINE"),
                           ("1", "SUP"), (".", "LINE")]:
        pdf.char_vpos = position
        pdf.write(8, text)
    return bytes(pdf.output())


def sample_docx(path: Path) -> Path:
    """Heading, two paragraphs, a table with a merged cell, the rest of the paragraphs."""
    document = docx.Document()
    document.core_properties.title = TITLE
    document.core_properties.author = "Ban Dân vận Thị ủy"
    document.core_properties.created = datetime(2018, 11, 28, 16, 20)
    document.add_heading(TITLE, level=1)
    for para in PARAGRAPHS[1:3]:
        document.add_paragraph(para)
    document.add_paragraph("")
    table = document.add_table(rows=len(TABLE) + 1, cols=3)
    for cells, row in zip(TABLE, table.rows):
        for text, cell in zip(cells, row.cells):
            cell.text = text
    merged = table.cell(len(TABLE), 0).merge(table.cell(len(TABLE), 1))
    merged.text = "Tổng cộng"
    table.cell(len(TABLE), 2).text = "112 mô hình"
    for para in PARAGRAPHS[3:]:
        document.add_paragraph(para)
    document.save(str(path))
    return path


def sample_html(title: str = TITLE) -> str:
    body = "\n".join(f"<p>{para}</p>" for para in PARAGRAPHS[1:])
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
<meta name="author" content="Thu Hà">
<meta property="article:published_time" content="2018-11-28T16:20:00+07:00">
<link rel="canonical" href="https://baohatinh.vn/nhan-rong-mo-hinh.html"></head>
<body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/kinh-te">Kinh tế</a></li></ul></nav>
<div class="menu"><a href="/dang-nhap">Đăng nhập tài khoản</a> <a href="/rss">Theo dõi RSS</a></div>
<article><h1>{title}</h1>
{body}
</article>
<footer><p>Bản quyền thuộc về Báo điện tử Hà Tĩnh. Giấy phép số 123/GP-BTTTT.</p></footer>
</body></html>"""


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """windows-1258 spells tones as combining marks after a (partly) precomposed base."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out.append((base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258"))
    return b"".join(out)


def blank_docx() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("   ")
    document.save(buffer)
    return buffer.getvalue()


def ole_file(encrypted: bool) -> bytes:
    """Just enough of an OLE compound file for the sniffing in docx.py."""
    stream = "EncryptedPackage" if encrypted else "WordDocument"
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream.encode("utf-16-le") + bytes(512)


def zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("note.txt", "không phải tài liệu Word")
    return buffer.getvalue()


# --- txt ------------------------------------------------------------------------

TXT_ENCODINGS = [
    pytest.param(SAMPLE.encode("utf-8"), "utf-8", id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
    pytest.param(SAMPLE.encode("utf-16"), "utf-16", id="utf-16-bom-native"),
    pytest.param(codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16", id="utf-16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
    pytest.param(SAMPLE.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
    pytest.param(SAMPLE.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
]


@pytest.mark.parametrize("data, encoding", TXT_ENCODINGS)
def test_ingest_txt_encodings(tmp_path, data, encoding):
    raw = read_document(write(tmp_path / "bao_cao.txt", data), "bao_cao")
    assert (raw.text, raw.encoding, raw.format, raw.doc_id) == (SAMPLE, encoding, "txt", "bao_cao")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(unicodedata.normalize("NFD", SAMPLE), id="nfd-kept"),
        pytest.param(SAMPLE.replace("\n", "\r\n"), id="crlf-kept"),
        pytest.param("\n\n  " + PARAGRAPHS[1] + "  \n", id="outer-whitespace-kept"),
    ],
)
def test_ingest_txt_text_unchanged(tmp_path, text):
    raw = read_document(write(tmp_path / "a.txt", text.encode("utf-8")), "a")
    assert raw.text == text


def test_ingest_txt_decode_is_reusable():
    assert decode("Đậu Liêu".encode("utf-8")) == ("Đậu Liêu", "utf-8")


# --- pdf ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return sample_pdf()


@pytest.fixture
def pdf_path(tmp_path, pdf_bytes) -> Path:
    return write(tmp_path / "bao_cao.pdf", pdf_bytes)


def test_ingest_pdf_text_pages_and_hints(pdf_path):
    raw = read_document(pdf_path, "bao_cao")
    assert (raw.format, raw.pages, raw.doc_id) == ("pdf", sample_pdf_pages(), "bao_cao")
    text = squash(raw.text)
    for para in PARAGRAPHS:
        assert squash(para) in text
    for phrase in KEY_PHRASES:
        assert phrase in text
    assert raw.hints == {"title": TITLE, "author": "Ban Dân vận Thị ủy", "created": "2018-11-28"}
    assert len(raw.page_starts) == raw.pages and raw.page_starts[0] == 0
    for start, para in zip(raw.page_starts, PARAGRAPHS[::2]):  # each page begins with its first paragraph
        assert squash(raw.text[start:]).startswith(squash(para)[:40])


def test_ingest_pdf_tables_kept_apart(pdf_path):
    raw = read_document(pdf_path, "bao_cao")
    [table] = raw.tables
    assert (table.n_rows, table.n_cols, table.header_rows, table.page) == (3, 3, 1, sample_pdf_pages())
    assert [[cell.text for cell in table.cells if cell.row == row] for row in range(3)] == TABLE
    assert raw.text.count(render_table(table)) == 1  # the table's text once, as its own block
    assert raw.text.count("Văn hóa-xã hội") == 1
    assert raw.text[raw.page_starts[-1]:] == render_table(table)


def test_ingest_pdf_keeps_superscripts_on_the_line(tmp_path):
    """pdfplumber glues superscripts to the word: m² → "m2", a footnote mark → "đồng1"."""
    raw = read_document(write(tmp_path / "sup.pdf", superscript_pdf()), "sup")
    assert squash(raw.text) == "hiến 1.155,3m2 đất, trị giá 18.827 triệu đồng1."


def test_ingest_pdf_plain_pages_of_pdfium_give_page_texts(pdf_path):
    # pdfium's plain page texts: what a PDF that pdfplumber cannot parse is read as
    _, blocks = read_plain_pages(pdf_path)
    pages = [page[0].text if page else "" for page in blocks]
    assert len(pages) == sample_pdf_pages()
    assert "\r" not in "".join(pages)
    assert squash(PARAGRAPHS[1]) in squash(pages[0])
    assert squash(" ".join(TABLE[1])) in squash(pages[-1])


def test_ingest_pdf_empty_user_password_is_read(tmp_path):
    raw = read_document(write(tmp_path / "open.pdf", encrypted_pdf("")), "open")
    assert squash(PARAGRAPHS[1]) in squash(raw.text)


def test_ingest_pdf_mixed_scanned_page_is_read(tmp_path):
    pdf = new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 6, PARAGRAPHS[1])
    pdf.add_page()
    pdf.image(Image.new("RGB", (100, 100), "gray"), x=10, y=10, w=50)
    raw = read_document(write(tmp_path / "mixed.pdf", bytes(pdf.output())), "mixed")
    assert raw.pages == 2 and raw.text.endswith("\n\n")


@pytest.mark.parametrize(
    "value, iso",
    [("D:20181128162000+07'00'", "2018-11-28"), ("20181128", "2018-11-28"), ("D:2018", None), ("D:20181328", None)],
)
def test_ingest_pdf_date(value, iso):
    assert pdf_date(value) == iso


@pytest.mark.parametrize(
    "page_text, usable",
    [("Đậu Liêu", True), ("", False), (" \n ", False), ("(cid:12)(cid:7) (cid:3)\n(cid:9)", False), ("(cid:1) 19", True)],
)
def test_ingest_pdf_unmapped_glyphs_are_not_a_text_layer(page_text, usable):
    assert has_text(page_text) is usable


# --- docx -----------------------------------------------------------------------


def test_ingest_docx_order_tables_and_hints(tmp_path):
    raw = read_document(sample_docx(tmp_path / "bao_cao.docx"), "bao_cao")
    assert raw.format == "docx"
    blocks = raw.text.split("\n\n")
    assert blocks[0] == TITLE
    assert blocks[1:3] == PARAGRAPHS[1:3]
    assert blocks[3].split("\n") == [" | ".join(row) for row in TABLE] + ["Tổng cộng | 112 mô hình"]
    assert blocks[4:] == PARAGRAPHS[3:]
    assert [grid(table) for table in raw.tables] == [TABLE + [["Tổng cộng", "", "112 mô hình"]]]
    assert raw.hints == {"title": TITLE, "author": "Ban Dân vận Thị ủy", "created": "2018-11-28"}


def test_ingest_docx_vertical_merge_and_tracked_insertion(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Phường Đậu Liêu"
    table.cell(0, 1).text = "19"
    table.cell(1, 1).text = "67"
    paragraph = document.add_paragraph("Xem ")
    paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="A"><w:r><w:t>báo cáo</w:t></w:r></w:ins>'))
    path = tmp_path / "merge.docx"
    document.save(str(path))
    raw = read_document(path, "merge")
    assert [grid(table) for table in raw.tables] == [[["Phường Đậu Liêu", "19"], ["", "67"]]]
    assert raw.tables[0].cells[0].row_span == 2
    assert raw.text == "Phường Đậu Liêu | 19\n67\n\nXem báo cáo"


# --- html -----------------------------------------------------------------------


def test_ingest_html_main_text_without_boilerplate(tmp_path):
    raw = read_document(write(tmp_path / "bai.html", sample_html().encode("utf-8")), "bai")
    assert (raw.format, raw.encoding) == ("html", "utf-8")
    text = squash(raw.text)
    for para in PARAGRAPHS[1:]:
        assert squash(para) in text
    for boilerplate in ["Trang chủ", "Thời sự", "Đăng nhập tài khoản", "Bản quyền thuộc về"]:
        assert boilerplate not in text
    assert raw.hints == {
        "title": TITLE,
        "date": "2018-11-28",
        "author": "Thu Hà",
        "url": "https://baohatinh.vn/nhan-rong-mo-hinh.html",
    }


def test_ingest_html_declared_legacy_charset(tmp_path):
    page = sample_html().replace('charset="utf-8"', 'charset="windows-1258"')
    raw = read_document(write(tmp_path / "cu.htm", to_cp1258(page)), "cu")
    assert raw.encoding == "cp1258"
    for phrase in KEY_PHRASES:
        assert phrase in squash(raw.text)  # trafilatura returns NFC


def test_ingest_html_stray_bytes_are_replaced(tmp_path):
    data = sample_html().encode("utf-8").replace("Đậu Liêu".encode("utf-8"), b"\x81\x8d Li\xea")
    raw = read_document(write(tmp_path / "hong.html", data), "hong")
    assert raw.encoding == "utf-8-lossy"
    assert "18.827 triệu đồng" in squash(raw.text) and "\ufffd" in raw.text


def test_ingest_html_undecodable_when_nothing_fits(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_html, "detect_encoding", lambda data: [])  # no guesses from charset_normalizer
    data = b"<html><body><p>" + bytes(range(0x80, 0x100)) * 4 + b"</p></body></html>"
    with pytest.raises(IngestError) as caught:
        read_document(write(tmp_path / "latin.html", data), "x")
    assert_readable(caught.value, "undecodable", "encoding")


# --- every bad input raises IngestError with a kind and a sentence ------------------


def truncated_pdf() -> bytes:
    data = sample_pdf(with_table=False)
    return data[: len(data) // 2]


BAD_INPUTS = [
    # (file name, bytes or a function making them, kind, words in the message)
    ("empty.txt", b"", "empty", "0 bytes"),
    ("blank.txt", b" \r\n\t \n", "empty", "only whitespace"),
    ("latin.txt", b"Vi\xe1t \x80\x81", "undecodable", "offset 2"),
    ("bad-bom.txt", codecs.BOM_UTF8 + b"Vi\xe1t", "undecodable", "byte-order mark"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "binary", "binary"),
    ("controls.txt", bytes(range(1, 32)) * 8, "binary", "binary"),
    ("empty.pdf", b"", "empty", "0 bytes"),
    ("random.pdf", random.Random(7).randbytes(3000), "corrupt", "%PDF- header"),
    ("junk.pdf", b"%PDF-1.4\n" + random.Random(8).randbytes(3000), "corrupt", "Not a valid PDF"),
    ("truncated.pdf", truncated_pdf, "corrupt", "Not a valid PDF"),
    ("scan.pdf", image_only_pdf, "needs_ocr", "No text layer on any of the 2 pages; OCR is needed."),
    ("one-scan.pdf", lambda: image_only_pdf(1), "needs_ocr", "OCR is needed"),
    ("locked.pdf", lambda: encrypted_pdf("mat-khau"), "encrypted", "password"),
    ("text.docx", SAMPLE.encode("utf-8"), "corrupt", "not a ZIP package"),
    ("blank.docx", blank_docx, "empty", "no text"),
    ("other.docx", zip_without_word, "corrupt", "Not a valid DOCX"),
    ("legacy.docx", lambda: ole_file(encrypted=False), "unsupported", ".doc"),
    ("locked.docx", lambda: ole_file(encrypted=True), "encrypted", "password"),
    ("empty.html", b"", "empty", "0 bytes"),
    ("blank.html", b"<html><head><title>Trang</title></head><body></body></html>", "empty", "No main text"),
    ("image.htm", b"GIF89a" + bytes(100), "binary", "binary"),
    ("notes.xyz", b"ghi ch\xc3\xba", "unsupported", "'.xyz'"),
    ("README", b"ghi ch\xc3\xba", "unsupported", "without an extension"),
]


def assert_readable(err: IngestError, kind: str, words: str) -> None:
    assert err.kind == kind
    assert words in err.message
    assert str(err) == err.message
    assert err.message[0].isupper() and err.message.endswith((".", "?")), err.message


@pytest.mark.parametrize("name, content, kind, words", BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
def test_ingest_bad_input(tmp_path, name, content, kind, words):
    data = content() if callable(content) else content
    with pytest.raises(IngestError) as caught:
        read_document(write(tmp_path / name, data), "x")
    assert_readable(caught.value, kind, words)


@pytest.mark.parametrize("name", ["bao_cao.txt", "bao_cao.pdf", "bao_cao.docx", "bao_cao.htm"])
def test_ingest_unreadable_directory_named_like_a_file(tmp_path, name):
    (tmp_path / name).mkdir()
    with pytest.raises(IngestError) as caught:
        read_document(tmp_path / name, "x")
    assert_readable(caught.value, "unreadable", "directory")


@pytest.mark.parametrize("name", ["gone.txt", "gone.pdf", "gone.docx", "gone.html"])
def test_ingest_unreadable_broken_link(tmp_path, name):
    (tmp_path / name).symlink_to(tmp_path / "missing")
    with pytest.raises(IngestError) as caught:
        read_document(tmp_path / name, "x")
    assert_readable(caught.value, "unreadable", "does not exist")


@pytest.mark.parametrize("name", ["big.txt", "big.pdf", "big.docx", "big.html"])
def test_ingest_too_large(tmp_path, monkeypatch, name):
    monkeypatch.setattr(ingest_base, "MAX_BYTES", 10)
    with pytest.raises(IngestError) as caught:
        read_document(write(tmp_path / name, SAMPLE.encode("utf-8")), "x")
    assert_readable(caught.value, "too_large", "limit")


def test_ingest_error_survives_pickling():
    err = pickle.loads(pickle.dumps(IngestError("needs_ocr", "OCR is needed.")))
    assert (err.kind, err.message) == ("needs_ocr", "OCR is needed.")


def test_ingest_error_rejects_unknown_kind():
    with pytest.raises(ValueError):
        IngestError("oops", "Nope.")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    suffix=st.sampled_from(sorted(READERS)),
    data=st.one_of(
        st.binary(max_size=400),
        st.binary(max_size=300).map(lambda tail: b"%PDF-1.4\n" + tail),
        st.binary(max_size=300).map(lambda tail: b"PK\x03\x04" + tail),
        st.text(max_size=200).map(lambda text: f"<html><body><p>{text}</p></body></html>".encode()),
    ),
)
def test_ingest_nothing_but_ingest_error_escapes(tmp_path, suffix, data):
    path = write(tmp_path / f"fuzz{suffix}", data)
    try:
        raw = read_document(path, "fuzz")
    except IngestError as err:
        assert err.kind in ingest_base.KINDS and err.message
    else:
        assert isinstance(raw, RawDocument) and raw.text.strip()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=st.lists(st.tuples(st.floats(0.05, 0.99), st.integers(0, 255)), min_size=1, max_size=8))
def test_ingest_damaged_pdf_never_crashes(tmp_path, pdf_bytes, damage):
    data = bytearray(pdf_bytes)
    for where, value in damage:
        data[int(where * len(data))] = value
    path = write(tmp_path / "damaged.pdf", bytes(data))
    try:
        read_document(path, "damaged")
    except IngestError as err:
        assert err.kind in {"corrupt", "needs_ocr", "encrypted", "empty"}


# --- list_inputs -------------------------------------------------------------------


def test_ingest_list_inputs(tmp_path):
    names = [
        "b.txt", "a/z.pdf", "a/b.docx", "a/deep/c.HTM", "trang.html", "notes.xyz", "README",
        ".hidden.txt", ".git/config.txt", "a/.cache/x.html", "a/~$b.docx",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    supported, skipped = list_inputs(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in supported] == [
        "a/b.docx", "a/deep/c.HTM", "a/z.pdf", "b.txt", "trang.html",
    ]
    assert [p.relative_to(tmp_path).as_posix() for p in skipped] == ["README", "notes.xyz"]


def test_ingest_list_inputs_single_file_and_missing(tmp_path):
    path = write(tmp_path / "one.txt", b"x")
    assert list_inputs(path) == ([path], [])
    with pytest.raises(FileNotFoundError):
        list_inputs(tmp_path / "missing")


def test_ingest_readers_cover_the_formats():
    assert sorted(READERS) == [".doc", ".docx", ".htm", ".html", ".pdf", ".txt"]
