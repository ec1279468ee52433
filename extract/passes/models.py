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

* unquoted items of a list: "các mô hình: A; B; C", or one per bullet under "các mô hình sau:".

The organisation, first found wins: after "của"; inside the parenthesis; "do <body> <verb>" or
"được <body> <running verb>" in the clause (a body that praises or funds it is not its runner:
"được Hội Nông dân tỉnh khen thưởng" leaves it None); the subject that opens the clause (after a
bullet or a short adverbial, not a praising subject, not across a comma that opens the model's own
clause), or the clause of the list's opener; the body heading the bullet lines ("Hội …:\n- …");
the subject of the previous sentence when this one opens with a cue ("Tiêu biểu là mô hình …").
Otherwise None.  Trigger words, list cues, verbs and cues are data (``campaigns.json``).
The places are those in the parenthesis (which applies to every quoted name of the comma
group before it), after "tại/ở", or in the organisation's name.
One model mentioned several times is one record with all its mentions.  Uses the spans
of the organisations and localities passes.
"""
from __future__ import annotations

import difflib
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..lexicons import load_data
from ..records import Campaign, Model
from ..tokenise import doc_text, sentence_at
from ..vntext import compare_key

_CLAUSE_STOP = regex.compile(r"[;.!?\n]|…|\.\.\.")
_OF = regex.compile(r"""
    \s+ của \s+   # "của" (of): an owner follows
""", regex.VERBOSE)
_OF_MEMBERS = regex.compile(r"""
    \s+ của \s+                                              # "of" …
    (?: (?: hội\ viên | đoàn\ viên | các | cán\ bộ ) \s+ )?   # … members, youth members, the, officials
