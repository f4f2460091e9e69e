"""Item pipelines: cleaning, then validation with one drop reason per failure."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawler.cleaning import clean_article
from newscrawler.items import Article


class CleaningPipeline:
    """Normalises the text and URLs of every Article (see :mod:`newscrawler.cleaning`)."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article):
            clean_article(item)
        return item


class InvalidArticle(DropItem):
    """Base of the validation drops; Scrapy counts each subclass separately."""


class MissingUrl(InvalidArticle):
    """The item has no URL."""


class MissingHeadline(InvalidArticle):
    """The item has no headline."""


class MissingDatePublished(InvalidArticle):
    """No publication date could be read from the page."""


class BodyTooShort(InvalidArticle):
    """The article body is shorter than ``NEWSCRAWLER_MIN_BODY_CHARS``."""


class ValidationPipeline:
    """Drops items that lack what consumers rely on, each for its own reason."""

    def __init__(self, min_body_chars: int = 300) -> None:
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(min_body_chars=crawler.settings.getint("NEWSCRAWLER_MIN_BODY_CHARS", 300))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        where = item.url or "an item without URL"
        if not item.url:
            raise MissingUrl("ValidationPipeline: the item has no url")
        if not item.headline:
            raise MissingHeadline(f"ValidationPipeline: no headline in {where}")
        if not item.datePublished:
            raise MissingDatePublished(f"ValidationPipeline: no datePublished in {where}")
        length = len(item.articleBody or "")
        if length < self.min_body_chars:
            raise BodyTooShort(
                f"ValidationPipeline: body of {where} has {length} characters, fewer than "
                f"NEWSCRAWLER_MIN_BODY_CHARS={self.min_body_chars}"
            )
        return item
