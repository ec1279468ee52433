"""The scorer behind the quality gate (extract/evaluate.py), on small gold and predicted records.

Each test writes gold files (``<doc_id>.json``) and a ``records.jsonl`` to ``tmp_path`` and checks
the exact counts and scores ``evaluate`` returns.  The rows are the matching rules of the
annotation guidelines (tests/gold/GUIDELINES.md, "How output is scored"), one rule or one edge
of a rule per row; the id of each row says what it pins.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from extract.evaluate import evaluate
from extract.vntext import compare_key

DOC_A, DOC_B = "000_8603b0463c119cf7", "004_35999b7756c533d8"


def score(tmp_path: Path, docs: list[tuple[str, dict, dict | None]], records: list[dict] | None = None) -> dict:
    """``docs`` is (doc_id, gold, predicted record or None for a document with no record)."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    lines = []
    for doc_id, gold, pred in docs:
        (gold_dir / f"{doc_id}.json").write_text(json.dumps({"doc_id": doc_id, **gold}, ensure_ascii=False),
                                                 encoding="utf-8")
        if pred is not None:
            lines.append({"doc_id": doc_id, **pred})
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (records or lines)) + "\n",
                    encoding="utf-8")
    return evaluate(path, gold_dir)


def one(tmp_path: Path, kind: str, pred: list[dict], gold: list[dict]) -> dict:
    """Scores of ``kind`` for one document."""
    return score(tmp_path, [(DOC_A, {kind: gold}, {kind: pred})])[kind]


def counts(result: dict) -> tuple:
    return result["tp"], result["pred"], result["gold"], result["precision"], result["recall"], result["f1"]


def fig(value, unit: str, text: str = "", what: str | None = None, qualifier: str | None = "exact",
        numerator=None, denominator=None) -> dict:
    return {"text": text, "value": value, "unit": unit, "what": what, "qualifier": qualifier,
            "numerator": numerator, "denominator": denominator}


MATCH, NO_MATCH = (1, 1, 1, 1.0, 1.0, 1.0), (0, 1, 1, 0.0, 0.0, 0.0)

# ---------------------------------------------------------------------------- figures: one pair

