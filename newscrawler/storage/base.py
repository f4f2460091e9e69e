"""What every storage backend shares: the records, the storage interface, and the planning of a
batch (which article is new, changed, unchanged or an older version), so that SQLite and
PostgreSQL store a batch in exactly the same way.

A backend only runs the plan in one transaction, with its own SQL.
"""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

import orjson
from itemadapter import ItemAdapter

from newscrawler.dates import VN_TZ

#: The setting that chooses the database; every error message about the database names it.
DATABASE_URL_SETTING = "NEWSCRAWLER_DATABASE_URL"

#: The tables an operator looks at, in the order ``scrapy db`` lists them.
TABLES = ("articles", "article_versions", "rejects", "duplicates", "dedup_index")


class StorageError(Exception):
    """The database refused or failed an operation."""


class StorageUnavailableError(StorageError):
    """The database cannot be reached (not running, wrong URL, folder not writable, …)."""


class SchemaTooNewError(StorageError):
    """The database was migrated by a newer newscrawler than this one."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_record_id() -> str:
    """A unique id given to a reject or duplicate when it is met, so that storing it twice
    (a spool replayed again) stores it once."""
    return uuid.uuid4().hex


def hide_password(url: str) -> str:
    """The database URL with its password replaced, for logs and messages.

    >>> hide_password("postgresql://crawler:s3cret@db.local:5432/news")
    'postgresql://crawler:***@db.local:5432/news'
    >>> hide_password("sqlite:///data/newscrawler.db")
    'sqlite:///data/newscrawler.db'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname or ''}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


# --- records ---


@dataclass(frozen=True, slots=True)
class Reject:
    """An item dropped by a pipeline, or a page that could not be read, with its reason."""

    url: str | None
    reason: str
    """The drop's class name (``BodyTooShort``) or the page's reason (``ExtractionError``)."""
    message: str
    item: dict[str, Any] | None = None
    time: datetime = field(default_factory=utcnow)
    id: str = field(default_factory=new_record_id)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "reason": self.reason, "message": self.message,
                "item": self.item, "time": self.time.isoformat()}  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reject:
        return cls(url=data["url"], reason=data["reason"], message=data["message"],
                   item=data.get("item"), time=datetime.fromisoformat(data["time"]),
                   id=data["id"])  # fmt: skip


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An article found to repeat another one (by the dedup stage)."""

    url: str
    duplicate_of: str
    """The canonical URL of the article it repeats."""
    kind: str
    """How it was detected, e.g. ``exact`` (same fingerprint) or ``near`` (similar text)."""
    similarity: float | None = None
    time: datetime = field(default_factory=utcnow)
    id: str = field(default_factory=new_record_id)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "duplicate_of": self.duplicate_of,
                "kind": self.kind, "similarity": self.similarity,
                "time": self.time.isoformat()}  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Duplicate:
        return cls(url=data["url"], duplicate_of=data["duplicate_of"], kind=data["kind"],
                   similarity=data.get("similarity"), time=datetime.fromisoformat(data["time"]),
                   id=data["id"])  # fmt: skip


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What one ``write_batch`` did."""

    inserted: int = 0
    """Articles seen for the first time."""
    updated: int = 0
    """Re-crawled articles whose content changed: the new version is current, the old one kept."""
    unchanged: int = 0
    """Re-crawled articles with the same content: only their ``last_seen`` moved."""
    older: int = 0
    """Versions older than the current one (a late spool replay): kept as history only."""
    rejects: int = 0
    duplicates: int = 0

    def __add__(self, other: BatchCounts) -> BatchCounts:
        return BatchCounts(*(a + b for a, b in zip(_astuple(self), _astuple(other), strict=True)))


def _astuple(counts: BatchCounts) -> tuple[int, ...]:
    return (counts.inserted, counts.updated, counts.unchanged, counts.older, counts.rejects,
            counts.duplicates)  # fmt: skip