""", regex.VERBOSE)
_PARENTHESIS = regex.compile(r"\s*\(([^()\n]*)\)")
_WORD = regex.compile(r"\p{L}+")
_UNQUOTED_STOP = regex.compile(r"""  # where an unquoted model name ends
      \s+ (?: của | tại | ở | với | được | đã | đang | nhằm | để | do   # of, at, in, with, passive, has, -ing, aiming, to, by
            | trên\ địa\ bàn | thì | là ) \s                          # in the area of, then, is
    | [;:.!?\n(“"]                                                   # a clause mark, parenthesis or opening quote
    | … | \.\.\.
    | ,\s+ (?: đã | được | góp\ phần | nhằm ) \s                       # ", has / is / contributing / aiming …"
""", regex.VERBOSE)


@dataclass
class Mention:
    name: str
    char_start: int  # the name's span (inside the quotes when quoted)
    char_end: int
    quoted: bool
    org: dict | None = None
    localities: list[dict] = field(default_factory=list)
    group_end: int = 0  # where this mention's trailing context ends (after the closing quote)
    anchor: int | None = None  # the opener of the list it is an item of: that clause's subject runs it


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = load_data("campaigns.json")
    data["labels"] = sorted(data["labels"], key=len, reverse=True)
    data["not_model_labels"] = sorted(data["not_model_labels"], key=len, reverse=True)
    data["campaign_names"] = {compare_key(n) for n in data["names"]}
    return data


class _Spans:
    """Entity dicts of another pass, looked up by offset."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda x: x.char_start)
        self.starts = [x.char_start for x in self.items]

    def within(self, start: int, end: int) -> list[dict]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].char_start < end:
            if self.items[i].char_end <= end:
                out.append(self.items[i])
            i += 1
        return out

    def starting_near(self, pos: int, slack: int) -> dict | None:
        i = bisect_left(self.starts, pos)
        if i < len(self.items) and self.items[i].char_start - pos <= slack:
            return self.items[i]
        return None


# --------------------------------------------------------------------------- quotes

_OPENER = regex.compile(r'[“"]')
_QUOTE_STOP = {close: regex.compile(regex.escape(close) + r"|“|\n") for close in ("”", '"')}
_UNCLOSED_CUT = regex.compile(r"""  # where the name after an unclosed quote ends
      \s* \(                # a parenthesis
    | \s+ của \s            # "of": its owner follows
    | ; | … | \.\.\.
    | [.!?] (?=\s+\p{Lu})    # a sentence end
""", regex.VERBOSE)
_CAMPAIGN_TAIL = regex.compile(r"""
    (?: phong\ trào | cuộc\ vận\ động | chương\ trình )   # movement, campaign, programme
    (?: \s+\S+ ){0,2} $                                   # and at most two more words before the end
""", regex.VERBOSE)
_LIST_CONTEXT_EXTRA = r"""(?x:   # other words before a bare "như:" that make it open a list of models
      xây\ dựng,\ sửa\ chữa   # "building, repairing"
    | hỗ\ trợ                 # "supporting"
)"""
_SENTENCE_STOP = regex.compile(r"[.!?](?=\s|$)|\n")
_BULLET = regex.compile(r"""  # a bullet opening a line
    [ \t]*
    (?: [-+•*–]          # a dash, plus, dot or star
      | [a-zđ] \)        # a letter: "a)", "đ)"
      | \d{1,2} [.)] )   # a number: "1.", "2)"
    [ \t]+
""", regex.VERBOSE)
_LETTER = regex.compile(r"\p{L}")
_CHAIN_GAP = regex.compile(r"[\s,]* (?: và \s* )?", regex.VERBOSE)  # spaces, commas, "và" (and) between two names
_GROUP_COUNT = regex.compile(r"""  # "12 nhóm", "3 câu lạc bộ" at the end: a count of groups
    \d+ \s+
    (?i: nhóm | tổ | câu\ lạc\ bộ | CLB | đội | chi\ hội | hội )   # group, team, club, squad, branch, association
    \s* $
""", regex.VERBOSE)


@lru_cache(maxsize=1)
def _trigger() -> str:
    """The words that present a model (``model_triggers``), as a case-blind alternation."""
    words = sorted({w.casefold() for w in _lexicon()["model_triggers"]}, key=len, reverse=True)
    return "(?i:" + "|".join(regex.escape(w) for w in words) + ")"


def _alternation(key: str) -> str:
    return "|".join(regex.escape(w) for w in sorted(_lexicon()[key], key=len, reverse=True))


@lru_cache(maxsize=None)
def _trigger_tail(max_words: int) -> regex.Pattern:
    return regex.compile(_trigger() + r"(?:\s+\S+){0,%d}$" % max_words)


@lru_cache(maxsize=1)
def _list_opener() -> regex.Pattern:
    """"(các) mô hình (tiêu biểu) như:" — a cue before the colon, or a plural "các/những mô hình …:"."""
    return regex.compile(r"""
          (?P<plural> (?i: các | những ) \s+ )?   # "các", "những": a plural (the, those)
          %s                                     # a model trigger ("mô hình")
          [^.;:()\n“”\"]{0,40}?
          (?: \s (?P<cue> (?i: %s ) ) )?         # a list cue ("tiêu biểu": typical, "như": such as)
          \s* :
        | (?i: như ) \s* :                       # "như:" (such as:)
    """ % (_trigger(), _alternation("list_cues")), regex.VERBOSE)



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


@dataclass
class _Region:
    """A list of models: after its opener to the end of the line, or over the bullet lines below it."""
    opener: int
    start: int
    end: int
    bulleted: bool


def _list_regions(text: str) -> list[_Region]:
    """Paragraph tails after "(các) mô hình (tiêu biểu) như:" — every quoted item there is a model."""
    regions = []
    trigger = regex.compile(_trigger())
    for m in _list_opener().finditer(text):
        if trigger.search(m.group()):
            if m.group("plural") is None and m.group("cue") is None:
                continue  # "Kết quả mô hình năm 2023:" is a heading, not a list
        elif not trigger.search(_words_before(text, m.start(), 8)) and not regex.search(
                trigger.pattern + "|" + _LIST_CONTEXT_EXTRA, text[max(0, m.start() - 120) : m.start()]):
            continue  # a bare "như:" far from any "mô hình"
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        bulleted = not text[m.end() : end].strip()
        if bulleted:
            end = _bullets_end(text, end)
        regions.append(_Region(m.start(), m.end(), end, bulleted))
    return regions


def _bullets_end(text: str, pos: int, items: bool = False) -> int:
    """End of the run of bullet lines ("- …", "+ …", "a) …") starting after the newline at ``pos``
    (``items``: lines opening with "Mô hình" continue the run too)."""
    end = pos
    while pos < len(text):
        line_end = text.find("\n", pos + 1)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos + 1 : line_end]
        if line.strip() and not _BULLET.match(line) and not (items and regex.match(r"\s*" + _trigger(), line)):
            break
        if line.strip():
            end = line_end
        pos = line_end
    return end


