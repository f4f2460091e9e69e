"""Text normalisation for duplicate detection: one spelling for every way a portal writes a text.

Two copies of a story differ in ways a reader does not see: NFC against decomposed (NFD) letters,
the old tone-mark placement (``hoà``, ``thuỷ``, ``uý``) against the new one (``hòa``, ``thủy``,
``úy``), letter case, punctuation and white space. :func:`normalize_for_dedup` removes all of
these; :func:`fingerprint` is the exact-duplicate key of the result, and :func:`syllable_hashes`
gives the same syllables as 64-bit numbers for the near-duplicate index.

:func:`syllable_hashes` has a vectorised fast path (numpy over UTF-16 code units with lookup
tables, no NFC pass for text that is NFC already) for the characters Vietnamese news uses; a text
with a character the tables cannot fold exactly is made NFC and tried again, then hashed from
:func:`syllables` (the reference path); all give the same numbers, and the tests hold the fast
path to the reference one. A syllable's hash (:func:`hash_syllable`) is part of the stored format
of fingerprints and signatures. The exported text is not touched: these keys are for comparison
only.
"""

from __future__ import annotations

import array
import hashlib
import re
import sys
import threading
import unicodedata
from collections.abc import Sequence

import numpy as np

#: Characters that take no space and are deleted, not treated as separators: soft hyphen,
#: zero-width space and joiners, direction marks and embeddings, word joiner, BOM.
INVISIBLE_CHARACTERS = "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"  # noqa: E501
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
#: A syllable: letters and digits (no underscore), with any combining marks NFC could not
#: compose kept inside it.
_SYLLABLE_RE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")

#: Tone marks as combining characters: grave (huyền), acute (sắc), hook (hỏi), tilde (ngã),
#: dot below (nặng).
TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"


def _toned(base: str) -> dict[str, str]:
    """Map each toned form of ``base`` (NFC) to its tone mark."""
    return {unicodedata.normalize("NFC", base + mark): mark for mark in TONE_MARKS}


# The rule, not a word list: in a syllable that ends in the vowel pair oa, oe or uy (no final
# consonant, no third vowel), the old style puts the tone on the second vowel and the new style on
# the first (the main vowel). After "q" the "u" belongs to the onset ("quý"), so "uy" is left alone.
_OLD_STYLE_PAIRS: dict[str, str] = {}
for _first, _second in (("o", "a"), ("o", "e"), ("u", "y")):
    for _toned_second, _mark in _toned(_second).items():
        _OLD_STYLE_PAIRS[_first + _toned_second] = (
            unicodedata.normalize("NFC", _first + _mark) + _second
        )
_OLD_STYLE_RE = re.compile(
    r"(?:o[{oa}{oe}]|(?<!q)u[{uy}])(?![^\W_]|[\u0300-\u036f])".format(
        oa="".join(_toned("a")), oe="".join(_toned("e")), uy="".join(_toned("y"))
    )
)


def new_tone_style(text: str) -> str:
    """Move the tone mark of lower-case NFC ``text`` to the new-style place: ``hoà`` becomes
    ``hòa``, ``thuỷ`` becomes ``thủy``, ``uý`` becomes ``úy``; a syllable with a final consonant
    (``hoàng``) or an onset ``qu`` (``quý``) is already the same in both styles.

    >>> new_tone_style("hoà bình, thuỷ lợi, khoẻ, uỷ ban, tuỳ, quý, hoàng, khuya")
    'hòa bình, thủy lợi, khỏe, ủy ban, tùy, quý, hoàng, khuya'
    """
    return _OLD_STYLE_RE.sub(lambda match: _OLD_STYLE_PAIRS[match.group()], text)


