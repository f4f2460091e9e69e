"""``scrapy crawl``, where ``-o`` / ``-O`` replace the default feed instead of adding to it."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand


class Command(ScrapyCrawlCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        if opts.output or opts.overwrite_output:
            # The operator chose where the items go: data/feeds/ gets no copy.
            assert self.settings is not None
            self.settings.set("FEEDS", {}, priority="project")
        super().process_options(args, opts)