@dataclass(slots=True)
class StoredArticle:
    """One current article as ``iter_articles`` yields it."""

    cursor: int
    """Opaque, increasing: pass the last one seen as ``after`` to get only what came since."""
    url: str
    site: str | None
    section: str | None
    date_published: datetime | None
    first_seen: datetime
    last_seen: datetime
    fingerprint: str
    item_json: bytes
    """The item as stored: UTF-8 JSON, ready to be written to a JSON Lines file as it is."""

    @property
    def item(self) -> dict[str, Any]:
        """The item as a dict (parsed from :attr:`item_json` on each access)."""
        return orjson.loads(self.item_json)


# --- preparing articles ---


def content_fingerprint(headline: str | None, body: str | None) -> str:
    """BLAKE2b-128 (32 hex digits) of the headline and body in NFC with every run of whitespace
    made one space: the same text gives the same fingerprint, whatever its spacing.

    >>> content_fingerprint("Khai mạc", "Sáng 8/12,\\n  tại Hội trường") == content_fingerprint(
    ...     " Khai mạc ", "Sáng 8/12, tại\\tHội trường")
    True
    >>> content_fingerprint("Hoà", "") == content_fingerprint("Hoa\\u0300", None)
    True
    >>> len(content_fingerprint("Khai mạc", None))
    32
    """
    return _fingerprint(hashlib.blake2b(digest_size=16), headline or "", body or "")


def content_fingerprint_v1(headline: str | None, body: str | None) -> str:
    """The fingerprint of the same text as newscrawler stored it before schema version 4:
    SHA-256 (64 hex digits). Only compared with fingerprints stored then (see
    :meth:`ArticleRow.same_content`).

    >>> content_fingerprint_v1("Khai mạc", "Sáng 8/12,\\n tại") == content_fingerprint_v1(
    ...     "Khai mạc ", "Sáng 8/12, tại")
    True
    """
    return _fingerprint(hashlib.sha256(), headline or "", body or "")


def _fingerprint(digest: Any, headline: str, body: str) -> str:
    if _is_normal(headline) and _is_normal(body.replace("\n", " ")):
        # The usual case, a cleaned item: hash its text as it is, from the UTF-8 that
        # serialising the item has already made (str.encode reuses it), without splitting it
        # into a thousand words.
        digest.update(headline.encode("utf-8"))
        if headline and body:
            digest.update(b" ")
        digest.update(body.encode("utf-8").replace(b"\n", b" "))
    else:
        text = unicodedata.normalize("NFC", f"{headline}\n{body}")
        digest.update(" ".join(text.split()).encode("utf-8"))
    return str(digest.hexdigest())


def _is_normal(text: str) -> bool:
    """Whether ``" ".join(text.split())`` and NFC leave ``text`` as it is: no whitespace but
    single spaces between words, and no control character."""
    return not text or (
        text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " "
        and unicodedata.is_normalized("NFC", text)
    )  # fmt: skip


def is_v1_fingerprint(fingerprint: str) -> bool:
    """Whether ``fingerprint`` looks like one of :func:`content_fingerprint_v1` (64 lowercase hex
    digits), stored before schema version 4.

    >>> is_v1_fingerprint(content_fingerprint_v1("a", "b")), is_v1_fingerprint("3f" * 16)
    (True, False)
    """
    return len(fingerprint) == 64 and not fingerprint.strip("0123456789abcdef")


def to_utc(value: str | datetime | date | None, *, default_tz: Any = VN_TZ) -> datetime | None:
    """An aware UTC datetime from an ISO-8601 string, a datetime or a date (a date is the
    start of that day in Vietnam time; a time without zone is in ``default_tz``).

    >>> to_utc("2022-12-29T21:10:00+07:00").isoformat()
    '2022-12-29T14:10:00+00:00'
    >>> to_utc("2023-01-01").isoformat()
    '2022-12-31T17:00:00+00:00'
    >>> to_utc("not a date") is None
    True
    """
    if value is None or value == "" or not isinstance(value, str | date):
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0), tzinfo=VN_TZ)
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_tz)
    return value.astimezone(UTC)


