from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from newscrawler.storage import Storage, open_storage

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


def demo_hosts() -> list[str]:
    return sorted(p.name for p in DEMO.iterdir() if (p / "expected.json").is_file())


def load_expected(host: str) -> dict[str, Any]:
    return load_expected_from(DEMO / host)


def load_expected_from(site: Path) -> dict[str, Any]:
    return json.loads((site / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def article_schema() -> dict[str, Any]:
    return json.loads((ROOT / "data/schema/article.schema.json").read_text(encoding="utf-8"))


# Another server for a run of its own (an unreachable one shows the skip, or the CI failure).
PG_URL = os.environ.get("NEWSCRAWLER_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
PG_UNREACHABLE = (
    "PostgreSQL not reachable at 127.0.0.1:5432: start it with `pg_ctlcluster 15 main start`"
)

# --- the two backends -------------------------------------------------------------------------


@dataclass
class Db:
    """One backend under test: its URL, a URL of the same kind that cannot be reached, and
    ways to look inside that go around the storage."""

    kind: str
    url: str
    closed_url: str
    admin: psycopg.Connection[Any] | None = None

    def open(self) -> Storage:
        storage = open_storage(self.url)
        storage.migrate()
        return storage

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows of a SELECT (the same SQL on both backends), on a connection of its own."""
        if self.kind == "sqlite":
            conn = sqlite3.connect(self.url.removeprefix("sqlite:///"))
            try:
                return conn.execute(sql).fetchall()
            finally:
                conn.close()
        with psycopg.connect(self.url, autocommit=True) as conn:
            return conn.execute(sql).fetchall()  # type: ignore[arg-type]

    def execute(self, *statements: str) -> None:
        if self.kind == "sqlite":
            conn = sqlite3.connect(self.url.removeprefix("sqlite:///"), isolation_level=None)
            try:
                for statement in statements:
                    conn.execute(statement)
            finally:
                conn.close()
            return
        with psycopg.connect(self.url, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    def break_connection(self, storage: Storage) -> None:
        """Cut the storage's connection as a database restart would."""
        if self.kind == "sqlite":
            storage.conn.close()  # type: ignore[attr-defined]
        else:
            assert self.admin is not None
            pid = storage.conn.info.backend_pid  # type: ignore[attr-defined]
            self.admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    def count(self, table: str) -> int:
        return int(self.query(f"SELECT count(*) FROM {table}")[0][0])


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[tuple[psycopg.Connection[Any], str, list[str]]]:
    try:
        conn = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_UNREACHABLE} ({exc})")
        pytest.skip(PG_UNREACHABLE)
    prefix = f"nc_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    created: list[str] = []
    yield conn, prefix, created
    for schema in created:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")  # type: ignore[arg-type]
    conn.close()


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Db]:
    if request.param == "sqlite":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where the database's folder should be")
        yield Db("sqlite", f"sqlite:///{tmp_path}/news.db", f"sqlite:///{blocker}/news.db")
        return
    admin, prefix, created = request.getfixturevalue("pg_admin")
    schema = f"{prefix}_{len(created)}"
    admin.execute(f"CREATE SCHEMA {schema}")
    created.append(schema)
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    closed = f"postgresql://postgres@127.0.0.1:{_closed_port()}/test"
    yield Db("postgresql", url, closed, admin)
    admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture
def storage(db: Db) -> Iterator[Storage]:
    with db.open() as storage:
        yield storage
