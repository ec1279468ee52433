"""A pinned quality gate: the development set must not score below the floors reached."""
from __future__ import annotations

import json

import pytest

from conftest import GOLD, ROOT
from extract.evaluate import evaluate

FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores(corpus_run):
    out, _ = corpus_run
    return evaluate(out / "records.jsonl", GOLD)


@pytest.mark.parametrize(
    "kind, metric",
    [(kind, metric) for kind, floors in FLOORS.items() if isinstance(floors, dict) and not kind.startswith("_")
     for metric in floors],
)
def test_quality_gate_kind_floors(scores, kind, metric):
    assert scores[kind][metric] >= FLOORS[kind][metric] - 1e-9, (kind, metric, scores[kind])


def test_quality_gate_doc_date(scores):
    assert scores["doc_date_accuracy"] >= FLOORS["doc_date_accuracy"]
    assert scores["documents_missing"] == []
