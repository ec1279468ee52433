"""Breakdowns (extract/factcheck/breakdowns.py): a whole and its parts, wherever they are written.

Each row is a small Vietnamese document and the breakdown findings (kind, verdict, values) it
must give — all of them, in the table's order; MUST_NOT_FLAG rows may give agreeing findings
only.  Every document of the module is run through the pipeline once, one .txt file each.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract import RunOptions, run
from extract.factcheck import AGREEING, check

BREAKDOWN_KINDS = ("total_breakdown", "part_of_whole")
TB, PW = "total_breakdown", "part_of_whole"

# (text, [(kind, verdict, values)])
ROWS = [
    # -- several quantities broken down together across sentences, each checked on its own
    pytest.param("Năm 2022, huyện Cam Lộ đã làm 12 km đường giao thông nông thôn với tổng kinh phí 9 tỷ đồng. "
                 "Cụ thể như sau: xã Cam Thủy: 5 km, 4 tỷ đồng. Xã Cam Hiếu: 4 km, 3 tỷ đồng. "
                 "Xã Cam Tuyền: 3 km, 2 tỷ đồng.",
                 [(TB, "verified", [12, 5, 4, 3]), (TB, "verified", [9e9, 4e9, 3e9, 2e9])],
                 id="two-quantities-by-place-across-sentences"),
    pytest.param("Năm 2022, huyện Cam Lộ đã làm 12 km đường giao thông nông thôn với tổng kinh phí 9 tỷ đồng. "
                 "Cụ thể như sau: xã Cam Thủy: 5 km, 4 tỷ đồng. Xã Cam Hiếu: 4 km, 3 tỷ đồng. "
                 "Xã Cam Tuyền: 3 km, 2,5 tỷ đồng.",
                 [(TB, "verified", [12, 5, 4, 3]), (TB, "mismatch", [9e9, 4e9, 3e9, 2.5e9])],
                 id="two-quantities-one-part-changed"),
    pytest.param("Phường đã lắp 90 camera an ninh, tổng chiều dài cáp 4.500 m, tổng kinh phí 360 triệu đồng. "
                 "Cụ thể như sau: tổ dân phố Đông: 30 camera, 1.500 m, 120 triệu đồng. Tổ dân phố Tây: 35 camera, "
                 "1.800 m, 140 triệu đồng. Tổ dân phố Nam: 25 camera, 1.200 m, 100 triệu đồng.",
                 [(TB, "verified", [90, 30, 35, 25]), (TB, "verified", [4500, 1500, 1800, 1200]),
                  (TB, "verified", [360e6, 120e6, 140e6, 100e6])], id="three-quantities-verified"),
    pytest.param("Phường đã lắp 90 camera an ninh, tổng chiều dài cáp 4.500 m, tổng kinh phí 360 triệu đồng. "
                 "Cụ thể như sau: tổ dân phố Đông: 30 camera, 1.500 m, 120 triệu đồng. Tổ dân phố Tây: 35 camera, "
                 "1.900 m, 140 triệu đồng. Tổ dân phố Nam: 25 camera, 1.200 m, 100 triệu đồng.",
                 [(TB, "verified", [90, 30, 35, 25]), (TB, "mismatch", [4500, 1500, 1900, 1200]),
                  (TB, "verified", [360e6, 120e6, 140e6, 100e6])], id="three-quantities-length-off"),
    # -- list items after a colon, a cue word or 'như sau'
    pytest.param("Huyện Krông Pắc có 1.250 con bò được tiêm phòng. Trong đó:\n- Xã Ea Phê: 500 con;\n"
                 "- Xã Ea Kly: 450 con;\n- Xã Hòa An: 300 con.\nNgoài ra, huyện còn tiêm 2.000 con lợn.",
                 [(TB, "verified", [1250, 500, 450, 300])], id="dash-items-by-place"),
    pytest.param("Thành phố có 48 trường học đạt chuẩn quốc gia, chia ra:\n+ Cấp mầm non: 15 trường;\n"
                 "+ Cấp tiểu học: 20 trường;\n+ Cấp trung học cơ sở: 10 trường.",
                 [(TB, "mismatch", [48, 15, 20, 10])], id="plus-items-mismatch"),
    pytest.param("Hội Cựu chiến binh xây dựng 74 mô hình, cụ thể như sau:\n• Lĩnh vực kinh tế: 41 mô hình;\n"
                 "• Lĩnh vực an sinh xã hội: 21 mô hình;\n• Lĩnh vực môi trường: 12 mô hình.",
                 [(TB, "verified", [74, 41, 21, 12])], id="bullet-items-by-category"),
    pytest.param("Huyện Phong Điền có 210 tổ hợp tác, bao gồm:\na) Tổ hợp tác trồng trọt: 95 tổ hợp tác;\n"
                 "b) Tổ hợp tác chăn nuôi: 70 tổ hợp tác;\nc) Tổ hợp tác thủy sản: 45 tổ hợp tác.",
                 [(TB, "verified", [210, 95, 70, 45])], id="lettered-items-labelled-with-the-whole-noun"),
    # -- labels after the figure, after 'gồm': a partition
    pytest.param("Toàn tỉnh Quảng Trị có 245 mô hình, gồm 120 mô hình kinh tế, 75 mô hình văn hóa - xã hội và "
                 "60 mô hình quốc phòng - an ninh.", [(TB, "mismatch", [245, 120, 75, 60])],
                 id="labels-after-the-figure-mismatch"),
    pytest.param("Toàn huyện có 12.500 học sinh, gồm 4.000 học sinh mầm non, 5.000 học sinh tiểu học và "
                 "3.500 học sinh trung học cơ sở.", [(TB, "verified", [12500, 4000, 5000, 3500])],
                 id="labels-after-the-figure-verified"),
    # -- subsets: each compared with the whole
    pytest.param("Toàn tỉnh có 245 mô hình, trong đó có 65 mô hình được công nhận.",
                 [(PW, "verified", [245, 65])], id="status-subset"),
    pytest.param("Huyện có 140 hợp tác xã, trong đó 95 hợp tác xã đã chuyển đổi và 60 hợp tác xã được xếp loại khá.",
                 [(PW, "verified", [140, 95]), (PW, "verified", [140, 60])], id="status-after-the-figure"),
    pytest.param("Đến nay có 18 xã đạt chuẩn nông thôn mới (trong đó 5 xã đạt chuẩn nâng cao), "
                 "3 xã đạt chuẩn kiểu mẫu.", [(PW, "verified", [18, 5])], id="subset-in-parentheses"),
    # -- cannot be decided: unchecked, never verified nor mismatch
    pytest.param("Đoàn viên tham gia 1.500 ngày công, trong đó có 800 ngày công làm đường và 900 ngày công "
                 "nạo vét kênh mương.", [(TB, "unchecked", [1500, 800, 900])], id="some-parts-labelled"),
    pytest.param("Xã có 300 hộ tham gia, gồm 120 hộ được hỗ trợ vốn và 150 hộ chăn nuôi bò.",
                 [(TB, "unchecked", [300, 120, 150])], id="a-status-and-a-label-after-gom"),
    pytest.param("Xã làm 5.000 m đường bê tông, tổng kinh phí 2 tỷ đồng, cụ thể như sau:\n"
                 "- Thôn Đông: 30 hộ hưởng lợi, 2.000 m, 800 triệu đồng;\n"
                 "- Thôn Tây: 45 hộ hưởng lợi, 3.000 m, 1,2 tỷ đồng.",
                 [(TB, "verified", [2e9, 800e6, 1.2e9]), (TB, "verified", [5000, 2000, 3000])],  # offsets' order
                 id="the-item-label-of-every-quantity"),
    pytest.param("Toàn xã có 400 hộ chăn nuôi, trong đó 250 hộ nuôi lợn, 180 hộ nuôi gà và một số hộ nuôi bò.",
                 [(TB, "unchecked", [400, 250, 180])], id="trong-do-labels-that-may-overlap"),
    pytest.param("Tổng số lao động được giải quyết việc làm là 3.500 người, trong đó: lao động nữ 1.800 người, "
                 "lao động nông thôn 2.600 người.", [(TB, "unchecked", [3500, 1800, 2600])],
                 id="traits-that-overlap"),
    pytest.param("Thị trấn có 2.000 hội viên, gồm 1.200 hội viên nữ và 1.100 hội viên thanh niên.",
                 [(TB, "unchecked", [2000, 1200, 1100])], id="traits-after-gom"),
    pytest.param("Năm 2021 toàn xã có 520 người được đào tạo nghề, gồm nam 300 người, nữ 260 người.",
                 [(TB, "mismatch", [520, 300, 260])], id="sexes-are-all-of-the-whole"),
    pytest.param("Huyện có 90 mô hình, trong đó lĩnh vực kinh tế 40 mô hình, lĩnh vực văn hóa 30 mô hình.",
                 [(TB, "unchecked", [90, 40, 30])], id="trong-do-shortfall"),
    pytest.param("Huyện có 60 mô hình, trong đó lĩnh vực kinh tế 40 mô hình, lĩnh vực văn hóa 30 mô hình.",
                 [(TB, "mismatch", [60, 40, 30])], id="trong-do-categories-exceed"),
    pytest.param("Hội Nông dân tỉnh có 320 câu lạc bộ, bao gồm:\na) Câu lạc bộ sản xuất giỏi: 150 câu lạc bộ;\n"
                 "b) Câu lạc bộ nông dân với pháp luật: một trăm mười câu lạc bộ;\n"
                 "c) Câu lạc bộ khuyến nông: 60 câu lạc bộ.",
                 [(TB, "unchecked", [320, 150, 60])], id="an-item-without-a-figure"),
    # -- by place, with no cue word
    pytest.param("Năm 2023 toàn tỉnh đón 2.300 lượt khách. Thành phố Huế đón 1.500 lượt khách. "
                 "Huyện Phú Vang đón 800 lượt khách.", [(TB, "verified", [2300, 1500, 800])],
                 id="places-in-the-following-sentences"),
    pytest.param("Toàn tỉnh có 9.500 hộ nghèo. Huyện Hướng Hóa có 4.200 hộ nghèo, huyện Đakrông có 3.100 hộ nghèo.",
                 [(TB, "unchecked", [9500, 4200, 3100])], id="places-without-cue-may-be-some"),
    pytest.param("Huyện có 35 hợp tác xã; xã Phong Hòa có 20 hợp tác xã, xã Phong Bình có 15 hợp tác xã.",
                 [(TB, "verified", [35, 20, 15])], id="places-below-a-place"),
    pytest.param("Huyện có 60 mô hình (thôn Bắc: 25 mô hình; thôn Nam: 30 mô hình).",
                 [(TB, "mismatch", [60, 25, 30])], id="places-in-parentheses"),
]

MUST_NOT_FLAG = [
    pytest.param("Xã An Phú có 30 hộ nghèo. Xã An Bình có 20 hộ nghèo, xã An Hòa có 15 hộ nghèo.",
                 id="sibling-places-are-no-whole"),
    pytest.param("Xã hỗ trợ 150 hộ, trong đó 40 người được đào tạo nghề.", id="households-and-persons"),
    pytest.param("Xã đã hỗ trợ 150 hộ gia đình, gồm 40 người là thương binh và 25 người là bệnh binh.",
                 id="persons-of-households-after-gom"),
    pytest.param("Tổng kinh phí 800 triệu đồng, gồm 3 km đường bê tông và 2 cây cầu.", id="different-units"),
    pytest.param("Tỷ lệ hộ nghèo giảm còn 3,2%, trong đó tỷ lệ hộ nghèo dân tộc thiểu số 8,5%.",
                 id="shares-of-different-bases"),
    pytest.param("Doanh thu đạt 112% kế hoạch, trong đó dịch vụ đạt 120% kế hoạch.", id="plan-completion-rates"),
    pytest.param("Tỷ lệ trường đạt chuẩn 77,8% (chỉ tiêu 90% trở lên).", id="a-target-is-no-whole"),
    pytest.param("Công ty mua 20 bộ đồ bảo hộ, gồm 10 bộ áo mưa ngày 12/3, 10 bộ ủng ngày 15/3 và 4 lốp cỡ "
                 "215/55R17.", id="dates-and-tyre-sizes"),
    pytest.param("Năm 2020 toàn huyện trồng 800 ha rừng, năm 2021 trồng 950 ha rừng.", id="two-years"),
    pytest.param("Xã có 120 hộ tham gia mô hình (tăng 20 hộ so với năm 2020).", id="a-change"),
    pytest.param("Tổng vốn đầu tư 1.200 tỷ đồng, trong đó vốn ngân sách nhà nước 400 tỷ đồng, "
                 "vốn doanh nghiệp 500 tỷ đồng.", id="sources-of-money-named-in-part"),
    pytest.param("Toàn huyện có 80 mô hình, trong đó 30 mô hình được công nhận. Xã Vĩnh Tú có 12 cán bộ.",
                 id="a-sentence-after-subsets-is-no-item"),
]


@pytest.fixture(scope="module")
def findings_by_text(tmp_path_factory):
    """Every row's text as one document of one run: text → its breakdown findings."""
    texts = [p.values[0] for p in ROWS + MUST_NOT_FLAG]
    root = tmp_path_factory.mktemp("breakdowns")
    (root / "in").mkdir()
    for i, text in enumerate(texts):
        (root / "in" / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    run(RunOptions(input=root / "in", output=root / "out", progress=False))
    docs = {r["doc_id"]: texts[int(Path(r["source"]).stem)]
            for r in pq.read_table(root / "out" / "documents.parquet", columns=["doc_id", "source"]).to_pylist()}
    found = {text: [] for text in texts}
    for f in check(root / "out").findings:
        if f.kind in BREAKDOWN_KINDS:
            found[docs[f.doc_ids[0]]].append(f)
    return found


@pytest.mark.parametrize("text, expected", ROWS)
def test_breakdown_rows(findings_by_text, text, expected):
    got = [(f.kind, f.verdict, f.values) for f in findings_by_text[text]]
    assert got == [(k, v, [float(x) for x in values]) for k, v, values in expected]
    for f in findings_by_text[text]:
        assert f.explanation.endswith(".")


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_breakdown_must_not_flag(findings_by_text, text):
    assert [(f.verdict, f.values) for f in findings_by_text[text] if f.verdict not in AGREEING] == []


def test_unchecked_is_neither_a_problem_nor_agreeing():
    from extract.factcheck import FACTCHECK_DESCRIPTIONS, PROBLEMS
    assert "unchecked" not in PROBLEMS and "unchecked" not in AGREEING
    assert "unchecked" in FACTCHECK_DESCRIPTIONS["verdict"]

