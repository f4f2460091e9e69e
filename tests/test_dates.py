"""Tests of newscrawler.dates: real date lines from the portals in PORTALS.md, one row each.

Each row's id names the portal (or page part) the format comes from. Known limitations are
``xfail(strict=True)`` rows: when one starts passing, move it to the table it belongs to.
"""

from __future__ import annotations

import doctest
import random
import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

import pytest

from newscrawler import dates
from newscrawler.dates import (
    LABELS,
    MAX_LINE_LENGTH,
    VN_TZ,
    WEEKDAYS,
    parse_datetime,
    to_iso,
)

#: The crawl time relative forms count back from (a Tuesday).
NOW = datetime(2023, 3, 14, 10, 0, 30, tzinfo=VN_TZ)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _iso(text: str) -> str | None:
    value = parse_datetime(text, now=NOW)
    return to_iso(value) if value is not None else None


ABSOLUTE = [
    # tuyenquangtv.vn, baodaklak.vn: `HH:MM, DD/MM/YYYY`
    pytest.param("21:10, 29/12/2022", "2022-12-29T21:10:00+07:00", id="tuyenquangtv-seed"),
    pytest.param("15:10, 29/12/2022", "2022-12-29T15:10:00+07:00", id="baodaklak"),
    pytest.param(
        "21:10,\u00a029/12/2022\u00a0", "2022-12-29T21:10:00+07:00", id="tuyenquangtv-nbsp"
    ),
    pytest.param("21:10,&nbsp;29/12/2022", "2022-12-29T21:10:00+07:00", id="tuyenquangtv-entity"),
    # baotayninh.vn: `Thứ sáu: HH:MM ngày DD/MM/YYYY`; video pages `<Section> DD-MM-YYYY`
    pytest.param("Thứ sáu: 09:47 ngày 30/12/2022", "2022-12-30T09:47:00+07:00", id="baotayninh"),
    pytest.param("Thời sự 31-12-2022", "2022-12-31T00:00:00+07:00", id="baotayninh-video"),
    pytest.param("Video 31-12-2022", "2022-12-31T00:00:00+07:00", id="baotayninh-video-2"),
    # baoquangbinh.vn: `Thứ Tư, DD/MM/YYYY, HH:MM [GMT+7]`
    pytest.param(
        "Thứ Tư, 28/12/2022, 16:05 [GMT+7]", "2022-12-28T16:05:00+07:00", id="baoquangbinh"
    ),
    pytest.param(
        "Thứ Tư, 28/12/2022, 16:05 GMT+07:00", "2022-12-28T16:05:00+07:00", id="baoquangbinh-hhmm"
    ),
    # vnexpress.net: `Thứ tư, D/M/YYYY, HH:MM (GMT+7)`
    pytest.param("Thứ tư, 4/1/2023, 09:05 (GMT+7)", "2023-01-04T09:05:00+07:00", id="vnexpress"),
    # dantri.com.vn, vietnamnet.vn: `Thứ bảy, DD/MM/YYYY - HH:MM`
    pytest.param("Thứ bảy, 31/12/2022 - 06:30", "2022-12-31T06:30:00+07:00", id="dantri"),
    pytest.param("Thứ Năm, 29/12/2022 - 21:10", "2022-12-29T21:10:00+07:00", id="vietnamnet"),
    pytest.param("THỨ BẢY, 31/12/2022 - 06:30", "2022-12-31T06:30:00+07:00", id="dantri-upper"),
    # tuoitre.vn, nld.com.vn: `DD/MM/YYYY HH:MM GMT+7`
    pytest.param("29/12/2022 21:10 GMT+7", "2022-12-29T21:10:00+07:00", id="tuoitre"),
    pytest.param("31/12/2022 06:30 GMT+7", "2022-12-31T06:30:00+07:00", id="nld"),
    # cafef.vn: `HH:MM , DD/MM/YYYY`
    pytest.param("21:10 , 29/12/2022", "2022-12-29T21:10:00+07:00", id="cafef"),
    # vov.vn: `Thứ ba, HH:MM, DD/MM/YYYY`
    pytest.param("Thứ ba, 21:10, 27/12/2022", "2022-12-27T21:10:00+07:00", id="vov"),
    # section-prefixed lines: `Thời sự - HH:MM, DD/MM/YYYY`
    pytest.param("Thời sự - 21:10, 29/12/2022", "2022-12-29T21:10:00+07:00", id="section-dash"),
    pytest.param(
        "Kinh tế - Xã hội | 21:10, 29/12/2022", "2022-12-29T21:10:00+07:00", id="section-pipe"
    ),
    # long forms: `Thứ Năm, ngày D tháng M năm YYYY`, `D Tháng M YYYY lúc HH:MM`
    pytest.param(
        "Thứ Năm, ngày 29 tháng 12 năm 2022", "2022-12-29T00:00:00+07:00", id="long-weekday"
    ),
    pytest.param("29 Tháng 12 2022 lúc 21:10", "2022-12-29T21:10:00+07:00", id="long-luc"),
    pytest.param(
        "Thứ Tư, ngày 4 tháng 1 năm 2023 lúc 9:05", "2023-01-04T09:05:00+07:00", id="long-full"
    ),
    # labels
    pytest.param("Cập nhật: 21:10, 29/12/2022", "2022-12-29T21:10:00+07:00", id="label-cap-nhat"),
    pytest.param("Ngày đăng: 29/12/2022", "2022-12-29T00:00:00+07:00", id="label-ngay-dang"),
    pytest.param("Đăng lúc 21:10 29/12/2022", "2022-12-29T21:10:00+07:00", id="label-dang-luc"),
    pytest.param(
        "Cập nhật lúc 21:10, 29/12/2022", "2022-12-29T21:10:00+07:00", id="label-cap-nhat-luc"
    ),
    pytest.param("21h10 ngày 29/12/2022", "2022-12-29T21:10:00+07:00", id="provincial-21h10"),
    # weekday words: `Thứ 2`…`Thứ 7`, `Chủ nhật`/`CN`; a wrong weekday is ignored
    pytest.param("Thứ 5, 29/12/2022 21:10", "2022-12-29T21:10:00+07:00", id="weekday-digit"),
    pytest.param("Chủ nhật, 1/1/2023 - 09:00", "2023-01-01T09:00:00+07:00", id="weekday-chu-nhat"),
    pytest.param("CN, 01/01/2023 09:00", "2023-01-01T09:00:00+07:00", id="weekday-cn"),
    pytest.param("Thứ hai, 29/12/2022 21:10", "2022-12-29T21:10:00+07:00", id="weekday-wrong"),
    # vi-VN locale AM/PM markers (SA = sáng, CH = chiều) and spoken ones
    pytest.param("29/12/2022 9:10 CH", "2022-12-29T21:10:00+07:00", id="vi-locale-ch"),
    pytest.param("29/12/2022 12:05 SA", "2022-12-29T00:05:00+07:00", id="vi-locale-sa"),
    pytest.param("21h10 tối 29/12/2022", "2022-12-29T21:10:00+07:00", id="spoken-toi"),
    # NFD input (decomposed pages) normalises first
    pytest.param(
        _nfd("Thứ Năm, ngày 29 tháng 12 năm 2022"), "2022-12-29T00:00:00+07:00", id="nfd-long"
    ),
    pytest.param(
        _nfd("Cập nhật lúc 21:10, 29/12/2022"), "2022-12-29T21:10:00+07:00", id="nfd-label"
    ),
    # meta article:published_time and JSON-LD datePublished, broken ones included
    pytest.param("2022-12-29T21:10:00+07:00", "2022-12-29T21:10:00+07:00", id="meta-iso"),
    pytest.param("2023-03-14T08:35:00 +07:00", "2023-03-14T08:35:00+07:00", id="jsonld-space"),
    pytest.param("2023-03-14 08:35:00", "2023-03-14T08:35:00+07:00", id="jsonld-no-zone"),
    pytest.param("2023-03-14T08:35:00", "2023-03-14T08:35:00+07:00", id="jsonld-no-zone-t"),
    pytest.param("2023-03-14T01:35:00Z", "2023-03-14T01:35:00+00:00", id="jsonld-z"),
    pytest.param("2023-03-14T08:35:00+0700", "2023-03-14T08:35:00+07:00", id="jsonld-0700"),
    pytest.param("2023-03-14T08:35:00.000+07:00", "2023-03-14T08:35:00+07:00", id="jsonld-ms"),
    pytest.param("2023-03-14", "2023-03-14T00:00:00+07:00", id="jsonld-date-only"),
    pytest.param("2023-03-14T08:35:00-05:00", "2023-03-14T08:35:00-05:00", id="iso-other-zone"),
    pytest.param("29/12/2022 14:10 UTC", "2022-12-29T14:10:00+00:00", id="zone-utc"),
]

