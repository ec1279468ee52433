"""Reading the data files under ``extract/data/`` (lexicons and rules kept as data)."""
from __future__ import annotations

import json
from importlib import resources


def load_data(name: str):
    """A JSON file as its value, a JSONL file as a list of its records (``name`` relative to data/)."""
    text = resources.files("extract").joinpath("data", name).read_text(encoding="utf-8")
    if name.endswith(".jsonl"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)