def normalize_for_dedup(text: str | None) -> str:
    """Return the comparison form of ``text``: NFC, invisible characters deleted, case folded,
    new-style tone marks, punctuation removed, syllables separated by one space.

    >>> normalize_for_dedup("  (TTV) - Uỷ ban  nhân dân\\u00a0tỉnh HOÀ BÌNH, ngày 29/12.")
    'ttv ủy ban nhân dân tỉnh hòa bình ngày 29 12'
    >>> normalize_for_dedup("ho\\u0300a") == normalize_for_dedup("hòa") == "hòa"
    True
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    text = new_tone_style(text.casefold())
    return " ".join(_SYLLABLE_RE.findall(text))


def syllables(text: str | None) -> list[str]:
    """The syllables of ``text`` after :func:`normalize_for_dedup`; Vietnamese writes every
    syllable as its own space-separated word.

    >>> syllables("Tuyên Quang: Hoà Bình – Thuỷ lợi!")
    ['tuyên', 'quang', 'hòa', 'bình', 'thủy', 'lợi']
    """
    return normalize_for_dedup(text).split()


# --- syllable hashes --------------------------------------------------------------------------
# A syllable's hash is a polynomial over the UTF-16 code units u_j of its normalised form:
# h = sum((u_j + 1) * BASE**j) mod 2**64. It is part of the stored format (fingerprints and
# signatures are computed from it), so BASE never changes without a new format version.
_BASE = 0x9E3779B97F4A7C15  # odd, so it has an inverse modulo 2**64
_BASE_INV = pow(_BASE, -1, 1 << 64)
_MASK64 = (1 << 64) - 1
_SPACE = 0x20

#: In the code-unit table: a separator is 0, a letter its case-folded code unit plus 1, and a
#: character the table cannot fold exactly (needs the reference path) is 0xFFFF.
_SLOW = 0xFFFF
#: The array typecode for a str's code points, copied straight from it (wchar_t: "u" is UCS-4 on
#: Linux and macOS, UTF-16 on Windows; Python 3.13 adds "w" and deprecates "u").
_WIDE = "w" if sys.version_info >= (3, 13) else "u"
_WIDE_IS_UCS4 = array.array(_WIDE).itemsize == 4
_WIDE_DTYPE = np.uint32 if _WIDE_IS_UCS4 else np.uint16


def _code_units(text: str) -> np.ndarray:
    """The code points of ``text`` (UTF-16 code units where wchar_t is 16 bits), zero-copy into
    numpy; code points past the table's end clip to U+FFFF, which the table marks slow."""
    return np.frombuffer(array.array(_WIDE, text), dtype=_WIDE_DTYPE)


def hash_syllable(syllable: str) -> int:
    """The 64-bit hash of one normalised syllable (reference implementation).

    >>> hash_syllable("hòa") == int(syllable_hashes("HOÀ")[0])
    True
    """
    value, power = 0, 1
    units = syllable.encode("utf-16-le")
    for i in range(0, len(units), 2):
        value = (value + (units[i] + (units[i + 1] << 8) + 1) * power) & _MASK64
        power = (power * _BASE) & _MASK64
    return value


_TABLES: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None


