"""``scrapy demo``: crawl every portal's offline copy with the real spiders."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.crawler import Crawler
from twisted.internet.defer import Deferred

from newscrawler.demo import DEMO_DIR
from newscrawler.portals import PORTALS
from newscrawler.spiders.portal import SPIDERS
from newscrawler.storage import StorageError, open_storage

#: The story the project started from; the demo prints its item.
SEED_URL = (
    "https://tuyenquangtv.vn/tin-moi/202212/ttv-hoi-nghi-toan-quoc-tong-ket-cong-tac-to-chuc-xay"
    "-dung-dang-nam-2022-trien-khai-nhiem-vu-nam-2023-92a4a03/"
)


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {  # noqa: RUF012
        # Nothing leaves the machine: the copies answer every request, so no need to wait.
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "LOG_LEVEL": "INFO",
    }

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Crawl the offline copies of the portals in data/demo/ into data/feeds/"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--demo-dir", default=str(DEMO_DIR), help="folder of portal copies")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None and self.crawler_process is not None
        self.settings.set("NEWSCRAWLER_DEMO_DIR", opts.demo_dir, priority="cmdline")
        started = datetime.now(UTC)
        before = _feed_files()
        # One portal after the other, in PORTALS order: a story's first copy, the one the feeds
        # keep, is then always the same (the seed, on tuyenquangtv.vn).
        crawlers = [self.crawler_process.create_crawler(SPIDERS[p.name]) for p in PORTALS]
        self._crawl_in_turn(crawlers)
        self.crawler_process.start()
        # This run's feeds: the files it created or rewrote (an earlier run's feed may be only
        # a moment older, or carry the same name when it ran in the same second).
        feeds = sorted(path for path, state in _feed_files().items() if before.get(path) != state)
        total, seed = 0, None
        print("\nFeeds written:")
        for feed in feeds:
            lines = feed.read_text(encoding="utf-8").splitlines()
            total += len(lines)
            print(f"  {feed}  ({len(lines)} articles)")
            for line in lines:
                item = json.loads(line)
                if item.get("url") == SEED_URL:
                    seed = item
        print(f"{total} articles from {len(feeds)} portals.")
        unchanged = sum(_stat(c, "newscrawler/dedup/unchanged") for c in crawlers)
        if unchanged:
            print(f"{unchanged} articles met again unchanged since an earlier run: not fed again.")
        self._print_copies(started)
        if seed is not None:
            print("\nThe seed article, as a consumer reads it:")
            print(json.dumps(seed, ensure_ascii=False, indent=2))
        if self.crawler_process.bootstrap_failed or not (total or unchanged):
            self.exitcode = 1

    def _crawl_in_turn(self, crawlers: list[Crawler]) -> None:
        """Start the first crawl, and each of the others when the one before has ended."""
        assert self.crawler_process is not None
        if not crawlers:
            return
        running = self.crawler_process.crawl(crawlers[0])
        if isinstance(running, Deferred):
            running.addBoth(lambda _: self._crawl_in_turn(crawlers[1:]))
        else:
            running.add_done_callback(lambda _: self._crawl_in_turn(crawlers[1:]))

    def _print_copies(self, since: datetime) -> None:
        """List the copies of stories the crawl found (from the database)."""
        assert self.settings is not None
        url = self.settings.get("NEWSCRAWLER_DATABASE_URL")
        if not url:
            return
        try:
            with open_storage(url) as storage:
                copies = list(storage.iter_duplicates(since=since))
        except StorageError as exc:
            print(f"(cannot list the copies found: {exc})")
            return
        if copies:
            print(f"\nCopies of stories already met, left out of the feeds: {len(copies)}")
        for copy in copies:
            print(f"  {copy.url}\n    repeats {copy.duplicate_of} ({copy.kind}, similarity "
                  f"{copy.similarity:.2f})")  # fmt: skip


def _stat(crawler: Crawler, key: str) -> int:
    return int(crawler.stats.get_value(key, 0)) if crawler.stats is not None else 0


def _feed_files() -> dict[Path, tuple[int, int]]:
    """The JSON Lines feeds in data/feeds/, with their modification time and size."""
    states = {}
    for path in Path("data/feeds").glob("*.jsonl"):
        stat = path.stat()
        states[path] = (stat.st_mtime_ns, stat.st_size)
    return states
