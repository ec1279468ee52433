"""Check 1: a whole and the parts a cue opens (``total_breakdown``, ``part_of_whole``).

A cue (a parenthesis, a colon, ``gồm``, ``trong đó``, ``cụ thể như sau:`` …) opens the parts of
the figures before it.  The parts run to the end of the parenthesis or of the sentence, and on
over the following list items ('- Lĩnh vực kinh tế: 53 mô hình;') and labelled sentences
('Thôn Tây: 60 cột, 2.600 m, 180 triệu đồng.').  Each part goes to the nearest whole it can be
a part of, so one list may break down several quantities at once (a count, a length, a sum of
money), each judged on its own:

- every part labelled, the labels all different ('kinh tế: 53', '120 mô hình kinh tế'): a
  partition, summed → ``verified`` / ``mismatch`` (``unchecked`` when a cue that may name only
  some parts, 'trong đó', opens labels that are neither categories nor places and the sum is off);
- no part labelled ('trong đó có 65 mô hình được công nhận'): subsets, each compared with the
  whole → ``part_of_whole``;
- some labelled, some not: summed; ``verified`` when they agree, else ``unchecked``.
A part larger than its whole is ``part_exceeds_whole`` in every case.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..vntext import syllables
from .facts import Doc, clause_after, is_delta, per_document, same_thing
from .findings import Finding, quoted, sources
from .text import (
    after_last,
    drop_phrases,
    find_phrase,
    paren_depth,
    phrase_spans,
    phrase_words,
    starts_with_phrase,
)
from .values import (
    Interval,
    cues,
    family_of,
    interval_of,
    number_text,
    overlaps,
)

# ---------------------------------------------------------------------------- check 1: breakdowns


CUE_NAMES = {"(": "in parentheses", ":": "after a colon", "category": "a list of categories or places without a cue word"}
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")  # a part after a year is of another period
_PARENS = re.compile(r"[()]")  # closing_paren: re finds a plain class faster than regex
_OPENING = re.compile(r"[(:]")  # a parenthesis or a colon opens the parts of the figure before it
_LIST_MARKER = regex.compile(r"^\s*(?:[-+•*–—]|\p{Ll}\)|\d{1,2}[.)](?!\d)|[ivx]{1,4}[.)])\s*")
_ITEM_LABEL = regex.compile(r"^\p{L}[^:;,.()]{0,59}:\s*\S")  # 'Thôn Tây: 60 cột', 'Tổ 2: 35 camera'


@dataclass
class Enumeration:
    whole: dict
    parts: list[dict]
    labels: list[tuple[str, ...] | None]  # each part's category or place label, None for none
    cue: str
    partial: bool = False  # the cue may name only some of the parts ('trong đó')
    gap: bool = False  # a list item without a figure: the parts read are not all of them


def head_of(doc: Doc, fig: dict) -> str:
    """The whole's counted noun plus the next few words ('18.080 bộ hồ sơ giao dịch')."""
    return (fig.get("what") or "") + " " + " ".join(syllables(clause_after(doc, fig))[:4])


def summable(fig: dict) -> bool:
    return family_of(fig) is not None and family_of(fig) not in cues()["unsummed_families"]


def compatible(doc: Doc, whole: dict, part: dict) -> bool:
    return (
        summable(part) and family_of(part) == family_of(whole)
        and (part.get("per") or None) == (whole.get("per") or None)
        and same_thing(part, whole, head_of(doc, whole))
        and not is_delta(doc, part)
    )


@lru_cache(maxsize=1)
def label_break() -> regex.Pattern:
    """Where a part's label starts: after the last of the ``separators`` of
    ``data/factcheck_cues.json`` before it — a mark anywhere, a word as a whole word, as written."""
    separators = cues()["separators"]
    marks = [s for s in separators if not regex.search(r"\p{L}", s)]
    words = [s for s in separators if s not in marks]
    return regex.compile("|".join([*map(regex.escape, marks)]
                                  + [rf"(?<!\p{{L}}){regex.escape(word)}(?!\p{{L}})" for word in words]))


def label_words(doc: Doc, boundary: int, part: dict) -> list[str]:
    """The words between the last label break (after ``boundary``) and a part, without list
    markers and cue words: '- Lĩnh vực kinh tế: 53' → ['lĩnh', 'vực', 'kinh', 'tế']."""
    segment = label_break().split(doc.text[boundary: part["char_start"]])[-1]
    segment = _LIST_MARKER.sub("", after_last(segment, ".\n"))
    return drop_phrases(syllables(segment), cues()["breakdown_cues"])


