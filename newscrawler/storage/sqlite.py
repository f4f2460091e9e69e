"""SQLite storage (``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db``): embedded,
nothing to install. WAL mode, so that an export reads while a crawl writes; one transaction per
batch, taken with ``BEGIN IMMEDIATE`` so that writers queue instead of failing.

The cursor is the table's rowid (``seq``): articles are kept in cursor order and an export is a
scan of the table.

Checkpoints (copying the write-ahead log into the database file, and syncing it) run in a thread
of their own after a batch is committed, while the caller prepares the next one; the next
transaction waits for the checkpoint to end first, so that the log starts over instead of
growing.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from newscrawler.storage.base import (
    DATABASE_URL_SETTING,
    TABLES,
    ArticleRow,
    BatchCounts,
    DedupIndexTransaction,
    Duplicate,
    Existing,
    Reject,
    SchemaTooNewError,
    SQLDedupTransaction,
    Storage,
    StorageError,
    StorageUnavailableError,
    StoredArticle,
    batch_urls,
    hide_password,
    parse_after,
    plan_write,
    prepare_article,
    to_utc,
    utcnow,
)

logger = logging.getLogger(__name__)

#: Each migration: version, what it does, its statements (run in one transaction).
MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        1,
        "articles with history, rejects",
        (
            "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
            "INSERT INTO counters (name, value) VALUES ('articles_seq', 0)",
            """CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            site TEXT,
            section TEXT,
            date_published TEXT,
            first_seen TEXT NOT NULL,
            version_since TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            item TEXT NOT NULL
        )""",
            # seq is the rowid, which every index ends with: (site) is (site, seq).
            "CREATE INDEX articles_site ON articles (site)",
            "CREATE INDEX articles_section ON articles (section)",
            "CREATE INDEX articles_date_published ON articles (date_published)",
            "CREATE INDEX articles_first_seen ON articles (first_seen)",
            "CREATE INDEX articles_last_seen ON articles (last_seen)",
            "CREATE INDEX articles_fingerprint ON articles (fingerprint)",
            """CREATE TABLE article_versions (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            replaced_at TEXT NOT NULL,
            item TEXT NOT NULL
        )""",
            "CREATE INDEX article_versions_url ON article_versions (url, fingerprint)",
            """CREATE TABLE rejects (
            id INTEGER PRIMARY KEY,
            url TEXT,
            reason TEXT NOT NULL,
            message TEXT NOT NULL,
            item TEXT,
            time TEXT NOT NULL
        )""",
            "CREATE INDEX rejects_reason ON rejects (reason, time)",
            "CREATE INDEX rejects_url ON rejects (url)",
        ),
    ),
    (
        2,
        "duplicates; record ids that make a replayed spool store a reject once",
        (
            "ALTER TABLE rejects ADD COLUMN record_id TEXT",
            "UPDATE rejects SET record_id = 'v1-' || id WHERE record_id IS NULL",
            "CREATE UNIQUE INDEX rejects_record_id ON rejects (record_id)",
            """CREATE TABLE duplicates (
            id INTEGER PRIMARY KEY,
            record_id TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL,
            duplicate_of TEXT NOT NULL,
            kind TEXT NOT NULL,
            similarity REAL,
            time TEXT NOT NULL
        )""",
            "CREATE INDEX duplicates_url ON duplicates (url)",
            "CREATE INDEX duplicates_duplicate_of ON duplicates (duplicate_of)",
        ),
    ),
    (
        3,
        "dedup index: fingerprints, MinHash signatures and LSH band keys, shared by crawls",
        (
            """CREATE TABLE dedup_index (
            id INTEGER PRIMARY KEY,
            canonical_url TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL,
            story_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            kept INTEGER NOT NULL,
            similarity REAL,
            duplicate_of TEXT,
            fingerprint TEXT NOT NULL,
            signature BLOB NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        )""",
            "CREATE INDEX dedup_index_fingerprint ON dedup_index (fingerprint)",
            "CREATE INDEX dedup_index_story_id ON dedup_index (story_id)",
            """CREATE TABLE dedup_bands (
            band_key INTEGER NOT NULL,
            entry INTEGER NOT NULL REFERENCES dedup_index (id),
            PRIMARY KEY (band_key, entry)
        ) WITHOUT ROWID""",
        ),
    ),
    # PostgreSQL's version 4 keeps the item's JSON text beside its JSONB, which SQLite stores
    # as text already: nothing to change here, the number keeps the versions of both alike.
    (4, "articles keep their item's JSON text too, for exports", ()),
)
LATEST_VERSION = MIGRATIONS[-1][0]

_PRAGMAS = (
    # A 5 KB item fits in one page, instead of spilling onto overflow pages (a new database
    # only: an existing one keeps its page size).
    "PRAGMA page_size = 16384",
    "PRAGMA journal_mode = WAL",
    # In WAL mode, NORMAL loses no committed transaction when the process dies (kill -9),
    # only on a power cut, and saves an fsync per commit.
    "PRAGMA synchronous = NORMAL",
    "PRAGMA cache_size = -65536",  # 64 MiB: the indexes of a few million articles
    "PRAGMA temp_store = MEMORY",
    # Pages are read from the operating system's cache in place, not copied by a read() each:
    # an export of 5 KB articles scans the table 1.3-1.7 times faster. Writes still go through
    # the write-ahead log. (SQLite caps it at its own maximum, 2 GB by default.)
    "PRAGMA mmap_size = 2147483648",
)
_LOOKUP_CHUNK = 500  # URLs per "url IN (…)" query: under SQLite's bound-variable limit
#: Item bytes written since the last checkpoint after which a batch's commit starts one in the
#: background. SQLite's own automatic checkpoint (run by the committing thread, which waits for
#: it) is kept as a backstop for a log that grows without batches, at 4,000 pages.
_CHECKPOINT_BYTES = 1 << 20
_AUTOCHECKPOINT_PAGES = 4000


def _ts(value: datetime | None) -> str | None:
    """A UTC datetime as stored: fixed-width ISO-8601, so that text order is time order."""
    return None if value is None else value.isoformat(timespec="microseconds")


def sqlite_path(url: str) -> str:
    """The file of a ``sqlite://`` URL.

    >>> sqlite_path("sqlite:///data/newscrawler.db"), sqlite_path("sqlite:////var/nc.db")
    ('data/newscrawler.db', '/var/nc.db')
    """
    if not url.startswith("sqlite:///") or len(url) == len("sqlite:///"):
        raise StorageError(
            f"{DATABASE_URL_SETTING}={url!r}: a SQLite URL is sqlite:///relative/path.db or "
            "sqlite:////absolute/path.db"
        )
    return url[len("sqlite:///") :].split("?", 1)[0]


class _Checkpointer:
    """Runs ``PRAGMA wal_checkpoint(PASSIVE)`` in a thread, on a connection of its own: SQLite
    lets go of the GIL while it copies and syncs, so the caller goes on preparing the next
    batch meanwhile. A checkpoint that fails is logged and left to the next one (or to SQLite's
    automatic checkpoint): the log holds every committed transaction until it is copied."""

    def __init__(self, path: str, busy_timeout: float) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self._conn: sqlite3.Connection | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start a checkpoint, unless one is running."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="newscrawler-sqlite-checkpoint", daemon=True
            )
            self._thread.start()

    def wait(self) -> None:
        """Wait for the running checkpoint, if any, to end."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(
                    self.path, timeout=self.busy_timeout, isolation_level=None,
                    check_same_thread=False,
                )  # fmt: skip
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:
            logger.warning("SQLite %(path)s: checkpoint failed: %(error)s",
                           {"path": self.path, "error": exc})  # fmt: skip

    def close(self) -> None:
        self.wait()
        if self._conn is not None:
            with suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None


