"""Document references: "Nghị quyết số 04-NQ/ThU, ngày 20/12/2016" → type, number, issuer, date.

A reference is a document named with a number (GUIDELINES §2.5).  Three shapes are read,
in this priority (an earlier shape's span wins over a later one inside it):

1. a genre word, optionally "số", then a number — with a symbol ("Kế hoạch số 160-KH/TU",
   "Thông tư 02/2013/TT-BVHTTDL", "Luật số 47/2019/QH14"), bare ("Chỉ thị 27",
   "Quyết định 217, 218" → two entries sharing one text) or a plenum for resolutions
   ("Nghị quyết Trung ương 4");
2. the document's own number at the start of a header line ("Số: 07/KH-UBND"), dated by
   the header's "…, ngày 02 tháng 10 năm 2020" line;
3. a symbol alone whose type code is known ("theo 04-NQ/ThU"), or after "văn bản số".

The genre words and symbol codes are data (``data/doc_types.json``: Nghị định 30/2020/NĐ-CP
Phụ lục III for state documents, Hướng dẫn 36-HD/VPTW for party documents).  The symbol's
code overrides the word ("văn bản số 112-CV/BDVHU" → Công văn).  A date is kept only when
it is written right after the number ("…, ngày 20/12/2016", "ngày 3/6/2013").  Each number
is one entry per document with its fullest text and every mention's offsets.

Sets ``doc.spans["doc_refs"]`` (label = type) when given a spaCy ``Doc``.  The spans are
meant to be passed to the figures pass as ``claimed`` so that "04-NQ/ThU" is never a figure.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex

from ..hinted import Hinted, hinted
from ..lexicons import load_data
from ..records import DocRef
from ..tokenise import doc_sentences, doc_text
from ..vntext import compare_key

_S = r"[ \t\u00a0]"  # a space that never crosses a line
_NUM = r"(?<![\p{L}\d/.,])\d{1,5}"
_YEAR = r"(?:19|20)\d\d"
_DATE = rf"""(?x:   # a date
      (?P<d>\d{{1,2}}) {_S}* (?P<sep>[/.-]) {_S}* (?P<m>\d{{1,2}}) {_S}* (?P=sep) {_S}* (?P<y>\d{{4}})   # 20/12/2016
    | (?P<d2>\d{{1,2}}) {_S}+ tháng {_S}+ (?P<m2>\d{{1,2}}) {_S}+ năm {_S}+ (?P<y2>\d{{4}})
        # "20 tháng 12 năm 2016" (day 20, month 12, year 2016)
)"""
# ", ngày 20/12/2016", " ngày 3/6/2013", " (ngày 12/5/2021)", " ban hành ngày …"
_DATE_AFTER = regex.compile(rf"""
    {_S}* (?: , | {_S} ) {_S}* (?P<open> \( )? {_S}*   # a comma or a space, maybe a parenthesis
    (?: (?i: ban\ hành ) {_S}+ )?                     # maybe "ban hành" (issued)
    (?i: ngày ) {_S}+ (?: {_DATE} )                   # "ngày" (on the day) and a date
    (?(open) {_S}* \) )                               # the parenthesis closed
""", regex.VERBOSE)
_HEADER_DATE = regex.compile(rf"""
    (?i: ngày ) {_S}+ (?: {_DATE} )   # "ngày" (on the day) and a date
