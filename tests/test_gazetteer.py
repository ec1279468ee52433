"""The gazetteer: codes, tone variants, resolution in context, the post-2025 link, its data."""
from __future__ import annotations

import json
import time
from importlib import resources

import pytest

from extract.gazetteer import Gazetteer, gazetteer, loose
from extract.vntext import accentless_key, lookup_key, normalise_tones

# (name, level, context, expected code, expected level)
CODES = [
    ("Hồng Lĩnh", "town", None, "437", "town"),  # Thị xã Hồng Lĩnh, Hà Tĩnh
    ("Kim Động", "district", None, "331", "district"),  # Huyện Kim Động, Hưng Yên
    ("Móng Cái", "city", None, "194", "city"),  # Thành phố Móng Cái, Quảng Ninh
    ("Hương Trà", "town", None, "480", "town"),
    ("Hương Xuân", "ward", None, "20017", "ward"),  # the only ward of that name: Hương Trà
    ("Hà Nội", None, None, "01", "city"),
    ("Hồ Chí Minh", "city", None, "79", "city"),
    ("Nghệ An", "province", None, "40", "province"),
    ("Diễn Châu", "district", None, "425", "district"),
    ("Đồng Tháp", None, None, "87", "province"),  # a bare province name means the province
]

# Tone placement, case and dash spacing do not change the key.
SAME_KEY = [
    ("Hoà Bình", "Hòa Bình"),
    ("Thuỷ Biều", "Thủy Biều"),
    ("Uỷ ban", "Ủy ban"),
    ("KHÁNH HOÀ", "Khánh Hòa"),
    ("khoẻ", "khỏe"),
    ("Thừa Thiên - Huế", "Thừa Thiên-Huế"),
    ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
]
DIFFERENT_KEY = [
    ("Hương Vân", "Hương Văn"),  # two wards of Hương Trà: diacritics matter
    ("Hoà", "Hóa"),
    ("hoàn", "hòan"),  # the tone of a closed syllable stays put
]

TONES = [
    ("Uỷ ban nhân dân xã Hoà Thuỷ", "Ủy ban nhân dân xã Hòa Thủy"),
    ("Khánh Hoà, Thuỵ Khuê, KHOẺ", "Khánh Hòa, Thụy Khuê, KHỎE"),
    ("quý, quỳnh, hoàn, thuyền, Huế", "quý, quỳnh, hoàn, thuyền, Huế"),  # unchanged
    ("Hoá Châu", "Hóa Châu"),
]

FOLDS = [
    ("Đắk Lắk", "dak lak"),
    ("Tú Hạ", "tu ha"),
    ("Tứ Hạ", "tu ha"),
    ("ĐƯỜNG", "duong"),
]

# Ambiguous names resolved by the document's context (name, level, context, code).
IN_CONTEXT = [
    ("Hương Xuân", None, {"districts": ["Hương Trà"], "date": "2020-10-02"}, "20017"),
    ("Hương Xuân", None, {"districts": ["Hương Khê"], "date": "2019-05-05"}, "18544"),
    ("Hương Xuân", "commune", {"districts": ["Nam Đông"], "date": "2021-12-01"}, "20179"),
    ("Hải Dương", None, None, "30"),  # the province …
    ("Hải Dương", None, {"districts": ["Hương Trà"], "provinces": ["Thừa Thiên Huế"]}, "19999"),  # … or a commune
    ("Hương Phong", None, {"districts": {"480": 1.0}, "provinces": {"46": 1.0}, "date": "2020-10-02"}, "20002"),
    ("Huế", None, {"provinces": ["Thừa Thiên Huế"], "date": "2020-10-02"}, "474"),  # the city of the province then
    ("Tú Hạ", None, {"provinces": ["Thừa Thiên Huế"]}, "19996"),  # typo of Tứ Hạ
    ("Khánh Hoà", None, None, "56"),
    ("HCM", "city", None, "79"),  # an alias (data/place_aliases.json)
    ("TPHCM", None, None, "79"),
    ("Thừa Thiên - Huế", None, None, "46"),
    ("Phú Quý", "district", None, "602"),  # spelt "Phú Quí" in the gazetteer; the commune Phú Quý is not of the tier
    ("Kì Anh", "town", None, "449"),  # spelt "Kỳ Anh"
]

