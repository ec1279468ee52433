"""The JSON Schemas in schemas/ are what schemas/build.py writes from the writer's columns (no drift)."""
from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import SCHEMAS

_spec = importlib.util.spec_from_file_location("schemas_build", SCHEMAS / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


@pytest.mark.parametrize("name", sorted(build.all_schemas()))
def test_schemas_match_generator(name):
    on_disk = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert on_disk == build.all_schemas()[name], f"run: python schemas/build.py ({name} drifted)"
