"""A report to look at: one self-contained HTML page about a run.

``build_report(output)`` reads the Parquet tables of a run and writes ``output/report.html``
(temporary file + rename) with, in order:

1. the run summary — documents by status, rows of every table, fact-check findings;
2. charts, inline SVG drawn here (no plotting library): models per sector, per province and
   per place, figures by unit, documents by year;
3. the fact-check findings (``factchecks`` table, when the run has one), problems first,
   each with its source sentences and links to the documents;
4. an index of the documents, then each document (the first :data:`MAX_DOCUMENTS`) with
   its metadata and its text rendered by spaCy's displaCy, the spans of the run's tables
   highlighted (:data:`LABELS`) and explained by a tooltip.

displaCy's ``ent`` style cannot nest spans, so overlapping spans are resolved before
rendering (:func:`resolve_overlaps`): **the longest span wins; between spans of the same
length, the label earlier in** :data:`PRIORITY` **wins** (MODEL > REF > ORG > PERSON >
CAMPAIGN > PLACE > FIGURE).  So "Hội Phụ nữ phường Đậu Liêu" is one ORG, not an ORG with a
PLACE inside.  A span that overlaps a kept one is not drawn; each document says how many
were left out, and they stay in the tables.

The page has no external references: CSS is inline, charts are SVG, no script, no font.

>>> resolve_overlaps([{"start": 0, "end": 26, "label": "ORG"}, {"start": 11, "end": 26, "label": "PLACE"}])
([{'start': 0, 'end': 26, 'label': 'ORG'}], 1)
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter, defaultdict
from datetime import datetime, timezone
from html import escape
from pathlib import Path

import pyarrow.parquet as pq

from .factcheck import AGREEING, PROBLEMS

REPORT = "report.html"
MAX_DOCUMENTS = 200  # documents rendered in full; the others are only listed
MAX_CHARS = 60_000  # characters of one document's text rendered
MAX_INDEX = 2_000  # rows of the document index
MAX_FINDINGS = 300  # fact-check findings shown, problems first
MAX_BARS = 15  # bars of one chart; the rest are summed into one bar

# label → (table its spans come from, background colour, what it marks)
LABELS: dict[str, tuple[str, str, str]] = {
    "FIGURE": ("figures", "#ffd166", "a figure: number and unit"),
    "PLACE": ("localities", "#a7e3b0", "a place (locality)"),
    "ORG": ("organisations", "#a9ccff", "an organisation"),
    "MODEL": ("models", "#f5b3d0", "a model (mô hình)"),
    "REF": ("doc_refs", "#d5c8f7", "a reference to another document"),
    "PERSON": ("persons", "#ffc49b", "a person"),
    "CAMPAIGN": ("campaigns", "#b8e4e4", "a campaign or movement"),
}
# Tie-break between overlapping spans of the same length, first wins (see the module docstring).
PRIORITY = ("MODEL", "REF", "ORG", "PERSON", "CAMPAIGN", "PLACE", "FIGURE")
SPAN_COLUMNS = {
    "figures": ["text", "value", "value_max", "unit", "per", "what", "qualifier"],
    "localities": ["text", "name", "level", "province"],
    "organisations": ["text", "canonical", "type"],
    "models": ["name", "org", "sector", "status"],
    "doc_refs": ["text", "type", "number", "date"],
    "persons": ["name", "role", "org"],
    "campaigns": ["name", "label"],
}
VERDICT_COLOURS = {
    "verified": "#1a7f37", "consistent": "#1a7f37", "compatible": "#0969da", "changed_over_time": "#b35900",
    "mismatch": "#cf222e", "conflict": "#cf222e", "part_exceeds_whole": "#cf222e", "flagged": "#cf222e",
}
STATUS_COLOURS = {"ok": "#1a7f37", "error": "#cf222e", "needs_ocr": "#b35900", "skipped": "#6e7781"}
FONT = 'system-ui, "DejaVu Sans", sans-serif'
# displaCy's entity template, with a tooltip and a smaller label (its ``params`` fill ``tip``).
ENT_TEMPLATE = (
    '<mark class="entity" title="{tip}" style="background: {bg}">{text}'
    '<span class="ent-label">{label}</span></mark>'
)


class NoRun(FileNotFoundError):
    """The folder holds no run (no ``documents.parquet``)."""


# ---------------------------------------------------------------------------- reading


def read(output_dir: Path, name: str, columns: list[str] | None = None, doc_ids=None) -> list[dict]:
    """Rows of one Parquet table (only ``columns``, only ``doc_ids`` if given); [] when absent."""
    path = output_dir / f"{name}.parquet"
    if not path.exists() or (doc_ids is not None and not doc_ids):
        return []
    present = pq.ParquetFile(path).schema_arrow.names
    wanted = [c for c in columns if c in present] if columns else None
    filters = [("doc_id", "in", sorted(doc_ids))] if doc_ids is not None and "doc_id" in present else None
    return pq.read_table(path, columns=wanted, filters=filters).to_pylist()


def count_rows(output_dir: Path, name: str) -> int:
    path = output_dir / f"{name}.parquet"
    return pq.ParquetFile(path).metadata.num_rows if path.exists() else 0


def doc_anchors(documents: list[dict]) -> dict[str, str]:
    """doc_id → a unique HTML id ``doc-…`` made of safe characters."""
    anchors, used = {}, set()
    for row in documents:
        base = "doc-" + "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in row["doc_id"])
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        anchors[row["doc_id"]] = anchor
        used.add(anchor)
    return anchors


# ---------------------------------------------------------------------------- charts


def top(counts: Counter, limit: int = MAX_BARS) -> tuple[list[tuple[str, int]], tuple[int, int]]:
    """The ``limit`` most common items, and how many items and how much the others add up to."""
    items = counts.most_common()
    rest = items[limit:]
    return items[:limit], (len(rest), sum(n for _, n in rest))


def bar_chart(title: str, items: list[tuple[str, int]], rest: tuple[int, int] = (0, 0), colour: str = "#4c78a8",
              width: int = 540) -> str:
    """A horizontal bar chart as inline SVG: a label, a bar and the count on each row;
    ``rest`` (items, total) not drawn is said under it."""
    head = f'<figure class="chart"><figcaption>{escape(title)}</figcaption>'
    if not items:
        return head + '<p class="empty">No data in this run.</p></figure>'
    label_width = min(270, 16 + 7.4 * max(len(short(label)) for label, _ in items))
    scale = (width - label_width - 56) / max(n for _, n in items)
    row, rows = 26, []
    for i, (label, n) in enumerate(items):
        y = 4 + i * row
        bar = max(2.0, n * scale)
        rows.append(
            f'<g><title>{escape(label)}: {n}</title>'
            f'<text x="{label_width - 8:.0f}" y="{y + 17}" text-anchor="end">{escape(short(label))}</text>'
            f'<rect x="{label_width:.0f}" y="{y + 4}" width="{bar:.1f}" height="{row - 8}" rx="3" fill="{colour}"/>'
            f'<text x="{label_width + bar + 6:.1f}" y="{y + 17}" class="n">{n}</text></g>'
        )
    height = 8 + len(items) * row
    svg = (f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{escape(title)}">{"".join(rows)}</svg>')
    more = f'<p class="muted">… and {rest[0]:,} more bars not drawn, adding up to {rest[1]:,}.</p>' if rest[0] else ""
    return head + svg + more + "</figure>"


def short(label: str, limit: int = 36) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def charts(output_dir: Path, documents: list[dict]) -> str:
    models = read(output_dir, "models", ["doc_id", "localities", "sector", "org", "org_canonical"])
    units = Counter(row["unit"] or "(none)" for row in read(output_dir, "figures", ["unit"]))
    return "".join([
        bar_chart("Models per sector", *top(Counter(m["sector"] or "(not stated)" for m in models)), colour="#c2477f"),
        bar_chart("Models per province", *top(model_provinces(output_dir, models)), colour="#c2477f"),
        bar_chart("Models per place named in the model", *top(model_places(output_dir, models)), colour="#c2477f"),
        bar_chart("Figures by unit", *top(units), colour="#d08c00"),
        bar_chart("Documents by year", documents_by_year(documents)),
    ])


def documents_by_year(documents: list[dict]) -> list[tuple[str, int]]:
    """(year, documents) in year order, undated last; the earliest years summed into one bar
    when there are more than MAX_BARS."""
    years = Counter((row["doc_date"] or "")[:4] for row in documents if row["status"] != "skipped")
    undated = years.pop("", 0)
    dated = sorted(years.items())
    if len(dated) > MAX_BARS - 1:
        early = dated[: len(dated) - (MAX_BARS - 2)]
        dated = [(f"≤ {early[-1][0]}", sum(n for _, n in early))] + dated[len(early):]
    return dated + ([("undated", undated)] if undated else [])


def model_provinces(output_dir: Path, models: list[dict]) -> Counter:
    """Models per province, as the catalog derives it (the model's places, else the document's)."""
    from .catalog import derived_values, read_context, table_paths

    if not models:
        return Counter()
    with read_context(table_paths(output_dir)) as context:
        return Counter(derived_values("models", m, context)["province"] or "(unknown)" for m in models)


def model_places(output_dir: Path, models: list[dict]) -> Counter:
    """Models per place they name, each place by its name in ``localities``
    ('xã Hương Phong' → 'Hương Phong')."""
    names = {(row["doc_id"], row["text"]): row["name"] or row["text"]
             for row in read(output_dir, "localities", ["doc_id", "text", "name"])}
    counts = Counter()
    for m in models:
        counts.update({names.get((m["doc_id"], place), place) for place in m["localities"] or []})
    return counts


# ---------------------------------------------------------------------------- summary


def summary(output_dir: Path, documents: list[dict], findings: list[dict]) -> str:
    status = Counter(row["status"] for row in documents)
    problems = sum(f["verdict"] in PROBLEMS for f in findings)
    cards = [
        ("documents", len(documents)), ("ok", status["ok"]), ("error", status["error"]),
        ("needs OCR", status["needs_ocr"]), ("skipped", status["skipped"]),
        ("figures", count_rows(output_dir, "figures")), ("models", count_rows(output_dir, "models")),
        ("places", count_rows(output_dir, "localities")), ("organisations", count_rows(output_dir, "organisations")),
        ("references", count_rows(output_dir, "doc_refs")), ("persons", count_rows(output_dir, "persons")),
        ("campaigns", count_rows(output_dir, "campaigns")), ("findings", len(findings)),
        ("problems found", problems),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card"><b>{n:,}</b><span>{escape(label)}</span></div>' for label, n in cards) + "</div>"


# ---------------------------------------------------------------------------- findings


def badge(text: str, colour: str) -> str:
    return f'<span class="badge" style="background:{colour}">{escape(text)}</span>'


def ordered_findings(findings: list[dict]) -> list[dict]:
    """The findings shown in full, at most MAX_FINDINGS: problems, then the others (compatible,
    changed over time, unchecked); otherwise in table order.  Agreeing ones (verified,
    consistent) are only counted, per document (:func:`agreeing_counts`)."""
    return sorted((f for f in findings if f["verdict"] not in AGREEING),
                  key=lambda f: 0 if f["verdict"] in PROBLEMS else 1)[:MAX_FINDINGS]


def agreeing_counts(findings: list[dict], anchors: dict[str, str]) -> str:
    """A table of how many findings agree (verified, consistent) in each document."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for f in findings:
        if f["verdict"] in AGREEING:
            counts[(f["doc_ids"] or [""])[0]][f["verdict"]] += 1
    if not counts:
        return ""
    rows = []
    for doc_id, c in sorted(counts.items()):
        name = f'<a href="#{anchors[doc_id]}">{escape(doc_id)}</a>' if doc_id in anchors else escape(doc_id)
        rows.append(f"<tr><td>{name}</td>" + "".join(f'<td class="num">{c[v]}</td>' for v in AGREEING) + "</tr>")
    head = "".join(f"<th>{v}</th>" for v in AGREEING)
    return (f'<details class="agreeing"><summary>{sum(sum(c.values()) for c in counts.values())} findings agree '
            f'(counted per document; all are in the factchecks table)</summary><table><thead><tr><th>document</th>'
            f'{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></details>')


