"""Legacy Vietnamese encodings: recognise them and turn them into Unicode (NFC).

Archived reports are often not clean UTF-8.  Two situations are handled:

* **bytes** of a plain-text file (:func:`detect_and_decode`): UTF-8 first (then
  checked as below), else the candidates in ``LEGACY_BYTE_ENCODINGS`` — TCVN3
  (the ABC ``.VnTime`` fonts), TCVN5712-1 (VN1: TCVN3 with its capitals that carry
  tone marks, at 01–17, 80–9F …, as iconv writes it), VNI-Windows, and Windows-1258 with its decomposed
  tone marks composed to NFC — scored, the best kept only if clearly Vietnamese;
* **text** that is already ``str`` but spells legacy codes (:func:`repair_text`):
  a DOCX run or PDF text set in a ``.VnTime``/``VNI-`` font shows the
  Windows-1252 character of each legacy byte (``"B¸o c¸o"`` is "Báo cáo"); a
  page decoded with the wrong charset shows UTF-8 mojibake (``"Viá»‡t"``, repaired
  by ftfy, lost bytes put back first); VIQR
  writes tones in ASCII (``"Vie^.t"``).

Without a font name, candidates are scored by Vietnamese syllables
(``data/encodings/syllables.json``): a conversion is kept line by line only where
it does not make the line worse, and for the whole text only when it clearly gains
(``MIN_TEXT_GAIN``, ``MIN_GAIN_SHARE``), so correct UTF-8 — Vietnamese, English,
French … — is left alone.  Mojibake is recognised by structure: the line, written
back as Windows-1252 bytes, is valid UTF-8.

The tables are data files under ``extract/data/encodings/`` with their sources;
:func:`encode_legacy` is the project's own encoder built from the same tables,
used by the tests.  Characters an encoding cannot carry are either refused
(``errors="strict"``), folded as documented in :func:`fold_for`
(``errors="fold"``), or kept as they are in a ``str`` view (``errors="keep"``).

>>> repair_text("B¸o c¸o t×nh h×nh", font=".VnTime")
('Báo cáo tình hình', 'tcvn3')
>>> repair_text("Nhân rộng mô hình “Dân vận khéo”")
('Nhân rộng mô hình “Dân vận khéo”', None)
>>> detect_and_decode(encode_legacy("Đậu Liêu", "cp1258"))
('Đậu Liêu', 'cp1258')
"""
from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import ftfy
import regex

from ..lexicons import load_data

DATA = "encodings"  # the folder of the tables under data/

#: Tried, in this order, on bytes that are not UTF-8.
LEGACY_BYTE_ENCODINGS = ("tcvn3", "tcvn5712-1", "vni", "cp1258")
TCVN5712 = "tcvn5712-1"  # VN1: TCVN3 (VN3) with the capitals that carry tone marks
VN1 = "VN1"  # tcvn3.tsv's mark for a VN1-only row
#: Tried on text that is already Unicode (mojibake first: it is recognised by structure).
TEXT_REPAIRS = ("utf-8-mojibake", "tcvn3", "vni", "viqr")
MOJIBAKE = "utf-8-mojibake"
FONT_ENCODINGS = ("tcvn3", "vni")  # spelled with the characters of a Windows-1252 font

# Bytes Windows-1252 leaves undefined; Windows and the WHATWG encoding standard read them as
# the C1 control of the same number, so mojibake keeps them as U+0081 … U+009D.
CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
C1_CONTROLS = regex.compile(r"[\x80-\x9f]")
# Control bytes a text file may hold; any other left after decoding is a letter VN1 has there.
STRAY_CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x19\x1c-\x1f]")

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
STOP_TONES = "\u0301\u0323"  # the only tones a stop final (-c -ch -p -t) takes
WORD = regex.compile(r"[\p{L}\p{M}]+")
LINE_END = regex.compile(r"(?<=\n)")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# A conversion is kept on the lines where it gives more valid syllables; for the whole text
# it must gain at least MIN_TEXT_GAIN of them, and that many for each 1/MIN_GAIN_SHARE words
# of the converted lines (English "me." and "so?" read as VIQR give a few, never that many).
MIN_TEXT_GAIN = 2
MIN_GAIN_SHARE = 0.2
# Bytes that are not UTF-8: the best legacy reading must have this share of valid syllables.
MIN_BYTES_VALIDITY = 0.8

VIQR_MARKS = "'`?~.(^+"
VIQR_ESCAPE = "\\"
VIQR_LITERALS = VIQR_MARKS + "dD" + VIQR_ESCAPE  # what a backslash can keep literal
VIQR_JOINS = "aeiouyAEIOUY" + VIQR_LITERALS  # a character from VIQR_LITERALS after these is escaped


class UnknownEncoding(ValueError):
    """Bytes that are neither UTF-8 nor a recognisable legacy Vietnamese encoding."""


# --------------------------------------------------------------------------- data files


