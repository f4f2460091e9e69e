"""Layered extraction of an :class:`~newscrawler.items.Article` from one page.

Each field is read from the layers in turn: the portal's own selectors, JSON-LD ``NewsArticle``,
OpenGraph / ``article:*`` meta tags, then HTML heuristics. A layer that fails (broken JSON-LD, a
date that does not parse) falls through to the next. Which layer gave each field is recorded in
``metadata["extractedBy"]``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from functools import cached_property, wraps
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from lxml.etree import _Element
from parsel import Selector

from newscrawler.dates import VN_TZ, parse_datetime, to_iso
from newscrawler.extraction import jsonld
from newscrawler.extraction.body import (
    BODY_SELECTORS,
    Body,
    body_from_trafilatura,
    element_text,
    find_block_by_density,
    read_body,
)
from newscrawler.items import Article, Author, Image
from newscrawler.portals import looks_like_article_url
from newscrawler.text import normalize_space, parse_byline, strip_agency_prefix

#: Lead (sapo) elements of the CMSs portals run.
LEAD_SELECTORS = (
    "h2.sapo", "h4.sapo", "div.sapo", "p.sapo", ".detail-sapo", ".detail__summary", ".post-sapo",
    ".article-sapo", ".sapo", "div.desc", "h2.desc", ".article__sapo", ".lead", ".summary",
    "[class*=sapo]", "[class*=tom-tat]", "[class*=chapeau]", "[class*=summary]",
    "[itemprop=description]",
)  # fmt: skip
TAG_SELECTORS = (
    ".tags a", ".post-tags a", ".detail__tags a", ".tag-list a", ".box-tags a", ".keywords a",
    ".detail-tags a", ".article-tags a", ".list-tag a", "a[rel=tag]",
)  # fmt: skip
BREADCRUMB_SELECTORS = (
    "[class*=breadcrumb] a", ".duongdan a", "[class*=duong-dan] a",
    "[itemtype*=BreadcrumbList] [itemprop=name]", ".breadcrumb a", ".breadcrumbs a",
    ".breadcrumb li", ".bread-crumb a", ".breadcrumb-item a",
)  # fmt: skip
AUTHOR_SELECTORS = (
    "a.cms-author", ".author-name", ".detail-author", ".article-author", "[rel=author]",
    ".author", ".byline", ".tac-gia", "[class*=tac-gia]", "[class*=author]",
)  # fmt: skip
#: Where CMSs put the source of a story that is not their own ("Nguồn: TTXVN").
CREDIT_SELECTORS = ("[class*=nguon]", "[class*=source]", ".credit")
_DATE_CLASS_RE = re.compile(
    r"date|time|publish|pubdate|posted|submitted|dateline|ngay-dang|datetime|meta", re.IGNORECASE
)
_MODIFIED_LABEL_RE = re.compile(r"^\s*(?:cập nhật|update)", re.IGNORECASE)
_HAS_TIME_RE = re.compile(r"\d{1,2}[:h]\d{2}|T\d{2}")
_HOME_WORDS = frozenset({"trang chủ", "home", "trang chu", "tin tức"})
#: URL paths of pages that are never articles.
NON_ARTICLE_PATH_RE = re.compile(
    r"/(?:video|videos|clip|tag|tags|chu-de|tim-kiem|search|photo|photos|gallery|album|anh"
    r"|podcast|multimedia|media|infographic|tac-gia|author|lien-he|rss)(?:/|$|[-.])",
    re.IGNORECASE,
)
#: The classes and ids a CSS selector needs (``div.content-fck`` needs ``.content-fck``).
_NEEDED_TOKEN_RE = re.compile(r"[.#][\w-]+")
#: Paths of section pages and their pagination: short, with no slug.
_SECTION_PATH_RE = re.compile(
    r"^/(?:[a-z0-9]+(?:-[a-z0-9]+){0,3}/?){0,2}(?:(?:trang|page|p)[-/]?\d+(?:\.html?)?/?)?$",
    re.IGNORECASE,
)
_ORGANIZATION_RE = re.compile(
    r"^(?:báo|đài|tạp chí|cổng|trung tâm|ban biên tập|tòa soạn|toà soạn)\b|\.(?:vn|com)$",
    re.IGNORECASE,
)

#: Fields a portal can give a CSS selector for.
OVERRIDABLE = frozenset(
    {"headline", "datePublished", "dateModified", "authors", "description", "articleBody",
     "articleSection", "keywords"}
)  # fmt: skip
#: The shortest body, in characters, that makes a page an article.
MIN_BODY_CHARS = 300


_T = TypeVar("_T")


def _once(method: Callable[[ArticleExtractor], _T]) -> Callable[[ArticleExtractor], _T]:
    """Compute a field once per page: fields read each other (the body needs the lead)."""
    name = method.__name__

    @wraps(method)
    def wrapper(self: ArticleExtractor) -> _T:
        cache = self._cache
        if name not in cache:
            cache[name] = method(self)
        return cache[name]

    return wrapper


def _fold(text: str) -> str:
    """Lower case, no diacritics, no spaces: "Vĩnh Long Online" -> "vinhlongonline"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c)).lower()


