"""Does underthesea's NER help the rules?  Localities and organisations on the dev set.

    python benchmarks/ner_signal.py

For each sample document: the rules alone, the rules plus every NER span (LOC for
places, ORG for organisations) that does not overlap a rule span, and NER alone —
scored against tests/gold with the project's evaluation rules — and the seconds per
document that NER costs next to word segmentation.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from underthesea import ner, word_tokenize

from extract.clean import clean
from extract.evaluate import KINDS, greedy_pairs
from extract.gazetteer import gazetteer
from extract.passes.localities import find_localities
from extract.passes.organisations import find_organisations
from extract.tokenise import doc_sentences, tokenise

ROOT = Path(__file__).resolve().parents[1]


def ner_spans(text: str, bounds, tags=("LOC", "ORG")) -> dict[str, list[str]]:
    """Surfaces underthesea's NER tags with each of ``tags`` (B-/I- chunks joined), one call per sentence."""
    out: dict[str, list[str]] = {tag: [] for tag in tags}
    for start, end in bounds:
        current: list[str] = []
        current_tag = None
        for word, *_rest, label in ner(text[start:end]) + [("", "O")]:
            prefix, _, tag = label.partition("-")
            if prefix == "I" and tag == current_tag:
                current.append(word)
                continue
            if current and current_tag in out:
                out[current_tag].append(" ".join(current))
            current, current_tag = ([word], tag) if prefix in ("B", "I") else ([], None)
    return out


LEVEL_WORDS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "phường", "xã", "thôn", "TP.", "TP")


def as_locality(surface: str, provinces: set[str]) -> dict | None:
    """A NER LOC span as a locality: its level from the gazetteer (a unit of the document's
    provinces first); None when no administrative unit has that name (a river, a country …)."""
    name = surface
    for word in LEVEL_WORDS:
        if surface.lower().startswith(word.lower() + " "):
            name = surface[len(word) + 1:]
            break
    units = gazetteer().candidates(name)
    if not units:
        return None
    local = [u for u in units if u.province_code in provinces] or units
    return {"text": surface, "level": local[0].level, "name": name}


def score(pred: list[dict], gold: list[dict], kind: str) -> tuple[int, int, int]:
    spec = KINDS[kind]
    p, g = spec.prepare(pred), spec.prepare(gold)
    return len(greedy_pairs(p, g, spec.same)), len(p), len(g)


def f1(tp: int, n_pred: int, n_gold: int) -> str:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P {precision:.3f}  R {recall:.3f}  F1 {f:.3f}  ({tp}/{n_pred}/{n_gold})"


def main() -> None:
    totals = {k: [0, 0, 0] for k in ("loc_rules", "loc_plus", "loc_ner", "org_rules", "org_plus", "org_ner")}
    seconds = {"word_tokenize": 0.0, "ner": 0.0}
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        gold = json.loads((ROOT / "tests" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        text = clean(path.read_text(encoding="utf-8")).text
        doc = tokenise(text)
        bounds = doc_sentences(doc)
        started = time.perf_counter()
        for start, end in bounds:
            word_tokenize(text[start:end], use_token_normalize=False)
        seconds["word_tokenize"] += time.perf_counter() - started
        started = time.perf_counter()
        found = ner_spans(text, bounds)
        locs_ner, orgs_ner = found["LOC"], found["ORG"]
        seconds["ner"] += time.perf_counter() - started
        places = find_localities(doc, doc_date=None)
        orgs = find_organisations(doc, localities=find_localities(doc, distinct=False))
        rule_places = {p["text"] for p in places}
        provinces = {u.province_code for p in places if p.get("code")
                     for u in gazetteer().candidates(p["name"]) if u.code == p["code"]}
        ner_places = [loc for loc in (as_locality(t, provinces) for t in locs_ner) if loc]
        rule_orgs = {o["text"] for o in orgs}
        extra_places = [loc for loc in ner_places if not any(loc["text"] in r or r in loc["text"] for r in rule_places)]
        extra_orgs = [{"text": t} for t in orgs_ner if not any(t in r or r in t for r in rule_orgs)]
        for key, pred, kind in (
            ("loc_rules", places, "localities"), ("loc_plus", places + extra_places, "localities"),
            ("loc_ner", ner_places, "localities"),
            ("org_rules", orgs, "organisations"), ("org_plus", orgs + extra_orgs, "organisations"),
            ("org_ner", [{"text": t} for t in orgs_ner], "organisations"),
        ):
            tp, n_pred, n_gold = score(pred, gold[kind], kind)
            totals[key][0] += tp
            totals[key][1] += n_pred
            totals[key][2] += n_gold
    labels = {"loc_rules": "localities, rules", "loc_plus": "localities, rules + NER LOC",
              "loc_ner": "localities, NER LOC alone (level from gazetteer)",
              "org_rules": "organisations, rules", "org_plus": "organisations, rules + NER ORG",
              "org_ner": "organisations, NER ORG alone"}
    for key, label in labels.items():
        print(f"{label:<52}{f1(*totals[key])}")
    print(f"seconds on the 5 documents: word_tokenize {seconds['word_tokenize']:.2f}, "
          f"ner {seconds['ner']:.2f}")


if __name__ == "__main__":
    main()
