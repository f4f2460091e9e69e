"""Extraction quality on the fundus test pages: newscrawler's extractor against trafilatura.

Reads the pages a person checked (``../shared/eval/fundus``, see its README; skips with a message
when absent), runs both extractors on every page in the same run and scores each field against the
expected values:

* headline: exact match after whitespace normalisation, and a token F1 (bag of lower-cased words);
* datePublished: same instant (to the second; an expected date without a zone is compared to the
  extracted wall-clock time; a date without a time, as trafilatura gives, is never an instant),
  and same calendar day;
* authors: F1 of the sets of names (case-insensitive, whitespace-normalised; no expected and no
  extracted authors scores 1);
* body: word 4-gram shingles, precision and recall per page averaged over pages, F1 from the two
  averages. The expected body is every paragraph of ``body.sections`` (not the summary); ours is
  ``articleBody``, trafilatura's is ``text``. Chinese and Japanese characters are one word each.

A page an extractor gives nothing for (ours returns ``None`` for a page it thinks is not an
article; an exception) is empty for every field, and scores 0 there. Also reports the median
extraction time per page.

Each ``<Publisher>.json`` holds one expected entry per parser version (``V1``, ``V1_1``, ``V2``,
…): the entry of the version that parsed the page crawled in its time, so versions in order pair
with the publisher's pages in crawl order (``meta.info``).

Usage: ``python bench/eval_fundus.py [--limit N] [--country XX] [--json PATH]``; with ``--demo``,
the same scores on the article pages of the bundled portal copies (``data/demo/``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import trafilatura
from w3lib.encoding import html_to_unicode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawler.commands.extract import extract_article  # noqa: E402

FUNDUS_DIR = ROOT.parent / "shared" / "eval" / "fundus"
EXTRACTORS = ("newscrawler", "trafilatura")
SHINGLE = 4
_PAGE_RE = r"_\d{4}_\d{2}_\d{2}\.html\.gz"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_VERSION_RE = re.compile(r"\d+")


@dataclass
class Page:
    country: str
    file: str
    url: str
    crawled: datetime | None
    html: str
    expected: dict[str, Any]


@dataclass
class Extracted:
    """The fields of one page as an extractor gives them; all ``None`` when it gave nothing."""

    headline: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    body: str | None = None
    empty: bool = True
    error: str | None = None


# Corpus ----------------------------------------------------------------------------------------


def _version_key(name: str) -> tuple[int, ...]:
    """``V1`` < ``V1_1`` < ``V1_2`` < ``V2`` < ``V10``."""
    return tuple(int(n) for n in _VERSION_RE.findall(name))


def _parse_crawl_date(value: str | None) -> datetime | None:
    """The crawl time of ``meta.info`` (UTC when it has no zone), ``None`` when missing or bad."""
    try:
        crawled = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return crawled if crawled.tzinfo else crawled.replace(tzinfo=UTC)


def decode(data: bytes) -> str:
    """The page's text. fundus stores every page as UTF-8, whatever charset its ``<meta>``
    declares (cn/People declares GB2312), so UTF-8 first, the declared encoding otherwise."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return html_to_unicode(None, data)[1]


