"""Storage of the crawl: articles with their history, rejects and duplicates, in SQLite or
PostgreSQL, behind one narrow interface (:class:`Storage`) chosen by the database URL.

>>> with open_storage("sqlite:///:memory:") as storage:
...     _ = storage.migrate()
...     storage.write_batch([{"url": "https://baotayninh.vn/a1.html", "headline": "Khát vọng",
...                           "articleBody": "Tây Ninh…"}])
BatchCounts(inserted=1, updated=0, unchanged=0, older=0, rejects=0, duplicates=0)
"""

from __future__ import annotations

import logging
from collections.abc import Callable

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
    "open_for_crawl",
    "open_storage",
]

logger = logging.getLogger(__name__)

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


def open_for_crawl(
    url: str, stage: str, opener: Callable[[str], Storage] = open_storage
) -> tuple[Storage, int]:
    """Open the database of a crawl (with ``opener``) and migrate it; return it with its schema
    version. When it cannot be used, log why and raise :class:`StorageUnavailableError` saying
    that the crawl does not start (``stage`` names who needed it)."""
    storage = None
    try:
        storage = opener(url)
        return storage, storage.migrate()
    except StorageError as exc:
        if storage is not None:
            storage.close()
        message = f"{stage}: the crawl does not start, its database cannot be used: {exc}"
        logger.error(message)
        raise StorageUnavailableError(message) from exc
