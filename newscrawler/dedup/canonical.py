"""Canonical URLs: one spelling for every address a portal gives the same article.

Portals serve an article under its desktop URL, a mobile host (``m.``), an AMP variant
(``amp.`` host, ``/amp/`` path segment, ``.amp`` suffix, ``?amp``), with tracking parameters
appended by social networks and newsletters (``utm_*``, ``fbclid``, Zalo's ``zarsrc``), and with
fragments. :func:`canonicalize_url` maps all of them to one string, the article's identity for
deduplication and for request fingerprints; it is a key, not an address to fetch (the ``www.``,
``m.`` and ``amp.`` prefixes are dropped alike, whichever one the site really uses).

The vocabulary (tracking parameters, host prefixes, public suffixes) is data, in the module-level
tables below.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

#: Query parameters that only say where a click came from (compared case-insensitively).
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
        "igshid", "zarsrc", "gidzl", "_ga", "_gl", "_hsenc", "_hsmi", "mc_cid", "mc_eid", "ref",
        "ref_src", "ref_url", "fb_action_ids", "fb_action_types", "fb_source", "spm", "amp",
    }
)  # fmt: skip
#: Parameter name prefixes that are tracking too.
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
#: Host prefixes that name another version of the same site.
HOST_PREFIXES = ("www.", "m.", "amp.")
#: Second-level suffixes under which a host prefix is part of the registrable name
#: (``m.com.vn`` is not ``com.vn``).
PUBLIC_SUFFIXES = frozenset(
    {
        "com.vn", "net.vn", "org.vn", "gov.vn", "edu.vn", "int.vn", "ac.vn", "biz.vn", "info.vn",
        "name.vn", "pro.vn", "health.vn", "co.uk", "org.uk", "com.au", "co.jp",
    }
)  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}
_AMP_SUFFIX_RE = re.compile(r"\.amp(?=\.[A-Za-z0-9]+$|$)")


def site_host(host: str) -> str:
    """The host without the ``www.``, ``m.`` and ``amp.`` prefixes, lower-case, no trailing dot.

    >>> site_host("M.BaoDakLak.vn")
    'baodaklak.vn'
    >>> site_host("amp.www.baotayninh.vn.")
    'baotayninh.vn'
    >>> site_host("m.com.vn")
    'm.com.vn'
    """
    host = host.lower().rstrip(".")
    if not host.isascii():
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    stripped = True
    while stripped:
        stripped = False
        for prefix in HOST_PREFIXES:
            rest = host[len(prefix) :]
            if host.startswith(prefix) and "." in rest and rest not in PUBLIC_SUFFIXES:
                host, stripped = rest, True
    return host


def _main_path(path: str) -> str:
    """The path of the main page for an AMP path variant."""
    segments = path.split("/")
    kept = [segment for segment in segments if segment.lower() != "amp"]
    if len(kept) != len(segments):
        path = "/".join(kept)
        if not path.startswith("/"):
            path = "/" + path
        path = re.sub("/{2,}", "/", path)
    head, _, last = path.rpartition("/")
    return f"{head}/{_AMP_SUFFIX_RE.sub('', last)}"


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def _untracked(query: str) -> tuple[list[tuple[str, str]], bool]:
    """The parameters of ``query`` but the tracking ones, and whether any was removed."""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
    return kept, len(kept) != len(pairs)


def _canonical(url: str) -> tuple[str, str]:
    """The canonical form of an absolute URL and its site host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = site_host(parts.hostname or "")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = urlencode(_untracked(parts.query)[0])
    rebuilt = urlunsplit((scheme, netloc, _main_path(parts.path) or "/", query, ""))
    return _w3lib_canonicalize(rebuilt, keep_fragments=False), host


def canonicalize_url(url: str, canonical: str | None = None) -> str:
    """The canonical form of ``url``: lower-case host without ``www.``/``m.``/``amp.``, AMP
    path variants mapped to the main page, tracking parameters removed and the others sorted,
    no fragment, no default port, percent-encoding normalised. ``canonical`` (the page's
    ``<link rel=canonical>``, absolute or relative) replaces ``url`` when it points to the same
    site, and is ignored when it points elsewhere (a syndicated copy naming the original).

    >>> canonicalize_url("https://M.BaoDakLak.vn/chinh-tri/202212/bai-viet/?utm_source=zalo&zarsrc=30#top")
    'https://baodaklak.vn/chinh-tri/202212/bai-viet/'
    >>> canonicalize_url("https://baotayninh.vn/amp/tin-tuc-a1.html?page=2&id=7&fbclid=x")
    'https://baotayninh.vn/tin-tuc-a1.html?id=7&page=2'
    >>> canonicalize_url("https://baogialai.com.vn/x.html", "https://www.baogialai.com.vn/y.html")
    'https://baogialai.com.vn/y.html'
    >>> canonicalize_url("https://baodaklak.vn/x/", "https://tuyenquangtv.vn/original/")
    'https://baodaklak.vn/x/'
    """
    result, host = _canonical(url)
    if canonical and canonical.strip():
        target = urljoin(url, canonical.strip())
        if urlsplit(target).scheme.lower() in _DEFAULT_PORTS:
            target_result, target_host = _canonical(target)
            if target_host == host:
                return target_result
    return result


def strip_tracking(url: str) -> str:
    """``url`` without its tracking parameters and fragment, otherwise as written: an address
    to fetch (unlike :func:`canonicalize_url`, it keeps the host and the parameter order).

    >>> strip_tracking("https://baotayninh.vn/a-a1.html?utm_source=facebook&id=7&fbclid=x#top")
    'https://baotayninh.vn/a-a1.html?id=7'
    >>> strip_tracking("https://m.baodaklak.vn/x/")
    'https://m.baodaklak.vn/x/'
    """
    parts = urlsplit(url)
    if not parts.query and not parts.fragment:
        return url
    kept, removed = _untracked(parts.query)
    query = urlencode(kept) if removed else parts.query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
