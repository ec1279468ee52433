"""Reading the data files under ``extract/data/`` (lexicons and rules kept as data): the one
loader of the package, by file type.

>>> load_data("encodings/viqr.tsv")[0]
['á', "a'"]
"""
from __future__ import annotations

import json
from importlib import resources


def load_data(name: str):
    """A data file by its path relative to ``data/`` (``"gazetteer/units_2025.tsv"``):

    * ``.json`` — its value;
    * ``.jsonl`` — a list of its records (blank lines skipped);
    * ``.tsv`` — a list of its rows, each a list of tab-separated fields (blank lines and
      ``#`` comment lines skipped; a header row is the caller's);
    * any other (``.txt``) — its text.
    """
    text = resources.files("extract").joinpath("data", *name.split("/")).read_text(encoding="utf-8")
    if name.endswith(".jsonl"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if name.endswith(".json"):
        return json.loads(text)
    if name.endswith(".tsv"):
        return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return text