@dataclass(slots=True)
class ArticleRow:
    """An article ready to be stored: the indexed columns and the item as JSON."""

    url: str
    site: str | None
    section: str | None
    date_published: datetime | None
    seen: datetime
    fingerprint: str
    item_json: bytes
    text: tuple[str | None, str | None] | None = None
    """The headline and body the fingerprint was computed from (None when the item gave it)."""

    def same_content(self, fingerprint: str) -> bool:
        """Whether this article has the content of a stored one of ``fingerprint``: the same
        fingerprint or, for one stored before schema version 4, the same in the scheme of then
        (computed only for such an article)."""
        if fingerprint == self.fingerprint:
            return True
        return (
            self.text is not None
            and is_v1_fingerprint(fingerprint)
            and content_fingerprint_v1(*self.text) == fingerprint
        )


def article_url(item: Mapping[str, Any]) -> str:
    """The URL an article is stored under: its canonical URL, or its URL."""
    url = item.get("canonicalUrl") or item.get("url")
    if not url:
        raise StorageError(f"cannot store an article without url: {dict(item)!r:.200}")
    return str(url)


def as_dict(item: Any) -> Mapping[str, Any]:
    """An Article (or any item) as a dict; a dict as it is."""
    return item if isinstance(item, Mapping) else ItemAdapter(item).asdict()


def prepare_article(data: Mapping[str, Any], now: datetime) -> ArticleRow:
    """An :class:`ArticleRow` from an article dict. The time it was seen is
    ``metadata.dateDownloaded`` (when the page was downloaded, which a spool replay keeps),
    else ``now``; the fingerprint is ``metadata.contentFingerprint`` when the item has one."""
    url = article_url(data)
    metadata = data.get("metadata") or {}
    seen = to_utc(metadata.get("dateDownloaded"), default_tz=UTC) or now
    try:
        item_json = orjson.dumps(data, default=str)  # first: it leaves the body's UTF-8 cached
    except orjson.JSONEncodeError as exc:
        raise StorageError(f"cannot store the article {url}: its item is not JSON: {exc}") from exc
    site, section = metadata.get("site") or urlsplit(url).hostname, data.get("articleSection")
    if not isinstance(site, str | None) or not isinstance(section, str | None):
        raise StorageError(f"cannot store the article {url}: its site or section is no text")
    fingerprint = metadata.get("contentFingerprint")
    text = None
    if not fingerprint:
        text = (data.get("headline"), data.get("articleBody"))
        fingerprint = content_fingerprint(*text)
    return ArticleRow(
        url=url,
        site=site,
        section=section,
        date_published=to_utc(data.get("datePublished")),
        seen=seen,
        fingerprint=fingerprint,
        item_json=item_json,
        text=text,
    )


# --- planning a batch ---


@dataclass(slots=True)
class Existing:
    """What a batch needs to know of an article already in the database."""

    fingerprint: str
    first_seen: datetime
    version_since: datetime
    last_seen: datetime


@dataclass(slots=True)
class VersionRow:
    """A past version of an article, for ``article_versions``."""

    url: str
    fingerprint: str
    first_seen: datetime
    last_seen: datetime
    replaced_at: datetime
    item_json: bytes
    v1_fingerprint: str = ""
    """For an older version: its fingerprint as stored before schema version 4, so that it is
    not stored again when the history has it from then."""


@dataclass(slots=True)
class ArticleState:
    """An article's row as it will be at the end of the batch."""

    row: ArticleRow
    first_seen: datetime
    version_since: datetime
    last_seen: datetime
    in_db: bool
    changed: bool = False
    item_known: bool = True
    seq: int = 0
    stored_fingerprint: str = ""
    """The fingerprint in the database, for an article there."""

    @property
    def fingerprint_upgraded(self) -> bool:
        """Whether an unchanged article's stored fingerprint, of before schema version 4, is to
        be replaced by today's."""
        return self.in_db and self.row.fingerprint != self.stored_fingerprint