RELATIVE = [
    # listing pages (relative forms), counted back from NOW = 2023-03-14 10:00:30 +07:00
    pytest.param("2 giờ trước", "2023-03-14T08:00:30+07:00", id="listing-hours"),
    pytest.param("2 tiếng trước", "2023-03-14T08:00:30+07:00", id="listing-tieng"),
    pytest.param("5 phút trước", "2023-03-14T09:55:30+07:00", id="listing-minutes"),
    pytest.param("23 ngày trước", "2023-02-19T10:00:30+07:00", id="listing-days"),
    pytest.param("Cập nhật 3 tuần trước", "2023-02-21T10:00:30+07:00", id="listing-weeks"),
    pytest.param("2 tháng trước", "2023-01-14T10:00:30+07:00", id="listing-months"),
    pytest.param("cách đây 1 năm", "2022-03-14T10:00:30+07:00", id="listing-cach-day"),
    pytest.param("Hôm qua 08:16", "2023-03-13T08:16:00+07:00", id="listing-hom-qua"),
    pytest.param("Hôm qua, lúc 08:16", "2023-03-13T08:16:00+07:00", id="listing-hom-qua-luc"),
    pytest.param("Hôm nay 15:39", "2023-03-14T15:39:00+07:00", id="listing-hom-nay"),
    pytest.param("hôm kia", "2023-03-12T00:00:00+07:00", id="listing-hom-kia"),
    pytest.param("vừa xong", "2023-03-14T10:00:30+07:00", id="listing-vua-xong"),
    pytest.param(_nfd("Hôm qua 08:16"), "2023-03-13T08:16:00+07:00", id="listing-nfd"),
]

