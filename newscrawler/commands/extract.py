"""``scrapy extract FILE_OR_URL [--url URL]``: print the Article of one page as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from itemadapter import ItemAdapter
from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.http import Response, TextResponse
from w3lib.encoding import html_to_unicode
from w3lib.url import is_url

from newscrawler.cleaning import clean_article
from newscrawler.commands import QuietOutput
from newscrawler.extraction.article import ArticleExtractor
from newscrawler.items import Article
from newscrawler.portals import portal_for_url


def extract_article(
    html: str, url: str, *, now: datetime | None = None
) -> tuple[Article | None, ArticleExtractor]:
    """Extract and clean the article of a page, with the portal's extractor when ``url`` belongs
    to a known portal and the generic one otherwise, as a crawl would."""
    portal = portal_for_url(url)
    extractor = ArticleExtractor(
        html, url, selectors=portal.selectors if portal else None,
        site=portal.domain if portal else None,
    )  # fmt: skip
    article = extractor.extract(now=now)
    return (clean_article(article) if article else None), extractor


def article_json(article: Article) -> str:
    return json.dumps(ItemAdapter(article).asdict(), ensure_ascii=False, indent=2)


class Command(QuietOutput, ScrapyCommand):
    requires_project = False
    default_settings = {"LOG_LEVEL": "WARNING"}  # noqa: RUF012

    def syntax(self) -> str:
        return "[options] <file or url>"

    def short_desc(self) -> str:
        return "Print the Article extracted from one saved page or URL, as JSON"

    def long_desc(self) -> str:
        return (
            "Print the Article of one page as JSON, using the portal's extractor when the URL "
            "belongs to a known portal and the generic one otherwise. A saved page needs --url "
            "to say where it came from. Exits with 1 when the page is not an article."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the URL the saved page was served at")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one saved page or one URL")
        target = args[0]
        if is_url(target) and not Path(target).exists():
            self._run_url(target)
            return
        path = Path(target)
        if not path.is_file():
            raise UsageError(f"no such file: {target}")
        url = opts.url or path.resolve().as_uri()
        _, html = html_to_unicode(None, path.read_bytes())
        self._print(html, url)

    def _print(self, html: str, url: str) -> None:
        article, extractor = extract_article(html, url, now=datetime.now(UTC))
        if article is None:
            print(
                f"Not an article (probability {extractor.probability()}): {url}",
                file=sys.stderr,
            )
            self.exitcode = 1
            return
        print(article_json(article))

    def _run_url(self, url: str) -> None:
        command = self

        class _OnePage(scrapy.Spider):
            name = "extract"

            async def start(self) -> AsyncIterator[Any]:
                yield scrapy.Request(url, callback=self.parse, dont_filter=True)

            def parse(self, response: Response, **kwargs: Any) -> None:
                if not isinstance(response, TextResponse):
                    print(f"Not a text page: {response.url}", file=sys.stderr)
                    command.exitcode = 1
                    return
                command._print(response.text, response.url)

        assert self.crawler_process is not None
        self.crawler_process.crawl(_OnePage)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