# (predicted figure, gold figure, expected counts)
FIGURE_PAIRS = [
    # the count family: count / person / household / day are one unit
    pytest.param(fig(112, "count", "112 mô hình"), fig(112, "count", "112 mô hình"), MATCH, id="same-count"),
    pytest.param(fig(450, "person", "450 người"), fig(450, "count", "450 đảng viên"), MATCH, id="person-is-count"),
    pytest.param(fig(386, "household", "386 hộ"), fig(386, "person", "386 người"), MATCH,
                 id="household-is-person"),
    pytest.param(fig(15, "day", "15 ngày"), fig(15, "count", "15 lượt"), MATCH, id="day-is-count"),
    pytest.param(fig(112, "count", "112 mô hình"), fig(113, "count", "113 mô hình"), NO_MATCH,
                 id="count-other-value"),
    # area in m², length in m
    pytest.param(fig(2, "ha", "2 ha"), fig(20_000, "m2", "20.000 m2"), MATCH, id="2ha-is-20000m2"),
    pytest.param(fig(1155.3, "m2", "1.155,3m 2"), fig(0.11553, "ha", "0,11553 ha"), MATCH, id="m2-is-ha"),
    pytest.param(fig(2, "ha", "2 ha"), fig(2, "m2", "2 m2"), NO_MATCH, id="2ha-is-not-2m2"),
    pytest.param(fig(2, "Ha", "2 Ha"), fig(20_000, "m2", "20.000 m2"), MATCH, id="unit-case-ignored"),
    pytest.param(fig(1.5, "km", "1,5 km"), fig(1500, "m", "1.500 m"), MATCH, id="km-is-m"),
    pytest.param(fig(1.5, "km", "1,5 km"), fig(1.5, "m", "1,5 m"), NO_MATCH, id="1.5km-is-not-1.5m"),
    pytest.param(fig(1500, "m", "1.500 m"), fig(1500, "m2", "1.500 m2"), NO_MATCH, id="length-is-not-area"),
    pytest.param(fig(120, "ha", "120 ha"), fig(120, "count", "120 hộ"), NO_MATCH, id="area-is-not-count"),
    pytest.param(fig(100, "percent", "100%"), fig(100, "count", "100 hồ sơ"), NO_MATCH,
                 id="percent-is-not-count"),
    # money in VND, whichever way the unit is written
    pytest.param(fig(3e9, "đồng", "3 tỷ đồng"), fig(3e9, "VND", "3 tỷ đồng"), MATCH, id="dong-is-VND"),
    pytest.param(fig(3e9, "vnd", "3 tỷ VNĐ"), fig(3e9, "VND", "3 tỷ đồng"), MATCH, id="vnd-lowercase-is-VND"),
    # ratios on numerator and denominator, never on value
    pytest.param(fig(25 / 24, "ratio", "25/24 xã", numerator=25, denominator=24),
                 fig(None, "ratio", "25/24 xã", numerator=25, denominator=24), MATCH, id="ratio-value-ignored"),
    pytest.param(fig(1.0, "ratio", "24/24 xã", numerator=24, denominator=24),
                 fig(1.0, "ratio", "25/25 xã", numerator=25, denominator=25), NO_MATCH,
                 id="ratio-same-value-other-terms"),
    pytest.param(fig(None, "ratio", "24/25 xã", numerator=24, denominator=25),
                 fig(None, "ratio", "25/24 xã", numerator=25, denominator=24), NO_MATCH, id="ratio-swapped"),
    pytest.param(fig(None, "ratio", "25/24 xã", numerator="25", denominator="24.0"),
                 fig(None, "ratio", "25/24 xã", numerator=25, denominator=24), MATCH, id="ratio-terms-as-text"),
    pytest.param(fig(None, "ratio", "25 xã", numerator=None, denominator=24),
                 fig(None, "ratio", "25/24 xã", numerator=25, denominator=24), NO_MATCH,
                 id="ratio-missing-numerator"),
    # relative tolerance 1e-6
    pytest.param(fig(18080.01, "count", "18.080 hồ sơ"), fig(18080, "count", "18.080 hồ sơ"), MATCH,
                 id="within-1e-6"),
    pytest.param(fig(18098.08, "count", "18.098 hồ sơ"), fig(18080, "count", "18.080 hồ sơ"), NO_MATCH,
                 id="off-by-1e-3-relative"),
    pytest.param(fig(36.5 * 1.001, "ha", "36,54 ha"), fig(36.5, "ha", "36,5 ha"), NO_MATCH,
                 id="area-off-by-1e-3-relative"),
    pytest.param(fig(0.5000005, "ton", "0,5 tấn"), fig(0.5, "ton", "0,5 tấn"), MATCH,
                 id="small-value-absolute-floor"),
    pytest.param(fig(3.5e9 * 1.001, "VND", "3,5035 tỷ đồng"), fig(3.5e9, "VND", "3,5 tỷ đồng"), NO_MATCH,
                 id="money-off-by-1e-3-relative"),
    # values that are missing or written as text
    pytest.param(fig("112", "count", "112 mô hình"), fig(112.0, "count", "112 mô hình"), MATCH,
                 id="value-as-text"),
    pytest.param(fig(None, "count", "mô hình"), fig(None, "count", "mô hình"), NO_MATCH, id="no-value-never-matches"),
]


@pytest.mark.parametrize("pred, gold, expected", FIGURE_PAIRS)
def test_evaluate_figure_pair(tmp_path, pred, gold, expected):
    assert counts(one(tmp_path, "figures", [pred], [gold])) == expected