def marked_sentence(sentence: str, surfaces: list[str]) -> str:
    """The sentence, escaped, with each figure's surface (in order) marked."""
    out, pos = [], 0
    for surface in surfaces:
        at = find_word(sentence, surface, pos)
        if at < 0:
            continue
        out += [escape(sentence[pos:at]), f'<mark class="fig">{escape(surface)}</mark>']
        pos = at + len(surface)
    return "".join(out) + escape(sentence[pos:])


def find_word(text: str, surface: str, start: int) -> int:
    """Where ``surface`` first occurs from ``start`` not glued to a letter or digit before it
    ('02 mô hình' is not the end of '202 mô hình'); -1 if nowhere."""
    at = text.find(surface, start) if surface else -1
    while at > 0 and text[at - 1].isalnum():
        at = text.find(surface, at + 1)
    return at


def finding_sources(finding: dict, surfaces: dict[str, str], anchors: dict[str, str]) -> str:
    """Each distinct (document, sentence) of a finding, with its figures marked and a link."""
    groups: dict[tuple, list[str]] = {}
    columns = zip(finding["figure_ids"] or [], finding["doc_ids"] or [], finding["doc_dates"] or [],
                  finding["sentences"] or [])
    for fig_id, doc_id, date, sentence in columns:
        groups.setdefault((doc_id, date, " ".join((sentence or "").split())), []).append(surfaces.get(fig_id, ""))
    out = []
    for (doc_id, date, sentence), texts in groups.items():
        link = (f'<a href="#{anchors[doc_id]}">{escape(doc_id)}</a>' if doc_id in anchors else escape(doc_id or ""))
        out.append(f'<div class="src">{link} <span class="muted">{escape(date or "undated")}</span>'
                   f'<blockquote>{marked_sentence(sentence, texts)}</blockquote></div>')
    return "".join(out)