def byte_view(byte: int) -> str:
    """The character a Windows-1252 reader shows for ``byte`` (C1 control where undefined)."""
    return bytes([byte]).decode("cp1252") if byte not in CP1252_UNDEFINED else chr(byte)


@lru_cache(maxsize=1)
def tcvn3_table() -> dict[str, str]:
    """Windows-1252 view character → Vietnamese letter (checked on load)."""
    table: dict[str, str] = {}
    for byte, view, letter in load_data(f"{DATA}/tcvn3.tsv"):
        if view == VN1:
            continue
        if byte_view(int(byte, 16)) != view:
            raise ValueError(f"tcvn3.tsv: byte {byte} is shown as {byte_view(int(byte, 16))!r}, not {view!r}")
        table[view] = letter
    check_bijective("tcvn3.tsv", table)
    return table


@lru_cache(maxsize=1)
def tcvn5712_table() -> dict[int, str]:
    """Byte → letter of TCVN5712-1 (VN1): VN3's letters plus its capitals with tone marks."""
    table = {int(byte, 16): letter for byte, _, letter in load_data(f"{DATA}/tcvn3.tsv")}
    check_bijective("tcvn3.tsv (VN1)", {f"{byte:02X}": letter for byte, letter in table.items()})
    return table


@lru_cache(maxsize=1)
def vni_table() -> dict[str, str]:
    """Windows-1252 view sequence (base + mark) → Vietnamese letter (checked on load)."""
    table: dict[str, str] = {}
    for letter, hexes, view in load_data(f"{DATA}/vni.tsv"):
        if "".join(byte_view(int(h, 16)) for h in hexes.split()) != view:
            raise ValueError(f"vni.tsv: bytes {hexes} do not show as {view!r}")
        table[view] = letter
    check_bijective("vni.tsv", table)
    return table


@lru_cache(maxsize=1)
def viqr_table() -> dict[str, str]:
    """VIQR spelling → Vietnamese letter (checked on load)."""
    table = {viqr: letter for letter, viqr in load_data(f"{DATA}/viqr.tsv")}
    check_bijective("viqr.tsv", table)
    return table


@lru_cache(maxsize=1)
def pdf_glyph_aliases() -> dict[str, str]:
    """Character a PDF shows → the TCVN3 view character it stands for."""
    return {chr(int(code[2:], 16)): byte_view(int(byte, 16)) for code, byte in load_data(f"{DATA}/pdf_glyphs.tsv")}


@lru_cache(maxsize=1)
def legacy_fonts() -> dict[str, dict]:
    """Font-name rules per encoding (``data/encodings/legacy_fonts.json``)."""
    rules = load_data(f"{DATA}/legacy_fonts.json")
    return {name: rule for name, rule in rules.items() if not name.startswith("_")}


def check_bijective(name: str, table: dict[str, str]) -> None:
    """Each letter is spelled one way, and every letter is NFC."""
    letters = list(table.values())
    if len(set(letters)) != len(letters):
        raise ValueError(f"{name}: a letter has two spellings")
    if any(unicodedata.normalize("NFC", letter) != letter for letter in letters):
        raise ValueError(f"{name}: letters must be NFC")


# --------------------------------------------------------------------------- code-page views


@lru_cache(maxsize=1)
def view_alphabet() -> frozenset[str]:
    """Every character a Windows-1252 reader can show for a byte."""
    return frozenset(byte_view(byte) for byte in range(256))


def bytes_to_view(data: bytes) -> str:
    """Bytes as a Windows-1252 reader shows them (never fails)."""
    return data.decode("latin-1").translate(cp1252_from_latin1())


@lru_cache(maxsize=1)
def cp1252_from_latin1() -> dict[int, str]:
    """Latin-1 reads 0x80–0x9F as C1 controls; Windows-1252 has punctuation at most of them."""
    return {byte: byte_view(byte) for byte in range(0x80, 0xA0)}


def view_to_bytes(text: str) -> bytes:
    """Inverse of :func:`bytes_to_view` (C1 controls, as Latin-1 shows bytes 0x80–0x9F, too).

    ``UnicodeEncodeError`` for any other character."""
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for position, char in enumerate(text):
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                raise UnicodeEncodeError("cp1252", text, position, position + 1, "not a Windows-1252 character") from None
            out.append(ord(char))  # C1 controls: read as Latin-1, or undefined in Windows-1252
    return bytes(out)


def in_view(text: str) -> bool:
    """True if every character of ``text`` could be a Windows-1252 byte (or a PDF alias)."""
    alphabet = view_alphabet()
    aliases = pdf_glyph_aliases()
    return all(char in alphabet or char in aliases for char in text)


# --------------------------------------------------------------------------- converters (legacy → Unicode)


def lines_of(text: str) -> list[str]:
    """Lines with their ``\\n``; only ``\\n`` ends a line (``str.splitlines`` would also
    split at U+0085, which Latin-1 mojibake of "ễ" contains)."""
    return LINE_END.split(text)