def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lookup tables over BMP code units (values are code units plus 1, 0 meaning none).

    ``value``: a letter's case-folded code unit plus 1, 0 for a separator, ``_SLOW`` when the
    character cannot be folded alone (invisible, combining, folds to several characters).
    ``second_base``: for a toned a/e/y, the bare vowel. ``new_first``: three rows (none, o, u)
    indexed by the toned second vowel, giving the first vowel with the tone; ``first_kind``:
    the offset of a first vowel's row (o and u only).
    """
    value = np.full(0x10000, _SLOW, dtype=np.uint16)
    # Characters that NFC may change or compose with what precedes them (NFC_Quick_Check No or
    # Maybe) are slow too: a text without them is NFC already, so the fast path skips NFC.
    composes = set()
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            composes.update(chr(int(part, 16)) for part in decomposition.split()[1:])
    for code in range(0x10000):
        char = chr(code)
        if (
            0xD800 <= code <= 0xDFFF
            or char in INVISIBLE_CHARACTERS
            or char in composes
            or not unicodedata.is_normalized("NFC", char)
        ):
            continue
        folded = char.casefold()
        if len(folded) != 1 or unicodedata.combining(char) or unicodedata.combining(folded):
            continue
        is_letter = bool(_SYLLABLE_RE.fullmatch(char))
        if is_letter != bool(_SYLLABLE_RE.fullmatch(folded)):
            continue
        value[code] = ord(folded) + 1 if is_letter else 0
    value[0xFFFF] = _SLOW  # also stands for every code point past the BMP (see _code_units)
    second_base = np.zeros(0x10001, dtype=np.uint16)
    # first_kind: offset of the first vowel's row in new_first (o: row 1, u: row 2, else 0).
    first_kind = np.zeros(0x10001, dtype=np.int32)
    first_kind[ord("o") + 1], first_kind[ord("u") + 1] = 0x10001, 2 * 0x10001
    new_first = np.zeros(3 * 0x10001, dtype=np.uint16)
    for (first, second), new in _OLD_STYLE_PAIRS.items():
        second_base[ord(second) + 1] = ord(new[1]) + 1
        new_first[first_kind[ord(first) + 1] + ord(second) + 1] = ord(new[0]) + 1
    global _TABLES  # noqa: PLW0603
    _TABLES = value, second_base, first_kind, new_first
    return _TABLES


_POWERS = np.ones(1, dtype=np.uint64)
_INVERSES = np.ones(1, dtype=np.uint64)


class Scratch(threading.local):
    """Work arrays reused from call to call (one set per thread). In a process with a large
    heap, fresh temporaries land on cold pages and cost more than the arithmetic on them;
    reused ones stay in the cache. Nothing handed to a caller is a scratch array."""

    def __init__(self) -> None:
        self.arrays: dict[str, np.ndarray] = {}

    def array(self, name: str, dtype: type, size: int) -> np.ndarray:
        held = self.arrays.get(name)
        if held is None or held.size < size:
            grown = max(size, 4096, 2 * held.size if held is not None else 0)
            held = self.arrays[name] = np.empty(grown, dtype=dtype)
        return held[:size]


SCRATCH = Scratch()


def _powers(length: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**j and BASE**-j modulo 2**64 for j < length (grown on demand, kept)."""
    global _POWERS, _INVERSES  # noqa: PLW0603
    if _POWERS.size < length:
        size = max(length, 2 * _POWERS.size, 4096)
        powers = np.full(size, _BASE, dtype=np.uint64)
        inverses = np.full(size, _BASE_INV, dtype=np.uint64)
        powers[0] = inverses[0] = 1
        _POWERS = np.cumprod(powers, dtype=np.uint64)
        _INVERSES = np.cumprod(inverses, dtype=np.uint64)
    return _POWERS, _INVERSES


