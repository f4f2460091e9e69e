"""JSON-LD: find the ``NewsArticle`` object of a page, tolerating the broken JSON portals serve."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from parsel import Selector

logger = logging.getLogger(__name__)

#: schema.org types that describe an article.
ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
     "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "ReviewNewsArticle"}
)  # fmt: skip
#: schema.org types of pages that are not articles.
NON_ARTICLE_TYPES = frozenset(
    {"VideoObject", "ImageGallery", "CollectionPage", "SearchResultsPage", "ProfilePage"}
)

_TRAILING_COMMA_RE = re.compile(r",\s*([}\]])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        pass
    # The two faults seen on portals: trailing commas and raw control characters in strings.
    repaired = _TRAILING_COMMA_RE.sub(r"\1", _CONTROL_RE.sub(" ", text))
    return json.loads(repaired.replace("\n", " ").replace("\r", " "))


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for child in node:
            yield from _walk(child)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _walk(node["@graph"])
        main = node.get("mainEntity")
        if isinstance(main, (dict, list)):
            yield from _walk(main)


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type", ())
    return {value} if isinstance(value, str) else {v for v in value if isinstance(v, str)}


def json_ld_objects(selector: Selector) -> list[dict[str, Any]]:
    """All JSON-LD objects of a page, flattened; a script that does not parse is skipped."""
    objects: list[dict[str, Any]] = []
    for script in selector.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            objects.extend(_walk(_loads(script.strip())))
        except ValueError:
            logger.debug(
                "Skipping a JSON-LD block that does not parse: %(start)r",
                {"start": script.strip()[:80]},
            )
    return objects


def find_article(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first object whose ``@type`` is an article type."""
    for obj in objects:
        if _types(obj) & ARTICLE_TYPES:
            return obj
    return None


def has_non_article(objects: list[dict[str, Any]]) -> bool:
    """Tell whether the page declares itself a video, gallery or listing."""
    return any(_types(obj) & NON_ARTICLE_TYPES for obj in objects)


def names(value: Any, *, people_only: bool = False) -> list[str]:
    """Names out of a JSON-LD ``author``-like value: a string, an object or a list of them;
    with ``people_only``, objects typed ``Organization`` are left out."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if people_only and _types(value) & {"Organization", "NewsMediaOrganization"}:
            return []
        name = value.get("name")
        if not isinstance(name, str) and isinstance(value.get("familyName"), str):
            name = f"{value.get('givenName') or ''} {value['familyName']}".strip()
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [name for item in value for name in names(item, people_only=people_only)]
    return []


def urls(value: Any) -> list[str]:
    """URLs out of a JSON-LD ``image``-like value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        url = value.get("url") or value.get("contentUrl")
        return [url] if isinstance(url, str) else []
    if isinstance(value, list):
        return [url for item in value for url in urls(item)]
    return []