def convert_tcvn3(view: str) -> str:
    """TCVN3 text as a Windows-1252 reader shows it → Unicode, capitals restored where visible."""
    return restore_capitals(restore_pdf_glyphs(view).translate(tcvn3_translation()))


def restore_capitals(text: str) -> str:
    """``"BáO CáO"`` → ``"BÁO CÁO"`` where the capitals are visible.

    VN3 has no toned capitals: an upper-case word typed in a capital font (.VnTimeH)
    comes back with lower-case toned letters.  A word whose ASCII letters after the first
    are capitals (``"TổNG"``) was upper case; so was its whole line if the line has no
    lower-case ASCII letter (``"Có"`` there is ``"CÓ"``).  A lone ``"Tổ"`` stays as is.
    """
    return "".join(restore_line_capitals(line) for line in lines_of(text))


def restore_line_capitals(line: str) -> str:
    """One line of :func:`restore_capitals`."""
    words = WORD.findall(line)
    if not any(map(is_half_capital, words)):
        return line
    if not any(char.isascii() and char.islower() for char in line):
        return line.upper()
    return WORD.sub(lambda match: match.group().upper() if is_half_capital(match.group()) else match.group(), line)


def is_half_capital(word: str) -> bool:
    """ASCII capitals after the first letter, no lower-case ASCII letter, a lower-case toned one."""
    return (
        any(char.isascii() and char.isupper() for char in word[1:])
        and not any(char.isascii() and char.islower() for char in word)
        and any(char.islower() and not char.isascii() for char in word)
    )


@lru_cache(maxsize=1)
def tcvn3_translation() -> dict[int, str]:
    return {ord(view): letter for view, letter in tcvn3_table().items()}


def restore_pdf_glyphs(text: str) -> str:
    """PDF stand-ins (U+2212 for ư …) back to their TCVN3 view character, next to letters only."""
    aliases = pdf_glyph_aliases()
    if not any(char in text for char in aliases):
        return text
    chars = list(text)
    for position, char in enumerate(text):
        before = text[position - 1] if position else ""
        after = text[position + 1] if position + 1 < len(text) else ""
        if char in aliases and (before.isalpha() or after.isalpha()):
            chars[position] = aliases[char]
    return "".join(chars)


def convert_vni(view: str) -> str:
    """VNI text as a Windows-1252 reader shows it → Unicode (longest sequence first)."""
    return vni_pattern().sub(lambda match: vni_table()[match.group()], view)


@lru_cache(maxsize=1)
def vni_pattern() -> regex.Pattern:
    return alternation(vni_table())


def convert_viqr(text: str) -> str:
    """VIQR (RFC 1456) → Unicode; a backslash keeps the next mark literal."""
    table = viqr_table()
    return viqr_pattern().sub(lambda match: match.group()[1:] if match.group()[0] == VIQR_ESCAPE else table[match.group()], text)


@lru_cache(maxsize=1)
def viqr_pattern() -> regex.Pattern:
    escapes = regex.escape(VIQR_ESCAPE) + "[" + regex.escape(VIQR_LITERALS) + "]"
    return regex.compile(escapes + "|" + alternation(viqr_table()).pattern)


def alternation(table: dict[str, str]) -> regex.Pattern:
    """A pattern matching any key of ``table``, longest first."""
    return regex.compile("|".join(regex.escape(key) for key in sorted(table, key=len, reverse=True)))


