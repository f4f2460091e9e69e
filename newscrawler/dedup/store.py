"""The dedup index that crawls share: for each article, whether it repeats one met before, in
this crawl, an earlier one or another process's, and which story it belongs to.

The index lives in the database (``dedup_index`` and ``dedup_bands``, see
:class:`newscrawler.storage.base.DedupIndexTransaction`): each decision is made and recorded in
one transaction that holds the dedup lock, so two crawlers meeting two copies of a story at the
same time cannot both take the first copy for the story's first. Without a database, or while it
is away, an in-memory index (:class:`MemoryIndex`) stands in; what it recorded is written to the
database when it is back.

A page is identified by its canonical URL (:func:`newscrawler.dedup.canonicalize_url`), its text
by :func:`newscrawler.dedup.fingerprint` (exact copies) and its MinHash signature (near copies).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import numpy as np

from newscrawler.dedup.canonical import canonicalize_url
from newscrawler.dedup.minhash import (
    DEFAULT_THRESHOLD,
    DedupKeys,
    Signature,
    containment_from_jaccard,
    dedup_keys,
)
from newscrawler.storage.base import (
    DedupIndexTransaction,
    IndexedText,
    Storage,
    StorageError,
    utcnow,
)

logger = logging.getLogger(__name__)

#: What :meth:`DedupIndex.check` can decide.
NEW = "new"
"""The first article of its story: it goes on."""
CHANGED = "changed"
"""A page met before, whose text changed: it goes on (the storage keeps the old version)."""
UNCHANGED = "unchanged"
"""A page met before with the same text (a re-crawl, or the same page under another address)."""
EXACT = "exact"
"""The same text as another page: always dropped."""
NEAR = "near"
"""Mostly the text of another page (a syndicated copy, rewritten or cut): dropped or marked."""

#: The kinds of entries the index holds.
STORY = "story"


def story_id_for(canonical_url: str) -> str:
    """The id of the story whose first article is ``canonical_url``: the same in every process.

    >>> story_id_for("https://tuyenquangtv.vn/tin-moi/202212/hoi-nghi-92a4a03/")
    'ef474cbc33eeb156'
    """
    return hashlib.blake2b(canonical_url.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Decision:
    """What the index decided for one article."""

    verdict: str
    """:data:`NEW`, :data:`CHANGED`, :data:`UNCHANGED`, :data:`EXACT` or :data:`NEAR`."""
    story_id: str
    """The story the article belongs to (``metadata.storyId``)."""
    kept: bool
    """Whether the article goes on to the feeds and the ``articles`` table. For
    :data:`UNCHANGED`, whether it went on when it was first met (it is not fed again)."""
    duplicate_of: str | None = None
    """For a copy: the URL of the kept article it repeats."""
    similarity: float | None = None
    """For a copy: its similarity to the closest article met (1.0 for an exact copy)."""


def closest(
    signature: Signature, candidates: Sequence[IndexedText], threshold: float
) -> tuple[IndexedText, float] | None:
    """The candidate whose text ``signature``'s text duplicates most (estimated containment of
    the shorter text in the other), if it reaches ``threshold``; the earliest on a tie."""
    if not candidates or signature.size == 0:
        return None
    stored = [Signature.from_bytes(c.signature) for c in candidates]
    matrix = np.stack([s.values for s in stored])
    jaccard = np.count_nonzero(matrix == signature.values, axis=1) / signature.values.size
    best: tuple[IndexedText, float] | None = None
    for candidate, other, value in zip(candidates, stored, jaccard.tolist(), strict=True):
        containment = containment_from_jaccard(value, signature.size, other.size)
        if containment >= threshold and (best is None or containment > best[1]):
            best = (candidate, containment)
    return best


def decide(
    index: DedupIndexTransaction,
    canonical_url: str,
    url: str,
    keys: DedupKeys,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    keep_near: bool = False,
    now: datetime | None = None,
) -> Decision:
    """Decide for one article and record it in ``index``.

    A page met before with the same text is :data:`UNCHANGED`. A page met before whose text
    changed stays the first of its story if it was (:data:`CHANGED`); a copy whose text changed
    is decided again. Otherwise: the same text as another page is an :data:`EXACT` copy, a text
    mostly contained in another's (similarity at least ``threshold``) a :data:`NEAR` copy (kept
    when ``keep_near``), anything else the first of a :data:`NEW` story."""
    now = now or utcnow()
    signature = keys.signature
    band_keys = signature.band_keys() if signature.size else []
    known = index.by_canonical_url(canonical_url)
    old_band_keys: list[int] = []
    if known is not None:
        if known.fingerprint == keys.fingerprint:
            index.touch(known, now)
            return Decision(UNCHANGED, known.story_id, known.kept, known.duplicate_of,
                            known.similarity)  # fmt: skip
        if known.kind != EXACT:
            old_band_keys = Signature.from_bytes(known.signature).band_keys()
        if known.kind == STORY:
            index.replace(known, replace(known, url=url, fingerprint=keys.fingerprint,
                                         signature=signature.to_bytes()),
                          old_band_keys, band_keys, now)  # fmt: skip
            return Decision(CHANGED, known.story_id, True)
    entry, verdict = _match(index, canonical_url, url, keys, band_keys, threshold=threshold,
                            keep_near=keep_near, known=known)  # fmt: skip
    if known is None:
        index.add(entry, [] if verdict == EXACT else band_keys, now)
    else:
        index.replace(known, entry, old_band_keys, [] if verdict == EXACT else band_keys, now)
    return Decision(verdict, entry.story_id, entry.kept, entry.duplicate_of, entry.similarity)


def _match(
    index: DedupIndexTransaction,
    canonical_url: str,
    url: str,
    keys: DedupKeys,
    band_keys: Sequence[int],
    *,
    threshold: float,
    keep_near: bool,
    known: IndexedText | None,
) -> tuple[IndexedText, str]:
    """The entry a page new to the index (or a copy whose text changed) gets, and its verdict."""
    signature = keys.signature.to_bytes()
    same = index.by_fingerprint(keys.fingerprint)  # never ``known``: its text changed
    if same is not None:
        return IndexedText(canonical_url, url, same.story_id, EXACT, False, keys.fingerprint,
                           signature, 1.0, _kept_url(same)), EXACT  # fmt: skip
    candidates = [c for c in index.by_band_keys(band_keys) if known is None or c.id != known.id]
    found = closest(keys.signature, candidates, threshold)
    if found is not None:
        match, similarity = found
        return IndexedText(canonical_url, url, match.story_id, NEAR, keep_near, keys.fingerprint,
                           signature, round(similarity, 4), _kept_url(match)), NEAR  # fmt: skip
    return IndexedText(canonical_url, url, story_id_for(canonical_url), STORY, True,
                       keys.fingerprint, signature), NEW  # fmt: skip


def _kept_url(entry: IndexedText) -> str:
    """The URL of a kept article that ``entry`` stands for: itself, or the one it repeats."""
    return entry.url if entry.kept or not entry.duplicate_of else entry.duplicate_of


class MemoryIndex(DedupIndexTransaction):
    """The dedup index in memory: for a crawl without database, and for the decisions made while
    the database is away (:meth:`entries` gives them back to be written)."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[IndexedText, list[int], datetime]] = {}
        self._by_fingerprint: dict[str, IndexedText] = {}
        self._bands: dict[int, list[IndexedText]] = {}
        self._next_id = 1

    def __len__(self) -> int:
        return len(self._entries)

    def by_canonical_url(self, canonical_url: str) -> IndexedText | None:
        found = self._entries.get(canonical_url)
        return None if found is None else found[0]

    def by_fingerprint(self, fingerprint: str) -> IndexedText | None:
        return self._by_fingerprint.get(fingerprint)

    def by_band_keys(self, band_keys: Sequence[int]) -> list[IndexedText]:
        found: dict[int, IndexedText] = {}
        for key in band_keys:
            for entry in self._bands.get(key, ()):
                found[entry.id] = entry
        return [found[i] for i in sorted(found)]

    def add(self, entry: IndexedText, band_keys: Sequence[int], seen: datetime) -> None:
        entry.id = self._next_id
        self._next_id += 1
        self._put(entry, band_keys, seen)

    def _put(self, entry: IndexedText, band_keys: Sequence[int], seen: datetime) -> None:
        self._entries[entry.canonical_url] = (entry, list(band_keys), seen)
        self._by_fingerprint.setdefault(entry.fingerprint, entry)
        for key in band_keys:
            self._bands.setdefault(key, []).append(entry)

    def replace(
        self,
        old: IndexedText,
        new: IndexedText,
        old_band_keys: Sequence[int],
        band_keys: Sequence[int],
        seen: datetime,
    ) -> None:
        stored_keys = self._entries.pop(old.canonical_url, (old, [], seen))[1]
        for key in stored_keys:
            held = self._bands.get(key, [])
            held[:] = [entry for entry in held if entry.id != old.id]
        first = self._by_fingerprint.get(old.fingerprint)
        if first is not None and first.id == old.id:
            del self._by_fingerprint[old.fingerprint]
        new.id = old.id
        self._put(new, band_keys, seen)

    def touch(self, entry: IndexedText, seen: datetime) -> None:
        stored = self._entries.get(entry.canonical_url)
        if stored is not None and seen > stored[2]:
            self._entries[entry.canonical_url] = (stored[0], stored[1], seen)

    def is_empty(self) -> bool:
        return not self._entries

    def entries(self) -> list[tuple[IndexedText, list[int], datetime]]:
        """Every entry with its band keys and the time it was last met, in the order met."""
        return sorted(self._entries.values(), key=lambda stored: stored[0].id)

    def clear(self) -> None:
        """Forget every entry (once they are written to the database)."""
        self._entries.clear()
        self._by_fingerprint.clear()
        self._bands.clear()


