"""Organisations: every body the text names, with a canonical name, a type and its place.

A name is read left to right from a head word (``data/org_heads.json``):

1. a **head** ("Ban Dân vận", "Hội", "Trường", "UBND", "Thị ủy" …, abbreviated forms
   from ``data/abbreviations.json``), then what that head takes: qualifiers
   ("Hội" + "Nông dân", "Sở" + "Tài nguyên và Môi trường"), a school level and a
   name ("Trường" + "Mầm non" + "Nam Hồng"), a company form and a name
   ("Cty" + "Cổ phần" + "22/12") or a proper name ("Dòng họ Trần Đắc");
2. further bodies it belongs to, chained ("Ban Dân vận" + "Thị ủy",
   "Đảng ủy cơ quan" + "Mặt trận - đoàn thể", "Chi bộ" + "Công ty cổ phần …");
3. a place: a level word with or without a name ("phường Đức Thuận", "thị xã",
   "TP.Cần Thơ", "H.Mỏ Cày Nam"), "Trung ương", a bare name after a party committee
   ("Thị ủy Hồng Lĩnh") or one the gazetteer knows ("Sở Y tế Đà Nẵng").  A name the
   gazetteer knows is read whole ("Hồ Chí Minh", "Bà Rịa - Vũng Tàu", "huyện quỳnh lưu"
   → Quỳnh Lưu), and a heading's place may stand on the next line ("ỦY BAN NHÂN DÂN\n
   HUYỆN PHÙ CÁT").

So the largest span is kept, a personal title before it is left out ("Phó Trưởng Ban
Dân vận …" gives "Ban Dân vận …") and a body nested in a longer name is not listed
again.  Class phrases ("các đoàn thể", "UBND các xã, phường"), event names ("Đại hội
Đảng bộ huyện"), funds and bare heads ("Hội", "chi hội") are left out (GUIDELINES
§2.4).  Coordinated bodies sharing a place keep their surface and get ``expanded``
("Thường trực, Ban thường vụ Thành uỷ" → "Thường trực Thành ủy").

Matching runs on a folded copy of the text (lower case, old-style tone marks moved to
the new style: "Uỷ" → "ủy", "hoá" → "hóa"), which has the same length, so offsets
are shared.  Sets ``doc.spans["organisations"]`` (label = type).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex
from ..hinted import LETTERS, Hinted, starts_with
from ..lexicons import load_data
from ..records import Organisation
from ..tokenise import doc_text, sentence_at
from ..gazetteer import LEVEL_TIERS, gazetteer
from ..vntext import fold_case_keeping_offsets, lookup_key, normalise_tones

_SP = r"[ \t\u00a0]+"
_SPACE_RE = regex.compile(_SP)
_WORD_RE = regex.compile(r"[\p{L}\p{M}]+|\d+(?:[/.]\d+)*")
_NUMBERED = regex.compile(r"""
    [ \t\u00a0]+ số [ \t\u00a0]+ \d+ (?![\p{L}\p{N}])   # "số 3" (number 3)
""", regex.VERBOSE)
_PURPOSE_WORD = regex.compile(r"""
      phòng, [ \t\u00a0]+ chống            # "phòng, chống" (prevention and control): one word
    | [\p{L}\p{M}\d] [\p{L}\p{M}\d\-]*    # a word
    | [-–]                                # a dash
