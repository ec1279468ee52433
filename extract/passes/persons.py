"""Persons: authors and people named in a report, with the role written next to them.

A person name is read in three ways (``data/person_titles.json`` holds every word list):

1. an honorific + 2–4 capitalised syllables: "ông Phạm Việt Hồng", "bà Lê Thị Bét",
   "đồng chí Nguyễn Hồi", "Mẹ Việt Nam anh hùng Lê Thị Dặn";
2. a known surname + capitalised syllables, at least three syllables in all
   ("Nguyễn Thị Thắm"); a surname that is also a common word or the start of many place
   names (Hồ, Hà, Kim, Cao …) needs a usual middle name after it ("Hà Văn Nam", not
   "Hà Nội Mới"); two-syllable names need an honorific, a title or the byline;
3. the byline the metadata stage found (``meta_author``: "Lệ Thu", "Thu Hằng").

Not persons: a capitalised run right after a word that makes it part of a place, body or
idea ("trường THCS Huỳnh Đinh Túc", "xã Phạm Ngũ Lão", "tư tưởng Hồ Chí Minh"), a run
inside an organisation span, and historical figures ("Chủ tịch Hồ Chí Minh", "Bác Hồ",
"đường Lê Lợi") — they are not people of the report.

The role is the title written right after the name (" - Phó Trưởng Ban Dân vận Thị ủy Hồng
Lĩnh", ", Bí thư Đảng ủy xã") or right before it ("Chủ tịch UBND xã, ông …"); ``org`` is the
body inside the role: an organisation span from the organisations pass when one lies in it,
else the words after the post when they start like a body ("Chủ tịch Hội Nông dân phường"
→ "Hội Nông dân phường").  One entry per name with every mention's offsets.

Sets ``doc.spans["persons"]`` (label "PER") when given a spaCy ``Doc``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex
from spacy.attrs import IDX

from ..lexicons import load_data
from ..records import Organisation, Person
from ..tokenise import doc_sentences
from ..tokenise import doc_text
from ..vntext import compare_key

_S = r"[ \t\u00a0]"
_SYL = r"\p{Lu}\p{Ll}*"  # one capitalised syllable ("Thắm", "A"); "THCS" and "PhuỚc" are not
_NAME_TAIL = r"(?:" + _S + _SYL + r"(?![\p{L}\d])){%d,3}"
_CLAUSE_BREAK = ".;:!?()\n…\"“”"
_SPACES = regex.compile(_S + r"*")


@dataclass(frozen=True)
class Lexicon:
    honorific: regex.Pattern  # an honorific then a name
    capitalised_anywhere: frozenset
    title: regex.Pattern  # positions and honours, longest first, case-insensitive
    honours: frozenset  # casefolded
    shared_head: dict  # casefolded post → number of its final words that head the body
    surname_name: regex.Pattern
    ambiguous: frozenset
    middle: frozenset
    not_names: frozenset  # compare_key(): historical figures and name-like places/bodies
    blockers_exact: frozenset
    blockers_lower: frozenset
    levels_exact: frozenset
    levels_lower: frozenset
    compounds: frozenset  # "gia đình": ends in a blocker syllable but is no blocker
    body_words: frozenset  # lower-case words that continue the body of a role
    org_head: regex.Pattern
    org_words: frozenset  # one-word body heads: "Hội", "Ban" — "chị Hội Liên hiệp …" is no name


def _data() -> dict:
    return load_data("person_titles.json")


def check_person_titles(data: dict) -> None:
    """Surname groups are disjoint; no honour is also a position."""
    distinctive, ambiguous = set(data["surnames"]["distinctive"]), set(data["surnames"]["ambiguous"])
    if distinctive & ambiguous:
        raise ValueError(f"person_titles.json: surnames in both groups: {sorted(distinctive & ambiguous)}")
    positions = {p.casefold() for p in data["positions"]}
    honours = {h.casefold() for h in data["honours"]}
    if positions & honours:
        raise ValueError(f"person_titles.json: both position and honour: {sorted(positions & honours)}")
    for post in data["positions_sharing_head"]:
        if not post.startswith("_") and post.casefold() not in positions:
            raise ValueError(f"person_titles.json: positions_sharing_head names unknown post {post!r}")


def _alternation(words, flags: str = "") -> str:
    body = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = _data()
    check_person_titles(data)
    surnames = data["surnames"]["distinctive"] + data["surnames"]["ambiguous"]
    blockers, levels = data["name_blockers"], data["level_blockers"]
    return Lexicon(
        honorific=regex.compile(
            r"(?<![\p{L}\d])(?P<h>" + _alternation(data["honorifics"], "i") + r")" + _S + r"+"
            r"(?P<name>" + _SYL + r"(?![\p{L}\d])" + _NAME_TAIL % 1 + r")"
        ),
        capitalised_anywhere=frozenset(data["capitalised_anywhere"]),
        title=regex.compile(
            r"(?<![\p{L}\d])" + _alternation(data["positions"] + data["honours"], "i") + r"(?![\p{L}\d])"
        ),
        honours=frozenset(h.casefold() for h in data["honours"]),
        shared_head={k.casefold(): v for k, v in data["positions_sharing_head"].items() if not k.startswith("_")},
        surname_name=regex.compile(
            r"(?<![\p{L}\d])(?P<name>" + _alternation(surnames) + r"(?![\p{L}\d])" + _NAME_TAIL % 1 + r")"
        ),
        ambiguous=frozenset(data["surnames"]["ambiguous"]),
        middle=frozenset(data["middle_names"]),
        not_names=frozenset(compare_key(n) for n in data["historical_figures"] + data["not_names"]),
        blockers_exact=frozenset(b for b in blockers if b.isupper()),
        blockers_lower=frozenset(b for b in blockers if not b.isupper()),
        levels_exact=frozenset(b for b in levels if b.isupper()),
        levels_lower=frozenset(b for b in levels if not b.isupper()),
        compounds=frozenset(c.casefold() for c in data["blocker_compounds"]),
        body_words=frozenset(w.casefold() for w in data["role_body_words"]),
        org_head=regex.compile(r"(?:" + _alternation(data["role_org_heads"]) + r")(?![\p{L}\d])"),
        org_words=frozenset(h for h in data["role_org_heads"] if " " not in h and h[0].isupper()) - set(surnames),
    )


# ------------------------------------------------------------------------------ names


@dataclass
class Mention:
    start: int  # the whole mention: prefix role or honorific, name, role after it
    end: int
    name_start: int
    name_end: int
    honorific: str | None = None
    role_span: tuple[int, int] | None = None
    source: str = "text"  # text | byline


def _truncate_at_title(text: str, start: int, end: int) -> int:
    """A name stops before a capitalised title: "Nguyễn Văn A Chủ tịch …" → "Nguyễn Văn A"."""
    lex = lexicon()
    for m in regex.finditer(_S + r"(?=" + _SYL + r")", text[start:end]):
        at = start + m.end()
        t = lex.title.match(text, at)
        if t and text[at].isupper():
            return start + m.start()
    return end


def _word_before(text: str, start: int, exact: frozenset, lower: frozenset) -> bool:
    """True when the one to three words before ``start`` (same line, no comma) are listed.

    Lower-case entries also match capitalised at a sentence start; a two-word compound
    ending in a listed syllable ("gia đình", "bộ đội") does not match.
    """
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40) : start].rstrip(" \t\u00a0")
    if not before or before[-1] in ",;:(":
        return False
    words = before.split()
    if len(words) >= 2 and " ".join(words[-2:]).casefold() in lexicon().compounds:
        return False
    for n in (3, 2, 1):
        if len(words) >= n:
            phrase = " ".join(words[-n:])
            if phrase in exact or phrase in lower or (phrase[:1].lower() + phrase[1:]) in lower:
                return True
    return False


def _blocked(text: str, words: _Words, m: Mention) -> bool:
    """True when the words before a bare name make it part of a place, body or idea.

    After a level word ("xã Phạm Ngũ Lão") the run is a place, unless a title chain ends
    there and the run has a usual middle name ("Bí thư chi bộ thôn Nguyễn Văn Tư").
    """
    lex = lexicon()
    if _word_before(text, m.name_start, lex.blockers_exact, lex.blockers_lower):
        return True
    if not _word_before(text, m.name_start, lex.levels_exact, lex.levels_lower):
        return False
    syllables = text[m.name_start : m.name_end].split()
    personal = len(syllables) >= 3 and syllables[1] in lex.middle
    return not (personal and _role_before(text, words, m.name_start))


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0")
    return not before or before[-1] in "\n.!?:;-–(“\"*"


def _honorific_mentions(text: str) -> list[Mention]:
    lex = lexicon()
    found = []
    for m in lex.honorific.finditer(text):
        h = m["h"]
        if h[0].isupper() and h not in lex.capitalised_anywhere and not _at_sentence_start(text, m.start()):
            continue  # "Bà Rịa", "Anh Quốc": a capitalised honorific mid-sentence starts a name of a place
        end = _truncate_at_title(text, m.start("name"), m.end("name"))
        syllables = text[m.start("name") : end].split()
        if len(syllables) < 2 or syllables[0] in lex.org_words:
            continue
        found.append(Mention(m.start(), end, m.start("name"), end, honorific=h))
    return found


def _surname_mentions(text: str) -> list[Mention]:
    lex = lexicon()
    found = []
    for m in lex.surname_name.finditer(text):
        end = _truncate_at_title(text, m.start(), m.end())
        syllables = text[m.start() : end].split()
        if len(syllables) < 2:
            continue
        if syllables[0] in lex.ambiguous and syllables[1] not in lex.middle:
            continue
        found.append(Mention(m.start(), end, m.start(), end))
    return found


def _byline_mentions(text: str, author: str | None) -> list[Mention]:
    """The last line that starts with the metadata's author ("Lệ Thu", "Nguyễn Thị Thắm - …")."""
    if not author:
        return []
    pattern = regex.compile(r"(?m)^" + _S + r"*(" + regex.escape(author.strip()) + r")(?=" + _S + r"*(?:$|[-–—,(]))")
    hits = list(pattern.finditer(text))
    if not hits:
        return []
    m = hits[-1]
    return [Mention(m.start(1), m.end(1), m.start(1), m.end(1), source="byline")]