# --------------------------------------------------------------------------- the pass


def find_models(doc, *, organisations=(), localities=(), doc_id: str | None = None):
    """Models and campaigns of a Doc: (models, campaigns), lists of records."""
    text = doc_text(doc)
    orgs, locs = _Spans(organisations), _Spans(localities)
    regions = _list_regions(text)
    headings = _heading_scopes(text, orgs)
    mentions: list[Mention] = []
    campaigns: list[Campaign] = []
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
        region = next((r for r in regions if r.start <= open_at < r.end), None)
        in_list = region is not None
        named_model = _model_trigger_before(text, open_at, 0)
        if compare_key(name) in _lexicon()["campaign_names"] or (
            not named_model and (_is_campaign_name(name) or label)
        ):
            if not (in_list and name.casefold().startswith("phong trào")):
                campaigns.append(Campaign(name=name, label=label, char_start=c_start, char_end=c_end,
                                          mentions=[{"char_start": c_start, "char_end": c_end}]))
                continue
        if name.casefold().startswith("quỹ ") or _label_before(text, open_at, "not_model_labels"):
            continue
        tied = _tied_after(text, close_end, orgs, locs)
        subject = _subject_org(text, open_at, orgs)
        grouped = _GROUP_COUNT.search(text[max(0, open_at - 30) : open_at])
        if not (_model_trigger_before(text, open_at) or in_list or chained or tied or subject or grouped):
            continue
        mentions.append(Mention(name, c_start, c_end, True, group_end=close_end, anchor=_anchor(text, region, open_at)))
        previous_model_end = close_end
    mentions.extend(_unquoted_mentions(text, quotes, orgs, locs, headings))
    mentions.extend(_list_items(text, regions, orgs, locs, mentions))
    mentions.sort(key=lambda m: m.char_start)
    extra = _attach(text, mentions, orgs, locs, headings)
    models = _merge(text, mentions + extra, doc, locs)
    return models, _dedupe_campaigns(campaigns)


def _anchor(text: str, region: _Region | None, pos: int) -> int | None:
    """The list's opener, for an item in the opener's sentence or on a bullet line below it."""
    if region is None or not (region.bulleted or not _SENTENCE_STOP.search(text, region.start, pos)):
        return None
    return region.opener


def _is_campaign_name(name: str) -> bool:
    """A known campaign, or a quote that contains one ("Đẩy mạnh học tập và làm theo tư tưởng …")."""
    key = compare_key(name)
    return key in _lexicon()["campaign_names"] or any(
        len(c.split()) >= 4 and c in key and len(c) >= 0.6 * len(key) for c in _lexicon()["campaign_names"]
    )


def _tied_after(text: str, pos: int, orgs: _Spans, locs: _Spans) -> bool:
    after = text[pos : pos + 12]
    if regex.match(r"\s*\(", after):
        return True
    m = _OF.match(text, pos)
    return bool(m and (orgs.starting_near(m.end(), 25) or locs.starting_near(m.end(), 2))) or bool(
        _runner_after(text, pos, orgs))


# --------------------------------------------------------------------------- who runs it

_BY = regex.compile(r"\s* ,? \s* ( do | được | bởi ) \s+", regex.VERBOSE)  # "by", "(done) by", "by"
_ADVERBS = r"""(?x:   # adverbs before a verb
    \s* (?: (?: đã | đang | sẽ | cũng | vừa | luôn      # has, is -ing, will, also, just, always
             | trực\ tiếp | thường\ xuyên ) \s+ )*     # directly, regularly
)"""
_INTRO = regex.compile(r"[^,;:\n“”\"]{1,60},\s+")  # "Năm 2023, …", "Bên cạnh đó, …"


