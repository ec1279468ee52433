"""Legacy Vietnamese encodings: every sample document, written in each encoding, comes back.

The bytes are made by the project's own encoder (``encode_legacy``), built from the
tables in ``extract/data/encodings/``; the tables themselves are checked against their
definitions here.  What an encoding cannot carry is compared after the documented
normalisation ``fold_for`` — superscript digits (``⁴`` → ``4``; doc 003's footnote marks)
in the 8-bit codes, and in TCVN3 the capitals with tone marks that VN3 lacks (``Ý`` → ``ý``
unless its word is visibly in capitals); a test checks that nothing else differs.
VIQR and mojibake keep every other character as it is.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.ingest import READERS, IngestError, read_document
from extract.ingest import doc as ingest_doc
from extract.ingest.encodings import (
    SUPERSCRIPT_DIGITS,
    convert_viqr,
    encode_legacy,
    fold_for,
    legacy_view,
    repair_text,
    tcvn3_table,
    tcvn5712_table,
    to_viqr,
    vietnamese_letters,
    viqr_table,
    vni_table,
)
from extract.ingest.txt import decode
from extract.lexicons import load_data
from extract.pipeline import process

CORPUS = Path(__file__).parents[1] / "corpus"
DATA = Path(__file__).parent / "data"
FONT = DATA / "fonts" / "DejaVuSans.ttf"
DOC_FIXTURE = DATA / "legacy" / "tcvn3_mixed.doc"
SAMPLES = {path.stem[:3]: path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))}
SAMPLE = SAMPLES["000"]
PARAGRAPHS = [para for para in SAMPLE.split("\n\n") if para.strip()]
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"

# encoding written → name decode() gives
FILE_ENCODINGS = {
    "tcvn3": "tcvn3",
    "vni": "vni",
    "viqr": "viqr",
    "cp1258": "cp1258",
    "utf-8-mojibake": "utf-8-mojibake",
    "utf-16": "utf-16",
}


def squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# --- the tables -------------------------------------------------------------------------


def rfc1456_viqr() -> dict[str, str]:
    """The VIQR spelling of every letter, rebuilt from RFC 1456's rules."""
    tones = {"": "", "\u0301": "'", "\u0300": "`", "\u0309": "?", "\u0303": "~", "\u0323": "."}
    bases = {"a": "a", "ă": "a(", "â": "a^", "e": "e", "ê": "e^", "i": "i", "o": "o", "ô": "o^", "ơ": "o+",
             "u": "u", "ư": "u+", "y": "y"}
    table = {"dd": "đ", "DD": "Đ"}
    for base, spelled in bases.items():
        for tone, mark in tones.items():
            letter = unicodedata.normalize("NFC", base + tone)
            if not letter.isascii():
                table[spelled + mark] = letter
                table[(spelled + mark).upper()] = letter.upper()
    return table


def test_encodings_viqr_table_matches_rfc1456():
    assert viqr_table() == rfc1456_viqr()


def test_encodings_letter_sets():
    lower = {letter for letter in vietnamese_letters() if letter.islower()}
    assert len(vietnamese_letters()) == 134 and len(lower) == 67
    assert set(tcvn3_table().values()) == lower | set("ĂÂÊÔƠƯĐ")  # VN3: 67 + 7 capitals
    assert set(vni_table().values()) == vietnamese_letters()


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viqr", "cp1258"])
def test_encodings_every_letter_round_trips(encoding):
    letters = [letter for letter in vietnamese_letters() if encoding != "tcvn3" or letter in tcvn3_table().values()]
    text = " ".join(f"{letter}a {letter}" for letter in sorted(letters))  # each letter before a vowel too
    assert decode_text(encode_legacy(text, encoding), encoding) == text


def decode_text(data: bytes, encoding: str) -> str:
    """Decode bytes known to be in ``encoding`` (no detection)."""
    from extract.ingest.encodings import bytes_to_view, convert_cp1258, convert_tcvn3, convert_vni

    readers = {
        "tcvn3": lambda: convert_tcvn3(bytes_to_view(data)),
        "vni": lambda: convert_vni(bytes_to_view(data)),
        "viqr": lambda: convert_viqr(data.decode("utf-8")),
        "cp1258": lambda: convert_cp1258(data),
    }
    return readers[encoding]()


