"""The JSON Schemas in schemas/ are what schemas/build.py writes from the writer's columns (no drift),
and the writer's entity tables are the records of extract/records.py."""
from __future__ import annotations

import importlib.util
import json
from typing import get_args, get_origin, get_type_hints

import jsonschema
import pytest

from conftest import SCHEMAS
from extract.pipeline import process_text
from extract.records import ENTITY_RECORDS, Figure
from extract.write import TABLES, table_rows

_spec = importlib.util.spec_from_file_location("schemas_build", SCHEMAS / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


@pytest.mark.parametrize("name", sorted(build.all_schemas()))
def test_schemas_match_generator(name):
    on_disk = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert on_disk == build.all_schemas()[name], f"run: python schemas/build.py ({name} drifted)"


# The entity tables are their records: one dataclass per kind in extract/records.py, the
# writer's table derived from it, the JSON Schema from the writer's table.
RECORDS = [Figure, *ENTITY_RECORDS]
ONE_OF_EACH = ("Năm 2021, Hội Nông dân xã Tân Phú (huyện Chợ Gạo) xây dựng mô hình “Cánh đồng mẫu lớn” với 12 ha, "
               "theo Kế hoạch số 15/KH-UBND; phong trào “Nông dân thi đua sản xuất giỏi”. Ông Nguyễn Văn An, Chủ tịch "
               "Hội Nông dân xã, cho biết.\n\nĐơn vị | Số hộ\nXã Tân Phú | 40")


@pytest.mark.parametrize("record", RECORDS, ids=[r.TABLE for r in RECORDS])
def test_schemas_record_writer_table_and_schema_agree(record):
    columns = record.columns()
    assert TABLES[record.TABLE].names == columns
    schema = json.loads((SCHEMAS / f"{record.TABLE}.schema.json").read_text(encoding="utf-8"))
    assert list(schema["properties"]) == columns
    nullable = {name for name, prop in schema["properties"].items() if "null" in prop["type"]}
    assert set(columns) - nullable == record.required()
    hints = get_type_hints(record)
    for name in columns:
        json_type = schema["properties"][name]["type"]
        json_type = next(t for t in json_type if t != "null") if isinstance(json_type, list) else json_type
        hint = hints[name]
        python = list if get_origin(hint) is list else next(a for a in get_args(hint) or [hint] if a is not type(None))
        assert json_type == {str: "string", int: "integer", float: "number", bool: "boolean", list: "array"}[python]


def test_schemas_a_written_row_is_valid_against_its_schema():
    """The rows the writer makes of a real result validate against the schemas."""
    result = process_text(ONE_OF_EACH, "t")
    rows = table_rows(result)
    for record in RECORDS:
        assert rows[record.TABLE], record.TABLE  # the sentence has one of each kind
        schema = json.loads((SCHEMAS / f"{record.TABLE}.schema.json").read_text(encoding="utf-8"))
        for row in rows[record.TABLE]:
            jsonschema.validate(row, schema)


@pytest.mark.parametrize("kind", [r.TABLE for r in ENTITY_RECORDS] + ["figures"])
def test_schemas_every_pass_returns_typed_records(kind):
    """The document has one of each kind, a table too; each is its own record type."""
    result = process_text(ONE_OF_EACH, "t")
    record = next(r for r in RECORDS if r.TABLE == kind)
    items = getattr(result, kind)
    assert items and all(type(item) is record and item.id and item.doc_id == "t" for item in items)