# (predicted, gold, tp, pred, gold, precision, recall, f1)
FIGURE_SETS = [
    pytest.param([fig(65, "count", "65 mô hình")] * 2, [fig(65, "count", "65 mô hình")],
                 (1, 2, 1, 0.5, 1.0, 0.6667), id="two-predicted-one-gold"),
    pytest.param([fig(65, "count", "65 mô hình")], [fig(65, "count", "65 mô hình")] * 2,
                 (1, 1, 2, 1.0, 0.5, 0.6667), id="one-predicted-two-gold"),
    pytest.param([fig(2, "ha", "2 ha"), fig(20_000, "m2", "20.000 m2")],
                 [fig(20_000, "m2", "20.000 m2"), fig(2, "ha", "2 ha")],
                 (2, 2, 2, 1.0, 1.0, 1.0), id="equal-figures-pair-up-one-to-one"),
    pytest.param([fig(112, "count"), fig(65, "count"), fig(8, "count"), fig(19, "count")],
                 [fig(112, "count"), fig(65, "count"), fig(8, "count")],
                 (3, 4, 3, 0.75, 1.0, 0.8571), id="one-spurious"),
    pytest.param([fig(112, "count")], [fig(112, "count"), fig(65, "count"), fig(8, "count")],
                 (1, 1, 3, 1.0, 0.3333, 0.5), id="two-missed"),
    pytest.param([], [fig(112, "count")], (0, 0, 1, 0.0, 0.0, 0.0), id="nothing-predicted"),
    pytest.param([fig(112, "count")], [], (0, 1, 0, 0.0, 1.0, 0.0), id="nothing-in-gold"),
    pytest.param([], [], (0, 0, 0, 1.0, 1.0, 1.0), id="nothing-at-all"),
]


@pytest.mark.parametrize("pred, gold, expected", FIGURE_SETS)
def test_evaluate_figure_sets(tmp_path, pred, gold, expected):
    assert counts(one(tmp_path, "figures", pred, gold)) == expected


# ---------------------------------------------------------------------------- figures: qualifier and what

# (predicted qualifier, gold qualifier, agrees)
QUALIFIERS = [
    pytest.param("exact", "exact", True, id="same"),
    pytest.param(None, "exact", True, id="missing-is-exact"),
    pytest.param("exact", None, True, id="gold-missing-is-exact"),
    pytest.param("More_Than", "more_than", True, id="case-ignored"),
    pytest.param("approx", "exact", False, id="approx-is-not-exact"),
    pytest.param(None, "approx", False, id="missing-is-not-approx"),
    pytest.param("more_than", "at_least", False, id="more-than-is-not-at-least"),
]

# (predicted what, gold what, overlaps)
WHATS = [
    pytest.param("mô hình được công nhận", "mô hình được công nhận", True, id="same"),
    pytest.param("mô hình", "mô hình được công nhận", True, id="predicted-inside-gold"),
    pytest.param("diện tích đất trồng ổi của xã", "diện tích đất trồng ổi", True, id="gold-inside-predicted"),
    pytest.param("Mô Hình “dân vận khéo”", "mô hình dân vận khéo", True, id="case-and-quotes-ignored"),
    pytest.param("hộ nghèo", "mô hình được công nhận", False, id="disjoint"),
    pytest.param("", "", False, id="both-empty-is-no-overlap"),
    pytest.param(None, "hồ sơ", False, id="missing-predicted"),
    pytest.param("hồ sơ", None, False, id="missing-gold"),
]


def _with_unmatched(pred_fig: dict, gold_fig: dict) -> tuple[list[dict], list[dict]]:
    """One matched pair plus a figure on each side that matches nothing, whose attributes
    agree: counting them would move the accuracies off 0.0 / 1.0."""
    spare = dict(what="hồ sơ được tiếp nhận", qualifier="approx")
    return ([pred_fig, fig(18080, "count", "18.080 hồ sơ", **spare)],
            [gold_fig, fig(16096, "count", "16.096 hồ sơ", **spare)])


