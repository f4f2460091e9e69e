"""``scrapy demo``: crawl every portal's offline copy with the real spiders."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from scrapy.commands import ScrapyCommand

from newscrawler.demo import DEMO_DIR
from newscrawler.portals import PORTALS
from newscrawler.spiders.portal import SPIDERS

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
        started = time.time()
        for portal in PORTALS:
            self.crawler_process.crawl(SPIDERS[portal.name])
        self.crawler_process.start()
        feeds = sorted(
            p for p in Path("data/feeds").glob("*.jsonl") if p.stat().st_mtime >= started - 1
        )
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
        if seed is not None:
            print("\nThe seed article, as a consumer reads it:")
            print(json.dumps(seed, ensure_ascii=False, indent=2))
        if self.crawler_process.bootstrap_failed or not total:
            self.exitcode = 1
