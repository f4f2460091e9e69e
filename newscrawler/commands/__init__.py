"""newscrawler's scrapy commands: crawl, demo, extract, export, db, replay_spool."""

from __future__ import annotations

import argparse
from typing import Any


class QuietOutput:
    """For commands whose output is their result: Scrapy's start-up log is kept to warnings and
    errors unless the operator asks for more with ``--loglevel`` or ``--logfile``.

    A mixin, not a ScrapyCommand subclass: Scrapy would list a subclass as a command of its own.
    """

    settings: Any

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)  # type: ignore[misc]
        if not opts.loglevel and not opts.logfile:
            self.settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