def load_pages(
    root: Path, country: str | None, limit: int | None, problems: list[str]
) -> list[Page]:
    """Every page with its expected values, countries and publishers in name order."""
    pages: list[Page] = []
    for country_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        if country and country_dir.name.lower() != country.lower():
            continue
        meta_path = country_dir / "meta.info"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            problems.append(f"{country_dir.name}/meta.info: {type(exc).__name__}: {exc}")
            continue
        for expected_path in sorted(country_dir.glob("*.json")):
            publisher = expected_path.stem
            try:
                versions = json.loads(expected_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                problems.append(f"{country_dir.name}/{expected_path.name}: {exc}")
                continue
            if not isinstance(versions, dict):
                problems.append(f"{country_dir.name}/{expected_path.name}: not an object")
                continue
            versions = {k: v for k, v in versions.items() if isinstance(v, dict)}
            files = [
                p
                for p in country_dir.glob(f"{publisher}_*.html.gz")
                if re.fullmatch(re.escape(publisher) + _PAGE_RE, p.name)
            ]
            crawl_dates = {
                p.name: meta.get(p.name, {}).get("crawl_date") or p.name[len(publisher) + 1 :]
                for p in files
            }
            files.sort(key=lambda p: crawl_dates[p.name])
            names = sorted(versions, key=_version_key)
            if len(names) != len(files):
                problems.append(
                    f"{country_dir.name}/{publisher}: {len(names)} versions for "
                    f"{len(files)} pages; pairing the newest ones"
                )
                # The newest pages were parsed by the newest versions.
                n = min(len(names), len(files))
                names, files = names[len(names) - n :], files[len(files) - n :]
            for version, path in zip(names, files, strict=True):
                info = meta.get(path.name)
                if not info or not info.get("url"):
                    problems.append(f"{country_dir.name}/{path.name}: no URL in meta.info")
                    continue
                crawled = _parse_crawl_date(info.get("crawl_date"))
                try:
                    html = decode(gzip.decompress(path.read_bytes()))
                except (OSError, ValueError, EOFError) as exc:
                    problems.append(f"{country_dir.name}/{path.name}: {type(exc).__name__}: {exc}")
                    continue
                pages.append(
                    Page(country_dir.name, path.name, info["url"], crawled, html, versions[version])
                )
                if limit is not None and len(pages) >= limit:
                    return pages
    return pages


# Extractors ------------------------------------------------------------------------------------


def run_ours(page: Page) -> Extracted:
    article, _ = extract_article(page.html, page.url, now=page.crawled)
    if article is None:
        return Extracted()
    return Extracted(
        headline=article.headline,
        date=article.datePublished,
        authors=[a.name for a in article.authors if a.name],
        body=article.articleBody,
        empty=False,
    )


def run_trafilatura(page: Page) -> Extracted:
    document = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if document is None:
        return Extracted()
    values = document if isinstance(document, dict) else document.as_dict()  # older: a dict
    authors = values.get("author") or ""
    return Extracted(
        headline=values.get("title"),
        date=values.get("date"),
        authors=[a for a in (s.strip() for s in authors.split(";")) if a],
        body=values.get("text"),
        empty=False,
    )


RUNNERS: dict[str, Callable[[Page], Extracted]] = {
    "newscrawler": run_ours,
    "trafilatura": run_trafilatura,
}


# Scores ----------------------------------------------------------------------------------------


def normalize_space(text: str | None) -> str:
    return " ".join((text or "").split())


def words(text: str | None) -> list[str]:
    return _WORD_RE.findall((text or "").lower())


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def token_f1(got: str | None, want: str | None) -> float:
    got_words, want_words = Counter(words(got)), Counter(words(want))
    if not got_words or not want_words:
        return float(got_words == want_words)
    common = sum((got_words & want_words).values())
    return f1(common / sum(got_words.values()), common / sum(want_words.values()))


def parse_date(value: str | None) -> datetime | date | None:
    """A datetime (aware or naive), a date when there is no time, ``None`` when unparseable."""
    value = normalize_space(value)
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def same_instant(got: datetime | date | None, want: datetime | date | None) -> bool:
    if not isinstance(got, datetime) or not isinstance(want, datetime):
        return False
    got, want = got.replace(microsecond=0), want.replace(microsecond=0)
    if want.tzinfo is None or got.tzinfo is None:  # no zone on one side: wall-clock time
        return got.replace(tzinfo=None) == want.replace(tzinfo=None)
    return got == want


def same_day(got: datetime | date | None, want: datetime | date | None) -> bool:
    if got is None or want is None:
        return False
    want_day = want.date() if isinstance(want, datetime) else want
    if not isinstance(got, datetime):
        return got == want_day
    if got.date() == want_day:
        return True
    # The expected value may be in another zone (often UTC) than the page shows.
    if want.tzinfo is not None and got.tzinfo is not None and isinstance(want, datetime):
        return got.astimezone(want.tzinfo).date() == want_day
    return False


def author_f1(got: Iterable[str], want: Iterable[str]) -> float:
    got_names = {normalize_space(n).casefold() for n in got} - {""}
    want_names = {normalize_space(n).casefold() for n in want} - {""}
    if not got_names or not want_names:
        return float(got_names == want_names)
    common = len(got_names & want_names)
    return f1(common / len(got_names), common / len(want_names))


def shingles(text: str | None) -> set[tuple[str, ...]]:
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def body_scores(got: str | None, want: str | None) -> tuple[float, float]:
    """Precision and recall of the body's shingles; 0 and 0 when nothing was extracted."""
    got_set, want_set = shingles(got), shingles(want)
    if not got_set or not want_set:
        value = float(got_set == want_set)
        return value, value
    common = len(got_set & want_set)
    return common / len(got_set), common / len(want_set)


def expected_body(expected: dict[str, Any]) -> str:
    sections = (expected.get("body") or {}).get("sections") or []
    return "\n".join(p for s in sections for p in s.get("paragraphs") or [])


def score(page: Page, got: Extracted) -> dict[str, Any]:
    want = page.expected
    want_date, got_date = parse_date(want.get("publishing_date")), parse_date(got.date)
    precision, recall = body_scores(got.body, expected_body(want))
    return {
        "headline_exact": normalize_space(got.headline) == normalize_space(want.get("title"))
        and bool(normalize_space(got.headline)),
        "headline_f1": token_f1(got.headline, want.get("title")),
        "date_instant": same_instant(got_date, want_date),
        "date_day": same_day(got_date, want_date),
        "authors_f1": author_f1(got.authors, want.get("authors") or []),
        "body_precision": precision,
        "body_recall": recall,
        "empty_headline": not normalize_space(got.headline),
        "empty_date": got_date is None,
        "empty_authors": not got.authors,
        "empty_body": not shingles(got.body),
    }


#: The scores of a page that could not be scored.
ZERO_SCORES: dict[str, Any] = {
    "headline_exact": False, "headline_f1": 0.0, "date_instant": False, "date_day": False,
    "authors_f1": 0.0, "body_precision": 0.0, "body_recall": 0.0, "empty_headline": True,
    "empty_date": True, "empty_authors": True, "empty_body": True,
}  # fmt: skip


# Report ----------------------------------------------------------------------------------------


def mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def summarize(records: list[dict[str, Any]], name: str) -> dict[str, Any]:
    scores = [r["scores"][name] for r in records]
    out = [r["extracted"][name] for r in records]
    times = [r["ms"][name] for r in records if r["ms"][name] is not None]
    precision = mean([s["body_precision"] for s in scores])
    recall = mean([s["body_recall"] for s in scores])
    with_authors = [
        s["authors_f1"] for s, r in zip(scores, records, strict=True) if r["want_authors"]
    ]
    return {
        "headline": {
            "exact": mean([float(s["headline_exact"]) for s in scores]),
            "token_f1": mean([s["headline_f1"] for s in scores]),
            "empty": sum(s["empty_headline"] for s in scores),
        },
        "datePublished": {
            "same_instant": mean([float(s["date_instant"]) for s in scores]),
            "same_day": mean([float(s["date_day"]) for s in scores]),
            "empty": sum(s["empty_date"] for s in scores),
        },
        "authors": {
            "set_f1": mean([s["authors_f1"] for s in scores]),
            "set_f1_pages_with_authors": mean(with_authors),
            "empty": sum(s["empty_authors"] for s in scores),
        },
        "body": {
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "empty": sum(s["empty_body"] for s in scores),
        },
        "no_output": sum(1 for o in out if o["empty"] and not o["error"]),
        "errors": sum(1 for o in out if o["error"]),
        "median_ms": statistics.median(times) if times else None,
    }


ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("headline", "exact", "headline", "exact"),
    ("", "token F1", "headline", "token_f1"),
    ("", "empty (pages)", "headline", "empty"),
    ("datePublished", "same instant", "datePublished", "same_instant"),
    ("", "same day", "datePublished", "same_day"),
    ("", "empty (pages)", "datePublished", "empty"),
    ("authors", "set F1", "authors", "set_f1"),
    ("", "set F1, pages with authors", "authors", "set_f1_pages_with_authors"),
    ("", "empty (pages)", "authors", "empty"),
    ("body", "precision", "body", "precision"),
    ("", "recall", "body", "recall"),
    ("", "F1", "body", "f1"),
    ("", "empty (pages)", "body", "empty"),
    ("page", "no output (pages)", "", "no_output"),
    ("", "exceptions (pages)", "", "errors"),
    ("time", "median ms per page", "", "median_ms"),
)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}" if value <= 1 else f"{value:.1f}"


