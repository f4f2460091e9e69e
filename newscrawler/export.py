"""Export of stored articles for consumers: JSON Lines, JSON, CSV, Atom or RSS 2.0, streamed.

:func:`write_articles` writes the rows of ``Storage.iter_articles`` to a binary stream as they
come, in constant memory: JSON Lines lines are the stored UTF-8 JSON bytes as they are, the other
formats parse one item at a time. :func:`run_export` adds what the ``scrapy export`` command needs
around it: the database, a file written to a temporary file and renamed on success (or stdout),
and a state file holding the last cursor, replaced only after a successful export, so that a
consumer polling with it gets every new or changed article once, in order.

>>> import io
>>> with open_storage("sqlite:///:memory:") as storage:
...     storage.migrate()
...     _ = storage.write_batch([{"url": "https://baotayninh.vn/a1.html", "headline": "Khát vọng"}])
...     out = io.BytesIO()
...     write_articles(storage, out, "csv")
4
ExportResult(articles=1, cursor=1)
>>> out.getvalue().decode("utf-8").splitlines()[1]
'https://baotayninh.vn/a1.html,,Khát vọng,,,,,,,,1'
"""

from __future__ import annotations

import csv
import os
import re
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import XMLGenerator

import orjson

from newscrawler.storage import (
    DATABASE_URL_SETTING,
    Storage,
    StorageError,
    StoredArticle,
    hide_password,
    open_storage,
)

#: The formats ``scrapy export --format`` knows.
FORMATS = ("jsonl", "json", "csv", "atom", "rss")

#: The format an output file's extension implies (anything else is JSON Lines).
EXTENSIONS = {
    ".jsonl": "jsonl", ".jl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
    ".atom": "atom", ".xml": "atom", ".rss": "rss",
}  # fmt: skip

#: The columns of the CSV format, in order.
CSV_COLUMNS = (
    "url", "canonicalUrl", "headline", "datePublished", "dateModified", "authors",
    "articleSection", "keywords", "description", "articleBody", "cursor",
)  # fmt: skip

#: What joins the authors' names, and the keywords, in a CSV cell.
CSV_JOIN = "; "

PROJECT_URL = "https://github.com/newscrawler/newscrawler"

# Characters XML 1.0 does not allow, even escaped (most C0 controls): dropped from feeds.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class ExportError(Exception):
    """An export that cannot run (database, state file, output): the message says why."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    articles: int
    cursor: int
    """The cursor of the last article written, or the cursor it started after when none was:
    pass it as ``after`` (or keep it in a state file) to get only what comes next."""


# --- parsing the options ----------------------------------------------------------------------


def format_for(fmt: str | None, output: str | Path | None) -> str:
    """The format to write: ``fmt`` when given, else the one of ``output``'s extension, else
    JSON Lines. Raises ValueError for a format of no known name.

    >>> format_for(None, "articles.csv"), format_for(None, None), format_for("RSS", "a.json")
    ('csv', 'jsonl', 'rss')
    >>> format_for("xml", None)
    Traceback (most recent call last):
    ...
    ValueError: unknown format 'xml': use one of jsonl, json, csv, atom, rss
    """
    if fmt:
        if fmt.lower() not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        return fmt.lower()
    if output and str(output) != "-":
        return EXTENSIONS.get(Path(output).suffix.lower(), "jsonl")
    return "jsonl"


def parse_since(text: str) -> date:
    """A ``--since`` day, ``YYYY-MM-DD`` (articles published from its start, Vietnam time).

    >>> parse_since("2023-01-31")
    datetime.date(2023, 1, 31)
    >>> parse_since("31/01/2023")
    Traceback (most recent call last):
    ...
    ValueError: --since is a day written YYYY-MM-DD (2023-01-31), not '31/01/2023'
    """
    message = f"--since is a day written YYYY-MM-DD (2023-01-31), not {text!r}"
    if not _DAY.fullmatch(text.strip()):
        raise ValueError(message)
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(message) from None


def parse_cursor(text: str, source: str = "--after") -> int:
    """A cursor, as an export printed it: a whole number, 0 or more.

    >>> parse_cursor(" 42\\n")
    42
    >>> parse_cursor("abc")
    Traceback (most recent call last):
    ...
    ValueError: --after: a cursor is a whole number (the last one an export printed), not 'abc'
    """
    value = text.strip()
    if not value.isascii() or not value.isdigit():
        raise ValueError(
            f"{source}: a cursor is a whole number (the last one an export printed), not {text!r}"
        )
    return int(value)


def read_state(path: str | Path) -> int | None:
    """The cursor kept in the state file ``path``; None when there is no such file (export
    from the beginning). Raises :class:`ExportError` when it cannot be read or holds no cursor.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"cannot read the state file {path}: {exc}") from exc
    try:
        return parse_cursor(text, f"state file {path}")
    except ValueError as exc:
        raise ExportError(
            f"{exc}; fix it, or remove the file to export from the beginning"
        ) from None