SEED_PARAGRAPH = (
    "21:10, 29/12/2022 Sáng ngày 29/12, Ban Tổ chức Trung ương tổ chức Hội nghị toàn quốc tổng "
    "kết công tác tổ chức xây dựng Đảng năm 2022, triển khai nhiệm vụ năm 2023."
)

REJECTED = [
    # quoted dates in body sentences (PORTALS.md: never the publication date)
    pytest.param("ngày 29.12.2023", id="body-dotted"),
    pytest.param("Sáng ngày 29.12.2023, tại Hội trường tỉnh", id="body-dotted-sentence"),
    pytest.param("29.12.2023 21:10", id="dotted-never"),
    pytest.param("Ngày 7-4-2015, UBND tỉnh ban hành Quyết định số 1234", id="body-dashed"),
    pytest.param("theo Nghị quyết ngày 7-4-2015", id="body-dashed-lower"),
    pytest.param("Quyết định ngày 7-4-2015", id="body-ngay-no-separator"),
    pytest.param("tin tức 29/12/2022", id="lowercase-fragment"),
    pytest.param("Sáng ngày 29/12, Ban Tổ chức Trung ương tổ chức hội nghị", id="body-yearless"),
    # long paragraphs: a date line is short (tuyenquangtv.vn seed text)
    pytest.param(SEED_PARAGRAPH, id="seed-paragraph"),
    pytest.param("21:10, 29/12/2022 " + "x" * MAX_LINE_LENGTH, id="over-max-length"),
    # garbage and boilerplate lines
    pytest.param("", id="empty"),
    pytest.param("   \u00a0 ", id="blank"),
    pytest.param("Banner", id="boilerplate-banner"),
    pytest.param("Đọc báo in", id="boilerplate-doc-bao-in"),
    pytest.param("Lượt xem: 1234", id="view-counter"),
    pytest.param("21:10", id="time-only"),
    pytest.param("Thứ Hai", id="weekday-only"),
    pytest.param("29/12/22 21:10", id="two-digit-year"),
    # impossible dates, times and zones
    pytest.param("31/02/2023", id="impossible-feb-31"),
    pytest.param("29/02/2023", id="impossible-not-leap"),
    pytest.param("32/01/2023 10:00", id="impossible-day"),
    pytest.param("00/01/2023", id="impossible-day-zero"),
    pytest.param("29/12/2022 24:10", id="impossible-hour"),
    pytest.param("29/12/2022 21:60", id="impossible-minute"),
    pytest.param("29/12/1899", id="year-too-old"),
    pytest.param("29/12/2150", id="year-too-new"),
    pytest.param("2023-13-01T00:00:00", id="iso-month-13"),
    pytest.param("29/12/2022 21:10 GMT+25", id="impossible-zone"),
    pytest.param("21:10 sáng 29/12/2022", id="evening-hour-morning-word"),
    pytest.param("cách đây 50 năm", id="relative-before-1990"),
    # month-first traps: always day-first
    pytest.param("12/29/2022", id="month-first"),
    pytest.param("12/29/2022 09:10 PM", id="month-first-pm"),
    # ambiguous lines: two dates, or a relative form with a time
    pytest.param("29/12/2022 - 30/12/2022", id="two-dates"),
    pytest.param("2 giờ trước 21:10", id="relative-with-time"),
    pytest.param("Hôm qua 29/12/2022", id="relative-and-absolute"),
    pytest.param(
        "Bộ trưởng ký 29/12/2022",
        id="short-clause-as-section",
        marks=pytest.mark.xfail(strict=True, reason="read as section name + date (video form)"),
    ),
]

