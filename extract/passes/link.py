"""The link pass: what each figure is stated for.

After the entity passes, every figure gets

* ``place`` — the id of the locality it is stated for, and ``place_source``, where that
  locality was found, tried in this order: its ``sentence`` (the nearest mention before
  the figure, else after it), the ``list heading`` of the list item it is in ("Kết quả
  tại xã Tân Phú:" above "- 12 mô hình"), its ``paragraph`` (a mention earlier in the same
  line), the ``document heading`` (the title), the document's ``place of issue``
  (the dateline "Quảng Trị, ngày …"), else the place the ``document`` is about: the one
  named by more than half of its place mentions (a ward's report that names its ward and
  hardly another);
* ``organisation`` — the nearest organisation of its sentence (before it first), else
  the organisation of its model;
* ``model`` — the nearest model named in its sentence;
* its period: ``period_text`` as written, ``period_start`` and ``period_end`` (YYYY-MM-DD),
  from the sentence, the list heading, the paragraph or the title, in that order
  ("năm 2021", "6 tháng đầu năm 2022", "giai đoạn 2016–2020", "từ đầu năm đến nay";
  "đến nay" and "hiện nay" are as of the document date).  Phrases are data
  (``data/periods.json``).

The catalog, the fact-checks and the report read these fields and nothing else.

>>> from extract.pipeline import process_text
>>> result = process_text("Năm 2021, Hội Nông dân xã Tân Phú xây dựng 12 mô hình.", "t")
>>> fig = result.figures[0]
>>> (fig.text, fig.place_source, fig.period_text, fig.period_start, fig.period_end)
('12 mô hình', 'sentence', 'Năm 2021', '2021-01-01', '2021-12-31')
>>> [loc.text for loc in result.localities if loc.id == fig.place]
['xã Tân Phú']
>>> [org.text for org in result.organisations if org.id == fig.organisation]
['Hội Nông dân xã Tân Phú']
"""
from __future__ import annotations

import calendar
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..lexicons import load_data
from ..records import DocumentResult, Figure, Locality, Record
from ..tokenise import doc_sentences

PLACE_SOURCES = ("sentence", "list heading", "paragraph", "document heading", "place of issue", "document",
                 "table row", "table caption")  # where a figure's place was found (a table cell's: its row, caption)
_TIED_AFTER = regex.compile(r"""  # at the end of the text before a figure: it belongs to what follows
    (?i: \b (?: của | do | thuộc ) \s+                                 # of, by, belonging to …
         (?: các\s+ | hội\ viên\s+ | đoàn\ viên\s+ )? ) $              # … the, members, youth members
""", regex.VERBOSE)
_LIST_ITEM = regex.compile(r"""  # a list item's mark opening a line
    [ \t]*
    (?: [-+•*–]                     # a dash, plus, dot or star
      | \(? [a-zđ0-9]{1,2} [.)] )   # a letter or number: "a)", "(đ)", "2.", "12)"
    \s
""", regex.VERBOSE)


@dataclass(frozen=True)
class Period:
    text: str
    start: str | None
    end: str | None
    char_start: int
    char_end: int


@lru_cache(maxsize=1)
def _period_rules() -> tuple[list[tuple[str, regex.Pattern]], dict, dict]:
    data = load_data("periods.json")
    rules = [(rule["kind"], regex.compile(r"(?<!\w)(?:%s)(?!\w)" % rule["pattern"], regex.IGNORECASE))
             for rule in data["patterns"]]
    return rules, data["number_words"], data["quarters"]


def find_periods(text: str, doc_date: str | None = None) -> list[Period]:
    """Every period phrase of ``text``, left to right; the longest wins where two overlap.

    >>> [(p.text, p.start, p.end) for p in find_periods(
    ...     "Trong 6 tháng đầu năm 2022 và giai đoạn 2016 – 2020; đến nay", "2022-07-15")]
    [('6 tháng đầu năm 2022', '2022-01-01', '2022-06-30'), ('giai đoạn 2016 – 2020', '2016-01-01', \
'2020-12-31'), ('đến nay', None, '2022-07-15')]
    """
    rules, words, quarters = _period_rules()
    found = []
    for kind, pattern in rules:
        for m in pattern.finditer(text):
            found.append((m.start(), -(m.end() - m.start()), kind, m))
    out: list[Period] = []
    taken_end = -1
    for start, _, kind, m in sorted(found, key=lambda f: (f[0], f[1])):
        if start < taken_end:
            continue
        bounds = _bounds(kind, m, doc_date, words, quarters)
        out.append(Period(m.group(), *bounds, start, m.end()))
        taken_end = m.end()
    return out


