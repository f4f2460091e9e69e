"""Cleaning of Article items: the rules every item leaving the crawler follows.

:func:`clean_article` is idempotent: cleaning a clean item changes nothing.
"""

from __future__ import annotations

from urllib.parse import urljoin

from w3lib.url import safe_url_string

from newscrawler.items import Article, Author, Image
from newscrawler.text import (
    is_boilerplate,
    is_signature,
    normalize_lines,
    normalize_space,
    strip_agency_prefix,
)


def _clean_text(value: str | None, *, prefix: bool = False) -> str | None:
    text = normalize_space(value)
    if prefix:
        text = strip_agency_prefix(text)
    return text or None


def clean_body(text: str | None) -> str | None:
    """Normalise each paragraph; drop empty and boilerplate lines, the agency prefix of the
    first paragraph and a trailing signature.

    >>> clean_body("(TTV) Sáng\\u00a0ngày 29/12\\n\\n Banner \\nNăm 2023.\\nBTNO")
    'Sáng ngày 29/12\\nNăm 2023.'
    """
    lines = [
        line for line in normalize_lines(text).split("\n") if line and not is_boilerplate(line)
    ]
    if lines:
        lines[0] = strip_agency_prefix(lines[0])
    while lines and is_signature(lines[-1]):
        lines.pop()
    return "\n".join(line for line in lines if line) or None


def _url(value: str | None, base: str) -> str | None:
    value = normalize_space(value)
    return safe_url_string(urljoin(base, value)) if value else None


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def clean_article(article: Article) -> Article:
    """Clean an article in place and return it."""
    base = article.url = _url(article.url, "") or article.url
    article.canonicalUrl = _url(article.canonicalUrl, base)
    article.headline = _clean_text(article.headline, prefix=True)
    article.description = _clean_text(article.description, prefix=True)
    article.articleBody = clean_body(article.articleBody)
    article.articleSection = _clean_text(article.articleSection)
    article.keywords = _unique([normalize_space(k) for k in article.keywords])
    article.creditText = _unique([normalize_space(c) for c in article.creditText])
    authors: dict[str, Author] = {}
    for author in article.authors:
        name = normalize_space(author.name)
        if name and name not in authors:
            authors[name] = Author(name=name, nameRaw=_clean_text(author.nameRaw))
    article.authors = list(authors.values())
    if article.mainImage:
        url = _url(article.mainImage.url, base)
        article.mainImage = Image(url, _clean_text(article.mainImage.caption)) if url else None
    images = []
    for image in article.images:
        url = _url(image.url, base)
        if url:
            images.append(Image(url, _clean_text(image.caption)))
    article.images = images
    return article
