"""Storage of the crawl: articles with their history, rejects and duplicates, in SQLite or
PostgreSQL, behind one narrow interface (:class:`Storage`) chosen by the database URL.

>>> with open_storage("sqlite:///:memory:") as storage:
...     _ = storage.migrate()
...     storage.write_batch([{"url": "https://baotayninh.vn/a1.html", "headline": "Khát vọng",
...                           "articleBody": "Tây Ninh…"}])
BatchCounts(inserted=1, updated=0, unchanged=0, older=0, rejects=0, duplicates=0)
"""

from __future__ import annotations

from newscrawler.storage.base import (
    DATABASE_URL_SETTING,
    BatchCounts,
    Duplicate,
    Reject,
    SchemaTooNewError,
    Storage,
    StorageError,
    StorageUnavailableError,
    StoredArticle,
    content_fingerprint,
    content_fingerprint_v1,
    hide_password,
)

__all__ = [
    "DATABASE_URL_SETTING",
    "SCHEMES",
    "BatchCounts",
    "Duplicate",
    "Reject",
    "SchemaTooNewError",
    "Storage",
    "StorageError",
    "StorageUnavailableError",
    "StoredArticle",
    "content_fingerprint",
    "content_fingerprint_v1",
    "hide_password",
    "open_storage",
]

#: The URL schemes open_storage knows, and the backend of each.
SCHEMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "postgres": "PostgreSQL"}


def open_storage(url: str) -> Storage:
    """Connect to the database of ``url``: ``sqlite:///relative/path.db``,
    ``sqlite:////absolute/path.db``, ``postgresql://user:password@host:5432/db`` (or
    ``postgres://``). Raises :class:`StorageUnavailableError` when it cannot be reached, and
    :class:`StorageError` for a URL of no known scheme.

    >>> open_storage("mysql://localhost/news")
    Traceback (most recent call last):
    ...
    newscrawler.storage.base.StorageError: NEWSCRAWLER_DATABASE_URL='mysql://localhost/news' \
has an unknown scheme 'mysql': use sqlite:///path/to/file.db or postgresql://user@host/db
    """
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme == "sqlite":
        from newscrawler.storage.sqlite import SQLiteStorage

        return SQLiteStorage(url)
    if scheme in ("postgresql", "postgres"):
        from newscrawler.storage.postgres import PostgresStorage

        return PostgresStorage(url)
    raise StorageError(
        f"{DATABASE_URL_SETTING}={hide_password(url)!r} has an unknown scheme {scheme!r}: "
        "use sqlite:///path/to/file.db or postgresql://user@host/db"
    )