def _bounds(kind: str, m: regex.Match, doc_date: str | None, words: dict, quarters: dict):
    """(start, end) of a period match as YYYY-MM-DD, None where the text does not tell."""
    groups = {k: v for k, v in m.groupdict().items() if v}
    doc_year = int(doc_date[:4]) if doc_date else None
    year = int(groups["y"]) if "y" in groups else doc_year
    if kind == "years":
        return f"{groups['y1']}-01-01", f"{groups['y2']}-12-31"
    if kind == "as_of_doc_date":
        return None, doc_date
    if kind == "since_year_to_now":
        return f"{groups['y']}-01-01", doc_date
    if kind == "as_of_date":
        day, month = int(groups["d"]), int(groups["m"])
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None, None
        return None, f"{year:04d}-{month:02d}-{day:02d}"
    if year is None:
        return None, None
    if kind == "year":
        return f"{year}-01-01", f"{year}-12-31"
    if kind == "year_to_date":
        return f"{year}-01-01", doc_date if doc_date and int(doc_date[:4]) == year else None
    if kind in ("first_months", "last_months"):
        n = int(words.get(groups["n"].casefold(), groups["n"]))
        first, last = (1, n) if kind == "first_months" else (13 - n, 12)
        return _months(year, first, last)
    if kind == "quarter":
        q = quarters.get(groups["q"].upper()) or int(groups["q"])
        return _months(year, 3 * q - 2, 3 * q)
    if kind == "month":
        month = int(groups["m"])
        return _months(year, month, month)
    return None, None


def _months(year: int, first: int, last: int) -> tuple[str, str]:
    return f"{year}-{first:02d}-01", f"{year}-{last:02d}-{calendar.monthrange(year, last)[1]:02d}"


