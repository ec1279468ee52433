"""Write the JSON Schemas of every output table and of one records.jsonl line.

The columns come from ``extract.write.TABLES`` (what the writer really writes); this
file adds their descriptions.  ``python schemas/build.py`` rewrites ``schemas/*.json``;
``tests/test_schemas.py`` checks the files are what this script would write.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from extract.factcheck import (FACTCHECK_DESCRIPTIONS, FACTCHECKS_NON_NULL, FACTCHECKS_SCHEMA,
                               FACTCHECKS_TITLE)
from extract.factcheck.duplicates import SHINGLE_WORDS, THRESHOLD
from extract.records import ENTITY_RECORDS, Figure
from extract.write import TABLES as WRITTEN
from extract.write import TITLES as WRITTEN_TITLES

TABLES = {**WRITTEN, "factchecks": FACTCHECKS_SCHEMA}

HERE = Path(__file__).resolve().parent
SOURCE = {
    "page": "Page of the document the mention is on (1-based; PDF), else null.",
    "char_start": "Start offset into the document's cleaned text (documents.text).",
    "char_end": "End offset (exclusive) into the cleaned text.",
    "sentence": "The sentence the mention is in.",
    "doc_id": "Document the row comes from (documents.doc_id).",
    "id": "Stable id: <doc_id>:<kind>:<ordinal>.",
}
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "File name without extension (a clash gets -2, -3 …).",
        "source": "Path of the input file.",
        "format": "txt | pdf | docx | html | doc, or null when the file could not be read.",
        "encoding": "Detected text encoding (utf-8, utf-8-sig, utf-16, tcvn3, vni …).",
        "status": "ok, error, needs_ocr (a scan with no text layer) or skipped (unsupported file type).",
        "error_stage": "Stage that failed (ingest, clean, metadata, tokenise, figures …).",
        "error_kind": "Kind of failure (empty, binary, undecodable, corrupt, encrypted, unsupported …).",
        "error": "Readable error message.",
        "title": "Document title.",
        "doc_date": "Publication or issue date printed in the document, YYYY-MM-DD.",
        "author": "Author or byline.",
        "source_url": "Source URL given in the text ('Nguồn …: http://…').",
        "place": "Place of issue ('Hương Trà, ngày …').",
        "pages": "Page count (PDF).",
        "n_chars": "Length of the cleaned text.",
        "n_figures": "Figures found.",
        "content_hash": "SHA-256 of the file's bytes.",
        "duplicate_of": "The doc_id of the original this document copies: the same text in another file or format, "
                        "or a reprint with another header, date line or a few lines changed (Jaccard similarity of "
                        f"{SHINGLE_WORDS}-word shingles ≥ {THRESHOLD}, MinHash); the original is the earliest of its "
                        "copies by doc_date (undated last), then doc_id.  Null for an original; set by the "
                        "fact-checks (vnextract check).",
        "text": "The cleaned text; every offset in the other tables points into it.",
    },
    "figures": {
        "text": "Exact surface (qualifier word, number, unit or counted noun).",
        "value": "Normalised value in the canonical unit (1.155,3 = 1155.3; multipliers applied; money in VND).",
        "value_max": "High end of a range (1 - 2 mô hình), else null.",
        "unit": "Canonical unit: count person household day m2 ha m km VND percent ratio ton other.",
        "surface_unit": "The written unit when it was converted (tạ, kg, km2) or is outside the vocabulary (USD, GB).",
        "currency": "ISO 4217 code of a sum of money: VND for đồng (unit VND), USD, EUR … for other currencies "
                    "(unit other, value in that currency), else null.",
        "per": "Divisor of a rate as written (tháng in 500.000đ/tháng; ha/năm).",
        "what": "What is counted or measured (mô hình, ngày công, diện tích …).",
        "qualifier": "Hedge before the number: exact approx more_than less_than at_least.",
        "numerator": "Ratio numerator (17 in 17/17 xã, phường).",
        "denominator": "Ratio denominator.",
        "place": "Id of the locality the figure is stated for (localities.id), or null; set by the link pass.",
        "place_source": "Where that place was found: sentence, list heading, paragraph, document heading, place of "
                        "issue, document (the place most of its place mentions name), or for a table cell table row "
                        "or table caption.",
        "organisation": "Id of the organisation the figure is stated for (organisations.id): the nearest in its "
                        "sentence, else its model's; or null.",
        "model": "Id of the model the figure is stated for (models.id), or null.",
        "period_text": "The period as written ('năm 2021', '6 tháng đầu năm 2022', 'giai đoạn 2016–2020', 'đến nay'), "
                       "from the sentence, list heading, paragraph or title; or null.",
        "period_start": "First day of that period, YYYY-MM-DD, or null when the text does not tell.",
        "period_end": "Last day of that period, YYYY-MM-DD ('đến nay': the document date), or null.",
        "table_id": "The table a cell's figure comes from (tables.id), else null.",
        "row": "The cell's row in its table (0-based, header rows included), else null.",
        "col": "The cell's column in its table (0-based), else null.",
        "row_label": "The row's label cell ('Xã Cam Thành'), else null.",
        "col_label": "The column's header over every header row, joined with ' / ' ('Kết quả / Số mô hình').",
    },
    "models": {
        "name": "Model name without quotes, whitespace repaired.",
        "org": "Organisation that runs it, as written (fullest surface).",
        "org_canonical": "The organisation's canonical name (abbreviations expanded).",
        "organisation": "Id of the organisation record that runs it (organisations.id), or null.",
        "localities": "Place surfaces tied to the model (parenthesis, tại/ở, the organisation's place).",
        "sector": "kinh tế | văn hóa - xã hội | quốc phòng - an ninh | xây dựng Đảng và hệ thống chính trị, when stated.",
        "status": "đăng ký | được công nhận | đề xuất khen thưởng, when stated.",
        "aliases": "Other surfaces of the same model in the document.",
        "org_aliases": "Other surfaces of the organisation.",
        "n_mentions": "How many times the document mentions the model.",
    },
    "campaigns": {
        "name": "Campaign or movement name (phong trào, cuộc vận động …), not a model.",
        "label": "The label written before it (phong trào thi đua, cuộc vận động …), or null.",
        "n_mentions": "How many times the document mentions it.",
    },
    "localities": {
        "text": "Surface as written (with its level word when written).",
        "level": "province city town district commune ward township village.",
        "name": "Place name alone, capitalisation standardised.",
        "level_inferred": "True when no level word was written and the level was inferred.",
        "code": "Official code of the unit before the 2025 reorganisation (GSO), or null when unresolved.",
        "province": "Province of the resolved unit.",
        "district": "District of the resolved unit.",
        "new_code": "Code of the unit it belongs to after the 2025 reorganisation.",
        "new_name": "Name of that unit.",
        "new_province": "Province after the 2025 reorganisation.",
    },
    "organisations": {
        "text": "Surface as written.",
        "canonical": "Canonical name: abbreviations expanded (MTTQ → Mặt trận Tổ quốc), tone placement normalised.",
        "expanded": "Full name when a shared modifier was filled in (Thường trực → Thường trực Thành ủy).",
        "type": "party state mass police_army school health enterprise other.",
        "locality": "Locality the organisation belongs to, as written, or null.",
    },
    "doc_refs": {
        "text": "Fullest surface of the reference, with its date when written next to it.",
        "type": "Document genre (Nghị quyết, Quyết định, Chỉ thị, Kế hoạch, Công văn, Thông tư …).",
        "number": "Number and symbol, spaces removed (04-NQ/ThU).",
        "issuer": "Issuer code from the symbol (ThU, TW, BVHTTDL), or null.",
        "date": "Issue date when written next to the reference, YYYY-MM-DD.",
    },
    "persons": {
        "name": "Person's name.",
        "role": "Title or role as written, or null.",
        "org": "Organisation in the role, or null.",
        "text": "Surface as written.",
    },
    "tables": {
        "caption": "The heading or paragraph just before the table, or null.",
        "n_rows": "Rows, header rows included.",
        "n_cols": "Columns.",
        "header_rows": "How many leading rows are headers.",
        "char_start": "Where the table's first row starts in the cleaned text (one row per line there).",
        "char_end": "Where its last row ends.",
    },
    "cells": {
        "table_id": "The cell's table (tables.id).",
        "row": "Row (0-based, header rows included).",
        "col": "Column (0-based).",
        "text": "The cell's text as it stands in the cleaned text (a reader's table is rendered with its whitespace collapsed).",
        "row_span": "Rows the cell covers (merged cells).",
        "col_span": "Columns the cell covers.",
        "is_header": "True in a header row.",
        "char_start": "Start of the cell's text in the cleaned text, or null for an empty cell.",
        "char_end": "End of it, or null.",
    },
    "factchecks": FACTCHECK_DESCRIPTIONS,
    "errors": {
        "source": "Path of the input file.",
        "stage": "Stage that failed.",
        "kind": "Kind of failure.",
        "message": "Readable message.",
    },
}
TITLES = {**WRITTEN_TITLES, "factchecks": FACTCHECKS_TITLE}  # one line per table (extract.write.TITLES)
NON_NULL = {  # the entity tables: their records' required columns (extract.records)
    "documents": {"doc_id", "source", "status", "text", "n_chars", "n_figures"},
    **{record.TABLE: record.required() for record in (Figure, *ENTITY_RECORDS)},
    "errors": {"doc_id", "source", "stage", "kind", "message"},
    "factchecks": set(FACTCHECKS_NON_NULL),
}


def _json_type(arrow_type: pa.DataType, nullable: bool) -> dict:
    if pa.types.is_list(arrow_type):
        item = _json_type(arrow_type.value_type, True)
        base = {"type": "array", "items": item}
    elif pa.types.is_integer(arrow_type):
        base = {"type": "integer"}
    elif pa.types.is_floating(arrow_type):
        base = {"type": "number"}
    elif pa.types.is_boolean(arrow_type):
        base = {"type": "boolean"}
    else:
        base = {"type": "string"}
    if nullable:
        base["type"] = [base["type"], "null"]
    return base


def table_schema(name: str) -> dict:
    props = {}
    for field_ in TABLES[name]:
        description = DESCRIPTIONS[name].get(field_.name) or (None if name == "factchecks" else SOURCE.get(field_.name))
        if description is None:
            raise KeyError(f"no description for {name}.{field_.name}")
        nullable = field_.name not in NON_NULL[name]
        props[field_.name] = {**_json_type(field_.type, nullable), "description": description}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://vnextract.local/schemas/{name}.schema.json",
        "title": f"{name} table (one row)",
        "description": TITLES[name] + f" Written to {name}.parquet and {name}.csv (lists as JSON in CSV).",
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def records_schema() -> dict:
    figure = table_schema("figures")["properties"]
    figure = {k: v for k, v in figure.items() if k != "doc_id"}
    docs = table_schema("documents")["properties"]
    listed = lambda desc: {"type": "array", "description": desc, "items": {"type": "object"}}  # noqa: E731
    props = {
        **{k: docs[k] for k in ("doc_id", "source", "title", "doc_date", "author", "source_url", "place", "format",
                                "encoding", "status")},
        "error": {
            "description": "Why the document failed, or null.",
            "oneOf": [
                {"type": "null"},
                {"type": "object", "properties": {k: {"type": "string"} for k in ("stage", "kind", "message")},
                 "required": ["stage", "kind", "message"], "additionalProperties": False},
            ],
        },
        "figures": {"type": "array", "description": "Figures in text order.",
                    "items": {"type": "object", "properties": figure, "required": list(figure),
                              "additionalProperties": False}},
        "models": listed("Models: name, org, localities, sector, status, aliases, mentions (offsets)."),
        "localities": listed("Distinct place surfaces: text, level, name, code, province, district, new_*, mentions."),
        "organisations": listed("Distinct organisation surfaces: text, canonical, type, locality, mentions."),
        "doc_refs": listed("Document references, one per number: text, type, number, issuer, date, mentions."),
        "persons": listed("Named persons: name, role, org."),
        "campaigns": listed("Campaigns and movements named (not models)."),
        "tables": listed("Tables: id, caption, page, n_rows, n_cols, header_rows, offsets."),
        "cells": listed("Table cells: table_id, row, col, text, spans, is_header, offsets."),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://vnextract.local/schemas/records.schema.json",
        "title": "records.jsonl line",
        "description": "One JSON object per input document (skipped files have no line).",
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def all_schemas() -> dict[str, dict]:
    schemas = {name: table_schema(name) for name in TABLES}
    schemas["records"] = records_schema()
    return schemas


def main() -> None:
    for name, schema in all_schemas().items():
        path = HERE / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print("wrote", path)


if __name__ == "__main__":
    main()
