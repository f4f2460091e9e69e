"""What we know of each portal, as data: where its articles are and what the generic extraction
gets wrong there.

Adding a portal of a known CMS family is one :class:`Portal` entry in :data:`PORTALS`; a spider
named after it appears in ``scrapy list``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Family:
    """A CMS family: the URL shape of its article pages, shared by many portals."""

    name: str
    article_path: str
    """Regular expression matched against the URL path of an article page."""

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.article_path)


#: ``/tin-moi/202212/ttv-…-92a4a03/``, ``/chinh-tri/202212/…-9742668/``, and the older
#: ``/channel/9267/201704/…-5531360/``.
SECTION_MONTH_ID = Family(
    "section/YYYYMM/slug-id", r"^/(?:[\w-]+/)+(?:19|20)\d\d(?:0[1-9]|1[0-2])/[\w-]+-[0-9a-f]{5,}/?$"
)
#: ``/khat-vong-ve-hai-thanh-pho-tuong-lai-a169010.html``
SLUG_A_ID = Family("slug-a<id>.html", r"^/(?:[\w-]+/)*[\w-]+-a\d{3,}\.html$")
#: ``/nang-cao-chat-luong-…-post203764.html``
SLUG_POST_ID = Family("slug-post<id>.html", r"^/(?:[\w-]+/)*[\w-]+-post\d{3,}\.html$")
#: ``/…-postid123456.bbg``
SLUG_POSTID_BBG = Family("slug-postid<id>.bbg", r"^/(?:[\w-]+/)*[\w-]+-postid\d{3,}\.bbg$")
#: ``/…-123456.htm``
SLUG_ID_HTM = Family("slug-<id>.htm", r"^/(?:[\w-]+/)*[\w-]+-\d{4,}\.html?$")

FAMILIES = (SECTION_MONTH_ID, SLUG_A_ID, SLUG_POST_ID, SLUG_POSTID_BBG, SLUG_ID_HTM)

#: Query parameters that paginate a listing.
_PAGE_QUERY_RE = re.compile(r"^(?:page|trang|p|pageindex|pg)=\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class Portal:
    """One portal: its host, its CMS family, its sections and its selector overrides."""

    name: str
    """The spider's name (``scrapy crawl NAME``)."""
    domain: str
    """The portal's host, without ``www.``."""
    families: tuple[Family, ...]
    """The CMS families of its article URLs (a portal may keep an older family alive)."""
    sections: tuple[str, ...]
    """Paths of the section pages the crawl starts from, besides the home page."""
    selectors: dict[str, str] = field(default_factory=dict)
    """CSS selectors for the fields the generic extraction gets wrong on this portal."""
    aliases: tuple[str, ...] = ()
    """Other hosts the portal answers on (renamed hosts after the 2025 mergers)."""
    scheme: str = "https"

    @property
    def home(self) -> str:
        return f"{self.scheme}://{self.domain}/"

    @property
    def hosts(self) -> tuple[str, ...]:
        return (self.domain, f"www.{self.domain}", *self.aliases)

    def start_urls(self, base: str | None = None) -> list[str]:
        """The home page and the section pages, on ``base`` (``http://127.0.0.1:8000``) when
        given instead of the portal's own address."""
        root = (base or self.home).rstrip("/")
        return [f"{root}/"] + [f"{root}/{path.strip('/')}/" for path in self.sections]

    def is_article_url(self, url: str) -> bool:
        path = urlsplit(url).path
        return any(family.regex.match(path) for family in self.families)

    def is_listing_url(self, url: str) -> bool:
        """A section page or one of its pagination pages."""
        parts = urlsplit(url)
        if parts.query and not all(_PAGE_QUERY_RE.match(q) for q in parts.query.split("&")):
            return False
        path = parts.path
        if path in ("", "/"):
            return not parts.query
        for section in self.sections:
            section = "/" + section.strip("/")
            if path.rstrip("/") == section:
                return True
            rest = path[len(section) :] if path.startswith(section) else None
            if rest is not None and re.match(
                r"^(?:/trang-\d+(?:\.html|/)?|/p\d+/?|-p\d+(?:\.html)?|/page/\d+/?)$", rest
            ):
                return True
        return False


PORTALS: tuple[Portal, ...] = (
    Portal(
        name="tuyenquangtv",
        domain="tuyenquangtv.vn",
        families=(SECTION_MONTH_ID,),
        sections=("tin-moi", "thoi-su", "kinh-te", "van-hoa-xa-hoi"),
    ),
    Portal(
        name="baodaklak",
        domain="baodaklak.vn",
        families=(SECTION_MONTH_ID,),
        sections=("chinh-tri", "kinh-te", "xa-hoi", "van-hoa"),
    ),
    Portal(
        name="baotayninh",
        domain="baotayninh.vn",
        families=(SLUG_A_ID,),
        sections=("chinh-tri", "kinh-te", "xa-hoi"),
    ),
    Portal(
        name="baogialai",
        domain="baogialai.com.vn",
        families=(SLUG_POST_ID, SECTION_MONTH_ID),
        sections=("thoi-su", "kinh-te", "xa-hoi"),
    ),
    Portal(
        name="baoquangbinh",
        domain="baoquangbinh.vn",
        families=(SECTION_MONTH_ID,),
        sections=("chinh-tri", "kinh-te", "xa-hoi", "van-hoa"),
    ),
)

_SLUG_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}[-_.]?(?:[a-z]{0,4}\d{3,}|[0-9a-f]{6,})$")
_LONG_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){5,}$")


def looks_like_article_url(url: str) -> bool:
    """A URL shaped like an article page of a known CMS family, or a long slug ending in an id.

    >>> looks_like_article_url("https://example.vn/thoi-su/202301/chu-tich-tinh-tham-xa-8812345/")
    True
    >>> looks_like_article_url("https://example.vn/thoi-su/")
    False
    """
    path = urlsplit(url).path
    if any(family.regex.match(path) for family in FAMILIES):
        return True
    last = path.rstrip("/").rsplit("/", 1)[-1].lower()
    stem = re.sub(r"\.(?:html?|aspx?|php|bbg)$", "", last)
    return bool(_SLUG_ID_RE.search(stem) or _LONG_SLUG_RE.match(stem))


_BY_HOST = {host: portal for portal in PORTALS for host in portal.hosts}


def portal_for_url(url: str) -> Portal | None:
    """The portal a URL belongs to, or ``None``.

    >>> portal_for_url("https://www.baotayninh.vn/khat-vong-a169010.html").name
    'baotayninh'
    >>> portal_for_url("https://example.org/") is None
    True
    """
    host = (urlsplit(url).hostname or "").lower()
    return _BY_HOST.get(host)


def get_portal(name: str) -> Portal:
    for portal in PORTALS:
        if portal.name == name:
            return portal
    raise KeyError(f"No portal named {name!r}; known portals: {[p.name for p in PORTALS]}")
