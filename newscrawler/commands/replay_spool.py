"""``scrapy replay_spool``: write the batches a crawl spooled while the database was away."""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand

from newscrawler.commands import QuietOutput
from newscrawler.storage.base import DATABASE_URL_SETTING, StorageError, hide_password
from newscrawler.storage.pipeline import DEFAULT_DATABASE_URL, replay_spool


class Command(QuietOutput, ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_LEVEL": "WARNING"}  # noqa: RUF012

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Write spooled batches (NEWSCRAWLER_SPOOL_DIR) to the database, then remove them"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help=f"database URL (default: {DATABASE_URL_SETTING})")
        parser.add_argument("--spool-dir", help="spool folder (default: NEWSCRAWLER_SPOOL_DIR)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        url = opts.url or self.settings.get(DATABASE_URL_SETTING) or DEFAULT_DATABASE_URL
        spool_dir = opts.spool_dir or self.settings.get("NEWSCRAWLER_SPOOL_DIR", "data/spool")
        try:
            result = replay_spool(url, spool_dir)
        except StorageError as exc:
            print(f"replay_spool: nothing written: {exc}")
            self.exitcode = 1
            return
        for path in result.files:
            print(f"written and removed: {path}")
        for path in result.busy:
            print(f"left alone, a running crawl holds it: {path}")
        c = result.counts
        print(
            f"{len(result.files)} file(s), {result.batches} batch(es) written to "
            f"{hide_password(url)}: {c.inserted} new, {c.updated} changed, {c.unchanged} "
            f"unchanged, {c.older} older article(s), {c.rejects} reject(s), "
            f"{c.duplicates} duplicate(s)"
        )
        if result.refused:
            print(f"{result.refused} record(s) refused by the database: stored as StorageRejected "
                  "rejects")  # fmt: skip
        for path in result.held:
            print(f"records refused even as rejects are kept in: {path}")
            self.exitcode = 1
