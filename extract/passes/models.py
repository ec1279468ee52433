"""Models (mô hình): named initiatives with the organisation that runs them and their places.

A mention is a quoted name the text presents as a model, or an unquoted phrase after
"mô hình" that is tied to a body or a place (GUIDELINES §2.2):

* quoted right after "mô hình" ("mô hình “5 không, 3 sạch”", "các mô hình “A”, “B”");
* quoted inside a list introduced by "(các) mô hình … như:" (to the end of the paragraph);
* quoted and followed by "của <organisation>" or a parenthesis naming places or bodies;
* unquoted: "mô hình tuyên truyền … của Hội Nông dân xã Hiệp Cường",
  "mô hình … ở xã Ngọc Thanh, thị trấn Lương Bằng".

A quoted name after a campaign label (phong trào, cuộc vận động, chương trình …) or in
the campaign lexicon is a campaign, not a model (``data/campaigns.json``).

The organisation is the one after "của", inside the parenthesis, or the subject that
opens the clause; the places are those in the parenthesis (which applies to every
quoted name of the comma group before it), after "tại/ở", or in the organisation's name.
One model mentioned several times is one record with all its mentions.  Uses the spans
of the organisations and localities passes.
"""
from __future__ import annotations

import difflib
import json
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex

from ..evaluate import norm
from ..tokenise import doc_text, sentence_at

_CLAUSE_STOP = regex.compile(r"[;.!?\n]|…|\.\.\.")
_OF = regex.compile(r"\s+của\s+")
_OF_MEMBERS = regex.compile(r"\s+của\s+(?:(?:hội viên|đoàn viên|các|cán bộ)\s+)?")
_PARENTHESIS = regex.compile(r"\s*\(([^()\n]*)\)")
_WORD = regex.compile(r"\p{L}+")
_UNQUOTED_STOP = regex.compile(
    r"\s+(?:của|tại|ở|với|được|đã|đang|nhằm|để|do|trên địa bàn|thì|là)\s|[;:.!?\n(“\"]|…|\.\.\.|,\s+(?:đã|được|góp phần|nhằm)\s"
)


@dataclass
class Mention:
    name: str
    char_start: int  # the name's span (inside the quotes when quoted)
    char_end: int
    quoted: bool
    org: dict | None = None
    localities: list[dict] = field(default_factory=list)
    group_end: int = 0  # where this mention's trailing context ends (after the closing quote)


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    text = resources.files("extract").joinpath("data", "campaigns.json").read_text(encoding="utf-8")
    data = json.loads(text)
    data["labels"] = sorted(data["labels"], key=len, reverse=True)
    data["not_model_labels"] = sorted(data["not_model_labels"], key=len, reverse=True)
    data["campaign_names"] = {norm(n) for n in data["names"]}
    return data


