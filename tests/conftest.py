"""Shared fixtures: one run of the pipeline over corpus/, made once per test session."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "gold"
SCHEMAS = ROOT / "schemas"


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    """Run ``vnextract run corpus/`` once; returns (output folder, summary)."""
    from extract import RunOptions, run

    out = tmp_path_factory.mktemp("corpus_run")
    summary = run(RunOptions(input=CORPUS, output=out, progress=False))
    return out, summary


@pytest.fixture(scope="session")
def corpus_records(corpus_run):
    out, _ = corpus_run
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    return {rec["doc_id"]: rec for rec in map(json.loads, lines)}


def load_schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
