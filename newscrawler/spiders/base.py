"""What every newscrawler spider shares: the operator's arguments, article parsing, stats."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse
from w3lib.url import safe_url_string

from newscrawler import signals
from newscrawler.dates import VN_TZ
from newscrawler.dedup.canonical import strip_tracking
from newscrawler.extraction.article import ArticleExtractor
from newscrawler.items import Article
from newscrawler.portals import Portal

logger = logging.getLogger(__name__)

_URL_MONTH_RE = re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])/")
#: File types never worth downloading while looking for articles.
_ASSET_RE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|bmp|tiff?|pdf|docx?|xlsx?|pptx?|zip|rar|7z|mp[34]|m4a|wav|"
    r"avi|mov|flv|wmv|webm|css|js|json|woff2?|ttf|eot|apk|exe)$",
    re.IGNORECASE,
)


def _positive_int(value: Any, argument: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise ValueError(f"-a {argument}=N takes a whole number of 1 or more, got {value!r}")
    return number


def _since(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(
            f"-a since=YYYY-MM-DD takes a date like 2023-01-31, got {value!r}"
        ) from None


class NewsSpider(scrapy.Spider):
    """Base of the portal spiders and of the generic spider.

    Arguments: ``-a limit=N`` stops after N articles; ``-a since=YYYY-MM-DD`` ignores articles
    published before that day (Vietnam time).
    """

    portal: ClassVar[Portal | None] = None

    def __init__(self, *args: Any, limit: Any = None, since: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit = _positive_int(limit, "limit")
        self.since = _since(since)
        self._articles = 0  # yielded and not dropped, for -a limit

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._item_dropped, signal=scrapy.signals.item_dropped)
        return spider

    def _item_dropped(self, item: Any) -> None:
        if isinstance(item, Article):
            self._articles -= 1

    # --- helpers for subclasses ----------------------------------------------------------------

    def _check_limit(self) -> None:
        if self.limit and self._articles >= self.limit:
            raise CloseSpider("limit")

    def _too_old_by_url(self, url: str) -> bool:
        """Articles whose URL carries a month before ``since`` need not be downloaded."""
        if not self.since:
            return False
        match = _URL_MONTH_RE.search(urlsplit(url).path)
        return bool(match) and (int(match[1]), int(match[2])) < (self.since.year, self.since.month)

    def links(self, response: Response) -> Iterator[str]:
        """Absolute URLs of the page's links, without fragments and assets."""
        if not isinstance(response, TextResponse):
            return
        seen: set[str] = set()
        for href in response.xpath("//a/@href").getall():
            href = href.strip()
            if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
                continue
            url = strip_tracking(safe_url_string(response.urljoin(href)))
            if url in seen or _ASSET_RE.search(urlsplit(url).path):
                continue
            seen.add(url)
            yield url

    def extractor(self, response: TextResponse) -> ArticleExtractor:
        portal = self.portal
        return ArticleExtractor(
            response.selector,
            response.url,
            selectors=portal.selectors if portal else None,
            site=portal.domain if portal else None,
        )

    def parse_article(self, response: Response) -> Iterator[Article]:
        """Extract the article of a page; pages that are not articles are counted, not lost."""
        stats = self.crawler.stats
        assert stats is not None
        self._check_limit()
        if not isinstance(response, TextResponse):
            stats.inc_value("newscrawler/pages/not_html")
            return
        try:
            article = self.extractor(response).extract(now=datetime.now(UTC))
        except Exception as exc:
            stats.inc_value("newscrawler/pages/extraction_error")
            logger.exception(
                "Extraction failed on %(url)s", {"url": response.url}, extra={"spider": self}
            )
            self.crawler.signals.send_catch_log(
                signals.page_rejected, url=response.url, reason="ExtractionError",
                message=repr(exc),
            )  # fmt: skip
            return
        if article is None:
            stats.inc_value("newscrawler/pages/not_article")
            logger.debug("Not an article: %(url)s", {"url": response.url})
            return
        if self.since and article.datePublished:
            published = datetime.fromisoformat(article.datePublished).astimezone(VN_TZ).date()
            if published < self.since:
                stats.inc_value("newscrawler/articles/older_than_since")
                return
        stats.inc_value("newscrawler/articles/extracted")
        article.metadata["spider"] = self.name
        self._articles += 1
        yield article