@dataclass(slots=True)
class BatchPlan:
    """The statements a batch comes down to, to run in one transaction in this order:
    archive the database rows that change, store the other past versions, insert the new
    articles, update the changed ones, bump the unchanged ones, add rejects and duplicates."""

    fresh: list[Mapping[str, Any] | ArticleRow] = field(default_factory=list)
    """Articles new to the database and met once in the batch, the common case of a crawl:
    inserted as they are prepared (see :func:`fresh_rows`), or as rows prepared already."""
    archive_from_db: list[tuple[str, datetime]] = field(default_factory=list)
    """(url, replaced_at): copy the current row to ``article_versions`` before updating it."""
    archive_rows: list[VersionRow] = field(default_factory=list)
    older_rows: list[VersionRow] = field(default_factory=list)
    """Versions older than the current one: stored unless the same version is there."""
    inserts: list[ArticleState] = field(default_factory=list)
    updates: list[ArticleState] = field(default_factory=list)
    touches: list[ArticleState] = field(default_factory=list)
    """Unchanged articles: their timestamps widen, and a fingerprint of before schema version 4
    is replaced by today's (``state.row.fingerprint``)."""
    counts: BatchCounts = field(default_factory=BatchCounts)

    first_seq: int = 0

    def assign_seqs(self, first: int) -> None:
        """Number the inserted and updated articles from ``first``: fresh ones first."""
        self.first_seq = first
        for seq, state in enumerate(self.inserts + self.updates, start=first + len(self.fresh)):
            state.seq = seq

    @property
    def seqs_needed(self) -> int:
        return len(self.fresh) + len(self.inserts) + len(self.updates)

    def fresh_rows(self, now: datetime) -> Iterator[tuple[int, ArticleRow]]:
        """The fresh articles, numbered and prepared one at a time: a backend that streams
        them to the database overlaps the preparing of one with the storing of the last."""
        for seq, data in enumerate(self.fresh, start=self.first_seq):
            yield seq, data if isinstance(data, ArticleRow) else prepare_article(data, now)


def batch_urls(articles: Sequence[Any]) -> tuple[list[Mapping[str, Any]], list[str]]:
    """The articles as dicts, and the URL each is stored under."""
    items = [as_dict(article) for article in articles]
    return items, [article_url(item) for item in items]


def plan_write(
    items: Sequence[Mapping[str, Any]],
    urls: Sequence[str],
    existing: Mapping[str, Existing],
    now: datetime,
    *,
    rows: Sequence[ArticleRow] | None = None,
    rejects: Sequence[Reject] = (),
    duplicates: Sequence[Duplicate] = (),
) -> BatchPlan:
    """The plan of a batch: articles new and met once are left to :meth:`BatchPlan.fresh_rows`,
    the others (re-crawls, and URLs met twice) are prepared and planned by :func:`plan_batch`.
    ``rows``, when given, are the items already prepared (in the same order)."""
    counts = Counter(urls)
    fresh: list[Mapping[str, Any] | ArticleRow] = []
    rest: list[ArticleRow] = []
    for i, url in enumerate(urls):
        row = rows[i] if rows is not None else None
        if counts[url] == 1 and url not in existing:
            fresh.append(items[i] if row is None else row)
        else:
            rest.append(prepare_article(items[i], now) if row is None else row)
    plan = plan_batch(rest, existing, rejects, duplicates)
    plan.fresh = fresh
    plan.counts = plan.counts + BatchCounts(inserted=len(fresh))
    return plan