@lru_cache(maxsize=None)
def _verbs(key: str) -> regex.Pattern:
    return regex.compile(_ADVERBS + r"(?i:%s)\b" % _alternation(key))


def _runner_after(text: str, pos: int, orgs: _Spans) -> dict | None:
    """"“X” do Đoàn phường thực hiện", "được Hội Phụ nữ xã duy trì": the body that runs the model.
    After "được" only a running verb makes the body the runner: a body that praises, recognises or
    funds a model ("được Hội Nông dân tỉnh khen thưởng") does not run it (``praise_verbs``)."""
    m = _BY.match(text, pos)
    org = orgs.starting_near(m.end(), 0) if m else None
    if org is None:
        return None
    if m.group(1) == "được":
        return org if _verbs("runner_verbs").match(text, org.char_end) else None
    return None if _verbs("praise_verbs").match(text, org.char_end) else org


_RUNNER_WORD = regex.compile(r"""
    \s (?: do | được | bởi ) \s   # "by", "(done) by", "by": a runner may follow
""", regex.VERBOSE)


def _runner_in_clause(text: str, pos: int, orgs: _Spans) -> dict | None:
    """"“X” ở thôn 5 do Chi đoàn thôn phụ trách": a runner later in the clause, before any other model."""
    clause = _CLAUSE_STOP.search(text, pos)
    clause_end = clause.start() if clause else len(text)
    stop = regex.compile(_trigger()).search(text, pos, clause_end)
    for m in _RUNNER_WORD.finditer(text[pos : stop.start() if stop else clause_end]):
        org = _runner_after(text, pos + m.start(), orgs)
        if org:
            return org
    return None


def _clause_subject(text: str, clause_start: int, limit: int, orgs: _Spans) -> dict | None:
    """The organisation that opens a clause, after a bullet or a short opening adverbial
    ("Năm 2023, Hội Phụ nữ xã …"), unless its verb praises rather than runs ("UBND huyện khen thưởng …")."""
    while clause_start < limit and text[clause_start].isspace():
        clause_start += 1
    bullet = _BULLET.match(text, clause_start)
    if bullet:
        clause_start = bullet.end()
    org = orgs.starting_near(clause_start, 0)
    if org is None:
        intro = _INTRO.match(text, clause_start, limit)
        if intro and len(intro.group().split()) <= 8 and not orgs.within(clause_start, intro.end()):
            org = orgs.starting_near(intro.end(), 0)
    if org is None or org.char_end > limit or _verbs("praise_verbs").match(text, org.char_end):
        return None
    return org


_ANOTHER_LIST = r"""(?x:   # before a model trigger: the subject's clause goes on to other models
    , \s* (?: (?i: các | những ) \s+ )?   # a comma, maybe "các", "những" (plural: the, those)
)"""


def _subject_org(text: str, quote_at: int, orgs: _Spans, anchor: int | None = None) -> dict | None:
    """The organisation opening the clause that leads to the quote ("Mặt trận và các đoàn thể “…”"),
    or to the opener of the list the model is in.  Not across a comma that opens a clause of the
    model's own ("Hội … tổ chức tập huấn, mô hình “X” cho thu nhập ổn định")."""
    at = quote_at if anchor is None else anchor
    clause_start = max((m.end() for m in _CLAUSE_STOP.finditer(text, max(0, at - 300), at)), default=0)
    org = _clause_subject(text, clause_start, at, orgs)
    if org is None:
        return None
    between = text[org.char_end : at]
    if len(between.split()) > 25 or regex.search(_ANOTHER_LIST + _trigger(), between):
        return None
    return org