def verdict_badge(verdict: str) -> str:
    return badge(verdict, VERDICT_COLOURS.get(verdict, "#6e7781"))


def finding_row(i: int, finding: dict, surfaces: dict[str, str], anchors: dict[str, str]) -> str:
    """One row of the findings table, ``id="fc-<i>"``: verdict, kind, explanation, sources."""
    about = " · ".join(filter(None, [finding["unit"], finding["what"]]))
    return (f'<tr id="fc-{i}"><td>{verdict_badge(finding["verdict"])}</td>'
            f'<td>{escape(finding["kind"])}<div class="muted">{escape(about)}</div></td>'
            f'<td>{escape(finding["explanation"] or "")}</td>'
            f'<td>{finding_sources(finding, surfaces, anchors)}</td></tr>')


def findings_section(output_dir: Path, findings: list[dict], anchors: dict[str, str]) -> str:
    if not (output_dir / "factchecks.parquet").exists():
        return '<p class="empty">This run has no factchecks table (run <code>vnextract check</code>).</p>'
    if not findings:
        return '<p class="empty">No findings: no breakdown, ratio, share or restated fact to check.</p>'
    shown = ordered_findings(findings)
    ids = {fig_id for f in shown for fig_id in f["figure_ids"] or []}
    doc_ids = {doc_id for f in shown for doc_id in f["doc_ids"] or []}
    figures = read(output_dir, "figures", ["id", "text"], doc_ids)
    surfaces = {row["id"]: row["text"] for row in figures if row["id"] in ids}
    rows = [finding_row(i, f, surfaces, anchors) for i, f in enumerate(shown)]
    others = len([f for f in findings if f["verdict"] not in AGREEING])
    note = (f'<p class="note">Showing {len(shown)} of {others} findings that do not simply agree (problems '
            f'first); all are in the factchecks table.</p>' if len(shown) < others else "")
    verdicts = Counter(f["verdict"] for f in findings)
    legend = " ".join(badge(f"{v}: {n}", VERDICT_COLOURS.get(v, "#6e7781")) for v, n in sorted(verdicts.items()))
    table = (f'<table class="findings"><thead><tr><th>verdict</th><th>kind</th><th>explanation</th>'
             f'<th>source sentences</th></tr></thead><tbody>{"".join(rows)}</tbody></table>' if rows else "")
    return f"<p>{legend}</p>{note}{table}{agreeing_counts(findings, anchors)}"


