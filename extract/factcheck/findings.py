"""A fact-check finding: the row of the ``factchecks`` table, its verdict groups and sources.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pyarrow as pa

_S, _F, _L = pa.string(), pa.float64(), pa.list_(pa.string())

FACTCHECKS_SCHEMA = pa.schema(
    [
        ("id", _S), ("kind", _S), ("verdict", _S), ("figure_ids", _L), ("values", pa.list_(_F)),
        ("expected", _F), ("observed", _F), ("unit", _S), ("what", _S), ("place", _S), ("doc_ids", _L),
        ("doc_dates", _L), ("sentences", _L), ("offsets", _L), ("explanation", _S),
    ]
)
FACTCHECKS_TITLE = ("One fact-check finding: a total against its parts, a part against its whole, a ratio above "
                    "one, a share above 100 %, a table's total row against the rows it totals, or one fact stated "
                    "twice — with the figures and their sources.")
FACTCHECKS_NON_NULL = ("id", "kind", "verdict", "figure_ids", "values", "expected", "observed", "unit", "doc_ids",
                       "doc_dates", "sentences", "offsets", "explanation")  # doc_dates and sentences hold nulls
FACTCHECK_DESCRIPTIONS = {
    "id": "Stable id: fc:<kind>:<hash of the figure ids>.",
    "kind": "total_breakdown | part_of_whole | ratio_above_one | share_above_100 | table_total | table_restated | "
            "restated.",
    "verdict": "verified | mismatch | part_exceeds_whole | flagged (breakdowns, ratios, shares, table totals); "
               "unchecked (a breakdown whose parts were summed but cannot be told to be all of the whole: "
               "the explanation says why); "
               "consistent | compatible | changed_over_time | conflict (restated); consistent | compatible | "
               "conflict (table_restated: a figure of the running text against the table cell it restates).",
    "figure_ids": "The figures involved (figures.id): the whole first, then its parts; or the two statements.",
    "values": "Their values (figures.value), in the order of figure_ids; numerator and denominator for a ratio.",
    "expected": "The whole (total_breakdown, part_of_whole), the denominator, 100 (share) or the first statement.",
    "observed": "The sum of the parts, the part, the numerator, the percentage or the second statement.",
    "unit": "Canonical unit of the figures (figures.unit of the first one).",
    "what": "What is counted or measured (figures.what of the first one, or the shared subject words).",
    "place": "Place a restated fact is about, as written in the first statement ('Hương Xuân'); else null.",
    "doc_ids": "Document of each figure (documents.doc_id), in the order of figure_ids.",
    "doc_dates": "Date of each figure's document (documents.doc_date, may be null).",
    "sentences": "Sentence of each figure (figures.sentence).",
    "offsets": "Source of each figure as <doc_id>:<char_start>-<char_end> in documents.text.",
    "explanation": "One sentence saying what was compared and why the verdict, quoting the figures.",
}

AGREEING = ("verified", "consistent")
PROBLEMS = ("mismatch", "part_exceeds_whole", "flagged", "conflict")
VERDICT_STYLE = {
    "verified": "green", "consistent": "green", "compatible": "cyan", "changed_over_time": "yellow",
    "mismatch": "red", "part_exceeds_whole": "red", "flagged": "red", "conflict": "red",
}




@dataclass
class Finding:
    """One fact-check finding: a row of the ``factchecks`` table."""

    kind: str
    verdict: str
    figure_ids: list[str]
    values: list[float]
    expected: float | None
    observed: float | None
    unit: str | None
    what: str | None
    doc_ids: list[str]
    doc_dates: list[str | None]
    sentences: list[str | None]
    offsets: list[str]
    explanation: str
    place: str | None = None
    id: str = ""
    texts: list[str] = field(default_factory=list)  # the figures' surfaces, for printing only

    def __post_init__(self) -> None:
        if not self.id:
            digest = hashlib.sha1("|".join([self.kind, *self.figure_ids]).encode()).hexdigest()[:10]
            self.id = f"fc:{self.kind}:{digest}"

    def row(self) -> dict:
        return {name: getattr(self, name) for name in FACTCHECKS_SCHEMA.names}



def sources(figs: list[dict], docs: dict) -> dict:
    """The source columns of a finding, one entry per figure."""
    return {
        "figure_ids": [f["id"] for f in figs],
        "values": [float(f["value"]) for f in figs],
        "doc_ids": [f["doc_id"] for f in figs],
        "doc_dates": [docs[f["doc_id"]].date for f in figs],
        "sentences": [f.get("sentence") for f in figs],
        "offsets": [f"{f['doc_id']}:{f['char_start']}-{f['char_end']}" for f in figs],
        "texts": [f["text"] for f in figs],
    }


def quoted(fig: dict) -> str:
    return f"“{' '.join(fig['text'].split())}”"
