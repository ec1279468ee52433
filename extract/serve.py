"""Serve a run's catalog with Datasette: read-only, on the loopback address, described.

``serve(output)`` opens ``output/catalog.sqlite`` (built by :mod:`extract.catalog`) in
Datasette's immutable mode on 127.0.0.1 with:

* a title and a description for every table and column (the fact-checks' too) — generated from ``schemas/`` into
  ``data/table_descriptions.json`` (``python -m extract.serve schemas``; a test checks they
  agree), plus the catalog's derived columns (:data:`extract.catalog.DERIVED`);
* facets: models by province, sector, organisation type and year; documents by year; …;
* full-text search on models and documents (the accent-free FTS5 tables of the catalog);
* rows in the run's order (``seq``: "fig:2" before "fig:10") and cells of readable widths;
* canned queries ``models_by_sector_and_place`` and ``figures_of_one_place`` (``:place``,
  accents and case optional — SQL gets ``vn_fold``, :func:`extract.vntext.fold_words`).
"""
from __future__ import annotations

import asyncio
import json
import sys
import threading
import webbrowser
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from datasette import hookimpl

from .lexicons import load_data
from .catalog import CATALOG_TABLES, DERIVED, MODELS_DISTINCT_DESCRIPTIONS, SEQ, ensure_catalog
from .vntext import fold_words

DESCRIPTIONS = "table_descriptions.json"  # under data/, written by write_descriptions
DATABASE = "catalog"  # Datasette names a database after its file
TITLES = {
    "documents": "Documents", "figures": "Figures", "models": "Models (mô hình)",
    "campaigns": "Campaigns (phong trào, cuộc vận động)", "localities": "Localities (địa danh)",
    "organisations": "Organisations", "doc_refs": "Document references", "persons": "Persons", "errors": "Errors",
    "models_distinct": "Each model once, across documents", "tables": "Tables", "cells": "Table cells",
    "factchecks": "Fact-check findings",
}
FACETS = {
    "models": ["province", "sector", "org_type", "year"],
    "documents": ["year", "province", "status"],
    "figures": ["province", "unit"],
    "organisations": ["type"],
    "localities": ["province", "level"],
    "doc_refs": ["type"],
    "errors": ["stage", "kind"],
    "factchecks": ["verdict", "kind"],
}
LABELS = {"documents": "title", "models": "name", "localities": "text", "organisations": "text"}
FTS = {"models": "models_fts", "documents": "documents_fts"}
QUERIES = {
    "models_by_sector_and_place": {
        "title": "Models by sector and place",
        "description": "How many models each sector has in each province, with their names.",
        "sql": (
            "select coalesce(sector, '(not stated)') as sector, coalesce(province, '(unknown)') as province,\n"
            "  count(*) as models, count(distinct doc_id) as documents,\n"
            "  substr(group_concat(name, ' · '), 1, 400) as names\n"
            "from models\ngroup by 1, 2\norder by models desc, sector, province"
        ),
    },
    "tables_of_one_place": {
        "title": "Tables of one place",
        "description": "The tables whose rows or caption name a place — a province, district or commune; accents "
                       "optional ('cam lo'), with how many of their cells are figures.",
        "sql": (
            "select t.id, t.caption, d.title as document, d.doc_date, t.page, t.n_rows, t.n_cols,\n"
            "  (select count(*) from figures as g where g.table_id = t.id) as figures\n"
            "from tables as t\n"
            "join documents as d on d.doc_id = t.doc_id\n"
            "where instr(vn_fold(t.caption), vn_fold(:place)) > 0 or exists (\n"
            "  select 1 from figures as f join localities as l on l.id = f.place\n"
            "  where f.table_id = t.id\n"
            "    and vn_fold(:place) in (vn_fold(l.name), vn_fold(l.district), vn_fold(l.province)))\n"
            "order by d.doc_date, t.doc_id, t.char_start"
        ),
    },
    "figures_of_one_place": {
        "title": "Figures of one place",
        "description": "Every figure stated for a place — a province, district or commune; accents optional "
                       "('quang ninh', 'Hương Trà').",
        "sql": (
            "select f.id, f.text, f.value, f.unit, f.what, f.qualifier, l.name as locality, f.province,\n"
            "  d.title as document, d.doc_date, f.sentence\n"
            "from figures as f\n"
            "left join localities as l on l.id = f.place\n"
            "left join documents as d on d.doc_id = f.doc_id\n"
            "where vn_fold(:place) in (vn_fold(f.province), vn_fold(l.name), vn_fold(l.district), "
            "vn_fold(l.new_province))\n"
            "order by d.doc_date, f.doc_id, f.char_start"
        ),
    },
}
# Column descriptions as a compact two-column grid that scrolls, so the rows stay on the first screen;
# cells no wider than a short paragraph (long words broken), sentences and texts wide enough to read,
# numbers and dates on one line.
STYLE = ("dl.column-descriptions{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:0 1em;"
         "font-size:.85em;max-height:10em;overflow:auto;border:1px solid #ddd;padding:.3em .6em}"
         "dl.column-descriptions dt{font-weight:bold}dl.column-descriptions dd{margin:0;color:#444}"
         "table.rows-and-columns td{max-width:28em;overflow-wrap:anywhere;vertical-align:top}"
         "table.rows-and-columns td.col-sentence,table.rows-and-columns td.col-text,"
         "table.rows-and-columns td.col-explanation,table.rows-and-columns td.col-sentences{min-width:22em}"
         "table.rows-and-columns td.type-int,table.rows-and-columns td.type-float,"
         "table.rows-and-columns td.col-doc_date{white-space:nowrap}")