# ---------------------------------------------------------------------------- documents


def tooltip(label: str, row: dict) -> str:
    """What the tables say about a span, for its ``title`` attribute: id and normalised values."""
    if label == "FIGURE":
        value = f'{row["value"]:g}' + (f'–{row["value_max"]:g}' if row.get("value_max") is not None else "")
        parts = [f'{value} {row["unit"] or ""}'.strip(), row["per"] and f'per {row["per"]}', row["what"],
                 row["qualifier"] != "exact" and row["qualifier"]]
    elif label == "PLACE":
        parts = [row["name"], row["level"], row["province"]]
    elif label == "ORG":
        parts = [row["canonical"], row["type"]]
    elif label == "MODEL":
        parts = [row["org"], row["sector"], row["status"]]
    elif label == "REF":
        parts = [row["type"], row["number"], row["date"]]
    elif label == "PERSON":
        parts = [row["name"], row["role"], row["org"]]
    else:
        parts = [row["name"], row["label"]]
    return " · ".join([row["id"], *(str(p) for p in parts if p)])


def document_spans(output_dir: Path, doc_ids: set[str]) -> dict[str, list[dict]]:
    """doc_id → displaCy spans ({start, end, label, params}) from every table of :data:`LABELS`."""
    spans = defaultdict(list)
    for label, (table, _, _) in LABELS.items():
        columns = ["id", "doc_id", "char_start", "char_end", *SPAN_COLUMNS[table]]
        for row in read(output_dir, table, columns, doc_ids):
            row = {c: row.get(c) for c in columns}
            if row["char_start"] is not None and row["char_end"] is not None:
                spans[row["doc_id"]].append({"start": row["char_start"], "end": row["char_end"], "label": label,
                                             "params": {"tip": escape(tooltip(label, row))}})
    return spans


