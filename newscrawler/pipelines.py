"""Item pipelines: cleaning, validation with one drop reason per failure, then dedup."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawler.cleaning import clean_article
from newscrawler.dedup import DEFAULT_THRESHOLD, canonicalize_url
from newscrawler.dedup.store import CHANGED, EXACT, NEAR, NEW, UNCHANGED, DedupIndex
from newscrawler.items import Article
from newscrawler.signals import duplicate_found
from newscrawler.storage import open_for_crawl, open_storage
from newscrawler.storage.base import article_url

logger = logging.getLogger(__name__)


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


# --- dedup ----------------------------------------------------------------------------------------


class DuplicateArticle(DropItem):
    """Base of the dedup drops: not rejects (nothing is wrong with the page), so the rejects
    feed leaves them out; exact and near copies are recorded in the ``duplicates`` table."""

    store_article = False
    """Whether the storage should still see the article (a re-crawl of a stored page: its
    ``last_seen`` moves)."""


class DuplicateUrl(DuplicateArticle):
    """The page was met before, in this crawl or an earlier one, with the same text: nothing
    new to feed."""

    def __init__(self, message: str, *, store_article: bool) -> None:
        super().__init__(message, log_level="DEBUG")
        self.store_article = store_article


class ExactDuplicate(DuplicateArticle):
    """Another page has the same text (after normalisation)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="INFO")


class NearDuplicate(DuplicateArticle):
    """The text is mostly another page's: a syndicated copy, rewritten or cut
    (``NEWSCRAWLER_DEDUP_NEAR = "drop"``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="INFO")


#: What NEWSCRAWLER_DEDUP_NEAR may say.
NEAR_MODES = ("drop", "mark")


class DedupPipeline:
    """Gives every Article its story (``metadata.storyId``) and drops what repeats an article
    already met: the same page again with the same text, the same text elsewhere, and, unless
    ``NEWSCRAWLER_DEDUP_NEAR = "mark"``, near copies (kept then, with ``metadata.duplicateOf``
    and ``metadata.similarity``). Copies are recorded in the database's ``duplicates`` table.

    The dedup index is kept in ``NEWSCRAWLER_DATABASE_URL``, shared with every crawl on it;
    with no database, it lasts for the crawl."""

    def __init__(
        self,
        database_url: str,
        *,
        near: str = "drop",
        threshold: float | None = None,
        retry_interval: float = 30.0,
        crawler: Crawler | None = None,
    ) -> None:
        if near not in NEAR_MODES:
            raise ValueError(
                f'NEWSCRAWLER_DEDUP_NEAR is {near!r}: it is "drop" (near copies leave the '
                'feeds) or "mark" (they stay, with metadata.duplicateOf)'
            )
        self.database_url = database_url
        self.keep_near = near == "mark"
        self.threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(
                f"NEWSCRAWLER_DEDUP_THRESHOLD is {self.threshold}: it is above 0 and at most 1"
            )
        self.retry_interval = retry_interval
        self.crawler = crawler
        self.index: DedupIndex | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        settings = crawler.settings
        threshold = settings.get("NEWSCRAWLER_DEDUP_THRESHOLD")
        return cls(
            settings.get("NEWSCRAWLER_DATABASE_URL", ""),
            near=str(settings.get("NEWSCRAWLER_DEDUP_NEAR", "drop")).strip().lower(),
            threshold=None if threshold in (None, "") else float(threshold),
            retry_interval=settings.getfloat("NEWSCRAWLER_DB_RETRY_INTERVAL", 30.0),
            crawler=crawler,
        )

    def open_spider(self) -> None:
        storage = None
        if self.database_url:
            storage, _ = open_for_crawl(self.database_url, "DedupPipeline")
        self.index = DedupIndex(
            storage,
            reopen=lambda: open_storage(self.database_url),
            threshold=self.threshold,
            keep_near=self.keep_near,
            retry_interval=self.retry_interval,
        )
        if storage is None:
            logger.info("Dedup: no database, the dedup index lasts for this crawl only")
            return
        indexed = self.index.backfill()
        if indexed:
            logger.info("Dedup: indexed %(n)s articles stored before", {"n": indexed})

    def close_spider(self) -> None:
        if self.index is None:
            return
        left = self.index.close()
        if left:
            logger.error(
                "Dedup: %(n)s decision(s) made while the database was away could not be "
                "written to its dedup index; the next crawls will not know those pages",
                {"n": left},
            )
        self.index = None

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        assert self.index is not None, "open_spider was not called"
        url = article_url({"url": item.url, "canonicalUrl": item.canonicalUrl})
        decision = self.index.check(
            canonicalize_url(item.url, item.canonicalUrl), url, item.articleBody or item.headline
        )
        self._inc(decision.verdict)
        item.metadata["storyId"] = decision.story_id
        if decision.verdict in (NEW, CHANGED):
            return item
        if decision.verdict == UNCHANGED:
            raise DuplicateUrl(
                f"DedupPipeline: {url} was met before with the same text",
                store_article=decision.kept,
            )
        assert decision.duplicate_of is not None
        if self.crawler is not None:
            self.crawler.signals.send_catch_log(
                duplicate_found, url=url, duplicate_of=decision.duplicate_of,
                kind=decision.verdict, similarity=decision.similarity,
            )  # fmt: skip
        copy = f"{url} repeats {decision.duplicate_of}"
        if decision.verdict == EXACT:
            raise ExactDuplicate(f"DedupPipeline: exact copy: {copy}")
        assert decision.verdict == NEAR
        similarity = f"similarity {decision.similarity:.2f}"
        if not decision.kept:
            raise NearDuplicate(f"DedupPipeline: near copy ({similarity}): {copy}")
        item.metadata["duplicateOf"] = decision.duplicate_of
        item.metadata["similarity"] = decision.similarity
        logger.info("Near copy kept (%(similarity)s): %(copy)s",
                    {"similarity": similarity, "copy": copy})  # fmt: skip
        return item

    def _inc(self, verdict: str) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawler/dedup/{verdict}")
