"""The spool: batches that could not reach the database, kept in a local JSON Lines file (one
batch a line, fsync'd) until they can be written, by the crawl itself when the database is back
or by ``scrapy replay_spool`` after it.

A spool file is locked (``flock``) by the process that writes or replays it, so that a replay
never takes the file of a running crawl. Writing a batch twice stores it once (articles are
upserted, rejects and duplicates carry ids), so a file is removed only after all of its batches
are committed, and a replay that stopped half-way can simply run again.

A batch the database refuses for its data (a constraint, an encoding), not for being away, is
split in halves, and each half written, down to the records refused alone
(:func:`write_isolating`): each is stored as a reject of reason ``StorageRejected`` with the
database's message, or, refused even so, held back in a spool file of its own for
``scrapy replay_spool`` once the cause is fixed. Nothing is lost, and the rest of the batch and
the batches after it are stored.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import orjson

from newscrawler.storage.base import (
    BatchCounts,
    Duplicate,
    Reject,
    Storage,
    StorageError,
    StorageUnavailableError,
)

logger = logging.getLogger(__name__)

SUFFIX = ".jsonl"

#: The reason of the reject stored for a record the database refused for its data.
REFUSED_REASON = "StorageRejected"


@dataclass
class SpooledBatch:
    """One batch as the pipeline would have written it."""

    articles: list[Mapping[str, Any]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles) + len(self.rejects) + len(self.duplicates)

    def to_json(self) -> bytes:
        return orjson.dumps(
            {
                "articles": self.articles,
                "rejects": [r.to_dict() for r in self.rejects],
                "duplicates": [d.to_dict() for d in self.duplicates],
            },
            default=str,
            option=orjson.OPT_NON_STR_KEYS,
        )

    @classmethod
    def from_json(cls, line: bytes) -> SpooledBatch:
        data = orjson.loads(line)
        return cls(
            articles=data.get("articles", []),
            rejects=[Reject.from_dict(r) for r in data.get("rejects", [])],
            duplicates=[Duplicate.from_dict(d) for d in data.get("duplicates", [])],
        )

    def write_to(self, storage: Storage) -> BatchCounts:
        return storage.write_batch(self.articles, self.rejects, self.duplicates)

    def halves(self) -> tuple[SpooledBatch, SpooledBatch]:
        """The batch cut in two, its records in the same order (articles, rejects,
        duplicates)."""
        records: list[tuple[str, Any]] = [
            *(("articles", a) for a in self.articles),
            *(("rejects", r) for r in self.rejects),
            *(("duplicates", d) for d in self.duplicates),
        ]
        halves = (SpooledBatch(), SpooledBatch())
        for i, (kind, record) in enumerate(records):
            getattr(halves[i >= len(records) // 2], kind).append(record)
        return halves

    def extend(self, other: SpooledBatch) -> None:
        self.articles.extend(other.articles)
        self.rejects.extend(other.rejects)
        self.duplicates.extend(other.duplicates)


@dataclass
class WriteResult:
    """What :func:`write_isolating` did with a batch."""

    counts: BatchCounts = field(default_factory=BatchCounts)
    refused: int = 0
    """Records the database refused, stored as ``StorageRejected`` rejects instead."""
    held: SpooledBatch = field(default_factory=SpooledBatch)
    """Records the database refused even as rejects: not stored, to be kept in a spool."""


def refusal(batch: SpooledBatch, error: StorageError) -> Reject:
    """The reject that stands for the one record of ``batch``, which the database refused with
    ``error``. Its id comes from the record, so that writing the batch again stores it once."""
    if batch.articles:
        article = batch.articles[0]
        url, item = article.get("canonicalUrl") or article.get("url"), dict(article)
        try:
            key = orjson.dumps(article, default=str,
                               option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)  # fmt: skip
        except (TypeError, ValueError):
            key = repr(article).encode("utf-8", "backslashreplace")
        record_id = hashlib.blake2b(key, digest_size=16).hexdigest()
    elif batch.rejects:
        reject = batch.rejects[0]
        url, item, record_id = reject.url, {"reject": reject.to_dict()}, reject.id
    else:
        duplicate = batch.duplicates[0]
        url, item, record_id = duplicate.url, {"duplicate": duplicate.to_dict()}, duplicate.id
    return Reject(url=url, reason=REFUSED_REASON, message=str(error), item=item,
                  id=f"refused-{record_id}")  # fmt: skip


def write_isolating(storage: Storage, batch: SpooledBatch) -> WriteResult:
    """Write ``batch`` in one transaction; if the database refuses it for its data, write its
    halves, and theirs, down to the records it refuses alone, which are stored as rejects
    (:func:`refusal`), or returned in :attr:`WriteResult.held` when refused even so.

    Raises :class:`StorageUnavailableError` when the database goes away, possibly after some
    parts were committed: writing the whole batch again stores each record once."""
    result = WriteResult()
    _write_isolating(storage, batch, result)
    return result


def _write_isolating(storage: Storage, batch: SpooledBatch, result: WriteResult) -> None:
    try:
        result.counts += batch.write_to(storage)
        return
    except StorageUnavailableError:
        raise
    except StorageError as exc:
        error = exc
    if len(batch) > 1:
        for half in batch.halves():
            _write_isolating(storage, half, result)
        return
    reject = refusal(batch, error)
    logger.warning(
        "The database refused a record, stored as a %(reason)s reject instead: %(error)s",
        {"reason": REFUSED_REASON, "error": error},
    )
    try:
        result.counts += storage.write_batch((), [reject], ())
        result.refused += 1
    except StorageUnavailableError:
        raise
    except StorageError as exc:
        logger.error(
            "The database refused a record, even as a reject (%(error)s): it is kept in the "
            "spool, for `scrapy replay_spool` once the cause is fixed",
            {"error": exc},
        )
        result.held.extend(batch)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Spool:
    """One spool file, locked by this process while it is open."""

    def __init__(self, path: Path, file: IO[bytes]) -> None:
        self.path = path
        self._file: IO[bytes] | None = file

    @classmethod
    def create(cls, directory: str | Path, name: str) -> Spool:
        """A new spool file in ``directory``, named after ``name`` and the time."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = directory / f"{stamp}-{name}-{os.getpid()}{SUFFIX}"  # names sort by time
        file = path.open("ab+")
        fcntl.flock(file.fileno(), fcntl.LOCK_EX)
        _fsync_dir(directory)
        return cls(path, file)

    @classmethod
    def take(cls, path: Path) -> Spool | None:
        """Lock an existing spool file, or None when another process holds it (or it is
        gone)."""
        try:
            file = os.fdopen(os.open(path, os.O_RDWR | os.O_APPEND), "ab+")
        except FileNotFoundError:
            return None
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            return None
        if not path.exists():  # removed by its owner between our open and our lock
            file.close()
            return None
        return cls(path, file)

    @property
    def file(self) -> IO[bytes]:
        if self._file is None:
            raise ValueError(f"the spool {self.path} is closed")
        return self._file

    def append(self, batch: SpooledBatch) -> None:
        """Add a batch, on disk when this returns."""
        self.file.write(batch.to_json() + b"\n")
        self.file.flush()
        os.fsync(self.file.fileno())

    def batches(self) -> list[SpooledBatch]:
        """The batches of the file, in the order they were spooled. A last line cut short (the
        process died while writing it) is skipped: it was never reported as spooled."""
        self.file.seek(0)
        lines = self.file.read().split(b"\n")
        batches = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                batches.append(SpooledBatch.from_json(line))
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                if number < len(lines) - 1:
                    raise
                logger.warning("Skipping the cut-short last line of %(path)s", {"path": self.path})
        return batches

    def __len__(self) -> int:
        return len(self.batches())

    def remove(self) -> None:
        """Delete the file (its batches are in the database) and let go of the lock."""
        self.path.unlink(missing_ok=True)
        _fsync_dir(self.path.parent)
        self.close()

    def close(self) -> None:
        """Let go of the lock, keeping the file for a later replay."""
        if self._file is not None:
            self._file.close()
            self._file = None