@pytest.mark.parametrize("pred_q, gold_q, agrees", QUALIFIERS)
def test_evaluate_qualifier_accuracy(tmp_path, pred_q, gold_q, agrees):
    pred, gold = _with_unmatched(fig(65, "count", "65 mô hình", "mô hình", pred_q),
                                 fig(65, "count", "65 mô hình", "mô hình", gold_q))
    result = one(tmp_path, "figures", pred, gold)
    assert result["tp"] == 1 and result["qualifier_accuracy"] == (1.0 if agrees else 0.0)


@pytest.mark.parametrize("pred_what, gold_what, overlaps", WHATS)
def test_evaluate_what_accuracy(tmp_path, pred_what, gold_what, overlaps):
    pred, gold = _with_unmatched(fig(65, "count", "65 mô hình", pred_what), fig(65, "count", "65 mô hình", gold_what))
    result = one(tmp_path, "figures", pred, gold)
    assert result["tp"] == 1 and result["what_accuracy"] == (1.0 if overlaps else 0.0)


def test_evaluate_figure_accuracies_are_over_matched_figures(tmp_path):
    pred = [fig(112, "count", "112 mô hình", "mô hình đăng ký", None),
            fig(65, "count", "65 mô hình", "", "approx"),
            fig(30, "ha", "trên 30 ha", "Trồng ổi", "more_than"),
            fig(999, "count", "999 hộ", "hộ", "exact")]
    gold = [fig(112, "count", "112 mô hình", "mô hình đăng ký xây dựng", "exact"),
            fig(65, "count", "65 mô hình", "mô hình được công nhận", "exact"),
            fig(300_000, "m2", "trên 30 ha", "diện tích trồng ổi", "more_than"),
            fig(8, "count", "08 mô hình", "mô hình", "exact")]
    result = one(tmp_path, "figures", pred, gold)
    assert (result["tp"], result["qualifier_accuracy"], result["what_accuracy"]) == (3, 0.6667, 0.6667)


def test_evaluate_figure_accuracies_none_without_matches(tmp_path):
    result = one(tmp_path, "figures", [fig(1, "count")], [fig(2, "count")])
    assert result["qualifier_accuracy"] is None and result["what_accuracy"] is None


# ---------------------------------------------------------------------------- models


def model(name: str, org: str | None = None) -> dict:
    return {"name": name, "org": org, "localities": []}


# (predicted model, gold model, matched)
MODEL_PAIRS = [
    pytest.param(model("Dòng họ văn minh, an toàn, an ninh trật tự"),
                 model("Dòng họ văn minh, an toàn, an ninh trật tự"), True, id="same"),
    pytest.param(model("“Dòng họ văn minh, an toàn, an ninh trật tự”"),
                 model("dòng họ văn minh, an toàn, an ninh trật tự"), True, id="quotes-and-case-ignored"),
    pytest.param(model("'5 nhất an toàn'  về an ninh trật tự"), model("5 nhất an toàn về an ninh trật tự"), True,
                 id="single-quotes-and-spaces-ignored"),
    pytest.param(model("Dòng họ văn minh, an toàn, an ninh trật tự"),
                 model("Dòng họ văn minh, an ninh trật tự"), True, id="similarity-0.88-matches"),
    pytest.param(model("Giải quyết thủ tục hành chính kịp thời"),
                 model("Giải quyết thủ tục hành chính nhanh"), False, id="similarity-0.849-does-not"),
    pytest.param(model("Dòng họ văn minh, an toàn"), model("Dòng họ văn minh, an toàn, an ninh trật tự"), False,
                 id="a-prefix-is-not-enough"),
    pytest.param(model(unicodedata.normalize("NFD", "Ngày thứ Bảy văn minh")), model("Ngày thứ Bảy văn minh"), True,
                 id="nfd-is-nfc"),
]


@pytest.mark.parametrize("pred, gold, matched", MODEL_PAIRS)
def test_evaluate_model_pair(tmp_path, pred, gold, matched):
    assert counts(one(tmp_path, "models", [pred], [gold])) == (MATCH if matched else NO_MATCH)


