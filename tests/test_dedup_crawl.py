"""Dedup in the crawl: the seed story on two portal copies, crawled into one database (both
backends), comes out once; its copy is recorded; a second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_twisted
from itemadapter import ItemAdapter

from newscrawler.pipelines import DuplicateUrl, NearDuplicate
from newscrawler.spiders.generic import GenericSpider
from newscrawler.spiders.portal import SPIDERS
from tests.conftest import DEMO, Db
from tests.crawling import CrawlResult, run_spider, settings_for_tests
from tests.mockserver import SiteServer, serve

SEED_TQ = (
    "https://tuyenquangtv.vn/tin-moi/202212/ttv-hoi-nghi-toan-quoc-tong-ket-cong-tac-to-chuc-xay"
    "-dung-dang-nam-2022-trien-khai-nhiem-vu-nam-2023-92a4a03/"
)
SEED_DL = (
    "https://baodaklak.vn/chinh-tri/202212/hoi-nghi-toan-quoc-tong-ket-cong-tac-to-chuc-xay-dung"
    "-dang-nam-2022-trien-khai-nhiem-vu-nam-2023-9742668/"
)
PORTALS = (("tuyenquangtv", "tuyenquangtv.vn"), ("baodaklak", "baodaklak.vn"))


@pytest.fixture
def servers() -> Iterator[list[SiteServer]]:
    """The two portal copies, each on a server of its own (the same address for every run)."""
    with serve(DEMO / PORTALS[0][1]) as one, serve(DEMO / PORTALS[1][1]) as two:
        yield [one, two]


async def crawl_both(settings: dict[str, Any], servers: list[SiteServer]) -> list[CrawlResult]:
    """The two portals, one after the other, into one database."""
    return [
        await run_spider(SPIDERS[name], settings, base_url=server.url)
        for (name, _), server in zip(PORTALS, servers, strict=True)
    ]


def canonical(item: Any) -> str:
    adapter = ItemAdapter(item)
    return adapter.get("canonicalUrl") or adapter["url"]


@pytest_twisted.ensureDeferred
async def test_the_seed_story_comes_out_once(
    db: Db, tmp_path: Path, servers: list[SiteServer]
) -> None:
    settings = settings_for_tests(tmp_path, NEWSCRAWLER_DATABASE_URL=db.url)
    first = await crawl_both(settings, servers)
    items = [item for result in first for item in result.items]
    urls = [canonical(item) for item in items]
    assert urls.count(SEED_TQ) == 1 and SEED_DL not in urls
    assert len(urls) == len(set(urls)) == 21  # 11 + 11 articles, one of them a copy
    story_ids = [ItemAdapter(item)["metadata"]["storyId"] for item in items]
    assert len(set(story_ids)) == len(items)  # one story each: no other pair is a copy
    ((dropped, reason),) = first[1].dropped
    assert isinstance(reason, NearDuplicate) and canonical(dropped) == SEED_DL
    seed = next(item for item in items if canonical(item) == SEED_TQ)
    assert ItemAdapter(dropped)["metadata"]["storyId"] == ItemAdapter(seed)["metadata"]["storyId"]
    assert first[1].stat("newscrawler/dedup/near") == 1
    assert db.query("SELECT url, duplicate_of, kind FROM duplicates") == [
        (SEED_DL, SEED_TQ, "near")
    ]
    (similarity,) = db.query("SELECT similarity FROM duplicates")[0]
    assert 0.55 <= similarity < 1.0
    assert db.count("articles") == 21 and db.count("dedup_index") == 22
    assert db.count("rejects") == 0  # a copy is no reject
    rejects = list((tmp_path / "rejects").glob("*.jsonl"))
    assert all(SEED_DL not in path.read_text("utf-8") for path in rejects)

    seen_before = dict(db.query("SELECT url, last_seen FROM articles"))
    again = await crawl_both(settings, servers)
    assert [result.items for result in again] == [[], []]
    reasons = [reason for result in again for _, reason in result.dropped]
    assert len(reasons) == 22 and all(isinstance(r, DuplicateUrl) for r in reasons)
    assert db.count("duplicates") == 1 and db.count("articles") == 21
    assert db.count("dedup_index") == 22
    seen_after = dict(db.query("SELECT url, last_seen FROM articles"))
    assert all(str(seen_after[url]) >= str(seen_before[url]) for url in seen_before)
    assert again[0].stat("newscrawler/storage/unchanged") == 11  # re-crawls reach the storage


@pytest_twisted.ensureDeferred
async def test_near_copies_are_marked_when_asked(tmp_path: Path, servers: list[SiteServer]) -> None:
    settings = settings_for_tests(tmp_path, NEWSCRAWLER_DEDUP_NEAR="mark")
    results = await crawl_both(settings, servers)
    assert not results[1].dropped
    copy = next(item for item in results[1].items if canonical(item) == SEED_DL)
    seed = next(item for item in results[0].items if canonical(item) == SEED_TQ)
    metadata = ItemAdapter(copy)["metadata"]
    assert metadata["duplicateOf"] == SEED_TQ
    assert metadata["storyId"] == ItemAdapter(seed)["metadata"]["storyId"]
    assert 0.55 <= metadata["similarity"] < 1.0


@pytest_twisted.ensureDeferred
async def test_without_database_copies_are_found_within_the_crawl(
    tmp_path: Path, servers: list[SiteServer]
) -> None:
    settings = settings_for_tests(tmp_path, NEWSCRAWLER_DATABASE_URL="")
    one, two = servers
    start = (f"{one.url}{SEED_TQ.removeprefix('https://tuyenquangtv.vn')},"
             f"{two.url}{SEED_DL.removeprefix('https://baodaklak.vn')}")  # fmt: skip
    result = await run_spider(GenericSpider, settings, start_url=start)
    kept = [canonical(item) for item in result.items if canonical(item) in (SEED_TQ, SEED_DL)]
    assert len(kept) == 1  # whichever came first
    ((dropped, reason),) = result.dropped
    assert isinstance(reason, NearDuplicate)
    assert {kept[0], canonical(dropped)} == {SEED_TQ, SEED_DL}


@pytest.mark.parametrize("value", ["delete", "0"])
@pytest_twisted.ensureDeferred
async def test_a_wrong_near_setting_stops_the_crawl_with_its_name(
    value: str, tmp_path: Path
) -> None:
    settings = settings_for_tests(tmp_path, NEWSCRAWLER_DEDUP_NEAR=value)
    with serve(DEMO / "tuyenquangtv.vn") as server:
        with pytest.raises(ValueError, match="NEWSCRAWLER_DEDUP_NEAR"):
            await run_spider(SPIDERS["tuyenquangtv"], settings, base_url=server.url)
        assert server.hits == []
