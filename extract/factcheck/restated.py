"""Check 3: the same fact stated twice, in one document or two (``restated``).

One fact is one place and organisation (the link pass's), one thing counted (the subject
words), one unit family and per-unit.  Two statements of it are judged as intervals of
values (``restated_verdict``) and, when the values exclude each other, by when they are
stated (``when_stated``: the link pass's period read from the text; a statement with none is
as of its document's date):

* ``consistent`` / ``compatible`` — the values agree, whatever the periods;
* ``changed_over_time`` — the two are stated for different periods, or one's period or
  document date lies outside the other's period;
* ``conflict`` — only with evidence that both are about the same time: the same period
  stated for both ('năm 2020' twice; 'đến nay' twice with the same document date).
  Without that evidence (two undated statements, or one undated inside the other's period)
  the pair is not a finding: nothing says the values should agree.

Prices, specifications, scores, ages and speeds are not facts about a place
(``facts.is_not_a_fact``), nor are goals (``facts.is_target``) or changes (``facts.is_delta``).
"""
from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Collection, Iterator
from typing import NamedTuple

import orjson

from ..vntext import accentless_key, syllables
from .facts import (
    Doc,
    is_delta,
    is_not_a_fact,
    is_target,
    organisation_of,
    period_of,
    place_of,
    subject_words,
    what_label,
)
from .findings import Finding, quoted, sources
from .values import base_value, family_of, interval_of, overlaps, same_number

# ---------------------------------------------------------------------------- check 3: restated facts


VERDICT_PHRASE = {"consistent": "agree", "compatible": "are compatible",
                  "changed_over_time": "differ over time", "conflict": "conflict"}


class Fact(NamedTuple):
    fig: dict
    place: str  # as written in the first statement
    subject: tuple[str, ...]
    period: str | None  # as the text states it ('2021-01-01/2021-12-31', '…/2020-06-15'), else None
    sentence: int = -1  # the index of the figure's sentence in its document
    as_of: str | None = None  # the document's date
    organisation: str = ""
    label: str = ""  # what it counts, as the first statement writes it (facts.what_label)


def fact_of(doc: Doc, fig: dict) -> tuple[tuple, Fact] | None:
    """The fact a figure states and its key (place, organisation, unit family, per, subject
    words): figures with one key state the same fact.  A count needs words besides its counted
    noun ('lĩnh vực kinh tế có 19 mô hình'; '15 nhà' alone says what is counted, not which
    houses).  Changes, goals and quantities that are not facts about a place state none."""
    family, place = family_of(fig), place_of(fig, doc)  # the cheap tests first
    if family is None or not place or is_delta(doc, fig) or is_target(doc, fig) or is_not_a_fact(doc, fig):
        return None
    subject = subject_words(doc, fig)
    if not subject or (family == "count" and not set(subject) - set(syllables(fig.get("what") or ""))):
        return None
    organisation = organisation_of(fig, doc)
    key = (accentless_key(place), accentless_key(organisation), family, fig.get("per") or "", frozenset(subject))
    fact = Fact(fig, place, subject, period_of(doc, fig), doc.sentence_of(fig["char_start"]), doc.date, organisation,
                what_label(doc, fig))
    return key, fact


def hedge_reason(hedged: dict, other: dict) -> str:
    """Why an interval admits the other value: 'hơn 36,5 ha' is a lower bound that 44,5 meets."""
    bound = {"more_than": "a lower bound", "at_least": "a lower bound", "less_than": "an upper bound",
             "approx": "approximate"}.get(hedged["qualifier"], "a range")
    return f"{quoted(hedged)} is {bound} that {quoted(other)} satisfies"


def when_stated(fact: Fact) -> tuple[str, str] | None:
    """The time a statement is about, as (first day, last day): its stated period ('đến nay'
    is the day of its document), else its document's date; None when neither is known."""
    if fact.period:
        start, end = (None if part == "…" else part for part in fact.period.split("/"))
        return (start or end, end or start)
    return (fact.as_of, fact.as_of) if fact.as_of else None


def when_text(fact: Fact) -> str:
    return f"“{fact.fig.get('period_text') or fact.period}”" if fact.period else f"as of {fact.as_of}"


def apart_in_time(a: Fact, b: Fact) -> bool:
    """Stated for different periods, or one's date outside the other's period: 'năm 2019' and
    'năm 2021'; 'năm 2019' and an undated statement of 2021; two undated statements of two dates."""
    ta, tb = when_stated(a), when_stated(b)
    if ta is None or tb is None or ta == tb:
        return False
    if a.period and b.period:
        return True
    return ta[1] < tb[0] or tb[1] < ta[0]


