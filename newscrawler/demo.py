"""The offline portal copies under ``data/demo/``: how a URL maps to a file.

The same mapping serves the copies to the spiders in ``make demo`` (by
:class:`newscrawler.middlewares.DemoReplayMiddleware`, keeping the portals' real URLs) and from an
HTTP server on 127.0.0.1 in the tests.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Where the copies are, relative to the project.
DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"

_TYPES = {".txt": "text/plain", ".xml": "application/xml", ".rss": "application/rss+xml"}


def relative_path(path: str, query: str = "") -> str:
    """The file, relative to a host's folder, that holds the page at ``path?query``.

    >>> relative_path("/tin-moi/")
    'tin-moi/index.html'
    >>> relative_path("/tin-moi/", "page=2")
    'tin-moi/index.html@page=2'
    >>> relative_path("/khat-vong-a169010.html")
    'khat-vong-a169010.html'
    """
    path = unquote(path or "/")
    if path.endswith("/"):
        path += "index.html"
    name = path.lstrip("/")
    return f"{name}@{query}" if query else name


def file_for_url(root: Path, url: str) -> Path | None:
    """The copy of ``url`` under ``root`` (``root/HOST/...``), or ``None`` when there is none."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    candidate = (root / host / relative_path(parts.path, parts.query)).resolve()
    base = (root / host).resolve()
    if not candidate.is_relative_to(base) or not candidate.is_file():
        return None
    return candidate


def content_type(path: Path) -> str:
    """The Content-Type a copy is served with."""
    suffix = Path(path.name.split("@", 1)[0]).suffix
    return _TYPES.get(suffix, "text/html") + "; charset=utf-8"