def test_encodings_data_files_name_their_source():
    folder = Path(__file__).parents[1] / "extract" / "data" / "encodings"
    for path in folder.iterdir():
        head = path.read_text(encoding="utf-8")[:600]
        assert "Source" in head or "_source" in head, path.name
    assert all(len(row) == 3 for row in load_data("encodings/tcvn3.tsv"))


# --- every sample, in every encoding, back through decode() ------------------------------------


@pytest.mark.parametrize("encoding", list(FILE_ENCODINGS))
@pytest.mark.parametrize("sample", list(SAMPLES))
def test_encodings_samples_round_trip(sample, encoding):
    text = SAMPLES[sample]
    data = encode_legacy(text, encoding, errors="fold")
    assert decode(data) == (fold_for(text, encoding), FILE_ENCODINGS[encoding])


@pytest.mark.parametrize("encoding", list(FILE_ENCODINGS))
@pytest.mark.parametrize("sample", list(SAMPLES))
def test_encodings_fold_changes_only_what_is_documented(sample, encoding):
    text = SAMPLES[sample]
    folded = fold_for(text, encoding)
    assert len(folded) == len(text)
    for original, kept in zip(text, folded):
        if original == kept:
            continue
        if original in SUPERSCRIPT_DIGITS:
            assert encoding in ("tcvn3", "vni", "cp1258") and kept == unicodedata.normalize("NFKC", original)
        else:  # a capital with a tone mark, which TCVN3 (VN3) lacks
            assert encoding == "tcvn3" and kept == original.lower() and set(unicodedata.normalize("NFD", original)) & set(TONE_MARKS)
    if encoding in ("viqr", "utf-8-mojibake", "utf-16") or not set(text) & set(SUPERSCRIPT_DIGITS) and encoding != "tcvn3":
        assert folded == text  # exact round trip


def test_encodings_strict_encoder_refuses_what_it_cannot_carry():
    with pytest.raises(ValueError, match="tcvn3 cannot carry 'Ấ'"):
        encode_legacy("Ấp Bắc", "tcvn3")
    with pytest.raises(ValueError, match="U\\+2074"):
        encode_legacy("tốt⁴", "vni")
    assert legacy_view("Ấp⁴", "tcvn3") == "Ấp⁴"  # a str view keeps it


def test_encodings_txt_file_records_the_encoding(tmp_path):
    path = tmp_path / "bao_cao.txt"
    path.write_bytes(encode_legacy(SAMPLES["001"], "vni"))
    raw = read_document(path, "bao_cao")
    assert (raw.text, raw.encoding) == (SAMPLES["001"], "vni")


def test_encodings_latin1_mojibake_and_utf8_bom():
    latin1 = SAMPLE.encode("utf-8").decode("latin-1").encode("utf-8")  # C1 controls, not cp1252 punctuation
    assert decode(latin1) == (SAMPLE, "utf-8-mojibake")
    assert decode(b"\xef\xbb\xbf" + encode_legacy(SAMPLE, "utf-8-mojibake")) == (SAMPLE, "utf-8-mojibake")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=sorted(vietnamese_letters()) + list("adDeoy '`?~.(^+\\-"), max_size=40))
def test_encodings_viqr_escapes_make_any_text_round_trip(text):
    assert convert_viqr(to_viqr(text)) == text


# --- no misfire on correct text ----------------------------------------------------------------