# The spelling fallback: diacritics aside, a lone final "y" after a consonant spelt "i".
LOOSE = [
    ("Phú Quí", "phu qui"), ("Phú Quý", "phu qui"), ("KỲ ANH", "ki anh"), ("Mỹ Đức", "mi duc"),
    ("Thủy Nguyên", "thuy nguyen"), ("Tây Ninh", "tay ninh"), ("Nguyễn Huy", "nguyen huy"),  # a vowel before: kept
]

UNRESOLVED = [
    ("Hương Xuân", None, None),  # a ward of Hương Trà and communes elsewhere
    ("3", "ward", None),  # Phường 3: many cities have one
    ("Phú An", "commune", None),
    ("Xóm Nọ Không Có", None, None),
]


@pytest.mark.parametrize("name, level, context, code, unit_level", CODES)
def test_gazetteer_codes(name, level, context, code, unit_level):
    unit = gazetteer().resolve(name, level, context)
    assert unit is not None and (unit.code, unit.level) == (code, unit_level)


def test_gazetteer_hierarchy_of_huong_xuan():
    g = gazetteer()
    unit = g.resolve("Hương Xuân", "ward", {"districts": ["Hương Trà"], "date": "2020-10-02"})
    linked = g.describe(unit, "2020-10-02")
    assert (linked["code"], linked["district"], linked["province"]) == ("20017", "Hương Trà", "Thừa Thiên Huế")
    assert unit.district_code == "480"
    # after 2025-07 it belongs to phường Kim Trà (new code 20017 reuses the old one), thành phố Huế
    assert (linked["new_code"], linked["new_name"], linked["new_province"]) == ("20017", "Kim Trà", "Huế")


@pytest.mark.parametrize("a, b", SAME_KEY)
def test_gazetteer_same_key(a, b):
    assert lookup_key(a) == lookup_key(b)


@pytest.mark.parametrize("a, b", DIFFERENT_KEY)
def test_gazetteer_different_key(a, b):
    assert lookup_key(a) != lookup_key(b)


@pytest.mark.parametrize("text, expected", TONES)
def test_gazetteer_normalise_tones(text, expected):
    assert normalise_tones(text) == expected
    assert len(normalise_tones(text)) == len(text)  # offsets into the text stay valid


@pytest.mark.parametrize("text, expected", FOLDS)
def test_gazetteer_fold(text, expected):
    assert accentless_key(text) == expected


@pytest.mark.parametrize("old, new", [("Khánh Hoà", "Khánh Hòa"), ("Thuỷ Biều", "Thủy Biều"), ("HOÀ BÌNH", "Hòa Bình")])
def test_gazetteer_tone_variants_resolve_alike(old, new):
    g = gazetteer()
    assert {u.code for u in g.candidates(old)} == {u.code for u in g.candidates(new)} != set()


@pytest.mark.parametrize("text, expected", LOOSE)
def test_gazetteer_loose(text, expected):
    assert loose(text) == expected


def test_gazetteer_exact_ignores_spelling_variants():
    g = gazetteer()
    assert {u.code for u in g.exact("Quỳnh Lưu", "district")} == {"421"}
    assert g.exact("Phú Quý", "district") == [] and g.exact("quynh luu") == []


@pytest.mark.parametrize("name, level, context, code", IN_CONTEXT)
def test_gazetteer_resolves_in_context(name, level, context, code):
    unit = gazetteer().resolve(name, level, context)
    assert unit is not None and unit.code == code


@pytest.mark.parametrize("name, level, context", UNRESOLVED)
def test_gazetteer_unresolvable_keeps_code_null(name, level, context):
    g = gazetteer()
    unit = g.resolve(name, level, context)
    assert unit is None
    assert g.describe(unit)["code"] is None


