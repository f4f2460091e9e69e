"""Signals of newscrawler, beside Scrapy's own."""

#: A page that should have given an article and could not be read: sent with ``url``,
#: ``reason`` (a short class-like name) and ``message``; the rejects feed records it.
page_rejected = object()