NOT_LEGACY = [
    pytest.param("Le café à Hà Nội coûte 2 €", id="french-with-vietnamese"),
    pytest.param("Le café coûte 2 € à Paris. Où est la gare ? Déjà vu, très bien, ça va.", id="french"),
    pytest.param("Die Größe der Äpfel über München ist schön, sagt Jürgen an der Straße.", id="german"),
    pytest.param("El niño está en España, ¿qué tal? Mañana sí, señor Muñoz.", id="spanish"),
    pytest.param("São Paulo à noite: coração, avô, pão e açúcar.", id="portuguese"),
    pytest.param("Who are you? I told you so. Let me be. Go to the zoo. Call me. Do you see? We do.", id="english-viqr-like"),
    pytest.param("Paths like C:\\data\\dd and the address of the middle door.", id="english-backslashes"),
    pytest.param(unicodedata.normalize("NFD", SAMPLE), id="vietnamese-nfd"),
    *(pytest.param(text, id=f"sample-{name}") for name, text in SAMPLES.items()),
]


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_encodings_correct_utf8_is_left_alone(text):
    for variant in (text, text.upper()):
        assert decode(variant.encode("utf-8")) == (variant, "utf-8")
        assert repair_text(variant) == (variant, None)


@pytest.mark.parametrize("text", [param.values[0] for param in NOT_LEGACY[1:5]])
def test_encodings_western_legacy_bytes_are_not_read_as_vietnamese(text):
    with pytest.raises(IngestError) as caught:
        decode(text.encode("cp1252"))
    assert caught.value.kind == "undecodable"


# --- repair_text with a font name ---------------------------------------------------------------

FONT_RUNS = [
    # (font, text as the font's bytes show, expected text, encoding)
    (".VnTime", legacy_view("Báo cáo tổng kết", "tcvn3"), "Báo cáo tổng kết", "tcvn3"),
    (".VnTimeH", legacy_view("đảng bộ phường", "tcvn3"), "ĐẢNG BỘ PHƯỜNG", "tcvn3"),
    (".VnArial Narrow", "n\xadíc", "nước", "tcvn3"),
    ("VNI-Times", legacy_view("Đậu Liêu, Hưng Yên", "vni"), "Đậu Liêu, Hưng Yên", "vni"),
    ("Times New Roman", legacy_view("Báo cáo", "tcvn3"), legacy_view("Báo cáo", "tcvn3"), None),
    (".VnTime", "Việt Nam", "Việt Nam", None),  # already Unicode: cannot be .VnTime bytes
    (".VnTime", "UBND 2020", "UBND 2020", None),
]


@pytest.mark.parametrize("font, text, expected, encoding", FONT_RUNS)
def test_encodings_repair_text_by_font(font, text, expected, encoding):
    assert repair_text(text, font=font) == (expected, encoding)


# --- docx, pdf, html, doc --------------------------------------------------------------------


def test_encodings_docx_converts_only_legacy_runs(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run(legacy_view(PARAGRAPHS[1][:80], "tcvn3")).font.name = ".VnTime"
    paragraph.add_run(PARAGRAPHS[1][80:]).font.name = "Times New Roman"
    heading = document.add_paragraph()
    heading.add_run(legacy_view("báo cáo", "tcvn3")).font.name = ".VnTimeH"
    soft = document.add_paragraph()  # Word writes TCVN3 ư (byte AD) as a soft hyphen when it converts a .doc
    soft._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr>'
        "<w:t>ng</w:t><w:softHyphen/><w:t>êi d©n</w:t></w:r>"
    ))
    styled = document.styles.add_style("Cu", 1)
    styled.font.name = ".VnArial"
    document.add_paragraph(legacy_view("Hội Phụ nữ", "tcvn3"), style="Cu")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run(legacy_view("Số mô hình", "tcvn3")).font.name = ".VnTime"
    table.cell(0, 1).text = "Văn hóa-xã hội"
    path = tmp_path / "cu.docx"
    document.save(str(path))
    raw = read_document(path, "cu")
    assert raw.text.split("\n\n") == [PARAGRAPHS[1], "BÁO CÁO", "người dân", "Hội Phụ nữ", "Số mô hình | Văn hóa-xã hội"]
    assert [[c.text for c in table.cells] for table in raw.tables] == [["Số mô hình", "Văn hóa-xã hội"]]
    assert raw.encoding == "tcvn3"


def test_encodings_docx_without_legacy_fonts_keeps_no_encoding(tmp_path):
    document = docx.Document()
    document.add_paragraph(PARAGRAPHS[1]).runs[0].font.name = "Times New Roman"
    path = tmp_path / "moi.docx"
    document.save(str(path))
    raw = read_document(path, "moi")
    assert (raw.text, raw.encoding) == (PARAGRAPHS[1], None)