def test_evaluate_models_distinct_names(tmp_path):
    # the same name twice (as normalised) is one predicted model, not one right and one wrong
    pred = [model("Dòng họ văn minh"), model("“dòng họ  văn minh”."), model("5 nhất an toàn")]
    gold = [model("Dòng họ văn minh"), model("Dân vận khéo")]
    assert counts(one(tmp_path, "models", pred, gold)) == (1, 2, 2, 0.5, 0.5, 0.5)


NAME = "Dòng họ văn minh, an toàn, an ninh trật tự"

# (predicted org, gold org, org accuracy)
MODEL_ORGS = [
    pytest.param("Công an thị xã", "Công an thị xã", 1.0, id="same"),
    pytest.param("CÔNG AN THỊ XÃ", "Công an thị xã", 1.0, id="case-ignored"),
    pytest.param("Công an thị xã", "Công an thị xã Hồng Lĩnh", 1.0, id="predicted-inside-gold"),
    pytest.param("Hội Nông dân thành phố Hồng Lĩnh", "Hội Nông dân thị xã Hồng Lĩnh", 1.0,
                 id="similarity-0.85-agrees"),
    pytest.param("Hội Cựu chiến binh phường Đậu Liêu", "Hội Cựu chiến binh phường Đức Thuận", 0.0,
                 id="similarity-0.84-does-not"),
    pytest.param(None, "Công an thị xã", 0.0, id="missing-predicted"),
    pytest.param("", "Công an thị xã", 0.0, id="empty-predicted-is-not-inside"),
    pytest.param("Công an thị xã", None, None, id="gold-without-org-not-counted"),
]


@pytest.mark.parametrize("pred_org, gold_org, accuracy", MODEL_ORGS)
def test_evaluate_model_org_accuracy(tmp_path, pred_org, gold_org, accuracy):
    # a second gold model with an org that no prediction matches must not count either
    pred = [model(NAME, pred_org)]
    gold = [model(NAME, gold_org), model("Vận động 100% học sinh đưa xe đạp vào trường học", "Trường THCS")]
    result = one(tmp_path, "models", pred, gold)
    assert result["tp"] == 1 and result["org_accuracy"] == accuracy


# ---------------------------------------------------------------------------- localities


def loc(level: str, name: str, text: str = "") -> dict:
    return {"text": text or f"{level} {name}", "level": level, "name": name}


# (predicted locality, gold locality, matched)
LOCALITY_PAIRS = [
    pytest.param(loc("ward", "Đậu Liêu"), loc("ward", "Đậu Liêu"), True, id="same"),
    pytest.param(loc("phường", "Đậu Liêu"), loc("ward", "Đậu Liêu"), True, id="phuong-is-ward"),
    pytest.param(loc("Phường", "Đậu Liêu"), loc("ward", "Đậu Liêu"), True, id="Phuong-capital-is-ward"),
    pytest.param(loc("thị xã", "Hồng Lĩnh"), loc("town", "Hồng Lĩnh"), True, id="thi-xa-is-town"),
    pytest.param(loc("thị trấn", "Lương Bằng"), loc("township", "Lương Bằng"), True, id="thi-tran-is-township"),
    pytest.param(loc("xã", "Toàn Thắng"), loc("commune", "Toàn Thắng"), True, id="xa-is-commune"),
    pytest.param(loc("quận", "Hoàn Kiếm"), loc("district", "Hoàn Kiếm"), True, id="quan-is-district"),
    pytest.param(loc("huyện", "Kim Động"), loc("district", "Kim Động"), True, id="huyen-is-district"),
    pytest.param(loc("thành phố", "Móng Cái"), loc("city", "Móng Cái"), True, id="thanh-pho-is-city"),
    pytest.param(loc("tỉnh", "Hà Tĩnh"), loc("province", "Hà Tĩnh"), True, id="tinh-is-province"),
    pytest.param(loc("tổ dân phố", "5"), loc("village", "5"), True, id="to-dan-pho-is-village"),
    pytest.param(loc("xóm", "Đông"), loc("village", "Đông"), True, id="xom-is-village"),
    pytest.param(loc("xã", "Đậu Liêu"), loc("ward", "Đậu Liêu"), False, id="xa-is-not-ward"),
    pytest.param(loc("thị xã", "Hồng Lĩnh"), loc("city", "Hồng Lĩnh"), False, id="thi-xa-is-not-city"),
    pytest.param(loc("ward", "Đậu Liêu"), loc("ward", "Đức Thuận"), False, id="other-name"),
    pytest.param(loc("ward", "đậu liêu"), loc("ward", "Đậu Liêu"), True, id="name-case-ignored"),
    pytest.param(loc("ward", "Đậu Liêu"), loc("ward", "Đậu Liêu (Hồng Lĩnh)"), False, id="name-not-fuzzy"),
    pytest.param(loc("commune", unicodedata.normalize("NFD", "Hương Xuân")), loc("commune", "Hương Xuân"), True,
                 id="nfd-name-is-nfc"),
]


