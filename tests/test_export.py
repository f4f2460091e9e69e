"""``scrapy export`` and newscrawler.export, against SQLite and PostgreSQL (the ``db`` fixture of
test_storage: PostgreSQL out of reach skips its half, or fails it when ``CI=true``)."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from itemadapter import ItemAdapter

from newscrawler import export
from newscrawler.commands.extract import extract_article
from newscrawler.demo import file_for_url
from newscrawler.export import (
    CSV_COLUMNS,
    ExportError,
    ExportResult,
    format_for,
    parse_cursor,
    parse_since,
    read_state,
    run_export,
    write_articles,
)
from newscrawler.storage import Storage, StorageError, StoredArticle
from tests.conftest import DEMO, Db, demo_hosts, load_expected
from tests.test_storage import BODY, article, scrapy

ATOM = "{http://www.w3.org/2005/Atom}"
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def export_bytes(storage: Storage, fmt: str = "jsonl", **options: Any) -> tuple[bytes, Any]:
    out = io.BytesIO()
    result = write_articles(storage, out, fmt, **options)
    return out.getvalue(), result


# --- options ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "output", "expected"),
    [
        (None, None, "jsonl"),
        (None, "-", "jsonl"),
        (None, "out/articles.jsonl", "jsonl"),
        (None, "articles.JSON", "json"),
        (None, "articles.csv", "csv"),
        (None, "feed.atom", "atom"),
        (None, "feed.xml", "atom"),
        (None, "feed.rss", "rss"),
        (None, "articles.txt", "jsonl"),
        ("csv", "articles.json", "csv"),  # --format wins over the extension
        ("RSS", None, "rss"),
    ],
)
def test_format_for(fmt: str | None, output: str | None, expected: str) -> None:
    assert format_for(fmt, output) == expected


@pytest.mark.parametrize("fmt", ["xml", "yaml", "jsonlines "])
def test_unknown_formats_are_refused(fmt: str) -> None:
    with pytest.raises(ValueError, match=r"unknown format.*jsonl, json, csv, atom, rss"):
        format_for(fmt, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2023-01-04", date(2023, 1, 4)), (" 2024-02-29", date(2024, 2, 29))]
    + [(bad, None) for bad in ("2023-02-30", "04/01/2023", "2023-1-4", "20230104", "hôm qua", "")],
)
def test_parse_since(text: str, expected: date | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_since(text)
    else:
        assert parse_since(text) == expected


@pytest.mark.parametrize("bad", ["-1", "1.5", "abc", "", "٣"])  # ٣: an Arabic-Indic three
def test_parse_cursor_refuses_what_is_not_a_cursor(bad: str) -> None:
    with pytest.raises(ValueError, match="whole number"):
        parse_cursor(bad)
    assert parse_cursor("0") == 0 and parse_cursor("17\n") == 17


# --- items extracted from the demo pages validate -----------------------------------------------


@pytest.fixture(scope="module")
def demo_items() -> list[dict[str, Any]]:
    """The Article of every demo page, as the storage pipeline buffers it."""
    items = []
    for host in demo_hosts():
        for expected in load_expected(host)["articles"]:
            path = file_for_url(DEMO, expected["url"])
            assert path is not None, expected["url"]
            found, _ = extract_article(path.read_text("utf-8"), expected["url"], now=NOW)
            assert found is not None, expected["url"]
            data = ItemAdapter(found).asdict()
            data["metadata"]["dateDownloaded"] = NOW.isoformat(timespec="seconds")
            items.append(data)
    assert len(items) >= 50
    return items


def test_exported_items_validate_against_the_schema(
    storage: Storage, demo_items: list[dict[str, Any]], article_schema: dict[str, Any]
) -> None:
    storage.write_batch(demo_items)
    rows = list(storage.iter_articles())
    jsonl, result = export_bytes(storage, "jsonl")
    lines = jsonl.splitlines()
    assert result == ExportResult(len(demo_items), rows[-1].cursor)
    assert len(lines) == len(demo_items)
    # JSON Lines is the stored JSON as it is, in cursor order.
    assert lines == [row.item_json for row in rows]
    by_url = {item.get("canonicalUrl") or item["url"]: item for item in demo_items}
    for line in lines:
        item = json.loads(line)
        jsonschema.validate(item, article_schema)
        assert item == by_url[item.get("canonicalUrl") or item["url"]]
    assert b"\\u" not in jsonl  # Vietnamese as UTF-8
    array = json.loads(export_bytes(storage, "json")[0])
    assert array == [json.loads(line) for line in lines]
    for item in array:
        jsonschema.validate(item, article_schema)


# --- the formats ----------------------------------------------------------------------------------


def odd_article(n: int) -> dict[str, Any]:
    """An article with what formats trip over: markup, quotes, commas, newlines, a form feed."""
    return article(
        n,
        headline=f'Giá "cà phê" <tăng> & giảm, số {n}',
        description="Dòng một,\nDòng hai\x0c; hết.",
        keywords=["cà phê", "xuất khẩu"],
        authors=[
            {"name": "Thúy Hà", "nameRaw": "Thúy Hà – Hùng Sơn"},
            {"name": "Hùng Sơn", "nameRaw": "Thúy Hà – Hùng Sơn"},
        ],
        dateModified="2023-01-05T08:00:00+07:00",
    )


def test_csv_has_flat_columns(storage: Storage) -> None:
    storage.write_batch([odd_article(1), article(2)])
    rows = list(storage.iter_articles())
    data, result = export_bytes(storage, "csv")
    table = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert tuple(table[0]) == CSV_COLUMNS
    assert len(table) == 3 and result.articles == 2
    first = dict(zip(CSV_COLUMNS, table[1], strict=True))
    assert first["headline"] == 'Giá "cà phê" <tăng> & giảm, số 1'
    assert first["authors"] == "Thúy Hà; Hùng Sơn"
    assert first["keywords"] == "cà phê; xuất khẩu"
    assert first["description"] == "Dòng một,\nDòng hai\x0c; hết."
    assert first["articleBody"] == BODY
    assert first["datePublished"] == "2023-01-02T21:10:00+07:00"
    assert first["dateModified"] == "2023-01-05T08:00:00+07:00"
    assert first["articleSection"] == "Chính trị"
    assert first["canonicalUrl"] == first["url"] == article(1)["url"]
    assert [int(r[-1]) for r in table[1:]] == [r.cursor for r in rows]


def test_atom_feed_is_well_formed(storage: Storage) -> None:
    storage.write_batch([odd_article(1), article(2, authors=[])])
    data, result = export_bytes(storage, "atom", site="baotayninh.vn")
    root = ET.fromstring(data)  # raises on anything not well-formed
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == result.articles == 2
    first = entries[0]
    assert first.findtext(f"{ATOM}id") == article(1)["url"]
    assert first.find(f"{ATOM}link").get("href") == article(1)["url"]  # type: ignore[union-attr]
    assert first.findtext(f"{ATOM}title") == 'Giá "cà phê" <tăng> & giảm, số 1'
    assert first.findtext(f"{ATOM}published") == "2023-01-02T21:10:00+07:00"
    assert first.findtext(f"{ATOM}updated") == "2023-01-05T08:00:00+07:00"
    assert [a.findtext(f"{ATOM}name") for a in first.findall(f"{ATOM}author")] == [
        "Thúy Hà", "Hùng Sơn",
    ]  # fmt: skip
    assert first.findtext(f"{ATOM}summary") == "Dòng một,\nDòng hai; hết."  # no form feed
    second = entries[1]
    assert second.findall(f"{ATOM}author") == []  # the feed's author stands in
    assert second.findtext(f"{ATOM}updated") == "2023-01-03T21:10:00+07:00"  # datePublished


def test_rss_feed_is_well_formed(storage: Storage) -> None:
    storage.write_batch([odd_article(1), article(2)])
    data, result = export_bytes(storage, "rss")
    root = ET.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    assert (
        channel.findtext("title") and channel.findtext("link") and channel.findtext("description")
    )
    items = channel.findall("item")
    assert len(items) == result.articles == 2
    first = items[0]
    assert first.findtext("title") == 'Giá "cà phê" <tăng> & giảm, số 1'
    assert first.findtext("link") == first.findtext("guid") == article(1)["url"]
    assert first.findtext("pubDate") == "Mon, 02 Jan 2023 21:10:00 +0700"
    assert first.findtext(f"{ATOM}updated") == "2023-01-05T08:00:00+07:00"
    assert [c.text for c in first.findall("{http://purl.org/dc/elements/1.1/}creator")] == [
        "Thúy Hà", "Hùng Sơn",
    ]  # fmt: skip
    assert first.findtext("description") == "Dòng một,\nDòng hai; hết."


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "atom", "rss"])
def test_an_empty_export_is_a_valid_document(storage: Storage, fmt: str) -> None:
    data, result = export_bytes(storage, fmt, after=7)
    assert result == ExportResult(0, 7)  # the cursor it started after: nothing skipped
    if fmt == "jsonl":
        assert data == b""
    elif fmt == "json":
        assert json.loads(data) == []
    elif fmt == "csv":
        assert data.decode().splitlines() == [",".join(CSV_COLUMNS)]
    else:
        ET.fromstring(data)


# --- filters and cursors --------------------------------------------------------------------------


def test_filters(storage: Storage) -> None:
    storage.write_batch([
        article(1, site="baotayninh.vn"),
        article(2, site="baodaklak.vn"),
        {**article(3), "articleSection": "Kinh tế"},
        # Vietnam time: 00:30 on the 4th is in, 23:59 on the 3rd is out.
        article(4, datePublished="2023-01-04T00:30:00+07:00"),
        article(5, datePublished="2023-01-03T23:59:00+07:00"),
    ])  # fmt: skip

    def urls(**options: Any) -> list[str]:
        return [
            json.loads(line)["url"] for line in export_bytes(storage, **options)[0].splitlines()
        ]

    assert urls(site="baodaklak.vn") == [article(2, site="baodaklak.vn")["url"]]
    assert urls(section="Kinh tế") == [article(3)["url"]]
    since = urls(since=parse_since("2023-01-04"))
    assert article(4)["url"] in since and article(5)["url"] not in since
    assert sorted(since) == sorted([article(3)["url"], article(4)["url"]])  # 3: Jan 4 21:10
    assert urls(site="baotayninh.vn", section="Kinh tế") == [article(3)["url"]]


def test_after_resumes_where_the_last_export_stopped(storage: Storage) -> None:
    storage.write_batch([article(n) for n in range(5)])
    data, first = export_bytes(storage)
    assert first.articles == 5
    assert export_bytes(storage, after=first.cursor) == (b"", ExportResult(0, first.cursor))
    storage.write_batch([article(1, body=BODY + "\nĐã sửa.", seen="2024-03-02T08:00:00+00:00"),
                         article(9)])  # fmt: skip
    data, second = export_bytes(storage, after=first.cursor)
    # The new article and the new version of an exported one, nothing else.
    assert sorted(json.loads(line)["url"] for line in data.splitlines()) == [
        article(1)["url"], article(9)["url"],
    ]  # fmt: skip
    assert second.cursor > first.cursor


# --- run_export: files and state ------------------------------------------------------------------


def test_state_file_round_trip(db: Db, tmp_path: Path) -> None:
    with db.open() as storage:
        storage.write_batch([article(n) for n in range(3)])
    work = tmp_path / "consumer"  # tmp_path holds the SQLite files
    state, out = work / "state" / "cursor", work / "out.jsonl"
    state.parent.mkdir(parents=True)
    assert read_state(state) is None  # absent: from the beginning
    result = run_export(db.url, output=out, state=state)
    assert result.articles == 3
    assert read_state(state) == result.cursor
    assert state.read_text() == f"{result.cursor}\n"
    assert len(out.read_bytes().splitlines()) == 3
    again = run_export(db.url, output=out, state=state)
    assert again == ExportResult(0, result.cursor)
    assert out.read_bytes() == b""
    with db.open() as storage:
        storage.write_batch([article(7)])
    third = run_export(db.url, output=out, state=state)
    assert third.articles == 1 and third.cursor > result.cursor
    assert [json.loads(line)["url"] for line in out.read_bytes().splitlines()] == [
        article(7)["url"]
    ]
    assert sorted(p.name for p in work.iterdir()) == ["out.jsonl", "state"]  # no temp files
    assert sorted(p.name for p in state.parent.iterdir()) == ["cursor"]


def test_a_failed_export_keeps_the_state_and_the_old_output(
    db: Db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.open() as storage:
        storage.write_batch([article(n) for n in range(3)])
    work = tmp_path / "consumer"
    work.mkdir()
    state, out = work / "state", work / "out.jsonl"
    state.write_text("1\n")
    out.write_bytes(b"the last export\n")
    real = export._WRITERS["jsonl"]

    def failing(rows: Iterator[StoredArticle], stream: Any, *args: str) -> tuple[int, int]:
        def broken() -> Iterator[StoredArticle]:
            yield next(rows)
            raise StorageError("SQLite: reading articles failed: disk I/O error")

        return real(broken(), stream, *args)

    monkeypatch.setitem(export._WRITERS, "jsonl", failing)
    with pytest.raises(ExportError, match=r"export failed, nothing kept: .*disk I/O error"):
        run_export(db.url, output=out, state=state)
    assert state.read_text() == "1\n"
    assert out.read_bytes() == b"the last export\n"
    assert sorted(p.name for p in work.iterdir()) == ["out.jsonl", "state"]
    monkeypatch.undo()
    assert run_export(db.url, output=out, state=state).articles == 2  # after cursor 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("yesterday\n", "whole number"),
        ("", "whole number"),
        ("-3", "whole number"),
        (None, "cannot read the state file"),
    ],
)
def test_a_bad_state_file_is_an_error(tmp_path: Path, content: str | None, message: str) -> None:
    state = tmp_path / "state"
    if content is None:
        state.mkdir()  # a folder where the file should be
    else:
        state.write_text(content)
    with pytest.raises(ExportError, match=message):
        read_state(state)
    with pytest.raises(ExportError, match=message):
        run_export(f"sqlite:///{tmp_path}/none.db", state=state)


def test_a_database_that_is_not_there_is_an_error(db: Db, tmp_path: Path) -> None:
    work = tmp_path / "consumer"
    work.mkdir()
    with pytest.raises(ExportError, match=r"cannot connect|no SQLite database"):
        run_export(db.closed_url, output=work / "out.jsonl", state=work / "state")
    with pytest.raises(ExportError, match=r"no SQLite database at .*missing\.db"):
        run_export(f"sqlite:///{work}/missing.db")
    with pytest.raises(ExportError, match="give --after or --state"):
        run_export(db.url, after=1, state=work / "state")
    assert sorted(p.name for p in work.iterdir()) == []  # an export creates nothing
    empty = work / "empty.db"
    empty.touch()
    with pytest.raises(ExportError, match="holds no articles yet"):
        run_export(f"sqlite:///{empty}")


# --- polling while a crawl writes -----------------------------------------------------------------


def test_polling_with_a_state_file_gets_every_version_once_while_a_crawl_writes(
    db: Db, tmp_path: Path
) -> None:
    """A writer thread adds articles and new versions of them while a consumer polls with a
    state file: every exported (url, version) is new, cursors only go up, and at the end the
    consumer has the current version of every article."""
    errors: list[BaseException] = []
    done = threading.Event()

    def writer() -> None:
        try:
            with db.open() as storage:
                for round_ in range(15):
                    storage.write_batch([
                        article(n, body=f"{BODY}\nLần {round_}.",
                                seen=f"2024-03-01T08:{round_:02d}:00+00:00")
                        for n in range(round_ * 4, round_ * 4 + 10)
                    ])  # fmt: skip
                    time.sleep(0.004)
        except BaseException as exc:
            errors.append(exc)
        finally:
            done.set()

    with db.open():
        pass  # the schema, before the consumer's first poll
    state, out = tmp_path / "consumer.state", tmp_path / "poll.csv"
    seen: list[tuple[int, str, str]] = []
    states: list[int] = []
    thread = threading.Thread(target=writer)
    thread.start()
    polls = 0
    while True:
        finished = done.is_set()
        result = run_export(db.url, output=out, state=state)
        polls += 1
        table = list(csv.DictReader(io.StringIO(out.read_text("utf-8"), newline="")))
        assert len(table) == result.articles
        seen += [(int(r["cursor"]), r["url"], r["articleBody"]) for r in table]
        if table:
            assert result.cursor == int(table[-1]["cursor"])
        states.append(read_state(state))  # type: ignore[arg-type]
        if finished:
            break
    thread.join()
    assert not errors, errors
    cursors = [c for c, _, _ in seen]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
    assert states == sorted(states)
    assert len({(url, body) for _, url, body in seen}) == len(seen)  # no version twice
    with db.open() as storage:
        current = {r.url: r.item["articleBody"] for r in storage.iter_articles()}
    got = {url: body for _, url, body in seen}  # the last version the consumer got
    assert got == current  # none missed
    assert len(current) == 14 * 4 + 10
    assert polls > 2 and len(seen) > len(current)  # it polled while articles changed


# --- streaming ------------------------------------------------------------------------------------


class WatchedStorage:
    """A storage whose rows check, as each is read, that the previous one is already out."""

    def __init__(self, rows: list[StoredArticle], out: io.BytesIO, fmt: str) -> None:
        self.rows, self.out, self.fmt = rows, out, fmt
        self.checked = 0

    def iter_articles(self, **_: Any) -> Iterator[StoredArticle]:
        for n, row in enumerate(self.rows):
            if n:
                previous = self.rows[n - 1].item_json
                text = self.out.getvalue()
                if self.fmt in ("jsonl", "json"):
                    assert previous in text, f"row {n - 1} not written before row {n} is read"
                else:
                    url = orjson.loads(previous)["url"].encode()
                    assert url in text, f"row {n - 1} not written before row {n} is read"
                self.checked += 1
            yield row


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "atom", "rss"])
def test_rows_are_written_as_they_are_read(fmt: str) -> None:
    now = datetime(2024, 3, 1, tzinfo=UTC)
    rows = [
        StoredArticle(
            n,
            article(n)["url"],
            "baotayninh.vn",
            None,
            None,
            now,
            now,
            "f",
            orjson.dumps(article(n)),
        )
        for n in range(1, 6)
    ]
    out = io.BytesIO()
    watched = WatchedStorage(rows, out, fmt)
    result = write_articles(watched, out, fmt)  # type: ignore[arg-type]
    assert watched.checked == 4 and result == ExportResult(5, 5)


class NullSink(io.RawIOBase):
    """Counts what is written, keeps nothing."""

    size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.size += len(data)
        return len(data)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_memory_does_not_grow_with_the_number_of_articles(db: Db, fmt: str) -> None:
    with db.open() as storage:
        for start in range(0, 20_000, 2_000):
            storage.write_batch(
                [article(n, body=f"{BODY} {n}") for n in range(start, start + 2_000)]
            )

        def peak(limit: int) -> tuple[int, int]:
            rows = storage.iter_articles(batch_size=500)
            limited = (row for row, _ in zip(rows, range(limit), strict=False))

            class Limited:
                def iter_articles(self, **_: Any) -> Iterator[StoredArticle]:
                    return limited

            sink = NullSink()
            tracemalloc.start()
            try:
                result = write_articles(Limited(), sink, fmt)  # type: ignore[arg-type]
                return tracemalloc.get_traced_memory()[1], result.articles
            finally:
                tracemalloc.stop()
                rows.close()

        small, n_small = peak(2_000)
        large, n_large = peak(20_000)
    assert (n_small, n_large) == (2_000, 20_000)
    # Ten times the rows, and about the same peak: rows are not kept (a list of 18,000 more
    # 600-byte items would add more than 10 MB).
    assert large < small * 1.5 + 512 * 1024, (small, large)


# --- the command ----------------------------------------------------------------------------------


def test_export_command(db: Db, tmp_path: Path) -> None:
    with db.open() as storage:
        storage.write_batch([article(1), article(2, site="baodaklak.vn"), odd_article(3)])
    result = scrapy("export", "--database", db.url, "-o", "out.jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = (tmp_path / "out.jsonl").read_bytes().splitlines()
    assert len(lines) == 3
    assert json.loads(lines[2])["headline"].startswith('Giá "cà phê"')
    assert result.stdout == ""
    summary = result.stderr.strip().splitlines()
    assert len(summary) == 1 and summary[0].startswith("export: 3 article(s)")
    assert "last cursor" in summary[0]

    # To stdout, filtered, as CSV; then resumable with a state file.
    result = scrapy("export", "--database", db.url, "--format", "csv", "--site", "baodaklak.vn",
                    cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    table = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert [row[0] for row in table[1:]] == [article(2, site="baodaklak.vn")["url"]]
    for expected in (3, 0):
        result = scrapy("export", "--database", db.url, "--state", "poll.state", "-o", "feed.rss",
                        cwd=tmp_path)  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
        assert f"export: {expected} article(s)" in result.stderr
        assert len(ET.parse(tmp_path / "feed.rss").getroot().findall("channel/item")) == expected
    cursor = int((tmp_path / "poll.state").read_text())
    result = scrapy("export", "--database", db.url, "--after", str(cursor - 1), cwd=tmp_path)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 1
    assert f"last cursor {cursor}" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "xml"], 2, "unknown format 'xml'"),
        (["--since", "2023-02-30"], 2, "--since is a day written YYYY-MM-DD"),
        (["--after", "last"], 2, "a cursor is a whole number"),
        (["--after", "3", "--state", "s"], 2, "give --after or --state, not both"),
        (["--state", "bad.state"], 1, "export: error: state file bad.state"),
        ([], 1, "export: error: no SQLite database at data/newscrawler.db"),
    ],
)
def test_export_command_errors(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    (tmp_path / "bad.state").write_text("not a cursor")
    if args:
        args += ["--database", f"sqlite:///{tmp_path}/news.db"]
    result = scrapy("export", *args, "-o", "out.jsonl", cwd=tmp_path)
    assert result.returncode == code, result.stderr[-2000:]
    assert message in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.jsonl").exists()
    assert (tmp_path / "bad.state").read_text() == "not a cursor"


def test_export_command_without_its_database(db: Db, tmp_path: Path) -> None:
    url = db.closed_url.replace("postgres@", "postgres:s3cret@")
    result = scrapy("export", "--database", url, "--state", "s", cwd=tmp_path)
    assert result.returncode == 1
    assert "export: error: cannot" in result.stderr or "no SQLite database" in result.stderr
    assert "Traceback" not in result.stderr and "s3cret" not in result.stderr
    assert result.stdout == "" and not (tmp_path / "s").exists()
