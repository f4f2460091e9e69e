"""Deduplication core: canonical URLs, exact-duplicate fingerprints and near-duplicate detection.

Pure Python and numpy, no Scrapy: :func:`canonical.canonicalize_url`,
:func:`normalize.fingerprint` and :mod:`minhash` signatures and band keys;
:mod:`store` decides for each article against the index the crawls share in the database.
"""

from newscrawler.dedup.canonical import canonicalize_url
from newscrawler.dedup.minhash import (
    DEFAULT_THRESHOLD,
    DedupKeys,
    MinHasher,
    NearDuplicateIndex,
    Signature,
    dedup_keys,
    dedup_keys_many,
)
from newscrawler.dedup.normalize import fingerprint, normalize_for_dedup, syllables

__all__ = [
    "DEFAULT_THRESHOLD",
    "DedupKeys",
    "MinHasher",
    "NearDuplicateIndex",
    "Signature",
    "canonicalize_url",
    "dedup_keys",
    "dedup_keys_many",
    "fingerprint",
    "normalize_for_dedup",
    "syllables",
]
