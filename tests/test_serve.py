"""``vnextract serve``: Datasette on the catalog — metadata, search, facets, canned queries, a real server.

Most checks use Datasette's in-process client; one starts the server on a free loopback
port in a subprocess and queries its JSON API (no other network).
"""
from __future__ import annotations

import asyncio
import inspect
import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from typer.testing import CliRunner

from conftest import SCHEMAS
from extract.catalog import CATALOG_TABLES, DERIVED
from extract.cli import app, serve_command
from extract.serve import FACETS, QUERIES, datasette_app, descriptions_from_schemas, metadata, serve, table_descriptions
from test_catalog import D000, D001, D003, D004, gold_run  # noqa: F401 — gold_run is a fixture

STARTUP_SECONDS = 60
# No proxy, even if the environment names one: every request here goes to 127.0.0.1.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# ---------------------------------------------------------------------------- metadata


def test_table_descriptions_match_schemas():
    on_disk = json.loads((SCHEMAS.parent / "extract" / "data" / "table_descriptions.json").read_text(encoding="utf-8"))
    assert on_disk == descriptions_from_schemas(SCHEMAS), "run: python -m extract.serve schemas"


@pytest.mark.parametrize("table", list(CATALOG_TABLES))
def test_metadata_describes_every_table_and_column(table):
    described = metadata()["databases"]["catalog"]["tables"][table]
    assert described["title"] and described["description"]
    columns = CATALOG_TABLES[table].names + list(DERIVED.get(table, {}))
    assert sorted(described["columns"]) == sorted(columns)
    assert all(described["columns"].values())


def test_metadata_facets_and_search():
    tables = metadata()["databases"]["catalog"]["tables"]
    assert tables["models"]["facets"] == ["province", "sector", "org_type", "year"]
    assert "year" in tables["documents"]["facets"] and tables["organisations"]["facets"] == ["type"]
    assert tables["models"]["fts_table"] == "models_fts" and tables["documents"]["fts_table"] == "documents_fts"
    assert metadata()["title"] == "vnextract catalog"
    assert set(table_descriptions()) == set(CATALOG_TABLES)


def test_serve_binds_loopback_by_default():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(serve_command).parameters["host"].default.default == "127.0.0.1"


# ---------------------------------------------------------------------------- the API, in process


@pytest.fixture(scope="module")
def client(gold_run):  # noqa: F811
    ds = datasette_app(gold_run)
    loop = asyncio.new_event_loop()
    loop.run_until_complete(ds.invoke_startup())

    def get(path: str):
        response = loop.run_until_complete(ds.client.get(path))
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    yield get
    loop.close()


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("hien dat", "chi hội Cựu chiến binh làm nòng cốt vận động nhân dân hiến đất, đóng góp mở đường giao thông trong khu vực dân cư"),
        ("nuoi ca long", "Nuôi cá lồng trên sông Bồ"),
        ("hu gao", "Hũ gạo tình thương"),
        ("Hũ gạo", "Hũ gạo tình thương"),
        ("5 khong 3 sach", "5 không, 3 sạch"),
    ],
)
def test_api_searches_models_without_accents(client, search, expected):
    rows = client(f"/catalog/models.json?_search={urllib.parse.quote(search)}&_shape=array&_size=max")
    assert expected in {row["name"] for row in rows}


def test_api_searches_documents(client):
    rows = client("/catalog/documents.json?_search=dan+van+kheo&_shape=array&_col=title")
    assert {D000, D001, D003, D004} <= {row["doc_id"] for row in rows}


def test_api_facets(client):
    data = client("/catalog/models.json?_size=0")
    facets = data["facet_results"]
    facets = facets.get("results", facets)  # Datasette 1.0 nests them
    assert set(FACETS["models"]) <= set(facets)
    provinces = {item["value"]: item["count"] for item in facets["province"]["results"]}
    assert provinces["Thừa Thiên Huế"] >= 40 and "Hưng Yên" in provinces


def test_api_canned_figures_of_one_place(client):
    rows = client("/catalog/figures_of_one_place.json?place=quang+ninh&_shape=array")
    assert rows and {row["province"] for row in rows} == {"Quảng Ninh"}
    assert all(row["document"].startswith("Công tác Dân vận ở Móng Cái") for row in rows)


