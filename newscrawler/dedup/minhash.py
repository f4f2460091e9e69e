"""Near-duplicate detection: MinHash signatures over syllable shingles, and an LSH index.

A text becomes the set of its shingles (runs of :data:`SHINGLE_SIZE` consecutive syllables after
:func:`~newscrawler.dedup.normalize.normalize_for_dedup`), and the set becomes a
:class:`Signature` of :data:`NUM_BINS` 32-bit values whose agreement with another signature
estimates the Jaccard similarity of the two sets. The signature is one-permutation MinHash with
optimal densification (Li, Owen & Zhang 2012; Shrivastava 2017): each shingle is hashed once
with a mixed 64-bit hash; its top bits pick a bin, the 32 bits below them are the value, and each
bin keeps its minimum; empty bins borrow from other bins along a fixed pseudo-random sequence.
Computing it costs one pass over the shingles instead of one pass per permutation ((a*x + b)
mod p for each of 128 permutations), and its estimate is as accurate as that classic MinHash
with as many values (``bench/bench_dedup.py`` measures both: half the time, the same error).

:class:`NearDuplicateIndex` finds, for a new text, the indexed texts whose similarity passes a
threshold: LSH banding (:data:`BANDS` bands of :data:`ROWS` values) proposes candidates,
the signatures rank them. The similarity is the *containment* of the shorter text in the longer
one (the share of its shingles the other has), estimated from the Jaccard estimate and the two
shingle counts: a truncated copy or a copy with a local paragraph added scores near 1, where
Jaccard would penalise the length difference. The threshold and the parameters come from
``bench/eval_dedup.py`` on ``data/dedup/pairs.jsonl``.

Everything works one text at a time (:func:`dedup_keys`, :meth:`NearDuplicateIndex.query_and_add`)
or on many texts in one vectorised pass with the same results (:func:`dedup_keys_many`,
:meth:`NearDuplicateIndex.query_and_add_many`), for rebuilds and pipelines that batch items.

Signatures serialise to bytes (:meth:`Signature.to_bytes`) and give their band keys as
non-negative 63-bit integers (:meth:`Signature.band_keys`), which fit a signed BIGINT column;
an index is rebuilt from stored signatures by :meth:`NearDuplicateIndex.from_signatures`.
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np

from newscrawler.dedup.normalize import (
    SCRATCH,
    fingerprint_of_hashes,
    syllable_hashes,
    syllable_hashes_many,
)

#: Syllables per shingle. Five syllables are about two and a half words: short enough that a
#: copy editor's reworded phrase breaks few shingles, long enough that two unrelated stories
#: share almost none (chosen on the labelled set, see ``bench/eval_dedup.py --shingles``).
SHINGLE_SIZE = 5
#: Values in a signature (bins of the one permutation); a power of two.
NUM_BINS = 128
#: LSH banding: BANDS bands of ROWS values, taken from the start of the signature. A pair with
#: Jaccard similarity J becomes a candidate with probability 1 - (1 - J**ROWS)**BANDS: 0.95 at
#: J = 0.30, 0.998 at J = 0.43 (the least similar duplicate in the labelled set), 0.003 at
#: J = 0.01.
BANDS = 32
ROWS = 2
#: Default decision threshold on the estimated containment, chosen from the precision/recall
#: curve of ``bench/eval_dedup.py``: the widest range of thresholds that keeps precision >= 0.97
#: and recall >= 0.90 on the labelled set is 0.35 to 0.81; its middle, rounded down to a
#: multiple of 0.05, is 0.55 (precision 1.0, recall 1.0 there).
DEFAULT_THRESHOLD = 0.55

#: Serialisation format: magic, version, then fields (see Signature.to_bytes).
_MAGIC = b"NCMH"
_FORMAT_VERSION = 1
_HEADER = struct.Struct("<4sBBHI")  # magic, version, shingle size, bins, set size
_EMPTY = np.uint32(0xFFFFFFFF)
_MASK64 = (1 << 64) - 1
_SHIFT32 = np.uint64(32)
_LOW_HALF = 0 if sys.byteorder == "little" else 1  # index of a uint64's low uint32
_SHIFT1 = np.uint64(1)


def _splitmix64(state: int) -> int:
    """One output of the SplitMix64 generator: the fixed constants of this module come from it,
    not from numpy's generators, so that stored signatures stay valid across numpy versions."""
    z = (state + 0x9E3779B97F4A7C15) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def _constants(seed: int, count: int) -> list[int]:
    return [_splitmix64((seed << 32) + i) for i in range(count)]