def convert_mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252 or Latin-1 → the text it was, by ftfy; unchanged if ftfy sees none.

    ftfy cannot bring back a byte that Windows-1252 leaves undefined and a strict reader
    replaced or dropped (it documents that it writes U+FFFD for the sequence): where a lead
    byte shows one was lost, :func:`restore_lost_bytes` puts it back first.

    >>> convert_mojibake("Há»“ng LÄ©nh"), convert_mojibake("NgÆ°á»\ufffdi dÃ¢n")
    ('Hồng Lĩnh', 'Người dân')
    """
    if text.isascii():
        return text
    fixed = ftfy.fix_text(text, config=FTFY_CONFIG)
    if fixed == text and "\ufffd" not in text:
        return text
    restored = restore_lost_bytes(text)
    return ftfy.fix_text(restored, config=FTFY_CONFIG) if restored != text else fixed


#: ftfy repairs the encoding and nothing else: quotes, HTML entities, line breaks, widths,
#: ligatures, control characters and normalisation stay as written.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
TOKEN = regex.compile(r"[^ \t\r\n]+")
REPLACEMENT = "\ufffd"
MAX_LOST_PER_TOKEN = 3


@lru_cache(maxsize=1)
def restorable() -> tuple[str, ...]:
    """What a lost byte may be restored to, preferred first (``data/encodings/mojibake.json``)."""
    return tuple(load_data(f"{DATA}/mojibake.json")["restorable"])


def restore_lost_bytes(view: str) -> str:
    """Put back the bytes (81 8D 8F 90 9D) a strict Windows-1252 reader replaced by U+FFFD or
    dropped, as the C1 control of the same number that ftfy's sloppy decoder reads back.

    A byte is restored only at the end of a UTF-8 sequence its lead byte shows to be one byte
    short, to the character (``restorable()``) that gives its word the most Vietnamese
    syllables (the whole line is then kept only if it reads better: :func:`fix_mojibake_line`).

    >>> restore_lost_bytes("trÆ°á»\ufffdng Ä\ufffdáº£ng") == "trÆ°á»\x9dng Ä\x90áº£ng"
    True
    """
    return TOKEN.sub(lambda match: restore_token(match.group()), view)


def restore_token(token: str) -> str:
    """One word of :func:`restore_lost_bytes`."""
    data = token_bytes(token)
    gaps = lost_gaps(data) if data is not None else []
    if not gaps or len(gaps) > MAX_LOST_PER_TOKEN:
        return token
    best: tuple[int, list[int]] | None = None
    for choice in itertools.product(*(candidates for _, _, candidates in gaps)):
        decoded = decode_with(data, gaps, choice)
        if decoded is None:
            continue
        score = evidence(decoded)
        if best is None or score.net > best[0]:
            best = (score.net, list(choice))
    if best is None:
        return token
    chars = list(token)
    for (position, insert, _), byte in sorted(zip(gaps, best[1]), reverse=True):
        if insert:
            chars.insert(position, chr(byte))
        else:
            chars[position] = chr(byte)
    return "".join(chars)


def token_bytes(token: str) -> list[int | None] | None:
    """Each character's Windows-1252 byte (None for U+FFFD); None if one has no byte."""
    out: list[int | None] = []
    for char in token:
        if char == REPLACEMENT:
            out.append(None)
            continue
        try:
            out.append(view_to_bytes(char)[0])
        except UnicodeEncodeError:
            return None
    return out


def continuation_count(byte: int | None) -> int:
    """How many continuation bytes a UTF-8 lead byte takes (0: not a lead byte)."""
    if byte is None:
        return 0
    return 1 if 0xC2 <= byte <= 0xDF else 2 if 0xE0 <= byte <= 0xEF else 3 if 0xF0 <= byte <= 0xF4 else 0


def lost_gaps(data: list[int | None]) -> list[tuple[int, bool, tuple[int, ...]]]:
    """Where a UTF-8 sequence lacks its last byte: (position, dropped rather than replaced,
    the undefined bytes that complete it to a restorable character, preferred first)."""
    gaps = []
    i = 0
    while i < len(data):
        needed = continuation_count(data[i])
        j = i + 1
        while j < len(data) and j - i - 1 < needed and data[j] is not None and 0x80 <= data[j] <= 0xBF:
            j += 1
        if needed and j - i - 1 == needed - 1:
            replaced = j < len(data) and data[j] is None
            if candidates := completions(tuple(data[i:j])):
                gaps.append((j, not replaced, candidates))
            j += replaced
        i = max(j, i + 1)
    return gaps


@lru_cache(maxsize=256)
def completions(start: tuple[int, ...]) -> tuple[int, ...]:
    """The undefined Windows-1252 bytes that end ``start`` as a restorable character, preferred first."""
    found = []
    for byte in CP1252_UNDEFINED:
        try:
            char = bytes([*start, byte]).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if char in restorable():
            found.append((restorable().index(char), byte))
    return tuple(byte for _, byte in sorted(found))


def decode_with(data: list[int | None], gaps, choice: tuple[int, ...]) -> str | None:
    """The token decoded as UTF-8 with the chosen bytes put back (None if it is not UTF-8)."""
    out = list(data)
    for (position, insert, _), byte in sorted(zip(gaps, choice), reverse=True):
        if insert:
            out.insert(position, byte)
        else:
            out[position] = byte
    raw = b"".join(REPLACEMENT.encode("utf-8") if byte is None else bytes([byte]) for byte in out)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def convert_cp1258(data: bytes) -> str:
    """Windows-1258 bytes → NFC text (``UnicodeDecodeError`` on bytes it leaves undefined)."""
    return unicodedata.normalize("NFC", data.decode("cp1258"))


VIEW_CONVERTERS: dict[str, Callable[[str], str]] = {
    "tcvn3": convert_tcvn3,
    "vni": convert_vni,
    "viqr": convert_viqr,
    MOJIBAKE: convert_mojibake,
}


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Evidence:
    """Word counts of a text: all words, and words with a non-ASCII letter that are / are not syllables."""

    words: int = 0
    good: int = 0
    bad: int = 0

    @property
    def net(self) -> int:
        return self.good - self.bad

    @property
    def validity(self) -> float:
        return self.good / (self.good + self.bad) if self.good + self.bad else 0.0