class SQLiteStorage(Storage):
    """Storage in one SQLite file."""

    def __init__(self, url: str, *, busy_timeout: float = 30.0) -> None:
        self.url = url
        self.display_url = hide_password(url)
        self.path = sqlite_path(url)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            for pragma in _PRAGMAS:
                self.conn.execute(pragma)
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {_AUTOCHECKPOINT_PAGES}")
        except (OSError, sqlite3.Error) as exc:
            raise StorageUnavailableError(
                f"cannot open the SQLite database {self.path} ({DATABASE_URL_SETTING}="
                f"{self.display_url}): {exc}. Check that its folder exists or can be created, "
                "and that it can be written to."
            ) from exc
        self._checkpointer = (
            _Checkpointer(self.path, busy_timeout) if self.path != ":memory:" else None
        )
        self._unchecked_bytes = 0

    # --- errors and transactions ----------------------------------------------------------------

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except (sqlite3.OperationalError, sqlite3.ProgrammingError) as exc:
            if "binding parameter" not in str(exc):  # a value of a type SQLite cannot store
                raise StorageUnavailableError(f"SQLite {self.path}: {doing} failed: {exc}") from exc
            raise StorageError(f"SQLite {self.path}: {doing} failed: {exc}") from exc
        except (sqlite3.Error, UnicodeError, orjson.JSONEncodeError) as exc:
            # A refusal of the data (a constraint, text that is not Unicode, an item that is
            # not JSON), as opposed to the database being out of reach.
            raise StorageError(f"SQLite {self.path}: {doing} failed: {exc}") from exc

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[sqlite3.Connection]:
        if self._checkpointer is not None:
            self._checkpointer.wait()
        with self._errors(doing):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                with suppress(sqlite3.Error):  # also when COMMIT itself failed
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                raise

    # --- schema ---------------------------------------------------------------------------------

    def _table_exists(self, name: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def schema_version(self) -> int:
        with self._errors("reading the schema version"):
            if not self._table_exists("schema_migrations"):
                return 0
            row = self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
            return int(row[0] or 0)

    def migrate(self, target: int | None = None) -> int:
        target = LATEST_VERSION if target is None else target
        with self._transaction("creating the migrations table"):
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        for version, description, statements in MIGRATIONS:
            if version > target:
                break
            with self._transaction(f"migration {version} ({description})") as conn:
                current = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
                current = int(current[0] or 0)
                if current > LATEST_VERSION:
                    raise SchemaTooNewError(
                        f"the database {self.display_url} has schema version {current}, newer "
                        f"than this newscrawler knows ({LATEST_VERSION}): upgrade newscrawler"
                    )
                if current >= version:
                    continue
                for statement in statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, description, applied_at) "
                    "VALUES (?, ?, ?)",
                    (version, description, _ts(utcnow())),
                )
        version = self.schema_version()
        if version > LATEST_VERSION:
            raise SchemaTooNewError(
                f"the database {self.display_url} has schema version {version}, newer than "
                f"this newscrawler knows ({LATEST_VERSION}): upgrade newscrawler"
            )
        return version

    # --- writing --------------------------------------------------------------------------------

    def _existing(self, conn: sqlite3.Connection, urls: Sequence[str]) -> dict[str, Existing]:
        found: dict[str, Existing] = {}
        for start in range(0, len(urls), _LOOKUP_CHUNK):
            chunk = urls[start : start + _LOOKUP_CHUNK]
            rows = conn.execute(
                "SELECT url, fingerprint, first_seen, version_since, last_seen FROM articles "
                f"WHERE url IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for url, fingerprint, first_seen, version_since, last_seen in rows:
                found[url] = Existing(fingerprint, datetime.fromisoformat(first_seen),
                                      datetime.fromisoformat(version_since),
                                      datetime.fromisoformat(last_seen))  # fmt: skip
        return found

    def write_batch(
        self,
        articles: Sequence[Any] = (),
        rejects: Sequence[Reject] = (),
        duplicates: Sequence[Duplicate] = (),
    ) -> BatchCounts:
        now = utcnow()
        items, urls = batch_urls(articles)
        # Prepared before the transaction: the write lock is held for the SQL only, and the
        # last batch's checkpoint runs meanwhile.
        rows = [prepare_article(item, now) for item in items]
        with self._transaction("writing a batch") as conn:
            existing = self._existing(conn, list(dict.fromkeys(urls))) if urls else {}
            plan = plan_write(items, urls, existing, now, rows=rows, rejects=rejects,
                              duplicates=duplicates)  # fmt: skip
            if plan.seqs_needed:
                conn.execute(
                    "UPDATE counters SET value = value + ? WHERE name = 'articles_seq'",
                    (plan.seqs_needed,),
                )
                (last,) = conn.execute(
                    "SELECT value FROM counters WHERE name = 'articles_seq'"
                ).fetchone()
                plan.assign_seqs(last - plan.seqs_needed + 1)
            if plan.archive_from_db:
                conn.executemany(
                    "INSERT INTO article_versions (url, fingerprint, first_seen, last_seen, "
                    "replaced_at, item) SELECT url, fingerprint, version_since, last_seen, ?, "
                    "item FROM articles WHERE url = ?",
                    [(_ts(replaced), url) for url, replaced in plan.archive_from_db],
                )
            if plan.archive_rows:
                conn.executemany(
                    "INSERT INTO article_versions (url, fingerprint, first_seen, last_seen, "
                    "replaced_at, item) VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT))",
                    [(v.url, v.fingerprint, _ts(v.first_seen), _ts(v.last_seen),
                      _ts(v.replaced_at), v.item_json) for v in plan.archive_rows],
                )  # fmt: skip
            if plan.older_rows:
                conn.executemany(
                    "INSERT INTO article_versions (url, fingerprint, first_seen, last_seen, "
                    "replaced_at, item) SELECT ?1, ?2, ?3, ?4, ?5, CAST(?6 AS TEXT) WHERE NOT "
                    "EXISTS (SELECT 1 FROM article_versions WHERE url = ?1 AND "
                    "fingerprint IN (?2, ?7))",
                    [(v.url, v.fingerprint, _ts(v.first_seen), _ts(v.last_seen),
                      _ts(v.replaced_at), v.item_json, v.v1_fingerprint)
                     for v in plan.older_rows],
                )  # fmt: skip
            if plan.fresh or plan.inserts:
                conn.executemany(
                    "INSERT INTO articles (seq, url, site, section, date_published, first_seen, "
                    "version_since, last_seen, fingerprint, item) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT))",
                    itertools.chain(
                        (_fresh_params(seq, row) for seq, row in plan.fresh_rows(now)),
                        ((s.seq, s.row.url, s.row.site, s.row.section,
                          _ts(s.row.date_published), _ts(s.first_seen), _ts(s.version_since),
                          _ts(s.last_seen), s.row.fingerprint, s.row.item_json)
                         for s in plan.inserts),
                    ),
                )  # fmt: skip
            if plan.updates:
                conn.executemany(
                    "UPDATE articles SET seq = ?, site = ?, section = ?, date_published = ?, "
                    "first_seen = ?, version_since = ?, last_seen = ?, fingerprint = ?, "
                    "item = CAST(? AS TEXT) WHERE url = ?",
                    [(s.seq, s.row.site, s.row.section, _ts(s.row.date_published),
                      _ts(s.first_seen), _ts(s.version_since), _ts(s.last_seen),
                      s.row.fingerprint, s.row.item_json, s.row.url) for s in plan.updates],
                )  # fmt: skip
            if plan.touches:
                conn.executemany(
                    "UPDATE articles SET first_seen = ?, version_since = ?, last_seen = ? "
                    "WHERE url = ?",
                    [(_ts(s.first_seen), _ts(s.version_since), _ts(s.last_seen), s.row.url)
                     for s in plan.touches],
                )  # fmt: skip
                conn.executemany(
                    "UPDATE articles SET fingerprint = ? WHERE url = ?",
                    [(s.row.fingerprint, s.row.url) for s in plan.touches
                     if s.fingerprint_upgraded],
                )  # fmt: skip
            if rejects:
                conn.executemany(
                    "INSERT INTO rejects (record_id, url, reason, message, item, time) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO NOTHING",
                    [(r.id, r.url, r.reason, r.message, _json_text(r.item), _ts(to_utc(r.time)))
                     for r in rejects],
                )  # fmt: skip
            if duplicates:
                conn.executemany(
                    "INSERT INTO duplicates (record_id, url, duplicate_of, kind, similarity, "
                    "time) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO NOTHING",
                    [(d.id, d.url, d.duplicate_of, d.kind, d.similarity, _ts(to_utc(d.time)))
                     for d in duplicates],
                )  # fmt: skip
        self._unchecked_bytes += sum(len(row.item_json) for row in rows)
        if self._checkpointer is not None and self._unchecked_bytes >= _CHECKPOINT_BYTES:
            self._unchecked_bytes = 0
            self._checkpointer.start()
        return plan.counts

    # --- reading --------------------------------------------------------------------------------

    def iter_articles(
        self,
        *,
        site: str | None = None,
        section: str | None = None,
        since: str | date | datetime | None = None,
        after: int | str | None = None,
        batch_size: int = 1000,
    ) -> Iterator[StoredArticle]:
        cursor = parse_after(after)
        where, params = "", []
        if site is not None:
            where += " AND site = ?"
            params.append(site)
        if section is not None:
            where += " AND section = ?"
            params.append(section)
        if since is not None:
            start = to_utc(since)
            if start is None:
                raise ValueError(f"since is a date or an ISO-8601 time, not {since!r}")
            where += " AND date_published >= ?"
            params.append(_ts(start))
        sql = (
            "SELECT seq, url, site, section, date_published, first_seen, last_seen, fingerprint, "
            f"CAST(item AS BLOB) FROM articles WHERE seq > ?{where} ORDER BY seq LIMIT ?"
        )
        fromiso = datetime.fromisoformat
        while True:
            # One page per statement: no read transaction stays open between pages, and each
            # page starts after the last cursor, so rows committed meanwhile are not missed.
            with self._errors("reading articles"):
                rows = self.conn.execute(sql, (cursor, *params, batch_size)).fetchmany(batch_size)
            for seq, url, site_, section_, published, first, last, fingerprint, item in rows:
                yield StoredArticle(seq, url, site_, section_,
                                    fromiso(published) if published else None, fromiso(first),
                                    fromiso(last), fingerprint, item)  # fmt: skip
            if len(rows) < batch_size:
                return
            cursor = rows[-1][0]

    @contextmanager
    def dedup_transaction(self) -> Iterator[DedupIndexTransaction]:
        # BEGIN IMMEDIATE takes the database's write lock: other writers wait their turn.
        with self._transaction("using the dedup index") as conn:
            yield SQLDedupTransaction(conn, "?", to_db_time=_ts)

    def iter_duplicates(self, *, since: datetime | None = None) -> Iterator[Duplicate]:
        start = "" if since is None else _ts(to_utc(since))
        with self._errors("reading duplicates"):
            rows = self.conn.execute(
                "SELECT record_id, url, duplicate_of, kind, similarity, time FROM duplicates "
                "WHERE time >= ? ORDER BY id",
                (start,),
            ).fetchall()
        for record_id, url, duplicate_of, kind, similarity, time_ in rows:
            yield Duplicate(url, duplicate_of, kind, similarity,
                            datetime.fromisoformat(time_), record_id)  # fmt: skip

    def count_rows(self) -> dict[str, int]:
        with self._errors("counting rows"):
            return {
                table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in TABLES
                if self._table_exists(table)
            }

    def ping(self) -> None:
        with self._errors("ping"):
            self.conn.execute("SELECT 1").fetchone()

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
        with suppress(sqlite3.Error):
            self.conn.close()


def _fresh_params(seq: int, row: ArticleRow) -> tuple[Any, ...]:
    seen = _ts(row.seen)
    return (seq, row.url, row.site, row.section, _ts(row.date_published), seen, seen, seen,
            row.fingerprint, row.item_json)  # fmt: skip


def _json_text(item: dict[str, Any] | None) -> str | None:
    return (
        None
        if item is None
        else orjson.dumps(item, default=str, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
    )