# ------------------------------------------------------------------------------ roles


class _Words:
    """The document's words (underthesea tokens), found by character offset.

    Only the words after a title are read, so Token objects are made for those alone.
    """

    def __init__(self, doc):
        self.doc = doc

    @cached_property
    def starts(self):
        return self.doc.to_array(IDX)

    def from_offset(self, pos: int, until: int):
        """(start, end, text) of the words that start at or after ``pos`` and end by ``until``."""
        for i in range(int(self.starts.searchsorted(pos)), len(self.doc)):
            token = self.doc[i]
            if token.is_space:
                continue
            end = token.idx + len(token.text)
            if end > until:
                return
            yield token.idx, end, token.text


def _continues_body(word: str) -> bool:
    """A capitalised word, a number, or a listed lower-case word ("xã", "ủy", "thôn Đông")."""
    if word[0].isupper() or word[0].isdigit():
        return True
    body = lexicon().body_words
    return word.casefold() in body or word.split()[0].casefold() in body


def _role_end(text: str, words: _Words, pos: int, until: int | None = None, limit: int = 16) -> int:
    """Extend a role from ``pos`` (just after a post) over the words of its body."""
    until = len(text) if until is None else until
    end, count = pos, 0
    for start, w_end, word in words.from_offset(pos, until):
        if start < end:
            continue  # a word already covered by a title after a comma
        count += 1
        if count > limit or "\n" in text[end:start]:
            break
        if word == ",":
            title = lexicon().title.match(text, _SPACES.match(text, w_end).end(), until)
            if not title:
                break
            end = title.end()
        elif word[0] in _CLAUSE_BREAK or word in "-–—" or not _continues_body(word):
            break
        else:
            end = w_end
    return end


