"""PostgreSQL storage (``postgresql://user:password@host:5432/db``, or ``postgres://…``), with
psycopg 3. Items are JSONB, compressed with lz4 when the server has it (PostgreSQL 14+ built with
lz4: 2.5 times faster than the default pglz on 5 KB items). Current articles also keep the item's
JSON text as it was written (``item_text``, schema version 4), which exports read as it is:
turning JSONB back into text costs the server 4 times more than reading the text. From then on,
neither copy of a current article is compressed: compressing cost a writer more than the two
copies together.

New articles go in with a binary ``COPY`` (no escaping, no text parsing but the JSON's), the rest
with ``executemany`` (pipelined) or one statement over arrays. Writers take a transaction-level
advisory lock before they number articles, so that cursor order is commit order: a consumer that
polls with its last cursor misses nothing.
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from typing import Any

import orjson
import psycopg
from psycopg.adapt import Loader

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
    to_utc,
    utcnow,
)

#: First key of our advisory locks (the second is the schema's hash): "nc" in ASCII.
LOCK_CLASS = 0x6E63
_WRITE, _MIGRATE, _DEDUP = 1, 2, 3

Step = str | Callable[[psycopg.Connection[Any]], None]


def _lz4(*tables: str) -> Callable[[psycopg.Connection[Any]], None]:
    """A migration step that compresses the ``item`` column of ``tables`` with lz4, when the
    server supports it (the column stays pglz otherwise)."""

    def step(conn: psycopg.Connection[Any]) -> None:
        row = conn.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        ).fetchone()
        if row and row[0]:
            for table in tables:
                conn.execute(f"ALTER TABLE {table} ALTER COLUMN item SET COMPRESSION lz4")

    return step


#: Each migration: version, what it does, its steps (run in one transaction).
MIGRATIONS: tuple[tuple[int, str, tuple[Step, ...]], ...] = (
    (
        1,
        "articles with history, rejects",
        (
            "CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL)",
            "INSERT INTO counters (name, value) VALUES ('articles_seq', 0)",
            """CREATE TABLE articles (
            url text PRIMARY KEY,
            seq bigint NOT NULL,
            site text,
            section text,
            date_published timestamptz,
            first_seen timestamptz NOT NULL,
            version_since timestamptz NOT NULL,
            last_seen timestamptz NOT NULL,
            fingerprint text NOT NULL,
            item jsonb NOT NULL
        )""",
            "CREATE UNIQUE INDEX articles_seq ON articles (seq)",
            "CREATE INDEX articles_site ON articles (site, seq)",
            "CREATE INDEX articles_section ON articles (section, seq)",
            "CREATE INDEX articles_date_published ON articles (date_published)",
            "CREATE INDEX articles_first_seen ON articles (first_seen)",
            "CREATE INDEX articles_last_seen ON articles (last_seen)",
            "CREATE INDEX articles_fingerprint ON articles (fingerprint)",
            """CREATE TABLE article_versions (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            url text NOT NULL,
            fingerprint text NOT NULL,
            first_seen timestamptz NOT NULL,
            last_seen timestamptz NOT NULL,
            replaced_at timestamptz NOT NULL,
            item jsonb NOT NULL
        )""",
            "CREATE INDEX article_versions_url ON article_versions (url, fingerprint)",
            """CREATE TABLE rejects (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            url text,
            reason text NOT NULL,
            message text NOT NULL,
            item jsonb,
            time timestamptz NOT NULL
        )""",
            "CREATE INDEX rejects_reason ON rejects (reason, time)",
            "CREATE INDEX rejects_url ON rejects (url)",
            _lz4("articles", "article_versions", "rejects"),
        ),
    ),
    (
        2,
        "duplicates; record ids that make a replayed spool store a reject once",
        (
            "ALTER TABLE rejects ADD COLUMN record_id text",
            "UPDATE rejects SET record_id = 'v1-' || id WHERE record_id IS NULL",
            "ALTER TABLE rejects ALTER COLUMN record_id SET NOT NULL",
            "CREATE UNIQUE INDEX rejects_record_id ON rejects (record_id)",
            """CREATE TABLE duplicates (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            record_id text NOT NULL UNIQUE,
            url text NOT NULL,
            duplicate_of text NOT NULL,
            kind text NOT NULL,
            similarity double precision,
            time timestamptz NOT NULL
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
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            canonical_url text NOT NULL UNIQUE,
            url text NOT NULL,
            story_id text NOT NULL,
            kind text NOT NULL,
            kept boolean NOT NULL,
            similarity double precision,
            duplicate_of text,
            fingerprint text NOT NULL,
            signature bytea NOT NULL,
            first_seen timestamptz NOT NULL,
            last_seen timestamptz NOT NULL
        )""",
            "CREATE INDEX dedup_index_fingerprint ON dedup_index (fingerprint)",
            "CREATE INDEX dedup_index_story_id ON dedup_index (story_id)",
            # Signatures are random bytes: compressing them only costs time.
            "ALTER TABLE dedup_index ALTER COLUMN signature SET STORAGE EXTERNAL",
            """CREATE TABLE dedup_bands (
            band_key bigint NOT NULL,
            entry bigint NOT NULL REFERENCES dedup_index (id),
            PRIMARY KEY (band_key, entry)
        )""",
        ),
    ),
    (
        4,
        "articles keep their item's JSON text too, for exports",
        (
            # NULL for the articles written before: exports turn their JSONB into text.
            "ALTER TABLE articles ADD COLUMN item_text text",
            # Neither is compressed any more (new rows only; the history still is): with two
            # copies of the item, lz4 cost the server 35 us of its 200 us per 5 KB article, for
            # 2 KB saved. An export reads the text alone.
            "ALTER TABLE articles ALTER COLUMN item_text SET STORAGE EXTERNAL",
            "ALTER TABLE articles ALTER COLUMN item SET STORAGE EXTERNAL",
        ),
    ),
)
LATEST_VERSION = MIGRATIONS[-1][0]

_ARTICLE_COLUMNS = (
    "seq, url, site, section, date_published, first_seen, version_since, last_seen, "
    "fingerprint, item, item_text"
)


class _BytesLoader(Loader):
    """Loads jsonb (or text) as the UTF-8 bytes of its text: no parsing, ready to be written
    out."""

    def load(self, data: Any) -> bytes:
        return bytes(data)


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode()


def _one_line(exc: BaseException) -> str:
    """libpq's message on one line, without its final full stop."""
    return " ".join(str(exc).split()).rstrip(".")