def test_api_canned_models_by_sector_and_place(client):
    rows = client("/catalog/models_by_sector_and_place.json?_shape=array")
    counts = {(row["sector"], row["province"]): row["models"] for row in rows}
    assert counts[("kinh tế", "Thừa Thiên Huế")] >= 7
    assert sum(counts.values()) == len(client("/catalog/models.json?_shape=array&_size=max&_col=id"))


def test_api_is_read_only(client):
    databases = client("/-/databases.json")
    assert [db["is_mutable"] for db in databases if db["name"] == "catalog"] == [False]
    queries = client("/catalog.json")["queries"]
    assert {q["name"] for q in queries} == set(QUERIES)


def test_api_serves_the_factchecks_with_their_facets(client, gold_run):
    import pyarrow.parquet as pq

    rows = client("/catalog/factchecks.json?_shape=array&_size=max&_col=verdict")
    assert len(rows) == pq.read_metadata(gold_run / "factchecks.parquet").num_rows > 0
    data = client("/catalog/factchecks.json?_size=0")
    facets = data["facet_results"]
    assert {"verdict", "kind"} <= set(facets.get("results", facets))


@pytest.mark.parametrize("table", ["figures", "localities", "organisations", "factchecks"])
def test_api_lists_ids_in_natural_order(client, table):
    """fig:2 before fig:10: rows come in the run's order (seq), not by the text of their id."""
    rows = client(f"/catalog/{table}.json?_shape=array&_size=max&_col=id&_col=seq")
    assert [row["seq"] for row in rows] == list(range(1, len(rows) + 1))
    if table != "factchecks":  # <doc_id>:<kind>:<n>, numbered in each document in text order
        numbers: dict[str, list[int]] = {}
        for row in rows:
            doc_id, _, n = row["id"].rsplit(":", 2)
            numbers.setdefault(doc_id, []).append(int(n))
        assert max(len(ns) for ns in numbers.values()) >= 10
        assert all(ns == sorted(ns) for ns in numbers.values())


@pytest.mark.parametrize(
    ("css", "why"),
    [
        ("td{max-width:28em;overflow-wrap:anywhere", "no cell wider than a short paragraph"),
        ("td.col-sentence,", "sentences wide enough to read"),
        ("td.type-float,", "numbers on one line"),
    ],
)
def test_metadata_css_gives_readable_widths(css, why):
    from urllib.parse import unquote

    sheets = [unquote(url.split(",", 1)[1]) for url in metadata()["extra_css_urls"]]
    assert any(css in sheet for sheet in sheets), why


def test_serve_command_without_a_run(tmp_path):
    result = CliRunner().invoke(app, ["serve", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "vnextract run" in result.output


# ---------------------------------------------------------------------------- a real server


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str):
    with OPENER.open(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def server(gold_run):  # noqa: F811
    port = _free_port()
    code = f"from extract.serve import serve; serve({str(gold_run)!r}, port={port})"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            try:
                _get_json(base + "/-/versions.json")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.poll() is not None else ""
                    pytest.fail(f"Datasette did not start on {base}: {output[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_server_answers_search_and_canned_queries(server):
    rows = _get_json(server + "/catalog/models.json?_search=hien+dat+lam+duong&_shape=array")
    assert any("hiến đất" in row["name"] for row in rows)
    figures = _get_json(server + "/catalog/figures_of_one_place.json?place=H%C3%A0+T%C4%A9nh&_shape=array")
    assert figures and {row["province"] for row in figures} == {"Hà Tĩnh"}
    meta = _get_json(server + "/-/metadata.json")
    assert meta["title"] == "vnextract catalog"
    assert meta["databases"]["catalog"]["tables"]["models"]["title"] == "Models (mô hình)"


def test_server_html_shows_titles_and_search(server):
    with OPENER.open(server + "/catalog/models?_search=nuoi+ca+long", timeout=10) as response:
        html = response.read().decode("utf-8")
    assert "Models (mô hình)" in html and "Nuôi cá lồng trên sông Bồ" in html