_ROLE_SEP = regex.compile(_S + r"*(?:[-–—]|,)" + _S + r"*")


def _role_after(text: str, words: _Words, name_end: int) -> tuple[int, int] | None:
    sep = _ROLE_SEP.match(text, name_end)
    if not sep:
        return None
    title = lexicon().title.match(text, sep.end())
    if not title:
        return None
    return title.start(), _role_end(text, words, title.end())


def _role_before(text: str, words: _Words, start: int) -> tuple[int, int] | None:
    """The fullest title chain right before ``start``: "Chủ tịch UBND xã, ông …"."""
    window_start = max(text.rfind("\n", 0, start) + 1, start - 160)
    breaks = list(regex.finditer(r"[.;:!?()…\"“”]", text, pos=window_start, endpos=start))
    if breaks:
        window_start = breaks[-1].end()
    for t in lexicon().title.finditer(text, window_start, start):
        end = _role_end(text, words, t.end(), until=start)
        if regex.fullmatch(_S + r"*,?" + _S + r"*", text[end:start]):
            return t.start(), end
    return None


def _org_in_role(text: str, role: tuple[int, int], organisations) -> str | None:
    """The body inside a role: an organisation span, else the words after the last post."""
    inside = [o for o in organisations if role[0] <= o.char_start and o.char_end <= role[1]]
    if inside:
        best = max(inside, key=lambda o: o.char_end - o.char_start)
        return text[best.char_start : best.char_end]
    lex = lexicon()
    posts = list(lex.title.finditer(text, role[0], role[1]))
    if not posts or posts[-1].group().casefold() in lex.honours:
        return None
    post = posts[-1]
    segment_end = text.find(",", post.end(), role[1])
    segment_end = role[1] if segment_end < 0 else segment_end
    remainder = text[post.end() : segment_end].strip()
    if not remainder:
        return None  # "Trưởng ban" alone
    head = _shared_head_start(post)
    if head is not None:
        return text[head:segment_end].strip()  # "Phó Trưởng Ban Dân vận …" → "Ban Dân vận …"
    return remainder if lex.org_head.match(remainder) else None