@pytest.mark.parametrize("pred, gold, matched", LOCALITY_PAIRS)
def test_evaluate_locality_pair(tmp_path, pred, gold, matched):
    assert counts(one(tmp_path, "localities", [pred], [gold])) == (MATCH if matched else NO_MATCH)


def test_evaluate_localities_distinct_level_and_name(tmp_path):
    # 'phường Đậu Liêu', 'P. Đậu Liêu' and 'ward Đậu Liêu' are one (ward, Đậu Liêu); the commune
    # of the same name is another pair
    pred = [loc("phường", "Đậu Liêu"), loc("ward", "Đậu Liêu", "P. Đậu Liêu"), loc("ward", "Đậu Liêu"),
            loc("commune", "Đậu Liêu")]
    gold = [loc("ward", "Đậu Liêu"), loc("ward", "Đậu Liêu", "phường Đậu Liêu"), loc("town", "Hồng Lĩnh")]
    assert counts(one(tmp_path, "localities", pred, gold)) == (1, 2, 2, 0.5, 0.5, 0.5)


# ---------------------------------------------------------------------------- organisations


def org(text: str) -> dict:
    return {"text": text}


# (predicted surface, gold surface, matched)
ORGANISATION_PAIRS = [
    pytest.param("Hội Phụ nữ phường Đậu Liêu", "Hội Phụ nữ phường Đậu Liêu", True, id="same"),
    pytest.param("hội phụ nữ phường đậu liêu.", "Hội Phụ nữ phường Đậu Liêu", True, id="case-and-edge-ignored"),
    pytest.param("Uỷ ban nhân dân thị xã", "Ủy ban nhân dân thị xã", True, id="uy-spelling-0.91-matches"),
    pytest.param("Hội Phụ nữ thị xã", "Hội Phụ nữ xã", False, id="similarity-0.87-does-not"),
    pytest.param("Đoàn Thanh niên phường Đậu Liêu", "Đoàn Thanh niên xã Đậu Liêu", False,
                 id="similarity-0.86-does-not"),
    pytest.param("Hội Phụ nữ phường Đậu Liêu", "Hội Nông dân phường Đậu Liêu", False, id="other-body"),
]


@pytest.mark.parametrize("pred, gold, matched", ORGANISATION_PAIRS)
def test_evaluate_organisation_pair(tmp_path, pred, gold, matched):
    assert counts(one(tmp_path, "organisations", [org(pred)], [org(gold)])) == (MATCH if matched else NO_MATCH)


def test_evaluate_organisations_distinct_surfaces(tmp_path):
    pred = [org("Công an thị xã"), org("công an  thị xã"), org(""), org("Trường Mầm non Nam Hồng")]
    gold = [org("Công an thị xã"), org("Công an thị xã"), org("Uỷ ban Mặt trận Tổ quốc thị xã")]
    assert counts(one(tmp_path, "organisations", pred, gold)) == (1, 2, 2, 0.5, 0.5, 0.5)