def evidence(text: str) -> Evidence:
    """Count words; a word with a letter outside ASCII is good if it is a Vietnamese syllable."""
    words = WORD.findall(unicodedata.normalize("NFC", text))
    marked = [word for word in words if not word.isascii()]
    good = sum(map(is_vietnamese_syllable, marked))
    return Evidence(words=len(words), good=good, bad=len(marked) - good)


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """True if ``word`` is spelled like one Vietnamese syllable (``data/encodings/syllables.json``).

    One tone mark at most, a stop final (-c -ch -p -t) only with sắc or nặng, vowels and
    final that go together, and lower, title or upper case throughout (a converted "NIẹO"
    is not Vietnamese).

    >>> [is_vietnamese_syllable(w) for w in ("việt", "Nghiêng", "QUỐC", "viỏt", "niủo", "café", "NIẹO")]
    [True, True, True, False, False, False, False]
    """
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [char for char in decomposed if char in TONE_MARKS]
    bare = unicodedata.normalize("NFC", "".join(char for char in decomposed if char not in TONE_MARKS))
    match = syllable_pattern().fullmatch(bare)
    if match is None or len(tones) > 1 or not rhyme_allowed(match["group"], match["final"] or ""):
        return False
    stop = match["final"] in syllable_parts()["stop_finals"]
    return not stop or bool(tones and tones[0] in STOP_TONES)


def rhyme_allowed(group: str, final: str) -> bool:
    """Vowel group and final go together (``data/encodings/syllables.json``)."""
    parts = syllable_parts()
    if not final:
        return group not in parts["needs_final"]
    return group not in parts["no_final"] and final not in parts["finals_not_after"].get(group, ())


@lru_cache(maxsize=1)
def syllable_parts() -> dict[str, list[str]]:
    return load_data(f"{DATA}/syllables.json")


@lru_cache(maxsize=1)
def syllable_pattern() -> regex.Pattern:
    """initial? + vowel group + final?, each alternation longest first."""
    parts = syllable_parts()
    group = {key: "|".join(sorted(parts[key], key=len, reverse=True)) for key in ("initials", "vowel_groups", "finals")}
    return regex.compile(f"(?:{group['initials']})?(?P<group>{group['vowel_groups']})(?P<final>{group['finals']})?")


# --------------------------------------------------------------------------- text that is already str


def repair_text(text: str, font: str | None = None) -> tuple[str, str | None]:
    """Convert ``text`` spelled in a legacy encoding; return ``(text, encoding or None)``.

    With ``font`` (a DOCX run's font name), a ``.Vn…`` font means TCVN3 (its ``…H``
    twin also means capitals) and a ``VNI-…`` font VNI; the run is converted if it
    holds only characters such a font can show.  Without a font, mojibake, TCVN3,
    VNI and VIQR are tried and kept only where they clearly give more Vietnamese.

    >>> repair_text("Viá»‡t Nam")
    ('Việt Nam', 'utf-8-mojibake')
    >>> repair_text("§¶ng bé", font=".VnTimeH")
    ('ĐẢNG BỘ', 'tcvn3')
    """
    if font is not None:
        encoding = font_encoding(font)
        return repair_font_text(text, encoding, is_capital_font(font)) if encoding else (text, None)
    return detect_in_text(text)


def font_encoding(font: str) -> str | None:
    """``"tcvn3"`` for ``.VnTime``-like names, ``"vni"`` for ``VNI-Times``-like, else None."""
    name = font.strip().lower()
    for encoding, rule in legacy_fonts().items():
        if name.startswith(tuple(rule["prefixes"])):
            return encoding
    return None


def is_capital_font(font: str) -> bool:
    """``.VnTimeH``, ``.VnArialH`` …: the all-capital twins of the TCVN3 fonts."""
    suffix = legacy_fonts()["tcvn3"]["capital_suffix"]
    return font_encoding(font) == "tcvn3" and font.strip().endswith(suffix)


def repair_font_text(text: str, encoding: str, capitals: bool) -> tuple[str, str | None]:
    """Convert a run known to be set in a legacy font (left alone if it cannot be one)."""
    if not in_view(text):
        return text, None
    converted = VIEW_CONVERTERS[encoding](text)
    if capitals:
        converted = converted.upper()
    return (converted, encoding) if converted != text else (text, None)


_VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
)
_MODERN = frozenset(
    [chr(c) for c in range(0x20, 0x7F)] + list("\n\r\t\u00a0\u202f\u200b\ufeff")
    + list(_VIETNAMESE_LETTERS + _VIETNAMESE_LETTERS.upper())
    + list("–—‐‑‘’“”…•′″°×÷²³¹⁰⁴⁵⁶⁷⁸⁹₫€")
)
_MARKED = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ".upper()
                    + "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def is_modern_vietnamese(text: str) -> bool:
    """Unicode Vietnamese with nothing a legacy encoding or mojibake would leave behind.

    Every character is ASCII, a Vietnamese letter or common punctuation, and some
    letters carry Vietnamese marks (pure ASCII could still be VIQR) — nothing to repair.

    >>> is_modern_vietnamese("Hiến 1.155,3 m² đất “sạch”.")
    True
    >>> is_modern_vietnamese("Viá»‡t Nam"), is_modern_vietnamese("Vieät Nam"), is_modern_vietnamese("Vie^.t Nam")
    (False, False, False)
    """
    chars = set(text)
    return chars <= _MODERN and not chars.isdisjoint(_MARKED)


