"""Values compared as intervals in their unit family ('hơn 36,5 ha' is (365 000 m², ∞)).

>>> i = interval_of({"value": 36.5, "value_max": None, "qualifier": "more_than", "unit": "ha"})
>>> (i.lo > 36.5 * 10_000, i.hi)
(True, inf)
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from ..lexicons import load_data

FAMILY = {  # canonical unit → (family, factor to the family's base unit)
    "count": ("count", 1), "person": ("count", 1), "household": ("count", 1), "day": ("day", 1),
    "m2": ("area", 1), "ha": ("area", 10_000), "m": ("length", 1), "km": ("length", 1_000),
    "VND": ("money", 1), "percent": ("percent", 1), "ratio": ("ratio", 1), "ton": ("mass", 1),
}


@lru_cache(maxsize=1)
def cues() -> dict:
    """``data/factcheck_cues.json``, with every word list a tuple sorted longest first."""
    raw = load_data("factcheck_cues.json")
    return {k: tuple(sorted(v, key=len, reverse=True)) if isinstance(v, list) else v for k, v in raw.items()}


# ---------------------------------------------------------------------------- values


class Interval(NamedTuple):
    lo: float
    hi: float


def family_of(fig: dict) -> str | None:
    """Unit family a figure can be compared within (``ha`` and ``m2`` are both ``area``)."""
    if fig["unit"] == "other":
        return None
    return FAMILY.get(fig["unit"], (None, 1))[0]


def base_value(fig: dict, value: float) -> float:
    return value * FAMILY.get(fig["unit"], (None, 1))[1]


def interval_of(fig: dict) -> Interval:
    """The values a figure allows, in its family's base unit (m² for ha)."""
    lo = base_value(fig, fig["value"])
    hi = base_value(fig, fig["value_max"]) if fig.get("value_max") is not None else lo
    tol = cues()["approx_tolerance"]
    return {
        "more_than": Interval(math.nextafter(lo, math.inf), math.inf),
        "at_least": Interval(lo, math.inf),
        "less_than": Interval(-math.inf, math.nextafter(hi, -math.inf)),
        "approx": Interval(lo * (1 - tol), hi * (1 + tol)),
    }.get(fig["qualifier"], Interval(lo, hi))


def overlaps(a: Interval, b: Interval) -> bool:
    return a.lo <= b.hi * (1 + 1e-9) and b.lo <= a.hi * (1 + 1e-9)


def same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def number_text(value: float) -> str:
    """A value written the Vietnamese way: 18.080, 44,5."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.6g}".replace(",", " ").replace(".", ",").replace(" ", ".")
