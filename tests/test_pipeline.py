"""End to end: `vnextract run` on corpus/ and on broken input; outputs match their schemas."""
from __future__ import annotations

import json
import math
from collections import Counter

import jsonschema
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import CORPUS, ROOT, load_schema
from extract import RunOptions, run
from extract.cli import app
from extract.factcheck import FACTCHECKS_SCHEMA
from extract.write import TABLES, outputs_readme


def test_pipeline_corpus_every_document_ok(corpus_run, corpus_records):
    out, summary = corpus_run
    assert summary.documents == 5 and summary.failed == 0
    assert set(corpus_records) == {p.stem for p in CORPUS.glob("*.txt")}
    assert all(rec["status"] == "ok" for rec in corpus_records.values())
    assert summary.figures == sum(len(r["figures"]) for r in corpus_records.values()) > 80


def test_pipeline_records_match_schema(corpus_records):
    schema = load_schema("records")
    for rec in corpus_records.values():
        jsonschema.validate(rec, schema)


@pytest.mark.parametrize("table", sorted(TABLES) + ["factchecks"])
def test_pipeline_tables_match_schema(corpus_run, table):
    out, _ = corpus_run
    schema = load_schema(table)
    columns = FACTCHECKS_SCHEMA.names if table == "factchecks" else TABLES[table].names
    assert list(schema["properties"]) == columns  # no drift between schema and writer
    frame = pq.read_table(out / f"{table}.parquet").to_pandas()
    csv_frame = pd.read_csv(out / f"{table}.csv", keep_default_na=False)
    assert len(frame) == len(csv_frame)
    for row in frame.to_dict("records"):
        clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        clean = {k: (v.tolist() if hasattr(v, "tolist") and getattr(v, "ndim", 0) else v) for k, v in clean.items()}
        for key, prop in schema["properties"].items():
            if "integer" in prop.get("type", []) and clean[key] is not None:
                clean[key] = int(clean[key])
            if "boolean" in prop.get("type", []) and clean[key] is not None:
                clean[key] = bool(clean[key])
        jsonschema.validate(clean, schema)


def test_pipeline_offsets_point_into_clean_text(corpus_run):
    out, _ = corpus_run
    docs = pq.read_table(out / "documents.parquet").to_pandas().set_index("doc_id")
    figures = pq.read_table(out / "figures.parquet").to_pandas()
    assert len(figures) > 0
    for fig in figures.itertuples():
        text = docs.loc[fig.doc_id, "text"]
        assert text[fig.char_start : fig.char_end] == fig.text


def test_pipeline_bad_input_gives_error_rows_and_run_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Hội đã trao 52 nhà đại đoàn kết.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (folder / "notes.xyz").write_text("không đọc", encoding="utf-8")
    summary = run(RunOptions(input=folder, output=tmp_path / "out", progress=False))
    records = [json.loads(l) for l in (tmp_path / "out" / "records.jsonl").read_text().splitlines()]
    status = {r["doc_id"]: r["status"] for r in records}
    assert status == {"good": "ok", "empty": "error", "binary": "error", "broken": "error"}
    documents = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert dict(zip(documents["doc_id"], documents["status"]))["notes"] == "skipped"
    errors = pd.read_csv(tmp_path / "out" / "errors.csv")
    assert set(errors["doc_id"]) == {"empty", "binary", "broken"}
    assert all(isinstance(m, str) and len(m) > 10 for m in errors["message"])
    assert summary.failed == 3 and summary.skipped and summary.figures == 1


def test_pipeline_doc_id_clash_gets_suffix(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "report.txt").write_text("Có 3 mô hình.", encoding="utf-8")
    run(RunOptions(input=tmp_path / "in", output=tmp_path / "out", progress=False))
    ids = [json.loads(l)["doc_id"] for l in (tmp_path / "out" / "records.jsonl").read_text().splitlines()]
    assert ids == ["report", "report-2"]


def test_cli_run_prints_summary_and_writes(tmp_path):
    result = CliRunner().invoke(app, ["run", str(CORPUS), "-o", str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "figures" in result.output and (tmp_path / "records.jsonl").exists()
    assert not any(p.name.startswith(".run-") for p in tmp_path.iterdir())
    verdicts = Counter(pq.read_table(tmp_path / "factchecks.parquet", columns=["verdict"]).column(0).to_pylist())
    said = ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
    assert f"{sum(verdicts.values())} fact-check finding(s) in the factchecks table: {said}" in " ".join(result.output.split())


def test_cli_run_missing_input_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["run", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "Input not found" in result.output


def test_cli_evaluate_scores_the_run(corpus_run):
    out, _ = corpus_run
    result = CliRunner().invoke(app, ["evaluate", str(out), str(CORPUS.parent / "tests" / "gold"), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["documents"] == 5 and scores["documents_missing"] == []


def test_pipeline_outputs_readme_is_the_writers_and_lists_every_table(corpus_run):
    """outputs/README.md is what the writer puts in every output folder, so it cannot drift
    from the tables a run writes (regenerate: python -c "from extract.write import
    outputs_readme; print(outputs_readme(), end='')" > outputs/README.md)."""
    out, _ = corpus_run
    readme = outputs_readme()
    assert (ROOT / "outputs" / "README.md").read_text(encoding="utf-8") == readme
    assert (out / "README.md").read_text(encoding="utf-8") == readme
    listed = [line.split(" | ")[0] for line in readme.splitlines() if line.startswith("| `")]
    for name in [*TABLES, "factchecks"]:
        assert f"| `{name}.parquet` / `{name}.csv`" in listed
        assert (out / f"{name}.parquet").exists() and (ROOT / "schemas" / f"{name}.schema.json").exists()
    for name in ("records.jsonl", "tables/<doc_id>__<n>.csv", "catalog.sqlite", "report.html"):
        assert f"| `{name}`" in listed
    assert (out / "records.jsonl").exists() and (out / "catalog.sqlite").exists()