KNOWN_LIMITATIONS = [
    pytest.param(
        "21:10 29/12",
        "2022-12-29T21:10:00+07:00",
        id="listing-yearless",
        marks=pytest.mark.xfail(strict=True, reason="yearless dates: no year inference from now"),
    ),
    pytest.param(
        "Đăng: 29/12/2022 | Cập nhật: 30/12/2022",
        "2022-12-29T00:00:00+07:00",
        id="published-and-updated",
        marks=pytest.mark.xfail(strict=True, reason="two dates on one line are rejected"),
    ),
    pytest.param(
        "Thứ Năm, 29 Tháng Mười Hai 2022",
        "2022-12-29T00:00:00+07:00",
        id="month-in-words",
        marks=pytest.mark.xfail(strict=True, reason="month names in words are not in the data"),
    ),
    pytest.param(
        "21 giờ 10 phút, 29/12/2022",
        "2022-12-29T21:10:00+07:00",
        id="time-in-words",
        marks=pytest.mark.xfail(strict=True, reason="only HH:MM and HHhMM times"),
    ),
    pytest.param(
        "21:10, 29/12/2022 | 1.234 lượt xem",
        "2022-12-29T21:10:00+07:00",
        id="trailing-view-counter",
        marks=pytest.mark.xfail(strict=True, reason="no trailing text after the date line"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE + RELATIVE + KNOWN_LIMITATIONS)
def test_parse_datetime(text: str, expected: str) -> None:
    assert _iso(text) == expected


@pytest.mark.parametrize("text", REJECTED)
def test_parse_datetime_rejects(text: str) -> None:
    assert parse_datetime(text, now=NOW) is None


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE + RELATIVE)
def test_result_is_aware(text: str, expected: str) -> None:
    value = parse_datetime(text, now=NOW)
    assert value is not None
    assert value.utcoffset() is not None


def test_time_is_kept_not_midnight() -> None:
    value = parse_datetime("Thứ Năm, 29/12/2022 - 00:01")
    assert value == datetime(2022, 12, 29, 0, 1, tzinfo=VN_TZ)
    assert parse_datetime("Thứ Năm, 29/12/2022") == datetime(2022, 12, 29, tzinfo=VN_TZ)


@pytest.mark.parametrize("word", sorted(WEEKDAYS))
@pytest.mark.parametrize("case", [str.lower, str.title, str.upper, str.capitalize])
def test_every_weekday_word_any_case(word: str, case: object) -> None:
    text = f"{case(word)}, 29/12/2022 - 21:10"  # type: ignore[operator]
    assert _iso(text) == "2022-12-29T21:10:00+07:00"


@pytest.mark.parametrize("label", LABELS)
def test_every_label(label: str) -> None:
    assert _iso(f"{label.capitalize()}: 21:10, 29/12/2022") == "2022-12-29T21:10:00+07:00"


def test_max_line_length_boundary() -> None:
    line = "21:10, 29/12/2022"
    at_limit = line + "." * (MAX_LINE_LENGTH - len(line))
    assert parse_datetime(at_limit) == datetime(2022, 12, 29, 21, 10, tzinfo=VN_TZ)
    assert parse_datetime(at_limit + ".") is None


def test_tz_applies_only_without_explicit_zone() -> None:
    assert parse_datetime("29/12/2022 21:10", tz=UTC) == datetime(2022, 12, 29, 21, 10, tzinfo=UTC)
    explicit = parse_datetime("29/12/2022 21:10 GMT+7", tz=UTC)
    assert explicit is not None
    assert explicit.utcoffset() == timedelta(hours=7)


def test_now_in_another_zone_or_naive() -> None:
    utc_now = NOW.astimezone(UTC)  # 03:00:30 UTC, still 14 March in Vietnam
    assert parse_datetime("Hôm qua 08:16", now=utc_now) == datetime(
        2023, 3, 13, 8, 16, tzinfo=VN_TZ
    )
    naive_now = NOW.replace(tzinfo=None)
    assert parse_datetime("5 phút trước", now=naive_now) == NOW - timedelta(minutes=5)


def test_relative_without_now_uses_current_time() -> None:
    before = datetime.now(VN_TZ).replace(microsecond=0)
    value = parse_datetime("vừa xong")
    assert value is not None
    assert before <= value <= datetime.now(VN_TZ)


def test_to_iso() -> None:
    assert to_iso(datetime(2022, 12, 29, 21, 10, tzinfo=VN_TZ)) == "2022-12-29T21:10:00+07:00"
    assert (
        to_iso(datetime(2023, 3, 14, 1, 35, 5, 123456, tzinfo=UTC)) == "2023-03-14T01:35:05+00:00"
    )
    half = timezone(timedelta(hours=5, minutes=30))
    assert to_iso(datetime(2023, 1, 1, tzinfo=half)) == "2023-01-01T00:00:00+05:30"
    with pytest.raises(ValueError, match=r"needs an aware datetime.*tzinfo=VN_TZ"):
        to_iso(datetime(2022, 12, 29, 21, 10))


def test_to_iso_matches_item_pattern() -> None:
    items = pytest.importorskip("newscrawler.items")
    pattern = re.compile(items.ISO_DATETIME_PATTERN)
    for param in ABSOLUTE + RELATIVE:
        assert pattern.match(param.values[1]), param.id


def test_never_raises_on_noise() -> None:
    rng = random.Random(20221229)
    pieces = [
        "29", "12", "2022", "/", "-", ".", ":", " ", ",", "21", "10", "00", "99", "Thứ", "năm",
        "tháng", "ngày", "lúc", "GMT", "+", "7", "Z", "T", "trước", "giờ", "Hôm qua", "SA", "CH",
        "(", ")", "[", "]", "|", "\u00a0", "\u0301", "0", "13", "32", "2100", "1990", "h",
    ]  # fmt: skip
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        value = parse_datetime(text, now=NOW)
        assert value is None or value.utcoffset() is not None, text


def test_doctests() -> None:
    results = doctest.testmod(dates, optionflags=doctest.ELLIPSIS)
    assert results.failed == 0
    assert results.attempted >= 8