def _shared_head_start(post: regex.Match) -> int | None:
    """'Phó Trưởng Ban' → the offset of 'Ban', the head of the body the post leads."""
    n = lexicon().shared_head.get(post.group().casefold())
    if not n:
        return None
    words = list(regex.finditer(r"\S+", post.group()))
    return post.start() + words[-n].start()


# ------------------------------------------------------------------------- combining


def _inside(spans, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _candidates(text: str, words: _Words, meta_author: str | None, organisations) -> list[Mention]:
    lex = lexicon()
    org_spans = [(o.char_start, o.char_end) for o in organisations]
    honorific = _honorific_mentions(text)
    taken = [(m.name_start, m.name_end) for m in honorific]
    byline = _byline_mentions(text, meta_author)
    taken += [(m.name_start, m.name_end) for m in byline]
    surname = [
        m for m in _surname_mentions(text) if not any(m.name_start < e and s < m.name_end for s, e in taken)
    ]
    kept = []
    for m in sorted(honorific + byline + surname, key=lambda m: m.name_start):
        name = text[m.name_start : m.name_end]
        if compare_key(name) in lex.not_names or _inside(org_spans, m.name_start, m.name_end):
            continue
        if m.source == "text" and not m.honorific and _blocked(text, words, m):
            continue
        kept.append(m)
    return kept


def _attach_roles(text: str, words: _Words, mentions: list[Mention]) -> list[Mention]:
    """Roles after or before each name; a name inside an earlier role is part of it."""
    out: list[Mention] = []
    for m in mentions:
        if any(p.role_span and p.role_span[0] <= m.name_start < p.role_span[1] for p in out):
            continue
        after, before = _role_after(text, words, m.name_end), _role_before(text, words, m.start)
        role = after or before
        if role:
            m.role_span = role
            m.start, m.end = min(m.start, role[0], before[0] if before else m.start), max(m.end, role[1])
        elif m.source == "text" and not m.honorific and len(text[m.name_start : m.name_end].split()) < 3:
            continue  # a bare two-syllable run ("Vũ Xá", "Kim Động") is a place more often than a person
        out.append(m)
    return out


def _record(text: str, m: Mention, organisations, sentence) -> dict:
    role = text[m.role_span[0] : m.role_span[1]] if m.role_span else None
    if role is None and m.honorific and m.honorific.casefold() in lexicon().honours:
        role = m.honorific
    org = _org_in_role(text, m.role_span, organisations) if m.role_span else None
    if org is None and m.source == "byline":
        org = _org_on_next_line(text, m.end, organisations)
    return {
        "name": text[m.name_start : m.name_end],
        "role": role,
        "org": org,
        "honorific": m.honorific,
        "source": m.source,
        "text": text[m.start : m.end],
        "char_start": m.start,
        "char_end": m.end,
        "sentence": sentence(m.start),
    }


def _org_on_next_line(text: str, end: int, organisations) -> str | None:
    """A sign-off organisation on the line under the byline ("Thu Hằng" / "Trung tâm TTVH")."""
    line_end = text.find("\n", end)
    if line_end < 0 or text[end:line_end].strip():
        return None
    nxt_start = line_end + 1
    nxt_end = text.find("\n", nxt_start)
    nxt_end = len(text) if nxt_end < 0 else nxt_end
    line = text[nxt_start:nxt_end]
    lead = len(line) - len(line.lstrip())
    for o in organisations:
        if o.char_start == nxt_start + lead and o.char_end >= nxt_start + len(line.rstrip()):
            return text[o.char_start : o.char_end]
    return None


def _merge(records: list[dict]) -> list[dict]:
    """One entry per name; the first mention with a role gives text, role and offsets."""
    by_name: dict[str, dict] = {}
    for rec in records:
        key = compare_key(rec["name"])
        mention = {"char_start": rec["char_start"], "char_end": rec["char_end"]}
        entry = by_name.get(key)
        if entry is None:
            by_name[key] = entry = {**rec, "mentions": []}
        elif entry["role"] is None and rec["role"] is not None:
            entry.update({k: v for k, v in rec.items() if k != "source"})
        entry["mentions"].append(mention)
    return list(by_name.values())


def _sentence_finder(doc, text: str):
    bounds: list[tuple[int, int]] = []
    starts: list[int] = []

    def sentence(offset: int) -> str | None:
        if not bounds:
            bounds.extend(doc_sentences(doc))
            starts.extend(b[0] for b in bounds)
        i = bisect_right(starts, offset) - 1
        if i >= 0 and bounds[i][0] <= offset < bounds[i][1]:
            return text[bounds[i][0] : bounds[i][1]]
        return None

    return sentence


def find_persons(doc, *, organisations: list[Organisation] = (), meta_author: str | None = None) -> list[Person]:
    """Authors and named people of a tokenised ``Doc`` (a plain string is tokenised first).

    Each: ``name``, ``role`` (as written, or None), ``org`` (the body in the role, or None),
    ``honorific`` (ông, bà, đồng chí … or None), ``source`` ("text" or "byline"), ``text``,
    ``char_start``, ``char_end``, ``sentence`` and ``mentions``.  ``organisations`` are the
    organisations pass's records (their spans keep "trường THCS Huỳnh Đinh Túc" out and give
    the body of a role); ``meta_author`` is the byline the metadata stage found.
    Sets ``doc.spans["persons"]`` (label "PER").

    >>> [(p.name, p.role, p.org) for p in find_persons(
    ...     "Tiêu biểu có hộ ông Phạm Việt Hồng - Chủ tịch Hội Nông dân phường.")]
    [('Phạm Việt Hồng', 'Chủ tịch Hội Nông dân phường', 'Hội Nông dân phường')]
    >>> [p.name for p in find_persons("Nhận phụng dưỡng Mẹ Lê Thị Dặn và bà Lê Thị Bét.")]
    ['Lê Thị Dặn', 'Lê Thị Bét']
    """
    if isinstance(doc, str):
        from ..tokenise import tokenise

        doc = tokenise(doc)
    text, words = doc_text(doc), _Words(doc)
    organisations = list(organisations or ())
    mentions = _attach_roles(text, words, _candidates(text, words, meta_author, organisations))
    sentence = _sentence_finder(doc, text)
    persons = [Person(**entry) for entry in _merge([_record(text, m, organisations, sentence) for m in mentions])]
    _set_spans(doc, persons)
    return persons


def _set_spans(doc, persons: list[Person]) -> None:
    spans = []
    for p in persons:
        for m in p.mentions:
            span = doc.char_span(m["char_start"], m["char_end"], label="PER", alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.spans["persons"] = spans
