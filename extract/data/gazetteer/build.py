"""Regenerate the compact gazetteer tables in this folder from their sources.

    python extract/data/gazetteer/build.py PATH/TO/shared/data/gazetteer \\
        [--vau PATH/TO/vietnamadminunits] [--out extract/data/gazetteer] [--check]

Sources (see README.md in this folder):

* ``SHARED`` — the folder holding ``vn_units_history_2021-11_to_2025-06.csv`` and
  ``vn_units_34prov_2026-04-30_v4.2.0.json`` (thanglequoc/vietnamese-provinces-database, MIT);
* ``--vau`` — the ``vietnamadminunits`` package folder (PyPI ``vietnamadminunits`` 1.0.4, MIT),
  read for its old → new ward conversion (``data/converter_2025.json`` + ``data/dataset.db``).
  Without it, or if the package is not importable, the old → new table holds only the
  certain rows: an old ward whose code is reused by a new ward.

Writes ``units_2021_2025.tsv``, ``units_2025.tsv`` and ``old_to_new.tsv``; ``--check`` compares
instead of writing (exit status 1 on drift).  Standard library only; nothing here runs at import.
"""
from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

HISTORY_CSV = "vn_units_history_2021-11_to_2025-06.csv"
NEW_JSON = "vn_units_34prov_2026-04-30_v4.2.0.json"

# unit_type (GSO wording) → the level used by vnextract (GUIDELINES §2.3)
LEVEL_OF_TYPE = {
    "Tỉnh": "province",
    "Thành phố trực thuộc trung ương": "city",
    "Thành phố": "city",  # post-2025 file: the six (seven with Đồng Nai) centrally governed cities
    "Thành phố thuộc tỉnh": "city",
    "Thành phố thuộc thành phố trực thuộc trung ương": "city",
    "Thị xã": "town",
    "Quận": "district",
    "Huyện": "district",
    "Phường": "ward",
    "Xã": "commune",
    "Thị trấn": "township",
    "Đặc khu": "other",
}
TIER_OF_LEVEL = {"province": "province", "district": "district", "ward": "ward"}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def _month(date: str) -> str:
    return date[:7]


