"""Extensions: the rejects feed, so that nothing is dropped without a trace."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newscrawler import signals as nc_signals
from newscrawler.pipelines import DuplicateArticle

logger = logging.getLogger(__name__)


class RejectsFeed:
    """Writes every dropped item, and every page that failed extraction, with its reason to a
    JSON Lines file (``NEWSCRAWLER_REJECTS_URI``, a path with ``%(name)s`` and ``%(time)s``)."""

    def __init__(self, path_template: str, crawler: Crawler) -> None:
        self.path_template = path_template
        self.crawler = crawler
        self.path: Path | None = None
        self._file: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RejectsFeed:
        template = crawler.settings.get("NEWSCRAWLER_REJECTS_URI")
        if not template:
            raise NotConfigured("NEWSCRAWLER_REJECTS_URI is empty: no rejects feed")
        ext = cls(template, crawler)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.page_rejected, signal=nc_signals.page_rejected)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _open(self) -> IO[str]:
        if self._file is None:
            spider = self.crawler.spider
            now = datetime.now(UTC).replace(microsecond=0).isoformat().replace(":", "-")
            self.path = Path(self.path_template % {"name": getattr(spider, "name", "crawl"),
                                                   "time": now})  # fmt: skip
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("a", encoding="utf-8")
        return self._file

    def _write(self, record: dict[str, Any]) -> None:
        record["time"] = datetime.now(UTC).isoformat(timespec="seconds")
        self._open().write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newscrawler/rejects")

    def item_dropped(self, item: Any, response: Any, exception: BaseException,
                     spider: Spider | None = None) -> None:  # fmt: skip
        if isinstance(exception, DuplicateArticle):
            return  # not a reject: the dedup stage records copies in the database
        adapter = ItemAdapter(item) if ItemAdapter.is_item(item) else None
        self._write({
            "reason": type(exception).__name__,
            "message": str(exception),
            "url": adapter.get("url") if adapter else getattr(response, "url", None),
            "item": adapter.asdict() if adapter else repr(item),
        })  # fmt: skip

    def page_rejected(self, url: str, reason: str, message: str) -> None:
        self._write({"reason": reason, "message": message, "url": url, "item": None})

    def spider_closed(self, spider: Spider) -> None:
        if self._file is not None:
            self._file.close()
            logger.info("Rejected items and pages were written to %(path)s", {"path": self.path})