def _carried_org(text: str, pos: int, orgs: _Spans) -> dict | None:
    """A sentence opening with a cue ("Tiêu biểu là mô hình “…”") continues the one before it,
    whose subject runs the model ("Hội Nông dân huyện … đã có nhiều cách làm hay.")."""
    stops = list(regex.finditer(r"[.!?](?=\s)|\n", text[max(0, pos - 400) : pos]))
    if not stops:
        return None
    start = max(0, pos - 400) + stops[-1].end()
    if not regex.match(r"\s*(?:[-+•*]\s*)?(?i:%s)\b" % _alternation("carry_cues"), text[start:pos]):
        return None
    before = text[max(0, start - 400) : start - 1]
    if before.endswith("\n") or not before.strip():  # not across a blank line
        return None
    previous = max((m.end() for m in regex.finditer(r"[.!?](?=\s)|\n", before)), default=0)
    return _clause_subject(text, max(0, start - 400) + previous, start, orgs)


def _heading_scopes(text: str, orgs: _Spans) -> list[tuple[int, int, dict]]:
    """"Hội Cựu chiến binh xã Tân Phú:" on a line of its own: the body runs the models listed on
    the bullet lines (or "Mô hình …" lines) below it."""
    scopes = []
    for org in orgs.items:
        line_start = text.rfind("\n", 0, org.char_start) + 1
        line_end = text.find("\n", org.char_end)
        line_end = len(text) if line_end < 0 else line_end
        head = text[line_start : org.char_start]
        if head.strip() and not _BULLET.fullmatch(head):
            continue
        if not regex.fullmatch(r"[^\n.;“”\"]{0,60}:\s*", text[org.char_end : line_end]):
            continue
        scopes.append((line_end, _bullets_end(text, line_end, items=True), org))
    return scopes


def _heading_org(pos: int, scopes) -> dict | None:
    return next((org for start, end, org in scopes if start <= pos < end), None)


def _unquoted_mentions(text, quotes, orgs: _Spans, locs: _Spans, headings=()) -> list[Mention]:
    """'mô hình <phrase> của ORG' / '… do ORG thực hiện' / '… ở LOC': unquoted models tied to a body
    or a place, or listed under a body's heading."""
    quote_starts = {q[0] for q in quotes}
    out = []
    for m in regex.finditer(_trigger() + r"\s+", text):
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
            if not _placed_after(text, end, locs) and not _heading_org(start, headings):
                continue
        phrase = text[start:end].strip()
        if len(phrase.split()) < 3 or regex.search(r"[“”\"]", phrase):
            continue
        out.append(Mention(phrase, start, start + len(phrase), False, group_end=end))
    return out


_OWNER_WORD = regex.compile(r"""
    \s+ (?: của | do | được | bởi ) \s+   # "of" (an owner follows) or "by", passive (a runner follows)
""", regex.VERBOSE)


def _owner_boundary(text: str, start: int, orgs: _Spans, locs: _Spans) -> int | None:
    """End of an unquoted name that runs up to "của <organisation or place>" in its clause."""
    clause = _CLAUSE_STOP.search(text, start)
    clause_end = clause.start() if clause else len(text)
    for m in _OWNER_WORD.finditer(text[start:clause_end]):
        after = start + m.end()
        if m.group().strip() == "của" and (orgs.starting_near(after, 0) or locs.starting_near(after, 0)):
            return start + m.start()
        if m.group().strip() != "của" and _runner_after(text, start + m.start(), orgs):
            return start + m.start()
    return None


_ITEM_END = regex.compile(r"""  # where a list item's name ends
      \s* \( | :                                                        # a parenthesis or a colon
    | ,\s+ (?: đã | được | góp\ phần | nhằm | mang\ lại ) \s            # ", has / is / contributing / aiming / bringing"
""", regex.VERBOSE)
_ITEM_OWNER = regex.compile(r"""  # what introduces a list item's owner or place
    \s+ (?: của | do | được | tại | ở | trên\ địa\ bàn ) \s+           # of, by, passive, at, in, in the area of
""", regex.VERBOSE)
_AT = regex.compile(r"\s (?: tại | ở ) \s", regex.VERBOSE)  # "at", "in": a place follows


_ITEM_LEAD = r"""  # what comes before the name of a list item
    \s* (?: %s )? \s*      # a bullet
    (?: (?i: và ) \s+ )?   # "và" (and)
    (?: %s \s+ )?          # a model trigger ("mô hình")
"""


