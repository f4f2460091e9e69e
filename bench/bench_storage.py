"""Storage benchmark: writing 5 KB Vietnamese articles, and exporting them to JSON Lines.

In one run, for each backend:

(a) ``Storage.write_batch``: upsert by canonical URL with every index, fingerprint computed,
    in batches of ``--batch-size`` (one transaction each);
(b) the baseline: a plain ``executemany`` INSERT of the same rows into a table with the same
    columns and no index, one transaction per batch. Its rows are built from equal, fresh
    items with the same code (item JSON, fingerprint, dates), inside the clock like (a)'s: the
    ratio a/b is the cost of the upsert, the history and the indexes. The insert alone is
    shown too, with its ratio;
(c) export: ``iter_articles`` to a JSON Lines file, each row serialised with ``orjson.dumps``
    (the stored item embedded as it is), and, for comparison, with the stdlib
    ``json.dumps`` of the parsed item.

On PostgreSQL it also measures the two other ways of writing a batch: ``executemany`` of
``INSERT … ON CONFLICT DO UPDATE`` (pipeline mode), and ``COPY`` into a temporary table followed
by one ``INSERT … SELECT … ON CONFLICT``.

Articles are made from the texts of the demo pages (``data/demo/*/expected.json``): each has a
headline, lead, keywords and about 5 KB of JSON, with paragraphs drawn at random, so no two are
alike. Usage::

    python bench/bench_storage.py                     # both backends, default sizes
    python bench/bench_storage.py --backend sqlite -n 100000
    python bench/bench_storage.py --backend postgresql --pg-url postgresql://postgres@127.0.0.1/test
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawler.storage import Storage, open_storage  # noqa: E402
from newscrawler.storage.base import ArticleRow, prepare_article  # noqa: E402

TARGETS = {
    "sqlite": {"write": 20_000, "ratio": 0.5, "export": 50_000},
    "postgresql": {"write": 10_000, "ratio": 0.5, "export": 20_000},
}
DEFAULT_N = {"sqlite": 50_000, "postgresql": 20_000}
ARTICLE_BYTES = 5_000


# --- articles ---


@dataclass
class Corpus:
    headlines: list[str]
    paragraphs: list[str]
    descriptions: list[str]
    sections: list[str]
    keywords: list[str]
    authors: list[str]
    sites: list[str]


def load_corpus() -> Corpus:
    corpus = Corpus([], [], [], [], [], [], [])
    for path in sorted((ROOT / "data" / "demo").glob("*/expected.json")):
        site = path.parent.name
        corpus.sites.append(site)
        for article in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            corpus.headlines.append(article["headline"])
            corpus.paragraphs += [p for p in (article.get("articleBody") or "").split("\n") if p]
            if article.get("description"):
                corpus.descriptions.append(article["description"])
            if article.get("articleSection"):
                corpus.sections.append(article["articleSection"])
            corpus.keywords += article.get("keywords") or []
            corpus.authors += [a if isinstance(a, str) else a["name"] for a in article["authors"]]
    return corpus


def make_articles(corpus: Corpus, n: int, seed: int = 1) -> list[dict[str, Any]]:
    """``n`` distinct articles of about 5 KB of JSON each (fresh strings on every call)."""
    rng = random.Random(seed)
    start = datetime(2022, 1, 1, tzinfo=UTC)
    articles = []
    for i in range(n):
        site = rng.choice(corpus.sites)
        section = rng.choice(corpus.sections)
        published = start + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        url = f"https://{site}/{published:%Y%m}/bai-viet-{i}-{rng.randrange(10**6)}.html"
        article: dict[str, Any] = {
            "url": url,
            "canonicalUrl": url,
            "headline": f"{rng.choice(corpus.headlines)} ({i})",
            "datePublished": (published + timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:00+07:00"),
            "datePublishedRaw": (published + timedelta(hours=7)).strftime("%H:%M, %d/%m/%Y"),
            "dateModified": None,
            "authors": [{"name": name, "nameRaw": name} for name in rng.sample(corpus.authors, 2)],
            "creditText": [],
            "description": rng.choice(corpus.descriptions),
            "articleBody": "",
            "articleSection": section,
            "keywords": rng.sample(corpus.keywords, 3),
            "mainImage": {"url": f"https://{site}/uploads/{i}.jpg", "caption": None},
            "images": [{"url": f"https://{site}/uploads/{i}-1.jpg", "caption": "Quang cảnh"}],
            "inLanguage": "vi",
            "metadata": {
                "probability": 0.97,
                "site": site,
                "spider": site.split(".")[0],
                "dateDownloaded": (published + timedelta(days=1)).isoformat(),
                "extractedBy": {"headline": "json-ld", "articleBody": "site"},
            },
        }
        size = len(orjson.dumps(article))
        paragraphs = []
        while size < ARTICLE_BYTES:
            paragraph = rng.choice(corpus.paragraphs)
            paragraphs.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
        # A new string for every article, as a crawl gives: no cached UTF-8 shared between them.
        article["articleBody"] = "\n".join(paragraphs) + f"\nBài {i}."
        articles.append(article)
    return articles


# --- measurements ---


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def write_all(storage: Storage, articles: list[dict[str, Any]], batch_size: int) -> None:
    for batch in batches(articles, batch_size):
        storage.write_batch(batch)


def plain_rows(articles: list[dict[str, Any]], backend: str) -> list[tuple[Any, ...]]:
    """The rows (a) stores, as a plain insert would bind them."""
    now = datetime.now(UTC)
    rows = []
    for article in articles:
        row: ArticleRow = prepare_article(article, now)
        if backend == "sqlite":
            seen = row.seen.isoformat(timespec="microseconds")
            published = row.date_published.isoformat(timespec="microseconds")  # type: ignore[union-attr]
            item: Any = row.item_json
        else:
            seen, published, item = row.seen, row.date_published, row.item_json.decode("utf-8")
        rows.append((row.url, row.site, row.section, published, seen, seen, seen,
                     row.fingerprint, item))  # fmt: skip
    return rows


def export_orjson(storage: Storage, path: Path, batch_size: int) -> int:
    n = 0
    with path.open("wb") as out:
        for row in storage.iter_articles(batch_size=batch_size):
            record = {"cursor": row.cursor, "lastSeen": row.last_seen,
                      "item": orjson.Fragment(row.item_json)}  # fmt: skip
            out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
            n += 1
    return n


def export_stdlib(storage: Storage, path: Path, batch_size: int) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for row in storage.iter_articles(batch_size=batch_size):
            record = {"cursor": row.cursor, "lastSeen": row.last_seen.isoformat(),
                      "item": row.item}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def check_export(path: Path, n: int) -> None:
    lines = path.read_bytes().splitlines()
    assert len(lines) == n, (len(lines), n)
    cursors = [orjson.loads(line)["cursor"] for line in lines[:: max(1, n // 1000)]]
    assert cursors == sorted(cursors)


# --- backends ---


PLAIN_TABLE = {
    "sqlite": "CREATE TABLE plain (url TEXT, site TEXT, section TEXT, date_published TEXT, "
    "first_seen TEXT, version_since TEXT, last_seen TEXT, fingerprint TEXT, item TEXT)",
    "postgresql": "CREATE TABLE plain (url text, site text, section text, "
    "date_published timestamptz, first_seen timestamptz, version_since timestamptz, "
    "last_seen timestamptz, fingerprint text, item jsonb)",
}


def plain_insert_sqlite(url: str, rows: list[tuple[Any, ...]], batch_size: int) -> float:
    import sqlite3

    from newscrawler.storage.sqlite import _PRAGMAS, sqlite_path

    conn = sqlite3.connect(sqlite_path(url), isolation_level=None)
    for pragma in _PRAGMAS:
        conn.execute(pragma)
    conn.execute(PLAIN_TABLE["sqlite"])

    def run() -> None:
        for batch in batches(rows, batch_size):
            conn.execute("BEGIN")
            conn.executemany(
                "INSERT INTO plain VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT))", batch
            )
            conn.execute("COMMIT")

    seconds = timed(run)
    conn.close()
    return seconds


def plain_insert_postgres(url: str, rows: list[tuple[Any, ...]], batch_size: int) -> float:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(PLAIN_TABLE["postgresql"])
        conn.execute("ALTER TABLE plain ALTER COLUMN item SET COMPRESSION lz4")

        def run() -> None:
            for batch in batches(rows, batch_size):
                with conn.transaction(), conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO plain VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb)",
                        batch,
                    )

        return timed(run)


def alternatives_postgres(
    url: str, articles: list[dict[str, Any]], batch_size: int
) -> dict[str, float]:
    """The two other ways to write a batch on PostgreSQL, into copies of the articles table."""
    import psycopg

    now = datetime.now(UTC)
    results = {}
    with psycopg.connect(url, autocommit=True) as conn:
        for name in ("alt_upsert", "alt_merge"):
            conn.execute(f"CREATE TABLE {name} (LIKE articles INCLUDING ALL)")
            conn.execute(f"ALTER TABLE {name} ALTER COLUMN item SET COMPRESSION lz4")
        columns = (
            "seq, url, site, section, date_published, first_seen, version_since, last_seen, "
            "fingerprint, item"
        )
        update = (
            "seq = CASE WHEN t.fingerprint <> EXCLUDED.fingerprint THEN EXCLUDED.seq "
            "ELSE t.seq END, last_seen = EXCLUDED.last_seen, "
            "item = CASE WHEN t.fingerprint <> EXCLUDED.fingerprint THEN EXCLUDED.item "
            "ELSE t.item END, fingerprint = EXCLUDED.fingerprint"
        )
        seq = iter(range(1, 10**9))

        def upsert() -> None:
            for batch in batches(articles, batch_size):
                rows = [prepare_article(a, now) for a in batch]
                with conn.transaction(), conn.cursor() as cur:
                    cur.executemany(
                        f"INSERT INTO alt_upsert AS t ({columns}) VALUES "
                        "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb) "
                        f"ON CONFLICT (url) DO UPDATE SET {update}",
                        [(next(seq), r.url, r.site, r.section, r.date_published, r.seen, r.seen,
                          r.seen, r.fingerprint, r.item_json.decode()) for r in rows],
                    )  # fmt: skip

        def merge() -> None:
            for batch in batches(articles, batch_size):
                rows = [prepare_article(a, now) for a in batch]
                with conn.transaction(), conn.cursor() as cur:
                    cur.execute("CREATE TEMP TABLE incoming (LIKE alt_merge) ON COMMIT DROP")
                    with cur.copy(f"COPY incoming ({columns}) FROM STDIN") as copy:
                        for r in rows:
                            copy.write_row((next(seq), r.url, r.site, r.section,
                                            r.date_published, r.seen, r.seen, r.seen,
                                            r.fingerprint, r.item_json.decode()))  # fmt: skip
                    cur.execute(
                        f"INSERT INTO alt_merge AS t ({columns}) SELECT {columns} FROM incoming "
                        f"ON CONFLICT (url) DO UPDATE SET {update}"
                    )

        results["executemany INSERT … ON CONFLICT (pipeline)"] = rate(len(articles), timed(upsert))
        results["COPY into temp table + INSERT … SELECT … ON CONFLICT"] = rate(
            len(articles), timed(merge)
        )
    return results


def run_backend(backend: str, url: str, n: int, batch_size: int, workdir: Path) -> bool:
    corpus = load_corpus()
    print(f"\n== {backend}: {n} articles, batches of {batch_size}, {hide(url)}")
    articles = make_articles(corpus, n)
    sizes = [len(orjson.dumps(a)) for a in articles[:1000]]
    print(f"   article JSON: {sum(sizes) / len(sizes):.0f} bytes on average")
    storage = open_storage(url)
    storage.migrate()
    write = rate(n, timed(lambda: write_all(storage, articles, batch_size)))
    articles.clear()
    assert storage.count_rows()["articles"] == n

    fresh = make_articles(corpus, n, seed=2)
    start = time.perf_counter()
    rows = plain_rows(fresh, backend)
    build_seconds = time.perf_counter() - start
    fresh.clear()
    plain_insert = plain_insert_sqlite if backend == "sqlite" else plain_insert_postgres
    insert_seconds = plain_insert(url, rows, batch_size)
    rows.clear()
    plain = rate(n, build_seconds + insert_seconds)
    insert_only = rate(n, insert_seconds)

    again = make_articles(corpus, n)  # the same articles again: a re-crawl, nothing changed
    recrawl = rate(n, timed(lambda: write_all(storage, again, batch_size)))
    again.clear()

    export_path = workdir / f"export-{backend}.jsonl"
    export_seconds = timed(lambda: export_orjson(storage, export_path, 1000))
    check_export(export_path, n)
    export = rate(n, export_seconds)
    stdlib = rate(n, timed(lambda: export_stdlib(storage, export_path, 1000)))
    storage.close()
    extra = {}
    if backend == "postgresql":
        extra = alternatives_postgres(url, make_articles(corpus, n, seed=3), batch_size)

    target = TARGETS[backend]
    ratio = write / plain
    checks = [
        ("(a) write_batch upsert, indexed", write, f"{write:,.0f}/s", write >= target["write"],
         f">= {target['write']:,}/s"),
        ("(b) plain executemany, no index (rows built + insert)", plain, f"{plain:,.0f}/s",
         True, ""),
        ("    ratio a/b", ratio, f"{ratio:.2f}", ratio >= target["ratio"],
         f">= {target['ratio']}"),
        ("    (b) the insert alone (rows built before)", insert_only, f"{insert_only:,.0f}/s",
         True, ""),
        ("    ratio a/(b insert alone)", write / insert_only, f"{write / insert_only:.2f}", True,
         ""),
        ("    re-crawl, unchanged (a again)", recrawl, f"{recrawl:,.0f}/s", True, ""),
        ("(c) export to JSON Lines (orjson)", export, f"{export:,.0f}/s",
         export >= target["export"], f">= {target['export']:,}/s"),
        ("    export, stdlib json.dumps(item)", stdlib, f"{stdlib:,.0f}/s", True, ""),
    ]  # fmt: skip
    checks += [(f"    alt: {name}", value, f"{value:,.0f}/s", True, "") for name, value in
               extra.items()]  # fmt: skip
    ok = True
    for name, _, shown, passed, wanted in checks:
        verdict = "" if not wanted else ("ok" if passed else "MISSED")
        print(f"   {name:<58} {shown:>12}  {wanted:<12} {verdict}")
        ok = ok and passed
    return ok


def hide(url: str) -> str:
    from newscrawler.storage import hide_password

    return hide_password(url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("-n", type=int, help="articles (default 50,000 SQLite, 20,000 PostgreSQL)")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--pg-url", default=os.environ.get(
        "NEWSCRAWLER_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"))  # fmt: skip
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        workdir = Path(tmp)
        if args.backend in ("sqlite", "both"):
            url = f"sqlite:///{workdir / 'bench.db'}"
            ok &= run_backend("sqlite", url, args.n or DEFAULT_N["sqlite"], args.batch_size,
                              workdir)  # fmt: skip
            for suffix in ("", "-wal", "-shm"):
                Path(f"{workdir / 'bench.db'}{suffix}").unlink(missing_ok=True)
        if args.backend in ("postgresql", "both"):
            import psycopg

            schema = f"bench_storage_{os.getpid()}"
            with psycopg.connect(args.pg_url, autocommit=True) as admin:
                admin.execute(f"CREATE SCHEMA {schema}")
                try:
                    sep = "&" if "?" in args.pg_url else "?"
                    url = f"{args.pg_url}{sep}options=-csearch_path%3D{schema}"
                    ok &= run_backend("postgresql", url, args.n or DEFAULT_N["postgresql"],
                                      args.batch_size, workdir)  # fmt: skip
                finally:
                    admin.execute(f"DROP SCHEMA {schema} CASCADE")
    print("\nall targets met" if ok else "\nsome targets MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