""", regex.VERBOSE)
HEADER_LINES = 20  # the document's own "Số: …" and its dateline sit in the first lines


@dataclass(frozen=True)
class Lexicon:
    """Everything read from ``data/doc_types.json``, compiled once."""

    type_word: Hinted  # genre words, longest first (searched only where one starts)
    word_type: dict  # casefolded word → (type, bare_number, plenum)
    generic: regex.Pattern
    codes: dict  # style ("state"/"party") → {code: type}
    no_code_type: str
    symbol: regex.Pattern  # a number with a symbol: 04-NQ/ThU, 02/2013/TT-BVHTTDL, 1234/QĐ-
    bare_followers: regex.Pattern


def _data() -> dict:
    return load_data("doc_types.json")


def check_doc_types(data: dict) -> None:
    """No genre word may belong to two types; every code must name a known type."""
    seen: dict[str, str] = {}
    for type_name, entry in data["types"].items():
        for word in entry["words"]:
            key = word.casefold()
            if key in seen and seen[key] != type_name:
                raise ValueError(f"doc_types.json: {word!r} is both {seen[key]} and {type_name}")
            seen[key] = type_name
    for style, codes in data["codes"].items():
        for code, type_name in codes.items():
            if type_name not in data["types"]:
                raise ValueError(f"doc_types.json: code {style}/{code} names unknown type {type_name}")


def _symbol_pattern(codes: dict) -> regex.Pattern:
    """A number with its symbol: 04-NQ/ThU, 02/2013/TT-BVHTTDL, 47/2019/QH14, 1234/QĐ-."""
    mixed_case = sorted({c for style in codes.values() for c in style if not c.isupper()}, key=len, reverse=True)
    comp = r"\p{Lu}[\p{L}\d&]*"  # NQ, ThU, BVHTTDL, QH14, QĐi
    # after a spaced separator ("15/2017/ TT - BTC") a component must look like a code, so
    # that "41-KH/TU - Thị ủy" does not swallow "Thị"
    alternatives = [regex.escape(c) for c in mixed_case] + [r"\p{Lu}[\p{Lu}\d&]*"]
    code_like = r"(?:" + "|".join(alternatives) + r")(?![\p{L}\d])"
    first = r"(?:[-–/]" + comp + r"|" + _S + r"?[-–/]" + _S + r"*" + code_like + r")"
    more = r"(?:[-–/]" + comp + r"|" + _S + r"*[-–/]" + _S + r"*" + code_like + r")"
    year = r"(?:" + _S + r"?/" + _S + r"?" + _YEAR + r")?"
    dangling = r"(?:[-–](?![\p{L}\d]))?"  # "1234/QĐ-" kept as written
    return regex.compile(r"(?P<num>" + _NUM + year + first + more + r"*" + dangling + r")")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = _data()
    check_doc_types(data)
    word_type = {}
    for type_name, entry in data["types"].items():
        for word in entry["words"]:
            word_type[word.casefold()] = (type_name, entry.get("bare_number", False), entry.get("plenum", False))
    words = sorted(word_type, key=len, reverse=True)
    type_source = r"(?<![\p{L}\d])(?P<word>" + "|".join(regex.escape(w) for w in words) + r")(?![\p{L}\d])"
    type_word = hinted(type_source, words, flags=regex.IGNORECASE)
    generic = regex.compile(
        r"(?<![\p{L}\d])(?:" + "|".join(regex.escape(w) for w in data["generic_words"]) + r")" + _S + r"+$",
        regex.IGNORECASE,
    )
    followers = data["bare_number_followers"]
    bare_followers = regex.compile(
        _S + r"*(?:$|\n|[" + regex.escape(followers["punctuation"]) + r"]|(?:"
        + "|".join(regex.escape(w) for w in sorted(followers["words"], key=len, reverse=True))
        + r")(?![\p{L}\d]))",
        regex.IGNORECASE,
    )
    return Lexicon(
        type_word=type_word,
        word_type=word_type,
        generic=generic,
        codes=data["codes"],
        no_code_type=data["no_code_type"],
        symbol=_symbol_pattern(data["codes"]),
        bare_followers=bare_followers,
    )


# ------------------------------------------------------------------------- number parts


@dataclass
class Ref:
    """One reference mention: the text span, its number(s) and what they say."""

    start: int
    end: int
    numbers: list[str]
    word_type: str | None  # the type named by the genre word, if any
    date: str | None = None
    own: bool = False  # the document's own header number


def normalise_number(surface: str) -> str:
    """Spaces removed: "15/2017/ TT - BTC" → "15/2017/TT-BTC"; en dashes become hyphens.

    >>> normalise_number("15/2017/ TT - BTC")
    '15/2017/TT-BTC'
    """
    return regex.sub(r"\s+", "", surface).replace("–", "-")


def split_symbol(number: str) -> tuple[str | None, str | None, str | None]:
    """(style, code, issuer) of a normalised number; code None when none is known.

    Party numbers are number-CODE/ISSUER, state numbers number[/year]/CODE-ISSUER; a state
    công văn has no code ("15/UBND-VX": issuer "UBND-VX").

    >>> split_symbol("04-NQ/ThU")
    ('party', 'NQ', 'ThU')
    >>> split_symbol("02/2013/TT-BVHTTDL")
    ('state', 'TT', 'BVHTTDL')
    >>> split_symbol("1234/QĐ-")
    ('state', 'QĐ', None)
    """
    m = regex.match(r"\d+(?:/" + _YEAR + r")?(?P<sep>[-/])(?P<rest>.*)$", number)
    if not m:
        return None, None, None
    style = "party" if m["sep"] == "-" else "state"
    parts = regex.split(r"([-/])", m["rest"])
    head = parts[0]
    codes = lexicon().codes[style]
    if head in codes:
        issuer = "".join(parts[2:]).strip("-/") or None
        return style, head, issuer
    return style, None, m["rest"].strip("-/") or None


def _type_of(number: str, word_type: str | None) -> tuple[str | None, str | None]:
    """(type, issuer): the symbol's code wins over the genre word."""
    style, code, issuer = split_symbol(number)
    if code:
        return lexicon().codes[style][code], issuer
    if word_type:
        return word_type, issuer
    return (lexicon().no_code_type if issuer else None), issuer


