"""Check 1: a whole and the parts a cue opens (``total_breakdown``, ``part_of_whole``).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .facts import Doc, _cut_pattern, clause_after, is_delta, same_thing
from .findings import Finding, quoted, sources
from .text import (
    _LABEL_BREAK,
    _OPENING,
    _YEAR,
    drop_phrases,
    find_phrase,
    paren_depth,
    starts_with_phrase,
    syllables,
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


CUE_NAMES = {"(": "in parentheses", ":": "after a colon", "category": "a list of categories"}


@dataclass
class Enumeration:
    whole: dict
    parts: list[dict]
    labelled: bool  # every part has a category label: a partition that must add up
    cue: str


def head_of(doc: Doc, fig: dict) -> str:
    """The whole's counted noun plus the next few words ('18.080 bộ hồ sơ giao dịch')."""
    return (fig.get("what") or "") + " " + " ".join(syllables(clause_after(doc, fig))[:4])


def compatible(doc: Doc, whole: dict, part: dict) -> bool:
    return (
        family_of(part) is not None and family_of(part) == family_of(whole)
        and (part.get("per") or None) == (whole.get("per") or None)
        and same_thing(part, whole, head_of(doc, whole))
        and not is_delta(doc, part)
    )


def part_label(doc: Doc, boundary: int, part: dict, whole: dict) -> list[str] | None:
    """The category label before a part ('cấp xã:' → ['cấp', 'xã']), or None for a subset:
    no label ('có 65 mô hình'), a status ('được công nhận 65'), or the whole's own noun with a
    modifier ('đảng viên nữ 450 người' of '1.200 đảng viên' — subgroups may overlap)."""
    segment = _LABEL_BREAK.split(doc.text[boundary: part["char_start"]])[-1]
    words = drop_phrases(syllables(segment), cues()["breakdown_cues"])
    if not words or starts_with_phrase(words, cues()["subset_predicates"]):
        return None
    head = " ".join(syllables(whole.get("what") or ""))
    if head and f" {head} " in f" {' '.join(words)} ":
        return None
    return drop_phrases(drop_phrases(words, cues()["label_fillers"]), cues()["stop_words"]) or None


def collect_parts(doc: Doc, whole: dict, start: int, end: int) -> list[tuple[dict, list[str] | None]]:
    """Figures in ``text[start:end]`` at the region's own depth, stopping at the first that is
    not a part of ``whole`` (another unit, another thing, a change, another period: 'năm 2019:
    150 hộ') or at a nested cue."""
    nested = find_phrase(doc.text, cues()["breakdown_cues"], start + 1, end)
    end = nested.start() if nested and doc.text[start:nested.start()].strip(" ,:(") else end
    parts, boundary = [], start
    for fig in figures_at_depth0(doc, start, end):
        segment = doc.text[boundary:fig["char_start"]]
        other_period = _YEAR.search(segment) or find_phrase(segment, cues()["period_words"], 0, len(segment))
        if other_period or not compatible(doc, whole, fig):
            break
        parts.append((fig, part_label(doc, boundary, fig, whole)))
        boundary = fig["char_end"]
    return parts


def closing_paren(text: str, open_pos: int) -> int:
    depth = 0
    for i in range(open_pos, len(text)):
        depth += text[i] == "("
        depth -= text[i] == ")"
        if depth == 0:
            return i
    return len(text)


def figures_at_depth0(doc: Doc, start: int, end: int) -> list[dict]:
    """Figures in ``text[start:end]`` that are not inside a parenthesis opened there."""
    inside = doc.figures[bisect_right(doc.starts, start - 1): bisect_right(doc.starts, end - 1)]
    return [f for f in inside if not paren_depth(doc.text, start, f["char_start"])]


def whole_before(doc: Doc, cue: str, cue_start: int, lo: int, part: dict) -> dict | None:
    """The figure before the cue (from ``lo``, not in parentheses, no ';' in between) of which
    ``part`` can be a part.  A parenthesis or a colon takes the figure right before it (a colon
    only with no comma between); a cue word the nearest one that fits: '52 nhà với tổng kinh
    phí 915 triệu đồng, trong đó 30 nhà' → '52 nhà'."""
    strict = cue in "(:"
    window = cues()["paren_window"] if strict else cues()["whole_window"]
    for fig in reversed(figures_at_depth0(doc, lo, cue_start)):
        between = doc.text[fig["char_end"]:cue_start]
        if cue_start - fig["char_end"] > window or ";" in between or (cue == ":" and ("," in between or "." in between)):
            return None
        if compatible(doc, fig, part):
            return fig
        if strict:
            return None
    return None


