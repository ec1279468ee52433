"""Documents of any length: a text longer than a section goes through the passes section by
section, with every offset pointing into the whole cleaned text."""
from __future__ import annotations

import random
import tracemalloc

import pytest

import extract.sections as sections
from extract.ingest.base import SECTION_CHARS
from extract.pipeline import process, process_text
from extract.records import Table
from extract.sections import split

PLACES = ["xã Tân Phú", "xã Cam Thành", "phường Đông Lễ", "thị trấn Hồ Xá", "xã Vĩnh Lâm", "xã Gio Mỹ"]
ORGS = ["Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Hội Cựu chiến binh"]
SENTENCES = [
    "Năm {y}, {org} {place} đã vận động {a} hộ gia đình tham gia mô hình \"Dân vận khéo\", hiến {b} m² đất "
    "làm đường giao thông nông thôn.",
    "Trong 6 tháng đầu năm {y}, {org} {place} tổ chức {a} buổi tuyên truyền với {b} lượt hội viên tham dự.",
    "Toàn {place} có {a} mô hình kinh tế tập thể, thu hút {b} thành viên; tỷ lệ hộ nghèo giảm còn {c}%.",
    "{org} {place} phối hợp xây dựng {a} nhà đại đoàn kết cho hộ khó khăn, trị giá {b} triệu đồng mỗi căn.",
    "Công tác dân vận tiếp tục được các cấp ủy, chính quyền quan tâm lãnh đạo, chỉ đạo sát sao.",
    "Cán bộ, đảng viên gương mẫu đi đầu, gần dân, trọng dân, hiểu dân, học dân và có trách nhiệm với dân.",
    "Nhân dân tin tưởng, đồng thuận và tích cực hưởng ứng các chủ trương của địa phương.",
]
LAST = "Kết thúc năm 2024, xã Gio Mỹ có 4321 hộ đạt danh hiệu gia đình văn hóa."


def report(chars: int, seed: int = 7) -> str:
    """A report of about ``chars`` characters: numbered headings over paragraphs of varied
    sentences with figures, and one last paragraph of its own."""
    rng = random.Random(seed)
    parts, size, heading = ["BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA DÂN VẬN KHÉO"], 0, 0
    while size < chars:
        if rng.random() < 0.05:
            heading += 1
            parts.append(f"{heading}. Kết quả tại {rng.choice(PLACES)}")
        paragraph = " ".join(rng.choice(SENTENCES).format(
            y=rng.randint(2018, 2024), org=rng.choice(ORGS), place=rng.choice(PLACES),
            a=rng.randint(2, 900), b=rng.randint(10, 5000), c=rng.randint(1, 99)) for _ in range(rng.randint(2, 5)))
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts + [LAST]) + "\n"


def _covers(text, pieces):
    return pieces[0][0] == 0 and pieces[-1][1] == len(text) and all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))


def test_sections_split_covers_the_text_in_pieces_of_at_most_the_limit():
    text = report(50_000)
    pieces = split(text, most=5_000)
    assert _covers(text, pieces) and all(0 < b - a <= 5_000 for a, b in pieces) and len(pieces) >= 10
    assert all(text[a - 1] == "\n" for a, _ in pieces[1:])  # at a line break at least


def test_sections_split_prefers_page_breaks_then_headings_then_blank_lines():
    para = "Hội Nông dân xã Tân Phú có 12 mô hình. " * 20 + "\n"
    text = para * 5 + "\nII. Kết quả tại xã Cam Thành\n" + para * 3 + "\n" + para * 2
    heading = text.index("II. Kết")
    assert split(text, most=len(para) * 9)[1][0] == heading
    page = len(para) * 6
    assert split(text, [0, page], most=len(para) * 9)[1][0] == page
    no_heading = text.replace("II. Kết quả", "kết quả")
    assert no_heading[split(no_heading, most=len(para) * 9)[1][0] - 2:][:2] == "\n\n"


def test_sections_split_never_cuts_inside_a_table():
    text = report(20_000)
    table = Table(n_rows=3, n_cols=2, header_rows=1, char_start=3_000, char_end=5_500)
    pieces = split(text, tables=[table], most=4_000)
    assert _covers(text, pieces)
    assert not any(table.char_start < a < table.char_end for a, _ in pieces)


def test_sections_give_what_the_whole_text_gives(monkeypatch):
    """Sections of 2,000 characters over a 12,000-character report: the same figures at the
    same offsets, places and organisations as one pass over the whole, ids unique."""
    text = report(12_000, seed=3)
    whole = process_text(text, "bc")
    monkeypatch.setattr(sections, "SECTION_CHARS", 2_000)
    cut = process_text(text, "bc")
    assert cut.status == "ok" and len(split(cut.text)) >= 6
    assert [(f.text, f.char_start, f.value, f.unit) for f in cut.figures] == \
        [(f.text, f.char_start, f.value, f.unit) for f in whole.figures]
    for table in ("localities", "organisations"):
        assert [(r.text, r.char_start) for r in getattr(cut, table)] == \
            [(r.text, r.char_start) for r in getattr(whole, table)]
    for table in ("figures", "localities", "organisations", "models"):
        ids = [r.id for r in getattr(cut, table)]
        assert len(ids) == len(set(ids)) and all(i.startswith(f"bc:{ids[0].split(':')[1]}:") for i in ids)
    assert len({m.name for m in cut.models}) == len(cut.models)  # one record per model, mentions merged
    assert {m.name for m in cut.models} == {m.name for m in whole.models}
    places = {loc.id for loc in cut.localities}
    assert sum(f.place in places for f in cut.figures) == sum(f.place is not None for f in whole.figures)


def test_sections_a_report_over_a_million_characters_is_processed_with_bounded_memory(tmp_path):
    path = tmp_path / "bao_cao_dai.txt"
    path.write_text(report(1_200_000), encoding="utf-8")
    process_text("Hội Nông dân xã Tân Phú có 12 mô hình.")  # models and lexicons loaded before measuring
    tracemalloc.start()
    try:
        result = process(path, "dai")
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    text = result.text
    assert result.status == "ok" and len(text) > 1_200_000 and text.endswith(LAST)
    pieces = split(text)
    assert len(pieces) >= 6 and all(b - a <= SECTION_CHARS for a, b in pieces)
    for table in ("figures", "localities", "organisations", "models"):
        records = getattr(result, table)
        assert all(text[r.char_start:r.char_end] == (r.name if table == "models" else r.text) for r in records)
        assert len({r.id for r in records}) == len(records)
    last = [f for f in result.figures if f.char_start >= pieces[-1][0]]
    assert last and last[-1].text == "4321 hộ" and last[-1].char_start == text.index("4321 hộ")
    place = {loc.id: loc.text for loc in result.localities}[last[-1].place]
    assert place == "xã Gio Mỹ"
    # Working memory beyond the result kept: 10-13 MB measured here (peak 62-73 MB, the result
    # 52-60 MB); the whole text at once took 79 MB beyond it (peak 143 MB).  Bound: 25 bytes a character.
    print(f"tracemalloc: peak {peak / 2**20:.0f} MB, result kept {kept / 2**20:.0f} MB, {len(text):,} characters")
    assert peak - kept < 25 * len(text)


@pytest.mark.parametrize("chars", [SECTION_CHARS, SECTION_CHARS + 1])
def test_sections_only_a_text_longer_than_a_section_is_cut(chars):
    assert len(split("a" * chars)) == (1 if chars <= SECTION_CHARS else 2)
