"""The article body: find the main-content block, then read it into paragraphs and images.

The block is found by the portal's selector, then by the selectors of known CMSs, then by text
density (the element whose paragraphs hold the most text); when none gives enough text, a
well-kept extractor (trafilatura) reads the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import html as lxml_html
from lxml.etree import _Element

from newscrawler.text import (
    Byline,
    is_boilerplate,
    is_signature,
    normalize_space,
    parse_byline,
)

#: Body blocks of the CMSs Vietnamese portals run, most specific first.
BODY_SELECTORS = (
    "[itemprop=articleBody]", "div.content-fck", "div.detail-content", "div.detail__content",
    "div.content-detail", "div.detail-content-body", "div.article-content", "div.article__body",
    "div.article-body", "div.post-content", "div.entry-content", "div.news-content",
    "div.content-news", "div.fck_detail", "div.singular-content", "div.cms-body",
    "div#content_detail", "div.detail-body", "div.body-content", "div.news-detail-content",
)  # fmt: skip

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "iframe", "form", "button", "input", "select", "textarea",
     "nav", "aside", "footer", "header", "svg", "video", "audio", "object", "embed", "template",
     "ins", "link", "meta", "head", "title"}
)  # fmt: skip
#: Elements whose text is never the story (a whole ASP.NET page sits in a <form>, so not that).
_PAGE_FURNITURE = frozenset({"nav", "aside", "footer", "header"})
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "table",
     "tbody", "thead", "tr", "td", "th", "figure", "figcaption", "section", "article", "pre",
     "dl", "dt", "dd", "center", "main", "hr"}
)  # fmt: skip
_TEXT_BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd"})
#: class / id words of elements that are never article text.
_NOISE_RE = re.compile(
    # Words that may run on (jp-relatedposts, sharedaddy, commentlist) ...
    r"(?:^|[\s_-])(?:relate|share|sharing|social|comment|advert|recommend|newsletter|subscribe"
    r"|sidebar|breadcrumb|pagination|most-read|box-news|google-news|author-box)"
    # ... and short ones that must stand alone (tags, ads, print).
    r"|(?:^|[\s_-])(?:tags?|tag-list|ads?|banner|rating|vote|print|toolbar|widget|follow"
    r"|navigation|pager)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CAPTION_CLASS_RE = re.compile(r"caption|image_desc|img-desc|desc|chu-thich|note", re.IGNORECASE)
_IMAGE_CONTAINER_CLASS_RE = re.compile(r"image|img|picture|photo|caption|figure", re.IGNORECASE)
_CENTER_RE = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_RIGHT_RE = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)
_BYLINE_CLASS_RE = re.compile(r"author|byline|signature|tac-gia", re.IGNORECASE)


@dataclass
class Paragraph:
    """One block of text of the body, with what the markup says of it."""

    text: str
    tag: str
    styled_byline: bool = False
    """The markup sets the block apart as a byline: right-aligned, all bold, a byline class."""
    centered_italic: bool = False
    """Centered or italic-only: what a caption after an image looks like."""


@dataclass
class Body:
    """What the body block holds."""

    paragraphs: list[str] = field(default_factory=list)
    images: list[tuple[str, str | None]] = field(default_factory=list)
    byline: Byline | None = None
    byline_raw: list[str] = field(default_factory=list)


def _classes(el: _Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def holds_story(el: _Element) -> bool:
    """Four or more paragraphs of text, few of them links: whatever its class says
    (``tag-politics`` on a WordPress ``<article>``), the element wraps the story."""
    count = links = 0
    for p in el.iter("p"):
        text = p.text_content()
        if len(text.strip()) >= 80:
            count += 1
            links += sum(len(a.text_content()) for a in p.iter("a")) > len(text) / 2
    return count >= 4 and links <= count / 3


def _is_noise(el: _Element) -> bool:
    return bool(_NOISE_RE.search(_classes(el))) and not holds_story(el)


def _raw_text(el: _Element, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in ("script", "style", "noscript", "template"):
            spaced = tag == "br" or tag in _BLOCK_TAGS or tag in ("td", "img")
            if spaced:
                parts.append(" ")
            _raw_text(child, parts)
            if spaced:
                parts.append(" ")
        if child.tail:
            parts.append(child.tail)


def element_text(el: _Element) -> str:
    """The text of an element, normalised: inline markup adds no space (``<b>nhà</b>.`` reads
    ``nhà.``), line breaks and blocks do; scripts and styles are left out."""
    parts: list[str] = []
    _raw_text(el, parts)
    return normalize_space("".join(parts))


_text = element_text


def _image_src(img: _Element, base_url: str) -> str | None:
    for attr in ("data-src", "data-original", "data-lazy-src", "src"):
        src = (img.get(attr) or "").strip()
        if src and not src.startswith("data:"):
            return urljoin(base_url, src)
    return None


def _has_block_child(el: _Element) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in el)


def _styled_byline(el: _Element) -> bool:
    if _RIGHT_RE.search(el.get("style", "")) or el.get("align") == "right":
        return True
    if _BYLINE_CLASS_RE.search(_classes(el)):
        return True
    # All of the text in <strong>/<b>.
    bold = normalize_space(" ".join(element_text(b) for b in el.iter("strong", "b")))
    return bool(bold) and bold == _text(el)


def _centered_italic(el: _Element) -> bool:
    if _CENTER_RE.search(el.get("style", "")) or el.get("align") == "center":
        return True
    italic = normalize_space(" ".join(element_text(i) for i in el.iter("em", "i")))
    return bool(italic) and italic == _text(el)


class _Reader:
    """Walks a body block in document order, collecting paragraphs and images."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.paragraphs: list[Paragraph] = []
        self.images: list[tuple[str, str | None]] = []
        self._caption_pending = False

    def add_text(self, text: str, el: _Element, tag: str) -> None:
        text = normalize_space(text)
        if not text:
            return
        if self._caption_pending and _centered_italic(el) and len(text) <= 400:
            # A centered or italic paragraph right after an image paragraph is its caption.
            url, _ = self.images[-1]
            self.images[-1] = (url, text)
            self._caption_pending = False
            return
        self._caption_pending = False
        self.paragraphs.append(
            Paragraph(text, tag, styled_byline=_styled_byline(el), centered_italic=False)
        )

    def add_image_container(self, el: _Element) -> None:
        """A figure, an image table or a paragraph holding an image: images and a caption."""
        imgs = [src for img in el.iter("img") if (src := _image_src(img, self.base_url))]
        caption_parts = [
            _text(c)
            for c in el.iter()
            if c is not el
            and isinstance(c.tag, str)
            and (c.tag == "figcaption" or _CAPTION_CLASS_RE.search(_classes(c)))
            and not c.findall(".//img")
        ]
        caption = normalize_space(" ".join(caption_parts)) or None
        if caption is None and el.tag in ("p", "div", "center"):
            # <p><img> caption text</p>
            caption = _text(el) or None
        for src in imgs:
            self.images.append((src, caption))
        self._caption_pending = caption is None and bool(imgs)

    def walk(self, el: _Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):  # comments, processing instructions
                self._tail(child, el)
                continue
            tag = tag.lower()
            if tag in _SKIP_TAGS or _is_noise(child):
                pass
            elif tag == "img":
                if src := _image_src(child, self.base_url):
                    self.images.append((src, None))
                    self._caption_pending = True
            elif self._is_image_container(child, tag):
                self.add_image_container(child)
            elif tag in _TEXT_BLOCK_TAGS and not _has_block_child(child):
                self.add_text(element_text(child), child, tag)
            elif tag in _BLOCK_TAGS:
                if child.text and child.text.strip():
                    self.add_text(child.text, child, tag)
                self.walk(child)
            else:  # inline element directly in a block: loose text
                self.add_text(element_text(child), el, "text")
            self._tail(child, el)

    def _tail(self, child: _Element, parent: _Element) -> None:
        if child.tail and child.tail.strip():
            self.add_text(child.tail, parent, "text")

    @staticmethod
    def _is_image_container(el: _Element, tag: str) -> bool:
        if tag in ("figure", "picture"):
            return True
        has_img = el.find(".//img") is not None
        if not has_img:
            return False
        if tag == "table" or _IMAGE_CONTAINER_CLASS_RE.search(el.get("class", "")):
            # An image with its caption, not a wrapper of the story that happens to hold one.
            return len(_text(el)) <= 600 and not holds_story(el)
        # A paragraph that is an image with at most a short caption.
        return tag in ("p", "div", "center") and len(_text(el)) <= 300 and not _has_block_child(el)