def _first(values: Iterable[str | None]) -> str | None:
    for value in values:
        if value:
            return value
    return None


def _similarity(a: str, b: str) -> float:
    words_a, words_b = set(a.casefold().split()), set(b.casefold().split())
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


class ArticleExtractor:
    """Extracts one :class:`Article` from a page.

    ``selectors`` maps field names (:data:`OVERRIDABLE`) to CSS selectors that take precedence
    over the generic layers: a portal declares only what the generic extraction gets wrong.
    Subclasses may also override a field's method.
    """

    def __init__(
        self,
        html: str | bytes | Selector,
        url: str,
        *,
        selectors: Mapping[str, str] | None = None,
        site: str | None = None,
    ) -> None:
        if isinstance(html, Selector):
            self.sel = html
        else:
            text = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
            self.sel = Selector(text=text, base_url=url)
        self.url = url
        self.selectors = dict(selectors or {})
        unknown = set(self.selectors) - OVERRIDABLE
        if unknown:
            raise ValueError(
                f"Unknown field(s) in selectors: {sorted(unknown)}; "
                f"a selector can be given for {sorted(OVERRIDABLE)}"
            )
        self.site = site or urlsplit(url).hostname or ""
        self.layers: dict[str, str] = {}
        self._cache: dict[str, Any] = {}

    # --- helpers -------------------------------------------------------------------------------

    @cached_property
    def root(self) -> _Element:
        return self.sel.root

    @cached_property
    def json_ld(self) -> list[dict[str, Any]]:
        return jsonld.json_ld_objects(self.sel)

    @cached_property
    def ld(self) -> dict[str, Any]:
        return jsonld.find_article(self.json_ld) or {}

    @cached_property
    def _metas(self) -> dict[str, str]:
        metas: dict[str, str] = {}
        for el in self.root.iter("meta"):
            content = el.get("content")
            if not content or not content.strip():
                continue
            for attr in ("property", "name", "itemprop"):
                key = el.get(attr)
                if key:
                    metas.setdefault(key.strip().lower(), content)
        return metas

    @cached_property
    def _tokens(self) -> frozenset[str]:
        """Every class (``.x``) and id (``#x``) of the page: selectors naming one the page does
        not have are not run (most of the known-CMS selectors, on any one page)."""
        tokens = set()
        for el in self.root.iter():
            if not isinstance(el.tag, str):
                continue
            classes = el.get("class")
            if classes:
                tokens.update("." + c for c in classes.split())
            ident = el.get("id")
            if ident:
                tokens.add("#" + ident)
        return frozenset(tokens)

    def css(self, css: str) -> list[Selector]:
        """``self.sel.css(css)``, skipped when a class or id it needs is not on the page."""
        needed = () if "," in css else _NEEDED_TOKEN_RE.findall(css)
        if needed and not all(token in self._tokens for token in needed):
            return []
        return self.sel.css(css)

    def meta(self, *names: str) -> str | None:
        """The content of the first ``<meta>`` with one of these ``property`` / ``name`` /
        ``itemprop`` values."""
        for name in names:
            value = self._metas.get(name.lower())
            if value:
                return normalize_space(value)
        return None

    def _override(self, field: str) -> list[Selector]:
        css = self.selectors.get(field)
        return self.css(css) if css else []

    def _override_text(self, field: str) -> str | None:
        found = self._override(field)
        if not found:
            return None
        return element_text(found[0].root) or None

    def _pick(self, field: str, layers: Iterable[tuple[str, Callable[[], Any]]]) -> Any:
        for layer, get in layers:
            value = get()
            if value:
                self.layers[field] = layer
                return value
        return None

    def _ld_str(self, key: str) -> str | None:
        value = self.ld.get(key)
        if isinstance(value, list):
            value = value[0] if value and isinstance(value[0], str) else None
        return normalize_space(value) if isinstance(value, str) else None

    def _absolute(self, url: str | None) -> str | None:
        return urljoin(self.url, url.strip()) if url and url.strip() else None

    # --- page kind -----------------------------------------------------------------------------

    @cached_property
    def og_type(self) -> str:
        return (self.meta("og:type") or "").casefold()

    @_once
    def probability(self) -> float:
        """How sure we are, from 0 to 1, that the page is one article."""
        if self.og_type.startswith(("video", "music", "profile")):
            return 0.05
        if jsonld.has_non_article(self.json_ld) and not self.ld:
            return 0.05
        score = 0.0
        if self.og_type == "article":
            score += 0.3
        if self.ld:
            score += 0.3
        if looks_like_article_url(self.url):
            score += 0.2
        if NON_ARTICLE_PATH_RE.search(urlsplit(self.url).path):
            score -= 0.5
        if self.page_h1 is not None:
            score += 0.2
        body = self.body.paragraphs
        body_chars = sum(map(len, body))
        if body_chars >= MIN_BODY_CHARS:
            score += 0.3
        if body_chars >= 3 * MIN_BODY_CHARS or len(body) >= 4:
            score += 0.1
        if self.date_published()[0]:
            score += 0.1
        if self.body_link_density > 0.25 or self.linked_headings >= 3:
            # Teasers of a listing: titles that are links.
            score -= 0.4
        elif not looks_like_article_url(self.url) and _SECTION_PATH_RE.match(
            urlsplit(self.url).path
        ):
            # "/", "/kinh-te/", "/kinh-te/trang-2/": where listings live.
            score -= 0.3
        return round(max(0.0, min(score, 1.0)), 2)

    @cached_property
    def linked_headings(self) -> int:
        """Headings of the body block that are links: teaser titles of a listing."""
        block = self.body_block
        if block is None:
            return 0
        return sum(
            1
            for h in block.iter("h2", "h3", "h4", "h5")
            if h.find(".//a") is not None or h.getparent().tag == "a"
        )

    @cached_property
    def body_link_density(self) -> float:
        block = self.body_block
        if block is None:
            return 0.0
        text = len(element_text(block)) or 1
        return sum(len(element_text(a)) for a in block.iter("a")) / text

    def is_article(self) -> bool:
        """Whether the page is an article (not a listing, tag, video or gallery page)."""
        return self.probability() >= 0.5 and bool(self.headline())

    # --- fields --------------------------------------------------------------------------------

    @cached_property
    def page_h1(self) -> _Element | None:
        """The ``<h1>`` that is the article's title: the one closest to the declared titles."""
        h1s = [h for h in self.root.iter("h1") if len(element_text(h)) > 8]
        if not h1s:
            return None
        titles = [
            t
            for t in (self._ld_str("headline"), self.meta("og:title", "twitter:title"),
                      normalize_space(self.sel.xpath("//title/text()").get()))
            if t
        ]  # fmt: skip
        if not titles:
            return h1s[0] if len(h1s) == 1 else None
        best = max(
            h1s,
            key=lambda h: max(_similarity(element_text(h), t) for t in titles),
        )
        score = max(_similarity(element_text(best), t) for t in titles)
        return best if score >= 0.5 or len(h1s) == 1 else None

    @_once
    def headline(self) -> str | None:
        def h1() -> str | None:
            if self.page_h1 is None:
                return None
            return element_text(self.page_h1)

        def title() -> str | None:
            raw = normalize_space(self.sel.xpath("//title/text()").get())
            parts = re.split(r"\s+[-|–]\s+", raw)
            return max(parts, key=len) if parts else None

        value = self._pick(
            "headline",
            [
                ("site", lambda: self._override_text("headline")),
                ("html", h1),
                ("json-ld", lambda: self._ld_str("headline")),
                ("meta", lambda: self.meta("og:title", "twitter:title")),
                ("html-title", title),
            ],
        )
        return strip_agency_prefix(value) if value else None

    @cached_property
    def _order(self) -> dict[_Element, int]:
        """Document order of every element."""
        return {el: i for i, el in enumerate(self.root.iter())}

    def _in_article_header(self, el: _Element) -> bool:
        """Whether ``el`` stands between the title and the end of the body block, where the
        lead and the date line are (sidebars and teaser lists are elsewhere)."""
        start, end = self._header_span
        return start <= self._order.get(el, 0) <= end

    @cached_property
    def _header_span(self) -> tuple[int, float]:
        """Document positions of the title and of the last element of the body block."""
        start = self._order.get(self.page_h1, 0) if self.page_h1 is not None else 0
        block = self.body_block
        if block is None:
            return start, float("inf")
        last = block
        for last in block.iter():  # noqa: B007 - the last descendant
            pass
        return start, self._order.get(last, float("inf"))

    @cached_property
    def _date_candidates(self) -> list[tuple[_Element, str]]:
        """Short texts of date-looking elements, the one right after the title first."""
        order = self._order
        h1_pos = order.get(self.page_h1, 0) if self.page_h1 is not None else 0
        found: list[tuple[int, _Element, str]] = []
        for el in self.root.iter():
            if not isinstance(el.tag, str):
                continue
            if el.tag != "time" and not _DATE_CLASS_RE.search(
                f"{el.get('class', '')} {el.get('id', '')}"
            ):
                continue
            text = element_text(el)
            if el.tag == "time" and el.get("datetime"):
                text = el.get("datetime", "").strip() or text
            if not text or len(text) > 90:
                continue
            found.append((order.get(el, 0), el, text))
        # Between the title and the end of the body first, then the rest after the title, then
        # what stands before it, nearest first.
        header = [c for c in found if self._in_article_header(c[1])]
        after = sorted((c for c in found if c[0] >= h1_pos and c not in header), key=lambda c: c[0])
        before = sorted((c for c in found if c[0] < h1_pos), key=lambda c: -c[0])
        return [(el, text) for _, el, text in sorted(header, key=lambda c: c[0]) + after + before]

    @cached_property
    def _visible_dates(self) -> tuple[str | None, str | None]:
        """The date lines the reader sees: (published, updated). A page whose only date line
        says "Cập nhật lúc …" publishes with it, and shows no separate update."""
        published = updated = None
        for _, text in self._date_candidates:
            if parse_datetime(text) is None:
                continue
            if _MODIFIED_LABEL_RE.match(text):
                updated = updated or text
            else:
                published = published or text
        if published is None:
            return updated, None
        return published, updated

    def _visible_date(self, *, modified: bool) -> str | None:
        return self._visible_dates[1 if modified else 0]

    def _resolve_date(
        self, field: str, layers: list[tuple[str, Callable[[], str | None]]]
    ) -> tuple[datetime | None, str | None]:
        """The first layer whose text parses, preferring one that shows a time."""
        dated: tuple[str, datetime, str] | None = None
        for layer, get in layers:
            raw = get()
            if not raw:
                continue
            value = parse_datetime(raw)
            if value is None:
                continue
            if _HAS_TIME_RE.search(raw):
                if dated is None or dated[1].date() == value.date():
                    self.layers[field] = layer
                    return value, raw
                break
            if dated is None:
                dated = (layer, value, raw)
        if dated:
            self.layers[field] = dated[0]
            return dated[1], dated[2]
        return None, None

    @_once
    def date_published(self) -> tuple[datetime | None, str | None]:
        value, raw = self._declared_date_published()
        if value is None or self.layers.get("datePublished") == "site":
            return value, raw
        # Declared dates are sometimes the CMS's save time: the date line the reader sees wins
        # when it shows a time and disagrees.
        visible = self._visible_date(modified=False)
        if visible and _HAS_TIME_RE.search(visible):
            shown = parse_datetime(visible)
            # Only in the same zone: a date line without one is read as Vietnam time, which
            # says nothing against a declared date of another zone.
            if shown is not None and shown != value and shown.utcoffset() == value.utcoffset():
                self.layers["datePublished"] = "html"
                return shown, visible
        return value, raw

    def _declared_date_published(self) -> tuple[datetime | None, str | None]:
        return self._resolve_date(
            "datePublished",
            [
                ("site", lambda: self._override_text("datePublished")),
                ("json-ld", lambda: self._ld_str("datePublished")),
                ("meta", lambda: self.meta(
                    "article:published_time", "datePublished", "pubdate", "publishdate",
                    "dc.date.issued", "date")),
                ("html", lambda: self._visible_date(modified=False)),
            ],
        )  # fmt: skip

    @_once
    def date_modified(self) -> tuple[datetime | None, str | None]:
        return self._resolve_date(
            "dateModified",
            [
                ("site", lambda: self._override_text("dateModified")),
                ("json-ld", lambda: self._ld_str("dateModified")),
                ("meta", lambda: self.meta("article:modified_time", "dateModified")),
                ("html", lambda: self._visible_date(modified=True)),
            ],
        )

    @_once
    def description(self) -> str | None:
        def lead() -> str | None:
            for css in LEAD_SELECTORS:
                for found in self.css(css):
                    if (
                        not self._in_article_header(found.root)
                        or any(a.tag in ("figure", "li", "a") for a in found.root.iterancestors())
                        or len(found.root.findall(".//p")) > 1  # a body, not a lead
                    ):
                        continue
                    text = element_text(found.root)
                    if len(text) >= 20:
                        return text
            return None

        value = self._pick(
            "description",
            [
                ("site", lambda: self._override_text("description")),
                ("html", lead),
                ("json-ld", lambda: self._ld_str("description")),
                ("meta", lambda: self.meta("og:description", "description",
                                           "twitter:description")),
            ],
        )  # fmt: skip
        return strip_agency_prefix(value) if value else None

    @cached_property
    def body_block(self) -> _Element | None:
        found = self._override("articleBody")
        if found:
            self.layers["articleBody"] = "site"
            return found[0].root
        for css in BODY_SELECTORS:
            found = [
                c.root
                for c in self.css(css)
                if len(normalize_space(" ".join(c.xpath(".//p//text()").getall()))) >= 80
            ]
            if found:
                self.layers["articleBody"] = "html"
                if len(found) > 1 and len({el.getparent() for el in found}) == 1:
                    # One story in several blocks of the same kind, side by side.
                    return found[0].getparent()
                return found[0]
        block = find_block_by_density(self.root)
        if block is not None:
            self.layers["articleBody"] = "html-density"
        return block

    @cached_property
    def body(self) -> Body:
        block = self.body_block
        lead = self.description()
        if self.layers.get("description") not in ("site", "html"):
            lead = None  # a meta description often repeats the first paragraph: keep it
        body = read_body(block, self.url) if block is not None else Body()
        headline = self.headline()
        body.paragraphs = [p for p in body.paragraphs if p != headline]
        if body.paragraphs:
            body.paragraphs[0] = strip_agency_prefix(body.paragraphs[0])
            if lead and body.paragraphs[0] == lead:
                body.paragraphs.pop(0)
        if sum(map(len, body.paragraphs)) < MIN_BODY_CHARS and block is None:
            paragraphs = body_from_trafilatura(self.sel.get(), self.url)
            if paragraphs:
                self.layers["articleBody"] = "trafilatura"
                body.paragraphs = paragraphs
        return body

    def article_body(self) -> str | None:
        return "\n".join(self.body.paragraphs) or None

    def _is_organization(self, name: str) -> bool:
        """The publisher named as author: "Báo Gia Lai", "Vĩnh Long Online", "baogialai.com.vn"."""
        if _ORGANIZATION_RE.search(name):
            return True
        folded = _fold(name)
        publisher = self.ld.get("publisher")
        site_names = {
            self.meta("og:site_name") or "",
            *(jsonld.names(publisher) if publisher else []),
        }
        if any(folded == _fold(site) for site in site_names if site):
            return True
        host = (urlsplit(self.url).hostname or "").removeprefix("www.")
        return len(folded) >= 5 and folded in host.replace(".", "").replace("-", "")

    def _split_names(self, raw: str) -> list[Author]:
        byline = parse_byline(raw, styled=True)
        if byline is None:
            return []
        return [Author(name=name, nameRaw=raw) for name in byline.authors]

    @_once
    def authors(self) -> list[Author]:
        def site() -> list[Author]:
            return [
                a
                for s in self._override("authors")
                for a in self._split_names(element_text(s.root))
            ]

        def ld() -> list[Author]:
            found = []
            for name in jsonld.names(self.ld.get("author"), people_only=True):
                name = normalize_space(name)
                if name and not self._is_organization(name):
                    found.extend(self._split_names(name))
            return found

        def meta() -> list[Author]:
            name = self.meta("author", "article:author", "dc.creator")
            if not name or "://" in name or self._is_organization(name):
                return []
            return self._split_names(name)

        def byline() -> list[Author]:
            if self.body.byline and self.body.byline.authors:
                raw = " ".join(self.body.byline_raw)
                return [Author(name=n, nameRaw=raw) for n in self.body.byline.authors]
            return []

        def html() -> list[Author]:
            for css in AUTHOR_SELECTORS:
                for found in self.css(css):
                    # One author per item or link when the box lists them so.
                    items = found.xpath(".//*[contains(@class, 'item') and not(*)] | .//a")
                    parts = [element_text(i.root) for i in items] or [element_text(found.root)]
                    authors = [a for part in parts for a in self._split_names(part)]
                    if authors:
                        return authors
            return []

        return self._pick(
            "authors",
            [("site", site), ("json-ld", ld), ("meta", meta), ("html", byline), ("html", html)],
        ) or []  # fmt: skip

    @_once
    def credit_text(self) -> list[str]:
        credits = list(self.body.byline.credits) if self.body.byline else []
        for css in (*AUTHOR_SELECTORS, *CREDIT_SELECTORS):
            for found in self.css(css):
                byline = parse_byline(element_text(found.root))
                if byline:
                    credits.extend(c for c in byline.credits if c not in credits)
        return credits

    @_once
    def article_section(self) -> str | None:
        def breadcrumb() -> str | None:
            headline = self.headline()
            for css in BREADCRUMB_SELECTORS:
                items = [element_text(s.root) for s in self.css(css)]
                items = [
                    i
                    for i in items
                    if i and i.casefold() not in _HOME_WORDS and i != headline and len(i) <= 60
                ]
                if items:
                    return items[-1]
            return None

        return self._pick(
            "articleSection",
            [
                ("site", lambda: self._override_text("articleSection")),
                ("json-ld", lambda: self._ld_str("articleSection")),
                ("meta", lambda: self.meta("article:section")),
                ("html", breadcrumb),
            ],
        )  # fmt: skip

    @_once
    def keywords(self) -> list[str]:
        def links(selectors: Iterable[str]) -> list[str]:
            for css in selectors:
                tags = [element_text(s.root) for s in self.css(css)]
                tags = [t.lstrip("#").strip() for t in tags if t]
                if tags:
                    return list(dict.fromkeys(tags))
            return []

        def split(value: Any) -> list[str]:
            if isinstance(value, list):
                value = ",".join(v for v in value if isinstance(v, str))
            if not isinstance(value, str):
                return []
            return list(dict.fromkeys(t for t in map(normalize_space, value.split(",")) if t))

        site = self.selectors.get("keywords")
        return self._pick(
            "keywords",
            [
                ("site", lambda: links([site]) if site else []),
                ("html", lambda: links(TAG_SELECTORS)),
                ("meta", lambda: split(self.meta("keywords", "news_keywords"))),
                ("json-ld", lambda: split(self.ld.get("keywords"))),
            ],
        ) or []  # fmt: skip

    def main_image(self) -> Image | None:
        url = _first(
            [self.meta("og:image", "twitter:image"), *jsonld.urls(self.ld.get("image"))[:1]]
        )
        if url:
            return Image(url=self._absolute(url) or url)
        if self.body.images:
            return Image(url=self.body.images[0][0])
        return None

    def images(self) -> list[Image]:
        return [Image(url=url, caption=caption) for url, caption in self.body.images]

    def canonical_url(self) -> str | None:
        return self._absolute(
            _first([self.sel.xpath('//link[@rel="canonical"]/@href').get(), self.meta("og:url")])
        )

    def in_language(self) -> str:
        lang = _first(
            [
                self.sel.xpath("/html/@lang").get(),
                self.meta("og:locale"),
                self._ld_str("inLanguage"),
            ]
        )
        return re.split(r"[-_]", lang.strip())[0].lower() if lang else "vi"

    # --- assembly ------------------------------------------------------------------------------

    def extract(self, *, now: datetime | None = None) -> Article | None:
        """The page's :class:`Article`, or ``None`` when the page is not an article."""
        probability = self.probability()
        if probability < 0.5 or not self.headline():
            return None
        published, published_raw = self.date_published()
        modified, _ = self.date_modified()
        article = Article(
            url=self.url,
            canonicalUrl=self.canonical_url(),
            headline=self.headline(),
            # One zone for every item, Vietnam's: the same instant, however the page wrote it.
            datePublished=to_iso(published.astimezone(VN_TZ)) if published else None,
            datePublishedRaw=published_raw,
            dateModified=to_iso(modified.astimezone(VN_TZ)) if modified else None,
            authors=self.authors(),
            creditText=self.credit_text(),
            description=self.description(),
            articleBody=self.article_body(),
            articleSection=self.article_section(),
            keywords=self.keywords(),
            mainImage=self.main_image(),
            images=self.images(),
            inLanguage=self.in_language(),
        )
        article.metadata = {
            "probability": probability,
            "site": self.site,
            "extractedBy": dict(sorted(self.layers.items())),
        }
        if now is not None:
            article.metadata["dateDownloaded"] = to_iso(now)
        return article
