"""One spider per portal, made from the declarations in :mod:`newscrawler.portals`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from newscrawler.portals import PORTALS, Portal
from newscrawler.spiders.base import NewsSpider


class PortalSpider(NewsSpider):
    """Crawls one portal: home and section pages, their pagination, and the article pages.

    ``-a base_url=http://127.0.0.1:8000`` crawls a copy of the portal served at another address
    (the tests do); the URL patterns are matched on the path, so nothing else changes.
    """

    portal: Portal

    def __init__(self, *args: Any, base_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base_url = base_url.rstrip("/") if base_url else None
        hosts = list(self.portal.hosts)
        if self.base_url:
            host = urlsplit(self.base_url).hostname
            if not host:
                raise ValueError(
                    f"-a base_url takes a URL like http://127.0.0.1:8000, got {base_url!r}"
                )
            hosts.append(host)
        self.allowed_domains = hosts
        # Links are followed on the crawled host only: not on epaper.HOST or other subdomains.
        self.follow_hosts = frozenset(hosts[-1:] if self.base_url else self.portal.hosts)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.portal.start_urls(self.base_url):
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        """A listing page: follow its articles and the other listing pages."""
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("newscrawler/pages/listing")
        for url in self.links(response):
            if urlsplit(url).hostname not in self.follow_hosts:
                continue
            if self.portal.is_article_url(url):
                if self._too_old_by_url(url):
                    stats.inc_value("newscrawler/articles/skipped_by_url_date")
                    continue
                yield scrapy.Request(url, callback=self.parse_article, priority=1)
            elif self.portal.is_listing_url(url):
                yield scrapy.Request(url, callback=self.parse)


def _spider_class(portal: Portal) -> type[PortalSpider]:
    return type(
        f"{portal.name.capitalize()}Spider",
        (PortalSpider,),
        {
            "name": portal.name,
            "portal": portal,
            "__module__": __name__,
            "__doc__": f"Crawls {portal.domain} ({', '.join(f.name for f in portal.families)}).",
        },
    )


SPIDERS: dict[str, type[PortalSpider]] = {p.name: _spider_class(p) for p in PORTALS}
globals().update({cls.__name__: cls for cls in SPIDERS.values()})