def resolve_overlaps(spans: list[dict]) -> tuple[list[dict], int]:
    """Spans that do not overlap, in text order, and how many were left out: longest first,
    then by :data:`PRIORITY` (displaCy's ent style cannot nest)."""
    rank = {label: i for i, label in enumerate(PRIORITY)}
    kept: list[dict] = []
    for span in sorted(spans, key=lambda s: (s["start"] - s["end"], rank.get(s["label"], len(rank)), s["start"])):
        if all(span["end"] <= k["start"] or k["end"] <= span["start"] for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s["start"]), len(spans) - len(kept)


def render_text(text: str, spans: list[dict]) -> tuple[str, int, bool]:
    """displaCy markup of (the first MAX_CHARS characters of) a text; spans left out; truncated?"""
    from spacy import displacy

    cut = text[:MAX_CHARS]
    valid = [s for s in spans if 0 <= s["start"] < s["end"] <= len(cut)]
    kept, dropped = resolve_overlaps(valid)
    colours = {label: colour for label, (_, colour, _) in LABELS.items()}
    markup = displacy.render({"text": cut, "ents": kept, "title": None}, style="ent", manual=True, jupyter=False,
                             options={"colors": colours, "template": ENT_TEMPLATE})
    return markup, dropped + len(spans) - len(valid), len(text) > len(cut)


def legend() -> str:
    items = " ".join(
        f'<span class="key"><mark class="entity" style="background:{colour}">{escape(what)}'
        f'<span class="ent-label">{label}</span></mark></span>'
        for label, (_, colour, what) in LABELS.items()
    )
    return f'<div class="legend" id="legend"><b>Legend</b> {items}</div>'


