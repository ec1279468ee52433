"""Stage 3 — metadata: title, publication date, place, author and source of one document.

Everything is read from the cleaned text itself; the container ``hints`` (HTML ``<title>``,
PDF metadata …) only fill what the text does not say.

* **date** — the publication or issue date *printed in the document*: a dateline that is
  only a date/time (``16:20 28/11/2018``), an update line (``Ngày cập nhật 15/06/2020``), a
  header ``Hương Trà, ngày 02 tháng 10 năm 2020`` or a byline date.  Line patterns live in
  ``data/date_patterns.json``; the cut span is read field by field when it is numbers
  (``ngày 02 tháng 10 năm 2020``, ``28/11/2018``), by ``dateparser`` otherwise.  Dates inside
  sentences, headline anniversaries and dates without a year give nothing (``search_dates``
  is never run on running text: it reads "02 tháng" as "2 months").  When date lines stand
  both above a page's headline (the site's date bar, a menu) and below it or in a byline,
  the article's own wins (``find_date_line``).  A header whose day is left blank
  (``Phù Cát, ngày   tháng 3 năm 2021``) gives no date — ``doc_date`` is a full date or
  null — but its place and printed text; no container date replaces it.
* **place** — from the ``Place, ngày …`` header.
* **title** — ``hints["title"]``, else the headline: ``BÁO CÁO`` + the line under it for a
  report, else the line right before a dateline, else the first meaningful line.
* **author** — a byline of 2–6 capitalised words near the end of the running text.
* **source_url** — a ``Nguồn …: http…`` line.

>>> from extract.clean import clean
>>> meta = read_metadata(clean("Hương Trà, ngày 02 tháng 10 năm 2020\\n\\nBÁO CÁO\\ntổng kết phong trào"))
>>> (meta.date, meta.place, meta.title)
('2020-10-02', 'Hương Trà', 'BÁO CÁO tổng kết phong trào')
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import dateparser
import regex

from .lexicons import load_data
from .records import CleanText, DocMeta

DATE_PATTERNS_FILE = "date_patterns.json"  # under data/

# dateparser settings (names checked against dateparser 1.5): day-first numbers, a date must
# have a day, a month and a year ("Ngày 12/9", "tháng 3/2024" parse to nothing), and no
# relative dates or timestamps ("hôm qua" is not a publication date).
DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
}
PLAUSIBLE_YEARS = range(1945, 2100)

# Document-type headers of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP,
# Phụ lục I — "Tên loại văn bản"): on a line of their own they are not a title, the line
# under them ("tổng kết phong trào …") completes it.
DOC_TYPE_HEADERS = frozenset(
    (
        "BÁO CÁO", "BÁO CÁO TÓM TẮT", "BÁO CÁO CHÍNH TRỊ", "KẾ HOẠCH", "NGHỊ QUYẾT", "NGHỊ ĐỊNH",
        "QUYẾT ĐỊNH", "CHỈ THỊ", "CÔNG VĂN", "THÔNG BÁO", "THÔNG TRI", "THÔNG TƯ", "TỜ TRÌNH",
        "HƯỚNG DẪN", "ĐỀ ÁN", "DỰ ÁN", "PHƯƠNG ÁN", "CHƯƠNG TRÌNH", "BIÊN BẢN", "QUY CHẾ",
        "QUY ĐỊNH", "KẾT LUẬN", "DIỄN VĂN", "BÀI PHÁT BIỂU", "THAM LUẬN", "GIẤY MỜI",
    )
)
# Letterhead lines of the same documents, never a title.
LETTERHEAD = regex.compile(r"""
      (?i: cộng\ hòa\ xã\ hội\ chủ\ nghĩa\ việt\ nam            # the state's name (Socialist Republic of Viet Nam) …
         | cộng\ hoà\ xã\ hội\ chủ\ nghĩa\ việt\ nam            # … in the other spelling
         | độc\ lập \s*[-–]\s* tự\ do \s*[-–]\s* hạnh\ phúc     # its motto (Independence - Freedom - Happiness)
         | đảng\ cộng\ sản\ việt\ nam )                         # the Communist Party of Viet Nam
    | (?i: số | số\ hiệu ) \s* :? \s* \S*\d\S*                  # "Số: 12/QĐ-UBND" (number, reference number)
    | [*\-–_=.\s]+                                            # a rule of marks