class DedupIndex:
    """Decides for each article of a crawl, with the index in ``storage`` (shared with every
    crawl on that database), or in memory when ``storage`` is None.

    When the database fails, decisions are made in memory (against what was met since) and
    written to the database when it answers again, tried at most every ``retry_interval``
    seconds with a connection from ``reopen``; :meth:`close` makes a last try."""

    def __init__(
        self,
        storage: Storage | None,
        *,
        reopen: Callable[[], Storage] | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        keep_near: bool = False,
        retry_interval: float = 30.0,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"the dedup threshold is in (0, 1], not {threshold}")
        self.storage = storage
        self.persistent = storage is not None
        self.reopen = reopen
        self.threshold = threshold
        self.keep_near = keep_near
        self.retry_interval = retry_interval
        self.memory = MemoryIndex()
        self.retry_at = 0.0
        self.outage: str | None = None
        """Why the database is not used, while it is not."""

    def check(self, canonical_url: str, url: str, text: str | None) -> Decision:
        """Decide for the article ``url`` (identified by ``canonical_url``) of text ``text``,
        and record it."""
        keys = dedup_keys(text)
        options: dict[str, Any] = {"threshold": self.threshold, "keep_near": self.keep_near}
        if self.persistent and self._database_ready():
            assert self.storage is not None
            try:
                with self.storage.dedup_transaction() as index:
                    return decide(index, canonical_url, url, keys, **options)
            except StorageError as exc:
                self._failed(exc)
        return decide(self.memory, canonical_url, url, keys, **options)

    def _database_ready(self) -> bool:
        """Whether to use the database now: it has not failed, or it is time to try again and
        what was decided meanwhile could be written to it."""
        if self.outage is None:
            return True
        if time.monotonic() < self.retry_at:
            return False
        return self._write_memory()

    def _write_memory(self) -> bool:
        entries = self.memory.entries()
        try:
            if self.storage is None:
                if self.reopen is None:
                    return False
                self.storage = self.reopen()
            with self.storage.dedup_transaction() as index:
                for entry, band_keys, seen in entries:
                    if index.by_canonical_url(entry.canonical_url) is None:
                        index.add(replace(entry, id=0), band_keys, seen)
        except StorageError as exc:
            self._failed(exc)
            return False
        logger.info(
            "Dedup: the database is back; %(n)s decision(s) made meanwhile were written to its "
            "index",
            {"n": len(entries)},
        )
        self.memory.clear()
        self.outage = None
        return True

    def _failed(self, exc: StorageError) -> None:
        if self.outage is None:
            logger.warning(
                "Dedup: the database failed (%(error)s): deciding in memory, against what was "
                "met since, and trying the database again every %(interval)s s",
                {"error": exc, "interval": self.retry_interval},
            )
        self.outage = str(exc)
        self.retry_at = time.monotonic() + self.retry_interval
        if self.reopen is not None and self.storage is not None:
            self.storage.close()
            self.storage = None

    def close(self) -> int:
        """Write what was decided in memory during an outage, and close the database; return
        how many decisions could not be written (0 when all were)."""
        left = 0
        if self.persistent and self.outage is not None and len(self.memory):
            self.retry_at = 0.0
            left = 0 if self._write_memory() else len(self.memory)
        if self.storage is not None:
            self.storage.close()
            self.storage = None
        return left

    # --- filling the index from stored articles ---------------------------------------------

    def backfill(self, *, log_every: int = 10_000) -> int:
        """Index the articles of the database when its dedup index is empty (a database from
        before the index, or crawled with dedup off); return how many were indexed.

        They are decided in the order they were stored, all kept: they are already in
        ``articles``."""
        if self.storage is None:
            return 0
        with self.storage.dedup_transaction() as index:
            if not index.is_empty():
                return 0
        pending = []
        for stored in self.storage.iter_articles():
            item = stored.item
            canonical = canonicalize_url(item.get("url") or stored.url, item.get("canonicalUrl"))
            text = item.get("articleBody") or item.get("headline")
            pending.append((canonical, stored.url, dedup_keys(text)))
        if not pending:
            return 0
        logger.info("Dedup: indexing the %(n)s stored articles", {"n": len(pending)})
        done = 0
        with self.storage.dedup_transaction() as index:
            if not index.is_empty():  # another process did it meanwhile
                return 0
            for canonical, url, keys in pending:
                decide(index, canonical, url, keys, threshold=self.threshold, keep_near=True)
                done += 1
                if done % log_every == 0:
                    logger.info("Dedup: %(done)s/%(n)s indexed", {"done": done, "n": len(pending)})
        return done