def metadata(doc: dict) -> str:
    """The document's metadata as a definition list; the source URL as a link."""
    url = doc.get("source_url")
    link = (f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>'
            if url and url.startswith(("http://", "https://")) else escape(url or ""))
    fields = [("doc_id", escape(doc["doc_id"])), ("source", escape(doc["source"] or "")),
              ("format", escape(f'{doc["format"] or ""} {doc["encoding"] or ""}'.strip())),
              ("date", escape(doc["doc_date"] or "—")), ("author", escape(doc["author"] or "—")),
              ("place", escape(doc["place"] or "—")), ("source URL", link or "—"),
              ("size", f'{doc["n_chars"] or 0:,} characters, {doc["n_figures"] or 0} figures'
                       + (f', {doc["pages"]} pages' if doc["pages"] else ""))]
    if doc["error"]:
        fields.append(("error", escape(f'{doc["error_stage"]}/{doc["error_kind"]}: {doc["error"]}')))
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in fields) + "</dl>"


def title_of(doc: dict) -> str:
    return doc["title"] or Path(doc["source"] or doc["doc_id"]).name


def document_tables(output_dir: Path, doc_ids: set[str], findings: list[dict]) -> dict[str, str]:
    """doc_id → its tables as HTML: header cells as headers, merged cells spanning, a cell that
    is a figure highlighted (hover: its value), a total the rows do not add up to marked."""
    tables = defaultdict(list)
    for row in read(output_dir, "tables", ["id", "doc_id", "caption", "page", "n_rows", "n_cols"], doc_ids):
        tables[row["doc_id"]].append(row)
    if not tables:
        return {}
    cells = defaultdict(list)
    for row in read(output_dir, "cells", ["doc_id", "table_id", "row", "col", "text", "row_span", "col_span",
                                          "is_header"], doc_ids):
        cells[row["table_id"]].append(row)
    figures = {(f["table_id"], f["row"], f["col"]): f
               for f in read(output_dir, "figures", ["id", "doc_id", "table_id", "row", "col", "value", "value_max",
                                                     "unit", "per", "what", "qualifier"], doc_ids)
               if f.get("table_id")}
    failed = {f["figure_ids"][0]: f["explanation"] for f in findings
              if f["kind"] == "table_total" and f["verdict"] != "verified" and f["figure_ids"]}
    return {doc_id: "".join(table_html(t, cells[t["id"]], figures, failed) for t in own)
            for doc_id, own in tables.items()}


def table_html(table: dict, cells: list[dict], figures: dict, failed: dict[str, str]) -> str:
    rows = defaultdict(list)
    for cell in cells:
        rows[cell["row"]].append(cell)
    lines = []
    for r in sorted(rows):
        out = []
        for cell in sorted(rows[r], key=lambda c: c["col"]):
            tag = "th" if cell["is_header"] else "td"
            span = "".join(f' {name}="{cell[key]}"' for name, key in (("rowspan", "row_span"), ("colspan", "col_span"))
                           if (cell[key] or 1) > 1)
            body = escape(cell["text"] or "")
            fig = figures.get((table["id"], cell["row"], cell["col"]))
            if fig is not None:
                bad = fig["id"] in failed
                tip = escape(failed[fig["id"]] if bad else tooltip("FIGURE", fig))
                body = f'<mark class="{"fig bad" if bad else "fig"}" title="{tip}">{body}</mark>'
            out.append(f"<{tag}{span}>{body}</{tag}>")
        lines.append(f"<tr>{''.join(out)}</tr>")
    caption = escape(table["caption"] or table["id"]) + (f' (page {table["page"]})' if table.get("page") else "")
    return f'<table class="data"><caption>{caption}</caption>{"".join(lines)}</table>'