""", regex.VERBOSE)
SOURCE_LINE = regex.compile(r"""
    (?i: nguồn | theo ) \b [^\n]{0,120}?               # "nguồn" (source), "theo" (according to) …
    (?P<url> (?: https?:// | www\. ) [^\s<>\"“”)]+ )   # … then a web address
""", regex.VERBOSE)
_SOURCE_WORD = regex.compile(r"""
    (?i: theo | nguồn ) \b   # "theo" (according to), "nguồn" (source)
""", regex.VERBOSE)
BYLINE_SPLIT = regex.compile(r"\s+[-–—]\s+|\s*[,(|]\s*")
NAME_WORD = regex.compile(r"\p{Lu}\p{Ll}*")
MAX_TITLE_CHARS = 300
AUTHOR_TAIL_LINES = 8
TITLE_HEAD_LINES = 12
DATELINE_LOOKAHEAD = 3
MIN_HINTED_TITLE_CHARS = 15  # a shorter head line inside the page title is a menu item, not the headline


@dataclass(frozen=True)
class DatePattern:
    id: str
    kind: str
    regex: regex.Pattern


@dataclass(frozen=True)
class DateRules:
    patterns: tuple[DatePattern, ...]
    head_lines: int
    tail_lines: int
    numeric: regex.Pattern  # a span of day, month and year numbers, read without dateparser


@lru_cache(maxsize=1)
def date_rules() -> DateRules:
    """The line patterns of ``data/date_patterns.json``, placeholders expanded (checked on load)."""
    data = load_data(DATE_PATTERNS_FILE)
    fragments = {name: _phrase_alternation(phrases) for name, phrases in data.get("cue_lists", {}).items()}
    fragments.update(data["fragments"])
    patterns = []
    for spec in data["patterns"]:
        compiled = regex.compile(_expand(unicodedata.normalize("NFC", spec["pattern"]), fragments))
        if "date" not in compiled.groupindex:
            raise ValueError(f"date pattern {spec['id']!r} has no (?P<date>…) group")
        patterns.append(DatePattern(spec["id"], spec["kind"], compiled))
    numeric = regex.compile(unicodedata.normalize("NFC", data["numeric_date"]["pattern"]))
    return DateRules(tuple(patterns), int(data["head_lines"]), int(data["tail_lines"]), numeric)


def _phrase_alternation(phrases: list[str]) -> str:
    """``["cập nhật lúc", "cập nhật"]`` → ``(?i:cập\\s+nhật\\s+lúc|cập\\s+nhật)``, longest first."""
    words = (unicodedata.normalize("NFC", phrase).split() for phrase in phrases)
    alternatives = sorted((r"\s+".join(map(regex.escape, phrase)) for phrase in words), key=len, reverse=True)
    return "(?i:" + "|".join(alternatives) + ")"


def _expand(source: str, fragments: dict[str, str]) -> str:
    """Replace ``%NAME%`` placeholders, fragments inside fragments included."""
    for _ in range(len(fragments) + 1):
        expanded = source
        for name, fragment in fragments.items():
            expanded = expanded.replace(f"%{name}%", unicodedata.normalize("NFC", fragment))
        if expanded == source:
            return source
        source = expanded
    raise ValueError("date pattern fragments refer to each other in a loop")


# --------------------------------------------------------------------------------- dates


def parse_date(span: str) -> date | None:
    """A full day-month-year date from a span cut out of a line, or None.

    The numeric forms the date patterns cut ("02 tháng 10 năm 2020", "28/11/2018") are read
    field by field (``numeric_date`` in ``data/date_patterns.json``); dateparser reads any
    other span.  Reading them directly gives the same dates and spares each process
    dateparser's first parse (about 0.06 s, most of it compiling its timezone patterns).

    >>> parse_date("02 tháng 10 năm 2020"), parse_date("12/9"), parse_date("31/02/2020")
    (datetime.date(2020, 10, 2), None, None)
    """
    numbers = date_rules().numeric.fullmatch(span.strip())
    if numbers:
        day, month = int(numbers["day"]), int(numbers["month"])
        if numbers["sep"] and month > 12 >= day:
            day, month = month, day  # "12/13/2020": month first, as dateparser reads it
        try:
            parsed = date(int(numbers["year"]), month, day)
        except ValueError:
            return None
    else:
        parsed = _dateparser_date(span)
    return parsed if parsed is not None and parsed.year in PLAUSIBLE_YEARS else None


def _dateparser_date(span: str) -> date | None:
    """What dateparser reads in a span (Vietnamese, day first, a full date), or None."""
    try:
        parsed = dateparser.parse(span, languages=["vi"], settings=DATEPARSER_SETTINGS)
    except Exception:  # noqa: BLE001 — dateparser raises on odd input; that is "no date"
        return None
    return parsed.date() if parsed else None


def _parse_hint_date(value: str) -> date | None:
    """Container dates are often ISO 8601 ("2020-10-08T16:39:00+07:00"): try that first."""
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return parse_date(value)


@dataclass(frozen=True)
class DateLine:
    date: date
    line: str
    place: str | None
    kind: str


def match_date_line(line: str) -> tuple[DatePattern, regex.Match] | None:
    """The first pattern that matches the whole stripped line, with its match."""
    stripped = line.strip()
    for pattern in date_rules().patterns:
        match = pattern.regex.fullmatch(stripped)
        if match:
            return pattern, match
    return None


def _date_line(line: str) -> tuple[int, DateLine] | None:
    """(priority, DateLine) if ``line`` is a publication-date line whose date parses."""
    stripped = line.strip()
    for priority, pattern in enumerate(date_rules().patterns):
        match = pattern.regex.fullmatch(stripped)
        if not match:
            continue
        parsed = parse_date(match["date"])
        if parsed is not None:
            place = match.groupdict().get("place")
            return priority, DateLine(parsed, stripped, place and place.strip(), pattern.kind)
    return None


def find_date_line(lines: list[str], headline: int = -1) -> DateLine | None:
    """The best date line, ``headline`` being the index of the headline in ``lines`` (-1: unknown).

    Three ranks, then pattern priority, then order: (1) a head line below the headline, or an
    administrative ``Place, ngày …`` header anywhere in the head; (2) a line of the tail (the
    byline at the end); (3) a head line above the headline — a site's date bar ("Thứ Hai,
    07/12/2026") or a menu, which gives the date only when the article prints none of its own.

    >>> find_date_line(["Thứ Hai, 07/12/2026", "Tiêu đề", "08:12 14/03/2024"], headline=1).line
    '08:12 14/03/2024'
    """
    rules = date_rules()
    head = min(len(lines), rules.head_lines)
    tail = range(max(head, len(lines) - rules.tail_lines), len(lines))
    ranked = []
    for index in [*range(head), *tail]:
        hit = _date_line(lines[index])
        if hit is None:
            continue
        priority, found = hit
        if index < headline and found.kind != "header":
            rank = 2
        else:
            rank = 0 if index < head else 1
        ranked.append(((rank, priority, index), found))
    return min(ranked, key=lambda item: item[0])[1] if ranked else None


def find_undated_header(lines: list[str]) -> tuple[str, str | None] | None:
    """(line, place) of a ``Place, ngày   tháng 3 năm 2021`` header whose day is left blank.

    Such a document (a draft, or one dated by hand at signing) has no full date: it gives
    the place and the printed text, never a date, and no container date replaces it.
    """
    for line in lines[: date_rules().head_lines]:
        hit = match_date_line(line)
        if hit is not None and hit[0].kind == "undated":
            place = hit[1].groupdict().get("place")
            return line.strip(), place and place.strip()
    return None


# ----------------------------------------------------------------------- title / author


def _nonempty_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _is_doc_type(line: str) -> bool:
    return " ".join(line.split()).upper() in DOC_TYPE_HEADERS and line.upper() == line


def _is_meaningful(line: str) -> bool:
    return (
        match_date_line(line) is None
        and not LETTERHEAD.fullmatch(line)
        and sum(ch.isalpha() for ch in line) >= 3
        and not SOURCE_LINE.match(line)
    )


def _report_title(head: list[str], i: int) -> str:
    """``BÁO CÁO`` + the line under it, ``head[i]`` being a bare document-type header."""
    following = head[i + 1] if i + 1 < len(head) else ""
    if following and _is_meaningful(following) and not _is_doc_type(following):
        return f"{head[i]} {following}"
    return head[i]


def find_title(lines: list[str]) -> str | None:
    """The headline among the first non-empty lines (see the module docstring).

    >>> find_title(["Hướng tới kỷ niệm 90 năm", "Công tác Dân vận ở Móng Cái", "08/10/2020 16:39"])
    'Công tác Dân vận ở Móng Cái'
    """
    return _find_headline(lines)[1]


def _find_headline(lines: list[str]) -> tuple[int, str | None]:
    """(index of the headline line in ``lines`` or -1, the title it gives or None)."""
    head = lines[:TITLE_HEAD_LINES]
    for i, line in enumerate(head):
        if _is_doc_type(line):
            return i, _report_title(head, i)
    for i, line in enumerate(head):
        if not _is_meaningful(line):
            continue
        for j in range(i + 1, min(i + 1 + DATELINE_LOOKAHEAD, len(head))):
            if match_date_line(head[j]) and _is_meaningful(head[j - 1]):
                i, line = j - 1, head[j - 1]
                break
        return i, (line if len(line) <= MAX_TITLE_CHARS else None)
    return -1, None


def headline_index(lines: list[str], hinted_title: str | None = None) -> int:
    """Where the headline stands: the head line the container's title holds, else the text's own."""
    wanted = " ".join((hinted_title or "").split())
    if wanted:
        for i, line in enumerate(lines[:TITLE_HEAD_LINES]):
            holds_title = line == wanted or (len(line) >= MIN_HINTED_TITLE_CHARS and line in wanted)
            if holds_title and _is_meaningful(line):
                return i
    return _find_headline(lines)[0]


def _byline_name(line: str) -> str | None:
    """"Nguyễn Thị Thắm - Phó Trưởng Ban …" → "Nguyễn Thị Thắm"; None if not a byline."""
    if line.endswith((".", ":", ";", "!", "?")) or line.isupper() or SOURCE_LINE.match(line):
        return None
    dated = match_date_line(line)
    if dated is not None and dated[0].kind != "byline":  # "Hương Trà, ngày …" is no author
        return None
    name = BYLINE_SPLIT.split(line, maxsplit=1)[0].strip()
    words = name.split()
    if not 2 <= len(words) <= 6 or _SOURCE_WORD.match(name):
        return None
    if all(NAME_WORD.fullmatch(word) for word in words):
        return name
    return None


def find_author(lines: list[str], title: str | None = None) -> str | None:
    """A byline among the last lines of the running text, nearest the end first.

    >>> find_author(["… cụ thể, thiết thực.", "Lệ Thu", "Nguồn Hưng Yên: http://baohungyen.vn/a.html"])
    'Lệ Thu'
    """
    for line in reversed(lines[-AUTHOR_TAIL_LINES:]):
        name = _byline_name(line)
        if name and line != title:
            return name
    return None


def find_source_url(lines: list[str]) -> str | None:
    for line in reversed(lines):
        match = SOURCE_LINE.match(line)
        if match:
            return match["url"].rstrip(".,;:")
    return None


# ---------------------------------------------------------------------------- entry point


def read_metadata(clean: CleanText, hints: dict[str, str] | None = None) -> DocMeta:
    """Title, date, place, author and source URL of a cleaned document.

    >>> from extract.clean import clean
    >>> meta = read_metadata(clean("Nhân rộng mô hình\\nEmailPrintAa\\n16:20 28/11/2018\\n\\nNội dung.\\n\\nLệ Thu"))
    >>> (meta.title, meta.date, meta.date_text, meta.author)
    ('Nhân rộng mô hình', '2018-11-28', '16:20 28/11/2018', 'Lệ Thu')
    """
    hints = hints or {}
    running = clean.text[: clean.body_end] if clean.body_end is not None else clean.text
    lines = _nonempty_lines(running)
    meta = DocMeta()
    found = find_date_line(lines, headline_index(lines, hints.get("title")))
    undated = find_undated_header(lines) if found is None else None
    if found is not None:
        meta.date, meta.date_text, meta.place = found.date.isoformat(), found.line, found.place
    elif undated is not None:
        meta.date_text, meta.place = undated
    elif hints.get("date"):
        hinted = _parse_hint_date(hints["date"])
        if hinted is not None:
            meta.date, meta.date_text = hinted.isoformat(), hints["date"]
    meta.title = (hints.get("title") or "").strip() or find_title(lines)
    meta.author = find_author(lines, meta.title) or (hints.get("author") or "").strip() or None
    meta.source_url = find_source_url(lines) or (hints.get("url") or "").strip() or None
    return meta