class Signature:
    """The MinHash signature of one text: :data:`NUM_BINS` 32-bit values and the number of
    distinct shingles the text has. Treat it as immutable.

    ``values``: ``uint32`` array of the bin minimums (densified: no bin is left empty unless
    the text has no syllable at all). ``size``: number of shingles; with the Jaccard estimate
    it gives the containment. ``shingle_size``: syllables per shingle.
    """

    __slots__ = ("shingle_size", "size", "values")

    def __init__(self, values: np.ndarray, size: int, shingle_size: int = SHINGLE_SIZE) -> None:
        self.values = values
        self.size = size
        self.shingle_size = shingle_size

    def __repr__(self) -> str:
        return (
            f"Signature(size={self.size}, shingle_size={self.shingle_size}, "
            f"values=[{', '.join(map(str, self.values[:3].tolist()))}, ...])"
        )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Signature)
            and self.size == other.size
            and self.shingle_size == other.shingle_size
            and np.array_equal(self.values, other.values)
        )

    def __hash__(self) -> int:
        return hash((self.size, self.shingle_size, self.values.tobytes()))

    def to_bytes(self) -> bytes:
        """Serialise: a 12-byte header (``NCMH``, format version, shingle size, number of
        bins, set size) and the values as little-endian ``uint32``.

        >>> signature = MinHasher().signature("Sáng ngày 29/12, Ban Tổ chức Trung ương tổ chức")
        >>> data = signature.to_bytes()
        >>> len(data), Signature.from_bytes(data) == signature
        (524, True)
        """
        header = _HEADER.pack(
            _MAGIC, _FORMAT_VERSION, self.shingle_size, self.values.size, self.size
        )
        return header + self.values.astype("<u4", copy=False).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """Read a signature written by :meth:`to_bytes`.

        >>> Signature.from_bytes(b"not a signature")
        Traceback (most recent call last):
        ...
        ValueError: not a newscrawler MinHash signature (bad header); was it written by Signature.to_bytes?
        """  # noqa: E501
        if len(data) < _HEADER.size:
            raise ValueError(
                "not a newscrawler MinHash signature (bad header); "
                "was it written by Signature.to_bytes?"
            )
        magic, version, shingle_size, bins, size = _HEADER.unpack_from(data)
        if magic != _MAGIC or len(data) != _HEADER.size + 4 * bins:
            raise ValueError(
                "not a newscrawler MinHash signature (bad header); "
                "was it written by Signature.to_bytes?"
            )
        if version != _FORMAT_VERSION:
            raise ValueError(
                f"MinHash signature format {version} is not {_FORMAT_VERSION}: "
                "recompute the stored signatures from the article texts"
            )
        values = np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint32)
        return cls(values=values, size=size, shingle_size=shingle_size)

    def band_keys(self, bands: int = BANDS, rows: int = ROWS) -> list[int]:
        """One key per LSH band, as non-negative integers below 2**63 (a signed BIGINT column
        holds them). Two signatures share a band key exactly when they agree on that band's
        values (the band number is mixed in, so keys of different bands do not meet).

        >>> keys = MinHasher().signature("Hội nghị toàn quốc tổng kết công tác").band_keys()
        >>> len(keys), all(0 <= key < 2**63 for key in keys)
        (32, True)
        """
        return _band_keys(self.values, bands, rows).tolist()

    def jaccard(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets (share of equal values)."""
        if self.size == 0 or other.size == 0:
            return 0.0
        return float(np.count_nonzero(self.values == other.values)) / self.values.size

    def containment(self, other: Signature) -> float:
        """Estimated share of the smaller set's shingles that the other set has.

        >>> hasher = MinHasher()
        >>> text = " ".join(f"câu số {i} của bài viết về hội nghị tỉnh" for i in range(40))
        >>> hasher.signature(text).containment(hasher.signature(text[: len(text) // 2])) > 0.9
        True
        """
        return containment_from_jaccard(self.jaccard(other), self.size, other.size)


def containment_from_jaccard(jaccard: float, size_a: int, size_b: int) -> float:
    """Containment of the smaller set from the Jaccard similarity and both sizes:
    ``|A ∩ B| = J / (1 + J) * (|A| + |B|)``, divided by ``min(|A|, |B|)``, at most 1.

    >>> containment_from_jaccard(0.5, 100, 50)
    1.0
    >>> round(containment_from_jaccard(0.25, 100, 100), 3)
    0.4
    """
    smaller = min(size_a, size_b)
    if smaller <= 0 or jaccard <= 0.0:
        return 0.0
    return min(1.0, jaccard / (1.0 + jaccard) * (size_a + size_b) / smaller)


_BAND_SALTS: dict[int, np.ndarray] = {}


def _band_keys(values: np.ndarray, bands: int, rows: int) -> np.ndarray:
    return _band_keys_rows(values[np.newaxis], bands, rows)[0]


def _band_keys_rows(values: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Band keys of each row of a signature matrix (see Signature.band_keys)."""
    salts = _BAND_SALTS.get(bands)
    if salts is None:
        salts = _BAND_SALTS[bands] = np.array(_constants(3, bands), dtype=np.uint64)
    if rows == 2:
        # Two 32-bit values make one 64-bit word, v0 | v1 << 32; the values are already
        # uniform, so the salt alone keeps the bands apart.
        block = np.ascontiguousarray(values[:, : 2 * bands])
        if sys.byteorder != "little":
            block = block.astype("<u4")
        packed = block.view("<u8").astype(np.uint64, copy=False) ^ salts
    else:
        block = values[:, : bands * rows].astype(np.uint64).reshape(-1, bands, rows)
        multipliers = np.array(_constants(4, rows), dtype=np.uint64) | np.uint64(1)
        packed = (block * multipliers).sum(axis=2, dtype=np.uint64) ^ salts
        packed ^= packed >> _SHIFT32
    packed >>= _SHIFT1
    return packed


class MinHasher:
    """Makes :class:`Signature` objects: shingles of ``shingle_size`` syllables, one-permutation
    MinHash over ``num_bins`` bins with optimal densification. Every constant is derived from
    ``seed``; signatures compare only with signatures of the same hasher settings.

    >>> hasher = MinHasher()
    >>> a = hasher.signature("Uỷ ban nhân dân tỉnh Tuyên Quang tổ chức hội nghị hoà giải")
    >>> b = hasher.signature("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG TỔ CHỨC HỘI NGHỊ HÒA GIẢI.")
    >>> a == b
    True
    """

    def __init__(
        self, num_bins: int = NUM_BINS, shingle_size: int = SHINGLE_SIZE, seed: int = 1
    ) -> None:
        if num_bins < 2 or num_bins & (num_bins - 1) or num_bins > 1 << 16:
            raise ValueError(f"num_bins must be a power of two from 2 to 65536, not {num_bins}")
        if shingle_size < 1:
            raise ValueError(f"shingle_size must be at least 1, not {shingle_size}")
        self.num_bins = num_bins
        self.shingle_size = shingle_size
        self.seed = seed
        constants = _constants(seed, 4)
        self._shingle_base = np.uint64(constants[0] | 1)
        self._mix = np.uint64(constants[1] | 1)
        # The top bits of a shingle hash pick its bin; the 32 bits below them are its value.
        shift = 64 - num_bins.bit_length() + 1
        self._bin_shift = np.uint64(shift)
        self._value_shift = np.uint64(shift - 32)
        # Optimal densification: empty bin i tries bins donors[0, i], donors[1, i], ... in turn.
        attempts = 32
        raw = _constants(seed + 1, attempts * num_bins)
        self._donors = (np.array(raw, dtype=np.uint64) % np.uint64(num_bins)).astype(np.intp)
        self._donors = self._donors.reshape(attempts, num_bins)
        self._powers = np.ones(1, dtype=np.uint64)
        self._inverses = np.ones(1, dtype=np.uint64)

    def __repr__(self) -> str:
        return (
            f"MinHasher(num_bins={self.num_bins}, shingle_size={self.shingle_size}, "
            f"seed={self.seed})"
        )

    def _shingle_powers(self, length: int) -> tuple[np.ndarray, np.ndarray]:
        if self._powers.size < length:
            size = max(length, 2 * self._powers.size, 2048)
            base = int(self._shingle_base)
            powers = np.full(size, base, dtype=np.uint64)
            inverses = np.full(size, pow(base, -1, 1 << 64), dtype=np.uint64)
            powers[0] = inverses[0] = 1
            self._powers = np.cumprod(powers, dtype=np.uint64)
            self._inverses = np.cumprod(inverses, dtype=np.uint64)
        return self._powers, self._inverses

    def shingle_hashes(self, syllables: np.ndarray) -> np.ndarray:
        """Mixed 64-bit hashes of the shingles of a sequence of syllable hashes (one per
        position, duplicates kept). A text shorter than a shingle is one shingle.

        >>> from newscrawler.dedup.normalize import syllable_hashes
        >>> MinHasher(shingle_size=3).shingle_hashes(syllable_hashes("một hai ba bốn")).size
        2
        """
        return self._shingles(syllables).copy()

    def _shingles(self, syllables: np.ndarray, fixed: bool = False) -> np.ndarray:
        """The shingle hashes in a scratch array (valid until the next call). With ``fixed``,
        every shingle is ``shingle_size`` long even if the sequence is shorter (none then)."""
        count = syllables.size
        width = self.shingle_size if fixed else min(self.shingle_size, count)
        if count == 0 or count < width:
            return np.zeros(0, dtype=np.uint64)
        powers, inverses = self._shingle_powers(count + 1)
        # Polynomial over the syllable hashes by prefix sums: shingle i is
        # sum(h[i + j] * base**j for j < width), whatever the width, in a few array passes.
        prefix = SCRATCH.array("prefix", np.uint64, count + 1)
        prefix[0] = 0
        weighted = np.multiply(
            syllables, powers[:count], out=SCRATCH.array("syllables", np.uint64, count)
        )
        np.cumsum(weighted, out=prefix[1:])
        size = count - width + 1
        shingles = np.subtract(
            prefix[width:], prefix[:size], out=SCRATCH.array("shingles", np.uint64, size)
        )
        shingles *= inverses[:size]
        # Finaliser: the multiply carries every input bit into the high bits (the bin), the
        # xor-shift brings the high bits back into the low ones (the value).
        shingles *= self._mix
        shingles ^= np.right_shift(shingles, _SHIFT32, out=weighted[:size])
        return shingles

    def signature(self, text: str | None) -> Signature:
        """The signature of ``text`` (normalised with
        :func:`~newscrawler.dedup.normalize.normalize_for_dedup`)."""
        return self.signature_of_hashes(syllable_hashes(text))

    def signature_of_hashes(self, syllables: np.ndarray) -> Signature:
        """The signature of a text given as its
        :func:`~newscrawler.dedup.normalize.syllable_hashes`."""
        return self.signature_of_shingles(self._shingles(syllables))

    def signature_of_shingles(self, shingles: np.ndarray) -> Signature:
        """The signature of the shingles of one text (:meth:`shingle_hashes`, one per
        position). Its size is the number of positions: a phrase repeated within one text
        counts again (on the labelled set that makes sizes 1% larger on average, 6% at most),
        which saves the sort that an exact count of distinct shingles needs."""
        values = np.full(self.num_bins, _EMPTY, dtype=np.uint32)
        if shingles.size == 0:
            return Signature(values=values, size=0, shingle_size=self.shingle_size)
        # Views, not copies: bin numbers are small enough to read as int64, and the value is
        # the low half of the shifted hash.
        size = shingles.size
        shifted = np.right_shift(
            shingles, self._value_shift, out=SCRATCH.array("shifted", np.uint64, size)
        )
        bins = np.right_shift(shingles, self._bin_shift, out=SCRATCH.array("bins", np.uint64, size))
        np.minimum.at(values, bins.view(np.int64), shifted.view(np.uint32)[_LOW_HALF::2])
        empty = (values == _EMPTY).nonzero()[0]
        if empty.size:
            self._densify(values, empty)
        return Signature(values=values, size=int(shingles.size), shingle_size=self.shingle_size)

    def signatures_many(self, syllables: np.ndarray, offsets: np.ndarray) -> list[Signature]:
        """The signatures of several texts in one vectorised pass, from their
        :func:`~newscrawler.dedup.normalize.syllable_hashes_many`; the same signatures as
        :meth:`signature_of_hashes` one text at a time."""
        count = offsets.size - 1
        width = self.shingle_size
        lengths = np.diff(offsets)
        # Shingles of every run of `width` syllables, then only those inside one text.
        shingles = self._shingles(syllables, fixed=True)
        owners = np.repeat(np.arange(count), lengths)[: shingles.size]
        inside = np.arange(shingles.size) + width <= offsets.take(owners + 1)
        shingles, owners = shingles[inside], owners[inside]
        values = np.full((count, self.num_bins), _EMPTY, dtype=np.uint32)
        shifted = shingles >> self._value_shift
        np.minimum.at(
            values.reshape(-1),
            owners * self.num_bins + (shingles >> self._bin_shift).view(np.int64),
            shifted.view(np.uint32)[_LOW_HALF::2],
        )
        sizes = np.bincount(owners, minlength=count).tolist()
        self._densify_rows(values)
        signatures = []
        for index, (length, size) in enumerate(zip(lengths.tolist(), sizes, strict=True)):
            if 0 < length < width:  # shorter than one shingle: the whole text is one
                start = int(offsets[index])
                signatures.append(self.signature_of_hashes(syllables[start : start + length]))
            else:
                signatures.append(Signature(values=values[index], size=size, shingle_size=width))
        return signatures

    def _densify_rows(self, values: np.ndarray) -> None:
        """:meth:`_densify` for every row of a signature matrix at once (rows with no value
        at all, empty texts, stay empty)."""
        empty = values == _EMPTY
        rows, bins = empty.nonzero()
        if rows.size == 0:
            return
        live = ~empty.all(axis=1)
        keep = live.take(rows)
        rows, bins = rows[keep], bins[keep]
        for donors in self._donors:
            candidates = donors.take(bins)
            found = ~empty[rows, candidates]
            values[rows[found], bins[found]] = values[rows[found], candidates[found]]
            rows, bins = rows[~found], bins[~found]
            if rows.size == 0:
                return
        for row in np.unique(rows).tolist():
            filled = (~empty[row]).nonzero()[0]
            pending = bins[rows == row]
            values[row, pending] = values[row, filled[filled.searchsorted(pending) % filled.size]]

    def _densify(self, values: np.ndarray, empty: np.ndarray) -> None:
        """Fill empty bins from non-empty ones: bin i takes the value of the first non-empty
        bin among donors[0, i], donors[1, i], ...; the sequence depends on i only, so two
        texts fill a bin from the same donor exactly when they agree on which bins are empty
        along it (Shrivastava 2017). Bins still empty after every attempt take the next
        non-empty bin to their right."""
        filled = values != _EMPTY
        pending = empty
        for donors in self._donors:
            candidates = donors[pending]
            found = filled[candidates]
            values[pending[found]] = values[candidates[found]]
            pending = pending[~found]
            if pending.size == 0:
                return
        sources = filled.nonzero()[0]
        values[pending] = values[sources[sources.searchsorted(pending) % sources.size]]


DEFAULT_HASHER = MinHasher()


@dataclass(frozen=True)
class DedupKeys:
    """Everything dedup needs from one text, computed in one pass: the exact-duplicate
    fingerprint and the near-duplicate signature."""

    fingerprint: str
    signature: Signature


def dedup_keys(text: str | None, hasher: MinHasher = DEFAULT_HASHER) -> DedupKeys:
    """Normalise ``text`` once and return its fingerprint and signature.

    >>> keys = dedup_keys("Hoà bình cho thuỷ điện Na Hang")
    >>> keys == dedup_keys("hòa bình cho thủy điện na hang.")
    True
    """
    hashes = syllable_hashes(text)
    return DedupKeys(fingerprint_of_hashes(hashes), hasher.signature_of_hashes(hashes))


#: Stands in the key list for a removed text.
_REMOVED = object()


def dedup_keys_many(
    texts: Sequence[str | None], hasher: MinHasher = DEFAULT_HASHER
) -> list[DedupKeys]:
    """:func:`dedup_keys` of several texts in one vectorised pass (for rebuilds, backfills and
    pipelines that batch items); the same keys as one text at a time.

    >>> dedup_keys_many(["Hoà bình", "Thuỷ lợi"]) == [dedup_keys("hòa bình"), dedup_keys("thủy lợi")]
    True
    """  # noqa: E501
    hashes, offsets = syllable_hashes_many(texts)
    bounds = offsets.tolist()
    signatures = hasher.signatures_many(hashes, offsets)
    return [
        DedupKeys(fingerprint_of_hashes(hashes[start:end]), signature)
        for start, end, signature in zip(bounds[:-1], bounds[1:], signatures, strict=True)
    ]


class NearDuplicateIndex:
    """An in-memory LSH index of signatures, answering "which indexed texts does this text
    duplicate?".

    ``threshold`` is the least estimated containment reported. With ``keep_shingles=True`` the
    index also keeps each text's shingle hashes and verifies candidates by their exact
    containment (more memory, exact answers near the threshold).

    >>> index = NearDuplicateIndex()
    >>> story = "\\n".join(f"Đoạn {i}: Ban Tổ chức Trung ương tổng kết công tác năm {i}." for i in range(30))
    >>> index.add("tuyenquangtv", story)
    >>> [(key, round(similarity, 1)) for key, similarity in index.query(story.upper())]
    [('tuyenquangtv', 1.0)]
    >>> index.query("Giá cà phê hôm nay tăng 500 đồng/kg")
    []
    """  # noqa: E501

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        *,
        hasher: MinHasher = DEFAULT_HASHER,
        bands: int = BANDS,
        rows: int = ROWS,
        keep_shingles: bool = False,
    ) -> None:
        if bands * rows > hasher.num_bins:
            raise ValueError(
                f"bands * rows ({bands} * {rows}) exceeds the hasher's {hasher.num_bins} bins"
            )
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        self.hasher = hasher
        self.bands = bands
        self.rows = rows
        self.keep_shingles = keep_shingles
        self._values = np.empty((1024, hasher.num_bins), dtype=np.uint32)
        self._size_list: list[int] = []  # by slot
        self._keys: list[Any] = []  # by slot; _REMOVED once removed
        self._shingles: dict[int, np.ndarray] = {}  # by slot, with keep_shingles
        self._slots: dict[Hashable, int] = {}
        # band key -> slot, or list of slots when several texts share the band.
        self._buckets: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, key: object) -> bool:
        return key in self._slots

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._slots)

    def signature(self, key: Hashable) -> Signature:
        """The stored signature of ``key``."""
        slot = self._slots[key]
        return Signature(
            values=self._values[slot].copy(),
            size=self._size_list[slot],
            shingle_size=self.hasher.shingle_size,
        )

    # --- adding -----------------------------------------------------------------------------

    def add(self, key: Hashable, text: str | None) -> None:
        """Index ``text`` under ``key`` (a URL, a database id); a key already indexed is
        replaced."""
        shingles = self.hasher.shingle_hashes(syllable_hashes(text))
        self._add(key, self.hasher.signature_of_shingles(shingles), shingles)

    def add_signature(self, key: Hashable, signature: Signature | bytes) -> None:
        """Index a stored signature (``bytes`` from :meth:`Signature.to_bytes` or a
        :class:`Signature`) under ``key``."""
        if isinstance(signature, bytes | bytearray | memoryview):
            signature = Signature.from_bytes(bytes(signature))
        self._check(signature)
        self._add(key, signature, None)

    @classmethod
    def from_signatures(
        cls, items: Iterable[tuple[Hashable, Signature | bytes]], **options: Any
    ) -> NearDuplicateIndex:
        """Rebuild an index from stored ``(key, signature)`` pairs, in the order they were
        first stored; ``options`` are those of the constructor."""
        index = cls(**options)
        for key, signature in items:
            index.add_signature(key, signature)
        return index

    def _check(self, signature: Signature) -> None:
        if (
            signature.values.size != self.hasher.num_bins
            or signature.shingle_size != self.hasher.shingle_size
        ):
            raise ValueError(
                f"signature of {signature.values.size} bins and {signature.shingle_size}-syllable"
                f" shingles does not fit this index ({self.hasher!r}): recompute it from the text"
            )

    def _add(self, key: Hashable, signature: Signature, shingles: np.ndarray | None) -> None:
        if key in self._slots:
            self.remove(key)
        slot = self._store(key, signature, shingles)
        if signature.size:
            self._insert(slot, signature.band_keys(self.bands, self.rows))

    def _store(self, key: Hashable, signature: Signature, shingles: np.ndarray | None) -> int:
        slot = len(self._keys)
        if slot == self._values.shape[0]:
            self._values = np.concatenate([self._values, np.empty_like(self._values)])
        self._values[slot] = signature.values
        self._size_list.append(signature.size)
        if self.keep_shingles and shingles is not None:
            self._shingles[slot] = np.unique(shingles)
        self._keys.append(key)
        self._slots[key] = slot
        return slot

    def _insert(self, slot: int, band_keys: list[int], held: list[Any] | None = None) -> None:
        """Put ``slot`` in the buckets of ``band_keys``; ``held`` is what the buckets held
        before (when the caller has just looked)."""
        buckets = self._buckets
        if held is None:
            held = list(map(buckets.get, band_keys))
        if held.count(None) == len(held):
            buckets.update(dict.fromkeys(band_keys, slot))
            return
        for band_key, previous in zip(band_keys, held, strict=True):
            if previous is None:
                buckets[band_key] = slot
            elif previous.__class__ is int:
                buckets[band_key] = [previous, slot]
            else:
                previous.append(slot)

    def remove(self, key: Hashable) -> None:
        """Forget ``key`` (no error when it is not indexed)."""
        slot = self._slots.pop(key, None)
        if slot is None:
            return
        self._keys[slot] = _REMOVED
        self._shingles.pop(slot, None)
        band_keys = _band_keys(self._values[slot], self.bands, self.rows).tolist()
        for band_key in band_keys:
            held = self._buckets.get(band_key)
            if held == slot:
                del self._buckets[band_key]
            elif isinstance(held, list) and slot in held:
                held.remove(slot)
                if len(held) == 1:
                    self._buckets[band_key] = held[0]

    # --- querying ---------------------------------------------------------------------------

    def query(self, text: str | None) -> list[tuple[Hashable, float]]:
        """The indexed keys whose text ``text`` duplicates, with the estimated containment,
        most similar first; only those at or above the threshold."""
        shingles = self.hasher.shingle_hashes(syllable_hashes(text))
        signature = self.hasher.signature_of_shingles(shingles)
        return self._query(signature, signature.band_keys(self.bands, self.rows), shingles)

    def query_signature(self, signature: Signature | bytes) -> list[tuple[Hashable, float]]:
        """:meth:`query` for a signature."""
        if isinstance(signature, bytes | bytearray | memoryview):
            signature = Signature.from_bytes(bytes(signature))
        self._check(signature)
        return self._query(signature, signature.band_keys(self.bands, self.rows), None)

    def query_and_add(self, key: Hashable, text: str | None) -> list[tuple[Hashable, float]]:
        """:meth:`query`, then :meth:`add` the text under ``key``, normalising it once."""
        shingles = self.hasher.shingle_hashes(syllable_hashes(text))
        signature = self.hasher.signature_of_shingles(shingles)
        return self.query_and_add_signature(key, signature, shingles)

    def query_and_add_signature(
        self,
        key: Hashable,
        signature: Signature,
        shingles: np.ndarray | None = None,
        band_keys: list[int] | None = None,
    ) -> list[tuple[Hashable, float]]:
        """:meth:`query_signature`, then index the signature under ``key``."""
        if key in self._slots:
            found = [(k, v) for k, v in self.query_signature(signature) if k != key]
            self.remove(key)
            self._add(key, signature, shingles)
            return found
        if band_keys is None:
            band_keys = signature.band_keys(self.bands, self.rows)
        slot = len(self._keys)
        if not signature.size:
            self._store(key, signature, shingles)
            return []
        # One pass over the buckets: put the new slot where a bucket is free, and read what the
        # others held (each lookup in a large table is a cache miss; this makes one, not two).
        buckets = self._buckets
        held = list(map(buckets.setdefault, band_keys, repeat(slot)))
        if held.count(slot) == len(held):
            self._store(key, signature, shingles)
            return []
        earlier = [bucket if bucket is not slot else None for bucket in held]
        found = self._score(signature, earlier, shingles)
        self._store(key, signature, shingles)
        for band_key, bucket in zip(band_keys, held, strict=True):
            if bucket is slot:
                continue
            if bucket.__class__ is int:
                buckets[band_key] = [bucket, slot]
            else:
                bucket.append(slot)
        return found

    def query_and_add_many(
        self, items: Iterable[tuple[Hashable, str | None]]
    ) -> list[list[tuple[Hashable, float]]]:
        """:meth:`query_and_add` for several ``(key, text)`` pairs in order, normalising them in
        one vectorised pass: each text is compared with the index and with the texts before
        it in ``items``."""
        pairs = list(items)
        signatures = self.hasher.signatures_many(*syllable_hashes_many([t for _, t in pairs]))
        return self.query_and_add_signatures(
            [(key, signature) for (key, _), signature in zip(pairs, signatures, strict=True)]
        )

    def query_and_add_signatures(
        self, items: Sequence[tuple[Hashable, Signature]]
    ) -> list[list[tuple[Hashable, float]]]:
        """:meth:`query_and_add_signature` for several ``(key, signature)`` pairs in order,
        with the band keys of all of them computed at once."""
        if not items:
            return []
        matrix = np.stack([signature.values for _, signature in items])
        all_keys = _band_keys_rows(matrix, self.bands, self.rows).tolist()
        return [
            self.query_and_add_signature(key, signature, band_keys=keys)
            for (key, signature), keys in zip(items, all_keys, strict=True)
        ]

    def _query(
        self, signature: Signature, band_keys: list[int], shingles: np.ndarray | None
    ) -> list[tuple[Hashable, float]]:
        held = list(map(self._buckets.get, band_keys))
        if held.count(None) == len(held):
            return []
        return self._score(signature, held, shingles)

    def _score(
        self, signature: Signature, held: list[Any], shingles: np.ndarray | None
    ) -> list[tuple[Hashable, float]]:
        """Rank the slots found in the buckets: estimated (or, with kept shingles, exact)
        containment, at least the threshold, most similar first."""
        if signature.size == 0:
            return []
        slots_set: set[int] = set()
        for bucket in held:
            if bucket is not None:
                if bucket.__class__ is int:
                    slots_set.add(bucket)
                else:
                    slots_set.update(bucket)
        slots = list(slots_set)
        agree = np.count_nonzero(self._values[slots] == signature.values, axis=1).tolist()
        bins = self.hasher.num_bins
        verify = self.keep_shingles and shingles is not None
        # With exact verification, look at candidates somewhat below the threshold too.
        floor = self.threshold - 0.15 if verify else self.threshold
        query_set = np.unique(shingles) if verify and shingles is not None else None
        size = signature.size
        sizes = self._size_list
        found = []
        for slot, agreeing in zip(slots, agree, strict=True):
            # containment_from_jaccard, inlined: most candidates are chance collisions of one
            # band and fail here.
            jaccard = agreeing / bins
            other = sizes[slot]
            value = jaccard / (1.0 + jaccard) * (size + other) / (size if size < other else other)
            if value < floor:
                continue
            key = self._keys[slot]
            if key is _REMOVED:
                continue
            value = min(value, 1.0)
            kept = self._shingles.get(slot)
            if query_set is not None and kept is not None:
                common = np.intersect1d(query_set, kept, assume_unique=True).size
                value = common / min(query_set.size, kept.size)
            if value >= self.threshold:
                found.append((key, value))
        found.sort(key=lambda pair: -pair[1])
        return found


def exact_containment(a: str | None, b: str | None, shingle_size: int = SHINGLE_SIZE) -> float:
    """The exact containment of the smaller shingle set of two texts in the other (what the
    index estimates), for verification and evaluation.

    >>> exact_containment("một hai ba bốn năm sáu", "Một, hai, ba, bốn, năm, sáu, bảy!")
    1.0
    """
    hasher = MinHasher(shingle_size=shingle_size)
    set_a = np.unique(hasher.shingle_hashes(syllable_hashes(a)))
    set_b = np.unique(hasher.shingle_hashes(syllable_hashes(b)))
    if set_a.size == 0 or set_b.size == 0:
        return 0.0
    common = np.intersect1d(set_a, set_b, assume_unique=True).size
    return common / min(set_a.size, set_b.size)