# ---------------------------------------------------------------------------- document references


def ref(number: str, text: str = "", type_: str = "kế hoạch") -> dict:
    return {"text": text or f"Số: {number}", "type": type_, "number": number, "date": None}


# (predicted refs, gold refs, expected counts)
DOC_REFS = [
    pytest.param([ref("07/KH-UBND")], [ref("07/KH-UBND")], MATCH, id="same"),
    pytest.param([ref("07/kh-ubnd")], [ref("07/KH-UBND")], MATCH, id="case-ignored"),
    pytest.param([ref("07/KH-UBND", type_="nghị quyết")], [ref("07/KH-UBND", "Kế hoạch số 07/KH-UBND")], MATCH,
                 id="only-number-compared"),
    pytest.param([ref("70/KH-UBND")], [ref("07/KH-UBND")], NO_MATCH, id="other-number"),
    pytest.param([ref("07/KH-UBND")], [ref("07/KH-UBND ")], MATCH, id="edge-space-ignored"),
    pytest.param([ref("07/KH-UBND"), ref("07/KH-UBND", "Kế hoạch 07/KH-UBND ngày 12/3/2020"), ref("35/NQ-TW")],
                 [ref("07/KH-UBND")], (1, 2, 1, 0.5, 1.0, 0.6667), id="distinct-numbers"),
]


@pytest.mark.parametrize("pred, gold, expected", DOC_REFS)
def test_evaluate_doc_refs(tmp_path, pred, gold, expected):
    assert counts(one(tmp_path, "doc_refs", pred, gold)) == expected


# ---------------------------------------------------------------------------- doc_date

# (predicted date, gold date, accuracy)
DOC_DATES = [
    pytest.param("2020-10-08", "2020-10-08", 1.0, id="same"),
    pytest.param("2020-10-08T16:39:00", "2020-10-08", 1.0, id="first-ten-characters"),
    pytest.param("2020-10-08", "2020-10-08 16:39", 1.0, id="gold-first-ten-characters"),
    pytest.param("2020-10-09", "2020-10-08", 0.0, id="other-day"),
    pytest.param("08/10/2020", "2020-10-08", 0.0, id="other-format"),
    pytest.param(None, "2020-10-08", 0.0, id="missing-predicted"),
    pytest.param("2020-10-08", None, None, id="gold-without-date-not-counted"),
]


@pytest.mark.parametrize("pred, gold, accuracy", DOC_DATES)
def test_evaluate_doc_date(tmp_path, pred, gold, accuracy):
    assert score(tmp_path, [(DOC_A, {"doc_date": gold}, {"doc_date": pred})])["doc_date_accuracy"] == accuracy


def test_evaluate_doc_date_over_documents_with_a_gold_date(tmp_path):
    result = score(tmp_path, [(DOC_A, {"doc_date": "2020-10-08"}, {"doc_date": "2020-10-08"}),
                              (DOC_B, {"doc_date": "2024-03-01"}, {"doc_date": "2024-03-02"}),
                              ("005_undated", {"doc_date": None}, {"doc_date": "2024-03-02"})])
    assert result["doc_date_accuracy"] == 0.5


# ---------------------------------------------------------------------------- documents


def test_evaluate_document_missing_from_the_predictions(tmp_path):
    gold_a = {"figures": [fig(112, "count"), fig(65, "count")], "doc_date": "2020-10-08",
              "localities": [loc("ward", "Đậu Liêu")]}
    gold_b = {"figures": [fig(18080, "count"), fig(16096, "count")], "doc_date": "2020-10-08",
              "localities": [loc("city", "Móng Cái")]}
    result = score(tmp_path, [(DOC_A, gold_a, {"figures": [fig(112, "count"), fig(65, "count")],
                                               "doc_date": "2020-10-08", "localities": [loc("phường", "Đậu Liêu")]}),
                              (DOC_B, gold_b, None)])
    assert result["documents"] == 2 and result["documents_missing"] == [DOC_B]
    assert counts(result["figures"]) == (2, 2, 4, 1.0, 0.5, 0.6667)
    assert counts(result["localities"]) == (1, 1, 2, 1.0, 0.5, 0.6667)
    assert result["doc_date_accuracy"] == 0.5