class _Spans:
    """Entity dicts of another pass, looked up by offset."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda x: x["char_start"])
        self.starts = [x["char_start"] for x in self.items]

    def within(self, start: int, end: int) -> list[dict]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i]["char_start"] < end:
            if self.items[i]["char_end"] <= end:
                out.append(self.items[i])
            i += 1
        return out

    def starting_near(self, pos: int, slack: int) -> dict | None:
        i = bisect_left(self.starts, pos)
        if i < len(self.items) and self.items[i]["char_start"] - pos <= slack:
            return self.items[i]
        return None


# --------------------------------------------------------------------------- quotes

_OPENER = regex.compile(r'[“"]')
_QUOTE_STOP = {close: regex.compile(regex.escape(close) + r"|“|\n") for close in ("”", '"')}
_UNCLOSED_CUT = regex.compile(r"\s*\(|\s+của\s|;|…|\.\.\.|[.!?](?=\s+\p{Lu})")
_CAMPAIGN_TAIL = regex.compile(r"(?:phong trào|cuộc vận động|chương trình)(?:\s+\S+){0,2}$")
_LIST_OPENER = regex.compile(r"(?i:mô hình)[^.;:\n“”]{0,40}?(?:như|gồm|bao gồm|là)\s*:|(?i:như)\s*:")
_LIST_CONTEXT = regex.compile(r"(?i:mô hình|xây dựng, sửa chữa|hỗ trợ)")
_LETTER = regex.compile(r"\p{L}")
_CHAIN_GAP = regex.compile(r"[\s,]*(?:và\s*)?")
_GROUP_COUNT = regex.compile(r"\d+\s+(?i:nhóm|tổ|câu lạc bộ|CLB|đội|chi hội|hội)\s*$")


@lru_cache(maxsize=None)
def _trigger_tail(max_words: int) -> regex.Pattern:
    return regex.compile(r"mô hình(?:\s+\S+){0,%d}$" % max_words)



def _quotes(text: str) -> list[tuple[int, int, int, bool]]:
    """(open, content_start, content_end, closed) for every “…” / "…" in the text."""
    out = []
    pos = 0
    while (m := _OPENER.search(text, pos)) is not None:
        close = "”" if m.group() == "“" else '"'
        found = _QUOTE_STOP[close].search(text, m.end())
        end = found.start() if found else len(text)
        closed = bool(found and found.group() == close)
        if not closed:  # an unclosed name stops before its place, body or the sentence end
            cut = _UNCLOSED_CUT.search(text[m.end() : end])
            if cut:
                end = m.end() + cut.start()
        out.append((m.start(), m.end(), end, closed))
        pos = end + 1 if closed else max(end, m.end())
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and emphasis marks just inside the quotes ("“ Vận động …”", "“*Dân vận khéo*”")."""
    while start < end and (text[start].isspace() or text[start] in "*_"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "*_,;"):
        end -= 1
    return start, end


def _words_before(text: str, pos: int, n: int = 6) -> str:
    clause_start = max((m.end() for m in _CLAUSE_STOP.finditer(text, max(0, pos - 200), pos)), default=max(0, pos - 200))
    words = text[clause_start:pos].split()
    return " ".join(words[-n:])


def _label_before(text: str, pos: int, kind: str = "labels") -> str | None:
    """A campaign label right before a quote ("phong trào “…”") or None (``kind="not_model_labels"``
    for words after which a quoted name is neither: "xây dựng “Nhà …”", "trích từ “Quỹ …”")."""
    before = _words_before(text, pos).casefold()
    for label in _lexicon()[kind]:
        if before.endswith(label.casefold()):
            return label
    return None


def _model_trigger_before(text: str, pos: int, max_words: int = 4) -> bool:
    before = _words_before(text, pos, max_words + 2).casefold()
    words = before.split()
    tail = " ".join(words[-(max_words + 2):])
    return _trigger_tail(max_words).search(tail) is not None and not _CAMPAIGN_TAIL.search(tail)


def _list_regions(text: str) -> list[tuple[int, int]]:
    """Paragraph tails after "(các) mô hình (tiêu biểu) như:" — every quoted item there is a model."""
    regions = []
    for m in _LIST_OPENER.finditer(text):
        if "mô hình" not in m.group().casefold() and "mô hình" not in _words_before(text, m.start(), 8).casefold():
            if not _LIST_CONTEXT.search(text[max(0, m.start() - 120) : m.start()]):
                continue
        end = text.find("\n", m.end())
        regions.append((m.end(), len(text) if end < 0 else end))
    return regions


# --------------------------------------------------------------------------- the pass


def find_models(doc, *, organisations=(), localities=(), doc_id: str | None = None):
    """Models and campaigns of a Doc: (models, campaigns), both lists of dicts."""
    text = doc_text(doc)
    orgs, locs = _Spans(organisations), _Spans(localities)
    regions = _list_regions(text)
    mentions: list[Mention] = []
    campaigns: list[dict] = []
    quotes = _quotes(text)
    previous_model_end = -10
    for open_at, start, end, closed in quotes:
        c_start, c_end = _trimmed(text, start, end)
        name = text[c_start:c_end]
        if len(name.split()) < 1 or not _LETTER.search(name):
            continue
        close_end = end + 1 if closed else end
        label = _label_before(text, open_at)
        chained = _CHAIN_GAP.fullmatch(text[previous_model_end:open_at] or "x") is not None
        in_list = any(a <= open_at < b for a, b in regions)
        named_model = _model_trigger_before(text, open_at, 0)
        if norm(name) in _lexicon()["campaign_names"] or (
            not named_model and (_is_campaign_name(name) or label)
        ):
            if not (in_list and name.casefold().startswith("phong trào")):
                campaigns.append({"name": name, "label": label, "char_start": c_start, "char_end": c_end})
                continue
        if name.casefold().startswith("quỹ ") or _label_before(text, open_at, "not_model_labels"):
            continue
        tied = _tied_after(text, close_end, orgs, locs)
        subject = _subject_org(text, open_at, orgs)
        grouped = _GROUP_COUNT.search(text[max(0, open_at - 30) : open_at])
        if not (_model_trigger_before(text, open_at) or in_list or chained or tied or subject or grouped):
            continue
        mentions.append(Mention(name, c_start, c_end, True, group_end=close_end))
        previous_model_end = close_end
    mentions.extend(_unquoted_mentions(text, quotes, orgs, locs))
    mentions.sort(key=lambda m: m.char_start)
    extra = _attach(text, mentions, orgs, locs)
    models = _merge(text, mentions + extra, doc, locs)
    return models, _dedupe_campaigns(campaigns)


