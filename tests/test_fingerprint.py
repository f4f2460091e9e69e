from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from newscrawler.fingerprint import CanonicalRequestFingerprinter

ARTICLE = "https://baotayninh.vn/khat-vong-ve-hai-thanh-pho-tuong-lai-a169010.html"


@pytest.fixture
def fingerprint():
    return CanonicalRequestFingerprinter.from_crawler(get_crawler()).fingerprint


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE + "?utm_source=facebook&utm_medium=social&fbclid=IwAR0x",
        ARTICLE + "?zarsrc=30&gidzl=abc",
        ARTICLE + "#binh-luan",
        ARTICLE.replace("https://", "https://m."),
        ARTICLE.replace("https://", "https://www."),
        ARTICLE.replace("https://baotayninh.vn/", "https://baotayninh.vn/amp/"),
        ARTICLE.replace("baotayninh.vn", "BaoTayNinh.VN"),
    ],
)
def test_variants_of_a_page_are_one_request(fingerprint, variant: str) -> None:
    assert fingerprint(Request(variant)) == fingerprint(Request(ARTICLE))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (ARTICLE, ARTICLE.replace("a169010", "a169011")),
        ("https://tinhaiduong.vn/tin-tuc.aspx?id=1", "https://tinhaiduong.vn/tin-tuc.aspx?id=2"),
        ("https://baotayninh.vn/chinh-tri/?page=1", "https://baotayninh.vn/chinh-tri/?page=2"),
        (ARTICLE, ARTICLE.replace("https://", "http://")),
    ],
)
def test_different_pages_stay_different(fingerprint, a: str, b: str) -> None:
    assert fingerprint(Request(a)) != fingerprint(Request(b))