def part_label(doc: Doc, boundary: int, part: dict, whole: dict) -> tuple[str, ...] | None:
    """The category label of a part, before it ('cấp xã: 16.096') or after it ('120 mô hình
    kinh tế'), or None for a subset: no label ('có 65 mô hình'), a status ('được công nhận 65',
    '65 mô hình được công nhận'), or the whole's own noun with a modifier ('đảng viên nữ 450
    người' of '1.200 đảng viên' — subgroups may overlap)."""
    words = label_words(doc, boundary, part)
    if words:
        if starts_with_phrase(words, cues()["subset_predicates"]):
            return None
        head = " ".join(syllables(whole.get("what") or ""))
        colon = doc.text[boundary: part["char_start"]].rstrip().endswith(":")  # 'CLB khuyến nông: 60 CLB'
        if head and f" {head} " in f" {' '.join(words)} " and not colon:
            return None
        return tuple(drop_phrases(drop_phrases(words, cues()["label_fillers"]), cues()["stop_words"])) or None
    after = syllables(clause_after(doc, part))
    if starts_with_phrase(after, cues()["subset_predicates"]):
        return None
    head = set(syllables(head_of(doc, whole))) | set(syllables(part.get("what") or ""))
    after = [w for w in drop_phrases(after, cues()["stop_words"]) if w not in head]
    return tuple(after) or None


def label_kind(label: tuple[str, ...] | None) -> str | None:
    """The category or place word a label starts with ('xã' of 'xã Ea Phê'), or None."""
    words = list(label or ())
    return next((p for p, p_words in phrase_words(cues()["place_words"] + cues()["category_words"])
                 if words[:len(p_words)] == p_words), None)


def is_category_or_place(label: tuple[str, ...] | None) -> bool:
    return label_kind(label) is not None


def names_attribute(label: tuple[str, ...] | None) -> bool:
    """'hội viên nữ', 'thanh niên': a trait people share with other groups, not a slice."""
    return bool(label) and bool(drop_phrases(list(label), cues()["overlapping_labels"]) != list(label))


def complementary(labels: list[tuple[str, ...] | None]) -> bool:
    """Labels that together are all of the whole ('nam' and 'nữ')."""
    words = {" ".join(label) for label in labels if label}
    return any(words == set(group) for group in cues()["complementary_labels"])


def closing_paren(text: str, open_pos: int) -> int:
    """Where the parenthesis at ``open_pos`` closes (the end of the text when it does not)."""
    depth = 0
    for m in _PARENS.finditer(text, open_pos):  # the parentheses only, not every character
        depth += 1 if m.group() == "(" else -1
        if depth == 0:
            return m.start()
    return len(text)


def figures_at_depth0(doc: Doc, start: int, end: int) -> list[dict]:
    """Figures in ``text[start:end]`` that are not inside a parenthesis opened there."""
    inside = doc.figures[bisect_right(doc.starts, start - 1): bisect_right(doc.starts, end - 1)]
    out, depth, pos = [], 0, start  # one walk over the window (a long list was quadratic)
    for fig in inside:
        depth = paren_depth(doc.text, pos, fig["char_start"], depth)
        pos = fig["char_start"]
        if not depth:
            out.append(fig)
    return out


def figures_of_items(doc: Doc, start: int, end: int) -> Iterator[dict]:
    """Figures of a region that may span several sentences, each sentence read from its start
    (an item's own parentheses are skipped); a sentence is read when the caller gets to it."""
    for index in range(bisect_right(sentence_ends(doc), start), len(doc.sentences)):  # the sentences ending after start
        s_start, s_end = doc.sentences[index]
        if s_start >= end:
            break
        lo, hi = max(s_start, start), min(s_end, end)
        if lo < hi:
            yield from figures_at_depth0(doc, lo, hi)


@per_document
def sentence_ends(doc: Doc) -> list[int]:
    """The end of each sentence, in order (sentences never overlap)."""
    return [end for _, end in doc.sentences]


# ---------------------------------------------------------------------------- wholes and regions


def whole_before(doc: Doc, cue: str, cue_start: int, lo: int, part: dict) -> dict | None:
    """The figure before a parenthesis or a colon (from ``lo``, not in parentheses, no ';' in
    between) of which ``part`` can be a part: the figure right before it (a colon only with no
    comma between)."""
    before = figures_at_depth0(doc, lo, cue_start)
    if not before:
        return None
    fig = before[-1]
    between = doc.text[fig["char_end"]:cue_start]
    if cue_start - fig["char_end"] > cues()["paren_window"] or ";" in between:
        return None
    if cue == ":" and ("," in between or "." in between):
        return None
    return fig if compatible(doc, fig, part) else None