def _list_items(text, regions: list[_Region], orgs: _Spans, locs: _Spans, taken: list[Mention]) -> list[Mention]:
    """Unquoted items of a list of models: "các mô hình: A; B; C" (two items or more), or one per
    bullet line under "các mô hình sau:".  A list that quotes its names has no unquoted items (its
    unquoted stretches are narrative)."""
    out = []
    for region in regions:
        if region.bulleted:
            segment = text[region.start : region.end]
            pieces = [(m.start(), m.end()) for m in regex.finditer(r"[^\n]+", segment)]
        else:
            stop = regex.compile(r"[.!?](?=\s|$)").search(text, region.start, region.end)
            segment = text[region.start : stop.start() if stop else region.end]
            pieces = [(m.start(), m.end()) for m in regex.finditer(r"(?:\([^()]*\)|[^;(])+", segment)]
            if len(pieces) < 2:
                continue
        if regex.search(r"[“”\"]", segment):
            continue
        for a, b in pieces:
            a, b = region.start + a, region.start + b
            lead = regex.match(_ITEM_LEAD % (_BULLET.pattern, _trigger()), text[a:b], regex.VERBOSE)
            a += lead.end()
            if any(m.char_start < b and a < m.group_end for m in taken):
                continue
            end = b
            if cut := _ITEM_END.search(text, a, b):
                end = cut.start()
            for m in _ITEM_OWNER.finditer(text, a, end):
                if orgs.starting_near(m.end(), 0) or locs.starting_near(m.end(), 0):
                    end = m.start()
                    break
            name = text[a:end].rstrip(" .,;")
            if not (2 <= len(name.split()) <= 20) or not _LETTER.match(name):
                continue
            out.append(Mention(name, a, a + len(name), True, group_end=a + len(name), anchor=region.opener))
    return out


def _placed_after(text: str, end: int, locs: _Spans) -> bool:
    clause = _CLAUSE_STOP.search(text, end)
    clause_end = clause.start() if clause else len(text)
    m = _AT.search(text[end:clause_end])
    return bool(m) and bool(locs.within(end + m.end(), clause_end))


_NOT_A_NAME_START = {
    "mới", "này", "đó", "được", "đã", "và", "với", "của", "có", "các", "điển", "tiêu", "hiện", "trên", "theo",
    "chưa", "thêm", "khác", "tự", "dân", "điểm", "mẫu", "như", "là", "hay", "thí", "nhân",
}


def _is_quoted(pos: int, quotes) -> bool:
    return any(start <= pos < end for _, start, end, _ in quotes)


# --------------------------------------------------------------------------- organisation and places

_NAMES_GAP = regex.compile(r"""  # between two quoted names of one group
    [\s,”\"]* (?: và \s* )? [“\"]?   # spaces, commas, closing quotes, maybe "và" (and), an opening quote
""", regex.VERBOSE)


def _attach(text: str, mentions: list[Mention], orgs: _Spans, locs: _Spans, headings=()) -> list[Mention]:
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
        if mention.org is None:  # "… do Đoàn phường thực hiện"
            mention.org = _runner_in_clause(text, pos, orgs)
        if mention.quoted and mention.org is None:  # the clause's subject, shared along a comma chain
            chained_org = group[-2].org if len(group) > 1 else None
            mention.org = _subject_org(text, mention.char_start - 1, orgs) or chained_org
            if mention.org is None and mention.anchor is not None:  # "Hội … triển khai các mô hình: A; B"
                mention.org = _subject_org(text, mention.char_start - 1, orgs, mention.anchor)
        if mention.org is None:  # the body heading the list, or the subject of the sentence continued
            mention.org = _heading_org(mention.char_start, headings) or _carried_org(
                text, mention.anchor if mention.anchor is not None else mention.char_start, orgs)
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if paren or de or nxt is None or not _NAMES_GAP.fullmatch(text[pos : nxt.char_start]):
            group = []
    return extra