def print_table(summary: dict[str, dict[str, Any]], header: str) -> None:
    print(header)
    print(f"{'field':14s} {'metric':28s} " + " ".join(f"{n:>12s}" for n in EXTRACTORS))
    print("-" * (43 + 13 * len(EXTRACTORS)))
    for label, metric, group, key in ROWS:
        cells = []
        for name in EXTRACTORS:
            value = summary[name][group][key] if group else summary[name][key]
            cells.append(f"{_cell(value):>12s}")
        print(f"{label:14s} {metric:28s} " + " ".join(cells))


def evaluate(pages: list[Page]) -> tuple[list[dict[str, Any]], list[str]]:
    records, errors = [], []
    for page in pages:
        record: dict[str, Any] = {
            "page": f"{page.country}/{page.file}",
            "url": page.url,
            "want_authors": bool(page.expected.get("authors")),
            "extracted": {},
            "scores": {},
            "ms": {},
        }
        for name, run in RUNNERS.items():
            start = time.perf_counter()
            try:
                got = run(page)
            except Exception as exc:  # one page never stops the run
                got = Extracted(error=f"{type(exc).__name__}: {exc}")
                errors.append(f"{record['page']}: {name}: {got.error}")
                record["ms"][name] = None
            else:
                record["ms"][name] = (time.perf_counter() - start) * 1000
            try:
                record["scores"][name] = score(page, got)
            except Exception as exc:  # odd expected values: the page scores 0
                if got.error is None:
                    got.error = f"scoring: {type(exc).__name__}: {exc}"
                    errors.append(f"{record['page']}: {name}: {got.error}")
                record["scores"][name] = ZERO_SCORES
            record["extracted"][name] = {
                "headline": got.headline,
                "date": got.date,
                "authors": got.authors,
                "empty": got.empty,
                "error": got.error,
                "body_chars": len(got.body or ""),
            }
        records.append(record)
    return records, errors


