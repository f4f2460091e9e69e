"""Canonical URLs, one table row per rule, each with where the variant is seen."""

from __future__ import annotations

import pytest

from newscrawler.dedup.canonical import (
    TRACKING_PARAMETERS,
    canonicalize_url,
    site_host,
)

SEED = (
    "https://baodaklak.vn/chinh-tri/202212/hoi-nghi-toan-quoc-tong-ket-cong-tac-to-chuc-xay-dung"
    "-dang-nam-2022-trien-khai-nhiem-vu-nam-2023-9742668/"
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Host: case, default ports, trailing dot (links typed by hand, copied from print).
        pytest.param("HTTPS://BaoDakLak.VN/a", "https://baodaklak.vn/a", id="host-case"),
        pytest.param("https://baodaklak.vn:443/a", "https://baodaklak.vn/a", id="https-port"),
        pytest.param("http://baodaklak.vn:80/a", "http://baodaklak.vn/a", id="http-port"),
        pytest.param("https://baodaklak.vn:8443/a", "https://baodaklak.vn:8443/a", id="other-port"),
        pytest.param("https://baodaklak.vn./a", "https://baodaklak.vn/a", id="trailing-dot"),
        pytest.param("https://baodaklak.vn", "https://baodaklak.vn/", id="empty-path"),
        # Host variants: mobile and AMP hosts, www (portals' mobile sites, Google AMP cache).
        pytest.param("https://m.baodaklak.vn/a", "https://baodaklak.vn/a", id="m-host"),
        pytest.param("https://amp.baotayninh.vn/a", "https://baotayninh.vn/a", id="amp-host"),
        pytest.param("https://www.baogialai.com.vn/a", "https://baogialai.com.vn/a", id="www"),
        pytest.param("https://m.www.baogialai.com.vn/a", "https://baogialai.com.vn/a", id="m-www"),
        pytest.param("https://m.com.vn/a", "https://m.com.vn/a", id="m-registrable"),
        # AMP paths (/amp/ segment first or last, .amp suffix, ?amp) map to the main page.
        pytest.param("https://baotayninh.vn/amp/tin-a1.html", "https://baotayninh.vn/tin-a1.html",
                     id="amp-segment-first"),
        pytest.param(f"{SEED}amp/", SEED, id="amp-segment-last"),
        pytest.param("https://baotayninh.vn/a/amp", "https://baotayninh.vn/a", id="amp-no-slash"),
        pytest.param("https://baoquangbinh.vn/a/b.amp.html", "https://baoquangbinh.vn/a/b.html",
                     id="amp-suffix"),
        pytest.param("https://baoquangbinh.vn/a/b.amp", "https://baoquangbinh.vn/a/b",
                     id="amp-suffix-last"),
        pytest.param("https://baoquangbinh.vn/a/b.html?amp", "https://baoquangbinh.vn/a/b.html",
                     id="amp-query"),
        pytest.param("https://baoquangbinh.vn/a/b.html?amp=1", "https://baoquangbinh.vn/a/b.html",
                     id="amp-query-value"),
        pytest.param("https://baoquangbinh.vn/amplifier/ampx.html",
                     "https://baoquangbinh.vn/amplifier/ampx.html", id="amp-in-words-kept"),
        # Tracking parameters go (Facebook, Zalo, Google, newsletters); meaningful ones stay,
        # sorted.
        pytest.param(f"{SEED}?utm_source=facebook&utm_medium=social", SEED, id="utm"),
        pytest.param(f"{SEED}?UTM_Campaign=tet", SEED, id="utm-case"),
        pytest.param(f"{SEED}?fbclid=IwAR0abc", SEED, id="fbclid"),
        pytest.param(f"{SEED}?zarsrc=30&utm_source=zalo&gidzl=abc", SEED, id="zalo"),
        pytest.param("https://baotayninh.vn/tin.html?page=2&id=7&gclid=x",
                     "https://baotayninh.vn/tin.html?id=7&page=2", id="meaningful-sorted"),
        pytest.param("https://baotayninh.vn/tin.html?id=7&ref=home",
                     "https://baotayninh.vn/tin.html?id=7", id="ref"),
        pytest.param("https://baotayninh.vn/search?q=", "https://baotayninh.vn/search?q=",
                     id="blank-value-kept"),
        # Fragments go (share buttons add #comments, in-page anchors).
        pytest.param(f"{SEED}#binh-luan", SEED, id="fragment"),
        # Percent-encoding and non-ASCII paths, IDN hosts.
        pytest.param("https://baodaklak.vn/a%7Eb", "https://baodaklak.vn/a~b", id="unreserved"),
        pytest.param("https://báo.vn/Đà", "https://xn--bo-mia.vn/%C4%90%C3%A0", id="idn"),
    ],
)  # fmt: skip
def test_canonicalize_url(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected
    assert canonicalize_url(expected) == expected  # idempotent


@pytest.mark.parametrize("name", sorted(TRACKING_PARAMETERS))
def test_every_tracking_parameter_is_removed(name: str) -> None:
    assert canonicalize_url(f"https://baodaklak.vn/a?id=1&{name}=x") == (
        "https://baodaklak.vn/a?id=1"
    )


@pytest.mark.parametrize(
    ("url", "canonical", "expected"),
    [
        pytest.param(f"{SEED}?utm_source=x", SEED, SEED, id="same-url"),
        pytest.param("https://m.baodaklak.vn/a?id=1", f"{SEED}", SEED, id="mobile-page"),
        pytest.param("https://baogialai.com.vn/x", "https://www.baogialai.com.vn/y?fbclid=1",
                     "https://baogialai.com.vn/y", id="www-is-same-site"),
        pytest.param("https://baotayninh.vn/a", "/b.html", "https://baotayninh.vn/b.html",
                     id="relative"),
        pytest.param("https://baotayninh.vn/a", "//baotayninh.vn/c", "https://baotayninh.vn/c",
                     id="scheme-relative"),
        # A syndicated copy naming the original portal keeps its own URL.
        pytest.param(SEED, "https://tuyenquangtv.vn/tin-moi/seed/", SEED, id="other-site"),
        pytest.param("https://baodaklak.vn/a", "https://tintuc.baodaklak.vn/b",
                     "https://baodaklak.vn/a", id="other-subdomain"),
        pytest.param("https://baodaklak.vn/a", "javascript:void(0)", "https://baodaklak.vn/a",
                     id="not-http"),
        pytest.param("https://baodaklak.vn/a", "  ", "https://baodaklak.vn/a", id="blank"),
        pytest.param("https://baodaklak.vn/a", None, "https://baodaklak.vn/a", id="none"),
    ],
)  # fmt: skip
def test_link_rel_canonical(url: str, canonical: str | None, expected: str) -> None:
    assert canonicalize_url(url, canonical) == expected


def test_variants_of_one_article_meet() -> None:
    variants = [
        SEED,
        SEED.upper().replace("HTTPS://BAODAKLAK.VN", "https://BaoDakLak.vn").lower(),
        SEED.replace("https://", "https://m.") + "?utm_source=zalo&zarsrc=31#top",
        SEED.replace("https://", "https://amp."),
        SEED + "amp/?fbclid=1",
        SEED.replace("baodaklak.vn/", "baodaklak.vn:443/amp/"),
    ]
    assert {canonicalize_url(v) for v in variants} == {SEED}


@pytest.mark.parametrize(
    ("host", "expected"),
    [("WWW.BaoGiaLai.com.vn", "baogialai.com.vn"), ("amp.m.x.vn", "x.vn"), ("m.vn", "m.vn"),
     ("www.com.vn", "www.com.vn"), ("báo.vn", "xn--bo-mia.vn")],
)  # fmt: skip
def test_site_host(host: str, expected: str) -> None:
    assert site_host(host) == expected