def _is_campaign_name(name: str) -> bool:
    """A known campaign, or a quote that contains one ("Đẩy mạnh học tập và làm theo tư tưởng …")."""
    key = norm(name)
    return key in _lexicon()["campaign_names"] or any(
        len(c.split()) >= 4 and c in key and len(c) >= 0.6 * len(key) for c in _lexicon()["campaign_names"]
    )


def _tied_after(text: str, pos: int, orgs: _Spans, locs: _Spans) -> bool:
    after = text[pos : pos + 12]
    if regex.match(r"\s*\(", after):
        return True
    m = _OF.match(text, pos)
    return bool(m and (orgs.starting_near(m.end(), 25) or locs.starting_near(m.end(), 2)))


def _subject_org(text: str, quote_at: int, orgs: _Spans) -> dict | None:
    """The organisation opening the clause that leads to the quote ("Mặt trận và các đoàn thể “…”")."""
    clause_start = max((m.end() for m in _CLAUSE_STOP.finditer(text, max(0, quote_at - 300), quote_at)), default=0)
    while clause_start < quote_at and text[clause_start].isspace():
        clause_start += 1
    org = orgs.starting_near(clause_start, 0)
    if org and org["char_end"] <= quote_at:
        between = text[org["char_end"] : quote_at]
        if len(between.split()) <= 25:
            return org
    return None


def _unquoted_mentions(text, quotes, orgs: _Spans, locs: _Spans) -> list[Mention]:
    """'mô hình <phrase> của ORG' / '… ở LOC': unquoted models tied to a body or a place."""
    quote_starts = {q[0] for q in quotes}
    out = []
    for m in regex.finditer(r"(?i:mô hình)\s+", text):
        start = m.end()
        if start >= len(text) or start in quote_starts or text[start] in "“\"" or _is_quoted(start, quotes):
            continue
        first = _WORD.match(text, start)
        if not first or first.group().casefold() in _NOT_A_NAME_START:
            continue
        end = _owner_boundary(text, start, orgs, locs)
        if end is None:
            stop = _UNQUOTED_STOP.search(text, start)
            end = stop.start() if stop else len(text)
            if not _placed_after(text, end, locs):
                continue
        phrase = text[start:end].strip()
        if len(phrase.split()) < 3 or regex.search(r"[“”\"]", phrase):
            continue
        out.append(Mention(phrase, start, start + len(phrase), False, group_end=end))
    return out


def _owner_boundary(text: str, start: int, orgs: _Spans, locs: _Spans) -> int | None:
    """End of an unquoted name that runs up to "của <organisation or place>" in its clause."""
    clause = _CLAUSE_STOP.search(text, start)
    clause_end = clause.start() if clause else len(text)
    for m in regex.finditer(r"\s+của\s+", text[start:clause_end]):
        after = start + m.end()
        if orgs.starting_near(after, 0) or locs.starting_near(after, 0):
            return start + m.start()
    return None


def _placed_after(text: str, end: int, locs: _Spans) -> bool:
    clause = _CLAUSE_STOP.search(text, end)
    clause_end = clause.start() if clause else len(text)
    m = regex.search(r"\s(?:tại|ở)\s", text[end:clause_end])
    return bool(m) and bool(locs.within(end + m.end(), clause_end))