def load_demo_pages() -> list[Page]:
    """The article pages of the bundled portal copies, with their expected items in fundus's
    terms: the Vietnamese pages the project is for."""
    from newscrawler.demo import DEMO_DIR, file_for_url

    pages = []
    for expected_file in sorted(DEMO_DIR.glob("*/expected.json")):
        for article in json.loads(expected_file.read_text(encoding="utf-8"))["articles"]:
            path = file_for_url(DEMO_DIR, article["url"])
            if path is None:
                continue
            expected = {
                "title": article["headline"],
                "publishing_date": article["datePublished"],
                "authors": article["authors"],
                "body": {"sections": [{"paragraphs": article["articleBody"].split("\n")}]},
            }
            pages.append(Page(expected_file.parent.name, path.name, article["url"], None,
                              path.read_text(encoding="utf-8"), expected))  # fmt: skip
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="evaluate the first N pages only")
    parser.add_argument("--country", help="only the pages of one country folder (de, us, …)")
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON to this file")
    parser.add_argument(
        "--demo", action="store_true", help="evaluate on the demo portal copies instead"
    )
    args = parser.parse_args()
    if args.demo:
        logging.disable(logging.WARNING)
        pages = load_demo_pages()
        records, _ = evaluate(pages)
        summary = {name: summarize(records, name) for name in EXTRACTORS}
        print_table(summary, f"{len(pages)} article pages of the demo portal copies")
        return 0
    if not FUNDUS_DIR.is_dir():
        print(f"No fundus evaluation data: expected it at {FUNDUS_DIR}; skipping.")
        return 0
    logging.disable(logging.WARNING)  # trafilatura's and our warnings about odd pages
    problems: list[str] = []
    pages = load_pages(FUNDUS_DIR, args.country, args.limit, problems)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not pages:
        print(
            f"No pages to evaluate under {FUNDUS_DIR}"
            + (f" for {args.country}" if args.country else "")
        )
        return 0
    records, errors = evaluate(pages)
    summary = {name: summarize(records, name) for name in EXTRACTORS}
    countries = len({p.country for p in pages})
    publishers = len({(p.country, p.file.rsplit("_", 3)[0]) for p in pages})
    header = f"{len(pages)} pages, {publishers} publishers, {countries} countries from {FUNDUS_DIR}"
    print_table(summary, header)
    print(
        "Scores are means over all pages; a page with no output scores 0 on every field. "
        "trafilatura gives dates without a time, never the same instant."
    )
    if errors:
        print(f"\n{len(errors)} exception(s):")
        for error in errors:
            print(f"  {error}")
    if args.json:
        report = {
            "corpus": str(FUNDUS_DIR),
            "pages": len(pages),
            "publishers": publishers,
            "countries": countries,
            "summary": summary,
            "exceptions": errors,
            "corpus_problems": problems,
            "per_page": records,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nJSON written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
