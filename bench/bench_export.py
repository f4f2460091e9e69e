"""Export benchmark: ``scrapy export``'s code path (:func:`newscrawler.export.run_export`: the
database read in cursor order, written to a temporary file renamed at the end) on 5 KB articles.

For each backend it stores ``-n`` articles made by bench_storage's builder (texts of the demo
pages, about 5 KB of JSON each), then times the export of all of them to a JSON Lines file (the
target), and, for information, to JSON, CSV and Atom. Usage::

    python bench/bench_export.py                      # both backends, default sizes
    python bench/bench_export.py --backend sqlite -n 200000
    python bench/bench_export.py --backend postgresql --pg-url postgresql://postgres@127.0.0.1/test
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_storage import load_corpus, make_articles, rate, write_all  # noqa: E402

from newscrawler.export import run_export  # noqa: E402
from newscrawler.storage import hide_password, open_storage  # noqa: E402

TARGETS = {"sqlite": 50_000, "postgresql": 20_000}
DEFAULT_N = {"sqlite": 100_000, "postgresql": 50_000}
SUFFIX = {"jsonl": ".jsonl", "json": ".json", "csv": ".csv", "atom": ".atom"}


def fill(url: str, n: int, batch_size: int = 500) -> None:
    corpus = load_corpus()
    with open_storage(url) as storage:
        storage.migrate()
        for start in range(0, n, 10_000):  # built a slice at a time: the bench's memory stays low
            articles = make_articles(corpus, min(10_000, n - start), seed=start + 1)
            for article in articles:  # distinct URLs across slices
                article["url"] = article["canonicalUrl"] = article["url"].replace(
                    "/bai-viet-", f"/bai-viet-{start}-"
                )
            write_all(storage, articles, batch_size)
        assert storage.count_rows()["articles"] == n


def export_rate(url: str, n: int, fmt: str, workdir: Path, repeat: int) -> tuple[float, int]:
    """The best of ``repeat`` exports of everything, in articles per second, and the size."""
    path = workdir / f"export{SUFFIX[fmt]}"
    best = float("inf")
    for _ in range(repeat):
        # A fresh file each time: freeing the last one's blocks is not the export's work.
        path.unlink(missing_ok=True)
        start = time.perf_counter()
        result = run_export(url, output=path, fmt=fmt)
        best = min(best, time.perf_counter() - start)
        assert result.articles == n, (result.articles, n)
    size = path.stat().st_size
    if fmt == "jsonl":
        with path.open("rb") as lines:
            assert sum(1 for _ in lines) == n
    path.unlink()
    return rate(n, best), size


def run_backend(backend: str, url: str, n: int, workdir: Path, repeat: int) -> bool:
    print(f"\n== {backend}: {n:,} articles, {hide_password(url)}")
    start = time.perf_counter()
    fill(url, n)
    print(f"   filled in {time.perf_counter() - start:.1f} s")
    ok = True
    for fmt in ("jsonl", "json", "csv", "atom"):
        value, size = export_rate(url, n, fmt, workdir, repeat if fmt == "jsonl" else 1)
        wanted = f">= {TARGETS[backend]:,}/s" if fmt == "jsonl" else ""
        verdict = ("ok" if value >= TARGETS[backend] else "MISSED") if wanted else ""
        ok = ok and (fmt != "jsonl" or value >= TARGETS[backend])
        print(f"   export to {fmt:<6} {value:>10,.0f}/s  {size / n:>6,.0f} B/article  "
              f"{wanted:<12} {verdict}")  # fmt: skip
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("-n", type=int, help="articles (default 100,000 SQLite, 50,000 PostgreSQL)")
    parser.add_argument("--repeat", type=int, default=3, help="JSON Lines runs (best is kept)")
    parser.add_argument("--pg-url", default=os.environ.get(
        "NEWSCRAWLER_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"))  # fmt: skip
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        workdir = Path(tmp)
        if args.backend in ("sqlite", "both"):
            url = f"sqlite:///{workdir / 'bench.db'}"
            ok &= run_backend("sqlite", url, args.n or DEFAULT_N["sqlite"], workdir, args.repeat)
        if args.backend in ("postgresql", "both"):
            import psycopg

            schema = f"bench_export_{os.getpid()}"
            with psycopg.connect(args.pg_url, autocommit=True) as admin:
                admin.execute(f"CREATE SCHEMA {schema}")  # type: ignore[arg-type]
                try:
                    sep = "&" if "?" in args.pg_url else "?"
                    url = f"{args.pg_url}{sep}options=-csearch_path%3D{schema}"
                    ok &= run_backend("postgresql", url, args.n or DEFAULT_N["postgresql"],
                                      workdir, args.repeat)  # fmt: skip
                finally:
                    admin.execute(f"DROP SCHEMA {schema} CASCADE")  # type: ignore[arg-type]
    print("\nall targets met" if ok else "\nsome targets MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
