"""The layers of extraction: portal selectors first, and each layer falling through to the next."""

from __future__ import annotations

import re

import pytest

from newscrawler.commands.demo import SEED_URL
from newscrawler.demo import file_for_url
from newscrawler.extraction.article import ArticleExtractor
from tests.conftest import DEMO

DAKLAK_SEED = (
    "https://baodaklak.vn/chinh-tri/202212/hoi-nghi-toan-quoc-tong-ket-cong-tac-to-chuc-xay-dung"
    "-dang-nam-2022-trien-khai-nhiem-vu-nam-2023-9742668/"
)


def page(url: str) -> str:
    path = file_for_url(DEMO, url)
    assert path is not None
    return path.read_text(encoding="utf-8")


def test_portal_selectors_come_first() -> None:
    generic = ArticleExtractor(page(SEED_URL), SEED_URL).extract()
    declared = ArticleExtractor(
        page(SEED_URL),
        SEED_URL,
        selectors={"datePublished": "span.post-date", "articleBody": "div.post-content"},
    ).extract()
    assert generic is not None and declared is not None
    assert declared.metadata["extractedBy"]["datePublished"] == "site"
    assert declared.metadata["extractedBy"]["articleBody"] == "site"
    assert declared.datePublished == generic.datePublished == "2022-12-29T21:10:00+07:00"
    assert declared.articleBody == generic.articleBody


def test_a_selector_that_matches_nothing_falls_through() -> None:
    article = ArticleExtractor(
        page(SEED_URL), SEED_URL, selectors={"datePublished": "div.no-such-thing"}
    ).extract()
    assert article is not None
    assert article.datePublished == "2022-12-29T21:10:00+07:00"
    assert article.metadata["extractedBy"]["datePublished"] == "html"


def test_unknown_selector_fields_are_refused() -> None:
    with pytest.raises(ValueError, match="a selector can be given for"):
        ArticleExtractor("<html></html>", SEED_URL, selectors={"title": "h1"})


def test_json_ld_comes_before_meta_and_html() -> None:
    article = ArticleExtractor(page(DAKLAK_SEED), DAKLAK_SEED).extract()
    assert article is not None
    assert article.metadata["extractedBy"]["datePublished"] == "json-ld"
    assert article.datePublished == "2022-12-29T15:10:00+07:00"


def test_a_date_without_time_gives_way_to_one_with_time() -> None:
    """JSON-LD that says only the day: the page's date line keeps the time (never midnight)."""
    html = page(DAKLAK_SEED)
    html, count = re.subn(r'("datePublished":\s*")[^"]+"', r'\g<1>2022-12-29"', html)
    assert count == 1
    article = ArticleExtractor(html, DAKLAK_SEED).extract()
    assert article is not None
    assert article.datePublished == "2022-12-29T15:10:00+07:00"


def test_broken_json_ld_falls_through() -> None:
    html = page(DAKLAK_SEED)
    html, count = re.subn(r'("datePublished":\s*")[^"]+"', r"\g<1>29/12/2022 lúc", html)
    assert count == 1
    html = html.replace('"@type": "NewsArticle",', '"@type": "NewsArticle",,', 1)
    assert '"NewsArticle",,' in html
    article = ArticleExtractor(html, DAKLAK_SEED).extract()
    assert article is not None
    assert article.datePublished == "2022-12-29T15:10:00+07:00"
    assert article.metadata["extractedBy"]["datePublished"] in ("meta", "html")
