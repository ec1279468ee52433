"""Check 2: ratios above one (``25/24 xã``) and shares above 100 % (``ratio_above_one``, ``share_above_100``).
"""
from __future__ import annotations

from .facts import Doc, clause_after, clause_before
from .findings import Finding, quoted, sources
from .text import find_phrase
from .values import cues, number_text

# ---------------------------------------------------------------------------- check 2: ratios and shares


def check_ratios(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    """'25/24 xã': a numerator larger than its denominator."""
    findings = []
    for fig in doc.figures:
        num, den = fig.get("numerator"), fig.get("denominator")
        if fig["unit"] == "ratio" and num is not None and den and num > den:
            text = f"{quoted(fig)} has a numerator larger than its denominator ({number_text(num)} > {number_text(den)})."
            row = {**sources([fig], docs), "values": [float(num), float(den)]}
            findings.append(Finding("ratio_above_one", "flagged", expected=float(den), observed=float(num),
                                    unit="ratio", what=fig.get("what"), explanation=text, **row))
    return findings


def check_shares(doc: Doc, docs: dict[str, Doc]) -> list[Finding]:
    """A percentage above 100 that is a share, not a rate of a plan or a growth."""
    findings = []
    for fig in doc.figures:
        if fig["unit"] != "percent" or fig["value"] <= 100:
            continue
        clause = clause_before(doc, fig) + " " + fig["text"] + " " + clause_after(doc, fig)
        if find_phrase(clause, cues()["share_exempt"], 0, len(clause)):
            continue
        text = f"{quoted(fig)} is a share above 100 %."
        findings.append(Finding("share_above_100", "flagged", expected=100.0, observed=float(fig["value"]),
                                unit="percent", what=fig.get("what"), explanation=text, **sources([fig], docs)))
    return findings
