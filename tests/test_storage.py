"""The storage, run the same way against SQLite (a file in tmp_path) and PostgreSQL (a fresh
schema per test in the database ``test`` on 127.0.0.1:5432, all dropped at the end).

PostgreSQL being out of reach skips its half with how to start it, except in CI
(``CI=true``), where a missing service fails the run.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import orjson
import psycopg
import pytest
import pytest_twisted
from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from twisted.internet.task import Clock

from newscrawler import signals as nc_signals
from newscrawler.items import Article, Author
from newscrawler.pipelines import BodyTooShort
from newscrawler.portals import PORTALS
from newscrawler.spiders.portal import SPIDERS
from newscrawler.storage import (
    Duplicate,
    Reject,
    SchemaTooNewError,
    Storage,
    StorageError,
    StorageUnavailableError,
    content_fingerprint,
    content_fingerprint_v1,
    open_storage,
)
from newscrawler.storage.pipeline import StoragePipeline, duplicate_found, replay_spool
from newscrawler.storage.spool import Spool, SpooledBatch, spool_files, write_isolating
from newscrawler.storage.sqlite import LATEST_VERSION
from tests.conftest import DEMO, ROOT, Db, load_expected
from tests.crawling import run_spider, settings_for_tests
from tests.mockserver import serve

PIPELINE = "newscrawler.storage.pipeline.StoragePipeline"

BODY = (
    "Sáng ngày 29/12, Ban Tổ chức Trung ương tổ chức Hội nghị toàn quốc trực tiếp kết hợp với "
    "trực tuyến, tổng kết công tác Tổ chức xây dựng Đảng năm 2022.\n"
    "Các đồng chí Võ Văn Thưởng, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư; Trương Thị Mai, "
    "Ủy viên Bộ Chính trị, lãnh đạo các Bộ, Ban, ngành dự hội nghị tại điểm cầu Hà Nội."
)


def article(n: int, *, body: str = BODY, seen: str = "2024-03-01T08:00:00+00:00",
            **fields: Any) -> dict[str, Any]:  # fmt: skip
    """An article dict as the pipeline buffers it, downloaded at ``seen``."""
    site = fields.pop("site", "baotayninh.vn")
    url = f"https://{site}/bai-viet-{n}-a{160000 + n}.html"
    return {
        "url": url,
        "canonicalUrl": url,
        "headline": f"Hội nghị toàn quốc số {n}",
        "datePublished": f"2023-01-0{1 + n % 9}T21:10:00+07:00",
        "articleBody": body,
        "articleSection": "Chính trị",
        "authors": [{"name": "Thúy Hà", "nameRaw": "Thúy Hà"}],
        "metadata": {"site": site, "dateDownloaded": seen},
        **fields,
    }


# --- upsert and history -----------------------------------------------------------------------


def test_articles_are_upserted_by_canonical_url(storage: Storage, db: Db) -> None:
    first = article(1)
    tracked = {**article(1), "url": first["url"] + "?utm_source=facebook"}  # same canonical URL
    without_canonical = {**article(2), "canonicalUrl": None}
    counts = storage.write_batch([first, without_canonical])
    assert (counts.inserted, counts.unchanged) == (2, 0)
    counts = storage.write_batch([tracked])
    assert (counts.inserted, counts.unchanged) == (0, 1)
    rows = list(storage.iter_articles())
    assert sorted(r.url for r in rows) == sorted([first["url"], without_canonical["url"]])
    assert db.count("articles") == 2
    stored = next(r for r in rows if r.url == first["url"])
    assert stored.site == "baotayninh.vn"
    assert stored.section == "Chính trị"
    assert stored.date_published.isoformat() == "2023-01-02T14:10:00+00:00"
    assert stored.fingerprint == content_fingerprint(first["headline"], BODY)
    assert stored.item["headline"] == "Hội nghị toàn quốc số 1"


def test_article_items_are_stored_as_json(storage: Storage) -> None:
    item = Article(url="https://baodaklak.vn/a-1.html", headline="Khai mạc Kỳ họp",
                   articleBody=BODY, authors=[Author("Thanh Hải")],
                   datePublished="2022-12-08T09:30:00+07:00")  # fmt: skip
    assert storage.write_batch([item]).inserted == 1
    (row,) = storage.iter_articles()
    assert row.site == "baodaklak.vn"  # from the URL: the item has no metadata.site
    assert row.item["authors"] == [{"name": "Thanh Hải", "nameRaw": None}]
    assert row.item_json.decode("utf-8").count("Kỳ họp") == 1  # UTF-8, not \\u-escaped


def test_unchanged_recrawl_only_bumps_last_seen(storage: Storage, db: Db) -> None:
    storage.write_batch([article(1, seen="2024-03-01T08:00:00+00:00")])
    (before,) = storage.iter_articles()
    respaced = BODY.replace(" ", "  ").replace("\n", " \n ")  # same text, other spacing
    counts = storage.write_batch([article(1, body=respaced, seen="2024-03-05T08:00:00+00:00")])
    assert (counts.unchanged, counts.updated, counts.inserted) == (1, 0, 0)
    (after,) = storage.iter_articles()
    assert after.last_seen.isoformat() == "2024-03-05T08:00:00+00:00"
    assert after.first_seen == before.first_seen
    assert after.cursor == before.cursor  # not news to a consumer
    assert after.item_json == before.item_json
    assert list(storage.iter_articles(after=before.cursor)) == []
    assert db.count("article_versions") == 0


def test_changed_content_becomes_current_and_the_old_version_is_kept(
    storage: Storage, db: Db
) -> None:
    storage.write_batch([article(1, seen="2024-03-01T08:00:00+00:00")])
    storage.write_batch([article(1, seen="2024-03-02T08:00:00+00:00")])
    (v1,) = storage.iter_articles()
    counts = storage.write_batch(
        [article(1, body=BODY + "\nĐã sửa.", seen="2024-03-03T08:00:00+00:00")]
    )
    assert (counts.updated, counts.unchanged) == (1, 0)
    (v2,) = storage.iter_articles()
    assert v2.item["articleBody"].endswith("Đã sửa.")
    assert v2.cursor > v1.cursor
    assert [r.url for r in storage.iter_articles(after=v1.cursor)] == [v2.url]
    assert v2.first_seen.isoformat() == "2024-03-01T08:00:00+00:00"
    versions = db.query(
        "SELECT fingerprint, first_seen, last_seen, replaced_at, item FROM article_versions"
    )
    assert len(versions) == 1
    fingerprint, first, last, replaced, item = versions[0]
    assert fingerprint == v1.fingerprint
    assert [str(t)[:10] for t in (first, last, replaced)] == ["2024-03-01", "2024-03-02",
                                                              "2024-03-03"]  # fmt: skip
    assert "Đã sửa" not in str(item)

    # A third version; then the first one again, as a late spool replay would bring it.
    storage.write_batch([article(1, body="Bài khác.", seen="2024-03-04T08:00:00+00:00")])
    counts = storage.write_batch([article(1, seen="2024-03-01T09:00:00+00:00")])
    assert (counts.older, counts.updated) == (1, 0)
    assert db.count("article_versions") == 2  # the first version is there once
    (current,) = storage.iter_articles()
    assert current.item["articleBody"] == "Bài khác."


def test_fingerprints_stored_before_version_4_still_tell_unchanged_articles(
    storage: Storage, db: Db
) -> None:
    storage.write_batch([article(1, seen="2024-03-01T08:00:00+00:00")])
    v1 = content_fingerprint_v1("Hội nghị toàn quốc số 1", BODY)  # as stored then
    db.execute(f"UPDATE articles SET fingerprint = '{v1}'")
    counts = storage.write_batch([article(1, seen="2024-03-05T08:00:00+00:00")])
    assert (counts.unchanged, counts.updated) == (1, 0)
    (row,) = storage.iter_articles()
    assert row.fingerprint == content_fingerprint("Hội nghị toàn quốc số 1", BODY)  # today's
    assert row.last_seen.isoformat() == "2024-03-05T08:00:00+00:00"
    # A new version archives the old one with the fingerprint it had; that version, replayed
    # late, is not stored in the history twice.
    db.execute(f"UPDATE articles SET fingerprint = '{v1}'")
    storage.write_batch([article(1, body="Bài khác.", seen="2024-03-06T08:00:00+00:00")])
    assert db.query("SELECT fingerprint FROM article_versions") == [(v1,)]
    counts = storage.write_batch([article(1, seen="2024-03-02T08:00:00+00:00")])
    assert counts.older == 1
    assert db.count("article_versions") == 1


def test_an_article_met_twice_in_a_batch(storage: Storage, db: Db) -> None:
    counts = storage.write_batch([
        article(1, seen="2024-03-01T08:00:00+00:00"),
        article(1, body="Bản mới.", seen="2024-03-01T09:00:00+00:00"),
        article(1, body="Bản mới.", seen="2024-03-01T10:00:00+00:00"),
    ])  # fmt: skip
    assert (counts.inserted, counts.updated, counts.unchanged) == (1, 1, 1)
    (row,) = storage.iter_articles()
    assert row.item["articleBody"] == "Bản mới."
    assert row.last_seen.isoformat() == "2024-03-01T10:00:00+00:00"
    assert db.count("article_versions") == 1


def test_rejects_and_duplicates_are_stored_once(storage: Storage, db: Db) -> None:
    url = "https://baotayninh.vn/x.html"
    reject = Reject(url=url, reason="BodyTooShort", message="body has 12 characters",
                    item={"url": url})  # fmt: skip
    duplicate = Duplicate(url="https://baotayninh.vn/b.html",
                          duplicate_of="https://baotayninh.vn/a.html", kind="near",
                          similarity=0.93)  # fmt: skip
    counts = storage.write_batch([], [reject], [duplicate])
    assert (counts.rejects, counts.duplicates) == (1, 1)
    storage.write_batch([], [reject], [duplicate])  # a spool replayed twice
    assert db.query("SELECT url, reason, message FROM rejects") == [
        ("https://baotayninh.vn/x.html", "BodyTooShort", "body has 12 characters")
    ]
    assert db.query("SELECT url, duplicate_of, kind, similarity FROM duplicates") == [
        ("https://baotayninh.vn/b.html", "https://baotayninh.vn/a.html", "near", 0.93)
    ]
    assert storage.count_rows() == {"articles": 0, "article_versions": 0, "rejects": 1,
                                    "duplicates": 1, "dedup_index": 0}  # fmt: skip


def test_a_failed_batch_writes_nothing(storage: Storage, db: Db) -> None:
    bad_reject = Reject(url="u", reason=None, message="m")  # type: ignore[arg-type]
    with pytest.raises(StorageError, match="reason"):
        storage.write_batch([article(1), article(2)], [bad_reject])
    assert db.count("articles") == 0
    assert storage.write_batch([article(1)]).inserted == 1  # the storage is still usable
    with pytest.raises(StorageError, match="without url"):
        storage.write_batch([{"headline": "no url"}])


# --- migrations -------------------------------------------------------------------------------


def test_migration_from_version_1_keeps_the_data(db: Db) -> None:
    with open_storage(db.url) as storage:
        assert storage.schema_version() == 0
        assert storage.migrate(target=1) == 1
        assert storage.count_rows() == {"articles": 0, "article_versions": 0, "rejects": 0}
    item = '{"url": "https://baotayninh.vn/cu.html", "headline": "Bài cũ", "articleBody": "Cũ."}'
    db.execute(  # what a newscrawler of schema version 1 wrote
        "INSERT INTO articles (seq, url, site, section, date_published, first_seen, "
        "version_since, last_seen, fingerprint, item) VALUES (1, 'https://baotayninh.vn/cu.html', "
        "'baotayninh.vn', 'Kinh tế', '2023-01-01T00:00:00.000000+00:00', "
        "'2023-01-02T00:00:00.000000+00:00', '2023-01-02T00:00:00.000000+00:00', "
        f"'2023-01-02T00:00:00.000000+00:00', 'abc', '{item}')",
        "UPDATE counters SET value = 1 WHERE name = 'articles_seq'",
        "INSERT INTO rejects (url, reason, message, item, time) VALUES "
        "('https://baotayninh.vn/x.html', 'BodyTooShort', 'too short', NULL, "
        "'2023-01-02T00:00:00.000000+00:00')",
    )
    with open_storage(db.url) as storage:
        assert storage.migrate() == LATEST_VERSION
        assert storage.schema_version() == LATEST_VERSION
        assert storage.migrate() == LATEST_VERSION  # nothing left to do
        (old,) = storage.iter_articles()
        assert (old.cursor, old.url, old.section) == (1, "https://baotayninh.vn/cu.html",
                                                      "Kinh tế")  # fmt: skip
        assert old.item["headline"] == "Bài cũ"
        assert old.item_json.startswith(b"{") and old.fingerprint == "abc"
        assert db.query("SELECT reason, record_id FROM rejects") == [("BodyTooShort", "v1-1")]
        # The new schema works on the old data: a new version, a reject, a duplicate.
        changed = {**article(0), "url": "https://baotayninh.vn/cu.html", "canonicalUrl": None}
        counts = storage.write_batch(
            [changed], [Reject("https://baotayninh.vn/y.html", "MissingHeadline", "no")],
            [Duplicate("https://a.vn/2", "https://a.vn/1", "exact")],
        )  # fmt: skip
        assert (counts.updated, counts.rejects, counts.duplicates) == (1, 1, 1)
        (new,) = storage.iter_articles()
        assert new.cursor == 2
        assert new.item["headline"] == changed["headline"]
        assert db.query("SELECT item FROM article_versions")[0][0] is not None
        if db.kind == "postgresql":  # the new version's text is kept as written
            assert db.query("SELECT item_text FROM articles")[0][0].encode() == new.item_json
        assert storage.count_rows() == {"articles": 1, "article_versions": 1, "rejects": 2,
                                        "duplicates": 1, "dedup_index": 0}  # fmt: skip


def test_a_database_newer_than_the_code_is_refused(db: Db) -> None:
    with db.open() as storage:
        pass
    db.execute(
        "INSERT INTO schema_migrations (version, description, applied_at) "
        "VALUES (99, 'from the future', '2030-01-01T00:00:00+00:00')"
    )
    with open_storage(db.url) as storage, pytest.raises(SchemaTooNewError, match="upgrade"):
        storage.migrate()


def test_sqlite_checkpoints_after_batches_so_the_log_starts_over(tmp_path: Path) -> None:
    body = "\n".join([BODY] * 12)  # about 5 KB of text per article
    with open_storage(f"sqlite:///{tmp_path}/news.db") as storage:
        storage.migrate()
        for batch in range(12):
            storage.write_batch([article(batch * 100 + n, body=body) for n in range(100)])
        # About 7 MB were written: the log was copied into the database after every 1 MB of
        # items or so, and started over, instead of growing to SQLite's 4,000 pages (64 MB).
        assert (tmp_path / "news.db-wal").stat().st_size < 4_000_000
        with sqlite3.connect(tmp_path / "news.db") as conn:  # another reader sees it all
            assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1200,)


# --- reading ----------------------------------------------------------------------------------


def test_iter_articles_filters(storage: Storage) -> None:
    storage.write_batch([
        article(1, site="baotayninh.vn"), article(2, site="baodaklak.vn"),
        {**article(3), "articleSection": "Kinh tế"}, article(8, site="baodaklak.vn"),
    ])  # fmt: skip
    assert {r.url.split("/")[2] for r in storage.iter_articles(site="baodaklak.vn")} == {
        "baodaklak.vn"
    }
    assert len(list(storage.iter_articles(site="baodaklak.vn"))) == 2
    assert [r.item["articleSection"] for r in storage.iter_articles(section="Kinh tế")] == [
        "Kinh tế"
    ]
    # datePublished 2023-01-0N 21:10 in Vietnam: since 2023-01-04 keeps 3 (Jan 4) and 8 (Jan 9).
    since = sorted(r.url for r in storage.iter_articles(since="2023-01-04"))
    assert since == sorted([article(3)["url"], article(8, site="baodaklak.vn")["url"]])
    with pytest.raises(ValueError, match="whole number"):
        list(storage.iter_articles(after="yesterday"))


def test_iter_articles_streams_in_batches(
    storage: Storage, db: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.write_batch([article(n) for n in range(25)])
    fetched: list[int] = []
    if db.kind == "sqlite":
        # Each page is one statement; count them as SQLite runs them.
        statements: list[str] = []
        storage.conn.set_trace_callback(statements.append)  # type: ignore[attr-defined]
        pages = lambda: [s for s in statements if "FROM articles WHERE seq >" in s]  # noqa: E731
    else:
        real_stream = psycopg.Cursor.stream

        def stream(self: psycopg.Cursor[Any], query: Any, params: Any = None, **kw: Any) -> Any:
            fetched.append(kw.get("size", 1))
            return real_stream(self, query, params, **kw)

        monkeypatch.setattr(psycopg.Cursor, "stream", stream)
        monkeypatch.setattr(psycopg.Cursor, "fetchall", lambda *a: pytest.fail("fetchall"))
    rows = storage.iter_articles(batch_size=10)
    first = next(rows)
    if db.kind == "sqlite":
        assert len(pages()) == 1  # the first row came with the first page of 10 only
    else:
        assert fetched == [10]  # one streamed query, 10 rows at a time
    rest = list(rows)
    assert len(rest) == 24
    cursors = [first.cursor] + [r.cursor for r in rest]
    assert cursors == sorted(cursors) and len(set(cursors)) == 25
    if db.kind == "sqlite":
        assert len(pages()) == 3
    # A consumer that stops early leaves the storage usable.
    monkeypatch.undo()
    rows = storage.iter_articles(batch_size=10)
    next(rows)
    rows.close()
    assert storage.write_batch([article(99)]).inserted == 1
    assert len(list(storage.iter_articles(after=cursors[-1]))) == 1


def test_polling_gets_every_change_once_and_in_order_while_writers_write(db: Db) -> None:
    """Two writers (new articles, and new versions of them) race one reader that polls with
    its last cursor; the reader must see cursors only go up, no version twice, and, at the
    end, every article in its last version."""
    writers_done = threading.Event()
    errors: list[BaseException] = []
    latest: dict[str, str] = {}
    lock = threading.Lock()

    def writer(offset: int) -> None:
        try:
            with db.open() as storage:
                for round_ in range(12):
                    batch = [article(offset + n, body=f"{BODY}\nLần {round_} bài {n}.",
                                     seen=f"2024-03-01T08:{round_:02d}:00+00:00")
                             for n in range(round_ * 3, round_ * 3 + 9)]  # fmt: skip
                    storage.write_batch(batch)
                    with lock:
                        latest.update((a["url"], a["articleBody"]) for a in batch)
                    time.sleep(0.005)  # let the reader poll between batches
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(offset,)) for offset in (0, 1000)]
    seen: list[tuple[int, str, str]] = []
    cursor = 0
    with db.open() as reader:
        for thread in threads:
            thread.start()
        while True:
            done = writers_done.is_set()
            for row in reader.iter_articles(after=cursor, batch_size=7):
                seen.append((row.cursor, row.url, row.fingerprint))
                cursor = row.cursor
            if done:
                break
            if not any(t.is_alive() for t in threads):
                writers_done.set()
        final = {r.url: (r.fingerprint, r.item["articleBody"]) for r in reader.iter_articles()}
    assert not errors, errors
    cursors = [c for c, _, _ in seen]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
    assert len({(url, fp) for _, url, fp in seen}) == len(seen)  # no version twice
    assert {url: body for url, (_, body) in final.items()} == latest
    # The last version the reader got of each article is the current one: none missed.
    assert {url: fp for _, url, fp in seen} == {url: fp for url, (fp, _) in final.items()}
    assert len(seen) > len(final)  # it did see articles change while it polled


# --- a crawl killed mid-batch ---------------------------------------------------------------

WRITER = """
import sys
from newscrawler.storage import open_storage
url, batches, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
body = open(sys.argv[4], encoding="utf-8").read()
with open_storage(url) as storage:
    storage.migrate()
    for b in range(batches):
        print("start", b, flush=True)
        storage.write_batch([{
            "url": f"https://baotayninh.vn/bai-{b * size + i}.html", "headline": f"Bài {b}-{i}",
            "articleBody": body + f" {b}-{i}",
            "metadata": {"dateDownloaded": "2024-03-01T08:00:00+00:00"},
        } for i in range(size)])
        print("done", b, flush=True)
