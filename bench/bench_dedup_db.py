"""Dedup as the crawl runs it: one article at a time through ``DedupIndex.check``, with the
index in the database (SQLite, PostgreSQL) against the same index in memory, in the same run.

Each decision is one transaction holding the dedup lock: look the page up by canonical URL, the
text by fingerprint, the candidates by LSH band keys, and record the article with its band keys.
The articles are those of ``bench_dedup.py`` (600 words, one in ten a near copy, one in fifty an
exact copy). The index is first filled with ``--articles`` articles (in one transaction per
thousand, through the same ``decide``), then ``--measure`` more are timed one at a time; the
decisions of the three backends must agree.

Usage: ``python bench/bench_dedup_db.py [--articles N] [--measure N] [--pg-url URL]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_dedup import Corpus, articles  # noqa: E402

from newscrawler.dedup.minhash import dedup_keys_many  # noqa: E402
from newscrawler.dedup.store import DedupIndex, decide  # noqa: E402
from newscrawler.storage import Storage, StorageError, open_storage  # noqa: E402


def url(key: int) -> str:
    return f"https://baotayninh.vn/bai-viet-a{key}.html"


def fill(index: DedupIndex, texts: list[str], start: int) -> None:
    keys = dedup_keys_many(texts)
    chunk = 1000
    for first in range(0, len(texts), chunk):
        if index.storage is None:
            for offset, k in enumerate(keys[first : first + chunk]):
                decide(index.memory, url(start + first + offset), url(start + first + offset), k)
            continue
        with index.storage.dedup_transaction() as tx:
            for offset, k in enumerate(keys[first : first + chunk]):
                decide(tx, url(start + first + offset), url(start + first + offset), k)


def measure(index: DedupIndex, texts: list[str], start: int) -> tuple[float, Counter[str]]:
    verdicts: Counter[str] = Counter()
    began = time.perf_counter()
    for offset, text in enumerate(texts):
        verdicts[index.check(url(start + offset), url(start + offset), text).verdict] += 1
    return len(texts) / (time.perf_counter() - began), verdicts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--measure", type=int, default=2_000)
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    corpus = Corpus()
    made = articles(corpus, args.articles + args.measure, seed=2023)
    texts = [a.text for a in made]
    backends: list[tuple[str, Storage | None]] = [("memory", None)]
    with tempfile.TemporaryDirectory() as folder:
        sqlite = open_storage(f"sqlite:///{folder}/bench.db")
        sqlite.migrate()
        backends.append(("sqlite", sqlite))
        try:
            pg = open_storage(args.pg_url)
            schema = f"bench_dedup_{int(time.time())}"
            pg.conn.execute(f"CREATE SCHEMA {schema}")  # type: ignore[attr-defined]
            pg.conn.execute(f"SET search_path TO {schema}")  # type: ignore[attr-defined]
            pg.migrate()
            backends.append(("postgresql", pg))
        except StorageError as exc:
            print(f"PostgreSQL skipped: {exc}")
            pg, schema = None, ""
        print(f"index of {args.articles:,} articles, then {args.measure:,} checked one at a time")
        rates, seen = {}, {}
        for name, storage in backends:
            index = DedupIndex(storage)
            fill(index, texts[: args.articles], 0)
            rates[name], seen[name] = measure(index, texts[args.articles :], args.articles)
            print(f"  {name:<11} {rates[name]:>8,.0f} articles/s   {dict(seen[name])}")
        for name, rate in rates.items():
            if name != "memory":
                print(f"  {name} / memory: {rate / rates['memory']:.2f}")
        if len({tuple(sorted(v.items())) for v in seen.values()}) != 1:
            print("the backends decided differently")
            return 1
        if pg is not None:
            pg.conn.execute(f"DROP SCHEMA {schema} CASCADE")  # type: ignore[attr-defined]
            pg.close()
        sqlite.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