_NOT_A_NAME_START = {
    "mới", "này", "đó", "được", "đã", "và", "với", "của", "có", "các", "điển", "tiêu", "hiện", "trên", "theo",
    "chưa", "thêm", "khác", "tự", "dân", "điểm", "mẫu", "như", "là", "hay", "thí", "nhân",
}


def _is_quoted(pos: int, quotes) -> bool:
    return any(start <= pos < end for _, start, end, _ in quotes)


# --------------------------------------------------------------------------- organisation and places


def _attach(text: str, mentions: list[Mention], orgs: _Spans, locs: _Spans) -> list[Mention]:
    """Give each mention its organisation and places; returns extra entries for parentheses
    naming several bodies ("(Dòng họ A ở X, dòng họ B ở Y)" → one entry per body)."""
    extra: list[Mention] = []
    group: list[Mention] = []
    for i, mention in enumerate(mentions):
        group.append(mention)
        pos = mention.group_end
        paren = _PARENTHESIS.match(text, pos)
        de = _OF_MEMBERS.match(text, pos)
        if de:
            at = de.end()
            org, loc = orgs.starting_near(at, 0), locs.starting_near(at, 0)
            if org:
                mention.org = org
            elif loc:
                mention.localities.append(loc)
        if mention.quoted and paren:
            extra.extend(_apply_parenthesis(group, paren.start(1), paren.end(1), orgs, locs))
        else:
            _places_after(text, mention, orgs, locs)
        if mention.quoted and mention.org is None:  # the clause's subject, shared along a comma chain
            chained_org = group[-2].org if len(group) > 1 else None
            mention.org = _subject_org(text, mention.char_start - 1, orgs) or chained_org
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if paren or de or nxt is None or not regex.fullmatch(r"[\s,”\"]*(?:và\s*)?[“\"]?", text[pos : nxt.char_start]):
            group = []
    return extra


def _apply_parenthesis(group: list[Mention], start: int, end: int, orgs: _Spans, locs: _Spans) -> list[Mention]:
    """A parenthesis applies to every quoted model of the comma group before it."""
    inner_orgs = orgs.within(start, end)
    if len(inner_orgs) > 1 and len(group) == 1:
        base = group[0]
        segments = [
            (org, locs.within(org["char_end"], inner_orgs[k + 1]["char_start"] if k + 1 < len(inner_orgs) else end))
            for k, org in enumerate(inner_orgs)
        ]
        base.org, places = segments[0]
        base.localities.extend(places)
        return [
            Mention(base.name, base.char_start, base.char_end, True, org=org, localities=list(places),
                    group_end=base.group_end)
            for org, places in segments[1:]
        ]
    inner_locs = [
        loc for loc in locs.within(start, end)
        if not any(o["char_start"] <= loc["char_start"] and loc["char_end"] <= o["char_end"] for o in inner_orgs)
    ]
    for mention in group:
        if inner_orgs and mention.org is None:
            mention.org = inner_orgs[0]
        mention.localities.extend(inner_locs)
    return []


def _places_after(text: str, mention: Mention, orgs: _Spans, locs: _Spans) -> None:
    """'… tại xã Phạm Ngũ Lão', '… ở xã Ngọc Thanh, thị trấn Lương Bằng' (same clause)."""
    clause = _CLAUSE_STOP.search(text, mention.group_end)
    clause_end = clause.start() if clause else len(text)
    m = regex.search(r"\s(?:tại|ở)\s", text[mention.group_end : clause_end])
    if not m:
        return
    at = mention.group_end + m.end()
    mention.localities.extend(locs.within(at, clause_end))
    if mention.org is None:
        org = orgs.starting_near(at, 0)
        if org:
            mention.org = org


# --------------------------------------------------------------------------- records