def read_body(block: _Element, base_url: str) -> Body:
    """Read a body block into paragraphs, images, and the byline found at its end."""
    reader = _Reader(base_url)
    if block.text and block.text.strip():
        reader.add_text(block.text, block, "text")
    reader.walk(block)
    paragraphs = [p for p in reader.paragraphs if not is_boilerplate(p.text)]
    body = Body(images=reader.images)
    # Bylines, credits and signatures close the story: take them off its end.
    authors: list[str] = []
    credits: list[str] = []
    while paragraphs:
        last = paragraphs[-1]
        if is_signature(last.text):
            paragraphs.pop()
            continue
        byline = parse_byline(last.text, styled=last.styled_byline)
        if byline is None:
            break
        paragraphs.pop()
        authors[:0] = byline.authors
        credits[:0] = byline.credits
        body.byline_raw.insert(0, last.text)
    if authors or credits:
        body.byline = Byline(tuple(authors), tuple(credits))
    body.paragraphs = [p.text for p in paragraphs]
    return body


def _density_scores(root: _Element) -> dict[_Element, float]:
    scores: dict[_Element, float] = {}
    # Paragraphs, and the <div>s old CMSs write them as (no block inside, text of their own).
    for p in root.iter("p", "div"):
        if p.tag == "div" and (_has_block_child(p) or not (p.text or "").strip()):
            continue
        text = _text(p)
        if len(text) < 25:
            continue
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + len(text)
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + len(text) / 2
    return scores