def cue_openings(doc: Doc) -> list[tuple[int, int, str]]:
    """(cue start, region start, cue) for every parenthesis, colon and cue word."""
    found = [(m.start(), m.end(), m.group().lower()) for m in _cut_pattern("breakdown_cues").finditer(doc.text)]
    found += [(m.start(), m.end(), m.group()) for m in _OPENING.finditer(doc.text)]
    return sorted(found)


def enumeration_at(doc: Doc, cue_start: int, region_start: int, cue: str) -> Enumeration | None:
    """The whole before a cue and the parts after it, or None."""
    index = doc.sentence_of(cue_start)
    s_start, s_end = doc.span(index)
    if cue == "(":
        region_end = closing_paren(doc.text, cue_start)
    elif paren_depth(doc.text, s_start, cue_start):  # "(trong đó, …)": the parenthesis is the cue
        return None
    else:
        region_end = s_end
    first = figures_at_depth0(doc, region_start, region_end)[:1]
    if not first:
        return None
    whole = whole_before(doc, cue, cue_start, s_start, first[0])
    if whole is None and cue not in "(:" and not doc.text[s_start:cue_start].strip(" “\"-–•*"):
        whole = whole_in_previous_sentence(doc, index, first[0])
    if whole is None or is_delta(doc, whole):
        return None
    parts = collect_parts(doc, whole, region_start, region_end)
    if not parts:
        return None
    labels = [label for _, label in parts]
    return Enumeration(whole, [p for p, _ in parts], len(parts) >= 2 and all(labels), cue)


def whole_in_previous_sentence(doc: Doc, index: int, part: dict) -> dict | None:
    """'… 112 mô hình trong đó … .  Trong đó, lĩnh vực …': the first figure of the previous
    sentence standing before that sentence's own cue, of which ``part`` can be a part."""
    if index <= 0:
        return None
    start, end = doc.span(index - 1)
    cue = find_phrase(doc.text, cues()["breakdown_cues"], start, end)
    candidates = figures_at_depth0(doc, start, cue.start() if cue else end)
    return next((f for f in candidates if compatible(doc, f, part)), None)


def category_enumerations(doc: Doc, taken: set[str]) -> list[Enumeration]:
    """'…, lĩnh vực kinh tế có 19 mô hình, lĩnh vực văn hóa có 67 mô hình' without a cue word:
    ≥ 2 consecutive parts labelled by a category word, after a compatible whole."""
    found = []
    for s_start, s_end in doc.sentences:
        figs = [f for f in doc.figures if s_start <= f["char_start"] < s_end and f["id"] not in taken]
        for i, whole in enumerate(figs):
            run, boundary = [], whole["char_end"]
            for fig in figs[i + 1:]:
                label = part_label(doc, boundary, fig, whole)
                if not (label and starts_with_phrase(label, cues()["category_words"]) and compatible(doc, whole, fig)):
                    break
                run.append(fig)
                boundary = fig["char_end"]
            if len(run) >= 2:
                found.append(Enumeration(whole, run, True, "category"))
                taken |= {f["id"] for f in [whole, *run]}
    return found


def enumerations(doc: Doc) -> list[Enumeration]:
    """Every whole with its parts in one document (a part is used once)."""
    found, used = [], set()
    for cue_start, region_start, cue in cue_openings(doc):
        enum = enumeration_at(doc, cue_start, region_start, cue)
        if enum and not {f["id"] for f in enum.parts} & used:
            found.append(enum)
            used |= {f["id"] for f in enum.parts}
    return found + category_enumerations(doc, used | {e.whole["id"] for e in found})


def judge_partition(enum: Enumeration, docs: dict[str, Doc]) -> Finding:
    """A labelled breakdown: the parts must add up to the whole."""
    whole, parts = enum.whole, enum.parts
    total = interval_of(whole)
    ranges = [interval_of(p) for p in parts]
    summed = Interval(sum(r.lo for r in ranges), sum(r.hi for r in ranges))
    observed = sum(float(p["value"]) for p in parts)
    terms = " + ".join(number_text(p["value"]) for p in parts)
    too_big = [p for p, r in zip(parts, ranges) if r.lo > total.hi]
    if too_big:
        verdict = "part_exceeds_whole"
        text = f"The part {quoted(too_big[0])} is larger than its whole {quoted(whole)}."
    elif overlaps(total, summed):
        verdict = "verified"
        text = f"The {len(parts)} labelled parts of {quoted(whole)} ({terms}) add up to {number_text(observed)}."
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
        findings += [judge_partition(enum, docs)] if enum.labelled else judge_subsets(enum, docs)
    return findings
