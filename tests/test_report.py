"""The HTML report (extract/report.py): one self-contained page about a run.

The corpus run (a copy of the session's, so report.html does not land in the shared
folder) must give a page with every document, the charts, the legend, highlighted spans and
the findings; a small run of one odd document checks the escaping and the empty tables.
"""
from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from extract import RunOptions, run
from extract import report
from extract.cli import app
from extract.report import bar_chart, build_report, documents_by_year, marked_sentence, resolve_overlaps

# Markup that would load something from outside the page (links in the text are data, not loads).
EXTERNAL = [
    r"<script\b", r"<link\b", r"<img\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//", r"@import",
    r"url\(\s*[\"']?(?:https?:)?//", r"<iframe\b", r"<object\b", r"<embed\b",
]
ODD_TEXT = ("Ghi chú <b>thử</b> của tổ & nhóm\n\n"
            "Theo ghi nhận, a < b & c, còn <script>alert(1)</script> thì không.")


@pytest.fixture(scope="module")
def corpus_report(corpus_run, tmp_path_factory):
    """(output folder, report.html text) for a copy of the corpus run."""
    out = tmp_path_factory.mktemp("report") / "run"
    shutil.copytree(corpus_run[0], out)
    path = build_report(out)
    return out, path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def odd_run(tmp_path_factory):
    """A run of one document with markup characters in its title and text, and no figures."""
    folder = tmp_path_factory.mktemp("odd")
    (folder / "in").mkdir()
    (folder / "in" / "odd.txt").write_text(ODD_TEXT, encoding="utf-8")
    run(RunOptions(input=folder / "in", output=folder / "out", progress=False))
    return folder / "out"


def documents(out: Path) -> list[dict]:
    return pq.read_table(out / "documents.parquet", columns=["doc_id", "title", "status"]).to_pylist()


def test_report_is_one_file_without_external_references(corpus_report, corpus_run):
    out, html = corpus_report
    assert sorted(p.name for p in out.iterdir()) == sorted([*(p.name for p in corpus_run[0].iterdir()), "report.html"])
    for pattern in EXTERNAL:
        assert not re.search(pattern, html, re.I), pattern
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


def test_report_has_every_document_title_and_anchor(corpus_report):
    out, html = corpus_report
    for doc in documents(out):
        if doc["status"] == "skipped":
            continue
        assert escape(doc["title"]) in html, doc["doc_id"]
        assert f'id="doc-{doc["doc_id"]}"' in html
        assert f'href="#doc-{doc["doc_id"]}"' in html


def test_report_has_summary_charts_and_legend(corpus_report):
    _, html = corpus_report
    for section in ("summary", "charts", "findings", "documents", "legend"):
        assert f'id="{section}"' in html
    assert html.count("<svg") == 5
    for title in ("Models per sector", "Models per province", "Figures by unit", "Documents by year"):
        assert f"<figcaption>{title}</figcaption>" in html
    assert "Thừa Thiên Huế" in html  # a province label, not mojibake
    assert 'font-family: system-ui, "DejaVu Sans", sans-serif' in html


@pytest.mark.parametrize("label", ["FIGURE", "PLACE", "ORG", "MODEL", "REF", "PERSON", "CAMPAIGN"])
def test_report_highlights_spans_of_each_label(corpus_report, label):
    _, html = corpus_report
    spans = re.findall(rf'<mark class="entity" title="[^"]*"[^>]*>[^<]+<span class="ent-label">{label}</span>', html)
    assert spans, label


def test_report_highlights_a_known_figure_with_its_values(corpus_report):
    _, html = corpus_report
    assert re.search(r'title="000_8603b0463c119cf7:fig:1 · 112 count · mô hình"[^>]*>112 mô hình<span '
                     r'class="ent-label">FIGURE</span>', html)


def test_report_shows_problems_in_full_and_counts_agreeing_findings(corpus_report):
    """Findings that do not simply agree are rows with their sources; the verified and
    consistent ones are counted per document."""
    from extract.factcheck import AGREEING

    out, html = corpus_report
    findings = pq.read_table(out / "factchecks.parquet").to_pylist()
    others = [f for f in findings if f["verdict"] not in AGREEING]
    assert findings and others, "the corpus has agreeing and other findings"
    assert html.count('<tr id="fc-') == len(others)
    assert f"{len(findings) - len(others)} findings agree" in html
    for verdict in {f["verdict"] for f in findings}:
        assert f">{verdict}: " in html  # the count of each verdict
    assert '<mark class="fig">44,5 hecta</mark>' in html  # a source sentence with its figure marked
    assert 'href="#fc-0"' in html  # a document links back to a finding


