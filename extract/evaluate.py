"""Score a run's ``records.jsonl`` against hand-made gold files (one ``<doc_id>.json`` each).

The matching rules are those of the annotation guidelines (tests/gold): one-to-one
greedy matching, micro-averaged over documents —

* figures on (unit family, value): count/person/household/day are counts, ha is
  compared in m², km in m, ratios on numerator and denominator, relative
  tolerance 1e-6; for matched figures, qualifier agreement and ``what`` overlap;
* models on normalised name similarity ≥ 0.85 (and, when matched, ``org`` agreement);
* localities on distinct (level, name); organisations on normalised surface
  similarity ≥ 0.9; document references on distinct ``number``;
* ``doc_date`` on its first ten characters, over documents whose gold has a date.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .vntext import compare_key

COUNTS = {"count", "person", "people", "day", "household", "times"}
AREA = {"m2": 1.0, "ha": 10_000.0, "km2": 1_000_000.0}
LENGTH = {"m": 1.0, "km": 1000.0}
LEVELS = {
    "tỉnh": "province", "thành phố": "city", "thị xã": "town", "huyện": "district", "quận": "district",
    "xã": "commune", "phường": "ward", "thị trấn": "township", "thôn": "village", "khu phố": "village",
    "bản": "village", "ấp": "village", "tổ dân phố": "village", "khu": "village", "xóm": "village",
}
def similarity(a: str, b: str) -> float:
    return 1.0 if a == b else difflib.SequenceMatcher(None, a, b).ratio()


def figure_key(fig: dict) -> tuple:
    unit = compare_key(fig.get("unit"))
    try:
        value = float(fig.get("value"))
    except (TypeError, ValueError):
        value = None
    if unit in COUNTS:
        return ("count", value)
    if unit in AREA and value is not None:
        return ("m2", value * AREA[unit])
    if unit in LENGTH and value is not None:
        return ("m", value * LENGTH[unit])
    if unit == "ratio":
        return ("ratio", (fig.get("numerator"), fig.get("denominator")))
    return ("VND" if unit in ("vnd", "đồng") else unit, value)


def same_figure(pred: dict, gold: dict) -> bool:
    (pu, pv), (gu, gv) = figure_key(pred), figure_key(gold)
    if pu != gu:
        return False
    if pu == "ratio":
        try:
            return all(float(a) == float(b) for a, b in zip(pv, gv))
        except (TypeError, ValueError):
            return False
    if pv is None or gv is None:
        return False
    return abs(pv - gv) <= 1e-6 * max(1.0, abs(gv))


def level_of(item: dict) -> str:
    level = compare_key(item.get("level"))
    return LEVELS.get(level, level)


def distinct(items: list[dict], key: Callable[[dict], object]) -> list[dict]:
    seen, out = set(), []
    for item in items:
        k = key(item)
        if k and k not in seen:
            seen.add(k)
            out.append(item)
    return out


@dataclass(frozen=True)
class Kind:
    prepare: Callable[[list[dict]], list[dict]]
    same: Callable[[dict, dict], bool]


KINDS: dict[str, Kind] = {
    "figures": Kind(lambda xs: xs, same_figure),
    "models": Kind(
        lambda xs: distinct(xs, lambda m: compare_key(m.get("name"))),
        lambda p, g: similarity(compare_key(p.get("name")), compare_key(g.get("name"))) >= 0.85,
    ),
    "localities": Kind(
        lambda xs: distinct(xs, lambda loc: (level_of(loc), compare_key(loc.get("name")))),
        lambda p, g: level_of(p) == level_of(g) and compare_key(p.get("name")) == compare_key(g.get("name")),
    ),
    "organisations": Kind(
        lambda xs: distinct(xs, lambda o: compare_key(o.get("text"))),
        lambda p, g: similarity(compare_key(p.get("text")), compare_key(g.get("text"))) >= 0.9,
    ),
    "doc_refs": Kind(
        lambda xs: distinct(xs, lambda r: compare_key(r.get("number"))),
        lambda p, g: compare_key(p.get("number")) == compare_key(g.get("number")),
    ),
}


def greedy_pairs(pred: list[dict], gold: list[dict], same) -> list[tuple[int, int]]:
    pairs, used = [], set()
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if j not in used and same(p, g):
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    precision = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "pred": n_pred, "gold": n_gold}


def load_records(path: Path) -> dict[str, dict]:
    records: dict[str, dict] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            for key in {str(rec.get("doc_id", "")), Path(str(rec.get("source") or "")).stem}:
                if key:
                    records.setdefault(key, rec)
    return records


def evaluate(records_path: Path, gold_dir: Path) -> dict:
    """Scores per kind (precision, recall, f1, counts) plus the attribute accuracies."""
    pred = load_records(records_path)
    totals = {kind: [0, 0, 0] for kind in KINDS}
    qualifier_ok = what_ok = org_ok = org_gold = date_ok = date_n = 0
    missing = []
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc_id = str(gold.get("doc_id") or gold_file.stem)
        rec = pred.get(doc_id) or pred.get(gold_file.stem)
        if rec is None:
            missing.append(doc_id)
            rec = {}
        for name, kind in KINDS.items():
            p_items, g_items = kind.prepare(rec.get(name) or []), kind.prepare(gold.get(name) or [])
            pairs = greedy_pairs(p_items, g_items, kind.same)
            totals[name][0] += len(pairs)
            totals[name][1] += len(p_items)
            totals[name][2] += len(g_items)
            for i, j in pairs:
                p, g = p_items[i], g_items[j]
                if name == "figures":
                    qualifier_ok += compare_key(p.get("qualifier") or "exact") == compare_key(g.get("qualifier") or "exact")
                    pw, gw = compare_key(p.get("what")), compare_key(g.get("what"))
                    what_ok += bool(pw and gw and (pw in gw or gw in pw))
                elif name == "models" and g.get("org"):
                    org_gold += 1
                    po, go = compare_key(p.get("org")), compare_key(g.get("org"))
                    org_ok += bool(po and (similarity(po, go) >= 0.85 or po in go or go in po))
        if gold.get("doc_date"):
            date_n += 1
            date_ok += (rec.get("doc_date") or "")[:10] == gold["doc_date"][:10]
    result = {name: prf(*counts) for name, counts in totals.items()}
    fig_tp = totals["figures"][0]
    result["figures"]["qualifier_accuracy"] = round(qualifier_ok / fig_tp, 4) if fig_tp else None
    result["figures"]["what_accuracy"] = round(what_ok / fig_tp, 4) if fig_tp else None
    result["models"]["org_accuracy"] = round(org_ok / org_gold, 4) if org_gold else None
    result["doc_date_accuracy"] = round(date_ok / date_n, 4) if date_n else None
    result["documents"] = len(gold_files)
    result["documents_missing"] = missing
    return result
