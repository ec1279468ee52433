"""Vietnamese text helpers: the one place where text is folded, keyed and split into words.

Every pass, the catalog, the gazetteer and the fact-checks take these from here (the scorer,
``extract/evaluate.py``, too; this module imports nothing of the package).

=========================  ==================================================================
``normalise_tones``        NFC, tone marks in the new placement ("hoà" → "hòa")
``fold_case``              NFC, case folded
``fold_case_keeping_offsets``  lower case and new tone placement, same length as the text
``fold_accents``           diacritics removed, "đ" → "d"; case kept
``lookup_key``             exact key of a name: tones normalised, case folded, dashes and
                           spaces unified ("Thừa Thiên-Huế" → "thừa thiên - huế")
``accentless_key``         ``lookup_key`` without diacritics ("thua thien - hue")
``fold_words``             the words, accent- and case-free, one space apart
``exact_words``            the words, tones normalised and case folded
``syllables``              the runs of letters, case folded
``compare_key``            the scorer's comparison key: case folded, quotes and edge
                           punctuation dropped, spaces collapsed
=========================  ==================================================================

>>> normalise_tones("Uỷ ban nhân dân xã Hoà Thuỷ")
'Ủy ban nhân dân xã Hòa Thủy'
>>> accentless_key("Đắk Lắk")
'dak lak'
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

# ---------------------------------------------------------------------------- tone placement

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền sắc ngã hỏi nặng


def _toned(base: str) -> dict[str, tuple[str, str]]:
    """Every toned form of the vowels ``base`` → (vowel, tone mark)."""
    return {
        unicodedata.normalize("NFC", vowel + mark): (vowel, mark)
        for vowel in base
        for mark in _TONE_MARKS
    }


_FINAL_TONED = _toned("aeyAEY")
# Old placement puts the tone on the last vowel of an open "oa", "oe", "uy" (hoà, khoẻ, thuỷ);
# the new one on the first (hòa, khỏe, thủy).  "quý" is written the same both ways.
_OLD_PLACEMENT = regex.compile(
    r"(?:[oO](?=[" + "".join(c for c in _FINAL_TONED if _FINAL_TONED[c][0] in "aeAE") + r"])"
    r"|(?<![qQ])[uU](?=[" + "".join(c for c in _FINAL_TONED if _FINAL_TONED[c][0] in "yY") + r"]))"
    r".(?!\p{L})"
)


def _retone(match: regex.Match) -> str:
    first, last = match.group()
    vowel, mark = _FINAL_TONED[last]
    return unicodedata.normalize("NFC", first + mark) + vowel


def normalise_tones(text: str) -> str:
    """NFC text with tone marks in the new placement: "hoà"→"hòa", "thuỷ"→"thủy", "Uỷ"→"Ủy".

    Used for matching only; entity ``text`` keeps the surface as written.  The result has
    the length of the NFC text.

    >>> normalise_tones("Khánh Hoà, Thuỵ Khuê, quý, hoàn, KHOẺ")
    'Khánh Hòa, Thụy Khuê, quý, hoàn, KHỎE'
    """
    return _OLD_PLACEMENT.sub(_retone, unicodedata.normalize("NFC", text))


# ---------------------------------------------------------------------------- case and accents


def fold_case(text: str) -> str:
    """NFC, case folded.

    >>> fold_case("ĐẤT Đai")
    'đất đai'
    """
    return unicodedata.normalize("NFC", text).casefold()


def fold_case_keeping_offsets(text: str) -> str:
    """Lower case and new-style tones, with the length of ``text``: offsets into the result
    are offsets into the text (a character whose lower case is longer is left as it is).

    >>> fold_case_keeping_offsets("Thành Uỷ, Văn hoá")
    'thành ủy, văn hóa'
    """
    toned = normalise_tones(text)
    lowered = toned.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in toned)


def _accent_table() -> dict[int, str]:
    """Latin letters with diacritics (U+00C0–U+1EFF) → their base letter; "đ" → "d"."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0xC0, 0x1F00):
        base = unicodedata.normalize("NFD", chr(code))[:1]
        if base.isascii() and base.isalpha() and base != chr(code):
            table[code] = base
    return table