def plan_batch(
    rows: Sequence[ArticleRow],
    existing: Mapping[str, Existing],
    rejects: Sequence[Reject] = (),
    duplicates: Sequence[Duplicate] = (),
) -> BatchPlan:
    """Decide what each article of a batch does, given the stored ones it names.

    An article with the fingerprint of its current version is unchanged (its timestamps
    widen); one with another fingerprint, seen after the current version was, becomes current
    and the previous version is archived; one seen before the current version was is an older
    version, kept as history only. An article may appear several times in a batch."""
    states: dict[str, ArticleState] = {}
    plan = BatchPlan()
    inserted = updated = unchanged = older = 0
    for row in rows:
        state = states.get(row.url)
        if state is None:
            known = existing.get(row.url)
            if known is None:
                states[row.url] = ArticleState(row, row.seen, row.seen, row.seen, in_db=False)
                inserted += 1
                continue
            placeholder = ArticleRow(row.url, row.site, row.section, row.date_published,
                                     known.version_since, known.fingerprint, b"")  # fmt: skip
            state = states[row.url] = ArticleState(
                placeholder, known.first_seen, known.version_since, known.last_seen,
                in_db=True, item_known=False, stored_fingerprint=known.fingerprint,
            )  # fmt: skip
        if row.same_content(state.row.fingerprint):
            unchanged += 1
            state.row.fingerprint = row.fingerprint  # today's scheme
            state.first_seen = min(state.first_seen, row.seen)
            state.version_since = min(state.version_since, row.seen)
            state.last_seen = max(state.last_seen, row.seen)
        elif row.seen < state.version_since:
            older += 1
            plan.older_rows.append(
                VersionRow(
                    row.url, row.fingerprint, row.seen, row.seen, state.version_since,
                    row.item_json,
                    content_fingerprint_v1(*row.text) if row.text is not None else row.fingerprint,
                )
            )  # fmt: skip
            state.first_seen = min(state.first_seen, row.seen)
        else:
            updated += 1
            if state.item_known:
                plan.archive_rows.append(
                    VersionRow(
                        row.url,
                        state.row.fingerprint,
                        state.version_since,
                        state.last_seen,
                        row.seen,
                        state.row.item_json,
                    )
                )
            else:
                plan.archive_from_db.append((row.url, row.seen))
            state.row = row
            state.item_known = True
            state.changed = True
            state.version_since = row.seen
            state.last_seen = max(state.last_seen, row.seen)
    for state in states.values():
        if not state.in_db:
            plan.inserts.append(state)
        elif state.changed:
            plan.updates.append(state)
        else:
            plan.touches.append(state)
    plan.counts = BatchCounts(inserted, updated, unchanged, older, len(rejects), len(duplicates))
    return plan


# --- the dedup index ---


@dataclass(slots=True)
class IndexedText:
    """One article of the dedup index: what the dedup stage met, and how it decided."""

    canonical_url: str
    """The dedup identity of the page (:func:`newscrawler.dedup.canonicalize_url`)."""
    url: str
    """The URL the article is (or would be) stored under in ``articles``."""
    story_id: str
    """The story cluster the article belongs to."""
    kind: str
    """``story`` (the first of its story met), ``exact`` or ``near`` (a copy of another)."""
    kept: bool
    """Whether the article went on to the feeds and ``articles`` (a dropped copy did not)."""
    fingerprint: str
    """:func:`newscrawler.dedup.fingerprint` of its text."""
    signature: bytes
    """Its MinHash signature (:meth:`newscrawler.dedup.Signature.to_bytes`)."""
    similarity: float | None = None
    """For a copy: its similarity to the article it repeats."""
    duplicate_of: str | None = None
    """For a copy: the ``url`` of the article it repeats."""
    id: int = 0
    """Row id, given by the database."""


class DedupIndexTransaction(ABC):
    """The dedup index as one transaction sees it: the only writer while it is open (other
    processes that share the database wait), so that deciding and recording are atomic."""

    @abstractmethod
    def by_canonical_url(self, canonical_url: str) -> IndexedText | None:
        """The entry of a page already met."""

    @abstractmethod
    def by_fingerprint(self, fingerprint: str) -> IndexedText | None:
        """The first entry met with this exact-text fingerprint."""

    @abstractmethod
    def by_band_keys(self, band_keys: Sequence[int]) -> list[IndexedText]:
        """The entries sharing at least one LSH band key (near-duplicate candidates)."""

    @abstractmethod
    def add(self, entry: IndexedText, band_keys: Sequence[int], seen: datetime) -> None:
        """Record a new entry and its band keys (none for an exact copy)."""

    @abstractmethod
    def replace(
        self,
        old: IndexedText,
        new: IndexedText,
        old_band_keys: Sequence[int],
        band_keys: Sequence[int],
        seen: datetime,
    ) -> None:
        """Replace the entry ``old`` (by its id) with ``new``: its text changed."""

    @abstractmethod
    def touch(self, entry: IndexedText, seen: datetime) -> None:
        """Note that the page was met again, unchanged."""

    @abstractmethod
    def is_empty(self) -> bool:
        """Whether the index has no entry at all."""