class _Layout:
    """Sentences, lines, list headings and the title of one document, by offset."""

    def __init__(self, doc, text: str, title: str | None):
        bounds = doc_sentences(doc)
        self.text = text
        self.sent_starts = [s for s, _ in bounds]
        self.sent_ends = [e for _, e in bounds]
        at = text.find(title) if title else -1
        self.title = (at, at + len(title)) if at >= 0 else None

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, pos) - 1
        if i < 0 or pos >= self.sent_ends[i]:
            return self.line(pos)
        return self.sent_starts[i], self.sent_ends[i]

    def line(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def list_heading(self, pos: int) -> tuple[int, int] | None:
        """The line that introduces the list ``pos`` is an item of ("…như sau:"), if any."""
        start, _ = self.line(pos)
        if not _LIST_ITEM.match(self.text, start):
            return None
        while start > 0:
            prev_start, prev_end = self.line(start - 1)
            line = self.text[prev_start:prev_end]
            if line.strip() and not _LIST_ITEM.match(line):
                return (prev_start, prev_end) if line.rstrip().endswith(":") else None
            start = prev_start
        return None


class _Mentions:
    """Records of one kind by offset (every mention of a record with several)."""

    def __init__(self, records: list[Record]):
        spans = []
        for record in records:
            mentions = getattr(record, "mentions", None) or [{"char_start": record.char_start,
                                                              "char_end": record.char_end}]
            spans.extend((m["char_start"], m["char_end"], record) for m in mentions)
        self.spans = sorted(spans, key=lambda s: (s[0], s[1]))
        self.starts = [s[0] for s in self.spans]

    def nearest(self, lo: int, hi: int, start: int, end: int):
        """The record nearest to [start, end) inside [lo, hi): before it first, else after."""
        first = bisect_right(self.starts, lo - 1)
        before = after = None
        for s, e, record in self.spans[first:]:
            if s >= hi:
                break
            if e > hi:
                continue
            if e <= start:
                before = record  # the later one is nearer
            elif s >= end and after is None:
                after = record
        return before or after

    def last_in(self, lo: int, hi: int):
        """The last record wholly inside [lo, hi)."""
        found = None
        for s, e, record in self.spans[bisect_right(self.starts, lo - 1):]:
            if s >= hi:
                break
            if e <= hi:
                found = record
        return found


def link(doc, result: DocumentResult) -> None:
    """Set every figure's place, organisation, model and period, in place."""
    if not result.figures:
        return
    layout = _Layout(doc, result.text, result.meta.title)
    places, orgs = _Mentions(result.localities), _Mentions(result.organisations)
    models = _Mentions(result.models)
    periods = _Mentions(find_periods(result.text, result.meta.date))
    fallback = _document_place(result)
    org_of_model = {m.id: m.organisation for m in result.models}
    tables = _Tables(result, layout)
    for fig in result.figures:
        if fig.table_id is not None:
            tables.link(fig, places, orgs, periods, fallback)
            continue
        lo, hi = layout.sentence(fig.char_start)
        place, fig.place_source = _place(fig, layout, places, lo, hi, fallback)
        fig.place = place.id if place else None
        model = models.nearest(lo, hi, fig.char_start, fig.char_end)
        fig.model = model.id if model else None
        org = _organisation(fig, orgs, result.text, lo, hi)
        fig.organisation = org.id if org else org_of_model.get(fig.model)
        period = _period(fig, layout, periods, lo, hi)
        if period is not None:
            fig.period_text, fig.period_start, fig.period_end = period.text, period.start, period.end


def _in_context(fig: Figure, layout: _Layout, mentions: _Mentions, lo: int, hi: int):
    """The mention a figure is stated with, and where it was found: the nearest in its
    sentence, else the last in the heading of its list, in its paragraph before it, in the
    title; (None, None) when none of them has one."""
    found = mentions.nearest(lo, hi, fig.char_start, fig.char_end)
    if found:
        return found, "sentence"
    heading = layout.list_heading(fig.char_start)
    if heading and (found := mentions.last_in(*heading)):
        return found, "list heading"
    line_start, _ = layout.line(fig.char_start)
    if (found := mentions.last_in(line_start, lo)):
        return found, "paragraph"
    if layout.title and fig.char_start >= layout.title[1] and (found := mentions.last_in(*layout.title)):
        return found, "document heading"
    return None, None


def _place(fig: Figure, layout: _Layout, places: _Mentions, lo: int, hi: int, fallback):
    found, source = _in_context(fig, layout, places, lo, hi)
    return (found, source) if found else fallback


def _organisation(fig: Figure, orgs: _Mentions, text: str, lo: int, hi: int):
    """The body a figure is stated for: the nearest one before it in its sentence (its
    subject), else one after it that the sentence ties to it ("… 12 mô hình của Hội Nông
    dân xã", "do Đoàn phường thực hiện") — not a body named later for another reason."""
    before = orgs.nearest(lo, fig.char_start, fig.char_start, fig.char_start)
    if before:
        return before
    after = orgs.nearest(fig.char_end, hi, fig.char_end, fig.char_end)
    if after and _TIED_AFTER.search(text, max(fig.char_end, after.char_start - 24), after.char_start):
        return after
    return None


def _period(fig: Figure, layout: _Layout, periods: _Mentions, lo: int, hi: int) -> Period | None:
    return _in_context(fig, layout, periods, lo, hi)[0]


class _Tables:
    """What a table cell's figure is stated for: the place or body in its row's label cell
    ("Xã Cam Thành | 12 | 340"), else in the caption above the table; its period from its
    column's header ("Năm 2022"), else the caption, else the title."""

    def __init__(self, result: DocumentResult, layout: _Layout):
        self.layout, self.doc_date = layout, result.meta.date
        self.tables = {t.id: t for t in result.tables}
        self.labels = {(c.table_id, c.row, c.text): c for c in result.cells if c.char_start is not None}

    def link(self, fig: Figure, places: _Mentions, orgs: _Mentions, periods: _Mentions, fallback) -> None:
        table = self.tables.get(fig.table_id)
        label = self.labels.get((fig.table_id, fig.row, fig.row_label))
        caption = self.layout.line(table.char_start - 1) if table and table.char_start > 0 else None
        for kind, span in (("table row", label and (label.char_start, label.char_end)), ("table caption", caption)):
            if span and (found := places.last_in(*span)):
                fig.place, fig.place_source = found.id, kind
                break
        else:
            heading = self.layout.title and places.last_in(*self.layout.title)
            found, fig.place_source = (heading, "document heading") if heading else fallback
            fig.place = found.id if found else None
        for span in (label and (label.char_start, label.char_end), caption):
            if span and (org := orgs.last_in(*span)):
                fig.organisation = org.id
                break
        own = find_periods(fig.col_label or "", self.doc_date)
        period = own[-1] if own else (caption and periods.last_in(*caption)) or (
            self.layout.title and periods.last_in(*self.layout.title))
        if period:
            fig.period_text, fig.period_start, fig.period_end = period.text, period.start, period.end


def set_pages(result: DocumentResult) -> None:
    """Every record's ``page``: the page its offset falls on (documents with pages)."""
    starts = result.page_starts
    if not starts:
        return
    for records in (result.figures, result.localities, result.organisations, result.models, result.doc_refs,
                    result.persons, result.campaigns):
        for record in records:
            if record.page is None:
                record.page = max(bisect_right(starts, record.char_start), 1)


def _document_place(result: DocumentResult) -> tuple[Locality | None, str | None]:
    """The locality record of the dateline's place ("Quảng Trị, ngày …"), else of the place
    more than half the document's place mentions name; with its source."""
    counts = Counter(loc.name.casefold() for loc in result.localities)
    issue = (result.meta.place or "").casefold()
    if issue:
        named = [loc for loc in result.localities if issue in (loc.text.casefold(), loc.name.casefold())]
        if named:
            return named[0], "place of issue"
    if counts:
        name, n = counts.most_common(1)[0]
        if 2 * n > len(result.localities):
            return next(loc for loc in result.localities if loc.name.casefold() == name), "document"
    return None, None
