"""Document references: (Vietnamese sentence → expected references) truth tables.

Rows come from the samples (REFS_FROM_SAMPLES), from sentences written for these tests
(REFS_NEW: other genres, state and party numbering, dates in words, lists, headers) and
phrases that must never give a reference (NOT_REFS).  Each row checks type, number, issuer,
date and the text span together.  The corpus rows check the dev-set score and that the
figures pass, given these spans as claims, finds no figure inside a reference.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.vntext import compare_key
from extract.passes.refs import (
    check_doc_types,
    claimed_spans,
    find_doc_refs,
    normalise_number,
    split_symbol,
)

ROOT = Path(__file__).resolve().parents[1]

# (text, [(type, number, issuer, date, text of the reference)])
REFS_FROM_SAMPLES = [
    ("các mục tiêu, chỉ tiêu Nghị quyết số 04-NQ/ThU, ngày 20/12/2016 về việc tập trung lãnh đạo",
     [("Nghị quyết", "04-NQ/ThU", "ThU", "2016-12-20", "Nghị quyết số 04-NQ/ThU, ngày 20/12/2016")]),
    ("triển khai Nghị quyết số 25-NQ/TW ngày 3/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI)",
     [("Nghị quyết", "25-NQ/TW", "TW", "2013-06-03", "Nghị quyết số 25-NQ/TW ngày 3/6/2013")]),
    ("xây dựng chính quyền theo Quyết định 217-QĐ/TW và Quyết định 218-QĐ/TW của Bộ Chính trị;",
     [("Quyết định", "217-QĐ/TW", "TW", None, "Quyết định 217-QĐ/TW"),
      ("Quyết định", "218-QĐ/TW", "TW", None, "Quyết định 218-QĐ/TW")]),
    ("theo quy định tại Thông tư 02/2013/TT-BVHTTDL của Bộ Văn hóa – Thể thao & Du lịch.",
     [("Thông tư", "02/2013/TT-BVHTTDL", "BVHTTDL", None, "Thông tư 02/2013/TT-BVHTTDL")]),
    ("Thực hiện Kế hoạch số 160-KH/TU, ngày 30/6/2020 của Ban Thường vụ Tỉnh ủy về tổng kết",
     [("Kế hoạch", "160-KH/TU", "TU", "2020-06-30", "Kế hoạch số 160-KH/TU, ngày 30/6/2020")]),
    ("và Công văn số 241-CV/BDVTU, ngày 08/6/2017 của Ban Dân vận Tỉnh ủy hướng dẫn",
     [("Công văn", "241-CV/BDVTU", "BDVTU", "2017-06-08", "Công văn số 241-CV/BDVTU, ngày 08/6/2017")]),
    ("thực hiện tốt Chỉ thị 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị (khóa XII)",
     [("Chỉ thị", "05-CT/TW", "TW", "2016-05-15", "Chỉ thị 05-CT/TW, ngày 15/5/2016")]),
    ("gắn với thực hiện Nghị quyết Trung ương 4 (khóa XI, khóa XII) và việc học tập",
     [("Nghị quyết", "Trung ương 4", None, None, "Nghị quyết Trung ương 4")]),
    ("nhất là việc thực hiện các Quyết định 217, 218 của Bộ Chính trị (khóa XI)",
     [("Quyết định", "217", None, None, "Quyết định 217, 218"),
      ("Quyết định", "218", None, None, "Quyết định 217, 218")]),
    ("hiệu quả hoạt động. Đề án 03-ĐA/TU được thực hiện đảm bảo lộ trình.",
     [("Đề án", "03-ĐA/TU", "TU", None, "Đề án 03-ĐA/TU")]),
]

REFS_NEW = [
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
     [("Nghị định", "30/2020/NĐ-CP", "CP", "2020-03-05", "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020")]),
    ("Căn cứ Luật số 47/2019/QH14 sửa đổi, bổ sung một số điều",
     [("Luật", "47/2019/QH14", "QH14", None, "Luật số 47/2019/QH14")]),
    ("Luật Đất đai số 45/2013/QH13 quy định rõ",
     [("Luật", "45/2013/QH13", "QH13", None, "Luật Đất đai số 45/2013/QH13")]),
    ("Quyết định số 1234/QĐ-UBND ngày 12 tháng 5 năm 2021 của UBND tỉnh",
     [("Quyết định", "1234/QĐ-UBND", "UBND", "2021-05-12",
       "Quyết định số 1234/QĐ-UBND ngày 12 tháng 5 năm 2021")]),
    ("Thực hiện Công văn 15/UBND-VX của UBND huyện về việc",
     [("Công văn", "15/UBND-VX", "UBND-VX", None, "Công văn 15/UBND-VX")]),
    ("Theo Hướng dẫn số 36-HD/VPTW của Văn phòng Trung ương Đảng",
     [("Hướng dẫn", "36-HD/VPTW", "VPTW", None, "Hướng dẫn số 36-HD/VPTW")]),
    ("Thông báo kết luận số 12-TB/TU của Ban Thường vụ Tỉnh ủy",
     [("Thông báo", "12-TB/TU", "TU", None, "Thông báo kết luận số 12-TB/TU")]),
    ("Theo Thông tư số 15/2017/ TT - BTC của Bộ Tài chính",
     [("Thông tư", "15/2017/TT-BTC", "BTC", None, "Thông tư số 15/2017/ TT - BTC")]),
    ("Thực hiện văn bản số 112-CV/BDVHU của Ban Dân vận Huyện ủy",
     [("Công văn", "112-CV/BDVHU", "BDVHU", None, "văn bản số 112-CV/BDVHU")]),
    ("Thực hiện Quyết định số 1234/QĐ- về việc kiện toàn",
     [("Quyết định", "1234/QĐ-", None, None, "Quyết định số 1234/QĐ-")]),
    ("Thực hiện Chỉ thị 27 của Bộ Chính trị về việc cưới, việc tang",
     [("Chỉ thị", "27", None, None, "Chỉ thị 27")]),
    ("Quyết định số 217-QĐ/TW và 218-QĐ/TW của Bộ Chính trị",
     [("Quyết định", "217-QĐ/TW", "TW", None, "Quyết định số 217-QĐ/TW và 218-QĐ/TW"),
      ("Quyết định", "218-QĐ/TW", "TW", None, "Quyết định số 217-QĐ/TW và 218-QĐ/TW")]),
    ("Thực hiện Nghị quyết Hội nghị Trung ương 5 khóa XII",
     [("Nghị quyết", "Trung ương 5", None, None, "Nghị quyết Hội nghị Trung ương 5")]),
    ("Thực hiện Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị",
     [("Kết luận", "01-KL/TW", "TW", "2021-05-18", "Kết luận số 01-KL/TW ngày 18/5/2021")]),
    ("Quy định số 08-QĐi/TW ngày 25/10/2018 về trách nhiệm nêu gương",
     [("Quy định", "08-QĐi/TW", "TW", "2018-10-25", "Quy định số 08-QĐi/TW ngày 25/10/2018")]),
    # party "TT" is a Thông tri, state "TT" a Thông tư (Hướng dẫn 36-HD/VPTW vs Nghị định 30/2020)
    ("Thông tri 25-TT/TW của Ban Bí thư", [("Thông tri", "25-TT/TW", "TW", None, "Thông tri 25-TT/TW")]),
    ("Tờ trình số 45/TTr-UBND ngày 3/2/2022 của UBND xã",
     [("Tờ trình", "45/TTr-UBND", "UBND", "2022-02-03", "Tờ trình số 45/TTr-UBND ngày 3/2/2022")]),
    ("Nghị quyết số 26/NQ-CP (ngày 12/3/2020) của Chính phủ",
     [("Nghị quyết", "26/NQ-CP", "CP", "2020-03-12", "Nghị quyết số 26/NQ-CP (ngày 12/3/2020)")]),
    ("Quyết định số 15/2020/QĐ-TTg của Thủ tướng Chính phủ",
     [("Quyết định", "15/2020/QĐ-TTg", "TTg", None, "Quyết định số 15/2020/QĐ-TTg")]),
    ("Chỉ thị số 05-CT/TW, ngày 15 tháng 5 năm 2016 của Bộ Chính trị",
     [("Chỉ thị", "05-CT/TW", "TW", "2016-05-15", "Chỉ thị số 05-CT/TW, ngày 15 tháng 5 năm 2016")]),
    ("Thông tư liên tịch số 01/2015/TTLT-BTC-BNV ngày 2/1/2015",
     [("Thông tư", "01/2015/TTLT-BTC-BNV", "BTC-BNV", "2015-01-02",
       "Thông tư liên tịch số 01/2015/TTLT-BTC-BNV ngày 2/1/2015")]),
    ("Kế hoạch số 41-KH/TU - Thị ủy ban hành", [("Kế hoạch", "41-KH/TU", "TU", None, "Kế hoạch số 41-KH/TU")]),
    ("quán triệt 04-NQ/ThU của Thị ủy", [("Nghị quyết", "04-NQ/ThU", "ThU", None, "04-NQ/ThU")]),
    # a genre word before another one's number: the nearer word names it
    ("Báo cáo tình hình thực hiện theo Công văn số 12-CV/TU của Tỉnh ủy",
     [("Công văn", "12-CV/TU", "TU", None, "Công văn số 12-CV/TU")]),
    # an impossible date is not a date
    ("Quyết định số 99/QĐ-UBND ngày 31/2/2021", [("Quyết định", "99/QĐ-UBND", "UBND", None,
                                                  "Quyết định số 99/QĐ-UBND ngày 31/2/2021")]),
    # the document's own number in its header, dated by the header date
    ("ỦY BAN NHÂN DÂN XÃ HƯƠNG PHONG\nSố: 07/KH-UBND\nHương Phong, ngày 02 tháng 10 năm 2020\nKẾ HOẠCH",
     [("Kế hoạch", "07/KH-UBND", "UBND", "2020-10-02", "Số: 07/KH-UBND")]),
]

NOT_REFS = [
    "Hiến pháp năm 2013, Quyết định số của Bộ Chính trị",
    "thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX, Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIII",
    "thông qua việc thực hiện Đề án “Chủ nhật xanh”",
    "các Nghị quyết của Đảng về công tác dân vận",
    "xây dựng kế hoạch 5 năm; Quyết định 3 vấn đề lớn",
    "Kế hoạch 2021 của xã",
    "được Thủ tướng Chính phủ Quyết định công nhận hoàn thành",
    "Cty Cổ phần 22/12; đại dịch covid-19; 14 xã/phường; CT-KT-VH-XH",
    "kỷ niệm 90 năm Ngày truyền thống (15/10/1930 - 15/10/2020)",
    "quyết định 2 vấn đề quan trọng",
    "Chương trình 135 của Chính phủ",
]


def _rows(refs):
    return [(r.type, r.number, r.issuer, r.date, r.text) for r in refs]


@pytest.mark.parametrize("text, expected", REFS_FROM_SAMPLES + REFS_NEW)
def test_refs_table(text, expected):
    refs = find_doc_refs(text)
    assert _rows(refs) == expected
    for r in refs:
        assert text[r.char_start : r.char_end] == r.text


@pytest.mark.parametrize("text", NOT_REFS)
def test_refs_not_references(text):
    assert find_doc_refs(text) == []


def test_refs_one_entry_per_number_keeps_dated_text_and_every_mention():
    text = ("Ban Thường vụ Thị ủy đã ban hành Kế hoạch số 41-KH/TU, ngày 03/4/2017 về thực hiện phong trào. "
            "Tổ chức triển khai Kế hoạch số 41-KH/TU của Thị ủy cho đội ngũ cán bộ.")
    refs = find_doc_refs(text)
    assert len(refs) == 1
    ref = refs[0]
    assert (ref.text, ref.date) == ("Kế hoạch số 41-KH/TU, ngày 03/4/2017", "2017-04-03")
    assert [text[m["char_start"] : m["char_end"]] for m in ref.mentions] == [
        "Kế hoạch số 41-KH/TU, ngày 03/4/2017", "Kế hoạch số 41-KH/TU"]


def test_refs_later_dated_mention_replaces_undated_one():
    text = "Theo Chỉ thị 05-CT/TW. Thực hiện Chỉ thị 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị."
    (ref,) = find_doc_refs(text)
    assert ref.text == "Chỉ thị 05-CT/TW, ngày 15/5/2016" and len(ref.mentions) == 2


@pytest.mark.parametrize("surface, number", [
    ("15/2017/ TT - BTC", "15/2017/TT-BTC"),
    ("04 - NQ/ThU", "04-NQ/ThU"),
    ("02/2013/TT–BVHTTDL", "02/2013/TT-BVHTTDL"),
    ("1234/QĐ-", "1234/QĐ-"),
])
def test_refs_normalise_number(surface, number):
    assert normalise_number(surface) == number


@pytest.mark.parametrize("number, expected", [
    ("04-NQ/ThU", ("party", "NQ", "ThU")),
    ("217-QĐ/TW", ("party", "QĐ", "TW")),
    ("25-TT/TW", ("party", "TT", "TW")),
    ("02/2013/TT-BVHTTDL", ("state", "TT", "BVHTTDL")),
    ("07/KH-UBND", ("state", "KH", "UBND")),
    ("15/UBND-VX", ("state", None, "UBND-VX")),
    ("47/2019/QH14", ("state", None, "QH14")),
    ("1234/QĐ-", ("state", "QĐ", None)),
    ("27", (None, None, None)),
])
def test_refs_split_symbol(number, expected):
    assert split_symbol(number) == expected


def test_refs_data_words_and_codes_are_consistent():
    data = json.loads((ROOT / "extract" / "data" / "doc_types.json").read_text(encoding="utf-8"))
    check_doc_types(data)  # the shipped file passes
    broken = json.loads(json.dumps(data))
    broken["types"]["Chỉ thị"]["words"].append("quyết định")
    with pytest.raises(ValueError):
        check_doc_types(broken)
    broken = json.loads(json.dumps(data))
    broken["codes"]["party"]["XX"] = "Sắc lệnh"
    with pytest.raises(ValueError):
        check_doc_types(broken)


# ----------------------------------------------------------------------------- corpus


@pytest.fixture(scope="module")
def corpus_docs():
    from extract.clean import clean
    from extract.tokenise import tokenise

    docs = {}
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        docs[path.stem] = tokenise(clean(path.read_text(encoding="utf-8")).text)
    return docs


def test_refs_dev_set_score(corpus_docs):
    tp = n_pred = n_gold = 0
    for stem, doc in corpus_docs.items():
        gold = json.loads((ROOT / "tests" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))["doc_refs"]
        pred = {compare_key(r.number) for r in find_doc_refs(doc)}
        wanted = {compare_key(r["number"]) for r in gold}
        tp, n_pred, n_gold = tp + len(pred & wanted), n_pred + len(pred), n_gold + len(wanted)
    precision, recall = tp / n_pred, tp / n_gold
    assert 2 * precision * recall / (precision + recall) >= 0.95


def test_refs_spans_set_on_doc_and_keep_figures_out(corpus_docs):
    from extract.passes.figures import find_figures

    for doc in corpus_docs.values():
        refs = find_doc_refs(doc)
        assert len(doc.spans["doc_refs"]) == len({(m["char_start"], m["char_end"]) for r in refs for m in r.mentions})
        # the claim the pipeline passes: each reference's fullest span; no figure may fall
        # inside any mention (the shorter mentions are claimed by the figures pass's own rules)
        figures = find_figures(doc.text, doc, claimed=tuple((r.char_start, r.char_end) for r in refs))
        for fig in figures:
            for start, end in claimed_spans(refs):
                assert fig.char_end <= start or fig.char_start >= end, (fig.text, doc.text[start:end])