def document_section(doc: dict, text: str | None, spans: list[dict], anchor: str, cited: list[tuple],
                     tables: str = "") -> str:
    status = badge(doc["status"], STATUS_COLOURS.get(doc["status"], "#6e7781"))
    parts = [f'<section class="doc" id="{anchor}"><h3>{escape(title_of(doc))} {status}</h3>', metadata(doc)]
    if cited:
        links = " ".join(f'<a href="#fc-{i}">{verdict_badge(v)}</a>' for i, v in cited)
        parts.append(f'<p class="muted">Fact-checks citing this document: {links}</p>')
    if text:
        markup, dropped, truncated = render_text(text, spans)
        notes = [f"{len(spans) - dropped} spans highlighted"]
        notes += [f"{dropped} overlapping spans not drawn (longest wins)"] if dropped else []
        notes += [f"only the first {MAX_CHARS:,} characters are shown"] if truncated else []
        parts.append(f'<p class="muted">{escape("; ".join(notes))}. Hover a span for its values.</p>'
                     f'<div class="doc-text">{markup}</div>')
    if tables:
        parts.append(f'<h4>Tables</h4><p class="muted">Cells that are figures are highlighted; a total its '
                     f'rows do not add up to is marked red (hover for the check).</p>{tables}')
    parts.append('<p class="top"><a href="#documents">↑ documents</a></p></section>')
    return "".join(parts)