def candidate_wholes(doc: Doc, index: int, cue_start: int) -> list[dict]:
    """Figures a cue word may open the parts of: those of its sentence before it (within
    ``whole_window``, no ';' in between), or, when the sentence starts with the cue ('Trong đó,
    …', 'Cụ thể như sau:'), those of the previous sentence before that sentence's own cue."""
    s_start, _ = doc.span(index)
    if doc.text[s_start:cue_start].strip(" “\"-–•*+"):
        figs = figures_at_depth0(doc, s_start, cue_start)
        return [f for f in figs if cue_start - f["char_end"] <= cues()["whole_window"]
                and ";" not in doc.text[f["char_end"]:cue_start]]
    if index <= 0:
        return []
    start, end = doc.span(index - 1)
    own_cue = find_phrase(doc.text, cues()["breakdown_cues"], start, end)
    return figures_at_depth0(doc, start, own_cue.start() if own_cue else end)


@per_document
def is_item(doc: Doc, index: int) -> bool:
    """A list item or a labelled line: '- Lĩnh vực kinh tế: 53 mô hình;', 'a) …', 'Thôn Tây:
    60 cột …', 'Xã B có 8 công trình.' (each sentence read once: every list before it asks)"""
    start, end = doc.span(index)
    text = doc.text[start:end].strip()
    if _LIST_MARKER.match(text):
        return True  # even one whose figure the pipeline missed
    if not figures_at_depth0(doc, start, end):
        return False
    return bool(_ITEM_LABEL.match(text)) or starts_with_phrase(syllables(text), cues()["place_words"]
                                                                + cues()["category_words"])


@per_document
def items_after(doc: Doc, index: int) -> int:
    """End of the list items that follow sentence ``index`` (its own end when none do; each
    cue of a sentence asks)."""
    end = doc.span(index)[1]
    while index + 1 < len(doc.sentences) and is_item(doc, index + 1):
        index += 1
        end = doc.span(index)[1]
    return end


def opens_list(doc: Doc, start: int, end: int) -> bool:
    """The cue's own sentence hands on to the following items: nothing but words after the cue
    ('cụ thể như sau:'), a colon at its end, or a first part with a label and a colon."""
    rest = doc.text[start:end].strip()
    return not figures_at_depth0(doc, start, end) or rest.endswith(":") or bool(_ITEM_LABEL.match(rest.lstrip(" :")))


# ---------------------------------------------------------------------------- the parts


def assign_parts(doc: Doc, wholes: list[dict], start: int, end: int, cue: str) -> dict[str, list[tuple[dict, tuple | None]]]:
    """The figures of ``text[start:end]`` by the whole (its id) each is a part of: the nearest
    whole before the cue it fits.  Stops at a figure of another period ('năm 2019: 150 hộ'), at
    the first that fits no whole in the cue's own sentence, and at a nested cue."""
    nested = find_phrase(doc.text, cues()["breakdown_cues"], start + 1, end)
    if nested and doc.text[start:nested.start()].strip(" ,:(") and not doc.text[start:nested.start()].count("\n"):
        end = nested.start()
    groups: dict[str, list[tuple[dict, tuple | None]]] = {w["id"]: [] for w in wholes}
    boundary, first_sentence, last_label = start, doc.sentence_of(start), None
    for fig in figures_of_items(doc, start, end):
        segment = doc.text[boundary:fig["char_start"]]
        if _YEAR.search(segment) or find_phrase(segment, cues()["period_words"], 0, len(segment)):
            break
        whole = next((w for w in reversed(wholes) if compatible(doc, w, fig)), None)
        if whole is None:
            if doc.sentence_of(fig["char_start"]) == first_sentence:
                break
            boundary = fig["char_end"]
            continue
        label = part_label(doc, boundary, fig, whole)
        if label is None and not label_words(doc, boundary, fig):
            label = item_label(doc, fig) or last_label  # 'thôn Đông: 40 cột, 1.700 m': the item's label
        if label is not None and any(lab == label for _, lab in groups[whole["id"]]):
            label = None  # a label met twice for one whole names a subgroup, not a slice
        last_label = label or last_label
        groups[whole["id"]].append((fig, label))
        boundary = fig["char_end"]
    return groups


