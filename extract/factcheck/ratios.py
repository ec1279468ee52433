"""Check 2: ratios above one (``25/24 xã``) and shares above 100 % (``ratio_above_one``, ``share_above_100``).

Not every 'a/b' is a ratio: a date ('sáng 6/2', 'Thứ Hai (6/2)', '13/3 tới'), a score
('thắng 2/1'), a tyre size ('lốp 245/60') or a fixed phrase ('24/7') is never flagged.  Not
every percentage is a share: a rate of a plan or of an earlier period ('đạt 112% kế hoạch',
'tăng 150% so với cùng kỳ') and a goal ('mục tiêu 90%', '(90% trở lên)') are not.
"""
from __future__ import annotations

from ..vntext import syllables
from .facts import Doc, clause_before, is_target
from .findings import Finding, quoted, sources
from .text import ends_with_phrase, find_phrase, starts_with_phrase
from .values import cues, number_text

# ---------------------------------------------------------------------------- check 2: ratios and shares


def looks_like_a_date(num: float, den: float) -> bool:
    return float(num).is_integer() and float(den).is_integer() and 1 <= num <= 31 and 1 <= den <= 12


def words_before(doc: Doc, fig: dict, width: int = 24) -> list[str]:
    """The syllables right before a figure in its sentence ('Thứ Hai (' → ['thứ', 'hai'])."""
    start = max(0, fig["char_start"] - width)
    for stop in ".!?\n;":
        start = max(start, doc.text.rfind(stop, 0, fig["char_start"]) + 1)
    return syllables(doc.text[start:fig["char_start"]])


def words_after(doc: Doc, fig: dict, width: int = 20) -> list[str]:
    """The syllables right after a figure's number ('6/2 gặp Thái Lan' → ['gặp', 'thái', 'lan'])."""
    last_digit = max(i for i, ch in enumerate(fig["text"]) if ch.isdigit())
    return syllables(doc.text[fig["char_start"] + last_digit + 1: fig["char_end"] + width])


def is_a_date(doc: Doc, fig: dict, num: float, den: float) -> bool:
    """'sáng 6/2', 'Thứ Hai (6/2)', '13/3 tới', 'Lịch thi đấu: 6/2 gặp …': a day and month."""
    if not looks_like_a_date(num, den):
        return False
    before = words_before(doc, fig)
    ends_with = ends_with_phrase(before, cues()["date_words_before"])
    return ends_with or starts_with_phrase(words_after(doc, fig), cues()["date_words_after"])


def not_a_ratio(doc: Doc, fig: dict, num: float, den: float) -> bool:
    """A date, a score, a tyre size or a fixed phrase written as 'a/b'."""
    if f"{number_text(num)}/{number_text(den)}" in cues()["not_ratios"]:
        return True
    clause = clause_before(doc, fig) + " " + fig["text"]
    return (is_a_date(doc, fig, num, den) or bool(find_phrase(clause, cues()["score_words"], 0, len(clause)))
            or starts_with_phrase(words_after(doc, fig), cues()["score_words"])
            or bool(find_phrase(clause, cues()["spec_words"], 0, len(clause))))


def check_ratios(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    """'25/24 xã': a numerator larger than its denominator."""
    findings = []
    for fig in doc.figures:
        num, den = fig.get("numerator"), fig.get("denominator")
        if fig["unit"] == "ratio" and num is not None and den and num > den and not not_a_ratio(doc, fig, num, den):
            text = f"{quoted(fig)} has a numerator larger than its denominator ({number_text(num)} > {number_text(den)})."
            row = {**sources([fig], docs), "values": [float(num), float(den)]}
            findings.append(Finding("ratio_above_one", "flagged", expected=float(den), observed=float(num),
                                    unit="ratio", what=fig.get("what"), explanation=text, **row))
    return findings


def text_after(doc: Doc, fig: dict) -> str:
    """The text after a figure up to the next clause break (past 'so với', which ends a clause
    when reading what a figure is about, not here)."""
    end = len(doc.text)
    for ch in ",;:.!?()\n":
        pos = doc.text.find(ch, fig["char_end"], end)
        end = pos if pos >= 0 else end
    return doc.text[fig["char_end"]:end]


def is_a_rate(doc: Doc, fig: dict) -> bool:
    """'đạt 112% kế hoạch', 'tăng 150% so với cùng kỳ': a rate of a plan or of an earlier period."""
    before, after = clause_before(doc, fig) + " " + fig["text"], text_after(doc, fig)
    return bool(find_phrase(before, cues()["share_exempt"], 0, len(before))
                or find_phrase(after, cues()["share_exempt"], 0, len(after)))


def check_shares(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    """A percentage above 100 that is a share, not a rate of a plan or a growth, nor a goal."""
    findings = []
    for fig in doc.figures:
        if fig["unit"] != "percent" or fig["value"] <= 100 or is_a_rate(doc, fig) or is_target(doc, fig):
            continue
        text = f"{quoted(fig)} is a share above 100 %."
        findings.append(Finding("share_above_100", "flagged", expected=100.0, observed=float(fig["value"]),
                                unit="percent", what=fig.get("what"), explanation=text, **sources([fig], docs)))
    return findings
