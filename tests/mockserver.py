"""An HTTP server on 127.0.0.1 that serves a portal copy from ``data/demo/HOST/``, or any folder
laid out the same way, for the crawl tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from newscrawler.demo import content_type, relative_path


class _Handler(BaseHTTPRequestHandler):
    def __init__(self, *args: object, root: Path, hits: list[str], **kwargs: object) -> None:
        self.root = root
        self.hits = hits
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.hits.append(self.path)
        path = (self.root / relative_path(parts.path, parts.query)).resolve()
        if not path.is_relative_to(self.root.resolve()) or not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class SiteServer:
    """A running server: ``url`` is its address, ``hits`` the paths it was asked for."""

    def __init__(self, root: Path) -> None:
        self.hits: list[str] = []
        self.httpd = ThreadingHTTPServer(
            ("127.0.0.1", 0), partial(_Handler, root=root, hits=self.hits)
        )
        host, port = self.httpd.server_address[:2]
        self.url = f"http://{host}:{port}"


@contextmanager
def serve(root: Path) -> Iterator[SiteServer]:
    server = SiteServer(root)
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
