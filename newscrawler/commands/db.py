"""``scrapy db``: which database the crawl uses, its schema version and what it holds."""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand

from newscrawler.commands import QuietOutput
from newscrawler.storage import open_storage
from newscrawler.storage.base import DATABASE_URL_SETTING, StorageError, hide_password
from newscrawler.storage.pipeline import DEFAULT_DATABASE_URL


def latest_version(url: str) -> int:
    """The schema version this newscrawler migrates ``url``'s kind of database to."""
    if url.startswith("sqlite:"):
        from newscrawler.storage.sqlite import LATEST_VERSION
    else:
        from newscrawler.storage.postgres import LATEST_VERSION
    return LATEST_VERSION


class Command(QuietOutput, ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_LEVEL": "WARNING"}  # noqa: RUF012

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Show the database (NEWSCRAWLER_DATABASE_URL): schema version and row counts"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help=f"database URL (default: {DATABASE_URL_SETTING})")
        parser.add_argument(
            "--migrate", action="store_true", help="create or upgrade the schema first"
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        url = opts.url or self.settings.get(DATABASE_URL_SETTING) or DEFAULT_DATABASE_URL
        print(f"database: {hide_password(url)}")
        try:
            with open_storage(url) as storage:
                if opts.migrate:
                    storage.migrate()
                version, latest = storage.schema_version(), latest_version(url)
                note = "" if version == latest else f" (this newscrawler migrates to {latest})"
                print(f"schema version: {version}{note}")
                for table, count in storage.count_rows().items():
                    print(f"{table}: {count}")
        except StorageError as exc:
            print(f"error: {exc}")
            self.exitcode = 1
