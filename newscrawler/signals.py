"""Signals of newscrawler, beside Scrapy's own."""

#: A page that should have given an article and could not be read: sent with ``url``,
#: ``reason`` (a short class-like name) and ``message``; the rejects feed records it.
page_rejected = object()

#: A duplicate found by the dedup stage: sent with ``url`` (the copy), ``duplicate_of`` (the URL
#: of the kept article it repeats), ``kind`` (``exact`` or ``near``) and ``similarity``; the
#: storage pipeline records it in the ``duplicates`` table.
duplicate_found = object()