def test_evaluate_record_found_by_source_stem(tmp_path):
    records = [{"doc_id": "something-else", "source": f"corpus/{DOC_B}.txt", "figures": [fig(18080, "count")]}]
    result = score(tmp_path, [(DOC_B, {"figures": [fig(18080, "count")]}, None)], records=records)
    assert result["documents_missing"] == [] and result["figures"]["tp"] == 1


def test_evaluate_micro_average_over_documents(tmp_path):
    # A: 1 right of 1; B: 0 right of 3 (its predictions are A's values: no matching across
    # documents).  Micro: 1/4 = 0.25 precision and recall; macro would say 0.5.
    docs = [(DOC_A, {"figures": [fig(112, "count", "112 mô hình")]}, {"figures": [fig(112, "count", "112 mô hình")]}),
            (DOC_B, {"figures": [fig(18080, "count"), fig(16096, "count"), fig(1984, "count")]},
             {"figures": [fig(112, "count"), fig(112, "person"), fig(112, "household")]})]
    result = score(tmp_path, docs)
    assert counts(result["figures"]) == (1, 4, 4, 0.25, 0.25, 0.25)
    assert result["documents"] == 2 and result["documents_missing"] == []


def test_evaluate_micro_average_unequal_documents(tmp_path):
    # A: 1/1; B: 2 predicted, 1 right, of 9 gold.  Micro P = 2/3, R = 2/10.
    gold_b = [fig(v, "count") for v in (1, 2, 3, 4, 5, 6, 7, 8, 9)]
    docs = [(DOC_A, {"organisations": [org("Công an thị xã")], "figures": [fig(112, "count")]},
             {"organisations": [org("Công an thị xã")], "figures": [fig(112, "count")]}),
            (DOC_B, {"figures": gold_b}, {"figures": [fig(1, "count"), fig(112, "count")]})]
    result = score(tmp_path, docs)
    assert counts(result["figures"]) == (2, 3, 10, 0.6667, 0.2, 0.3077)
    assert counts(result["organisations"]) == (1, 1, 1, 1.0, 1.0, 1.0)


# ---------------------------------------------------------------------------- norm

# (text, normalised)
NORMS = [
    pytest.param(unicodedata.normalize("NFD", "Phường Đậu Liêu"), "phường đậu liêu", id="nfd-to-nfc"),
    pytest.param("ĐẬU LIÊU", "đậu liêu", id="casefold-d-stroke"),
    pytest.param("“Dòng họ văn minh”", "dòng họ văn minh", id="curly-quotes"),
    pytest.param("«Ngày thứ Bảy văn minh»", "ngày thứ bảy văn minh", id="guillemets"),
    pytest.param("'5 không, 3 sạch'", "5 không, 3 sạch", id="single-quotes-inner-comma-kept"),
    pytest.param("mô hình\"dân vận khéo\"", "mô hình dân vận khéo", id="quote-between-words-is-a-space"),
    pytest.param("  Công an   thị xã. ", "công an thị xã", id="spaces-collapsed-edge-dot"),
    pytest.param("Hội\u00a0Phụ nữ", "hội phụ nữ", id="nbsp"),
    pytest.param("(Kim Động)", "kim động", id="edge-parentheses"),
    pytest.param("– xã Toàn Thắng;", "xã toàn thắng", id="edge-dash-and-semicolon"),
    pytest.param("07/KH-UBND", "07/kh-ubnd", id="inner-punctuation-kept"),
    pytest.param(None, "", id="none"),
    pytest.param(112, "112", id="number"),
]


@pytest.mark.parametrize("text, expected", NORMS)
def test_evaluate_norm(text, expected):
    out = compare_key(text)
    assert out == expected and unicodedata.is_normalized("NFC", out)