def history_rows(shared: Path) -> list[list[str]]:
    """One row per (code, name) of the pre-2025 states, 2021-11 … 2025-03."""
    rows = []
    with open(shared / HISTORY_CSV, encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            rows.append(
                [
                    rec["code"],
                    rec["level"],
                    LEVEL_OF_TYPE[rec["unit_type"]],
                    _nfc(rec["name"]),
                    rec["province_code"] or rec["code"],
                    rec["district_code"],
                    _month(rec["first_snapshot_effective"]),
                    _month(rec["last_snapshot_effective"]),
                ]
            )
    rows.sort(key=lambda r: (len(r[0]), r[0], r[6]))
    return rows


def _new_type(full_name: str, name: str) -> str:
    prefix = full_name[: len(full_name) - len(name)].strip()
    return prefix[:1].upper() + prefix[1:]


def new_rows(shared: Path) -> list[list[str]]:
    """Provinces and wards after the 2025 reorganisation (two levels, no districts)."""
    data = json.loads((shared / NEW_JSON).read_text(encoding="utf-8"))
    rows = []
    for prov in data:
        level = LEVEL_OF_TYPE[_new_type(prov["FullName"], prov["Name"])]
        rows.append([prov["Code"], "province", level, _nfc(prov["Name"]), prov["Code"]])
        for ward in prov["Wards"]:
            level = LEVEL_OF_TYPE[_new_type(ward["FullName"], ward["Name"])]
            rows.append([ward["Code"], "ward", level, _nfc(ward["Name"]), prov["Code"]])
    return rows


def _vau_folder(arg: str | None) -> Path | None:
    if arg:
        return Path(arg)
    try:
        import vietnamadminunits  # type: ignore[import-not-found]
    except ImportError:
        return None
    return Path(vietnamadminunits.__file__).parent


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def vau_conversion(folder: Path, news: list[list[str]]) -> dict[str, tuple[str, str]]:
    """old code → (new code, note) from vietnamadminunits' converter tables.

    Its keys are slugs ("tinhhatinh_thixahonglinh_phuongnamhong"); dataset.db gives the
    code of every slug.  Its new codes are those of this folder's new file except one
    (Xã Ba Chẽ), so a new code is re-found by (province, name) when it is not ours.
    """
    conv = json.loads((folder / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    db = sqlite3.connect(folder / "data" / "dataset.db")
    old_code = {
        f"{pk}_{dk}_{wk or ''}": wc or dc
        for pk, dk, wk, wc, dc in db.execute(
            "select provinceKey, districtKey, wardKey, wardCode, districtCode from admin_units_legacy"
        )
    }
    old_prov = dict(db.execute("select distinct provinceKey, provinceCode from admin_units_legacy"))
    new_code = {(pk, wk): (wc, pc, w) for pk, wk, wc, pc, w in db.execute(
        "select provinceKey, wardKey, wardCode, provinceCode, wardShort from admin_units")}
    new_prov = dict(db.execute("select distinct provinceKey, provinceCode from admin_units"))
    ours = {r[0] for r in news}
    by_name = {(r[4], _fold(r[3])): r[0] for r in news if r[1] == "ward"}

    def our_code(key) -> str:
        code, prov, name = new_code[key]
        return code if code in ours else by_name[(prov, _fold(name))]

    out: dict[str, tuple[str, str]] = {}
    for new_key, olds in conv["DICT_PROVINCE"].items():
        for old in olds:
            out[old_prov[old]] = (new_prov[new_key], "")
    for prov_key, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, olds in wards.items():
            for old in olds:
                out[old_code[old]] = (our_code((prov_key, ward_key)), "")
    for prov_key, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            codes = sorted({our_code((prov_key, p["newWardKey"])) for p in parts})
            out[old_code[old]] = ("", "divided:" + "|".join(codes))
    return out


def reuse_conversion(history: list[list[str]], news: list[list[str]]) -> dict[str, tuple[str, str]]:
    """The certain part without vietnamadminunits: a new ward that reuses an old ward's code."""
    new_wards = {r[0] for r in news if r[1] == "ward"}
    return {r[0]: (r[0], "") for r in history if r[1] == "ward" and r[0] in new_wards}


def conversion_rows(history, news, vau: Path | None) -> list[list[str]]:
    table = vau_conversion(vau, news) if vau else reuse_conversion(history, news)
    tiers = {r[0]: r[1] for r in history}
    for code, (new, _) in reuse_conversion(history, news).items():  # the code-reuse rule must hold
        converted, note = table.get(code, (new, ""))
        if converted != new and new not in note.removeprefix("divided:").split("|"):
            raise SystemExit(f"old ward {code} is reused by a new ward but converts to {converted or note}")
    rows = [[code, tiers.get(code, "district"), new, note] for code, (new, note) in table.items()]
    rows.sort(key=lambda r: (len(r[0]), r[0]))
    return rows


HEADERS = {
    "units_2021_2025.tsv": (
        "# Administrative units of Viet Nam, every (code, name) in force 2021-11 … 2025-06 (63 provinces).\n"
        "# Derived by build.py from vn_units_history_2021-11_to_2025-06.csv (thanglequoc/vietnamese-provinces-"
        "database, MIT, see LICENSE); first/last = first and last data state (YYYY-MM) carrying the name.\n",
        ["code", "tier", "level", "name", "province", "district", "first", "last"],
    ),
    "units_2025.tsv": (
        "# Administrative units after the 2025 reorganisation (34 provinces, 3,321 wards/communes/special zones).\n"
        "# Derived by build.py from vn_units_34prov_2026-04-30_v4.2.0.json (thanglequoc/vietnamese-provinces-"
        "database v4.2.0, MIT, see LICENSE).\n",
        ["code", "tier", "level", "name", "province"],
    ),
    "old_to_new.tsv": (
        "# Pre-2025 unit code → the post-2025 unit containing it (provinces, wards, and the five island districts).\n"
        "# Derived by build.py from vietnamadminunits 1.0.4 data/converter_2025.json + dataset.db (MIT, see\n"
        "# LICENSE.vietnamadminunits); checked against the rule that a new ward reusing an old code contains it.\n"
        "# new empty + note 'divided:…' = the old ward was split between the listed new wards (not guessed).\n",
        ["old", "tier", "new", "note"],
    ),
}


def render(name: str, rows: list[list[str]]) -> str:
    comment, columns = HEADERS[name]
    lines = [comment.rstrip("\n"), "\t".join(columns)]
    lines += ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def build(shared: Path, vau: Path | None) -> dict[str, str]:
    history = history_rows(shared)
    news = new_rows(shared)
    return {
        "units_2021_2025.tsv": render("units_2021_2025.tsv", history),
        "units_2025.tsv": render("units_2025.tsv", news),
        "old_to_new.tsv": render("old_to_new.tsv", conversion_rows(history, news, vau)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="folder with the shared gazetteer files")
    parser.add_argument("--vau", help="vietnamadminunits package folder (default: the installed package)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent)
    parser.add_argument("--check", action="store_true", help="compare with the files in --out, write nothing")
    args = parser.parse_args(argv)
    vau = _vau_folder(args.vau)
    if vau is None:
        print("vietnamadminunits not found: old → new keeps only code-reuse rows", file=sys.stderr)
    drift = 0
    for name, text in build(args.shared, vau).items():
        target = args.out / name
        if args.check:
            same = target.exists() and target.read_text(encoding="utf-8") == text
            drift += not same
            print(f"{name}: {'ok' if same else 'DRIFT'}")
        else:
            target.write_text(text, encoding="utf-8")
            print(f"{name}: {text.count(chr(10))} lines")
    return 1 if drift else 0


if __name__ == "__main__":
    sys.exit(main())