def test_report_escapes_text_and_title(odd_run):
    html = build_report(odd_run).read_text(encoding="utf-8")
    assert "a &lt; b &amp; c" in html
    assert "<b>thử</b>" not in html and "&lt;b&gt;thử&lt;/b&gt;" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_renders_with_empty_and_missing_tables(odd_run, tmp_path):
    out = tmp_path / "run"
    shutil.copytree(odd_run, out)
    for name in ("models", "factchecks"):
        (out / f"{name}.parquet").unlink(missing_ok=True)
    html = build_report(out).read_text(encoding="utf-8")
    assert "No data in this run." in html
    assert "This run has no factchecks table" in html
    assert 'id="legend"' in html


def test_report_caps_the_documents_rendered(corpus_report, monkeypatch):
    out, _ = corpus_report
    monkeypatch.setattr(report, "MAX_DOCUMENTS", 2)
    html = build_report(out).read_text(encoding="utf-8")
    assert html.count('<section class="doc"') == 2
    assert "Only the first 2 of 5 documents are rendered below." in html


OVERLAPS = [  # (spans as (start, end, label), the labels kept in text order, spans left out)
    ([(0, 26, "ORG"), (11, 26, "PLACE")], ["ORG"], 1),  # nested: the outer one
    ([(0, 10, "FIGURE"), (0, 10, "MODEL")], ["MODEL"], 1),  # same span: by PRIORITY
    ([(0, 10, "PLACE"), (5, 30, "PERSON")], ["PERSON"], 1),  # partial overlap: the longer
    ([(0, 5, "FIGURE"), (5, 9, "PLACE"), (20, 30, "ORG")], ["FIGURE", "PLACE", "ORG"], 0),  # touching is fine
]


@pytest.mark.parametrize("spans, kept, dropped", OVERLAPS)
def test_report_resolve_overlaps(spans, kept, dropped):
    result, left_out = resolve_overlaps([{"start": s, "end": e, "label": label} for s, e, label in spans])
    assert [s["label"] for s in result] == kept
    assert left_out == dropped


def test_report_marks_figures_in_sentences_as_words():
    assert marked_sentence("có 202 mô hình, trong đó 02 mô hình", ["02 mô hình"]) == (
        'có 202 mô hình, trong đó <mark class="fig">02 mô hình</mark>')
    assert marked_sentence("a < b", ["b"]) == 'a &lt; <mark class="fig">b</mark>'


def test_report_bar_chart_escapes_and_says_what_is_left_out():
    svg = bar_chart("A & B", [("<x>", 3), ("Hương Xuân", 1)], rest=(4, 9))
    assert "<figcaption>A &amp; B</figcaption>" in svg and "&lt;x&gt;" in svg and "<x>" not in svg
    assert "4 more bars not drawn, adding up to 9" in svg
    assert "No data in this run." in bar_chart("Empty", [])


def test_report_documents_by_year_collapses_early_years(monkeypatch):
    monkeypatch.setattr(report, "MAX_BARS", 4)
    docs = [{"doc_date": f"{year}-01-01", "status": "ok"} for year in range(2010, 2016)]
    docs += [{"doc_date": None, "status": "ok"}, {"doc_date": None, "status": "skipped"}]
    assert documents_by_year(docs) == [("≤ 2013", 4), ("2014", 1), ("2015", 1), ("undated", 1)]


def test_report_command(corpus_report, tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["report", "-o", str(corpus_report[0])])
    assert result.exit_code == 0 and result.output.strip().endswith("report.html")
    missing = runner.invoke(app, ["report", "-o", str(tmp_path)])
    assert missing.exit_code == 2 and "No run in" in missing.output


def test_report_shows_tables_with_figures_highlighted_and_failed_totals_marked(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bieu.txt").write_text(
        "Biểu 2: Kết quả hỗ trợ hộ nghèo\nĐơn vị | Số hộ | Kinh phí (triệu đồng)\nXã Phước Hòa | 12 | 60\n"
        "Xã Phước Sơn | 8 | 40\nTổng cộng | 21 | 100\n", encoding="utf-8")
    run(RunOptions(input=folder, output=tmp_path / "out", progress=False))
    html = build_report(tmp_path / "out").read_text(encoding="utf-8")
    table = html[html.index('<table class="data">'):]
    table = table[: table.index("</table>")]
    assert "<caption>Biểu 2: Kết quả hỗ trợ hộ nghèo</caption>" in table and "<th>Số hộ</th>" in table
    assert re.search(r'<mark class="fig" title="[^"]*6e\+07 VND · kinh phí">60</mark>', table)
    assert re.search(r'<mark class="fig bad" title="[^"]*add up to 20[^"]*">21</mark>', table)  # 12 + 8
    assert re.search(r'<mark class="fig" title="[^"]*">100</mark>', table)  # 60 + 40: not marked
