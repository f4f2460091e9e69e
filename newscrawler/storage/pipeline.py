"""The storage pipeline: every Article, every dropped item and every duplicate of a crawl goes
to the database (``NEWSCRAWLER_DATABASE_URL``) in batches, one transaction each. A batch is
written when it is full (``NEWSCRAWLER_DB_BATCH_SIZE`` records) and, whatever it holds, every
``NEWSCRAWLER_DB_FLUSH_INTERVAL`` seconds: a slow crawl reaches the database (and the consumers
exporting from it) as it goes, and a crash loses little.

The crawl does not start when the database cannot be reached. When it goes away during the
crawl, batches are spooled to a local file (``NEWSCRAWLER_SPOOL_DIR``) and written when it is
back: each flush (of a full batch, or the periodic one) first tries to write the spooled
batches, at most every ``NEWSCRAWLER_DB_RETRY_INTERVAL`` seconds. What is still spooled at the
end of the crawl is written by ``scrapy replay_spool`` (:func:`replay_spool`).

A batch the database refuses for its data is no outage: it is split down to the records it
refuses, which are stored as ``StorageRejected`` rejects
(:func:`~newscrawler.storage.spool.write_isolating`), and the crawl's batches go on being written.
A record refused even as a reject is held in a spool file of its own (``…-held-….jsonl``), which
only ``scrapy replay_spool`` writes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet.interfaces import IReactorTime
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure

from newscrawler import signals as nc_signals
from newscrawler.items import Article
from newscrawler.pipelines import DuplicateArticle
from newscrawler.signals import duplicate_found
from newscrawler.storage import open_for_crawl, open_storage
from newscrawler.storage.base import (
    DATABASE_URL_SETTING,
    BatchCounts,
    Duplicate,
    Reject,
    Storage,
    StorageError,
    hide_password,
)
from newscrawler.storage.spool import (
    ReplayResult,
    Spool,
    SpooledBatch,
    replay_files,
    spool_files,
    write_isolating,
)

logger = logging.getLogger(__name__)

DEFAULT_DATABASE_URL = "sqlite:///data/newscrawler.db"


class StoragePipeline:
    """Stores Articles, rejects and duplicates in batches of ``batch_size`` records."""

    def __init__(
        self,
        url: str,
        *,
        batch_size: int = 500,
        spool_dir: str | Path = "data/spool",
        retry_interval: float = 30.0,
        flush_interval: float = 10.0,
        crawler: Crawler | None = None,
        opener: Callable[[str], Storage] = open_storage,
        clock: IReactorTime | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"NEWSCRAWLER_DB_BATCH_SIZE must be 1 or more, not {batch_size}")
        if flush_interval < 0:
            raise ValueError(
                "NEWSCRAWLER_DB_FLUSH_INTERVAL must be 0 (off) or more seconds, "
                f"not {flush_interval}"
            )
        self.url = url
        self.batch_size = batch_size
        self.spool_dir = Path(spool_dir)
        self.retry_interval = retry_interval
        self.flush_interval = flush_interval
        self.crawler = crawler
        self.opener = opener
        #: What times the periodic flush (the reactor, unless a test gives a clock).
        self.clock = clock
        self._flusher: LoopingCall | None = None
        self.storage: Storage | None = None
        self.spool: Spool | None = None
        #: Records the database refused even as rejects (the crawl does not write them back).
        self.held: Spool | None = None
        self._articles: list[dict[str, Any]] = []
        self._rejects: list[Reject] = []
        self._duplicates: list[Duplicate] = []
        #: time.monotonic() before which no reconnection is tried, after a failure
        self.retry_at = 0.0
        self._outage_logged = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        settings = crawler.settings
        url = settings.get(DATABASE_URL_SETTING, DEFAULT_DATABASE_URL)
        if not url:
            raise NotConfigured(f"{DATABASE_URL_SETTING} is empty: nothing is stored")
        pipeline = cls(
            url,
            batch_size=settings.getint("NEWSCRAWLER_DB_BATCH_SIZE", 500),
            spool_dir=settings.get("NEWSCRAWLER_SPOOL_DIR", "data/spool"),
            retry_interval=settings.getfloat("NEWSCRAWLER_DB_RETRY_INTERVAL", 30.0),
            flush_interval=settings.getfloat("NEWSCRAWLER_DB_FLUSH_INTERVAL", 10.0),
            crawler=crawler,
        )
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.page_rejected, signal=nc_signals.page_rejected)
        crawler.signals.connect(pipeline.record_duplicate, signal=duplicate_found)
        return pipeline

    # --- the crawl ------------------------------------------------------------------------------

    def open_spider(self) -> None:
        """Connect and migrate; refuse to start the crawl when the database is out of reach."""
        self.storage, version = open_for_crawl(self.url, "StoragePipeline", self.opener)
        logger.info(
            "Storing articles in %(url)s (schema version %(version)s)",
            {"url": self.storage.display_url, "version": version},
        )
        if self.flush_interval:
            self._start_flusher()
        waiting = [p for p in spool_files(self.spool_dir) if p.stat().st_size]
        if waiting:
            logger.warning(
                "%(n)s spool file(s) of earlier crawls wait in %(dir)s: run `scrapy "
                "replay_spool` to store them",
                {"n": len(waiting), "dir": self.spool_dir},
            )

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article):
            data = ItemAdapter(item).asdict()
            metadata = data.setdefault("metadata", {})
            # When it was seen, kept if the item is spooled and written later.
            metadata.setdefault("dateDownloaded", _now_iso())
            self._articles.append(data)
            self._maybe_flush()
        return item

    def close_spider(self) -> None:
        if self._flusher is not None:
            if self._flusher.running:
                self._flusher.stop()
            self._flusher = None
        self.flush()
        if self.spool is not None and self.storage is None:
            self.retry_at = 0.0  # one last try
            self._drain_spool()
        if self.spool is not None:
            batches = self.spool.batches()
            logger.error(
                "StoragePipeline: %(batches)s batch(es), %(articles)s article(s), could not be "
                "written to %(url)s and wait in %(path)s: run `scrapy replay_spool` when the "
                "database is back",
                {"batches": len(batches), "articles": sum(len(b.articles) for b in batches),
                 "url": hide_password(self.url), "path": self.spool.path},
            )  # fmt: skip
            self.spool.close()
        if self.held is not None:
            logger.error(
                "StoragePipeline: %(n)s record(s) refused by %(url)s even as rejects are kept "
                "in %(path)s: run `scrapy replay_spool` once the cause is fixed",
                {"n": sum(len(b) for b in self.held.batches()), "url": hide_password(self.url),
                 "path": self.held.path},
            )  # fmt: skip
            self.held.close()
        if self.storage is not None:
            self.storage.close()
            self.storage = None

    # --- what else the crawl meets -----------------------------------------------------------

    def item_dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Any = None,
        spider: Spider | None = None,
    ) -> None:
        """Store a dropped item with the drop's class name as reason. A duplicate is no reject:
        the dedup stage records it, and the storage only notes that a page it holds was seen
        again."""
        if isinstance(exception, DuplicateArticle):
            if exception.store_article and isinstance(item, Article):
                self.process_item(item)
            return
        adapter = ItemAdapter(item) if ItemAdapter.is_item(item) else None
        self._rejects.append(
            Reject(
                url=adapter.get("url") if adapter else getattr(response, "url", None),
                reason=type(exception).__name__,
                message=str(exception),
                item=adapter.asdict() if adapter else {"repr": repr(item)},
            )
        )
        self._maybe_flush()

    def page_rejected(self, url: str, reason: str, message: str) -> None:
        """Store a page that should have given an article and could not be read."""
        self._rejects.append(Reject(url=url, reason=reason, message=message))
        self._maybe_flush()

    def record_duplicate(
        self, url: str, duplicate_of: str, kind: str, similarity: float | None = None
    ) -> None:
        """Store a duplicate found by the dedup stage (also the :data:`duplicate_found`
        signal's handler)."""
        self._duplicates.append(Duplicate(url, duplicate_of, kind, similarity))
        self._maybe_flush()

    # --- batches ------------------------------------------------------------------------------

    def _start_flusher(self) -> None:
        if self.clock is None:
            from twisted.internet import reactor  # the one the crawl runs on

            self.clock = reactor  # type: ignore[assignment]
        self._flusher = LoopingCall(self._flush_buffered)
        self._flusher.clock = self.clock
        self._flusher.start(self.flush_interval, now=False).addErrback(self._flusher_failed)

    def _flush_buffered(self) -> None:
        """The periodic flush: write what waits, buffered or spooled."""
        if self._articles or self._rejects or self._duplicates or self.spool is not None:
            self.flush()

    def _flusher_failed(self, failure: Failure) -> None:
        logger.error(
            "StoragePipeline: the periodic flush stopped, batches are written when full: %(error)s",
            {"error": failure.getErrorMessage()},
            exc_info=(failure.type, failure.value, failure.getTracebackObject()),
        )

    def _maybe_flush(self) -> None:
        if len(self._articles) + len(self._rejects) + len(self._duplicates) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write what is buffered (spooled batches first), or spool it."""
        batch = SpooledBatch(self._articles, self._rejects, self._duplicates)
        self._articles, self._rejects, self._duplicates = [], [], []
        drained = self._drain_spool()
        if not batch:
            return
        if not (drained and self._write(batch)):
            self._spool(batch)

    def _write(self, batch: SpooledBatch) -> bool:
        if self.storage is None:
            if time.monotonic() < self.retry_at:
                return False
            try:
                self.storage = self.opener(self.url)
            except StorageError as exc:
                self._failed(exc)
                return False
        try:
            result = write_isolating(self.storage, batch)
        except StorageError as exc:
            self._failed(exc)
            return False
        self._count(result.counts)
        if result.refused:
            self._inc("newscrawler/storage/refused", result.refused)
        if result.held:
            self._hold(result.held)
        if self._outage_logged:
            logger.info("The database %(url)s is back", {"url": hide_password(self.url)})
            self._outage_logged = False
        return True

    def _failed(self, exc: StorageError) -> None:
        if not self._outage_logged:
            logger.warning(
                "StoragePipeline: cannot write to the database (%(error)s): spooling batches to "
                "%(dir)s, trying again every %(interval)s s",
                {"error": exc, "dir": self.spool_dir, "interval": self.retry_interval},
            )
            self._outage_logged = True
        if self.storage is not None:
            self.storage.close()
            self.storage = None
        self.retry_at = time.monotonic() + self.retry_interval
        self._inc("newscrawler/storage/failures")

    def _spool_name(self) -> str:
        spider = getattr(self.crawler, "spider", None)
        return getattr(spider, "name", None) or "crawl"

    def _hold(self, batch: SpooledBatch) -> None:
        self._inc("newscrawler/storage/records_held", len(batch))
        try:
            if self.held is None:
                self.held = Spool.create(self.spool_dir, f"{self._spool_name()}-held")
            self.held.append(batch)
        except (OSError, TypeError, ValueError) as exc:  # no disk, or not even JSON
            logger.error(
                "StoragePipeline: cannot keep record(s) the database refused in the spool "
                "(%(error)s); here they are: %(batch)r",
                {"error": exc, "batch": batch},
            )

    def _spool(self, batch: SpooledBatch) -> None:
        if self.spool is None:
            self.spool = Spool.create(self.spool_dir, self._spool_name())
        self.spool.append(batch)
        self._inc("newscrawler/storage/batches_spooled")
        self._inc("newscrawler/storage/records_spooled", len(batch))

    def _drain_spool(self) -> bool:
        """Write the spooled batches, if any; True when none is left."""
        if self.spool is None:
            return True
        for batch in self.spool.batches():
            if not self._write(batch):
                return False
            self._inc("newscrawler/storage/batches_replayed")
        self.spool.remove()
        self.spool = None
        return True

    # --- stats --------------------------------------------------------------------------------

    def _count(self, counts: BatchCounts) -> None:
        self._inc("newscrawler/storage/batches")
        for name in ("inserted", "updated", "unchanged", "older", "rejects", "duplicates"):
            if value := getattr(counts, name):
                self._inc(f"newscrawler/storage/{name}", value)

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key, count)


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def replay_spool(url: str, spool_dir: str | Path) -> ReplayResult:
    """Write every spool file of ``spool_dir`` that no running crawl holds to the database of
    ``url`` (migrating it first), removing each file once all its batches are committed."""
    result = ReplayResult()
    with open_storage(url) as storage:
        storage.migrate()
        for path, batches, written, held in replay_files(storage, spool_files(spool_dir)):
            if batches < 0:
                result.busy.append(path)
                continue
            result.files.append(path)
            result.batches += batches
            result.counts += written.counts
            result.refused += written.refused
            if held is not None:
                result.held.append(held)
    return result
