"""Fixture tests: every page of the portal copies against the item a person wrote for it.

The expected values in ``data/demo/HOST/expected.json`` were written with the pages, from their
source text, following ``data/demo/RULES.md``; a mismatch names the portal, the page and the field.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import jsonschema
import pytest
from itemadapter import ItemAdapter

from newscrawler.commands.extract import extract_article
from newscrawler.demo import file_for_url
from newscrawler.portals import PORTALS
from tests.conftest import DEMO, demo_hosts, load_expected

FIELDS = (
    "canonicalUrl", "headline", "datePublished", "dateModified", "description", "articleBody",
    "articleSection", "keywords", "creditText",
)  # fmt: skip
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def _articles() -> list[Any]:
    return [
        pytest.param(
            host,
            article,
            id=f"{host}:{article['url'].rsplit('/', 2)[-2][-40:] or article['url'][-40:]}",
        )
        for host in demo_hosts()
        for article in load_expected(host)["articles"]
    ]


def _non_articles() -> list[Any]:
    return [
        pytest.param(host, url, id=f"{host}:{url.split(host, 1)[1][:50]}")
        for host in demo_hosts()
        for url in load_expected(host)["non_articles"]
    ]


def read(url: str) -> str:
    path = file_for_url(DEMO, url)
    assert path is not None, f"no copy of {url} under {DEMO}"
    return path.read_text(encoding="utf-8")


def test_every_portal_has_a_copy() -> None:
    assert demo_hosts() == sorted(p.domain for p in PORTALS)
    for host in demo_hosts():
        expected = load_expected(host)
        assert len(expected["articles"]) >= 10, host
        assert expected["non_articles"], host


@pytest.mark.parametrize(("host", "expected"), _articles())
def test_article(host: str, expected: dict[str, Any], article_schema: dict[str, Any]) -> None:
    article, _ = extract_article(read(expected["url"]), expected["url"], now=NOW)
    assert article is not None, f"{host}: {expected['url']} gave no Article"
    got = ItemAdapter(article).asdict()
    wrong = {}
    for name in FIELDS:
        if got.get(name) != expected.get(name):
            wrong[name] = (got.get(name), expected.get(name))
    names = [a["name"] for a in got["authors"]]
    if names != expected["authors"]:
        wrong["authors"] = (names, expected["authors"])
    main = got["mainImage"]["url"] if got["mainImage"] else None
    if main != expected["mainImage"]:
        wrong["mainImage"] = (main, expected["mainImage"])
    if got["images"] != expected["images"]:
        wrong["images"] = (got["images"], expected["images"])
    assert not wrong, "\n".join(
        f"{host} {expected['url']}\n  {name}:\n    got      {g!r}\n    expected {e!r}"
        for name, (g, e) in wrong.items()
    )
    jsonschema.validate(got, article_schema)
    assert got["inLanguage"] == "vi"
    assert got["metadata"]["dateDownloaded"] == "2026-11-27T10:00:00+00:00"


@pytest.mark.parametrize(("host", "url"), _non_articles())
def test_not_an_article(host: str, url: str) -> None:
    article, _ = extract_article(read(url), url)
    assert article is None, f"{host}: {url} is not an article page, but gave {article!r}"
