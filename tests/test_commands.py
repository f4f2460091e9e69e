"""The operator's commands, run as an operator runs them: in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newscrawler.commands.demo import SEED_URL
from newscrawler.portals import PORTALS
from tests.conftest import DEMO, SHARED, load_expected
from tests.mockserver import serve

SEED_FILE = SHARED / "seed" / "tuyenquangtv-2022-12-29.txt"


def scrapy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawler.settings"}
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def seed_paragraphs() -> list[str]:
    """The seed's body as PORTALS.md says: from "Sáng ngày 29/12" to "…đã đề ra."."""
    lines = [" ".join(line.split()) for line in SEED_FILE.read_text(encoding="utf-8").split("\n")]
    lines = [line for line in lines if line]
    start = next(i for i, line in enumerate(lines) if line.startswith("Sáng ngày 29/12"))
    end = next(i for i, line in enumerate(lines) if line.endswith("đã đề ra."))
    return lines[start : end + 1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    cwd = tmp_path_factory.mktemp("demo")
    return scrapy("demo", cwd=cwd), cwd


def demo_items(cwd: Path) -> list[dict[str, Any]]:
    feeds = sorted((cwd / "data" / "feeds").glob("*.jsonl"))
    return [json.loads(line) for feed in feeds for line in feed.read_text("utf-8").splitlines()]


def test_demo_crawls_every_portal(demo: Any, article_schema: dict[str, Any]) -> None:
    result, cwd = demo
    assert result.returncode == 0, result.stderr[-3000:]
    feeds = sorted((cwd / "data" / "feeds").glob("*.jsonl"))
    assert len(feeds) == 5
    items = demo_items(cwd)
    assert len(items) >= 50
    assert "\\u" not in "".join(feed.read_text("utf-8") for feed in feeds)
    for item in items:
        assert item["headline"] and item["datePublished"] and item["articleBody"], item["url"]
        jsonschema.validate(item, article_schema)
    assert f"{len(items)} articles from 5 portals." in result.stdout
    for feed in feeds:
        assert str(feed.relative_to(cwd)) in result.stdout
    assert SEED_URL in result.stdout  # the demo ends with the seed item


def test_demo_feeds_each_story_once_and_a_rerun_nothing(demo: Any, tmp_path: Path) -> None:
    result, cwd = demo
    items = demo_items(cwd)
    copy = next(
        a["url"] for a in load_expected("baodaklak.vn")["articles"] if "9742668" in a["url"]
    )
    urls = [item["url"] for item in items]
    assert urls.count(SEED_URL) == 1 and copy not in urls
    assert len({item["metadata"]["storyId"] for item in items}) == len(items)
    assert f"{copy}\n    repeats {SEED_URL} (near, similarity 0." in result.stdout
    shutil.copytree(cwd, tmp_path / "again")  # the same folder, database included
    for feed in (tmp_path / "again" / "data" / "feeds").glob("*.jsonl"):
        os.utime(feed)  # as if the first run had ended a moment ago: its feeds are not the rerun's
    rerun = scrapy("demo", cwd=tmp_path / "again")
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "0 articles from 5 portals." in rerun.stdout
    assert f"{len(items) + 1} articles met again unchanged" in rerun.stdout
    assert "Copies of stories" not in rerun.stdout
    assert demo_items(tmp_path / "again") == items  # the rerun's feeds are empty


def test_demo_seed_item_is_as_portals_md_says(demo: Any) -> None:
    if not SEED_FILE.is_file():
        pytest.skip(f"the seed text is not at {SEED_FILE} (../shared/ beside the project)")
    _, cwd = demo
    seed = next(item for item in demo_items(cwd) if item["url"] == SEED_URL)
    assert seed["headline"] == (
        "Hội nghị toàn quốc tổng kết công tác tổ chức xây dựng Đảng năm 2022, "
        "triển khai nhiệm vụ năm 2023"
    )
    assert seed["datePublished"] == "2022-12-29T21:10:00+07:00"
    assert [a["name"] for a in seed["authors"]] == ["Thúy Hà", "Hùng Sơn"]
    assert seed["articleBody"].split("\n") == seed_paragraphs()
    assert "Banner" not in seed["articleBody"]


def test_extract_prints_the_article_of_a_saved_page(tmp_path: Path) -> None:
    page = DEMO / "baotayninh.vn" / "khat-vong-ve-hai-thanh-pho-tuong-lai-a169010.html"
    url = "https://baotayninh.vn/khat-vong-ve-hai-thanh-pho-tuong-lai-a169010.html"
    result = scrapy("extract", str(page), "--url", url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    item = json.loads(result.stdout)
    expected = json.loads((DEMO / "baotayninh.vn" / "expected.json").read_text("utf-8"))
    want = next(a for a in expected["articles"] if a["url"] == url)
    assert item["headline"] == want["headline"]
    assert item["articleBody"] == want["articleBody"]
    assert item["metadata"]["site"] == "baotayninh.vn"


def test_extract_says_when_a_page_is_not_an_article(tmp_path: Path) -> None:
    page = DEMO / "baotayninh.vn" / "tag" / "xay-dung-dang" / "index.html"
    result = scrapy("extract", str(page), "--url", "https://baotayninh.vn/tag/xay-dung-dang/",
                    cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Not an article" in result.stderr


def test_extract_fetches_a_url(tmp_path: Path) -> None:
    with serve(DEMO / "baodaklak.vn") as server:
        url = f"{server.url}/kinh-te/202301/xuat-khau-ca-phe-nam-2022-dat-tren-4-ty-usd-9751886/"
        result = scrapy("extract", url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    item = json.loads(result.stdout)
    assert item["url"] == url
    assert item["creditText"] == ["TTXVN"]
    assert item["authors"] == []


@pytest.mark.parametrize("args", [["extract"], ["extract", "/no/such/file.html"]])
def test_extract_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = scrapy(*args, cwd=tmp_path)
    assert result.returncode == 2


def test_crawl_with_output_option_writes_only_that_file(tmp_path: Path) -> None:
    result = scrapy(
        "crawl", "baotayninh", "-s", f"NEWSCRAWLER_DEMO_DIR={DEMO}", "-O", "out.json",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    items = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert len(items) == 11
    assert all(item["url"].startswith("https://baotayninh.vn/") for item in items)
    assert not (tmp_path / "data" / "feeds").exists()
    assert "Tây Ninh" in (tmp_path / "out.json").read_text("utf-8")  # not \\u-escaped


def test_list_names_every_portal_and_generic(tmp_path: Path) -> None:
    result = scrapy("list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.split()) == sorted([p.name for p in PORTALS] + ["generic"])
