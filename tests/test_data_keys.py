"""Every key of every JSON data file under ``extract/data/`` is read by the package code.

A key counts as read when it is written as a string in the code under ``extract/`` (docstrings
and comments do not count: a key only mentioned there is still dead).  Checked are the top-level
keys of each file and, where a top-level value is a dict of dicts (one entry per name, each
entry a dict of settings: ``levels``, ``types``, ``abbreviations``, every encoding of
``legacy_fonts.json`` …), the setting names of those entries.  Keys that only document the
file are exempt: those starting with ``_`` (``_source``, ``_note``, ``_fields`` …) and the
per-entry notes listed in ``ENTRY_NOTES``.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "extract"
DATA = PACKAGE / "data"
#: Per-entry documentation: where an entry was seen and why it is there (abbreviations.json).
ENTRY_NOTES = {"note", "seen"}
SETTING_NAME = re.compile(r"[a-z][a-z0-9_]*")  # "expansion", "post2025"; not data ("QĐ", "Hà Nội")


def strings_in_code() -> set[str]:
    """Every string constant of the package's Python code, docstrings left out (the data
    folder's own build scripts too: they write the data, they do not read it)."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if DATA in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree)
                      if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
        found.update(node.value for node in ast.walk(tree)
                     if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings)
    return found


def setting_keys(data: dict) -> list[str]:
    """The keys a reader must know: top-level ones, and the setting names of the entries of a
    top-level dict of dicts (lower-case identifiers: entries keyed by data, such as
    ``doc_types.json``'s ``codes``, are data), as ``"top"`` and ``"top/*/setting"`` (documentation keys left out)."""
    keys = []
    for top, value in data.items():
        if top.startswith("_"):
            continue
        keys.append(top)
        if isinstance(value, dict) and value and all(isinstance(entry, dict) for entry in value.values()):
            names = {name for entry in value.values() for name in entry}
            keys += [f"{top}/*/{name}" for name in sorted(names)
                     if SETTING_NAME.fullmatch(name) and name not in ENTRY_NOTES]
    return keys


DATA_FILES = sorted(DATA.rglob("*.json"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_every_data_key_is_read_by_the_code(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        pytest.skip("not a dict of keys")
    code = strings_in_code()
    unread = [key for key in setting_keys(data) if key.rsplit("/", 1)[-1] not in code]
    assert not unread, f"{path.name}: keys no code reads (read them or delete them): {unread}"


def test_the_check_sees_every_data_file():
    assert len(DATA_FILES) >= 20  # data/*.json and data/encodings/*.json