def item_label(doc: Doc, fig: dict) -> tuple[str, ...] | None:
    """The label before the last colon of the item a figure is in ('Tổ 2: 35 camera, 1.800 m')."""
    s_start = doc.span(doc.sentence_of(fig["char_start"]))[0]
    item = after_last(doc.text[s_start:fig["char_start"]], ";\n")
    head = item.rsplit(":", 1)[0] if ":" in item else ""
    words = drop_phrases(syllables(_LIST_MARKER.sub("", after_last(head, ",:("))), cues()["breakdown_cues"])
    return tuple(drop_phrases(words, cues()["stop_words"])) or None


def enumerations_at(doc: Doc, cue_start: int, region_start: int, cue: str) -> list[Enumeration]:
    """The wholes before a cue, each with the parts after it that belong to it."""
    index = doc.sentence_of(cue_start)
    s_start, s_end = doc.span(index)
    if cue == "(":
        region_end = closing_paren(doc.text, cue_start)
    elif paren_depth(doc.text, s_start, cue_start):  # "(trong đó, …)": the parenthesis is the cue
        return []
    else:
        region_end = items_after(doc, index) if opens_list(doc, region_start, s_end) else s_end
    first = next(figures_of_items(doc, region_start, region_end), None)
    if first is None:
        return []
    if cue in "(:":
        whole = whole_before(doc, cue, cue_start, s_start, first)
        wholes = [whole] if whole else []
    else:
        wholes = candidate_wholes(doc, index, cue_start)
    wholes = [w for w in wholes if summable(w) and not is_delta(doc, w)]
    if not wholes:
        return []
    partial = starts_with_phrase(syllables(doc.text[cue_start:region_end]), cues()["partial_cues"])
    groups = assign_parts(doc, wholes, region_start, region_end, cue)
    gap = items_without_figures(doc, index, region_end)
    return [Enumeration(w, [p for p, _ in groups[w["id"]]], [lab for _, lab in groups[w["id"]]], cue, partial, gap)
            for w in wholes if groups[w["id"]]]


def items_without_figures(doc: Doc, index: int, end: int) -> bool:
    """A list item after sentence ``index`` (up to ``end``) in which no figure was read."""
    following = [i for i in range(index + 1, len(doc.sentences)) if doc.span(i)[1] <= end]
    return any(not figures_at_depth0(doc, *doc.span(i)) for i in following)


def cue_openings(doc: Doc) -> list[tuple[int, int, str]]:
    """(cue start, region start, cue) for every parenthesis, colon and cue word."""
    words = phrase_spans(doc.text, cues()["breakdown_cues"])
    found = [(start, end, doc.text[start:end].lower()) for start, end in words]
    found += [(m.start(), m.end(), m.group()) for m in _OPENING.finditer(doc.text)]
    return sorted(found)


def category_enumerations(doc: Doc, taken: set[str]) -> list[Enumeration]:
    """Without a cue word: ≥ 2 consecutive parts labelled by a category or a place, after a
    compatible whole that is not itself so labelled — in its sentence ('…, lĩnh vực kinh tế có
    19 mô hình, lĩnh vực văn hóa có 67 mô hình') or, for the last figure of a sentence, in the
    items that follow it ('Toàn huyện có 20 công trình. Xã A có 12 …, xã B có 8 …')."""
    found = []
    for index, (s_start, s_end) in enumerate(doc.sentences):
        figs = [f for f in figures_at_depth0(doc, s_start, s_end) if f["id"] not in taken]
        for i, whole in enumerate(figs):
            if not summable(whole):
                continue
            own_kind = ...  # its own label's kind, read when needed ('Xã A có 30 hộ' is no whole of 'xã B')
            end = items_after(doc, index) if i == len(figs) - 1 else s_end
            run, labels, boundary = [], [], whole["char_end"]
            for fig in figures_of_items(doc, whole["char_end"], end):
                if fig["id"] in taken or not compatible(doc, whole, fig):  # (cheaper than its label)
                    break
                label = part_label(doc, boundary, fig, whole)
                if not is_category_or_place(label) or label in labels:
                    break
                if own_kind is ...:
                    own_kind = label_kind(part_label(doc, s_start, whole, whole))
                if label_kind(label) == own_kind:
                    break
                run.append(fig)
                labels.append(label)
                boundary = fig["char_end"]
            if len(run) >= 2:
                places = any(starts_with_phrase(list(lab), cues()["place_words"]) for lab in labels)
                found.append(Enumeration(whole, run, labels, "category", partial=places or end > s_end))
                taken |= {f["id"] for f in [whole, *run]}
    return found