def find_block_by_density(root: _Element) -> _Element | None:
    """The element whose paragraphs hold the most text, outside navigation, sidebars and
    comment blocks, with a penalty for links."""
    best, best_score = None, 0.0
    scores = _density_scores(root)
    for el, score in scores.items():
        if _is_noise(el) or any(
            a.tag in _PAGE_FURNITURE or _is_noise(a) for a in el.iterancestors()
        ):
            continue
        text_len = len(_text(el)) or 1
        link_len = sum(len(_text(a)) for a in el.iter("a"))
        score *= 1 - min(link_len / text_len, 1)
        if score > best_score:
            best, best_score = el, score
    if best is None:
        return None
    # A story split over sibling wrappers (one per paragraph group): take them all.
    parent = best.getparent()
    if parent is not None and parent.tag not in ("body", "html"):
        floor = max(scores[best] * 0.2, 150.0)
        if any(c is not best and scores.get(c, 0.0) >= floor and not _is_noise(c) for c in parent):
            return parent
    return best


def body_from_trafilatura(html_text: str, url: str) -> list[str]:
    """Paragraphs of the main text as trafilatura finds it, the fallback of last resort."""
    import trafilatura

    text = trafilatura.extract(
        html_text, url=url, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text:
        return []
    return [line for line in map(normalize_space, text.split("\n")) if line]


def parse_html(html_text: str | bytes) -> _Element:
    """Parse a page with lxml, as parsel does."""
    return lxml_html.fromstring(html_text)