def write_state(path: str | Path, cursor: int) -> None:
    """Keep ``cursor`` in the state file ``path``, atomically: a reader (or a crash) sees the
    old cursor or the new one, never a half-written file."""
    path = Path(path)
    with _replacing(path) as out:
        out.write(f"{cursor}\n".encode("ascii"))


# --- writing ----------------------------------------------------------------------------------


def write_articles(
    storage: Storage,
    out: BinaryIO,
    fmt: str = "jsonl",
    *,
    site: str | None = None,
    section: str | None = None,
    since: str | date | datetime | None = None,
    after: int | None = None,
    batch_size: int = 1000,
    feed_title: str | None = None,
) -> ExportResult:
    """Write the current articles of ``storage`` (filtered as ``Storage.iter_articles``
    filters them) to ``out`` in ``fmt``, each as soon as it is read."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    rows = storage.iter_articles(
        site=site, section=section, since=since, after=after, batch_size=batch_size
    )
    title = feed_title or _feed_title(site, section, since)
    link = f"https://{site}/" if site else PROJECT_URL
    writer = _WRITERS[fmt]
    n, cursor = writer(rows, out, title, link)
    return ExportResult(n, cursor if n else (after or 0))


def _jsonl(rows: Iterator[StoredArticle], out: BinaryIO, *_: str) -> tuple[int, int]:
    n = cursor = 0
    write = out.write
    for row in rows:
        # The stored JSON is one line (compact from SQLite, jsonb's text from PostgreSQL).
        write(row.item_json)
        write(b"\n")
        n += 1
        cursor = row.cursor
    return n, cursor


def _json(rows: Iterator[StoredArticle], out: BinaryIO, *_: str) -> tuple[int, int]:
    n = cursor = 0
    write = out.write
    write(b"[")
    for row in rows:
        write(b",\n" if n else b"\n")
        write(row.item_json)
        n += 1
        cursor = row.cursor
    write(b"\n]\n" if n else b"]\n")
    return n, cursor


class _Utf8:
    """A text sink for csv.writer that writes UTF-8 to a binary stream."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(text.encode("utf-8"))


def _names(values: Any, key: str | None = None) -> str:
    if not values:
        return ""
    if key is not None:
        values = [v.get(key) if isinstance(v, Mapping) else v for v in values]
    return CSV_JOIN.join(str(v) for v in values if v)


def csv_row(item: Mapping[str, Any], cursor: int) -> list[Any]:
    """The CSV cells of one item (:data:`CSV_COLUMNS`)."""
    return [
        item.get("url"), item.get("canonicalUrl"), item.get("headline"),
        item.get("datePublished"), item.get("dateModified"), _names(item.get("authors"), "name"),
        item.get("articleSection"), _names(item.get("keywords")), item.get("description"),
        item.get("articleBody"), cursor,
    ]  # fmt: skip


def _csv(rows: Iterator[StoredArticle], out: BinaryIO, *_: str) -> tuple[int, int]:
    writer = csv.writer(_Utf8(out), lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    n = cursor = 0
    for row in rows:
        writer.writerow(csv_row(orjson.loads(row.item_json), row.cursor))
        n += 1
        cursor = row.cursor
    return n, cursor


class _Feed:
    """A streaming XML writer of simple elements, with text made safe for XML 1.0."""

    def __init__(self, out: BinaryIO) -> None:
        self.xml = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)  # type: ignore[arg-type]
        self.xml.startDocument()

    def start(self, name: str, attrs: Mapping[str, str] | None = None) -> None:
        self.xml.startElement(name, {k: xml_text(v) for k, v in (attrs or {}).items()})

    def end(self, name: str) -> None:
        self.xml.endElement(name)

    def element(self, name: str, text: Any, attrs: Mapping[str, str] | None = None) -> None:
        """``<name>text</name>``, left out when ``text`` is empty."""
        if text is None or text == "":
            return
        self.start(name, attrs)
        self.xml.characters(xml_text(str(text)))
        self.end(name)

    def newline(self) -> None:
        self.xml.ignorableWhitespace("\n")

    def close(self) -> None:
        self.xml.endDocument()


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (form feeds, NULs, …).

    >>> xml_text("Tây Ninh\\x0c\\x00!")
    'Tây Ninh!'
    """
    return _NOT_XML.sub("", text)


def _iso(value: Any) -> str | None:
    """An ISO-8601 date of an item as an aware datetime's ISO string, or None."""
    parsed = _datetime(value)
    return parsed.isoformat() if parsed else None