#: What a binary COPY starts and ends with, and a NULL field.
_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0)
_COPY_TRAILER = struct.pack("!h", -1)
_COPY_NULL = struct.pack("!i", -1)
_PG_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_COPY_CHUNK = 1 << 18  # bytes handed to libpq at a time


def _bin_text(value: str | None) -> bytes:
    """A text value in COPY's binary format."""
    if value is None:
        return _COPY_NULL
    data = value.encode("utf-8")
    return struct.pack("!i", len(data)) + data


def _bin_ts(value: datetime | None) -> bytes:
    """A timestamptz in COPY's binary format: microseconds since 2000-01-01 UTC."""
    if value is None:
        return _COPY_NULL
    delta = value - _PG_EPOCH
    return struct.pack(
        "!iq", 8, (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
    )


def _copy_tuple(
    seq: int, row: ArticleRow, first_seen: datetime, version_since: datetime, last_seen: datetime
) -> bytes:
    """An article as a tuple of COPY's binary format, in :data:`_ARTICLE_COLUMNS` order (a jsonb
    value is its format version, 1, and its text)."""
    size = len(row.item_json)
    return b"".join((
        struct.pack("!hiq", 11, 8, seq), _bin_text(row.url), _bin_text(row.site),
        _bin_text(row.section), _bin_ts(row.date_published), _bin_ts(first_seen),
        _bin_ts(version_since), _bin_ts(last_seen), _bin_text(row.fingerprint),
        struct.pack("!ib", size + 1, 1), row.item_json, struct.pack("!i", size), row.item_json,
    ))  # fmt: skip


def _json_param(item: dict[str, Any] | None) -> str | None:
    return (
        None
        if item is None
        else orjson.dumps(item, default=str, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
    )


class PostgresStorage(Storage):
    """Storage in a PostgreSQL database (the schema of the connection's search_path)."""

    def __init__(self, url: str, *, connect_timeout: int = 5) -> None:
        self.url = url
        self.display_url = hide_password(url)
        try:
            self.conn = psycopg.connect(
                url, autocommit=True, connect_timeout=connect_timeout,
                application_name="newscrawler",
            )  # fmt: skip
        except psycopg.Error as exc:
            raise StorageUnavailableError(
                f"cannot connect to PostgreSQL at {self.display_url} ({DATABASE_URL_SETTING}): "
                f"{_one_line(exc)}. Start PostgreSQL (e.g. `pg_ctlcluster 15 main start`) or "
                f"set {DATABASE_URL_SETTING} to a reachable database."
            ) from exc
        self.conn.adapters.register_loader("jsonb", _BytesLoader)
        with self._errors("setting up the session"):
            self.conn.execute("SET TIME ZONE 'UTC'")
            row = self.conn.execute("SELECT hashtext(current_schema())").fetchone()
            self._lock_key = int(row[0]) if row else 0

    # --- errors and transactions ----------------------------------------------------------------

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except psycopg.OperationalError as exc:
            raise StorageUnavailableError(
                f"PostgreSQL {self.display_url}: {doing} failed: {_one_line(exc)}"
            ) from exc
        except (psycopg.Error, UnicodeError, orjson.JSONEncodeError) as exc:
            # A refusal of the data (a constraint, text that is not Unicode, an item that is
            # not JSON), as opposed to the database being out of reach.
            raise StorageError(
                f"PostgreSQL {self.display_url}: {doing} failed: {_one_line(exc)}"
            ) from exc

    @contextmanager
    def _transaction(self, doing: str, lock: int) -> Iterator[psycopg.Connection[Any]]:
        with self._errors(doing), self.conn.transaction():
            key = (LOCK_CLASS + lock, self._lock_key)
            self.conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", key)
            yield self.conn

    # --- schema ---------------------------------------------------------------------------------

    def schema_version(self) -> int:
        with self._errors("reading the schema version"):
            row = self.conn.execute("SELECT to_regclass('schema_migrations')").fetchone()
            if not row or row[0] is None:
                return 0
            row = self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
            return int(row[0] or 0) if row else 0

    def migrate(self, target: int | None = None) -> int:
        target = LATEST_VERSION if target is None else target
        with self._transaction("creating the migrations table", _MIGRATE) as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                "description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
            )
        for version, description, steps in MIGRATIONS:
            if version > target:
                break
            with self._transaction(f"migration {version} ({description})", _MIGRATE) as conn:
                row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
                current = int(row[0] or 0) if row else 0
                if current > LATEST_VERSION:
                    raise SchemaTooNewError(
                        f"the database {self.display_url} has schema version {current}, newer "
                        f"than this newscrawler knows ({LATEST_VERSION}): upgrade newscrawler"
                    )
                if current >= version:
                    continue
                for step in steps:
                    if isinstance(step, str):
                        conn.execute(step)
                    else:
                        step(conn)
                conn.execute(
                    "INSERT INTO schema_migrations (version, description) VALUES (%s, %s)",
                    (version, description),
                )
        version = self.schema_version()
        if version > LATEST_VERSION:
            raise SchemaTooNewError(
                f"the database {self.display_url} has schema version {version}, newer than "
                f"this newscrawler knows ({LATEST_VERSION}): upgrade newscrawler"
            )
        return version

    # --- writing --------------------------------------------------------------------------------

    def write_batch(
        self,
        articles: Sequence[Any] = (),
        rejects: Sequence[Reject] = (),
        duplicates: Sequence[Duplicate] = (),
    ) -> BatchCounts:
        now = utcnow()
        items, urls = batch_urls(articles)
        with self._transaction("writing a batch", _WRITE) as conn:
            cur = conn.cursor()
            existing: dict[str, Existing] = {}
            if urls:
                cur.execute(
                    "SELECT url, fingerprint, first_seen, version_since, last_seen "
                    "FROM articles WHERE url = ANY(%s)",
                    (list(dict.fromkeys(urls)),),
                )
                existing = {r[0]: Existing(r[1], r[2], r[3], r[4]) for r in cur.fetchall()}
            plan = plan_write(items, urls, existing, now, rejects=rejects, duplicates=duplicates)
            if plan.seqs_needed:
                cur.execute(
                    "UPDATE counters SET value = value + %s WHERE name = 'articles_seq' "
                    "RETURNING value",
                    (plan.seqs_needed,),
                )
                row = cur.fetchone()
                assert row is not None
                plan.assign_seqs(row[0] - plan.seqs_needed + 1)
            if plan.archive_from_db:
                cur.execute(
                    "INSERT INTO article_versions (url, fingerprint, first_seen, last_seen, "
                    "replaced_at, item) SELECT a.url, a.fingerprint, a.version_since, "
                    "a.last_seen, v.replaced_at, a.item FROM articles a "
                    "JOIN unnest(%s::text[], %s::timestamptz[]) AS v(url, replaced_at) "
                    "ON a.url = v.url",
                    ([u for u, _ in plan.archive_from_db], [t for _, t in plan.archive_from_db]),
                )
            if plan.archive_rows:
                cur.executemany(
                    "INSERT INTO article_versions (url, fingerprint, first_seen, last_seen, "
                    "replaced_at, item) VALUES (%s, %s, %s, %s, %s, %s::jsonb)",
                    [(v.url, v.fingerprint, v.first_seen, v.last_seen, v.replaced_at,
                      v.item_json.decode("utf-8")) for v in plan.archive_rows],
                )  # fmt: skip
            if plan.older_rows:
                cur.executemany(
                    "INSERT INTO article_versions (url, fingerprint, first_seen, last_seen, "
                    "replaced_at, item) SELECT %(url)s, %(fp)s, %(first)s, %(last)s, "
                    "%(replaced)s, %(item)s::jsonb WHERE NOT EXISTS (SELECT 1 FROM "
                    "article_versions WHERE url = %(url)s AND fingerprint IN (%(fp)s, %(v1)s))",
                    [{"url": v.url, "fp": v.fingerprint, "v1": v.v1_fingerprint,
                      "first": v.first_seen, "last": v.last_seen, "replaced": v.replaced_at,
                      "item": v.item_json.decode("utf-8")} for v in plan.older_rows],
                )  # fmt: skip
            if plan.fresh or plan.inserts:
                # Fresh articles are prepared as the server stores the previous ones.
                tuples = itertools.chain(
                    (_copy_tuple(seq, r, r.seen, r.seen, r.seen)
                     for seq, r in plan.fresh_rows(now)),
                    (_copy_tuple(s.seq, s.row, s.first_seen, s.version_since, s.last_seen)
                     for s in plan.inserts),
                )  # fmt: skip
                with cur.copy(
                    f"COPY articles ({_ARTICLE_COLUMNS}) FROM STDIN (FORMAT BINARY)"
                ) as copy:
                    chunk = bytearray(_COPY_SIGNATURE)
                    for data in tuples:
                        chunk += data
                        if len(chunk) >= _COPY_CHUNK:
                            copy.write(chunk)
                            chunk = bytearray()
                    copy.write(chunk + _COPY_TRAILER)
            if plan.updates:
                cur.executemany(
                    "UPDATE articles SET seq = %(seq)s, site = %(site)s, section = %(section)s, "
                    "date_published = %(published)s, first_seen = %(first)s, "
                    "version_since = %(since)s, last_seen = %(last)s, fingerprint = %(fp)s, "
                    "item = %(item)s::jsonb, item_text = %(text)s::text WHERE url = %(url)s",
                    [{"seq": s.seq, "site": s.row.site, "section": s.row.section,
                      "published": s.row.date_published, "first": s.first_seen,
                      "since": s.version_since, "last": s.last_seen, "fp": s.row.fingerprint,
                      "item": (text := s.row.item_json.decode("utf-8")), "text": text,
                      "url": s.row.url} for s in plan.updates],
                )  # fmt: skip
            if plan.touches:
                cur.execute(
                    "UPDATE articles a SET first_seen = v.first_seen, "
                    "version_since = v.version_since, last_seen = v.last_seen "
                    "FROM unnest(%s::text[], %s::timestamptz[], %s::timestamptz[], "
                    "%s::timestamptz[]) AS v(url, first_seen, version_since, last_seen) "
                    "WHERE a.url = v.url",
                    ([s.row.url for s in plan.touches], [s.first_seen for s in plan.touches],
                     [s.version_since for s in plan.touches],
                     [s.last_seen for s in plan.touches]),
                )  # fmt: skip
                if upgraded := [s for s in plan.touches if s.fingerprint_upgraded]:
                    cur.executemany(
                        "UPDATE articles SET fingerprint = %s WHERE url = %s",
                        [(s.row.fingerprint, s.row.url) for s in upgraded],
                    )
            if rejects:
                cur.executemany(
                    "INSERT INTO rejects (record_id, url, reason, message, item, time) "
                    "VALUES (%s, %s, %s, %s, %s::jsonb, %s) ON CONFLICT (record_id) DO NOTHING",
                    [(r.id, r.url, r.reason, r.message, _json_param(r.item), r.time)
                     for r in rejects],
                )  # fmt: skip
            if duplicates:
                cur.executemany(
                    "INSERT INTO duplicates (record_id, url, duplicate_of, kind, similarity, "
                    "time) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (record_id) DO NOTHING",
                    [(d.id, d.url, d.duplicate_of, d.kind, d.similarity, d.time)
                     for d in duplicates],
                )  # fmt: skip
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
        where, params = ["seq > %s"], [parse_after(after)]
        if site is not None:
            where.append("site = %s")
            params.append(site)
        if section is not None:
            where.append("section = %s")
            params.append(section)
        if since is not None:
            start = to_utc(since)
            if start is None:
                raise ValueError(f"since is a date or an ISO-8601 time, not {since!r}")
            where.append("date_published >= %s")
            params.append(start)
        # The item's text as written; for an article stored before schema version 4, its
        # JSONB made text. Text columns are read as bytes (no decoding of the item).
        sql = (
            "SELECT seq, url, site, section, date_published, first_seen, last_seen, fingerprint, "
            f"coalesce(item_text, item::text) FROM articles WHERE {' AND '.join(where)} "
            "ORDER BY seq"
        )
        # One statement (one snapshot) whose rows the server streams, batch_size at a time
        # (libpq's chunked rows mode): the client turns rows into items while the server
        # serialises the next ones. A server-side cursor is as frugal but waits for each FETCH:
        # 30% slower here. Single rows before libpq 17.
        size = batch_size if psycopg.pq.version() >= 170000 else 1
        with self._errors("reading articles"), self.conn.cursor() as cur:
            cur.adapters.register_loader("text", _BytesLoader)
            for seq, url, site_, section_, published, first, last, fingerprint, item in cur.stream(
                sql, params, size=size
            ):
                yield StoredArticle(seq, url.decode(), _text(site_), _text(section_), published,
                                    first, last, fingerprint.decode(), item)  # fmt: skip

    @contextmanager
    def dedup_transaction(self) -> Iterator[DedupIndexTransaction]:
        # The advisory lock makes every other process's dedup transaction wait: two copies of
        # a story met at once by two crawlers cannot both become its first.
        with self._transaction("using the dedup index", _DEDUP) as conn:
            yield SQLDedupTransaction(conn, "%s")

    def iter_duplicates(self, *, since: datetime | None = None) -> Iterator[Duplicate]:
        where, params = "", []
        if since is not None:
            where, params = "WHERE time >= %s", [to_utc(since)]
        with self._errors("reading duplicates"):
            rows = self.conn.execute(
                "SELECT record_id, url, duplicate_of, kind, similarity, time FROM duplicates "
                f"{where} ORDER BY id",
                params,
            ).fetchall()
        for record_id, url, duplicate_of, kind, similarity, time_ in rows:
            yield Duplicate(url, duplicate_of, kind, similarity, time_, record_id)

    def count_rows(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self._errors("counting rows"):
            for table in TABLES:
                row = self.conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()
                if row and row[0] is not None:
                    counted = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()
                    counts[table] = int(counted[0]) if counted else 0
        return counts

    def ping(self) -> None:
        with self._errors("ping"):
            self.conn.execute("SELECT 1").fetchone()

    def close(self) -> None:
        with suppress(psycopg.Error):
            self.conn.close()
