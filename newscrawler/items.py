"""The items newscrawler produces.

Field names follow schema.org and zyte-common-items so that consumers of other news crawlers can
read our feeds without a mapping. Dates are ISO-8601 strings with their zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: ISO-8601 date and time with seconds and an explicit zone offset.
ISO_DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$"
_DATE = {"json_schema_extra": {"pattern": ISO_DATETIME_PATTERN}}


@dataclass
class Author:
    """A person credited as an author of an article."""

    name: str
    """The author's name, cleaned (``"Thúy Hà"``)."""

    nameRaw: str | None = None  # noqa: N815
    """The byline text the name was taken from, as published (``"Thúy Hà – Hùng Sơn"``)."""


@dataclass
class Image:
    """An image of an article."""

    url: str
    """Absolute URL of the image."""

    caption: str | None = None
    """The caption shown with the image, when it has one."""


@dataclass
class Article:
    """A news article as published by a portal."""

    url: str = field(metadata={"json_schema_extra": {"minLength": 1}})
    """URL of the page the article was extracted from (after redirects)."""

    canonicalUrl: str | None = None  # noqa: N815
    """The page's canonical URL (``<link rel=canonical>``, ``og:url``) when it declares one."""

    headline: str | None = None
    """The article's title, without the agency prefix (``(TTV)``, ``(BTN) -``)."""

    datePublished: str | None = field(default=None, metadata=_DATE)  # noqa: N815
    """Publication date and time, ISO-8601 with zone: ``2022-12-29T21:10:00+07:00``."""

    datePublishedRaw: str | None = None  # noqa: N815
    """The text the publication date was parsed from, as published (``21:10, 29/12/2022``)."""

    dateModified: str | None = field(default=None, metadata=_DATE)  # noqa: N815
    """Date and time of the last update, ISO-8601 with zone, when the page gives one."""

    authors: list[Author] = field(default_factory=list)
    """The people who wrote the article, from the byline; wire credits are in ``creditText``."""

    creditText: list[str] = field(default_factory=list)  # noqa: N815
    """Source attributions that are not authors: ``Theo TTXVN`` gives ``["TTXVN"]``."""

    description: str | None = None
    """The lead (sapo) of the article, or the page's description when it has no lead."""

    articleBody: str | None = None  # noqa: N815
    """The text of the article: its paragraphs separated by newlines, without captions,
    bylines, credits and boilerplate."""

    articleSection: str | None = None  # noqa: N815
    """The section the article is published in, as the portal names it (``Chính trị``)."""

    keywords: list[str] = field(default_factory=list)
    """The article's tags, in the order the page lists them."""

    mainImage: Image | None = None  # noqa: N815
    """The image that represents the article (``og:image``)."""

    images: list[Image] = field(default_factory=list)
    """The images inside the article body, in order, with their captions."""

    inLanguage: str | None = None  # noqa: N815
    """Language of the article as an IETF tag (``vi``)."""

    metadata: dict[str, Any] = field(default_factory=dict)
    """How the item was made: ``probability`` (confidence that the page is an article, 0 to 1),
    ``dateDownloaded`` (ISO-8601, UTC), ``site`` (the portal's host), ``spider``,
    ``extractedBy`` (which extraction layer gave each field), and ``storyId`` (the story the
    article belongs to: the same for every copy of a story, on any portal). A near copy kept
    with ``NEWSCRAWLER_DEDUP_NEAR = "mark"`` also has ``duplicateOf`` (the URL of the story's
    article it repeats) and ``similarity`` (0 to 1)."""