def tcvn3_pdf(paragraphs: list[str]) -> bytes:
    """TCVN3 text as a PDF in a .VnTime font gives it: the font's byte characters.

    fpdf2 cannot embed .VnTime, so the characters are drawn with DejaVu Sans; ư (byte AD,
    a soft hyphen that fpdf2 drops) is written as U+2212, which is what pdfminer gives
    for it in real .VnTime PDFs (see data/encodings/pdf_glyphs.tsv).
    """
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for para in paragraphs:
        pdf.multi_cell(0, 6, legacy_view(para, "tcvn3", errors="strict").replace("\xad", "\u2212"))
        pdf.ln(4)
    return bytes(pdf.output())


def test_encodings_pdf_in_tcvn3_is_converted(tmp_path):
    paragraphs = PARAGRAPHS[1:3]
    data = tcvn3_pdf(paragraphs)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "m« h×nh" in pdf.pages[0].extract_text()  # the PDF really holds TCVN3 characters
    path = tmp_path / "cu.pdf"
    path.write_bytes(data)
    raw = read_document(path, "cu")
    assert raw.encoding == "tcvn3"
    assert squash(raw.text) == squash(" ".join(paragraphs))


def test_encodings_unicode_pdf_keeps_no_encoding(tmp_path):
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, PARAGRAPHS[2])
    path = tmp_path / "moi.pdf"
    path.write_bytes(bytes(pdf.output()))
    raw = read_document(path, "moi")
    assert raw.encoding is None and squash(raw.text) == squash(PARAGRAPHS[2])