_INDEX_COLUMNS = (
    "canonical_url, url, story_id, kind, kept, fingerprint, signature, similarity, duplicate_of, id"
)


def _marks(count: int) -> str:
    """``count`` parameter marks, for an ``IN (…)`` list or a ``VALUES`` row."""
    return ", ".join(["%s"] * count)


class SQLDedupTransaction(DedupIndexTransaction):
    """The dedup index in the ``dedup_index`` and ``dedup_bands`` tables, with SQL that SQLite
    (3.35 and newer) and PostgreSQL both run: only the parameter ``placeholder`` differs, and
    how a time is stored (``to_db_time``: the backend's own conversion; as it is by default).
    The backend opens the transaction and takes the lock."""

    def __init__(
        self,
        conn: Any,
        placeholder: str,
        *,
        to_db_time: Callable[[datetime], Any] = lambda value: value,
    ) -> None:
        self.conn = conn
        self.placeholder = placeholder
        self._time = to_db_time

    def _sql(self, sql: str) -> str:
        return sql.replace("%s", self.placeholder)

    def _entries(self, sql: str, params: Sequence[Any]) -> list[IndexedText]:
        rows = self.conn.execute(self._sql(sql), params).fetchall()
        return [IndexedText(r[0], r[1], r[2], r[3], bool(r[4]), r[5], bytes(r[6]), r[7], r[8],
                            r[9]) for r in rows]  # fmt: skip

    def by_canonical_url(self, canonical_url: str) -> IndexedText | None:
        found = self._entries(
            f"SELECT {_INDEX_COLUMNS} FROM dedup_index WHERE canonical_url = %s", (canonical_url,)
        )
        return found[0] if found else None

    def by_fingerprint(self, fingerprint: str) -> IndexedText | None:
        found = self._entries(
            f"SELECT {_INDEX_COLUMNS} FROM dedup_index WHERE fingerprint = %s ORDER BY id LIMIT 1",
            (fingerprint,),
        )
        return found[0] if found else None

    def by_band_keys(self, band_keys: Sequence[int]) -> list[IndexedText]:
        # Two index lookups: the ids, then their rows (one statement with a subquery lets
        # PostgreSQL choose a scan of the whole index table while its statistics are young).
        if not band_keys:
            return []
        ids = [row[0] for row in self.conn.execute(
            self._sql(f"SELECT DISTINCT entry FROM dedup_bands WHERE band_key IN "
                      f"({_marks(len(band_keys))})"),
            list(band_keys),
        ).fetchall()]  # fmt: skip
        if not ids:
            return []
        return self._entries(
            f"SELECT {_INDEX_COLUMNS} FROM dedup_index WHERE id IN ({_marks(len(ids))}) "
            "ORDER BY id",
            ids,
        )

    def add(self, entry: IndexedText, band_keys: Sequence[int], seen: datetime) -> None:
        row = self.conn.execute(
            self._sql(
                "INSERT INTO dedup_index (canonical_url, url, story_id, kind, kept, fingerprint, "
                "signature, similarity, duplicate_of, first_seen, last_seen) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id"
            ),
            (entry.canonical_url, entry.url, entry.story_id, entry.kind, entry.kept,
             entry.fingerprint, entry.signature, entry.similarity, entry.duplicate_of,
             self._time(seen), self._time(seen)),
        ).fetchone()  # fmt: skip
        entry.id = int(row[0])
        self._add_bands(entry.id, band_keys)

    def _add_bands(self, entry_id: int, band_keys: Sequence[int]) -> None:
        if band_keys:
            self.conn.execute(
                self._sql("INSERT INTO dedup_bands (band_key, entry) VALUES "
                          f"{', '.join(['(%s, %s)'] * len(band_keys))} ON CONFLICT DO NOTHING"),
                [value for key in band_keys for value in (key, entry_id)],
            )  # fmt: skip

    def replace(
        self,
        old: IndexedText,
        new: IndexedText,
        old_band_keys: Sequence[int],
        band_keys: Sequence[int],
        seen: datetime,
    ) -> None:
        if old_band_keys:
            self.conn.execute(
                self._sql(f"DELETE FROM dedup_bands WHERE entry = %s AND band_key IN "
                          f"({_marks(len(old_band_keys))})"),
                [old.id, *old_band_keys],
            )  # fmt: skip
        self.conn.execute(
            self._sql(
                "UPDATE dedup_index SET url = %s, story_id = %s, kind = %s, kept = %s, "
                "fingerprint = %s, signature = %s, similarity = %s, duplicate_of = %s, "
                "last_seen = %s WHERE id = %s"
            ),
            (new.url, new.story_id, new.kind, new.kept, new.fingerprint, new.signature,
             new.similarity, new.duplicate_of, self._time(seen), old.id),
        )  # fmt: skip
        new.id = old.id
        self._add_bands(new.id, band_keys)

    def touch(self, entry: IndexedText, seen: datetime) -> None:
        when = self._time(seen)
        self.conn.execute(
            self._sql(
                "UPDATE dedup_index SET last_seen = CASE WHEN last_seen < %s THEN %s "
                "ELSE last_seen END WHERE id = %s"
            ),
            (when, when, entry.id),
        )

    def is_empty(self) -> bool:
        return self.conn.execute("SELECT 1 FROM dedup_index LIMIT 1").fetchone() is None


