"""Request fingerprints of canonical URLs: the mobile, AMP and tracking variants of a page are
one request for Scrapy's duplicate filter (and HTTP cache), so a page is downloaded once."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.utils.request import RequestFingerprinter

from newscrawler.dedup.canonical import canonicalize_url


class CanonicalRequestFingerprinter:
    """Scrapy's fingerprint, of :func:`~newscrawler.dedup.canonical.canonicalize_url` of the
    request's URL (``REQUEST_FINGERPRINTER_CLASS``)."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self._fingerprinter = RequestFingerprinter(crawler)
        self._cache: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CanonicalRequestFingerprinter:
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        if request not in self._cache:
            canonical = canonicalize_url(request.url)
            target = request if canonical == request.url else request.replace(url=canonical)
            self._cache[request] = self._fingerprinter.fingerprint(target)
        return self._cache[request]