def enumerations(doc: Doc) -> list[Enumeration]:
    """Every whole with its parts in one document (a part is used once)."""
    found, used = [], set()
    for cue_start, region_start, cue in cue_openings(doc):
        for enum in enumerations_at(doc, cue_start, region_start, cue):
            if not {f["id"] for f in enum.parts} & used:
                found.append(enum)
                used |= {f["id"] for f in enum.parts}
    return found + category_enumerations(doc, used | {e.whole["id"] for e in found})


# ---------------------------------------------------------------------------- verdicts


def shape_of(enum: Enumeration) -> str:
    """'partition' (every part labelled), 'subsets' (none), or 'mixed'."""
    labelled = [label is not None for label in enum.labels]
    if len(enum.parts) >= 2 and all(labelled):
        return "partition"
    if len(enum.parts) >= 2 and any(labelled):
        return "mixed"
    return "subsets"


def judge_sum(enum: Enumeration, docs: dict[str, Doc]) -> Finding:
    """Parts summed against their whole."""
    whole, parts, shape = enum.whole, enum.parts, shape_of(enum)
    total = interval_of(whole)
    ranges = [interval_of(p) for p in parts]
    summed = Interval(sum(r.lo for r in ranges), sum(r.hi for r in ranges))
    observed = sum(float(p["value"]) for p in parts)
    terms = " + ".join(number_text(p["value"]) for p in parts)
    named = "labelled parts" if shape == "partition" else "parts"
    too_big = [p for p, r in zip(parts, ranges) if r.lo > total.hi]
    disjoint = all(is_category_or_place(label) for label in enum.labels) or complementary(enum.labels)
    may_overlap = not disjoint and (enum.partial or any(names_attribute(label) for label in enum.labels))
    if too_big:
        verdict = "part_exceeds_whole"
        text = f"The part {quoted(too_big[0])} is larger than its whole {quoted(whole)}."
    elif overlaps(total, summed):
        verdict = "verified"
        text = f"The {len(parts)} {named} of {quoted(whole)} ({terms}) add up to {number_text(observed)}."
    elif enum.gap:
        verdict = "unchecked"
        text = (f"The {len(parts)} parts read of {quoted(whole)} ({terms}) add up to {number_text(observed)}, but an "
                f"item of the list has no figure read, so not every part was summed.")
    elif shape == "mixed":
        verdict = "unchecked"
        text = (f"The {len(parts)} parts of {quoted(whole)} ({terms}) add up to {number_text(observed)}, but not "
                f"all of them carry a label, so they may be overlapping subsets rather than a full breakdown.")
    elif enum.partial and summed.hi < total.lo:
        verdict = "unchecked"
        text = (f"The {len(parts)} labelled parts of {quoted(whole)} ({terms}) add up to {number_text(observed)}, "
                f"but {CUE_NAMES.get(enum.cue, enum.cue)} may name only some of the parts, so the shortfall is not "
                f"an error.")
    elif may_overlap:
        verdict = "unchecked"
        text = (f"The {len(parts)} labelled parts of {quoted(whole)} ({terms}) add up to {number_text(observed)}, "
                f"not {number_text(whole['value'])}, but their labels are not categories or places and may overlap.")
    else:
        verdict = "mismatch"
        text = (f"The {len(parts)} labelled parts of {quoted(whole)} ({terms}) add up to "
                f"{number_text(observed)}, not {number_text(whole['value'])}.")
    return Finding("total_breakdown", verdict, expected=float(whole["value"]), observed=observed,
                   unit=whole["unit"], what=whole.get("what"), explanation=text,
                   **sources([whole, *parts], docs))


def judge_subsets(enum: Enumeration, docs: dict[str, Doc]) -> list[Finding]:
    """Unlabelled parts ('trong đó có 65 mô hình được công nhận') are subsets that may
    overlap: each must fit in the whole, they need not add up to it."""
    whole, findings = enum.whole, []
    for part in enum.parts:
        exceeds = interval_of(part).lo > interval_of(whole).hi
        text = (f"The part {quoted(part)} is larger than its whole {quoted(whole)}." if exceeds else
                f"{quoted(part)} is a subset of {quoted(whole)} ({CUE_NAMES.get(enum.cue, enum.cue)}) and is not "
                f"larger than it; subsets are not summed.")
        findings.append(Finding(
            "part_of_whole", "part_exceeds_whole" if exceeds else "verified", expected=float(whole["value"]),
            observed=float(part["value"]), unit=whole["unit"], what=whole.get("what"), explanation=text,
            **sources([whole, part], docs)))
    return findings


def check_breakdowns(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    findings = []
    for enum in enumerations(doc):
        findings += judge_subsets(enum, docs) if shape_of(enum) == "subsets" else [judge_sum(enum, docs)]
    return findings
