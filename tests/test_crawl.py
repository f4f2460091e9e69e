"""Crawl tests: the real spiders against the portal copies served on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import pytest_twisted
from itemadapter import ItemAdapter

from newscrawler.portals import PORTALS
from newscrawler.spiders.generic import GenericSpider
from newscrawler.spiders.portal import SPIDERS
from tests.conftest import DEMO, load_expected, load_expected_from
from tests.crawling import run_spider, settings_for_tests
from tests.mockserver import serve


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("portal", PORTALS, ids=lambda p: p.name)
@pytest_twisted.ensureDeferred
async def test_portal_spider_finds_every_article(portal, tmp_path: Path, article_schema) -> None:
    expected = load_expected(portal.domain)
    with serve(DEMO / portal.domain) as server:
        result = await run_spider(
            SPIDERS[portal.name], settings_for_tests(tmp_path), base_url=server.url
        )
    got = sorted(_path(ItemAdapter(i)["url"]) for i in result.items)
    assert got == sorted(_path(a["url"]) for a in expected["articles"])
    assert "/robots.txt" in server.hits
    assert not result.dropped
    assert result.stat("newscrawler/pages/extraction_error") == 0
    assert result.stat("log_count/ERROR") == 0
    for item in result.items:
        jsonschema.validate(ItemAdapter(item).asdict(), article_schema)
        assert item.metadata["spider"] == portal.name


@pytest_twisted.ensureDeferred
async def test_limit_stops_the_crawl(tmp_path: Path) -> None:
    portal = PORTALS[0]
    with serve(DEMO / portal.domain) as server:
        result = await run_spider(
            SPIDERS[portal.name], settings_for_tests(tmp_path), base_url=server.url, limit="3"
        )
    assert len(result.items) == 3
    assert result.stat("finish_reason") == "limit"


@pytest_twisted.ensureDeferred
async def test_since_ignores_older_articles(tmp_path: Path) -> None:
    portal = next(p for p in PORTALS if p.name == "baotayninh")
    articles = load_expected(portal.domain)["articles"]
    dates = sorted({a["datePublished"][:10] for a in articles})
    since = dates[len(dates) // 2]
    with serve(DEMO / portal.domain) as server:
        result = await run_spider(
            SPIDERS[portal.name], settings_for_tests(tmp_path), base_url=server.url, since=since
        )
    got = sorted(i.url.rsplit("/", 1)[-1] for i in result.items)
    want = sorted(a["url"].rsplit("/", 1)[-1] for a in articles if a["datePublished"][:10] >= since)
    assert got == want
    assert result.stat("newscrawler/articles/older_than_since") == len(articles) - len(want)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"limit": "abc"}, "-a limit=N"), ({"since": "29/12/2022"}, "-a since=YYYY-MM-DD")],
)
def test_bad_arguments_say_how_to_fix(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SPIDERS["baotayninh"](**kwargs)


GENERIC_SITES = [DEMO / p.domain for p in PORTALS] + sorted(
    p.parent for p in (Path(__file__).parent / "fixtures" / "generic").glob("*/expected.json")
)


@pytest.mark.parametrize("site", GENERIC_SITES, ids=lambda p: p.name)
@pytest_twisted.ensureDeferred
async def test_generic_spider_finds_the_articles(site: Path, tmp_path: Path) -> None:
    """No declaration: the generic spider finds the same articles, and reads them the same."""
    expected = {_path(a["url"]): a for a in load_expected_from(site)["articles"]}
    with serve(site) as server:
        result = await run_spider(
            GenericSpider, settings_for_tests(tmp_path), start_url=f"{server.url}/"
        )
    got = {_path(i.url): i for i in result.items}
    assert sorted(got) == sorted(expected)
    for path, item in got.items():
        want = expected[path]
        assert (item.headline, item.datePublished, item.articleBody) == (
            want["headline"],
            want["datePublished"],
            want["articleBody"],
        ), path
        assert [a.name for a in item.authors] == want["authors"], path
    assert result.stat("newscrawler/pages/extraction_error") == 0


def test_generic_spider_needs_a_start_url() -> None:
    with pytest.raises(ValueError, match="-a start_url=URL"):
        GenericSpider()
    with pytest.raises(ValueError, match="http"):
        GenericSpider(start_url="baotayninh.vn")
    spider = GenericSpider(start_url="https://a.vn/, https://www.b.vn/thoi-su/")
    assert spider.start_urls == ["https://a.vn/", "https://www.b.vn/thoi-su/"]
    assert spider.allowed_domains == ["a.vn", "www.b.vn"]


@pytest_twisted.ensureDeferred
async def test_robots_txt_is_obeyed(tmp_path: Path) -> None:
    site = tmp_path / "baodaklak.vn"
    shutil.copytree(DEMO / "baodaklak.vn", site)
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /kinh-te/\n", encoding="utf-8")
    with serve(site) as server:
        result = await run_spider(
            SPIDERS["baodaklak"], settings_for_tests(tmp_path), base_url=server.url
        )
    assert result.items
    assert not [hit for hit in server.hits if hit.startswith("/kinh-te/")]
    assert result.stat("robotstxt/forbidden") > 0
    assert all("/kinh-te/" not in item.url for item in result.items)


@pytest_twisted.ensureDeferred
async def test_dropped_items_are_counted_and_written_with_their_reason(tmp_path: Path) -> None:
    portal = next(p for p in PORTALS if p.name == "baogialai")
    settings = settings_for_tests(tmp_path, NEWSCRAWLER_MIN_BODY_CHARS=2500)
    with serve(DEMO / portal.domain) as server:
        result = await run_spider(SPIDERS[portal.name], settings, base_url=server.url)
    long_ones = [a for a in load_expected(portal.domain)["articles"]
                 if len(a["articleBody"]) >= 2500]  # fmt: skip
    assert len(result.items) == len(long_ones)
    dropped = 11 - len(long_ones)
    assert dropped > 0
    assert result.stat("item_dropped_reasons_count/BodyTooShort") == dropped
    rejects = tmp_path / "rejects" / "baogialai.jsonl"
    records = [json.loads(line) for line in rejects.read_text("utf-8").splitlines()]
    assert len(records) == dropped
    assert {r["reason"] for r in records} == {"BodyTooShort"}
    assert all(r["item"]["headline"] and "NEWSCRAWLER_MIN_BODY_CHARS" in r["message"]
               for r in records)  # fmt: skip


@pytest_twisted.ensureDeferred
async def test_tracking_variants_are_downloaded_once(tmp_path: Path) -> None:
    site = tmp_path / "baotayninh.vn"
    shutil.copytree(DEMO / "baotayninh.vn", site)
    article = "/khat-vong-ve-hai-thanh-pho-tuong-lai-a169010.html"
    home = (site / "index.html").read_text(encoding="utf-8")
    extra = "".join(
        f'<a href="{article}{suffix}">x</a>'
        for suffix in ("?utm_source=facebook&fbclid=IwAR0x", "#binh-luan", "?zarsrc=30")
    )
    (site / "index.html").write_text(home.replace("</body>", extra + "</body>"), encoding="utf-8")
    with serve(site) as server:
        result = await run_spider(
            SPIDERS["baotayninh"], settings_for_tests(tmp_path), base_url=server.url
        )
    assert [hit for hit in server.hits if hit.startswith(article)] == [article]
    assert len(result.items) == 11