def same_time(a: Fact, b: Fact) -> bool:
    """Evidence that two statements are about one time: the same period stated for both
    ('năm 2020' twice; 'đến nay' twice in documents of one date)."""
    return bool(a.period and b.period) and when_stated(a) == when_stated(b)


def agreement(fa: dict, fb: dict) -> tuple[str, str] | None:
    """``consistent`` (equal values, same qualifier) or ``compatible`` (intervals that overlap,
    as the qualifiers allow) with its reason, for two figures stating one fact; None when
    their values exclude each other."""
    if same_number(base_value(fa, fa["value"]), base_value(fb, fb["value"])) and fa["qualifier"] == fb["qualifier"]:
        return "consistent", "the same value"
    if overlaps(interval_of(fa), interval_of(fb)):
        hedged, other = (fa, fb) if fa["qualifier"] != "exact" else (fb, fa)
        return "compatible", hedge_reason(hedged, other)
    return None


def restated_verdict(a: Fact, b: Fact) -> tuple[str, str]:
    """Verdict and its reason for two statements of one fact: equal values, then intervals
    that overlap (the qualifiers allow both), then different times, else values that exclude
    each other (a ``conflict`` only where ``same_time`` says so: see ``judge_restated``)."""
    agreed = agreement(a.fig, b.fig)
    if agreed:
        return agreed
    if apart_in_time(a, b):
        return "changed_over_time", f"they are stated for different times ({when_text(a)} and {when_text(b)})"
    period = f"for {when_text(a)}" if a.period else "with no period that tells them apart"
    return "conflict", f"both are stated {period} and the values exclude each other"


def judge_restated(a: Fact, b: Fact, docs: dict[str, Doc]) -> Finding | None:
    """The finding for two statements of one fact; None for values that exclude each other
    with no evidence that they are about the same time."""
    verdict, reason = restated_verdict(a, b)
    if verdict == "conflict" and not same_time(a, b):
        return None
    fa, fb = a.fig, b.fig
    what = a.label or " ".join(a.subject)
    where_ = f"{a.place}, {a.organisation}" if a.organisation else a.place

    def where(f: dict) -> str:
        """A figure's document and its date."""
        return f"{f['doc_id']}, {docs[f['doc_id']].date or 'undated'}"

    text = (f"{where_} ({what}): {quoted(fa)} ({where(fa)}) and {quoted(fb)} ({where(fb)}) "
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

    def add(self, doc: Doc) -> None:
        """A document's facts (a copy's too: whether it is one is known only once every
        document is read, and ``findings`` leaves them out)."""
        rows = []
        for seq, fig in enumerate(doc.figures):
            found = fact_of(doc, fig)
            if found:
                (place, organisation, family, per, subject), fact = found
                key = orjson.dumps([place, organisation, family, per, sorted(subject)]).decode()
                body = orjson.dumps(fact._asdict())
                rows.append((key, doc.date or "", doc.doc_id, seq, doc.content_hash, body))
        self.db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)", rows)

    def findings(self, limit: int = 50, copies: Collection[str] = ()) -> Iterator[Finding]:
        """Pairs of figures with the same fact key, in one document or two (never one
        sentence), earlier statements first; at most ``limit`` pairs per fact.  The facts of
        ``copies`` (doc_ids of copies of other documents, ``duplicates.py``) are left out:
        a copy is no second source."""
        rows = self.db.execute("SELECT key, date, doc_id, hash, body FROM facts ORDER BY key, date, doc_id, seq")
        for _, group in itertools.groupby(rows, key=lambda row: row[0]):
            facts, dates = [], {}
            for _, date, doc_id, _hash, body in group:
                if doc_id in copies:
                    continue
                raw = orjson.loads(body)
                dates[doc_id] = _Dated(raw["as_of"])
                facts.append(Fact(**{**raw, "subject": tuple(raw["subject"])}))
            pairs = ((a, b) for i, a in enumerate(facts) for b in facts[i + 1:] if not same_sentence(a, b))
            judged = (judge_restated(a, b, dates) for a, b in itertools.islice(pairs, limit))
            yield from (finding for finding in judged if finding is not None)

    def close(self) -> None:
        self.db.close()


def same_sentence(a: Fact, b: Fact) -> bool:
    return a.fig["doc_id"] == b.fig["doc_id"] and a.sentence == b.sentence