SETTINGS = {"default_page_size": 50, "truncate_cells_html": 300, "sql_time_limit_ms": 3000,
            "facet_time_limit_ms": 1000}


@hookimpl
def prepare_connection(conn):
    """Datasette plugin hook: ``vn_fold(text)`` in SQL, for accent-free comparisons."""
    conn.create_function("vn_fold", 1, fold_words, deterministic=True)


# ---------------------------------------------------------------------------- metadata


def descriptions_from_schemas(schema_dir: Path) -> dict:
    """Table and column descriptions of ``schemas/<table>.schema.json``, as stored in the package."""
    tables = {}
    for name in CATALOG_TABLES:
        schema = json.loads((Path(schema_dir) / f"{name}.schema.json").read_text(encoding="utf-8"))
        tables[name] = {
            "description": schema["description"],
            "columns": {col: prop["description"] for col, prop in schema["properties"].items()},
        }
    return {"_source": "Generated from schemas/*.schema.json by `python -m extract.serve schemas`; do not edit.",
            "tables": tables}


@lru_cache(maxsize=1)
def table_descriptions() -> dict:
    return load_data(DESCRIPTIONS)["tables"]


def metadata() -> dict:
    """Datasette metadata: titles, descriptions, facets, full-text search and canned queries."""
    tables = {}
    for name, described in table_descriptions().items():
        columns = dict(described["columns"])
        columns |= {col: text for col, (_, text) in DERIVED.get(name, {}).items()}
        table = {"title": TITLES[name], "description": described["description"], "columns": columns,
                 "sort": SEQ}  # the run's order: ids sort naturally, fig:2 before fig:10
        if name in FACETS:
            table["facets"] = FACETS[name]
        if name in FTS:
            table |= {"fts_table": FTS[name], "fts_pk": "rowid"}
        if name in LABELS:
            table["label_column"] = LABELS[name]
        tables[name] = table
    tables["models_distinct"] = {
        "title": TITLES["models_distinct"], "columns": MODELS_DISTINCT_DESCRIPTIONS, "label_column": "name",
        "facets": ["province"],
        "description": "One row per distinct model (the models table's key: its name and province), with the "
                       "documents, places and years it is named in.",
    }
    return {
        "title": "vnextract catalog",
        "description": "Models (mô hình), figures, places and organisations extracted by vnextract from "
                       "Vietnamese reports, each with the sentence it comes from. Search ignores accents: "
                       "'hien dat' finds 'hiến đất'.",
        "extra_css_urls": ["data:text/css," + quote(STYLE)],
        "databases": {DATABASE: {"tables": tables, "queries": QUERIES}},
    }


# ---------------------------------------------------------------------------- serving


def datasette_app(output_dir: Path):
    """A Datasette instance on the run's catalog (immutable: opened read-only)."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    if pm.get_plugin("vnextract") is None:
        pm.register(sys.modules[__name__], name="vnextract")
    catalog = ensure_catalog(Path(output_dir))
    return Datasette(immutables=[str(catalog)], metadata=metadata(), settings=SETTINGS)


def serve(output_dir: Path, host: str = "127.0.0.1", port: int = 8001, open_browser: bool = False) -> None:
    """Serve the catalog until interrupted; binds to loopback unless ``host`` says otherwise."""
    import uvicorn

    ds = datasette_app(output_dir)
    asyncio.run(ds.invoke_startup())
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (f"http://{host}:{port}/{DATABASE}",)).start()
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)


def write_descriptions(schema_dir: Path) -> Path:
    target = Path(__file__).parent / "data" / DESCRIPTIONS
    text = json.dumps(descriptions_from_schemas(schema_dir), ensure_ascii=False, indent=1)
    target.write_text(text + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":  # python -m extract.serve schemas
    print(write_descriptions(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")))
