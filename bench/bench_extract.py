"""Extraction time per article page: newscrawler's extractor against trafilatura, in one run.

Both read the same pages (every article page of the demo copies) in the same process, alternating
in rounds so that the machine's noise falls on both alike. Reports the median time per page and
the ratio. Usage: ``python bench/bench_extract.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawler.commands.extract import extract_article  # noqa: E402
from newscrawler.demo import DEMO_DIR, file_for_url  # noqa: E402


def pages() -> list[tuple[str, str]]:
    found = []
    for expected in sorted(DEMO_DIR.glob("*/expected.json")):
        for article in json.loads(expected.read_text(encoding="utf-8"))["articles"]:
            path = file_for_url(DEMO_DIR, article["url"])
            if path is not None:
                found.append((article["url"], path.read_text(encoding="utf-8")))
    return found


def ours(url: str, html: str) -> None:
    extract_article(html, url)


def theirs(url: str, html: str) -> None:
    trafilatura.bare_extraction(html, url=url, with_metadata=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    corpus = pages()
    if not corpus:
        print("No demo pages found under data/demo/*/expected.json", file=sys.stderr)
        return 1
    times: dict[str, list[float]] = {"newscrawler": [], "trafilatura": []}
    for url, html in corpus:  # warm-up: imports, caches
        ours(url, html)
        theirs(url, html)
    gc.disable()
    for _ in range(args.rounds):
        for url, html in corpus:
            for name, func in (("newscrawler", ours), ("trafilatura", theirs)):
                start = time.perf_counter()
                func(url, html)
                times[name].append(time.perf_counter() - start)
    gc.enable()
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"{len(corpus)} article pages x {args.rounds} rounds")
    for name, median in medians.items():
        print(f"  {name:12s} median {median:7.2f} ms per page")
    print(
        f"  ratio trafilatura / newscrawler: {medians['trafilatura'] / medians['newscrawler']:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