""", regex.VERBOSE)
_PERSON = regex.compile(r"(\p{Lu}[\p{L}\p{M}]*)(?:[ \t\u00a0]+(\p{Lu}[\p{L}\p{M}]*))?(?:[ \t\u00a0]+(\p{Lu}))?")
_COMMA = regex.compile(r"[ \t\u00a0]*,[ \t\u00a0]*")
_NUMBER_RE = regex.compile(r"\d+(?:/\d+)*(?![\p{L}\p{N}])")
_ABBREV_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}])[\p{Lu}][\p{Lu}\p{Ll}&\-]*[\p{Lu}](?![\p{L}\p{M}\p{N}])")
_B = r"(?<![\p{L}\p{M}\p{N}/])(?<![\p{L}\p{N}]-)"  # not inside a document symbol: "QĐ-UBND", "CV/BDVTU"
_E = r"(?![\p{L}\p{M}\p{N}])"
_E_OR_DOT = rf"(?:(?<=\.)|{_E})"  # "TP." may be glued to its name: "TP.Cần Thơ"


# --------------------------------------------------------------------------- folding


def _entry_key(surface: str) -> str:
    """The key a lexicon entry is stored under: the folded words, one space apart."""
    return " ".join(fold_case_keeping_offsets(surface).split())


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Head:
    canonical: str
    type: str
    fallback: str | None = None
    name: str | None = None  # domain | domain? | domain|proper | proper | proper? | school | company
    needs: str | None = None  # None | complement | place
    alone: str = "any"  # any | cap | never
    cap: bool = False
    place_name: bool = False
    level: str | None = None
    coordinate: bool = False
    not_followed_by: tuple[str, ...] = ()
    not_after: regex.Pattern | None = None
    lower_name: bool = False  # a qualifier in lower case needs no anchor ("CĐ ngành giáo dục")


@dataclass(frozen=True)
class Lexicon:
    heads: dict[str, Head]  # folded surface → head
    head_re: regex.Pattern
    head_finder: Hinted  # head_re, tried only where a head's first word starts
    domains: dict[str, str]  # folded surface → canonical
    domain_re: regex.Pattern
    schools: dict[str, str]
    school_re: regex.Pattern
    legal: dict[str, str]
    legal_re: regex.Pattern
    mastheads: dict[str, str]
    masthead_re: regex.Pattern
    purpose_stopwords: frozenset[str]
    places: dict[str, str]  # folded level word → level
    place_words: dict[str, str]  # folded level word → canonical level word
    place_re: regex.Pattern
    place_not_before: dict[str, tuple[str, ...]]
    place_not_after: dict[str, tuple[str, ...]]
    name_word_re: regex.Pattern
    suffix_re: regex.Pattern
    stopwords: frozenset[str]
    connector_re: regex.Pattern
    country_re: regex.Pattern
    central_re: regex.Pattern
    linker_re: regex.Pattern
    tail_re: regex.Pattern
    plural_before_re: regex.Pattern
    plural_after_re: regex.Pattern
    event_before_re: regex.Pattern
    excluded: tuple[str, ...]
    followers_re: regex.Pattern
    abbreviations: dict[str, dict]
    surnames: frozenset[str]
    middle_names: frozenset[str]


_data = load_data


def _alternation(surfaces, start: str = "") -> regex.Pattern:
    """One regex for a list of (folded) surfaces, as a character trie (fast, longest first);
    any run of spaces may stand between words.  ``start`` is a lookbehind for searching."""
    root: dict = {}
    for surface in surfaces:
        node = root
        for ch in " ".join(surface.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(_SP if ch == " " else regex.escape(ch)) + emit(child) for ch, child in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return regex.compile(f"{start}(?:{emit(root)}){_E_OR_DOT}")


def _expansions(abbreviations: dict[str, dict]) -> list[tuple[str, regex.Pattern]]:
    """(abbreviation, its folded expansion as a whole-words pattern) for every organisation one."""
    return [
        (abbr, regex.compile(rf"(?<!\S){regex.escape(_entry_key(entry['expansion']))}(?!\S)"))
        for abbr, entry in abbreviations.items()
        if entry.get("kind") == "org"
    ]


def _with_abbreviations(canonical: str, expansions: list[tuple[str, regex.Pattern]]) -> set[str]:
    """The surface and its abbreviated variants ("Hội Liên hiệp Phụ nữ" → "Hội LHPN")."""
    variants = {canonical}
    folded = _entry_key(canonical)
    for abbr, expansion in expansions:
        match = expansion.search(folded)
        if match:
            variants.add(folded[: match.start()] + abbr + folded[match.end() :])
    return variants


def _surface_map(canonicals, abbreviations) -> dict[str, str]:
    out: dict[str, str] = {}
    expansions = _expansions(abbreviations)
    for canonical in canonicals:
        for variant in _with_abbreviations(canonical, expansions):
            out.setdefault(_entry_key(variant), canonical)
    return out


def _words_re(words, prefix: str = "", suffix: str = "") -> regex.Pattern:
    body = "|".join(_SP.join(regex.escape(fold_case_keeping_offsets(w)) for w in s.split()) for s in sorted(words, key=len, reverse=True))
    return regex.compile(f"{prefix}(?:{body}){suffix}")


def _plural_before(words) -> regex.Pattern:
    """'các', 'những' … or a number right before a name: a class phrase ("17 khối dân vận")."""
    body = "|".join(_SP.join(regex.escape(fold_case_keeping_offsets(w)) for w in s.split()) for s in words)
    number = r"(?<![/\d])(?!(?:19|20)\d\d\b)\d{1,4}"  # a count, not a year or a date
    return regex.compile(rf"(?:{_B}(?:{body})|{number}){_SP}$")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = _data("org_heads.json")
    abbr_data = _data("abbreviations.json")
    abbreviations = abbr_data["abbreviations"]
    heads: dict[str, Head] = {}
    expansions = _expansions(abbreviations)
    for entry in data["heads"]:
        head = Head(
            canonical=entry["head"],
            type=entry["type"],
            fallback=entry.get("fallback"),
            name=entry.get("name"),
            needs=entry.get("needs"),
            alone=entry.get("alone", "any"),
            cap=entry.get("cap", False),
            place_name=entry.get("place_name", False),
            level=entry.get("level"),
            coordinate=entry.get("coordinate", False),
            not_followed_by=tuple(entry.get("not_followed_by", ())),
            not_after=_words_re(entry["not_after"], _B, _SP + "$") if entry.get("not_after") else None,
            lower_name=entry.get("lower_name", False),
        )
        for variant in _with_abbreviations(head.canonical, expansions) | set(entry.get("variants", ())):
            heads.setdefault(_entry_key(variant), head)
    domains = _surface_map(data["domains"], abbreviations)
    schools = _surface_map(data["school_levels"], abbreviations)
    legal = _surface_map(data["legal_forms"], abbreviations)
    mastheads = {_entry_key(m): m for m in data["mastheads"]}
    places = {_entry_key(w): level for w, level in data["places"].items()}
    place_words = {}
    for w in data["places"]:
        expansion = abbreviations.get(w.rstrip(".").upper(), {})
        place_words[_entry_key(w)] = expansion.get("expansion", w.lower()) if expansion.get("kind") == "place" else w
    filters = data["filters"]
    symbols = "|".join(regex.escape(c) for c in data["connectors"] if not c.isalpha())
    words = "|".join(regex.escape(c) for c in data["connectors"] if c.isalpha())
    head_re = _alternation(heads, _B)
    return Lexicon(
        heads=heads,
        head_re=head_re,
        head_finder=Hinted(head_re, starts_with({h.split()[0] for h in heads}, not_after=LETTERS + "0-9/")),
        domains=domains,
        domain_re=_alternation(domains),
        schools=schools,
        school_re=_alternation(schools),
        legal=legal,
        legal_re=_alternation(legal),
        mastheads=mastheads,
        masthead_re=_alternation(mastheads),
        purpose_stopwords=frozenset(data["purpose_stopwords"]),
        places=places,
        place_words=place_words,
        place_re=_alternation(places),
        place_not_before={_entry_key(k): tuple(v) for k, v in data["place_not_before"].items()},
        place_not_after={_entry_key(k): tuple(v) for k, v in data["place_not_after"].items()},
        name_word_re=_words_re(data["name_words"], _B, _E),
        suffix_re=regex.compile(_SP + "(?:" + "|".join(data["name_suffixes"]) + ")" + _E),
        stopwords=frozenset(data["name_stopwords"]),
        connector_re=regex.compile(rf"[ \t\u00a0]*(?:{symbols})[ \t\u00a0]*|{_SP}(?:{words}){_SP}"),
        country_re=_words_re(data["country_suffixes"], _SP, _E),
        central_re=_words_re(data["central_words"], _B, _E),
        linker_re=_words_re(data["linkers"], "", _SP),
        tail_re=_words_re(data["compound_tails"], r"[ \t\u00a0]*", _E),
        plural_before_re=_plural_before(filters["plural_before"]),
        plural_after_re=_words_re(filters["plural_after"], _SP, _E),
        event_before_re=_words_re(filters["event_before"], _B, _SP + "$"),
        excluded=tuple(_entry_key(w) for w in filters["excluded"]),
        followers_re=_words_re(filters["generic_followers"], _SP, _E),
        abbreviations={**abbreviations, **abbr_data.get("ambiguous", {})},
        surnames=frozenset(data["person_names"]["surnames"]),
        middle_names=frozenset(data["person_names"]["middle"]),
    )


# --------------------------------------------------------------------------- reading one name


@dataclass
class Unit:
    head: Head
    start: int
    end: int
    named: bool
    surface_cap: bool  # the head is written with a capital
    needs: str | None


@dataclass
class Reading:
    units: list[Unit]
    start: int
    end: int
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    place: tuple[int, int, str | None, bool] | None = None  # (start, end, level, named)
    plural: bool = False


class _Ctx:
    def __init__(self, text: str):
        self.text = text
        self.folded = fold_case_keeping_offsets(text)
        self.lex = lexicon()

    def space(self, pos: int) -> int:
        m = _SPACE_RE.match(self.text, pos)
        return m.end() if m else pos

    def head_at(self, pos: int) -> tuple[Head, int] | None:
        m = self.lex.head_re.match(self.folded, pos)
        if not m:
            return None
        head = self.lex.heads[" ".join(m.group().split())]
        if head.cap and not self.text[pos].isupper():
            return None
        if head.not_after is not None and head.not_after.search(self.folded[max(0, pos - 30) : pos]):
            return None  # part of a title: "Phó Bí thư Thường trực Huyện ủy"
        if head.not_followed_by:
            nxt = _WORD_RE.match(self.folded, self.space(m.end()))
            if nxt and nxt.group() in head.not_followed_by:
                return None
        return head, m.end()


def _read_proper(ctx: _Ctx, pos: int, *, strict: bool = False, number_first: bool = False,
                 glued: bool = False) -> int | None:
    """A capitalised proper name after ``pos`` ("Trần Đắc", "Tập đoàn Công nghiệp Việt Nam 1").

    Unless ``strict`` (place names), up to two lowercase syllables may stand between
    capitalised ones ("Từ thiện Ánh Dương") or before a level word ("Dưỡng sinh
    phường …"); a number right after the name ("Việt Nam 1") and a suffix ("cơ sở 2")
    are kept.  Stops before another head word, and a place name before a person's
    name ("tỉnh Quảng Nam Lê Trí Thanh").  ``glued``: the first word may follow with no
    space ("TP.Cần Thơ", "Q.1").
    """
    text, lex = ctx.text, ctx.lex
    end = None
    pending: list[int] = []  # ends of lowercase syllables not yet part of the name
    syllables = 0
    q = pos
    while True:
        s = ctx.space(q)
        w = _WORD_RE.match(text, s) if s > q or (glued and q == pos) else None
        if not w:
            break
        word = w.group()
        nw = lex.name_word_re.match(ctx.folded, s)
        if nw:
            end, pending, q = nw.end(), [], nw.end()
            syllables += 2
            continue
        if word[0].isdigit():
            number = _NUMBER_RE.match(text, s)
            if number and not pending and (end is not None or number_first):
                end = number.end()
            break
        if word[0].isupper():
            if _abbreviated_level(ctx, s):
                end = pending[-1] if pending and not strict else end  # "ĐH Quốc gia TP.HCM"
                break
            if _body_starts(ctx, s) or (strict and _person_starts(ctx, s, syllables)):
                break
            end, pending, q = w.end(), [], w.end()
            syllables += 1
            continue
        if not strict and pending and lex.place_re.match(ctx.folded, s):
            end = pending[-1]  # "Câu lạc bộ Dưỡng sinh phường Bắc Hà"
            break
        if strict or end is None or len(pending) >= 2 or word in lex.stopwords or lex.place_re.match(ctx.folded, s):
            break
        pending.append(w.end())
        q = w.end()
    if end is None:
        return None
    suffix = lex.suffix_re.match(text, end)
    return suffix.end() if suffix else end


def _abbreviated_level(ctx: _Ctx, pos: int) -> bool:
    """An abbreviated level word ("TP", "Q.") ends a name: "ĐH Quốc gia TP.HCM"."""
    m = ctx.lex.place_re.match(ctx.folded, pos)
    return bool(m) and ctx.lex.place_words[" ".join(m.group().split())] != " ".join(m.group().split())


def _body_starts(ctx: _Ctx, pos: int) -> bool:
    """Does another body's name start at ``pos`` ("Chi bộ Công ty …", but not "… Hội An")?"""
    return ctx.head_at(pos) is not None and _read_units(ctx, pos) is not None


def _person_starts(ctx: _Ctx, pos: int, syllables: int) -> bool:
    """Does a person's name start at ``pos`` (a family name after a place, or with a middle name)?"""
    words = _PERSON.match(ctx.text, pos)
    if not words or words.group(1) not in ctx.lex.surnames or not words.group(2):
        return False
    if len(words.group(2)) == 1 and ctx.text[words.end(2) : words.end(2) + 1] == ".":
        return True  # an initial: "Nguyễn H."
    if syllables >= 2:
        return True
    return words.group(2) in ctx.lex.middle_names and words.group(3) is not None


def _read_domain(ctx: _Ctx, pos: int, edits: list) -> int | None:
    """Qualifiers joined by connectors: "Văn hóa – Thể thao & Du lịch", "Liên hiệp phụ nữ"."""
    lex = ctx.lex
    s = ctx.space(pos)
    if s == pos:
        return None
    m = lex.domain_re.match(ctx.folded, s)
    if not m:
        return None
    found = [(m.start(), m.end())]
    joints = []
    while True:
        c = lex.connector_re.match(ctx.text, found[-1][1]) or _COMMA.match(ctx.text, found[-1][1])
        if not c:
            break
        nxt = lex.domain_re.match(ctx.folded, c.end()) or _abbreviated_part(ctx, c.end())
        if not nxt:
            break
        joints.append("," in c.group())
        found.append((nxt.start(), nxt.end()))
    while joints and joints[-1]:  # a comma list must end with "và"/"&": "Văn hóa, Thể thao và Du lịch"
        joints.pop()
        found.pop()
    for start, end in found:
        canonical = lex.domains.get(" ".join(ctx.folded[start:end].split()))
        if canonical:
            edits.append((start, end, canonical))
    return found[-1][1]


def _abbreviated_part(ctx: _Ctx, pos: int) -> regex.Match | None:
    """An abbreviated qualifier after a connector ("Thông tin&TT"), not another body ("UBND")."""
    m = _ABBREV_TOKEN.match(ctx.text, pos)
    if m and m.group() in ctx.lex.abbreviations and ctx.head_at(pos) is None:
        return m
    return None


def _read_school(ctx: _Ctx, pos: int, edits: list) -> tuple[int, bool] | None:
    """A school level and its name or number: (end, named). "Mầm non Nam Hồng", "THCS Huỳnh Đinh Túc"."""
    s = ctx.space(pos)
    m = ctx.lex.school_re.match(ctx.folded, s) if s > pos else None
    if not m:
        return None
    edits.append((m.start(), m.end(), ctx.lex.schools[" ".join(m.group().split())]))
    number = _NUMBERED.match(ctx.text, m.end())  # "Trường Tiểu học số 1 Phước Sơn"
    after = number.end() if number else m.end()
    end = _read_proper(ctx, after) or (number.end() if number else None)
    return (end, True) if end else (m.end(), False)


def _read_company(ctx: _Ctx, pos: int, edits: list) -> tuple[int, bool]:
    """An optional company form, then its name or number: "Cổ phần 22/12", "TNHH Minh Phát"."""
    end = pos
    s = ctx.space(pos)
    m = ctx.lex.legal_re.match(ctx.folded, s) if s > pos else None
    if m:
        edits.append((m.start(), m.end(), ctx.lex.legal[" ".join(m.group().split())]))
        end = m.end()
    name_end = _read_proper(ctx, end, number_first=m is not None)
    return (name_end, True) if name_end else (end, False)


def _read_purpose(ctx: _Ctx, pos: int) -> int | None:
    """What a body is for, up to the place or the body it belongs to that must follow:
    "phòng, chống dịch COVID-19" (tỉnh), "Thi đua - Khen thưởng" (huyện), "tiết kiệm" (khóm 2),
    "quản trị" (Công ty …).  None when a place comes first ("Ban Chỉ đạo huyện") or a verb or
    a function word comes before any place ("Ban Chỉ đạo đã họp")."""
    q, words, content_end = pos, 0, None
    while words < 10:
        s = ctx.space(q)
        m = _PURPOSE_WORD.match(ctx.text, s) if s > q else None
        if not m or m.group().lower() in ctx.lex.purpose_stopwords:
            return None
        level = ctx.lex.place_re.match(ctx.folded, s)
        if (level and _is_level_word(ctx, level)) or _body_starts(ctx, s):
            return content_end
        q, words = m.end(), words + 1
        if m.group().lower() not in ("và", "-", "–"):
            content_end = q
    return None


def _read_name(ctx: _Ctx, head: Head, start: int, pos: int, edits: list) -> tuple[int, bool, str | None]:
    """What follows a head word: (end, named, needs) — needs may be tightened ("place")."""
    kind = head.name
    if kind is None:
        return pos, False, head.needs
    if kind == "school":
        found = _read_school(ctx, pos, edits)
        if not found:
            return pos, False, "name"
        end, named = found
        return end, True, None if named else "place"
    if kind.startswith("purpose"):
        end = _read_purpose(ctx, pos)
        if end:
            return end, True, "place"
        return pos, False, "place" if kind == "purpose?" else "name"
    if kind.startswith("masthead"):
        masthead = ctx.lex.masthead_re.match(ctx.folded, ctx.space(pos)) if ctx.space(pos) > pos else None
        if masthead:  # "Tạp chí Cộng sản", "Báo Người lao động": lower-case words of a known title
            return masthead.end(), True, None
    if kind == "company":
        end, named = _read_company(ctx, pos, edits)
        return end, named, None if named else "complement"
    domain_edits: list = []
    end = _read_domain(ctx, pos, domain_edits) if kind.startswith("domain") else None
    if end is not None:
        domain_end = end
        if "proper" in kind:
            end = _read_proper(ctx, end) or end  # "Hợp tác xã Nông nghiệp Nam Hồng"
        suffix = ctx.lex.suffix_re.match(ctx.text, end)  # "… chi nhánh Thanh Hóa"
        end = suffix.end() if suffix else end
        if not ctx.text[ctx.space(pos)].isupper() and not head.lower_name:  # lower case must be anchored
            anchored = end > domain_end or ctx.lex.place_re.match(ctx.folded, ctx.space(end))
            if not ctx.text[start].isupper() or not anchored:
                end = None  # "trung tâm kinh tế", "Trung tâm kinh tế, văn hóa của tỉnh"
    if end is not None:
        edits.extend(domain_edits)
    if end is None and "proper" in kind:
        end = _read_proper(ctx, pos)
    if end is not None:
        return end, True, None if kind != "domain?" else head.needs
    return pos, False, head.needs if kind.endswith("?") else "name"


def _read_units(ctx: _Ctx, start: int) -> Reading | None:
    units: list[Unit] = []
    edits: list[tuple[int, int, str]] = []
    pos = start
    span_end = start
    while True:
        found = ctx.head_at(pos)
        if found is None:
            break
        head, head_end = found
        unit_edits = [(pos, head_end, head.canonical)]
        end, named, needs = _read_name(ctx, head, pos, head_end, unit_edits)
        if needs == "name":  # a head that must be named, with no name: "trường mầm non lấy trẻ"
            break
        units.append(Unit(head, pos, end, named, ctx.text[pos].isupper(), needs))
        edits.extend(unit_edits)
        span_end = end
        for optional in (ctx.lex.tail_re, ctx.lex.country_re):
            m = optional.match(ctx.folded, span_end)
            if m:
                span_end = m.end()
        nxt = ctx.space(span_end)
        if nxt == span_end:
            break
        linker = ctx.lex.linker_re.match(ctx.folded, nxt)
        if ctx.head_at(nxt) is not None:
            pos = nxt
        elif linker and ctx.head_at(linker.end()) is not None:
            pos = linker.end()
        else:
            break
    if not units:
        return None
    return Reading(units, start, span_end, edits)


def _read_place(ctx: _Ctx, reading: Reading) -> None:
    """The place that closes a name: "phường Đức Thuận", "thị xã", "Trung ương", "Hồng Lĩnh",
    "TP.Cần Thơ", "H.Mỏ Cày Nam", "huyện quỳnh lưu", or a bare name the gazetteer knows
    ("Sở Y tế Đà Nẵng")."""
    lex, end = ctx.lex, reading.end
    s = _place_start(ctx, reading)
    if s is None:
        return
    m = lex.place_re.match(ctx.folded, s)
    if m and _is_level_word(ctx, m):
        key = " ".join(m.group().split())
        after = m.end()
        comma = _COMMA.match(ctx.text, after)
        if comma and ctx.text[comma.end() : comma.end() + 1].islower() and lex.place_re.match(ctx.folded, comma.end()):
            reading.plural = True  # "Khối dân vận xã, phường" (but not "Hội LHPN huyện, Huyện đoàn")
            return
        glued = ctx.text[after - 1] == "." and ctx.text[after : after + 1].isalnum()
        name_end, known = _read_place_name(ctx, reading, after, lex.places[key], glued)
        if len(key.rstrip(".")) == 1 and not known and not _NUMBER_RE.match(ctx.text, after):
            return  # "H." is a district only before a district's name, never a person's initial
        reading.edits.append((m.start(), m.end(), lex.place_words[key] + (" " if glued else "")))
        number = _NUMBERED.match(ctx.text, after)  # "khu dân cư số 7"
        if name_end is None and number:
            name_end = number.end()
        reading.place = (s, name_end or after, lex.places[key], name_end is not None)
        reading.end = name_end or after
        return
    central = lex.central_re.match(ctx.folded, s)
    if central:
        reading.place = (s, central.end(), "central", True)
        reading.end = central.end()
        return
    if s > end and reading.units[-1].head.place_name:
        name_end, _ = _read_place_name(ctx, reading, end, None, False)
    else:
        known = _known_place(ctx, end, None) if s > end and ctx.text[s].isupper() else None
        name_end = _rename_place(ctx, reading, s, known) if known else None
    if name_end:
        reading.place = (s, name_end, None, True)
        reading.end = name_end


_LINE_BREAK = regex.compile(r"[ \t\u00a0]*\n[ \t\u00a0]*")


def _place_start(ctx: _Ctx, reading: Reading) -> int | None:
    """Where a place may follow the name: after a space, or on the next line when that line
    opens with a level word in capitals, as headings do ("ỦY BAN NHÂN DÂN\nHUYỆN PHÙ CÁT");
    None when nothing may follow."""
    end = reading.end
    s = ctx.space(end)
    if s > end:
        return s
    brk = _LINE_BREAK.match(ctx.text, end)
    level = ctx.lex.place_re.match(ctx.folded, brk.end()) if brk else None
    if level and ctx.text[brk.end() : level.end()].isupper():  # "Xã Tân Hội đã …" starts a sentence
        return brk.end()
    return None


def _read_place_name(ctx: _Ctx, reading: Reading, after: int, level: str | None, glued: bool) -> tuple[int | None, bool]:
    """The name after a level word: (end, known to the gazetteer).  The gazetteer's longest
    match wins over a reading that stops early ("Hồ Chí Minh" is not a person, "Bà Rịa - Vũng
    Tàu" is one name, "quỳnh lưu" is Quỳnh Lưu)."""
    known = _known_place(ctx, after, level, glued)
    proper = _read_proper(ctx, after, strict=True, number_first=True, glued=glued)
    if known and (proper is None or known[0] >= proper):
        return _rename_place(ctx, reading, after if glued else ctx.space(after), known), True
    _title_case_capitals(ctx, reading, after, proper)
    return proper, False


def _rename_place(ctx: _Ctx, reading: Reading, start: int, known: tuple[int, str]) -> int:
    """A known place written in capitals or in lower case gets its gazetteer name in 'canonical'."""
    end, name = known
    written = ctx.text[start:end]
    if written.isupper() or not written[:1].isupper():
        reading.edits.append((start, end, name))
    return end


_PLACE_WORD = regex.compile(r"[\p{L}\p{M}]+")
_PLACE_DASH = regex.compile(r"[ \t\u00a0]*[-–][ \t\u00a0]*")
_LOWER_CASE_LEVELS = ("province", "city", "town", "district")  # names distinct enough in lower case


def _known_place(ctx: _Ctx, pos: int, level: str | None, glued: bool = False) -> tuple[int, str] | None:
    """The longest run of up to six words at ``pos`` that the gazetteer knows as a unit of the
    level's tier (any tier without a level): (end, the unit's name).  Words may be joined by a
    dash ("Bà Rịa - Vũng Tàu"); the first is capitalised, or two or more words are in lower
    case after a province or district level word ("huyện quỳnh lưu")."""
    tiers = LEVEL_TIERS.get(level) if level else None
    if tiers == ():
        return None
    text, units_by_key = ctx.text, gazetteer().by_key
    first, q, best = None, pos, None
    for n in range(6):
        dash = _PLACE_DASH.match(text, q) if n else None
        s = dash.end() if dash else (q if glued and n == 0 else ctx.space(q))
        w = _PLACE_WORD.match(text, s) if s > q or (glued and n == 0) else None
        if not w:
            break
        if n == 0:
            first = s
            lower = not w.group()[0].isupper()
            if lower and level not in _LOWER_CASE_LEVELS:
                return None
        q = w.end()
        units = [u for u in units_by_key.get(lookup_key(text[first:q]), ()) if tiers is None or u.tier in tiers]
        if units and not (lower and n == 0):
            best = (q, units[0].name)
    return best


def _title_case_capitals(ctx: _Ctx, reading: Reading, start: int, end: int | None) -> None:
    """A place name written in capitals gets its usual case in 'canonical' ("XÃ PHÚ AN")."""
    start = ctx.space(start)
    if end and ctx.text[start:end].isupper():
        reading.edits.append((start, end, ctx.text[start:end].title()))


def _is_level_word(ctx: _Ctx, m: regex.Match) -> bool:
    """A level word, not the start of another word ("xã hội", "khu vực"); abbreviations in capitals."""
    key = " ".join(m.group().split())
    if ctx.lex.place_words[key] != key and not ctx.text[m.start()].isupper():
        return False  # "tp", "tx" in lower case
    after = ctx.space(m.end())
    nxt = _WORD_RE.match(ctx.folded, after) if after > m.end() else None
    if nxt and nxt.group() in ctx.lex.place_not_before.get(key, ()):
        return False
    before = ctx.folded[max(0, m.start() - 12) : m.start()].split()
    return not (before and before[-1] in ctx.lex.place_not_after.get(key, ()))


# --------------------------------------------------------------------------- checks


def _needs_met(reading: Reading) -> int:
    """How many leading units have what they need (a following body, a name, a place)."""
    units = reading.units
    for i, unit in enumerate(units):
        last = i == len(units) - 1
        followed = not last or reading.place is not None
        if unit.needs == "complement" and not (unit.named or followed):
            return i
        if unit.needs == "place" and not followed:
            return i
    return len(units)


def _standalone_ok(ctx: _Ctx, reading: Reading) -> bool:
    """A single bare head ("Thị ủy", "mặt trận"): allowed by its 'alone' rule and context."""
    unit = reading.units[0]
    if unit.head.alone == "never":
        return False
    if unit.head.alone == "cap" and not unit.surface_cap:
        return False
    if unit.surface_cap:
        return True
    after = ctx.text[reading.end : reading.end + 1]
    return after == "" or not (after.isalnum() or after in " \t\u00a0") or bool(
        ctx.lex.followers_re.match(ctx.folded, reading.end)
    )


def _is_class_phrase(ctx: _Ctx, reading: Reading) -> bool:
    lex = ctx.lex
    before = ctx.folded[max(0, reading.start - 40) : reading.start]
    if lex.plural_before_re.search(before) or lex.event_before_re.search(before):
        return True
    if reading.plural or lex.plural_after_re.match(ctx.folded, reading.end):
        return True
    surface = " ".join(ctx.folded[reading.start : reading.end].split())
    return surface.startswith(lex.excluded)


# --------------------------------------------------------------------------- canonical, type, locality

_AMPERSAND = regex.compile(r"[ ]*&[ ]*")
_DASH_BETWEEN_WORDS = regex.compile(r"(?<=\p{L})[ ]*[-–][ ]*(?=\p{L})")


def canonical_name(text: str, start: int, end: int, edits: list[tuple[int, int, str]], head: bool = True) -> str:
    """The surface with head words, qualifiers and abbreviations in their standard form."""
    out, pos = [], start
    for s, e, replacement in sorted(edits):
        if s < pos or e > end:
            continue
        out.append(text[pos:s])
        out.append(replacement)
        pos = e
    out.append(text[pos:end])
    name = " ".join("".join(out).split())
    name = _expand_abbreviations(name)
    name = _AMPERSAND.sub(" và ", name)
    name = _DASH_BETWEEN_WORDS.sub(" - ", name)
    name = normalise_tones(name)
    return name[:1].upper() + name[1:] if head else name


def _expand_abbreviations(name: str) -> str:
    abbreviations = lexicon().abbreviations

    def expand(m: regex.Match) -> str:
        entry = abbreviations.get(m.group())
        if not entry or entry.get("kind") in ("title", "class"):
            return m.group()
        before = name[: m.start()]
        if "candidates" in entry:
            return next((c for c in entry["candidates"] if c not in before), entry["candidates"][0])
        expansion = entry["expansion"]
        words = expansion.split()
        for n in range(len(words) - 1, 0, -1):  # "Trung tâm TTVH": do not repeat "Trung tâm"
            if before.rstrip().endswith(" ".join(words[:n])):
                return " ".join(words[n:])
        return expansion

    return _ABBREV_TOKEN.sub(expand, name)


def _type_of(units: list[Unit]) -> str:
    for i, unit in enumerate(units):
        if unit.head.type != "inherit":
            return unit.head.type
        if i == len(units) - 1:
            return unit.head.fallback or "other"
    return "other"


def _locality(ctx: _Ctx, reading: Reading, localities) -> str | None:
    """The place a body belongs to: a locality inside its name, the place written after
    it, else the document's own unit of the level it names ("Công an thị xã" → the town)."""
    inside = [
        loc for loc in localities
        if reading.start <= loc.char_start and loc.char_end <= reading.end
    ]
    if inside:
        return max(inside, key=lambda loc: (loc.char_start, loc.char_end)).text
    level = None
    if reading.place is not None:
        start, end, level, named = reading.place
        if level == "central":
            return None
        if named:
            return ctx.text[start:end]
    if level is None:
        level = next((u.head.level for u in reversed(reading.units) if u.head.level), None)
    same = [loc for loc in localities if level and loc.level == level]
    if not same:
        return None
    names = [fold_case_keeping_offsets(loc.name or loc.text) for loc in same]
    main = max(names, key=names.count)  # the document's own unit: the one it names most
    mentions = [loc for loc, name in zip(same, names) if name == main]
    worded = [loc for loc in mentions if fold_case_keeping_offsets(loc.text) != main]
    return (worded or mentions)[0].text


# --------------------------------------------------------------------------- the pass


@dataclass
class _Found:
    reading: Reading
    complete: bool | None  # None: a bare coordinated head waiting for the next body's place


def _scan(ctx: _Ctx, claims: list[tuple[int, int]]) -> list[_Found]:
    """Read a name at every head word, left to right; a name's inner heads are skipped."""
    found: list[_Found] = []
    pos = 0
    for m in ctx.lex.head_finder.finditer(ctx.folded):
        for start in _word_starts(ctx, m):
            if start < pos or any(s <= start < e for s, e in claims):
                continue
            reading = _read_units(ctx, start)
            if reading is None:
                continue
            _read_place(ctx, reading)
            if _is_class_phrase(ctx, reading):
                pos = reading.end
                break
            status = _accept(ctx, reading)
            if status is not False:
                found.append(_Found(reading, status))
                pos = reading.end
            break
    return found


def _word_starts(ctx: _Ctx, m: regex.Match) -> list[int]:
    """The match's start, then its inner words: a head refused in lower case does not hide
    the one inside it ("cán bộ Công an xã" is not "Bộ Công an", but holds "Công an xã")."""
    inner = [i for i in range(m.start() + 1, m.end()) if ctx.folded[i - 1] in " \t\u00a0" and not ctx.folded[i].isspace()]
    return [m.start(), *inner]


def _accept(ctx: _Ctx, reading: Reading) -> bool | None:
    """True: a body; False: not one; None: a bare head kept in case a coordination completes it."""
    met = _needs_met(reading)
    if 0 < met < len(reading.units):
        _truncate(reading, met)
    unit = reading.units[0]
    bare = len(reading.units) == 1 and not unit.named and reading.place is None
    if met == 0 or (bare and not _standalone_ok(ctx, reading)):
        return None if bare and unit.head.coordinate else False
    return True


def _truncate(reading: Reading, n: int) -> None:
    reading.units = reading.units[:n]
    reading.end = reading.units[-1].end
    reading.place = None
    reading.edits = [e for e in reading.edits if e[1] <= reading.end]


_COORDINATION = regex.compile(r"""
      [ \t\u00a0]* , [ \t\u00a0]*     # a comma
    | [ \t\u00a0]+ và [ \t\u00a0]+    # "và" (and)
""", regex.VERBOSE)


def _coordinate(ctx: _Ctx, found: list[_Found]) -> list[tuple[Reading, str | None, Reading | None]]:
    """Fill in a shared place: "Thường trực, Ban thường vụ Thành uỷ" → Thường trực Thành ủy."""
    out = []
    for i, item in enumerate(found):
        reading = item.reading
        expanded, partner = None, None
        bare = len(reading.units) == 1 and not reading.units[0].named and reading.place is None
        nxt = found[i + 1].reading if i + 1 < len(found) else None
        if bare and reading.units[0].head.coordinate and nxt is not None and found[i + 1].complete:
            gap = _COORDINATION.fullmatch(ctx.text, reading.end, nxt.start)
            if gap and nxt.units[0].head.coordinate and (len(nxt.units) > 1 or nxt.place is not None):
                rest_start = nxt.units[1].start if len(nxt.units) > 1 else nxt.place[0]
                rest = canonical_name(ctx.text, rest_start, nxt.end, nxt.edits, head=False)
                expanded, partner = f"{reading.units[0].head.canonical} {rest}", nxt
        if item.complete or expanded:
            out.append((reading, expanded, partner))
    return out


def find_organisations(doc, *, localities=(), claimed=()) -> list[Organisation]:
    """Every organisation mention of a tokenised ``Doc`` (or a bare string).

    ``localities`` are the localities pass's records for the same text (used to name the
    place a body belongs to); ``claimed`` are (start, end) spans no name may start in
    (document numbers such as "241-CV/BDVTU").

    >>> [(o.text, o.canonical, o.type, o.locality)
    ...  for o in find_organisations("Phó Trưởng Ban Dân vận Thị uỷ Hồng Lĩnh và Hội LHPN phường Bắc Hồng")]
    [('Ban Dân vận Thị uỷ Hồng Lĩnh', 'Ban Dân vận Thị ủy Hồng Lĩnh', 'party', 'Hồng Lĩnh'), \
('Hội LHPN phường Bắc Hồng', 'Hội Liên hiệp Phụ nữ phường Bắc Hồng', 'mass', 'phường Bắc Hồng')]
    """
    if isinstance(doc, str):
        from ..tokenise import tokenise

        doc = tokenise(doc)
    text = doc_text(doc)
    ctx = _Ctx(text)
    localities = list(localities or ())
    results = []
    spans = []
    for reading, expanded, partner in _coordinate(ctx, _scan(ctx, list(claimed or ()))):
        span = doc.char_span(reading.start, reading.end, label=_type_of(reading.units), alignment_mode="expand")
        results.append(
            Organisation(
                text=text[reading.start : reading.end],
                canonical=expanded or canonical_name(text, reading.start, reading.end, reading.edits),
                expanded=expanded,
                type=_type_of(reading.units),
                locality=_locality(ctx, partner or reading, localities),
                char_start=reading.start,
                char_end=reading.end,
                sentence=sentence_at(doc, reading.start) if span is not None else None,
            )
        )
        if span is not None:
            spans.append(span)
    if hasattr(doc, "spans"):
        doc.spans["organisations"] = spans
    return results
