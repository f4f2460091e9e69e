"""``scrapy crawl generic -a start_url=URL``: any news portal, no declaration needed."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from newscrawler.extraction.article import NON_ARTICLE_PATH_RE
from newscrawler.items import Article
from newscrawler.portals import looks_like_article_url
from newscrawler.spiders.base import NewsSpider

_NEVER_RE = re.compile(
    r"/(?:dang-nhap|dang-ky|login|logout|register|signin|cart|gio-hang|print|in-bai|share"
    r"|sitemap|feed|rss|admin)(?:/|$|[-.?])",
    re.IGNORECASE,
)


class GenericSpider(NewsSpider):
    """Crawls any news portal from one or several start URLs (comma-separated), staying on their
    hosts: it follows section and article links, recognises article pages by their markup (URL
    families, ``og:type``, JSON-LD, text density) and skips listing, tag, video and gallery pages.
    """

    name = "generic"
    custom_settings: ClassVar[dict[str, Any]] = {"DEPTH_LIMIT": 4}

    def __init__(self, *args: Any, start_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        urls = [u.strip() for u in re.split(r"[,\s]+", start_url or "") if u.strip()]
        if not urls:
            raise ValueError(
                "The generic spider needs a start page: scrapy crawl generic -a start_url=URL "
                "(several URLs separated by commas)"
            )
        for url in urls:
            if not urlsplit(url).hostname or urlsplit(url).scheme not in ("http", "https"):
                raise ValueError(f"-a start_url takes http(s) URLs, got {url!r}")
        self.start_urls = urls
        self.allowed_domains = sorted({urlsplit(u).hostname or "" for u in urls})
        # Links are followed on these hosts only, not on their subdomains (epaper., m.).
        self.follow_hosts = frozenset(
            h for host in self.allowed_domains for h in (host, host.removeprefix("www."),
                                                         "www." + host.removeprefix("www."))
        )  # fmt: skip

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Article | scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        path = urlsplit(response.url).path
        is_article = False
        if path not in ("", "/") and not NON_ARTICLE_PATH_RE.search(path):
            for article in self.parse_article(response):
                is_article = True
                yield article
        if not is_article:
            self.crawler.stats.inc_value("newscrawler/pages/listing")  # type: ignore[union-attr]
        for url in self.links(response):
            if urlsplit(url).hostname not in self.follow_hosts:
                continue
            link_path = urlsplit(url).path
            if NON_ARTICLE_PATH_RE.search(link_path) or _NEVER_RE.search(link_path):
                continue
            if looks_like_article_url(url):
                if not self._too_old_by_url(url):
                    yield scrapy.Request(url, callback=self.parse, priority=1)
            elif not is_article and link_path.count("/") <= 3:
                # Sections and their pagination, from listing pages only.
                yield scrapy.Request(url, callback=self.parse)