def _apply_parenthesis(group: list[Mention], start: int, end: int, orgs: _Spans, locs: _Spans) -> list[Mention]:
    """A parenthesis applies to every quoted model of the comma group before it."""
    inner_orgs = orgs.within(start, end)
    if len(inner_orgs) > 1 and len(group) == 1:
        base = group[0]
        segments = [
            (org, locs.within(org.char_end, inner_orgs[k + 1].char_start if k + 1 < len(inner_orgs) else end))
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
        if not any(o.char_start <= loc.char_start and loc.char_end <= o.char_end for o in inner_orgs)
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
    m = _AT.search(text[mention.group_end : clause_end])
    if not m:
        return
    at = mention.group_end + m.end()
    mention.localities.extend(locs.within(at, clause_end))
    if mention.org is None:
        org = orgs.starting_near(at, 0)
        if org:
            mention.org = org


# --------------------------------------------------------------------------- records


def _merge(text: str, mentions: list[Mention], doc, locs: _Spans) -> list[Model]:
    """One record per model (name, and organisation where two bodies run the same name)."""
    records: list[Model] = []
    keys: list[str] = []  # each record's normalised name
    sector_at = _sector_headings(text)
    for mention in mentions:
        key = compare_key(mention.name)
        org = mention.org
        org_text = org.text if org else None
        record = _find_record(records, keys, key, org_text)
        places = mention.localities + (locs.within(org.char_start, org.char_end) if org else [])
        place_texts = _unique([loc.text for loc in places])
        sentence = sentence_at(doc, mention.char_start)
        if record is None:
            records.append(Model(
                name=" ".join(mention.name.split()),
                org=org_text,
                org_canonical=org.canonical if org else None,
                organisation=org.id if org else None,
                localities=place_texts,
                sector=_sector(text, mention.char_start, sentence, sector_at),
                status=_status(sentence),
                char_start=mention.char_start,
                char_end=mention.char_end,
                sentence=sentence,
                mentions=[{"char_start": mention.char_start, "char_end": mention.char_end}],
            ))
            keys.append(key)
            continue
        record.add_mention(mention.char_start, mention.char_end)
        surface = " ".join(mention.name.split())
        if compare_key(surface) != keys[records.index(record)] and surface not in record.aliases:
            record.aliases.append(surface)
        if org_text and record.org is None:
            record.org, record.org_canonical, record.organisation = org_text, org.canonical, org.id
        elif org_text and compare_key(org_text) != compare_key(record.org) and org_text not in record.org_aliases:
            record.org_aliases.append(org_text)
        record.localities = _unique(record.localities + place_texts)
        record.status = record.status or _status(sentence)
    return records


def _find_record(records: list[Model], keys: list[str], key: str, org_text: str | None) -> Model | None:
    best = None
    for record, record_key in zip(records, keys):
        if not _same_name(record_key, key):
            continue
        if org_text and record.org and compare_key(record.org) != compare_key(org_text):
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


def _org_alias(record: Model, org_text: str) -> bool:
    a, b = compare_key(record.org), compare_key(org_text)
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


_SECTOR_HEADING = regex.compile(r"""  # a heading "2.1. Lĩnh vực kinh tế"
    ^ [ \t]* (?: [\dIVX]+ \. )* \s*   # its number
    (?i: lĩnh\ vực ) \s+              # "lĩnh vực" (field, sector)
    ( [^\n]{3,80} ) $                 # the sector
""", regex.VERBOSE | regex.MULTILINE)
_SECTOR_WORDS = regex.compile(r"""
    (?i: lĩnh\ vực ) \s+ ( [^,;:.]{3,60} )   # "lĩnh vực …" (the field of …) in a sentence
""", regex.VERBOSE)


def _sector_headings(text: str) -> list[tuple[int, str]]:
    """Headings "2.1. Lĩnh vực kinh tế" → [(offset, sector)] in text order."""
    out = []
    for m in _SECTOR_HEADING.finditer(text):
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
        m = _SECTOR_WORDS.search(sentence)
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


def _dedupe_campaigns(campaigns: list[Campaign]) -> list[Campaign]:
    out: dict[str, Campaign] = {}
    for c in campaigns:
        key = compare_key(c.name)
        if key in out:
            out[key].add_mention(c.char_start, c.char_end)
        else:
            out[key] = c
    return list(out.values())