def test_gazetteer_level_of_a_name_follows_the_date():
    g = gazetteer()
    before = g.resolve("Hương Phong", "commune", {"districts": {"474": 1}, "date": "2022-01-01"})
    after = g.resolve("Hương Phong", None, {"districts": {"474": 1}, "date": "2025-03-15"})
    assert (before.code, before.level) == ("20002", "commune")
    assert (after.code, after.level) == ("20002", "ward")  # made a ward on 2025-01-01


def test_gazetteer_post_2025_unit():
    g = gazetteer()
    unit = g.resolve("Kim Trà", "ward", {"date": "2025-09-01"})
    linked = g.describe(unit)
    assert unit.post2025 and linked["code"] is None
    assert (linked["new_code"], linked["new_name"], linked["new_province"]) == ("20017", "Kim Trà", "Huế")


def test_gazetteer_split_ward_has_no_new_unit():
    rows = [r for r in _rows("old_to_new.tsv") if r[3].startswith("divided:")]
    assert rows, "the conversion lists split wards"
    g = gazetteer()
    old = g.variant(rows[0][0])
    linked = g.describe(old)
    assert linked["new_code"] is None and linked["new_name"] is None
    assert linked["new_province"] is not None  # provinces merged whole


def test_gazetteer_district_links_only_its_new_province():
    g = gazetteer()
    linked = g.describe(g.resolve("Kim Động", "district"))
    assert (linked["code"], linked["new_code"], linked["new_province"]) == ("331", None, "Hưng Yên")


def test_gazetteer_loads_fast():
    started = time.perf_counter()
    fresh = gazetteer.__wrapped__()  # read the tables and index them again, bypassing the cache
    assert time.perf_counter() - started < 0.3
    assert isinstance(fresh, Gazetteer) and len(fresh.units) > 15000


# --------------------------------------------------------------------------- data integrity


def _rows(name: str) -> list[list[str]]:
    text = resources.files("extract").joinpath("data", "gazetteer", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def test_gazetteer_data_counts():
    old = _rows("units_2021_2025.tsv")
    last = [r for r in old if r[7] == "2025-03"]
    assert len({r[0] for r in last if r[1] == "province"}) == 63
    assert len({r[0] for r in last if r[1] == "ward"}) == 10035
    new = _rows("units_2025.tsv")
    assert sum(r[1] == "province" for r in new) == 34
    assert sum(r[1] == "ward" for r in new) == 3321


def test_gazetteer_data_parents_exist():
    old = _rows("units_2021_2025.tsv")
    provinces = {r[0] for r in old if r[1] == "province"}
    districts = {r[0] for r in old if r[1] == "district"}
    assert all(r[4] in provinces for r in old)
    assert all(r[5] in districts for r in old if r[1] == "ward")


def test_gazetteer_data_conversion_targets_exist():
    new = {r[0] for r in _rows("units_2025.tsv")}
    conversion = _rows("old_to_new.tsv")
    assert all(r[2] in new for r in conversion if r[2])
    for old, _tier, target, note in conversion:
        if note:
            assert not target and all(code in new for code in note.removeprefix("divided:").split("|"))


def test_gazetteer_data_code_reuse_rule():
    """A new ward that reuses an old ward's code contains (part of) that old ward."""
    new_wards = {r[0] for r in _rows("units_2025.tsv") if r[1] == "ward"}
    for old, tier, target, note in _rows("old_to_new.tsv"):
        if tier == "ward" and old in new_wards:
            assert target == old or old in note


def test_gazetteer_aliases_are_disjoint():
    data = json.loads(resources.files("extract").joinpath("data", "place_aliases.json").read_text("utf-8"))
    seen: dict[str, str] = {}
    for canonical, variants in data["aliases"].items():
        assert gazetteer().candidates(canonical), canonical
        for variant in variants:
            assert seen.setdefault(lookup_key(variant), canonical) == canonical