"""


def test_a_writer_killed_mid_batch_leaves_a_consistent_database(db: Db, tmp_path: Path) -> None:
    batches, size = 40, 300
    body_file = tmp_path / "body.txt"
    body_file.write_text("\n".join([BODY] * 12), encoding="utf-8")  # ~5 KB articles
    command = [sys.executable, "-c", WRITER, db.url, str(batches), str(size), str(body_file)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert process.stdout is not None
    done = 0
    for line in process.stdout:
        word, number = line.split()
        if word == "done":
            done = int(number) + 1
        elif done >= 3:  # inside write_batch of the next batch
            time.sleep(0.02)
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the writer ended before it was killed"
    stored = db.count("articles")
    assert stored % size == 0, f"{stored} articles: part of a batch was committed"
    assert stored >= done * size
    if db.kind == "sqlite":
        assert db.query("PRAGMA integrity_check") == [("ok",)]
    assert db.query("SELECT value FROM counters")[0][0] == stored  # no seq handed out twice

    rerun = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT,
                           timeout=300, check=False)  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert db.query("SELECT count(*), count(DISTINCT url), count(DISTINCT seq) FROM articles") == [
        (batches * size, batches * size, batches * size)
    ]
    assert db.count("article_versions") == 0


# --- the pipeline -------------------------------------------------------------------------------


def make_pipeline(db: Db, tmp_path: Path, **settings: Any) -> StoragePipeline:
    crawler = get_crawler(settings_dict={
        "NEWSCRAWLER_DATABASE_URL": db.url, "NEWSCRAWLER_DB_BATCH_SIZE": 5,
        "NEWSCRAWLER_SPOOL_DIR": str(tmp_path / "spool"), **settings,
    })  # fmt: skip
    pipeline = build_from_crawler(StoragePipeline, crawler)
    pipeline.clock = Clock()  # the periodic flush runs when a test says, not on the reactor
    return pipeline


def database_goes_away(pipeline: StoragePipeline, db: Db) -> None:
    """The pipeline's connection breaks and reconnecting fails (until ``pipeline.url`` is set
    back to ``db.url``)."""
    assert pipeline.storage is not None
    db.break_connection(pipeline.storage)
    pipeline.url = db.closed_url


def advance(pipeline: StoragePipeline, seconds: float) -> None:
    assert isinstance(pipeline.clock, Clock)
    pipeline.clock.advance(seconds)


def items(first: int, n: int) -> list[Article]:
    return [
        Article(url=f"https://baotayninh.vn/bai-{i}.html", headline=f"Bài {i}", articleBody=BODY,
                datePublished="2023-01-01T10:00:00+07:00", metadata={"site": "baotayninh.vn"})
        for i in range(first, first + n)
    ]  # fmt: skip


def stat(pipeline: StoragePipeline, key: str) -> Any:
    assert pipeline.crawler is not None and pipeline.crawler.stats is not None
    return pipeline.crawler.stats.get_value(f"newscrawler/storage/{key}", 0)


def test_pipeline_stores_articles_rejects_and_duplicates(db: Db, tmp_path: Path) -> None:
    pipeline = make_pipeline(db, tmp_path)
    crawler = pipeline.crawler
    assert crawler is not None
    pipeline.open_spider()
    other = {"not": "an article"}
    assert pipeline.process_item(other) is other
    for item in items(0, 7):
        assert pipeline.process_item(item) is item
    assert db.count("articles") == 5  # one batch of 5 written, 2 buffered
    short = items(100, 1)[0]
    send = crawler.signals.send_catch_log
    send(signals.item_dropped, item=short, response=None, exception=BodyTooShort("too short"),
         spider=None)  # fmt: skip
    send(nc_signals.page_rejected, url="https://a.vn/x", reason="ExtractionError", message="boom")
    send(duplicate_found, url="https://baotayninh.vn/bai-1.html?a=1",
         duplicate_of="https://baotayninh.vn/bai-1.html", kind="exact")  # fmt: skip
    pipeline.close_spider()
    assert db.count("articles") == 7
    assert sorted(db.query("SELECT reason, url FROM rejects")) == [
        ("BodyTooShort", "https://baotayninh.vn/bai-100.html"),
        ("ExtractionError", "https://a.vn/x"),
    ]
    assert db.query("SELECT kind, duplicate_of FROM duplicates") == [
        ("exact", "https://baotayninh.vn/bai-1.html")
    ]
    assert stat(pipeline, "inserted") == 7
    assert stat(pipeline, "batches") == 2
    assert not spool_files(tmp_path / "spool")


def refuse_poison(db: Db, *tables: str) -> None:
    """Make the database refuse the rows of ``tables`` whose url has ``poison`` in it, as it
    refuses data that breaks a constraint."""
    for table in tables:
        if db.kind == "sqlite":
            db.execute(
                f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} WHEN NEW.url LIKE "
                "'%poison%' BEGIN SELECT RAISE(ABORT, 'poison refused'); END"
            )
        else:
            db.execute(
                "CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN IF NEW.url LIKE '%poison%' THEN RAISE EXCEPTION 'poison refused' "
                "USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$",
                f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW "
                "EXECUTE FUNCTION refuse_poison()",
            )


def poison(n: int) -> Article:
    (item,) = items(n, 1)
    item.url = f"https://baotayninh.vn/poison-{n}.html"
    return item


def test_a_batch_refused_for_its_data_is_split_and_the_refused_records_become_rejects(
    db: Db, tmp_path: Path
) -> None:
    pipeline = make_pipeline(db, tmp_path, NEWSCRAWLER_DB_BATCH_SIZE=8)
    pipeline.open_spider()
    refuse_poison(db, "articles")
    for item in [*items(0, 3), poison(3), *items(4, 3)]:
        pipeline.process_item(item)
    pipeline.page_rejected("https://a.vn/x", None, "no reason")  # type: ignore[arg-type]
    # The batch of 8 is written but for its two refused records: no outage, nothing spooled.
    assert db.count("articles") == 6
    assert pipeline.spool is None and pipeline.storage is not None
    for item in items(7, 8):  # the batches after it are written as they come
        pipeline.process_item(item)
    assert db.count("articles") == 14
    pipeline.close_spider()
    refused = db.query(
        "SELECT url, message, item FROM rejects WHERE reason = 'StorageRejected' ORDER BY url"
    )
    assert [(url, "poison refused" in message) for url, message, _ in refused] == [
        ("https://a.vn/x", False),
        ("https://baotayninh.vn/poison-3.html", True),
    ]
    assert "null" in refused[0][1].lower() and "reason" in refused[0][1]  # the database says why
    items_ = [i if isinstance(i, dict) else orjson.loads(i) for _, _, i in refused]
    assert items_[0]["reject"]["message"] == "no reason"
    assert items_[1]["headline"] == "Bài 3"  # the article, whole
    assert stat(pipeline, "refused") == 2
    assert stat(pipeline, "failures") == 0
    assert not spool_files(tmp_path / "spool")
    # Written again (a replayed spool), each refusal is stored once.
    with db.open() as storage:
        result = write_isolating(storage, SpooledBatch([article(99), items_[1]]))
    assert (result.counts.inserted, result.refused) == (1, 1)
    assert db.count("rejects") == 2


def test_an_outage_while_a_refused_batch_is_split_spools_it_whole(db: Db, tmp_path: Path) -> None:
    calls: list[int] = []

    class GoesAway:
        """The storage, whose database goes away at its third write."""

        def __init__(self, storage: Storage) -> None:
            self.storage = storage

        def write_batch(self, *args: Any) -> Any:
            calls.append(len(calls))
            if len(calls) == 3:
                raise StorageUnavailableError("the database went away")
            return self.storage.write_batch(*args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.storage, name)

    pipeline = make_pipeline(db, tmp_path, NEWSCRAWLER_DB_BATCH_SIZE=8,
                             NEWSCRAWLER_DB_RETRY_INTERVAL=0)  # fmt: skip
    pipeline.opener = lambda url: GoesAway(open_storage(url))  # type: ignore[assignment,return-value]
    pipeline.open_spider()
    refuse_poison(db, "articles")
    for item in [*items(0, 4), poison(4), *items(5, 3)]:
        pipeline.process_item(item)
    # The batch was refused, its first half written, then the database went away.
    assert calls == [0, 1, 2] and db.count("articles") == 4
    assert pipeline.spool is not None and [len(b) for b in pipeline.spool.batches()] == [8]
    pipeline.close_spider()  # back: the batch is written, once
    assert db.count("articles") == 7
    assert db.query("SELECT url, reason FROM rejects") == [
        ("https://baotayninh.vn/poison-4.html", "StorageRejected")
    ]
    assert not spool_files(tmp_path / "spool")


def test_an_item_that_is_not_json_is_refused_alone(storage: Storage, db: Db) -> None:
    odd = article(2)
    odd["metadata"] = {**odd["metadata"], 7: "a key that is no text"}
    result = write_isolating(storage, SpooledBatch([article(1), odd, article(3)]))
    assert (result.counts.inserted, result.refused, result.held) == (2, 1, SpooledBatch())
    ((url, message),) = db.query("SELECT url, message FROM rejects")
    assert url == odd["url"] and "not JSON" in message


def test_a_record_refused_even_as_a_reject_is_held_in_a_spool_of_its_own(
    db: Db, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pipeline = make_pipeline(db, tmp_path)
    pipeline.open_spider()
    refuse_poison(db, "articles", "rejects")
    for item in [*items(0, 2), poison(2), *items(3, 7)]:
        pipeline.process_item(item)
    assert db.count("articles") == 9 and db.count("rejects") == 0
    assert pipeline.spool is None  # the crawl's batches are not held up
    pipeline.close_spider()
    (held,) = spool_files(tmp_path / "spool")
    assert "-held-" in held.name
    assert "refused by" in caplog.text and str(held) in caplog.text
    assert stat(pipeline, "records_held") == 1
    # Once the cause is fixed, replay_spool stores it.
    db.execute("DROP TRIGGER refuse_articles" + (" ON articles" if db.kind != "sqlite" else ""))
    result = replay_spool(db.url, tmp_path / "spool")
    assert (result.files, result.counts.inserted, result.held) == ([held], 1, [])
    assert db.count("articles") == 10 and not held.exists()


def test_replay_spool_holds_what_is_refused_and_writes_the_rest(db: Db, tmp_path: Path) -> None:
    spool = Spool.create(tmp_path / "spool", "test")
    spool.append(SpooledBatch([article(1), ItemAdapter(poison(2)).asdict(), article(3)]))
    spool.append(SpooledBatch([article(4)]))
    spool.close()
    with db.open():
        pass
    refuse_poison(db, "articles", "rejects")
    result = replay_spool(db.url, tmp_path / "spool")
    assert (result.batches, result.counts.inserted, result.refused) == (2, 3, 0)
    (held,) = result.held
    assert spool_files(tmp_path / "spool") == [held]
    (batch,) = Spool.take(held).batches()  # type: ignore[union-attr]
    assert [a["url"] for a in batch.articles] == ["https://baotayninh.vn/poison-2.html"]


def test_a_slow_crawl_reaches_the_database_every_flush_interval(db: Db, tmp_path: Path) -> None:
    pipeline = make_pipeline(db, tmp_path, NEWSCRAWLER_DB_FLUSH_INTERVAL=10)
    pipeline.open_spider()
    for item in items(0, 2):
        pipeline.process_item(item)
    pipeline.page_rejected("https://a.vn/x", "ExtractionError", "boom")
    advance(pipeline, 9.9)
    assert db.count("articles") == 0  # a batch of 5 is not full, and it is not time yet
    advance(pipeline, 0.1)
    assert (db.count("articles"), db.count("rejects")) == (2, 1)
    advance(pipeline, 10)  # nothing buffered: no empty batch
    assert stat(pipeline, "batches") == 1
    for item in items(2, 6):  # a full batch is written at once, the rest at the next tick
        pipeline.process_item(item)
    assert db.count("articles") == 7
    advance(pipeline, 10)
    assert db.count("articles") == 8 and stat(pipeline, "batches") == 3
    pipeline.close_spider()
    assert pipeline.clock.getDelayedCalls() == []  # type: ignore[union-attr]


def test_a_flush_interval_of_zero_writes_full_batches_only(db: Db, tmp_path: Path) -> None:
    pipeline = make_pipeline(db, tmp_path, NEWSCRAWLER_DB_FLUSH_INTERVAL=0)
    pipeline.open_spider()
    for item in items(0, 2):
        pipeline.process_item(item)
    advance(pipeline, 3600)
    assert db.count("articles") == 0
    pipeline.close_spider()
    assert db.count("articles") == 2


def test_a_negative_flush_interval_is_refused(db: Db, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="NEWSCRAWLER_DB_FLUSH_INTERVAL must be 0"):
        make_pipeline(db, tmp_path, NEWSCRAWLER_DB_FLUSH_INTERVAL=-1)


def test_the_spool_is_written_when_the_database_is_back_without_new_items(
    db: Db, tmp_path: Path
) -> None:
    pipeline = make_pipeline(db, tmp_path, NEWSCRAWLER_DB_RETRY_INTERVAL=30)
    pipeline.open_spider()
    database_goes_away(pipeline, db)
    for item in items(0, 7):
        pipeline.process_item(item)
    advance(pipeline, 10)
    assert pipeline.spool is not None and [len(b) for b in pipeline.spool.batches()] == [5, 2]
    pipeline.url = db.url  # back; the crawl has nothing more to store
    advance(pipeline, 10)
    assert pipeline.spool is not None  # tried again only after the retry interval
    pipeline.retry_at = 0.0
    advance(pipeline, 10)
    assert pipeline.spool is None and db.count("articles") == 7
    pipeline.close_spider()


def test_pipeline_is_off_without_a_database_url() -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_DATABASE_URL": ""})
    with pytest.raises(NotConfigured, match="NEWSCRAWLER_DATABASE_URL"):
        build_from_crawler(StoragePipeline, crawler)


def test_pipeline_refuses_to_start_without_its_database(db: Db, tmp_path: Path) -> None:
    pipeline = make_pipeline(db, tmp_path, NEWSCRAWLER_DATABASE_URL=db.closed_url)
    with pytest.raises(StorageUnavailableError) as error:
        pipeline.open_spider()
    message = str(error.value)
    assert "the crawl does not start" in message
    assert "NEWSCRAWLER_DATABASE_URL" in message
    if db.kind == "postgresql":
        assert "Start PostgreSQL (e.g. `pg_ctlcluster 15 main start`)" in message
    else:
        assert "Check that its folder exists or can be created" in message
    pipeline.close_spider()  # Scrapy closes what it opened: nothing to do


def test_an_outage_is_spooled_and_written_when_the_database_is_back(db: Db, tmp_path: Path) -> None:
    pipeline = make_pipeline(db, tmp_path, NEWSCRAWLER_DB_RETRY_INTERVAL=0)
    pipeline.open_spider()
    for item in items(0, 5):
        pipeline.process_item(item)
    assert db.count("articles") == 5
    database_goes_away(pipeline, db)
    for item in items(5, 10):
        pipeline.process_item(item)
    pipeline.item_dropped(items(99, 1)[0], BodyTooShort("short"))
    assert db.count("articles") == 5
    assert pipeline.spool is not None
    spool_path = pipeline.spool.path
    assert spool_path.parent == tmp_path / "spool"
    assert [len(b.articles) for b in pipeline.spool.batches()] == [5, 5]
    assert Spool.take(spool_path) is None  # locked by the crawl: a replay leaves it alone
    assert stat(pipeline, "failures") == 2  # the broken connection, then the closed port
    # Back, but it is too early to try again: still spooled, in order.
    pipeline.url = db.url
    pipeline.retry_at = time.monotonic() + 3600
    for item in items(15, 4):
        pipeline.process_item(item)
    assert [len(b) for b in pipeline.spool.batches()] == [5, 5, 5]
    # Time to try again: the spool is written first, then the new batch.
    pipeline.retry_at = 0
    for item in items(19, 5):
        pipeline.process_item(item)
    assert pipeline.spool is None and not spool_path.exists()
    pipeline.close_spider()
    assert db.count("articles") == 24
    assert db.count("rejects") == 1
    urls = [u for (u,) in db.query("SELECT url FROM articles ORDER BY seq")]
    assert urls == [f"https://baotayninh.vn/bai-{i}.html" for i in range(24)]  # in crawl order
    assert stat(pipeline, "batches_spooled") == 3
    assert stat(pipeline, "batches_replayed") == 3


def test_what_is_still_spooled_at_the_end_is_replayed_once(db: Db, tmp_path: Path) -> None:
    pipeline = make_pipeline(db, tmp_path)
    pipeline.open_spider()
    database_goes_away(pipeline, db)
    for item in items(0, 12):
        pipeline.process_item(item)
    pipeline.page_rejected("https://a.vn/x", "ExtractionError", "boom")
    pipeline.close_spider()  # the database is still away: the spool stays
    (path,) = spool_files(tmp_path / "spool")
    copy = tmp_path / "copy.jsonl"
    shutil.copy(path, copy)
    assert db.count("articles") == 0

    result = replay_spool(db.url, tmp_path / "spool")
    assert (result.files, result.batches, result.counts.inserted) == ([path], 3, 12)
    assert not path.exists()
    assert db.count("articles") == 12 and db.count("rejects") == 1
    # The same batches again (a replay that died before removing its file): stored once.
    shutil.move(copy, tmp_path / "spool" / "again.jsonl")
    result = replay_spool(db.url, tmp_path / "spool")
    assert (result.counts.inserted, result.counts.unchanged) == (0, 12)
    assert db.count("articles") == 12 and db.count("rejects") == 1
    assert replay_spool(db.url, tmp_path / "spool").files == []


@pytest_twisted.ensureDeferred
async def test_a_crawl_fills_the_database(db: Db, tmp_path: Path) -> None:
    portal = next(p for p in PORTALS if p.name == "baotayninh")
    settings = settings_for_tests(
        tmp_path, NEWSCRAWLER_DATABASE_URL=db.url, NEWSCRAWLER_SPOOL_DIR=str(tmp_path / "spool"),
        NEWSCRAWLER_MIN_BODY_CHARS=2000,  # some articles are dropped: they are stored as rejects
        ITEM_PIPELINES={**settings_for_tests(tmp_path)["ITEM_PIPELINES"], PIPELINE: 800},
    )  # fmt: skip
    with serve(DEMO / portal.domain) as server:
        result = await run_spider(SPIDERS[portal.name], settings, base_url=server.url)
    assert result.items and result.dropped
    assert db.count("articles") == len(result.items)
    assert db.count("rejects") == len(result.dropped)
    assert result.stat("newscrawler/storage/inserted") == len(result.items)
    expected = {a["headline"] for a in load_expected(portal.domain)["articles"]}
    with db.open() as storage:
        assert {r.item["headline"] for r in storage.iter_articles()} <= expected


@pytest_twisted.ensureDeferred
async def test_a_crawl_does_not_start_without_its_database(db: Db, tmp_path: Path) -> None:
    portal = PORTALS[0]
    settings = settings_for_tests(
        tmp_path, NEWSCRAWLER_DATABASE_URL=db.closed_url,
        ITEM_PIPELINES={**settings_for_tests(tmp_path)["ITEM_PIPELINES"], PIPELINE: 800},
    )  # fmt: skip
    with serve(DEMO / portal.domain) as server:
        with pytest.raises(StorageUnavailableError, match="NEWSCRAWLER_DATABASE_URL"):
            await run_spider(SPIDERS[portal.name], settings, base_url=server.url)
        assert server.hits == []  # not even robots.txt


# --- URLs and commands --------------------------------------------------------------------------


def test_open_storage_by_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_storage("sqlite:///data/relative.db") as storage:
        storage.migrate()
    assert (tmp_path / "data" / "relative.db").is_file()
    with open_storage(f"sqlite:///{tmp_path}/absolute.db") as storage:
        storage.migrate()
    assert (tmp_path / "absolute.db").is_file()
    with pytest.raises(StorageError, match=r"NEWSCRAWLER_DATABASE_URL=.*unknown scheme 'mysql'"):
        open_storage("mysql://root:secret@localhost/news")
    with pytest.raises(StorageError) as error:
        open_storage("redis://user:secret@localhost/0")
    assert "secret" not in str(error.value)


def scrapy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_db_and_replay_spool_commands(db: Db, tmp_path: Path) -> None:
    with db.open() as storage:
        storage.write_batch([article(1), article(2)])
    spool = Spool.create(tmp_path / "spool", "test")
    spool.append(SpooledBatch([article(3)], [Reject("https://a.vn/r", "BodyTooShort", "m")]))
    spool.close()
    result = scrapy("replay_spool", "--url", db.url, "--spool-dir", str(tmp_path / "spool"),
                    cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "1 file(s), 1 batch(es) written" in result.stdout
    assert "1 new" in result.stdout
    result = scrapy("db", "--url", db.url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"schema version: {LATEST_VERSION}\n" in result.stdout
    assert "articles: 3\n" in result.stdout and "rejects: 1\n" in result.stdout
    result = scrapy("db", "--url", db.closed_url.replace("postgres@", "postgres:pw@"),
                    cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1
    assert "error:" in result.stdout and ":pw@" not in result.stdout
