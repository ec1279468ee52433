"""UTF-8 read as Windows-1252 and saved again ("mojibake") is repaired with ftfy.

The lossy case — a strict Windows-1252 reader replaced the bytes it leaves undefined
(81 8D 8F 90 9D) with U+FFFD or dropped them — is restored by the project's own code where
a lead byte shows a byte was lost (ftfy documents that it cannot); everything else is ftfy's.
The inputs are made here from a report paragraph written for this test.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extract.ingest import read_document
from extract.ingest.encodings import repair_text
from extract.pipeline import process

PARAGRAPH = (
    "Ủy ban nhân dân phường Hồng Lĩnh báo cáo: năm 2023, Hội Phụ nữ phường Hồng Lĩnh vận động "
    "nhân dân hiến 1.155,3 m² đất để mở rộng đường giao thông, huy động 2.408 ngày công trị giá "
    "18.827 triệu đồng; phong trào “Dân vận khéo” có 17/17 xã đạt chuẩn, gần 2 tỷ đồng được "
    "trao cho 215 hộ nghèo, 36 mô hình được nhân rộng, khoảng 85% số hộ đạt danh hiệu gia đình văn hóa. "
    "Ý kiến của người dân được ghi nhận tại 12 buổi đối thoại; Đảng bộ trường học có 45 đảng viên.\n"
)


def mojibake(text: str, errors: str) -> str:
    """``text`` as UTF-8 bytes read by a strict Windows-1252 reader (``errors``: replace or ignore)."""
    return text.encode("utf-8").decode("cp1252", errors=errors)


def figure_keys(path: Path) -> list[tuple]:
    result = process(path, path.stem)
    assert result.status == "ok", result
    return [(f.value, f.unit, f.what, f.qualifier) for f in result.figures]


def compare(original: list[tuple], copy: list[tuple]) -> tuple[int, int, int]:
    """(equal, only in the original, only in the copy), counting repeated figures."""
    left, right = list(original), list(copy)
    equal = 0
    for key in original:
        if key in right:
            right.remove(key)
            left.remove(key)
            equal += 1
    return equal, len(left), len(right)


@pytest.mark.parametrize("errors", ["replace", "ignore"])
def test_mojibake_file_gives_the_figures_of_its_original(tmp_path, errors):
    original, copy = tmp_path / "goc.txt", tmp_path / "hong.txt"
    original.write_text(PARAGRAPH, encoding="utf-8")
    broken = mojibake(PARAGRAPH, errors)
    assert ("\ufffd" in broken) == (errors == "replace") and "Há»“ng" in broken  # really lossy mojibake
    copy.write_text(broken, encoding="utf-8")
    raw = read_document(copy, "hong")
    assert (raw.text, raw.encoding) == (PARAGRAPH, "utf-8-mojibake")
    want, got = figure_keys(original), figure_keys(copy)
    assert len(want) >= 10
    assert compare(want, got) == (len(want), 0, 0)


# (mojibake as found, the text it was): each row exercises one rule
REPAIRS = [
    pytest.param("Há»“ng LÄ©nh", "Hồng Lĩnh", id="ftfy-windows-1252"),
    pytest.param("Há»\x93ng LÄ©nh", "Hồng Lĩnh", id="ftfy-latin-1-c1"),
    pytest.param("HÃ¡Â»Â“ng LÃ„Â©nh", "Hồng Lĩnh", id="ftfy-double-mojibake"),
    pytest.param("â€œDÃ¢n váº­n khÃ©oâ€\ufffd", "“Dân vận khéo”", id="keeps-curly-quotes-and-lost-closing-quote"),
    pytest.param("CÃ´ng ty A &amp; B táº¡i phÆ°á»\ufffdng", "Công ty A &amp; B tại phường", id="keeps-html-entities"),
    pytest.param("NgÆ°á»\ufffdi dÃ¢n", "Người dân", id="lost-9d-ờ"),
    pytest.param("Ä\ufffdáº£ng bá»™", "Đảng bộ", id="lost-90-Đ"),
    pytest.param("há»\ufffdc sinh", "học sinh", id="lost-8d-ọ"),
    pytest.param("tiá»\ufffdn há»\ufffdc", "tiền học", id="lost-81-ề-and-8d-ọ"),
    pytest.param("nhá»\ufffd", "nhờ", id="lost-ờ-ọ-ỏ-tie-takes-first-preference"),  # "nhỏ" too: see mojibake.json
    pytest.param("Ã\ufffd kiáº¿n", "Ý kiến", id="lost-9d-Ý-preferred"),
    pytest.param("chÃ¢u Ã\ufffd", "châu Ý", id="lost-c3-lone-letter-takes-first-preference"),
    pytest.param("Ã\ufffdo dÃ\xa0i", "Áo dài", id="lost-81-Á-by-syllable"),
    pytest.param("Tá»\ufffdNG KHá»\ufffdI", "TỐNG KHỐI", id="lost-90-Ố"),
    pytest.param("NgÆ°á»i dÃ¢n Äáº£ng", "Người dân Đảng", id="dropped-bytes"),
    pytest.param("â€œDÃ¢n váº­n khÃ©oâ€", "“Dân vận khéo”", id="dropped-closing-quote"),
    pytest.param("Há»“ng LÄ©nh ÄVT: mÃ£", "Hồng Lĩnh ĐVT: mã", id="dropped-Đ-before-an-abbreviation"),
    pytest.param(unicodedata.normalize("NFD", "Hồng Lĩnh").encode().decode("cp1252"),
                 unicodedata.normalize("NFD", "Hồng Lĩnh"), id="keeps-nfd-as-written"),
    pytest.param("Há»“ng LÄ©nh\r\nPhÆ°á»\ufffdng\r\n", "Hồng Lĩnh\r\nPhường\r\n", id="keeps-crlf"),
]


@pytest.mark.parametrize("broken, text", REPAIRS)
def test_mojibake_is_repaired(broken, text):
    assert repair_text(broken) == (text, "utf-8-mojibake")


# Correct text that must come back exactly as it is (each has a character outside what
# Vietnamese text uses, so it goes past the quick "modern Vietnamese" check to ftfy).
CORRECT = [
    pytest.param("UBND CÁC XÃ RA QUÂN © 2023", id="capital-Ã-before-space"),  # ftfy alone: "Xà RA"
    pytest.param("PHONG TRÀO THỊ XÃ” (HƯƠNG VÂN) ½ SỐ HỘ", id="capital-Ã-before-quote"),  # ftfy alone: "XÔ"
    pytest.param("Hội Phụ nữ phường Hồng Lĩnh đạt 1.155,3 m² → 100%", id="vietnamese-with-arrow"),
    pytest.param("Ông Đỗ Văn Ý nói: “Dân vận khéo” — 17/17 xã ✓", id="vietnamese-with-check-mark"),
    pytest.param("Le café à Hà Nội coûte 2 € – Ça va ? Très bien ©", id="french"),
    pytest.param("Tài trợ 1.200 € cho quỹ “Vì người nghèo” ™", id="euro-sign"),
    pytest.param("Giá 50.000 đ/kg, tăng ±3% so với năm 2022 ≈ 1.500 đ", id="math-signs"),
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_is_left_alone(text):
    assert repair_text(text) == (text, None)
    assert repair_text(text.upper()) == (text.upper(), None)
