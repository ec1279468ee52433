"""Localities: every place mention with its level and name, linked to the gazetteer.

Mentions are found in this order (an earlier kind wins where two overlap):

1. ``explicit`` — a level word or abbreviation and a name: "thị xã Hồng Lĩnh", "TP. Vinh",
   "XÃ PHÚ AN", "khu dân cư số 7", "huyện đảo Lý Sơn", "tỉnh Bà Rịa - Vũng Tàu" (a dashed name is one
   unit), "huyện quỳnh lưu" (lower case: only an exact unit name that is no common word); not
   "XÃ HỘI", "Tỉnh đoàn" or the initial in "Nguyễn Văn H." (``data/admin_levels.json``);
2. ``committee`` — a party or youth-union committee and its unit: "Thành ủy Móng Cái" → "Móng Cái",
   "Huyện đoàn Krông Pắc" → "Krông Pắc";
3. ``issue`` — the place of issue of a document: "Hương Trà, ngày 02 tháng 10 năm 2020";
4. ``headline`` — a place before a colon at the start of a line: "Kim Động: Nhân lên …";
5. ``list`` — names after a plural level word: "các xã: Chính Nghĩa, Đức Hợp, Vũ Xá";
6. ``paren`` — names in parentheses: "(Hương An, Hương Chữ, Hương Toàn và Hương Bình)";
7. ``prep`` — a known unit after "ở", "tại", "trên địa bàn" …: "Ở Móng Cái";
8. ``route`` — the two ends of a road: "đường cao tốc Vân Đồn- Móng Cái";
9. ``area`` — any other capitalised name that is a unit of the document's own area (the
   districts and provinces the mentions above point to), a province, or a centrally governed
   city: "Trường Mầm non Nam Hồng" → "Nam Hồng", "Bệnh viện Trung ương Huế" → "Huế".

Bare names (kinds 2–9) get ``level_inferred`` and the level of the unit they resolve to at
the document's date; rivers, roads, bridges, countries and people are left out
(``data/locality_context.json``).  Every mention is resolved against the gazetteer with the
document's context (:mod:`extract.gazetteer`): ``code``, ``province``, ``district`` and the
unit after the 2025 reorganisation (``new_code``, ``new_name``, ``new_province``).

Sets ``doc.spans["localities"]`` (every mention, label = level) when given a ``Doc``.

>>> [(l.text, l.level, l.name) for l in find_localities("Nhân dân xã Toàn Thắng (Kim Động) dọn vệ sinh.")]
[('xã Toàn Thắng', 'commune', 'Toàn Thắng'), ('Kim Động', 'district', 'Kim Động')]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..gazetteer import LEVEL_TIERS, REORGANISED, Context, Unit, gazetteer
from ..vntext import lookup_key, normalise_tones
from ..hinted import Hinted, hinted
from ..lexicons import load_data
from ..records import Locality
from ..tokenise import doc_sentences, doc_text

SP = r"[ \t\u00a0]"
SYL = r"\p{Lu}[\p{L}'’]*"  # a capitalised syllable: "Hồng", "PHÚ", "KBang", "M'Đrắk"
RUN = rf"{SYL}(?:{SP}{SYL}){{0,5}}"
DASHED = rf"{RUN}(?:{SP}*[-–]{SP}*{RUN})?"  # "Bà Rịa - Vũng Tàu", "Phan Rang-Tháp Chàm"
LOWER = rf"\p{{Ll}}[\p{{Ll}}'’]*(?:{SP}\p{{Ll}}[\p{{Ll}}'’]*){{1,4}}"  # "quỳnh lưu": a name typed lower-case
NUMBER = rf"(?:[sS]ố{SP}*)?\d{{1,3}}[A-Z]?(?![\d.,/]\d)"
NUMBER_RE = regex.compile(NUMBER)
RUN_RE = regex.compile(rf"(?<![\p{{L}}\d])({RUN})(?![\p{{L}}\d])")
MAX_BARE = 4  # syllables of a bare name
MAX_NAME = 5  # syllables of a name after a level word
STRONG_WEIGHT = {"explicit": 2.0, "committee": 2.0, "issue": 2.0, "headline": 2.0}
_NON_SPACE = regex.compile(r"[^ \t\u00a0]+")
_RUN_AT = regex.compile(RUN)
_DASHED_RUN = regex.compile(rf"{SP}*[-–]{SP}*({RUN})")
_TRAILING_NUMBER = regex.compile(rf"{SP}\d{{1,2}}[A-Z]?$")
_COMMA = regex.compile(rf"{SP}*,{SP}*")
_AND = regex.compile(rf"{SP}+và{SP}+")
_DASH_BEFORE_NAME = regex.compile(rf"{SP}*[-–]{SP}*\p{{Lu}}")
_DASH = regex.compile(r"[-–]")
_NAME_DASH_AT_END = regex.compile(rf"\p{{L}}{SP}*[-–]{SP}*$")


# --------------------------------------------------------------------------- rules


_data = load_data


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Rules:
    """Every word list of the pass, from ``admin_levels.json`` and ``locality_context.json``."""

    level_of: dict  # lookup_key(word or abbreviation) → level
    numbered: frozenset
    not_after: dict  # lookup_key(level word) → words that may not precede it
    not_before: dict  # lookup_key(level word) → words that may not follow it ("xã hội", "Tỉnh đoàn")
    initial_like: frozenset  # one-letter abbreviations that may be a person's initial ("H.")
    common_word_names: frozenset  # unit names that are also common words ("đoàn kết")
    committee_of: dict  # lookup_key(committee word) → level
    explicit_re: Hinted  # each searched only where one of its words starts (see hinted.py)
    committee_re: Hinted
    plural_re: Hinted
    prep_re: Hinted
    route_re: Hinted
    strip_leading: frozenset
    person_titles: tuple
    school_words: tuple
    surnames: frozenset
    feature_heads: tuple
    not_places: frozenset
    source_words: tuple


@lru_cache(maxsize=1)
def rules() -> Rules:
    levels = _data("admin_levels.json")
    ctx = _data("locality_context.json")
    level_of: dict[str, str] = {}
    words, abbrevs = [], []
    for level, entry in levels["levels"].items():
        for word in entry["words"]:
            level_of[lookup_key(word)] = level
            words.append(word)
        for abbrev in entry["abbreviations"]:
            level_of[abbrev] = level
            abbrevs.append(abbrev)
    committee_of = {lookup_key(w): level for level, ws in levels["committees"].items() for w in ws}
    committee_words = [w for ws in levels["committees"].values() for w in ws] + list(committee_of)
    name = rf"(?P<name>{RUN}(?:{SP}\d{{1,2}}[A-Z]?(?![\d.,/]\d))?|{NUMBER}|(?P<low>{LOWER}))"
    explicit = (
        rf"(?<![\p{{L}}\d])(?:(?P<word>(?i:{_alternation(words)})){SP}+"
        rf"|(?P<abbr>{_alternation(a for a in abbrevs if a.endswith('.'))}){SP}*"
        rf"|(?P<abbr2>{_alternation(a for a in abbrevs if not a.endswith('.'))}){SP}+){name}"
    )
    plural = (
        rf"(?<![\p{{L}}\d])(?i:{_alternation(ctx['plural_markers'])}|\d{{1,2}}){SP}+"
        rf"(?P<levels>(?i:{_alternation(words)})(?:{SP}*,{SP}*(?i:{_alternation(words)}))*){SP}*:?{SP}*"
    )
    return Rules(
        level_of=level_of,
        numbered=frozenset(lookup_key(w) if w.islower() else w for w in levels["numbered"]),
        not_after={lookup_key(w): tuple(lookup_key(b) for b in before) for w, before in levels["not_after"].items()},
        not_before={lookup_key(w): frozenset(lookup_key(a) for a in after) for w, after in levels["not_before"].items()},
        initial_like=frozenset(levels["initial_like"]),
        common_word_names=frozenset(lookup_key(w) for w in ctx["common_word_names"]),
        committee_of=committee_of,
        explicit_re=hinted(explicit, words + abbrevs),
        committee_re=hinted(
            rf"(?<![\p{{L}}])(?P<word>(?i:{_alternation(committee_of)})){SP}+(?P<name>{RUN})", committee_words
        ),
        plural_re=hinted(plural, ctx["plural_markers"], extra=r"\d{1,2}",
                          then=r"[ \t\u00a0]+(?:" + "|".join(re.escape(w.lower()) for w in words) + ")"),
        prep_re=hinted(
            rf"(?<![\p{{L}}])(?i:{_alternation(ctx['place_prepositions'])}){SP}+(?P<name>{RUN})(?![\p{{L}}\d])",
            ctx["place_prepositions"],
        ),
        route_re=hinted(
            rf"(?<![\p{{L}}])(?i:{_alternation(ctx['feature_heads'])}){SP}+(?P<a>{RUN}){SP}*[-–]{SP}*(?P<b>{RUN})",
            ctx["feature_heads"],
            then=r"[ \t\u00a0]+[^\n]*?[-–]",  # a dash later on the line
        ),
        strip_leading=frozenset(lookup_key(w) for w in ctx["strip_leading"]),
        person_titles=tuple(lookup_key(w) for w in ctx["person_titles"]),
        school_words=tuple(lookup_key(w) for w in ctx["school_words"]),
        surnames=frozenset(lookup_key(w) for w in ctx["surnames"]),
        feature_heads=tuple(lookup_key(w) for w in ctx["feature_heads"]),
        not_places=frozenset(lookup_key(w) for w in ctx["not_places"]),
        source_words=tuple(lookup_key(w) for w in ctx["source_words"]),
    )


# --------------------------------------------------------------------------- mentions


@dataclass
class Mention:
    start: int  # of the surface (level word included)
    end: int
    name_start: int
    name_end: int
    kind: str
    level: str | None = None  # from the level word (explicit) or a hint (list, committee)
    group: int | None = None  # parenthesis or list the name belongs to
    unit: Unit | None = None
    out_level: str | None = None

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end


def _syllables(run: str) -> list[tuple[int, int]]:
    return [m.span() for m in _NON_SPACE.finditer(run)]


def _known_prefix(text: str, start: int, end: int, level: str | None, min_len: int = 1) -> int | None:
    """End offset of the longest prefix of text[start:end] that is a unit name (of the level's tier)."""
    syl = _syllables(text[start:end])
    g = gazetteer()
    for n in range(len(syl), min_len - 1, -1):
        stop = start + syl[n - 1][1]
        if g.candidates(text[start:stop], level if level in TIER_CHECK else None):
            return stop
    return None


TIER_CHECK = ("province", "city", "district", "town", "commune", "ward", "township", "other")


def _is_unit(name: str) -> bool:
    return bool(gazetteer().candidates(name))


def _cut_unknown(text: str, start: int, end: int, max_syl: int) -> int:
    """A name not in the gazetteer ends before a word that cannot continue it."""
    syl = _syllables(text[start:end])
    r = rules()
    for i, (s, _e) in enumerate(syl[1:max_syl], start=1):
        if lookup_key(text[start + s : start + syl[i][1]]) in r.strip_leading:
            return start + syl[i - 1][1]
    return start + syl[min(len(syl), max_syl) - 1][1]


def _extend_dashed(text: str, end: int, start: int, level: str | None) -> int:
    """"Bà Rịa - Vũng Tàu", "Phan Rang-Tháp Chàm": join across a dash when the whole is a unit."""
    m = _DASHED_RUN.match(text, end)
    if not m:
        return end
    stop = _known_prefix(text, start, m.end(), level, min_len=len(_syllables(text[start:end])) + 1)
    return stop or end


def _known_end(text: str, start: int, end: int, level: str | None) -> int | None:
    """End of the longest unit name at ``start``, across a dash when the whole is one (a dashed
    name wins over its first half: "tỉnh Bà Rịa - Vũng Tàu", though Bà Rịa is a city too)."""
    whole = _extend_dashed(text, end, start, level)
    if whole != end:
        return whole
    known = _known_prefix(text, start, end, level)
    return _extend_dashed(text, known, start, level) if known else None


def explicit_mentions(text: str, norm: str) -> list[Mention]:
    r = rules()
    out = []
    for m in r.explicit_re.finditer(norm):
        word = m.group("word") or m.group("abbr") or m.group("abbr2")
        wkey = lookup_key(word) if m.group("word") else word
        level = r.level_of[wkey]
        if _blocked_level_word(norm, m.start(), wkey):
            continue
        n_start, n_end = m.span("name")
        if _initial_not_level(text, m.start(), word, n_start, n_end, level):
            continue
        if m.group("low"):
            n_end = _lower_name_end(text, n_start, n_end, wkey, level) if m.group("word") else None
            if n_end is None:
                continue
        elif NUMBER_RE.fullmatch(text, n_start, n_end):
            if wkey not in r.numbered:
                continue
        elif _another_word(text, n_start, n_end, wkey, level):
            continue
        else:
            n_end = _name_end(text, n_start, n_end, level)
        out.append(Mention(m.start(), n_end, n_start, n_end, "explicit", level))
    return out


_TITLE_CASE_BEFORE = regex.compile(rf"(?<![\p{{L}}])\p{{Lu}}\p{{Ll}}+{SP}*$")


def _initial_not_level(text: str, start: int, word: str, n_start: int, n_end: int, level: str) -> bool:
    """"Nguyễn Văn H. Sau đó": a one-letter abbreviation after a name is an initial; elsewhere
    ("UBND H. Tuy Phước") it stands for a level only before a number or a known unit."""
    if word not in rules().initial_like:
        return False
    if _TITLE_CASE_BEFORE.search(text, max(0, start - 20), start):
        return True
    return not NUMBER_RE.fullmatch(text, n_start, n_end) and not _known_prefix(text, n_start, n_end, level)


def _first_word(text: str, start: int, end: int) -> str:
    return lookup_key(text[start:end].split(maxsplit=1)[0])


def _another_word(text: str, start: int, end: int, wkey: str, level: str) -> bool:
    """"XÃ HỘI CHỦ NGHĨA", "Tỉnh Đoàn": the level word and the next one make another word,
    unless the name they start is a unit of the level ("xã Đoàn Kết", "xã Hội An")."""
    if _first_word(text, start, end) not in rules().not_before.get(wkey, ()):
        return False
    return _known_end(text, start, end, level) is None


def _lower_name_end(text: str, start: int, end: int, wkey: str, level: str) -> int | None:
    """"huyện quỳnh lưu": lower-case syllables after a level word name a unit only when they
    are, exactly, a unit of the level's tier (two syllables or more) and not a common word
    ("toàn xã đoàn kết", "xã hội an toàn")."""
    r = rules()
    if _first_word(text, start, end) in r.not_before.get(wkey, ()):
        return None
    syl = _syllables(text[start:end])
    for n in range(len(syl), 1, -1):
        stop = start + syl[n - 1][1]
        name = text[start:stop]
        if gazetteer().exact(name, level) and (level == "province" or lookup_key(name) not in r.common_word_names):
            return stop
    return None


def _blocked_level_word(norm: str, start: int, wkey: str) -> bool:
    before = rules().not_after.get(wkey)
    if not before:
        return False
    head = lookup_key(norm[max(0, start - 20) : start])
    return any(head.endswith(b) and (len(head) == len(b) or not head[-len(b) - 1].isalpha()) for b in before)


def _name_end(text: str, start: int, end: int, level: str | None, max_syl: int = MAX_NAME) -> int:
    """Where a name that starts at ``start`` ends: the longest known unit, else a cut."""
    digits = _TRAILING_NUMBER.search(text[start:end])
    run_end = start + digits.start() if digits else end
    known = _known_end(text, start, run_end, level) if level != "village" else None
    if known:
        return known
    return end if digits else _cut_unknown(text, start, run_end, max_syl)


def committee_mentions(text: str, norm: str) -> list[Mention]:
    r = rules()
    out = []
    for m in r.committee_re.finditer(norm):
        level = r.committee_of[lookup_key(m.group("word"))]
        n_start, n_end = m.span("name")
        n_end = _known_prefix(text, n_start, n_end, level)  # a committee's unit is always a known one
        if n_end:
            out.append(Mention(n_start, n_end, n_start, n_end, "committee", level))
    return out


ISSUE_RE = regex.compile(rf"(?m)^{SP}*({DASHED}){SP}*,{SP}*(?i:ngày){SP}+\d{{1,2}}")
HEADLINE_RE = regex.compile(rf"(?m)^{SP}*({DASHED}){SP}*:")


def line_start_mentions(text: str, pattern: regex.Pattern, kind: str) -> list[Mention]:
    out = []
    for m in pattern.finditer(text):
        start, end = m.span(1)
        if _is_unit(text[start:end]) and _long_enough(text[start:end]):
            out.append(Mention(start, end, start, end, kind))
    return out


def _long_enough(name: str) -> bool:
    """A one-syllable bare name ("Huế", "Vinh") only for a province or district."""
    if len(name.split()) > 1:
        return True
    return any(u.tier in ("province", "district") for u in gazetteer().candidates(name))


LIST_SEP = regex.compile(rf"{SP}*(?:,{SP}*(?:và{SP}+)?|{SP}+và{SP}+){SP}*")


def list_mentions(text: str, norm: str, group_ids) -> list[Mention]:
    r = rules()
    out = []
    for m in r.plural_re.finditer(norm):
        words = _COMMA.split(m.group("levels"))
        level = r.level_of[lookup_key(words[0])] if len(words) == 1 else None
        group = next(group_ids)
        pos = m.end()
        while True:
            item = _RUN_AT.match(text, pos)
            if not item or lookup_key(text[item.start() : item.end()].split()[0]) in r.level_of:
                break
            end = _name_end(text, item.start(), item.end(), level, MAX_BARE)
            out.append(Mention(item.start(), end, item.start(), end, "list", level, group))
            sep = LIST_SEP.match(text, end)
            if not sep or end != item.end():
                break
            pos = sep.end()
    return out


PAREN_RE = regex.compile(r"\(([^()\n]{1,300})\)")
PAREN_ITEM = regex.compile(r"[^,;]+")


def paren_mentions(text: str, group_ids) -> list[Mention]:
    out = []
    for m in PAREN_RE.finditer(text):
        group = next(group_ids)
        base = m.start(1)
        for piece in PAREN_ITEM.finditer(m.group(1)):
            for part in _AND.split(piece.group()):
                offset = piece.start() + piece.group().find(part)
                stripped = part.strip(" \t\u00a0")
                start = base + offset + part.find(stripped)
                end = start + len(stripped)
                if stripped and _RUN_AT.fullmatch(stripped) and len(stripped.split()) <= MAX_BARE:
                    out.append(Mention(start, end, start, end, "paren", None, group))
    return out


def prep_mentions(text: str, norm: str) -> list[Mention]:
    out = []
    for m in rules().prep_re.finditer(norm):
        start, end = m.span("name")
        known = _known_end(text, start, end, None)
        if known and _long_enough(text[start:known]):
            out.append(Mention(start, known, start, known, "prep"))
    return out


def route_mentions(text: str, norm: str) -> list[Mention]:
    """The two ends of a road or line: "đường cao tốc Vân Đồn- Móng Cái", "tuyến Hà Nội - Hải Phòng"."""
    out = []
    for m in rules().route_re.finditer(norm):
        ends = [m.span("a"), m.span("b")]
        if all(_is_unit(text[s:e]) and _long_enough(text[s:e]) for s, e in ends):
            out.extend(Mention(s, e, s, e, "route") for s, e in ends)
    return out


def run_mentions(text: str) -> list[Mention]:
    """Every other capitalised run, less the words that may lead it ("Ở", "Báo", "Trường")."""
    r = rules()
    out = []
    for m in RUN_RE.finditer(text):
        start, end = m.span(1)
        syl = _syllables(text[start:end])
        i = 0
        while i < len(syl) - 1 and lookup_key(text[start + syl[i][0] : start + syl[i][1]]) in r.strip_leading:
            if _is_unit(text[start + syl[i][0] : end]):
                break
            i += 1
        s = start + syl[i][0]
        whole = _extend_dashed(text, end, s, None)  # "Bà Rịa - Vũng Tàu": one unit, not two
        if len(syl) - i <= MAX_BARE and (whole != end or _is_unit(text[s:end])):
            out.append(Mention(s, whole, s, whole, "area"))
    return out


# --------------------------------------------------------------------------- filters


def _before(norm: str, start: int, chars: int = 40) -> str:
    """The folded words just before a position (same line)."""
    head = norm[max(0, start - chars) : start]
    head = head.rsplit("\n", 1)[-1]
    return lookup_key(head)


def _ends_with_word(head: str, words: tuple[str, ...]) -> bool:
    if not head.endswith(words):  # one C call rules out most heads
        return False
    for word in words:
        if head.endswith(word) and (len(head) == len(word) or not head[-len(word) - 1].isalpha()):
            return True
    return False


def _route_pair(text: str, m: Mention) -> bool:
    """"Vân Đồn- Móng Cái": two places joined by a dash name a route's ends."""
    after = _DASH_BEFORE_NAME.match(text[m.end : m.end + 6])
    before = _NAME_DASH_AT_END.search(text[max(0, m.start - 6) : m.start])
    return bool(after or before)


def _person_shaped(name: str, head: str) -> bool:
    r = rules()
    words = name.split()
    if lookup_key(words[0]) not in r.surnames or _DASH.search(name):  # "Phan Rang - Tháp Chàm": no person
        return False
    return len(words) >= 3 or _ends_with_word(head, r.school_words)


def keep_bare(text: str, norm: str, m: Mention) -> bool:
    """False for a river, road, person, country, region or news outlet."""
    r = rules()
    name = text[m.name_start : m.name_end]
    if lookup_key(name) in r.not_places:
        return False
    head = _before(norm, m.start)
    if _ends_with_word(head, r.source_words) or _ends_with_word(head, r.person_titles):
        return False
    if _ends_with_word(head, r.feature_heads) and not _route_pair(text, m):
        return False
    if m.kind in ("list", "paren", "route"):
        return True
    return not _person_shaped(name, head)


# --------------------------------------------------------------------------- context


@dataclass
class Votes:
    """Districts and provinces each name of the document points to (its candidates' parents)."""

    by_name: dict  # lookup_key(name) → (Counter of districts, Counter of provinces)
    date: str | None

    def context(self, exclude: str | None = None) -> Context:
        """The context for resolving a name: what the *other* names say (weights scaled to max 1)."""
        districts: Counter = Counter()
        provinces: Counter = Counter()
        for name, (dists, provs) in self.by_name.items():
            if name != exclude:
                districts.update(dists)
                provinces.update(provs)
        return Context(provinces=_scaled(provinces), districts=_scaled(districts), date=self.date)


def document_votes(text: str, mentions: list[Mention], doc_date: str | None) -> Votes:
    g = gazetteer()
    by_name: dict = {}
    after_reorganisation = bool(doc_date) and doc_date[:7] >= REORGANISED
    for m in mentions:
        name = lookup_key(text[m.name_start : m.name_end])
        units = [u for u in g.candidates(name, m.level) if not u.post2025 or after_reorganisation]
        if not units or m.level == "village":
            continue
        weight = STRONG_WEIGHT.get(m.kind, 1.0)
        dists = {u.code if u.tier == "district" else u.district_code for u in units} - {None}
        provs = {u.province_code for u in units}
        d_votes, p_votes = by_name.setdefault(name, (Counter(), Counter()))
        for d in dists:
            d_votes[d] += weight / len(dists)
        for p in provs:
            p_votes[p] += weight / len(provs)
    return Votes(by_name, doc_date)


def _scaled(votes: Counter) -> dict[str, float]:
    if not votes:
        return {}
    top = max(votes.values())
    return {code: round(v / top, 3) for code, v in votes.items() if v / top >= 0.2}


def in_area(unit: Unit, ctx: Context) -> bool:
    """A unit of the document's area: its districts, their provinces' districts, any province."""
    if unit.tier == "province":
        return True
    if unit.tier == "district":
        return unit.code in ctx.districts or unit.province_code in ctx.provinces
    return unit.district_code in ctx.districts or gazetteer().numbered_with(unit, ctx.districts)


def resolve(text: str, m: Mention, ctx: Context) -> None:
    """Set the mention's unit and output level."""
    g = gazetteer()
    name = text[m.name_start : m.name_end]
    ranked = g.rank(name, m.level if m.kind == "explicit" or m.level in TIER_CHECK else None, ctx)
    if ctx.month and ctx.month < REORGANISED:  # an older text never names a post-2025 unit
        ranked = [p for p in ranked if not p[1].post2025]
    if ranked and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
        m.unit = ranked[0][1]
    if m.kind == "explicit":
        m.out_level = m.level
    elif m.kind == "committee" and m.unit is not None and m.unit.tier in LEVEL_TIERS[m.level]:
        m.out_level = m.level  # "Thị ủy Hồng Ngự" was written when Hồng Ngự was a town
    elif m.unit is not None:
        m.out_level = m.unit.level
    elif ranked and len({u.level for s, u in ranked if s == ranked[0][0]}) == 1:
        m.out_level = ranked[0][1].level
    elif m.level:
        m.out_level = m.level


# --------------------------------------------------------------------------- pass


def _take(chosen: list[Mention], new: list[Mention]) -> None:
    """Add mentions that do not overlap any already chosen (earlier kinds win)."""
    for m in new:
        if not any(m.overlaps(c) for c in chosen):
            chosen.append(m)


def _unclaimed(mentions: list[Mention], claimed) -> list[Mention]:
    spans = [_span_of(c) for c in claimed]
    return [m for m in mentions if not any(s < m.end and m.start < e for s, e in spans)]


def _span_of(item) -> tuple[int, int]:
    if isinstance(item, tuple):
        return item
    if isinstance(item, dict):
        return item["char_start"], item["char_end"]
    if hasattr(item, "start_char"):
        return item.start_char, item.end_char
    return item.char_start, item.char_end


def find_mentions(text: str, doc_date: str | None = None, claimed=()) -> tuple[list[Mention], Context]:
    """Every locality mention of a text, resolved, in text order; and the document context."""
    norm = normalise_tones(text)
    if len(norm) != len(text):
        norm = text
    groups = iter(range(1, 1 << 30))
    chosen: list[Mention] = []
    _take(chosen, explicit_mentions(text, norm))
    _take(chosen, committee_mentions(text, norm))
    _take(chosen, line_start_mentions(text, ISSUE_RE, "issue"))
    _take(chosen, line_start_mentions(text, HEADLINE_RE, "headline"))
    _take(chosen, list_mentions(text, norm, groups))
    _take(chosen, paren_mentions(text, groups))
    _take(chosen, prep_mentions(text, norm))
    _take(chosen, route_mentions(text, norm))
    chosen = [m for m in _unclaimed(chosen, claimed) if m.kind == "explicit" or keep_bare(text, norm, m)]
    chosen = _known_or_listed(text, chosen)
    votes = document_votes(text, chosen, doc_date)
    ctx = votes.context()
    area = [m for m in _unclaimed(run_mentions(text), claimed) if keep_bare(text, norm, m)]
    _take(chosen, [m for m in area if _in_area(text, m, ctx)])
    votes = document_votes(text, chosen, doc_date)
    contexts: dict = {}
    chosen.sort(key=lambda m: m.start)
    parents = _chained_parents(text, chosen)
    for i in reversed(range(len(chosen))):  # an address reads "xã A, huyện B, tỉnh C": parents first
        m = chosen[i]
        name = lookup_key(text[m.name_start : m.name_end])
        if name not in contexts:
            contexts[name] = votes.context(exclude=name)
        resolve(text, m, _with_parents(contexts[name], [chosen[j].unit for j in parents[i]]))
    _fill_group_levels(chosen)
    chosen = [m for m in chosen if m.out_level]
    return sorted(chosen, key=lambda m: m.start), ctx


ADDRESS_GAP = regex.compile(rf"{SP}*[,(]?{SP}*")
PARENT_WEIGHT = 3.0


def _chained_parents(text: str, mentions: list[Mention]) -> list[list[int]]:
    """For each mention, the mentions that follow it as in an address: "A, B (C)"."""
    out: list[list[int]] = []
    for i, m in enumerate(mentions):
        chain, end = [], m.end
        for j in range(i + 1, len(mentions)):
            if not ADDRESS_GAP.fullmatch(text, end, mentions[j].start):
                break
            chain.append(j)
            end = mentions[j].end
        out.append(chain)
    return out


def _with_parents(ctx: Context, units: list[Unit | None]) -> Context:
    units = [u for u in units if u is not None]
    if not units:
        return ctx
    districts, provinces = dict(ctx.districts), dict(ctx.provinces)
    for u in units:
        district = u.code if u.tier == "district" else u.district_code
        if district:
            districts[district] = PARENT_WEIGHT
        provinces[u.province_code] = PARENT_WEIGHT
    return Context(provinces=provinces, districts=districts, date=ctx.date)


def _known_or_listed(text: str, mentions: list[Mention]) -> list[Mention]:
    """A parenthesised name counts when it is a unit, or a sibling in its parenthesis is."""
    g = gazetteer()
    known = {id(m) for m in mentions if m.kind != "paren" or g.candidates(text[m.name_start : m.name_end])}
    groups_ok = {m.group for m in mentions if m.kind == "paren" and id(m) in known}
    return [m for m in mentions if id(m) in known or (m.group in groups_ok and _looks_like_name(text, m))]


def _looks_like_name(text: str, m: Mention) -> bool:
    """An unknown name beside known ones: 2–4 syllables, no abbreviation, not a person's name."""
    name = text[m.name_start : m.name_end]
    words = name.split()
    if not 2 <= len(words) <= MAX_BARE or any(w.isupper() and len(w) > 1 for w in words):
        return False
    return not (lookup_key(words[0]) in rules().surnames and len(words) >= 3)


BYLINE = regex.compile(rf"(?m)^{SP}*({RUN}){SP}*(?:$|[-–—]{SP})")


def _byline(text: str, m: Mention) -> bool:
    """A name alone on its line, or before " - ": an author ("Thu Hằng", "Minh Châu - BQN")."""
    line_start = text.rfind("\n", 0, m.start) + 1
    found = BYLINE.match(text, line_start)
    return bool(found) and found.span(1) == (m.start, m.end)


def _in_area(text: str, m: Mention, ctx: Context) -> bool:
    """A capitalised run that names a unit of the document's area (or a province anywhere)."""
    if _byline(text, m):
        return False
    name = text[m.name_start : m.name_end]
    units = [u for u in gazetteer().candidates(name) if not u.post2025 or (ctx.month or "") >= REORGANISED]
    local = [u for u in units if in_area(u, ctx)]
    if len(name.split()) == 1:
        local = [u for u in local if u.tier in ("province", "district")]
    return bool(local)


def _fill_group_levels(mentions: list[Mention]) -> None:
    """An unknown name in a parenthesis takes the level most of its siblings have."""
    by_group = defaultdict(list)
    for m in mentions:
        if m.group is not None:
            by_group[m.group].append(m)
    for members in by_group.values():
        levels = Counter(m.out_level for m in members if m.out_level)
        if levels:
            for m in members:
                m.out_level = m.out_level or levels.most_common(1)[0][0]


def standard_name(name: str) -> str:
    """Capitalisation standardised: "PHÚ AN", "phú an" → "Phú An"; mixed case is kept as written."""
    name = " ".join(name.split())
    if (name.isupper() and len(name) > 1) or (name.islower() and not any(c.isdigit() for c in name)):
        return " ".join(w[:1].upper() + w[1:].lower() for w in name.split(" "))
    return name


class _Sentences:
    def __init__(self, doc, text: str):
        if hasattr(doc, "sents"):
            bounds = doc_sentences(doc)
        else:
            from ..tokenise import sentence_bounds

            bounds = sentence_bounds(text)
        self.starts = [s for s, _ in bounds]
        self.bounds = bounds
        self.text = text

    def of(self, pos: int) -> str:
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return ""
        start, end = self.bounds[i]
        return self.text[start:end]


def to_record(text: str, m: Mention, sentences: _Sentences, date: str | None) -> Locality:
    g = gazetteer()
    return Locality(
        text=text[m.start : m.end],
        level=m.out_level,
        name=g.canonical.get(lookup_key(text[m.name_start : m.name_end])) or standard_name(text[m.name_start : m.name_end]),
        level_inferred=m.kind != "explicit",
        **g.describe(m.unit, date),
        char_start=m.start,
        char_end=m.end,
        sentence=sentences.of(m.start),
    )


def find_localities(doc, *, doc_date: str | None = None, claimed=(), distinct: bool = True) -> list[Locality]:
    """Localities of a Doc (or a string), each distinct surface once unless ``distinct=False``.

    ``claimed``: spans of earlier passes ((start, end) tuples, dicts with char offsets or Spans);
    no locality is found inside them.
    """
    text = doc if isinstance(doc, str) else doc_text(doc)
    mentions, _ctx = find_mentions(text, doc_date, claimed)
    sentences = _Sentences(doc, text)
    if not isinstance(doc, str):
        spans = [doc.char_span(m.start, m.end, label=m.out_level, alignment_mode="expand") for m in mentions]
        doc.spans["localities"] = [s for s in spans if s is not None]
    out, seen = [], set()
    for m in mentions:
        surface = (text[m.start : m.end], m.out_level)
        if distinct and surface in seen:
            continue
        seen.add(surface)
        out.append(to_record(text, m, sentences, doc_date))
    return out