def _datetime(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def _entry_fields(row: StoredArticle) -> tuple[dict[str, Any], str, str, str]:
    """The item, its link, title and last update time."""
    item = orjson.loads(row.item_json)
    link = item.get("canonicalUrl") or item.get("url") or row.url
    title = item.get("headline") or link
    updated = (
        _iso(item.get("dateModified")) or _iso(item.get("datePublished"))
        or row.first_seen.isoformat()
    )  # fmt: skip
    return item, link, title, updated


def _atom(rows: Iterator[StoredArticle], out: BinaryIO, title: str, link: str) -> tuple[int, int]:
    feed = _Feed(out)
    feed.start("feed", {"xmlns": "http://www.w3.org/2005/Atom", "xml:lang": "vi"})
    feed.newline()
    feed.element("id", f"urn:newscrawler:export:{uuid.uuid5(uuid.NAMESPACE_URL, title)}")
    feed.element("title", title)
    feed.element("updated", datetime.now(UTC).isoformat(timespec="seconds"))
    feed.start("link", {"href": link})
    feed.end("link")
    # Atom wants an author for every entry: the feed's stands in for entries without a byline.
    feed.start("author")
    feed.element("name", "newscrawler")
    feed.end("author")
    feed.element("generator", "newscrawler")
    feed.newline()
    n = cursor = 0
    for row in rows:
        item, href, entry_title, updated = _entry_fields(row)
        feed.start("entry")
        feed.element("id", row.url)
        feed.start("link", {"href": href, "rel": "alternate"})
        feed.end("link")
        feed.element("title", entry_title)
        feed.element("published", _iso(item.get("datePublished")))
        feed.element("updated", updated)
        for author in item.get("authors") or ():
            feed.start("author")
            feed.element("name", author.get("name") if isinstance(author, Mapping) else author)
            feed.end("author")
        if item.get("articleSection"):
            feed.start("category", {"term": item["articleSection"]})
            feed.end("category")
        feed.element("summary", item.get("description"))
        feed.end("entry")
        feed.newline()
        n += 1
        cursor = row.cursor
    feed.end("feed")
    feed.newline()
    feed.close()
    return n, cursor


def _rfc822(value: Any) -> str | None:
    parsed = _datetime(value)
    return format_datetime(parsed) if parsed else None


def _rss(rows: Iterator[StoredArticle], out: BinaryIO, title: str, link: str) -> tuple[int, int]:
    feed = _Feed(out)
    feed.start("rss", {
        "version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom",
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
    })  # fmt: skip
    feed.start("channel")
    feed.newline()
    feed.element("title", title)
    feed.element("link", link)
    feed.element("description", f"{title}: articles exported by newscrawler")
    feed.element("language", "vi")
    feed.element("lastBuildDate", format_datetime(datetime.now(UTC)))
    feed.element("generator", "newscrawler")
    feed.newline()
    n = cursor = 0
    for row in rows:
        item, href, entry_title, updated = _entry_fields(row)
        feed.start("item")
        feed.element("title", entry_title)
        feed.element("link", href)
        feed.element("guid", row.url, {"isPermaLink": "true"})
        feed.element("pubDate", _rfc822(item.get("datePublished")))
        feed.element("atom:updated", updated)
        for author in item.get("authors") or ():
            name = author.get("name") if isinstance(author, Mapping) else author
            feed.element("dc:creator", name)
        feed.element("category", item.get("articleSection"))
        feed.element("description", item.get("description"))
        feed.end("item")
        feed.newline()
        n += 1
        cursor = row.cursor
    feed.end("channel")
    feed.end("rss")
    feed.newline()
    feed.close()
    return n, cursor


_Writer = Callable[[Iterator[StoredArticle], BinaryIO, str, str], tuple[int, int]]
_WRITERS: dict[str, _Writer] = {
    "jsonl": _jsonl, "json": _json, "csv": _csv, "atom": _atom, "rss": _rss,
}  # fmt: skip


def _feed_title(site: str | None, section: str | None, since: Any) -> str:
    parts = [p for p in (site, section) if p]
    if since:
        parts.append(f"since {since}")
    return "newscrawler" + (": " + ", ".join(parts) if parts else "")


# --- the command's work -----------------------------------------------------------------------


class _replacing:  # noqa: N801 (used as a context manager, like open)
    """A binary file written next to ``path`` and renamed over it when the block succeeds;
    removed, leaving ``path`` as it was, when it fails."""

    def __init__(self, path: Path, buffering: int = -1) -> None:
        self.path = path
        self.buffering = buffering
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")

    def __enter__(self) -> BinaryIO:
        try:
            fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as exc:
            raise ExportError(f"cannot write {self.path}: {exc.strerror}") from exc
        self.file: BinaryIO = os.fdopen(fd, "wb", buffering=self.buffering)
        return self.file

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            self.file.close()
            if exc_type is None:
                os.replace(self.tmp, self.path)
        except OSError as error:
            self.tmp.unlink(missing_ok=True)
            if exc_type is None:
                raise ExportError(f"cannot write {self.path}: {error}") from error
            return
        if exc_type is not None:
            self.tmp.unlink(missing_ok=True)


def open_for_export(url: str) -> Storage:
    """Open the database of ``url`` to read from it: one that does not exist, or holds no
    articles table, is an :class:`ExportError` (an export creates nothing)."""
    if url.startswith("sqlite:"):
        from newscrawler.storage.sqlite import sqlite_path

        try:
            path = sqlite_path(url)
        except StorageError as exc:
            raise ExportError(str(exc)) from None
        if path != ":memory:" and not Path(path).is_file():
            raise ExportError(
                f"no SQLite database at {path} ({DATABASE_URL_SETTING}={hide_password(url)}): "
                "crawl first, or give the database with --database"
            )
    try:
        storage = open_storage(url)
    except StorageError as exc:
        raise ExportError(str(exc)) from None
    try:
        version = storage.schema_version()
    except StorageError as exc:
        storage.close()
        raise ExportError(str(exc)) from None
    if version < 1:
        storage.close()
        raise ExportError(
            f"the database {hide_password(url)} holds no articles yet (schema version 0): "
            "crawl first, or create the schema with `scrapy db --migrate`"
        )
    return storage


def run_export(
    url: str,
    *,
    output: str | Path | None = None,
    fmt: str | None = None,
    site: str | None = None,
    section: str | None = None,
    since: date | None = None,
    after: int | None = None,
    state: str | Path | None = None,
    stdout: BinaryIO | None = None,
    batch_size: int = 1000,
) -> ExportResult:
    """Export the articles of the database ``url`` to ``output`` (a file, written to a
    temporary file and renamed on success; stdout when None or ``-``), after the cursor
    ``after`` or the one kept in the state file ``state``, whose cursor is replaced only once
    the export has succeeded. Raises :class:`ExportError` with what went wrong."""
    if after is not None and state is not None:
        raise ExportError("give --after or --state, not both")
    fmt = format_for(fmt, output)
    if state is not None:
        after = read_state(state)
    options: dict[str, Any] = {"site": site, "section": section, "since": since, "after": after,
                               "batch_size": batch_size}  # fmt: skip
    with open_for_export(url) as storage:
        try:
            if output is None or str(output) == "-":
                out = stdout if stdout is not None else sys.stdout.buffer
                result = write_articles(storage, out, fmt, **options)
                out.flush()
            else:
                with _replacing(Path(output), buffering=1 << 20) as out:
                    result = write_articles(storage, out, fmt, **options)
        except StorageError as exc:
            raise ExportError(f"export failed, nothing kept: {exc}") from None
        except OSError as exc:
            raise ExportError(f"export failed writing {output or 'stdout'}: {exc}") from exc
    if state is not None:
        try:
            write_state(state, result.cursor)
        except (ExportError, OSError) as exc:
            raise ExportError(f"exported, but could not keep the cursor in {state}: {exc}") from exc
    return result