def _hash_runs(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Hash each run of letters: ``values`` are code units plus 1 (0 between syllables),
    ``edges`` the positions where runs start and end, alternately."""
    if edges.size == 0:
        return np.zeros(0, dtype=np.uint64)
    starts = edges[0::2]
    size = values.size
    powers, inverses = _powers(size)
    weighted = np.multiply(values, powers[:size], out=SCRATCH.array("weighted", np.uint64, size))
    sums = np.add.reduceat(weighted, starts)
    np.multiply(sums, inverses.take(starts), out=sums)
    return sums


def _edges(letter: np.ndarray) -> np.ndarray:
    changes = np.not_equal(
        letter[1:], letter[:-1], out=SCRATCH.array("changes", np.bool_, letter.size - 1)
    )
    edges = changes.nonzero()[0]
    edges += 1
    return edges


def _reference_hashes(text: str) -> np.ndarray:
    units = np.frombuffer((" " + normalize_for_dedup(text) + " ").encode("utf-16-le"), np.uint16)
    values = units + np.uint16(1)
    values[units == _SPACE] = 0
    return _hash_runs(values, _edges(values != 0))


_Q, _U = ord("q") + 1, ord("u") + 1


def syllable_hashes(text: str | None) -> np.ndarray:
    """The hashes of ``syllables(text)``, as a ``uint64`` array, computed without building the
    syllables: the fast path for indexing.

    >>> syllable_hashes("Uỷ ban").tolist() == [hash_syllable("ủy"), hash_syllable("ban")]
    True
    """
    if not text:
        return np.zeros(0, dtype=np.uint64)
    table, second_base, first_kind, new_first = _TABLES or _tables()
    raw = _code_units(" " + text + " ")
    values = table.take(raw, mode="clip", out=SCRATCH.array("values", np.uint16, raw.size))
    if values.max() == _SLOW:
        normalized = unicodedata.normalize("NFC", text)
        if normalized == text:
            return _reference_hashes(text)
        return syllable_hashes(normalized)
    edges = _edges(np.not_equal(values, 0, out=SCRATCH.array("letter", np.bool_, raw.size)))
    # Old-style tone marks: a syllable ending in a toned a/e/y right after a bare o/u (not "qu")
    # gets the tone moved to the o/u. Only the last two letters of each syllable are looked at.
    ends = edges[1::2] - 1
    firsts = new_first.take(first_kind.take(values.take(ends - 1)) + values.take(ends))
    moved = firsts.nonzero()[0]
    if moved.size:
        ends = ends[moved]
        firsts = firsts[moved]
        keep = (values.take(ends - 1) != _U) | (values.take(ends - 2) != _Q)
        ends, firsts = ends[keep], firsts[keep]
        values[ends] = second_base.take(values.take(ends))
        values[ends - 1] = firsts
    return _hash_runs(values, edges)


def syllable_hashes_many(texts: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`syllable_hashes` of several texts in one vectorised pass: all the hashes, text
    after text, and ``len(texts) + 1`` offsets (text ``i`` has ``hashes[offsets[i]:offsets[i +
    1]]``). Texts the lookup tables cannot fold take the one-text path.

    >>> hashes, offsets = syllable_hashes_many(["Hoà bình", "", "Thuỷ lợi nhỏ"])
    >>> offsets.tolist()
    [0, 2, 2, 5]
    >>> hashes[2:5].tolist() == syllable_hashes("thủy lợi nhỏ").tolist()
    True
    """
    count = len(texts)
    if count == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.intp)
    table, second_base, first_kind, new_first = _TABLES or _tables()
    texts = [text or "" for text in texts]
    # A space before each text and at the end keeps the texts' syllables apart; text i is
    # units[bounds[i] + 1 : bounds[i + 1]] (code points, or UTF-16 units where wchar_t is).
    raw = _code_units(" " + " ".join(texts) + " ")
    bounds = np.zeros(count + 1, dtype=np.intp)
    if _WIDE_IS_UCS4:
        np.cumsum([len(text) + 1 for text in texts], out=bounds[1:])
    else:
        np.cumsum([len(text.encode("utf-16-le")) // 2 + 1 for text in texts], out=bounds[1:])
    values = table.take(raw, mode="clip")
    slow = (np.maximum.reduceat(values, bounds[:-1]) == _SLOW).nonzero()[0].tolist()
    for index in slow:
        values[bounds[index] + 1 : bounds[index + 1]] = 0
    edges = _edges(values != 0)
    ends = edges[1::2] - 1
    firsts = new_first.take(first_kind.take(values.take(ends - 1)) + values.take(ends))
    moved = firsts.nonzero()[0]
    if moved.size:
        ends, firsts = ends[moved], firsts[moved]
        keep = (values.take(ends - 1) != _U) | (values.take(ends - 2) != _Q)
        ends, firsts = ends[keep], firsts[keep]
        values[ends] = second_base.take(values.take(ends))
        values[ends - 1] = firsts
    hashes = _hash_runs(values, edges)
    offsets = edges[0::2].searchsorted(bounds)
    if slow:
        parts = [hashes[offsets[i] : offsets[i + 1]] for i in range(count)]
        for index in slow:
            parts[index] = syllable_hashes(texts[index])
        offsets[1:] = np.cumsum([part.size for part in parts])
        hashes = np.concatenate(parts)
    return hashes, offsets


def fingerprint(text: str | None) -> str:
    """The exact-duplicate key of ``text``: BLAKE2b (128 bits, hex) over its syllable hashes, so
    two texts have the same fingerprint when :func:`normalize_for_dedup` makes them equal.

    >>> fingerprint("Hoà  bình.") == fingerprint("HÒA BÌNH")
    True
    >>> fingerprint("ho\\u0300a bi\\u0300nh") == fingerprint("hòa bình")
    True
    >>> fingerprint("Hoà bình") == fingerprint("Hoà bình mới")
    False
    """
    return fingerprint_of_hashes(syllable_hashes(text))


def fingerprint_of_hashes(hashes: np.ndarray) -> str:
    """:func:`fingerprint` from already computed :func:`syllable_hashes` (BLAKE2b of their
    little-endian bytes)."""
    if sys.byteorder != "little" or hashes.dtype != np.uint64:
        hashes = hashes.astype("<u8")
    return hashlib.blake2b(np.ascontiguousarray(hashes), digest_size=16).hexdigest()