def document_index(documents: list[dict], rendered: dict[str, str]) -> str:
    rows = []
    for doc in documents[:MAX_INDEX]:
        title = escape(title_of(doc))
        if doc["doc_id"] in rendered:
            title = f'<a href="#{rendered[doc["doc_id"]]}">{title}</a>'
        rows.append(f'<tr><td>{badge(doc["status"], STATUS_COLOURS.get(doc["status"], "#6e7781"))}</td>'
                    f'<td>{escape(doc["doc_date"] or "")}</td><td>{title}</td>'
                    f'<td class="num">{doc["n_figures"] or 0}</td></tr>')
    note = (f'<p class="note">The index lists the first {MAX_INDEX:,} of {len(documents):,} documents.</p>'
            if len(documents) > MAX_INDEX else "")
    return (f'{note}<table class="index"><thead><tr><th>status</th><th>date</th><th>title</th>'
            f'<th>figures</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def rendered_documents(documents: list[dict]) -> list[dict]:
    """The documents rendered in full: the first MAX_DOCUMENTS that are not skipped files."""
    return [doc for doc in documents if doc["status"] != "skipped"][:MAX_DOCUMENTS]


def documents_section(output_dir: Path, documents: list[dict], findings: list[dict], anchors: dict[str, str]) -> str:
    """The index, the legend and the rendered documents."""
    shown = rendered_documents(documents)
    ids = {doc["doc_id"] for doc in shown}
    texts = {row["doc_id"]: row["text"] for row in read(output_dir, "documents", ["doc_id", "text"], ids)}
    spans = document_spans(output_dir, ids)
    tables = document_tables(output_dir, ids, findings)
    cited = defaultdict(list)
    for i, f in enumerate(ordered_findings(findings)):
        for doc_id in dict.fromkeys(f["doc_ids"] or []):
            cited[doc_id].append((i, f["verdict"]))
    rendered = len([d for d in documents if d["status"] != "skipped"])
    note = (f'<p class="note">Only the first {MAX_DOCUMENTS} of {rendered:,} documents are rendered below.</p>'
            if rendered > len(shown) else "")
    sections = [document_section(doc, texts.get(doc["doc_id"]), spans[doc["doc_id"]], anchors[doc["doc_id"]],
                                 cited[doc["doc_id"]], tables.get(doc["doc_id"], "")) for doc in shown]
    return document_index(documents, anchors) + note + legend() + "".join(sections)


# ---------------------------------------------------------------------------- the page


STYLE = """
body { font-family: %s; font-size: 15px; line-height: 1.5; color: #1f2328; background: #f6f8fa;
       margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 24px 48px; background: #fff; }
h1 { margin: 0.2em 0; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 1.6em; }
h3 { margin: 0 0 0.4em; font-size: 1.15em; }
nav a { margin-right: 1em; } a { color: #0969da; }
.muted { color: #59636e; font-size: 0.9em; } .note { background: #fff8c5; padding: 6px 10px; border-radius: 6px; }
.empty { color: #59636e; font-style: italic; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: 8px 14px; min-width: 92px; }
.card b { display: block; font-size: 1.5em; } .card span { color: #59636e; font-size: 0.9em; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(540px, 100%%), 1fr)); gap: 12px 24px; }
.chart { margin: 0; } .chart figcaption { font-weight: 600; margin: 6px 0; }
.chart svg { max-width: 100%%; height: auto; font-family: %s; font-size: 13px; fill: #1f2328; }
.chart svg .n { fill: #59636e; }
table { border-collapse: collapse; width: 100%%; } th { text-align: left; background: #f6f8fa; }
th, td { border: 1px solid #d0d7de; padding: 6px 8px; vertical-align: top; }
td.num { text-align: right; }
.findings td:nth-child(3) { width: 30%%; } .findings td:nth-child(4) { width: 45%%; }
.badge { color: #fff; border-radius: 10px; padding: 1px 8px; font-size: 0.8em; font-weight: 600;
         white-space: nowrap; vertical-align: middle; }
blockquote { margin: 4px 0 8px; padding-left: 10px; border-left: 3px solid #d0d7de; }
mark.fig { background: #ffd166; padding: 0 2px; border-radius: 3px; }
mark.fig.bad { background: #ff8182; outline: 2px solid #cf222e; }
table.data { width: auto; margin: 8px 0 16px; font-size: 0.9em; } table.data caption { text-align: left;
  font-weight: 600; padding: 4px 0; }
.legend { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #d0d7de; padding: 6px 0;
          z-index: 1; line-height: 2.2; }
.legend .key { margin-right: 4px; white-space: nowrap; }
mark.entity { padding: 0.15em 0.35em; margin: 0 0.1em; border-radius: 0.35em; line-height: 1;
              box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.ent-label { font-size: 0.68em; font-weight: 700; margin-left: 0.35em; vertical-align: middle; opacity: 0.75; }
.doc { border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; margin: 16px 0;
       scroll-margin-top: 110px; }  /* below the sticky legend when opened by its #doc- anchor */
.doc-text .entities { line-height: 2.1 !important; font-size: 15px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; font-size: 0.9em; margin: 0 0 8px; }
dl.meta dt { color: #59636e; } dl.meta dd, td, .doc-text { margin: 0; overflow-wrap: anywhere; }
.top { text-align: right; font-size: 0.85em; margin: 4px 0 0; }
""" % (FONT, FONT)


def page(output_dir: Path, documents: list[dict], findings: list[dict]) -> str:
    anchors = doc_anchors(rendered_documents(documents))
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        f'<header><h1>vnextract report</h1><p class="muted">Run in {escape(str(output_dir))} · '
        f'report written {when}</p><nav><a href="#summary">Summary</a><a href="#charts">Charts</a>'
        f'<a href="#findings">Fact-checks</a><a href="#documents">Documents</a></nav></header>',
        f'<h2 id="summary">Summary</h2>{summary(output_dir, documents, findings)}',
        f'<h2 id="charts">Charts</h2><div class="charts">{charts(output_dir, documents)}</div>',
        f'<h2 id="findings">Fact-checks</h2>{findings_section(output_dir, findings, anchors)}',
        f'<h2 id="documents">Documents</h2>{documents_section(output_dir, documents, findings, anchors)}',
    ]
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>vnextract report — {escape(output_dir.name)}</title><style>{STYLE}</style></head>'
            f'<body><main>{"".join(body)}</main></body></html>\n')


def build_report(output_dir: Path) -> Path:
    """Write ``output_dir/report.html`` about the run in ``output_dir``; returns its path."""
    output_dir = Path(output_dir)
    if not (output_dir / "documents.parquet").exists():
        raise NoRun(f"No run in {output_dir} (no documents.parquet); run `vnextract run -o {output_dir}` first.")
    columns = [name for name in pq.ParquetFile(output_dir / "documents.parquet").schema_arrow.names if name != "text"]
    documents = read(output_dir, "documents", columns)
    findings = read(output_dir, "factchecks")
    html = page(output_dir, documents, findings)
    handle, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=output_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(html)
        os.chmod(tmp, 0o644)
        os.replace(tmp, output_dir / REPORT)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return output_dir / REPORT
