from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newscrawler.cleaning import clean_article
from newscrawler.items import Article, Author, Image
from newscrawler.pipelines import (
    BodyTooShort,
    CleaningPipeline,
    MissingDatePublished,
    MissingHeadline,
    MissingUrl,
    ValidationPipeline,
)

BODY = (
    "Sáng ngày 29/12, Ban Tổ chức Trung ương tổ chức Hội nghị toàn quốc trực tiếp kết hợp với "
    "trực tuyến, tổng kết công tác Tổ chức xây dựng Đảng năm 2022, triển khai nhiệm vụ năm 2023.\n"
    "Các đồng chí Võ Văn Thưởng, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư; Trương Thị Mai, "
    "Ủy viên Bộ Chính trị, lãnh đạo các Bộ, Ban, ngành dự hội nghị tại điểm cầu Hà Nội."
)


def dirty_article() -> Article:
    return Article(
        url="https://tuyenquangtv.vn/tin-moi/202212/ttv-hoi-nghi-92a4a03/",
        canonicalUrl="/tin-moi/202212/ttv-hoi-nghi-92a4a03/",
        headline="(TTV)\u00a0Hội nghị toàn quốc  tổng kết",
        datePublished="2022-12-29T21:10:00+07:00",
        authors=[Author("Thúy\u00a0Hà"), Author("Thúy Hà"), Author("Hùng Sơn ")],
        description="(TTV) Sáng ngày 29/12 &amp; hội nghị",
        articleBody="Banner\n\n\u00a0\u00a0\n" + BODY.replace(" ", "\u00a0", 3) + "\n \nBTNO",
        keywords=["Xây dựng Đảng", "Xây dựng Đảng "],
        mainImage=Image("/uploads/a.jpg"),
        images=[Image("/uploads/b.jpg", " Toàn cảnh\u200b hội nghị ")],
    )


def test_cleaning_rules() -> None:
    article = clean_article(dirty_article())
    assert article.headline == "Hội nghị toàn quốc tổng kết"
    assert article.description == "Sáng ngày 29/12 & hội nghị"
    assert article.articleBody == BODY
    assert [a.name for a in article.authors] == ["Thúy Hà", "Hùng Sơn"]
    assert article.keywords == ["Xây dựng Đảng"]
    assert article.canonicalUrl == "https://tuyenquangtv.vn/tin-moi/202212/ttv-hoi-nghi-92a4a03/"
    assert article.mainImage == Image("https://tuyenquangtv.vn/uploads/a.jpg")
    assert article.images == [Image("https://tuyenquangtv.vn/uploads/b.jpg", "Toàn cảnh hội nghị")]


def test_cleaning_is_idempotent() -> None:
    once = clean_article(dirty_article())
    twice = clean_article(clean_article(dirty_article()))
    assert once == twice


def test_cleaning_pipeline_passes_other_items_through() -> None:
    crawler = get_crawler(settings_dict={})
    pipeline = build_from_crawler(CleaningPipeline, crawler)
    item = {"url": " x "}
    assert pipeline.process_item(item) is item
    assert pipeline.process_item(dirty_article()).headline == "Hội nghị toàn quốc tổng kết"


def valid() -> Article:
    return clean_article(dirty_article())


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"url": ""}, MissingUrl),
        ({"headline": None}, MissingHeadline),
        ({"datePublished": None}, MissingDatePublished),
        ({"articleBody": "Quá ngắn."}, BodyTooShort),
        ({"articleBody": None}, BodyTooShort),
    ],
)
def test_validation_drops_with_reason(change: dict, error: type[DropItem]) -> None:
    pipeline = build_from_crawler(ValidationPipeline, get_crawler(settings_dict={}))
    article = valid()
    for key, value in change.items():
        setattr(article, key, value)
    with pytest.raises(error) as raised:
        pipeline.process_item(article)
    assert "ValidationPipeline" in str(raised.value)


def test_validation_keeps_valid_items_and_reads_the_setting() -> None:
    pipeline = build_from_crawler(
        ValidationPipeline, get_crawler(settings_dict={"NEWSCRAWLER_MIN_BODY_CHARS": 5000})
    )
    with pytest.raises(BodyTooShort, match="NEWSCRAWLER_MIN_BODY_CHARS=5000"):
        pipeline.process_item(valid())
    default = build_from_crawler(ValidationPipeline, get_crawler(settings_dict={}))
    assert default.process_item(valid()) is not None


def test_rejects_feed_records_drops(tmp_path: Path) -> None:
    from scrapy import Spider, signals

    from newscrawler import signals as nc_signals
    from newscrawler.extensions import RejectsFeed

    crawler = get_crawler(
        Spider, settings_dict={"NEWSCRAWLER_REJECTS_URI": str(tmp_path / "%(name)s.jsonl")}
    )
    crawler.spider = Spider(name="portal")
    crawler.stats.open_spider()
    ext = RejectsFeed.from_crawler(crawler)
    article = valid()
    crawler.signals.send_catch_log(
        signals.item_dropped,
        item=article,
        response=None,
        exception=MissingDatePublished("ValidationPipeline: no datePublished"),
        spider=crawler.spider,
    )
    crawler.signals.send_catch_log(
        nc_signals.page_rejected, url="https://a.vn/x", reason="ExtractionError", message="boom"
    )
    ext.spider_closed(crawler.spider)
    records = [json.loads(line) for line in (tmp_path / "portal.jsonl").read_text().splitlines()]
    assert [r["reason"] for r in records] == ["MissingDatePublished", "ExtractionError"]
    assert records[0]["item"]["headline"] == article.headline
    assert records[0]["url"] == article.url
    assert crawler.stats.get_value("newscrawler/rejects") == 2