def detect_in_text(text: str) -> tuple[str, str | None]:
    """Try each repair in ``TEXT_REPAIRS``; keep the first mojibake fix, else the clearest gain."""
    if is_modern_vietnamese(text):
        return text, None
    repaired, changed = repair_mojibake(text)
    if changed:
        return repaired, MOJIBAKE
    best: tuple[int, str, str] | None = None
    for encoding in TEXT_REPAIRS[1:]:
        converted, gain, words = convert_lines(text, encoding)
        clear = gain >= MIN_TEXT_GAIN and gain >= MIN_GAIN_SHARE * words
        if clear and (best is None or gain > best[0]):
            best = (gain, converted, encoding)
    return (best[1], best[2]) if best else (text, None)


def repair_with(text: str, encoding: str | None) -> str:
    """Apply an encoding already found for a document to one more piece of it (a cell, a title)."""
    if encoding == MOJIBAKE:
        return repair_mojibake(text)[0]
    if encoding in VIEW_CONVERTERS:
        return convert_lines(text, encoding)[0]
    return text


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8-as-Windows-1252 line by line (ftfy undoes double mojibake too)."""
    lines = lines_of(text)
    fixed = [fix_mojibake_line(line) for line in lines]
    return "".join(fixed), fixed != lines


def fix_mojibake_line(line: str) -> str:
    """The line as ftfy repairs it, when that leaves no more misspelled words.

    Mojibake fragments ("â", "á") can pass for syllables, so only misspellings are counted:
    the repair must leave fewer of them, or as many and fewer characters that Vietnamese text
    does not use ("»", "€", "Æ"); ftfy's own judgement that the line is mojibake comes first.
    """
    fixed = convert_mojibake(line)
    if fixed == line:
        return line
    before, after = evidence(line).bad, evidence(fixed).bad
    if after < before or (after == before and unusual(fixed) < unusual(line)):
        return fixed
    return line  # ftfy also "repairs" correct capitals: "XÃ RA" → "Xà RA", "XÃ” (" → "XÔ ("


def unusual(text: str) -> int:
    """How many characters are neither ASCII, a Vietnamese letter nor common punctuation."""
    return sum(char not in _MODERN for char in text)


def convert_lines(text: str, encoding: str) -> tuple[str, int, int]:
    """Convert each line that it does not make worse: no lower net score, and more
    syllables or no more misspelled words (an escape-only VIQR line still counts).

    Returns the text, the total gain, and how many words the converted lines have.
    A TCVN3/VNI line must consist of characters a legacy font can show.
    """
    convert = VIEW_CONVERTERS[encoding]
    out, total, words = [], 0, 0
    for line in lines_of(text):
        converted = line if encoding in FONT_ENCODINGS and not in_view(line) else convert(line)
        if converted == line:
            out.append(line)
            continue
        before, after = evidence(line), evidence(converted)
        if after.net >= before.net and (after.bad <= before.bad or after.good > before.good):
            out.append(converted)
            total += after.net - before.net
            words += after.words
        else:
            out.append(line)
    return "".join(out), total, words


def restore_dropped_u_horn(text: str) -> str:
    """Put back a TCVN3 ``ư`` (byte AD, the soft-hyphen slot) that a tool dropped.

    antiword drops soft hyphens, so "trường" comes out as "trờng".  A word that is
    not a syllable but becomes one, in exactly one way, with an ``ư`` inserted gets
    it back ("trờng" → "trường", "Hng" → "Hưng").  Words that are syllables both
    ways ("ngời" for "người", "ma" for "mưa") cannot be told apart and stay as they are.

    >>> restore_dropped_u_horn("Trờng Mầm non, đợc nhiều ngời biết nh Hng Yên (KH, điểm c)")
    'Trường Mầm non, được nhiều ngời biết như Hưng Yên (KH, điểm c)'
    """
    return WORD.sub(lambda match: with_u_horn(match.group()), text)


def with_u_horn(word: str) -> str:
    """The one spelling of ``word`` with an ``ư`` inserted that is a syllable, else ``word``."""
    if len(word) < 2 or (word.isascii() and word.isupper()) or is_vietnamese_syllable(word):
        return word  # list labels ("điểm c"), abbreviations ("KH", "CT") and syllables stay
    letter = "Ư" if word.isupper() else "ư"
    found = {word[:i] + letter + word[i:] for i in range(1, len(word) + 1)}
    found = {candidate for candidate in found if is_vietnamese_syllable(candidate)}
    return found.pop() if len(found) == 1 else word


# --------------------------------------------------------------------------- bytes


def detect_and_decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``: UTF-8 (repaired by :func:`repair_text` if needed), else the best legacy reading.

    Raises :class:`UnknownEncoding` when no candidate reads as Vietnamese.

    >>> detect_and_decode("Báo cáo".encode("utf-8"))
    ('Báo cáo', 'utf-8')
    >>> detect_and_decode(b"B\\xb8o c\\xb8o t\\xe6ng k\\xd5t")
    ('Báo cáo tổng kết', 'tcvn3')
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_legacy_bytes(data)
    repaired, encoding = repair_text(text)
    return repaired, encoding or "utf-8"


def decode_legacy_bytes(data: bytes) -> tuple[str, str]:
    """The legacy reading of ``data`` with the most valid syllables, if clearly Vietnamese."""
    best: tuple[int, str, str] | None = None
    scores: dict[str, Evidence] = {}
    for encoding in LEGACY_BYTE_ENCODINGS:
        text = read_legacy_bytes(data, encoding)
        if text is None:
            continue
        score = scores[encoding] = evidence(text)
        if score.good and score.validity >= MIN_BYTES_VALIDITY and (best is None or score.net > best[0]):
            best = (score.net, text, encoding)
    if best is not None and best[2] == TCVN5712 and "tcvn3" in scores and scores["tcvn3"].bad <= scores[TCVN5712].bad:
        # VN3 with Windows punctuation at 80–9F: a lone "–" read as VN1 is a lone "Ọ", a good syllable
        best = (best[0], read_legacy_bytes(data, "tcvn3"), "tcvn3")
    if best is None:
        raise UnknownEncoding(f"not UTF-8 and not Vietnamese in any of {', '.join(LEGACY_BYTE_ENCODINGS)}")
    return best[1], best[2]


def read_legacy_bytes(data: bytes, encoding: str) -> str | None:
    """``data`` read in one legacy encoding, or None if it has bytes that encoding never uses."""
    if encoding == "cp1258":
        try:
            return convert_cp1258(data)
        except UnicodeDecodeError:
            return None
    if encoding == TCVN5712:
        text = convert_tcvn5712(data)
        return None if STRAY_CONTROLS.search(text) else text
    text = VIEW_CONVERTERS[encoding](bytes_to_view(data))
    return None if C1_CONTROLS.search(text) or STRAY_CONTROLS.search(text) else text


def convert_tcvn5712(data: bytes) -> str:
    """TCVN5712-1 (VN1) bytes → Unicode: every letter has its own byte, capitals included."""
    return data.decode("latin-1").translate(tcvn5712_translation())


@lru_cache(maxsize=1)
def tcvn5712_translation() -> dict[int, str]:
    return {**cp1252_from_latin1(), **tcvn5712_table()}


# --------------------------------------------------------------------------- encoders (tests, fixtures)


def encode_legacy(text: str, encoding: str, errors: str = "strict") -> bytes:
    """``text`` as the bytes of a file written in ``encoding`` (the inverse of :func:`detect_and_decode`).

    ``encoding``: tcvn3, vni, cp1258 (tones as combining marks), viqr (ASCII spelling,
    other characters kept, saved as UTF-8), utf-8-mojibake (UTF-8 read as Windows-1252
    and saved again as UTF-8), utf-8, utf-16.  ``errors``: ``"strict"`` refuses a
    character the encoding cannot carry, ``"fold"`` writes :func:`fold_for`'s
    replacement instead.

    >>> encode_legacy("Việt", "vni"), encode_legacy("Việt", "cp1258")
    (b'Vie\\xe4t', b'Vi\\xea\\xf2t')
    """
    if encoding in ("utf-8", "utf-16"):
        return text.encode(encoding)
    if encoding in ("viqr", MOJIBAKE):
        return legacy_view(text, encoding).encode("utf-8")
    spelled = spell_text(text, encoding, errors)
    return spelled.encode("cp1258") if encoding == "cp1258" else view_to_bytes(spelled)


def legacy_view(text: str, encoding: str, errors: str = "keep") -> str:
    """``text`` as a legacy font (or a wrong charset) shows it: what DOCX/PDF/HTML text would hold.

    >>> legacy_view("Báo cáo", "tcvn3"), legacy_view("Việt", "viqr")
    ('B¸o c¸o', 'Vie^.t')
    """
    if encoding == "viqr":
        return to_viqr(text)
    if encoding == MOJIBAKE:
        return bytes_to_view(text.encode("utf-8"))
    return spell_text(text, encoding, errors)


def spell_text(text: str, encoding: str, errors: str) -> str:
    """Each character spelled in ``encoding`` (tcvn3, vni: the Windows-1252 view; cp1258)."""
    spell = SPELLERS[encoding]
    return "".join(spell_char(char, encoding, errors, spell) for char in text)


def spell_char(char: str, encoding: str, errors: str, spell: Callable[[str], str | None]) -> str:
    """One character's spelling, or what ``errors`` says to write when there is none."""
    spelled = spell(char)
    if spelled is not None:
        return spelled
    if errors == "keep":
        return char
    if errors == "fold" and (folded := fold_char(char, encoding)) != char and spell(folded) is not None:
        return spell(folded)
    raise ValueError(f"{encoding} cannot carry {char!r} (U+{ord(char):04X})")