# --- the interface ---


class Storage(ABC):
    """Where articles, their history, rejects and duplicates are kept.

    One object holds one connection: use it from one thread at a time. Every method that
    reaches the database raises :class:`StorageUnavailableError` when it cannot, and
    :class:`StorageError` when the database refuses."""

    #: The database URL, password hidden.
    display_url: str

    @abstractmethod
    def migrate(self, target: int | None = None) -> int:
        """Create or upgrade the schema to ``target`` (default: the latest version), each
        migration in its own transaction; return the version. Never drops data."""

    @abstractmethod
    def schema_version(self) -> int:
        """The schema version of the database (0 when empty)."""

    @abstractmethod
    def write_batch(
        self,
        articles: Sequence[Any] = (),
        rejects: Sequence[Reject] = (),
        duplicates: Sequence[Duplicate] = (),
    ) -> BatchCounts:
        """Store a batch in one transaction: articles (Article items or their dicts) upserted
        by canonical URL with their history, rejects and duplicates. All or nothing."""

    @abstractmethod
    def iter_articles(
        self,
        *,
        site: str | None = None,
        section: str | None = None,
        since: str | date | datetime | None = None,
        after: int | str | None = None,
        batch_size: int = 1000,
    ) -> Iterator[StoredArticle]:
        """Current articles in cursor order, streamed ``batch_size`` rows at a time.

        ``since`` keeps articles published on or after it (a date is Vietnam time); ``after``
        is the last cursor a consumer saw: every article inserted or changed since then comes
        once, in the order it was committed."""

    @abstractmethod
    def dedup_transaction(self) -> AbstractContextManager[DedupIndexTransaction]:
        """Open a transaction on the dedup index, holding the lock that makes every other
        dedup transaction on this database wait; committed when the block ends without error,
        rolled back otherwise."""

    @abstractmethod
    def iter_duplicates(self, *, since: datetime | None = None) -> Iterator[Duplicate]:
        """The recorded duplicates, oldest first; only those recorded at or after ``since``."""

    @abstractmethod
    def count_rows(self) -> dict[str, int]:
        """Rows per table, for the tables the schema has."""

    @abstractmethod
    def ping(self) -> None:
        """Raise :class:`StorageUnavailableError` unless the database answers."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection (an uncommitted batch is rolled back)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def parse_after(after: int | str | None) -> int:
    """The cursor value of ``after`` (0 when None).

    >>> parse_after("42"), parse_after(None)
    (42, 0)
    """
    if after is None or after == "":
        return 0
    try:
        value = int(after)
    except (TypeError, ValueError):
        raise ValueError(
            f"a cursor is a whole number, as iter_articles gave it, not {after!r}"
        ) from None
    if value < 0:
        raise ValueError(f"a cursor is 0 or more, not {after!r}")
    return value