def page(title: str, paragraphs: list[str], charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{para}</p>" for para in paragraphs)
    head = f'<meta charset="{charset}"><title>{title}</title>'
    return f'<html lang="vi"><head>{head}</head><body><article><h1>{title}</h1>\n{body}</article></body></html>'


def test_encodings_html_mojibake_is_repaired(tmp_path):
    title = PARAGRAPHS[0].splitlines()[0]
    html = page(title, PARAGRAPHS[1:])
    path = tmp_path / "hong.html"
    path.write_bytes(encode_legacy(html, "utf-8-mojibake"))
    raw = read_document(path, "hong")
    assert raw.encoding == "utf-8-mojibake"
    for para in PARAGRAPHS[1:]:
        assert squash(para) in squash(raw.text)
    assert raw.hints["title"] == title


def test_encodings_html_in_tcvn3_font_is_converted(tmp_path):
    paragraphs = [legacy_view(para, "tcvn3", errors="strict") for para in PARAGRAPHS[1:3]]
    html = page("B¸o c¸o", paragraphs, charset="windows-1252").replace("<p>", '<p><font face=".VnTime">').replace("</p>", "</font></p>")
    path = tmp_path / "cu.htm"
    path.write_bytes(html.encode("cp1252"))
    raw = read_document(path, "cu")
    assert raw.encoding == "tcvn3"
    assert squash(" ".join(PARAGRAPHS[1:3])) in squash(raw.text)


needs_antiword = pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword is not installed (apt-get install antiword)")


@needs_antiword
def test_encodings_doc_with_a_tcvn3_paragraph(tmp_path):
    raw = read_document(DOC_FIXTURE, "cu")
    assert (raw.format, raw.encoding) == ("doc", "tcvn3")
    unicode_para, tcvn3_para = [para for para in raw.text.split("\n") if para.strip()]
    assert unicode_para == PARAGRAPHS[1]
    got, want = tcvn3_para.split(), PARAGRAPHS[2].split()
    assert len(got) == len(want)
    lost = [(g, w) for g, w in zip(got, want) if g != w]
    # antiword drops TCVN3's ư (a soft hyphen); it is put back where only one spelling is a
    # syllable ("trờng" → "trường"); where both are ("đa"/"đưa", "c"/"cư") it stays lost.
    assert all(w.replace("ư", "") == g for g, w in lost), lost
    assert len(lost) <= 2 and "trường" in tcvn3_para and "phường" in tcvn3_para


@needs_antiword
@pytest.mark.parametrize("content, kind", [(b"not a word file" * 50, "corrupt"), (b"\xd0\xcf\x11\xe0" + bytes(600), "corrupt")])
def test_encodings_doc_bad_input(tmp_path, content, kind):
    path = tmp_path / "hong.doc"
    path.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        read_document(path, "hong")
    assert caught.value.kind == kind and caught.value.message.endswith(".")


def test_encodings_doc_without_antiword_is_an_error_row(monkeypatch):
    monkeypatch.setattr(ingest_doc.shutil, "which", lambda name: None)
    with pytest.raises(IngestError) as caught:
        read_document(DOC_FIXTURE, "cu")
    assert caught.value.kind == "missing_tool"
    assert "apt-get install antiword" in caught.value.message


def test_encodings_doc_is_a_reader():
    assert READERS[".doc"] is ingest_doc.read_doc


# --- TCVN5712-1 (VN1): TCVN3 with its capitals, as iconv writes it ---------------------------------

VN1_REPORT = (
    "ỦY BAN NHÂN DÂN PHƯỜNG HỒNG LĨNH\n"
    "Ứng dụng phong trào \"Dân vận khéo\", Hội Phụ nữ phường Hồng Lĩnh vận động nhân dân hiến 1.155,3 m2 đất, "
    "huy động 2.408 ngày công trị giá 18.827 triệu đồng; 17/17 xã đạt chuẩn, gần 2 tỷ đồng hỗ trợ 215 hộ nghèo.\n"
    "Ý kiến cử tri: Ủy ban đã trả lời 36 kiến nghị tại 12 buổi đối thoại; Ừ, ỞĐÂY ĐẢNG BỘ CÓ 45 ĐẢNG VIÊN, khoảng 85% số hộ đạt chuẩn.\n"
)


def iconv_tcvn5712(text: str) -> bytes:
    if shutil.which("iconv") is None:
        pytest.skip("iconv is not installed")
    done = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(), capture_output=True)
    if done.returncode:
        pytest.skip(f"iconv lacks TCVN5712-1: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def test_encodings_tcvn5712_table_has_every_letter():
    assert set(tcvn5712_table().values()) == vietnamese_letters()
    assert {byte for byte in tcvn5712_table() if byte < 0x20} == {0x01, 0x02, 0x04, 0x05, 0x06, *range(0x11, 0x18)}


@pytest.mark.parametrize("writer", ["iconv", "own-table"])
def test_encodings_tcvn5712_file_gives_the_figures_of_its_original(tmp_path, writer):
    data = iconv_tcvn5712(VN1_REPORT) if writer == "iconv" else encode_legacy(VN1_REPORT, "tcvn5712-1")
    assert b"\x11ng" in data and b"\x16 ki" in data  # "Ứng", "Ý kiến": capitals at control bytes
    if writer == "own-table" and shutil.which("iconv"):
        assert data == iconv_tcvn5712(VN1_REPORT)
    original, copy = tmp_path / "goc.txt", tmp_path / "cu.txt"
    original.write_text(VN1_REPORT, encoding="utf-8")
    copy.write_bytes(data)
    raw = read_document(copy, "cu")
    assert (raw.text, raw.encoding) == (VN1_REPORT, "tcvn5712-1")
    keys = [[(f.value, f.unit, f.what, f.qualifier) for f in process(path, path.stem).figures] for path in (original, copy)]
    assert len(keys[0]) >= 10 and keys[0] == keys[1]


# VN3 files written on Windows keep Windows-1252 punctuation at 80–9F, which VN1 uses for capitals
VN3_NOT_VN1 = [
    pytest.param("Hội Phụ nữ – phường Hồng Lĩnh – có 45 hội viên … ‘tốt’", id="dashes-read-as-Ọ-in-vn1"),
    pytest.param("Phong trào “Dân vận khéo” có 17 mô hình", id="quotes"),
]


@pytest.mark.parametrize("text", VN3_NOT_VN1)
def test_encodings_tcvn3_with_windows_punctuation_stays_tcvn3(text):
    assert decode(encode_legacy(text, "tcvn3")) == (text, "tcvn3")
