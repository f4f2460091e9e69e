"""``scrapy export``: write the stored articles as JSON Lines, JSON, CSV, Atom or RSS, for
consumers that poll with a state file."""

from __future__ import annotations

import argparse
import os
import sys

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawler.commands import QuietOutput
from newscrawler.export import (
    FORMATS,
    ExportError,
    format_for,
    parse_cursor,
    parse_since,
    run_export,
)
from newscrawler.storage.base import DATABASE_URL_SETTING, hide_password
from newscrawler.storage.pipeline import DEFAULT_DATABASE_URL


class Command(QuietOutput, ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_LEVEL": "WARNING"}  # noqa: RUF012

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Export stored articles (JSON Lines, JSON, CSV, Atom, RSS), resumable by cursor"

    def long_desc(self) -> str:
        return (
            "Write the current articles of the database (NEWSCRAWLER_DATABASE_URL) in cursor "
            "order, to stdout or a file. With --state FILE, each run exports what was added or "
            "changed since the last successful run with the same FILE, and then keeps the new "
            "last cursor in it. A one-line summary goes to stderr."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "-o", "--output", metavar="FILE",
            help="write to FILE (replaced once the export succeeded) instead of stdout",
        )  # fmt: skip
        parser.add_argument(
            "--format", dest="export_format", metavar="FORMAT",
            help=f"{' | '.join(FORMATS)} (default: from the extension of -o, else jsonl)",
        )  # fmt: skip
        parser.add_argument("--database", metavar="URL",
                            help=f"database URL (default: {DATABASE_URL_SETTING})")  # fmt: skip
        parser.add_argument("--site", metavar="HOST", help="only this portal (baotayninh.vn)")
        parser.add_argument("--section", metavar="NAME", help="only this section (Chính trị)")
        parser.add_argument(
            "--since", metavar="YYYY-MM-DD",
            help="only articles published on or after this day (Vietnam time)",
        )  # fmt: skip
        parser.add_argument(
            "--after", metavar="CURSOR", help="only articles added or changed after this cursor"
        )
        parser.add_argument(
            "--state", metavar="FILE",
            help="read the cursor to start after from FILE (none: from the beginning) and keep "
            "the new one there after a successful export",
        )  # fmt: skip

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if args:
            raise UsageError(f"unexpected argument(s): {' '.join(args)}")
        if opts.after is not None and opts.state is not None:
            raise UsageError("give --after or --state, not both")
        try:
            fmt = format_for(opts.export_format, opts.output)
            since = parse_since(opts.since) if opts.since is not None else None
            after = parse_cursor(opts.after) if opts.after is not None else None
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        url = opts.database or self.settings.get(DATABASE_URL_SETTING) or DEFAULT_DATABASE_URL
        try:
            result = run_export(
                url, output=opts.output, fmt=fmt, site=opts.site, section=opts.section,
                since=since, after=after, state=opts.state,
            )  # fmt: skip
        except ExportError as exc:
            if isinstance(exc.__cause__, BrokenPipeError) or "Broken pipe" in str(exc):
                # The reader went away (`| head`): no traceback when Python flushes stdout.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            print(f"export: error: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        where = opts.output if opts.output and opts.output != "-" else "stdout"
        print(
            f"export: {result.articles} article(s) from {hide_password(url)} to {where} "
            f"({fmt}), last cursor {result.cursor}"
            + (f" (kept in {opts.state})" if opts.state else ""),
            file=sys.stderr,
        )