def parse_date(m: regex.Match) -> str | None:
    """YYYY-MM-DD from a ``_DATE`` match, or None when it is not a real date."""
    d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except (TypeError, ValueError):
        return None


def _date_after(text: str, pos: int) -> tuple[str | None, int]:
    m = _DATE_AFTER.match(text, pos)
    if not m:
        return None, pos
    return parse_date(m), m.end()


# ------------------------------------------------------------------------------ shapes


def _typed_refs(text: str) -> list[Ref]:
    """Shape 1: a genre word, optionally "số", then a number (symbol, bare or plenum)."""
    lex = lexicon()
    refs = []
    for m in lex.type_word.finditer(text):
        type_name, bare_ok, plenum_ok = lex.word_type[m["word"].casefold()]
        capitalised = m["word"][0].isupper()
        ref = _number_after(text, m.end(), type_name, bare_ok and capitalised, plenum_ok)
        if ref:
            ref.start = m.start()
            refs.append(ref)
    return refs


_SO = regex.compile(rf"""
    {_S}+ (?: (?i: số ) {_S}* :? {_S}* )?   # spaces, maybe "số" (number) and a colon
""", regex.VERBOSE)
_WORDS_SO = regex.compile(rf"""
    {_S}+ (?: \p{{L}}+ {_S}+ ){{1,6}}?   # one to six words …
    (?i: số ) {_S}* :? {_S}*             # … then "số" (number), maybe a colon
""", regex.VERBOSE)
_PLENUM = regex.compile(rf"""
    {_S}+ (?: (?i: hội\ nghị ) {_S}+ )?                    # maybe "hội nghị" (the plenum of)
    (?P<plenum> (?: Trung\ ương | Trung\ Ương | TW | TƯ )   # the Central Committee …
                {_S}* \d{{1,2}} ) (?![\d/.,]*\d)          # … and its number: "Trung ương 4"
""", regex.VERBOSE)
_BARE = regex.compile(r"\d{1,5}(?![\d.,/]*\d|[-–/]?\p{L})")
_LIST_SEP = regex.compile(rf"""
    {_S}* (?: , | ; | (?i: và ) ) {_S}*   # a comma, a semicolon or "và" (and)
    (?: (?i: số ) {_S}* )?                 # maybe "số" (number)
""", regex.VERBOSE)


def _number_after(text: str, pos: int, type_name: str, bare_ok: bool, plenum_ok: bool) -> Ref | None:
    lex = lexicon()
    if plenum_ok:
        p = _PLENUM.match(text, pos)
        if p:
            return Ref(0, p.end(), [p["plenum"]], type_name)
    for gap, bare_allowed in ((_SO, bare_ok), (_WORDS_SO, False)):
        g = gap.match(text, pos)
        if not g or (gap is _WORDS_SO and lex.type_word.search(g.group())):
            continue  # "Báo cáo tình hình theo Công văn số …" is the Công văn's
        at = g.end()
        s = lex.symbol.match(text, at)
        if s:
            return _with_list(text, s, type_name)
        if bare_allowed and "\n" not in g.group():
            b = _BARE.match(text, at)
            if b and _bare_ok(text, b):
                return _bare_list(text, b, type_name)
    return None