@lru_cache(maxsize=None)
def inverse_table(encoding: str) -> dict[str, str]:
    """Letter → view spelling, plus every view character that stands for itself."""
    table = {"tcvn3": tcvn3_table, "vni": vni_table}[encoding]()
    spell = {letter: view for view, letter in table.items()}
    taken = {char for view in table for char in view if not char.isascii()} | vietnamese_letters()
    spell.update({char: char for char in view_alphabet() if char not in taken and char not in spell})
    return spell


@lru_cache(maxsize=1)
def vietnamese_letters() -> frozenset[str]:
    """The 134 letters outside ASCII (from the VIQR table, which spells every one)."""
    return frozenset(viqr_table().values())


def cp1258_spelling(char: str) -> str | None:
    """``char`` as Windows-1258 writes it: itself, or its base + a combining tone mark."""
    for candidate in (char, split_tone(char)):
        try:
            candidate.encode("cp1258")
        except UnicodeEncodeError:
            continue
        return candidate
    return None


def split_tone(char: str) -> str:
    """``"ệ"`` → ``"ê" + U+0323``: the precomposed base, then the tone as a combining mark."""
    parts = unicodedata.normalize("NFD", char)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
    return base + "".join(c for c in parts if c in TONE_MARKS)


@lru_cache(maxsize=1)
def tcvn5712_spelling() -> dict[str, str]:
    """Letter → the character of its VN1 byte (as :func:`view_to_bytes` writes it back)."""
    spell = {letter: chr(byte) if byte < 0x20 else byte_view(byte) for byte, letter in tcvn5712_table().items()}
    spell.update({chr(byte): chr(byte) for byte in range(0x80) if chr(byte) not in spell})
    return spell