def spool_files(directory: str | Path) -> list[Path]:
    """The spool files of ``directory``, oldest first (their names start with the time)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(directory.glob(f"*{SUFFIX}"))


@dataclass
class ReplayResult:
    """What :func:`replay_spool` did."""

    files: list[Path] = field(default_factory=list)
    """The files written to the database, and removed."""
    busy: list[Path] = field(default_factory=list)
    """The files left alone because a running crawl holds them."""
    batches: int = 0
    counts: BatchCounts = field(default_factory=BatchCounts)
    refused: int = 0
    """Records the database refused, stored as ``StorageRejected`` rejects instead."""
    held: list[Path] = field(default_factory=list)
    """New spool files holding the records the database refused even as rejects."""


def replay_files(
    storage: Storage, paths: Sequence[Path]
) -> Iterator[tuple[Path, int, WriteResult, Path | None]]:
    """Write the batches of each spool file to ``storage``, one transaction per batch (split
    when the database refuses one for its data: :func:`write_isolating`), and remove each file
    after its last batch is committed; records refused even as rejects go first to a new spool
    file. Yields (path, batches, result, that new file or None), batches -1 for a file that a
    running crawl holds."""
    for path in paths:
        spool = Spool.take(path)
        if spool is None:
            yield path, -1, WriteResult(), None
            continue
        held_path = None
        try:
            total = WriteResult()
            batches = spool.batches()
            for batch in batches:
                result = write_isolating(storage, batch)
                total.counts += result.counts
                total.refused += result.refused
                total.held.extend(result.held)
            if total.held:
                held = Spool.create(path.parent, "held")
                held.append(total.held)
                held.close()
                held_path = held.path
                logger.error(
                    "%(n)s record(s) of %(path)s refused by the database even as rejects are "
                    "kept in %(held)s",
                    {"n": len(total.held), "path": path, "held": held.path},
                )
            spool.remove()
        finally:
            spool.close()
        yield path, len(batches), total, held_path
