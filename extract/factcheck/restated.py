"""Check 3: the same fact stated twice, in one document or two (``restated``).
"""
from __future__ import annotations

import itertools
import sqlite3
from typing import Iterator, NamedTuple

import orjson

from ..gazetteer import fold
from .facts import Doc, is_delta, period_of, place_of, subject_words
from .findings import Finding, quoted, sources
from .text import syllables
from .values import base_value, family_of, interval_of, overlaps, same_number

# ---------------------------------------------------------------------------- check 3: restated facts


VERDICT_PHRASE = {"consistent": "agree", "compatible": "are compatible",
                  "changed_over_time": "differ over time", "conflict": "conflict"}


class Fact(NamedTuple):
    fig: dict
    place: str  # as written in the first statement
    subject: tuple[str, ...]
    period: str | None
    sentence: int = -1  # the index of the figure's sentence in its document


def fact_of(doc: Doc, fig: dict) -> tuple[tuple, Fact] | None:
    """The fact a figure states and its key (place, unit family, per, subject words): figures
    with one key state the same fact.  A count needs words besides its counted noun ('lĩnh
    vực kinh tế có 19 mô hình'; '15 nhà' alone says what is counted, not which houses)."""
    family = family_of(fig)
    if family is None or is_delta(doc, fig):
        return None
    place, subject = place_of(fig, doc), subject_words(doc, fig)
    if not place or not subject or (family == "count" and not set(subject) - set(syllables(fig.get("what") or ""))):
        return None
    key = (fold(place), family, fig.get("per") or "", frozenset(subject))
    return key, Fact(fig, place, subject, period_of(doc, fig), doc.sentence_of(fig["char_start"]))


def hedge_reason(hedged: dict, other: dict) -> str:
    """Why an interval admits the other value: 'hơn 36,5 ha' is a lower bound that 44,5 meets."""
    bound = {"more_than": "a lower bound", "at_least": "a lower bound", "less_than": "an upper bound",
             "approx": "approximate"}.get(hedged["qualifier"], "a range")
    return f"{quoted(hedged)} is {bound} that {quoted(other)} satisfies"


def restated_verdict(a: Fact, b: Fact) -> tuple[str, str]:
    """Verdict and its reason for two statements of one fact: equal values, then intervals
    that overlap (the qualifiers allow both), then different years, else a conflict."""
    fa, fb = a.fig, b.fig
    if same_number(base_value(fa, fa["value"]), base_value(fb, fb["value"])) and fa["qualifier"] == fb["qualifier"]:
        return "consistent", "the same value"
    if overlaps(interval_of(fa), interval_of(fb)):
        hedged, other = (fa, fb) if fa["qualifier"] != "exact" else (fb, fa)
        return "compatible", hedge_reason(hedged, other)
    if a.period and b.period and a.period != b.period:
        return "changed_over_time", f"they are stated for different years ({a.period} and {b.period})"
    period = f"for {a.period}" if a.period else "with no period that tells them apart"
    return "conflict", f"both are stated {period} and the values exclude each other"


def judge_restated(a: Fact, b: Fact, docs: dict[str, Doc]) -> Finding:
    verdict, reason = restated_verdict(a, b)
    fa, fb = a.fig, b.fig
    what = " ".join(a.subject)
    where = lambda f: f"{f['doc_id']}, {docs[f['doc_id']].date or 'undated'}"  # noqa: E731
    text = (f"{a.place} ({what}): {quoted(fa)} ({where(fa)}) and {quoted(fb)} ({where(fb)}) "
            f"{VERDICT_PHRASE[verdict]}: {reason}.")
    return Finding("restated", verdict, expected=float(fa["value"]), observed=float(fb["value"]),
                   unit=fa["unit"], what=what, place=a.place, explanation=text, **sources([fa, fb], docs))


class _Dated(NamedTuple):
    date: str | None


class Restated:
    """The facts of every document, kept in a temporary SQLite table (so that memory does
    not grow with the run), then judged two by two within each fact key."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # private, on disk, deleted when closed
        self.db.execute("CREATE TABLE facts (key TEXT, date TEXT, doc_id TEXT, seq INTEGER, hash TEXT, body BLOB)")
        self.first_copy: dict[str, tuple[str, str]] = {}  # content hash → (date, doc_id) read first

    def add(self, doc: Doc) -> None:
        """A document's facts; of several copies of one document only the first (by date,
        then id) is a source."""
        if doc.content_hash:
            mine = (doc.date or "", doc.doc_id)
            self.first_copy[doc.content_hash] = min(self.first_copy.get(doc.content_hash, mine), mine)
        rows = []
        for seq, fig in enumerate(doc.figures):
            found = fact_of(doc, fig)
            if found:
                (place, family, per, subject), fact = found
                key = orjson.dumps([place, family, per, sorted(subject)]).decode()
                body = orjson.dumps({**fact._asdict(), "date": doc.date})
                rows.append((key, doc.date or "", doc.doc_id, seq, doc.content_hash, body))
        self.db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)", rows)

    def findings(self, limit: int = 50) -> Iterator[Finding]:
        """Pairs of figures with the same fact key, in one document or two (never one
        sentence), earlier statements first; at most ``limit`` pairs per fact."""
        rows = self.db.execute("SELECT key, date, doc_id, hash, body FROM facts ORDER BY key, date, doc_id, seq")
        for _, group in itertools.groupby(rows, key=lambda row: row[0]):
            facts, dates = [], {}
            for _, date, doc_id, content_hash, body in group:
                if content_hash and self.first_copy[content_hash] != (date, doc_id):
                    continue  # a copy of a document already read is not a second source
                raw = orjson.loads(body)
                dates[doc_id] = _Dated(raw.pop("date"))
                facts.append(Fact(**{**raw, "subject": tuple(raw["subject"])}))
            pairs = ((a, b) for i, a in enumerate(facts) for b in facts[i + 1:] if not same_sentence(a, b))
            yield from (judge_restated(a, b, dates) for a, b in itertools.islice(pairs, limit))

    def close(self) -> None:
        self.db.close()


def same_sentence(a: Fact, b: Fact) -> bool:
    return a.fig["doc_id"] == b.fig["doc_id"] and a.sentence == b.sentence