SPELLERS: dict[str, Callable[[str], str | None]] = {
    "tcvn3": lambda char: inverse_table("tcvn3").get(char),
    TCVN5712: lambda char: tcvn5712_spelling().get(char),
    "vni": lambda char: inverse_table("vni").get(char),
    "cp1258": cp1258_spelling,
}


def fold_for(text: str, encoding: str) -> str:
    """What survives a round trip through ``encoding``: documented replacements for what it cannot carry.

    * superscript digits (``⁴``), which the 8-bit codes lack or use for letters (TCVN3 B9
      is ``ạ``, not ``¹``) → plain digits;
    * TCVN3 only: capitals with tone marks (``Ấ``), which VN3 lacks (typists set them in a
      capital font with the lower-case codes) → the lower-case letter, except in a word whose
      ASCII letters are all capitals, which decoding restores (:func:`restore_capitals`).

    Everything else is carried as is (tcvn3, vni, cp1258), or passes through (viqr keeps
    non-Vietnamese characters; utf-8-mojibake and utf-16 carry everything).

    >>> fold_for("BÁO CÁO: Ý kiến¹", "tcvn3"), fold_for("BÁO CÁO⁴", "vni")
    ('BÁO CÁO: ý kiến1', 'BÁO CÁO4')
    """
    spell = SPELLERS.get(encoding)
    if spell is None:
        return text
    folded = "".join(char if spell(char) is not None else fold_char(char, encoding) for char in text)
    return restore_capitals(folded) if encoding == "tcvn3" else folded


def fold_char(char: str, encoding: str) -> str:
    """One character's documented replacement (itself when there is none)."""
    if char in SUPERSCRIPT_DIGITS:
        return unicodedata.normalize("NFKC", char)
    if encoding == "tcvn3" and char.lower() in tcvn3_translation_values():
        return char.lower()
    return char


@lru_cache(maxsize=1)
def tcvn3_translation_values() -> frozenset[str]:
    return frozenset(tcvn3_table().values())


def to_viqr(text: str) -> str:
    """Unicode → VIQR, with a backslash wherever a character would otherwise join its neighbour.

    >>> print(to_viqr("Đà Nẵng (khéo.)"))
    DDa` Na(~ng (khe'o\\.)
    """
    spell = viqr_spelling()
    pieces: list[str] = []
    for char in text:
        piece = spell.get(char, char)
        if pieces and char in VIQR_LITERALS and pieces[-1][-1] in VIQR_JOINS:
            piece = VIQR_ESCAPE + char  # "o." after a vowel would be ọ
        if pieces and piece[0] in VIQR_LITERALS and pieces[-1] in ("d", "D", VIQR_ESCAPE):
            pieces[-1] = VIQR_ESCAPE + pieces[-1]  # "d" + "dd" would be đd; "\\" + "dd" would be dd
        pieces.append(piece)
    return "".join(pieces)


@lru_cache(maxsize=1)
def viqr_spelling() -> dict[str, str]:
    return {letter: viqr for viqr, letter in viqr_table().items()}