_WITHOUT_ACCENTS = _accent_table()


def fold_accents(text: str) -> str:
    """Letters without diacritics, "đ" → "d", case kept (give it NFC text).

    >>> fold_accents("Đắk Lắk, Thừa Thiên - Huế")
    'Dak Lak, Thua Thien - Hue'
    """
    return text.translate(_WITHOUT_ACCENTS)


# ---------------------------------------------------------------------------- keys

_DASHES = regex.compile(r"\s*[-–—‐]\s*")
_SPACES = regex.compile(r"\s+")


@lru_cache(maxsize=65536)
def lookup_key(text: str) -> str:
    """Exact key of a name: tones normalised, case folded, dashes and spaces unified.

    >>> lookup_key("Thừa Thiên-Huế") == lookup_key("THỪA  THIÊN – HUẾ") == "thừa thiên - huế"
    True
    """
    text = normalise_tones(text).casefold()
    return _SPACES.sub(" ", _DASHES.sub(" - ", text)).strip()


@lru_cache(maxsize=65536)
def accentless_key(text: str) -> str:
    """``lookup_key`` without diacritics ("Đ"→"d"): the case- and accent-insensitive key.

    >>> accentless_key("Thừa Thiên - Huế") == accentless_key("thua thien-hue")
    True
    """
    return fold_accents(lookup_key(text))


_QUOTES_TO_SPACE = dict.fromkeys(map(ord, "\"'“”‘’«»„"), " ")


def compare_key(text) -> str:
    """What two names are compared on (the scorer's key): NFC, case folded, quote marks
    as spaces, whitespace collapsed, edge punctuation stripped; ``None`` gives "".

    >>> compare_key(' Phong trào “Toàn dân  đoàn kết”. ')
    'phong trào toàn dân đoàn kết'
    """
    text = fold_case(str(text or ""))
    text = text.translate(_QUOTES_TO_SPACE)
    return " ".join(text.replace("\u00a0", " ").split()).strip(" .,;:-–()")


# ---------------------------------------------------------------------------- words

WORD = regex.compile(r"\w+")
_LETTERS = regex.compile(r"\p{L}+")


@lru_cache(maxsize=65536)
def _fold_token(token: str) -> str:
    """The folded words of one space-free piece of NFC text (``fold_words``' cache)."""
    return " ".join(WORD.findall(token.casefold().translate(_WITHOUT_ACCENTS)))


def fold_words(text: str | None) -> str | None:
    """The words of ``text``, accent- and case-free ("đ" → "d"), one space apart.

    ``accentless_key`` of each word, computed piece by piece between spaces (no word spans a
    space) through a cache: tone placement does not matter once the tones are removed, and
    a report repeats its pieces ("xã", "Huế,"), so a long text folds twice as fast.

    >>> fold_words("Thừa Thiên - Huế, ĐẤT")
    'thua thien hue dat'
    """
    if text is None:
        return None
    return " ".join(filter(None, map(_fold_token, unicodedata.normalize("NFC", text).split())))


def exact_words(text: str) -> list[str]:
    """The words of ``text`` as written: NFC, tone placement normalised, case folded.

    >>> exact_words("Văn hoá - Xã hội")
    ['văn', 'hóa', 'xã', 'hội']
    """
    return WORD.findall(normalise_tones(text).casefold())


def syllables(text: str) -> list[str]:
    """The runs of letters of ``text``, case folded (digits and punctuation dropped).

    >>> syllables("Xây mới 12 phòng học, sửa chữa")
    ['xây', 'mới', 'phòng', 'học', 'sửa', 'chữa']
    """
    return _LETTERS.findall(fold_case(text))
