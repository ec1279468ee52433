"""Link each figure to the place and the model it is stated for, within its sentence.

"phường Hương Xuân … có hơn 36,5 ha" → the figure's ``locality`` is that mention's id;
a figure in a sentence that names a model ("“Nồi cháo yêu thương” … 73 đợt") gets the
model's id.  The nearest mention before the figure wins, else the nearest after it.
"""
from __future__ import annotations

from bisect import bisect_right
from ..tokenise import doc_sentences, sentence_starts


def _nearest(items: list[tuple[int, int, str]], start: int, end: int, lo: int, hi: int) -> str | None:
    """Id of the item inside [lo, hi) nearest to the figure, preferring those before it."""
    before = [(start - e, i) for s, e, i in items if lo <= s and e <= start]
    if before:
        return min(before)[1]
    after = [(s - end, i) for s, e, i in items if s >= end and e <= hi]
    return min(after)[1] if after else None


def link_figures(doc, figures, localities: list[dict], models: list[dict]) -> None:
    """Set ``figure.locality`` and ``figure.model`` (ids) in place."""
    if not figures:
        return
    starts, ends = sentence_starts(doc), [end for _, end in doc_sentences(doc)]
    places = [(loc["char_start"], loc["char_end"], loc["id"]) for loc in localities]
    named = [(m["char_start"], m["char_end"], model["id"]) for model in models for m in model["mentions"]]
    for fig in figures:
        i = bisect_right(starts, fig.char_start) - 1
        if i < 0:
            continue
        lo, hi = starts[i], ends[i]
        fig.locality = _nearest(places, fig.char_start, fig.char_end, lo, hi)
        fig.model = _nearest(named, fig.char_start, fig.char_end, lo, hi)