def _bare_ok(text: str, m: regex.Match) -> bool:
    """A bare number is a reference only if it is not a year and a harmless word follows."""
    value = m.group()
    if regex.fullmatch(_YEAR, value) and not _BEFORE_SYMBOL.search(text[: m.start()]):
        return False
    return bool(lexicon().bare_followers.match(text, m.end()))


def _bare_list(text: str, first: regex.Match, type_name: str) -> Ref:
    numbers, end = [first.group()], first.end()
    while True:
        sep = _LIST_SEP.match(text, end)
        nxt = _BARE.match(text, sep.end()) if sep else None
        if not (nxt and _bare_ok(text, nxt)):
            break
        numbers.append(nxt.group())
        end = nxt.end()
    ref = Ref(0, end, numbers, type_name)
    ref.date, ref.end = _date_after(text, end)
    return ref


def _with_list(text: str, first: regex.Match, type_name: str | None) -> Ref:
    """A symbol number, the symbols listed after it ("217-QĐ/TW và 218-QĐ/TW"), its date."""
    numbers, end = [normalise_number(first["num"])], first.end()
    while True:
        sep = _LIST_SEP.match(text, end)
        nxt = lexicon().symbol.match(text, sep.end()) if sep else None
        if not nxt:
            break
        numbers.append(normalise_number(nxt["num"]))
        end = nxt.end()
    ref = Ref(0, end, numbers, type_name)
    ref.date, ref.end = _date_after(text, end)
    return ref


_OWN_NUMBER = regex.compile(rf"""
    ^ {_S}* (?P<so> Số | SỐ | số ) {_S}* :? {_S}*   # "Số:" (number) opening a line
""", regex.VERBOSE | regex.MULTILINE)


def _own_refs(text: str) -> list[Ref]:
    """Shape 2: "Số: 07/KH-UBND" at a line start in the header, dated by the header date."""
    head_end = _nth_line_end(text, HEADER_LINES)
    refs = []
    for m in _OWN_NUMBER.finditer(text, 0, head_end):
        s = lexicon().symbol.match(text, m.end())
        if not s:
            continue
        ref = _with_list(text, s, None)
        ref.start, ref.own = m.start("so"), True
        if ref.date is None:
            ref.date = _header_date(text[:head_end])
        refs.append(ref)
    return refs


def _nth_line_end(text: str, n: int) -> int:
    pos = 0
    for _ in range(n):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def _header_date(head: str) -> str | None:
    """The issue date of a header: "Hương Trà, ngày 02 tháng 10 năm 2020"."""
    m = _HEADER_DATE.search(head)
    return parse_date(m) if m else None


_BEFORE_SYMBOL = regex.compile(rf"""
    (?: (?i: số ) {_S}* :? {_S}* ) $   # "số" (number), maybe a colon, at the end
""", regex.VERBOSE)


def _symbol_refs(text: str) -> list[Ref]:
    """Shape 3: a symbol alone with a known code, or after "văn bản số"."""
    lex = lexicon()
    refs = []
    for s in lex.symbol.finditer(text):
        number = normalise_number(s["num"])
        style, code, _ = split_symbol(number)
        before = text[max(0, s.start() - 30) : s.start()]
        so = _BEFORE_SYMBOL.search(before)
        start = s.start() - (len(so.group()) if so else 0)
        generic = lex.generic.search(text[max(0, start - 20) : start])
        if generic:
            start -= len(generic.group())
        if not code and not generic:
            continue
        ref = _with_list(text, s, None)
        ref.start = start
        refs.append(ref)
    return refs


# ------------------------------------------------------------------------- combining


