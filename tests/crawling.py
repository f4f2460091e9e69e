"""Running a spider in the test process, with the project's settings, and collecting its items."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

import newscrawler.settings as project_settings


class LoopbackOnly:
    """Refuses, and records, any request to a host that is not on this machine: a crawl test
    never sends traffic anywhere else."""

    refused: ClassVar[list[str]] = []

    def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        if host not in ("127.0.0.1", "localhost", "::1"):
            self.refused.append(request.url)
            raise IgnoreRequest(f"test crawls stay on 127.0.0.1, not {request.url}")


def settings_for_tests(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    settings = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    settings.update(
        FEEDS={},
        NEWSCRAWLER_REJECTS_URI=str(tmp_path / "rejects" / "%(name)s.jsonl"),
        AUTOTHROTTLE_ENABLED=False,
        DOWNLOAD_DELAY=0,
        LOG_LEVEL="INFO",
        TELNETCONSOLE_ENABLED=False,
        NEWSCRAWLER_DATABASE_URL=f"sqlite:///{tmp_path}/newscrawler.db",
        NEWSCRAWLER_SPOOL_DIR=str(tmp_path / "spool"),
        DOWNLOADER_MIDDLEWARES={
            **project_settings.DOWNLOADER_MIDDLEWARES,
            "tests.crawling.LoopbackOnly": 1,
        },
    )
    settings.update(overrides)
    return settings


@dataclass
class CrawlResult:
    crawler: Crawler
    items: list[Any] = field(default_factory=list)
    dropped: list[tuple[Any, BaseException]] = field(default_factory=list)

    def stat(self, key: str, default: Any = 0) -> Any:
        assert self.crawler.stats is not None
        return self.crawler.stats.get_value(key, default)


async def run_spider(
    spidercls: type[Spider], settings: dict[str, Any], **spider_kwargs: Any
) -> CrawlResult:
    crawler = get_crawler(spidercls, settings_dict=settings)
    result = CrawlResult(crawler)
    LoopbackOnly.refused.clear()

    def scraped(item: Any) -> None:
        result.items.append(item)

    def dropped(item: Any, exception: BaseException) -> None:
        result.dropped.append((item, exception))

    crawler.signals.connect(scraped, signal=signals.item_scraped)
    crawler.signals.connect(dropped, signal=signals.item_dropped)
    await crawler.crawl(**spider_kwargs)
    assert not LoopbackOnly.refused, f"the crawl tried to leave 127.0.0.1: {LoopbackOnly.refused}"
    return result
