"""Downloader middlewares."""

from __future__ import annotations

from pathlib import Path

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import (
    RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware,
)
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from newscrawler.demo import content_type, file_for_url


class DemoReplayMiddleware:
    """Answers every request from the offline portal copies in ``NEWSCRAWLER_DEMO_DIR``, so the
    real spiders crawl the real portal URLs without any network traffic. A URL with no copy gets
    a 404; nothing is ever sent to the network while this middleware is on."""

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise NotConfigured(f"NEWSCRAWLER_DEMO_DIR={root} is not a folder")
        self.root = root

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DemoReplayMiddleware:
        root = crawler.settings.get("NEWSCRAWLER_DEMO_DIR")
        if not root:
            # The normal case, so no message: Scrapy logs a warning for NotConfigured("...").
            raise NotConfigured
        return cls(Path(root))

    def process_request(self, request: Request) -> Response:
        path = file_for_url(self.root, request.url)
        if path is None:
            return Response(request.url, status=404, request=request, body=b"")
        ctype = content_type(path)
        cls = HtmlResponse if ctype.startswith("text/html") else TextResponse
        return cls(
            request.url,
            status=200,
            headers={"Content-Type": ctype},
            body=path.read_bytes(),
            encoding="utf-8",
            request=request,
        )


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, obeyed by every request.

    In Scrapy 2.19 with the asyncio reactor, requests that wait for a host's robots.txt while it
    is being downloaded share one Deferred; the first waiter takes its result and the others get
    ``None``, which lets them through unchecked (the start requests of a portal, typically).
    The parser is stored on the middleware before the Deferred fires, so a waiter that got
    ``None`` reads it from there.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:
            stored = self._parsers.get(urlparse_cached(request).netloc)
            if not isinstance(stored, Deferred):
                return stored
        return parser