def _merge(text: str, mentions: list[Mention], doc, locs: _Spans) -> list[dict]:
    """One record per model (name, and organisation where two bodies run the same name)."""
    records: list[dict] = []
    sector_at = _sector_headings(text)
    for mention in mentions:
        key = norm(mention.name)
        org_text = mention.org["text"] if mention.org else None
        record = _find_record(records, key, org_text)
        places = mention.localities + (locs.within(mention.org["char_start"], mention.org["char_end"]) if mention.org else [])
        place_texts = _unique([loc["text"] for loc in places])
        sentence = sentence_at(doc, mention.char_start)
        if record is None:
            records.append({
                "name": " ".join(mention.name.split()),
                "org": org_text,
                "org_canonical": mention.org.get("canonical") if mention.org else None,
                "localities": place_texts,
                "sector": _sector(text, mention.char_start, sentence, sector_at),
                "status": _status(sentence),
                "aliases": [],
                "org_aliases": [],
                "char_start": mention.char_start,
                "char_end": mention.char_end,
                "sentence": sentence,
                "mentions": [{"char_start": mention.char_start, "char_end": mention.char_end}],
                "_key": key,
            })
            continue
        record["mentions"].append({"char_start": mention.char_start, "char_end": mention.char_end})
        surface = " ".join(mention.name.split())
        if norm(surface) != record["_key"] and surface not in record["aliases"]:
            record["aliases"].append(surface)
        if org_text and record["org"] is None:
            record["org"] = org_text
        elif org_text and norm(org_text) != norm(record["org"]) and org_text not in record["org_aliases"]:
            record["org_aliases"].append(org_text)
        record["localities"] = _unique(record["localities"] + place_texts)
        record["status"] = record["status"] or _status(sentence)
    for record in records:
        record.pop("_key")
    return records


def _find_record(records: list[dict], key: str, org_text: str | None) -> dict | None:
    best = None
    for record in records:
        same = _same_name(record["_key"], key)
        if not same:
            continue
        if org_text and record["org"] and norm(record["org"]) != norm(org_text):
            if _org_alias(record, org_text):
                return record
            continue
        best = best or record
    return best


@lru_cache(maxsize=65536)  # each mention is compared with every record so far
def _same_name(a: str, b: str) -> bool:
    """Two surfaces of one model: near-identical, or one a long prefix of the other."""
    if a == b:
        return True
    # difflib's real_quick_ratio (an upper bound from the lengths alone) before building a matcher
    if 2.0 * min(len(a), len(b)) / (len(a) + len(b)) >= 0.85:
        matcher = difflib.SequenceMatcher(None, a, b)
        if matcher.quick_ratio() >= 0.85 and matcher.ratio() >= 0.85:
            return True
    short, long_ = sorted((a, b), key=len)
    return len(short.split()) >= 5 and long_.startswith(short)


def _org_alias(record: dict, org_text: str) -> bool:
    a, b = norm(record["org"]), norm(org_text)
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _sector_headings(text: str) -> list[tuple[int, str]]:
    """Headings "2.1. Lĩnh vực kinh tế" → [(offset, sector)] in text order."""
    out = []
    for m in regex.finditer(r"(?m)^[ \t]*(?:[\dIVX]+\.)*\s*(?i:lĩnh vực)\s+([^\n]{3,80})$", text):
        sector = _sector_of(m.group(1))
        if sector:
            out.append((m.start(), sector))
    return out


def _sector_of(phrase: str) -> str | None:
    folded = phrase.casefold()
    for sector, variants in _lexicon()["sectors"].items():
        if any(v.casefold() in folded for v in variants):
            return sector
    return None


def _sector(text, offset, sentence, headings) -> str | None:
    if sentence:
        m = regex.search(r"(?i:lĩnh vực)\s+([^,;:.]{3,60})", sentence)
        if m and _sector_of(m.group(1)):
            return _sector_of(m.group(1))
    before = [s for at, s in headings if at < offset]
    return before[-1] if before else None


def _status(sentence: str | None) -> str | None:
    if not sentence:
        return None
    folded = sentence.casefold()
    for status, variants in _lexicon()["statuses"].items():
        if any(v in folded for v in variants):
            return status
    return None


def _dedupe_campaigns(campaigns: list[dict]) -> list[dict]:
    out: dict[str, dict] = {}
    for c in campaigns:
        key = norm(c["name"])
        if key in out:
            out[key]["mentions"].append({"char_start": c["char_start"], "char_end": c["char_end"]})
        else:
            out[key] = {**c, "mentions": [{"char_start": c["char_start"], "char_end": c["char_end"]}]}
    return list(out.values())