def _without_overlaps(refs: list[Ref]) -> list[Ref]:
    """Keep refs in priority order; drop any that overlaps one already kept."""
    kept: list[Ref] = []
    for ref in refs:
        if all(ref.end <= k.start or ref.start >= k.end for k in kept):
            kept.append(ref)
    return sorted(kept, key=lambda r: r.start)


def _sentence_finder(doc, text: str):
    if doc is not None:
        bounds = doc_sentences(doc)
    else:
        from ..tokenise import sentence_bounds

        bounds = sentence_bounds(text)
    starts = [b[0] for b in bounds]

    def sentence(offset: int) -> str | None:
        from bisect import bisect_right

        i = bisect_right(starts, offset) - 1
        if i >= 0 and bounds[i][0] <= offset < bounds[i][1]:
            return text[bounds[i][0] : bounds[i][1]]
        return None

    return sentence


def _entries(text: str, refs: list[Ref], sentence) -> list[dict]:
    """One entry per distinct number: the fullest text, every mention's offsets."""
    by_number: dict[str, dict] = {}
    for ref in refs:
        for number in ref.numbers:
            mention = {"char_start": ref.start, "char_end": ref.end}
            key = compare_key(number)
            entry = by_number.get(key)
            if entry is None:
                by_number[key] = entry = _entry(text, ref, number, sentence)
                entry["mentions"] = []
            elif _fuller(ref, entry):
                mentions = entry["mentions"]
                entry.update(_entry(text, ref, number, sentence))
                entry["mentions"] = mentions
            entry["mentions"].append(mention)
    return list(by_number.values())


def _fuller(ref: Ref, entry: dict) -> bool:
    """A later mention replaces the first one only when it adds the issue date."""
    return entry["date"] is None and ref.date is not None


def _entry(text: str, ref: Ref, number: str, sentence) -> dict:
    type_, issuer = _type_of(number, ref.word_type)
    return {
        "text": text[ref.start : ref.end],
        "type": type_,
        "number": number,
        "issuer": issuer,
        "date": ref.date,
        "char_start": ref.start,
        "char_end": ref.end,
        "sentence": sentence(ref.start),
        "own": ref.own,
    }


def find_refs_in_text(text: str, doc=None) -> list[DocRef]:
    """Every numbered document reference in ``text``, one record per number.

    >>> [(r.type, r.number, r.issuer, r.date) for r in find_refs_in_text(
    ...     "Thực hiện Nghị quyết số 04-NQ/ThU, ngày 20/12/2016 của Thị ủy.")]
    [('Nghị quyết', '04-NQ/ThU', 'ThU', '2016-12-20')]
    """
    found = _typed_refs(text) + _own_refs(text) + _symbol_refs(text)
    refs = _without_overlaps(found)
    return [DocRef(**entry) for entry in _entries(text, refs, _sentence_finder(doc, text))]


def find_doc_refs(doc) -> list[DocRef]:
    """The document references of a tokenised ``Doc`` (or a plain string).

    Each: ``text``, ``type``, ``number``, ``issuer``, ``date``, ``char_start``, ``char_end``,
    ``sentence``, ``own`` (the document's own header number) and ``mentions``.
    Sets ``doc.spans["doc_refs"]`` (one span per mention, label = type).

    >>> [r.number for r in find_doc_refs("Thực hiện các Quyết định 217, 218 của Bộ Chính trị.")]
    ['217', '218']
    """
    if isinstance(doc, str):
        return find_refs_in_text(doc)
    refs = find_refs_in_text(doc_text(doc), doc)
    _set_spans(doc, refs)
    return refs


def _set_spans(doc, refs: list[DocRef]) -> None:
    spans, seen = [], set()
    for ref in refs:
        for mention in ref.mentions:
            key = (mention["char_start"], mention["char_end"])
            if key in seen:
                continue
            seen.add(key)
            span = doc.char_span(*key, label=ref.type or "doc_ref", alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.spans["doc_refs"] = spans


def claimed_spans(refs: list[DocRef]) -> tuple[tuple[int, int], ...]:
    """Every mention's (start, end), for ``find_figures(..., claimed=…)``."""
    return tuple((m["char_start"], m["char_end"]) for r in refs for m in r.mentions)
