"""Cleaning rules on real-world lines, each from where it was seen (PORTALS.md, the seed)."""

from __future__ import annotations

import unicodedata

import pytest

from newscrawler.text import (
    is_boilerplate,
    normalize_space,
    parse_byline,
    strip_agency_prefix,
)

SEED_HEADLINE = (
    "Hội nghị toàn quốc tổng kết công tác tổ chức xây dựng Đảng năm 2022, "
    "triển khai nhiệm vụ năm 2023"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"(TTV) {SEED_HEADLINE}", SEED_HEADLINE, id="tuyenquangtv"),
        pytest.param(
            "(TTV) - Sáng nay, tại Thanh Hóa", "Sáng nay, tại Thanh Hóa", id="thanhhoa-tv"
        ),
        pytest.param("(BTN) - Sáng 30/12, tại xã", "Sáng 30/12, tại xã", id="baotayninh"),
        pytest.param("(BTNO)-Sáng 30.12, tại xã", "Sáng 30.12, tại xã", id="baotayninh-old"),
        pytest.param("(GLO)- Chiều 14/3, Sở Y tế", "Chiều 14/3, Sở Y tế", id="baogialai"),
        pytest.param("(QBĐT) - Chiều 5/1, UBND tỉnh", "Chiều 5/1, UBND tỉnh", id="baoquangbinh"),
        pytest.param("(kontumtv.vn) – Sáng nay", "Sáng nay", id="kontumtv"),
        pytest.param("BBK - Ngày 12/4, Hội Nông dân", "Ngày 12/4, Hội Nông dân", id="baobackan"),
        pytest.param("(Dân trí) - Hà Nội mưa to", "Hà Nội mưa to", id="dantri"),
        pytest.param("(NLĐO)-Thành phố triển khai", "Thành phố triển khai", id="nld"),
        pytest.param("VOV.VN - Sáng 3/1, Thủ tướng", "Sáng 3/1, Thủ tướng", id="vov"),
        pytest.param("TPO - Đoàn viên thanh niên", "Đoàn viên thanh niên", id="tienphong"),
        pytest.param("(VIDEO) Lũ về trong đêm", "(VIDEO) Lũ về trong đêm", id="label-kept"),
        pytest.param("(Ảnh minh họa) Nông dân", "(Ảnh minh họa) Nông dân", id="not-agency"),
        pytest.param("TTV hỗ trợ người dân", "TTV hỗ trợ người dân", id="bare-name-no-dash"),
    ],
)
def test_strip_agency_prefix(text: str, expected: str) -> None:
    assert strip_agency_prefix(text) == expected
    assert strip_agency_prefix(expected) == expected  # idempotent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sáng ngày 29/12, Ban Tổ chức\u00a0Trung ương. \u00a0",
            "Sáng ngày 29/12, Ban Tổ chức Trung ương.",
        ),
        ("\u00a0 \u00a0\u00a0 ", ""),
        ("Thủ\u200btướng", "Thủtướng"),
        ("Lê &amp; Trần &#7843; &quot;x&quot;", 'Lê & Trần ả "x"'),
        (unicodedata.normalize("NFD", "Hòa Bình thuỷ điện"), "Hòa Bình thuỷ điện"),
        ("hoà", "hoà"),  # old-style tone marks stay as published
    ],
)
def test_normalize_space(text: str, expected: str) -> None:
    result = normalize_space(text)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)
    assert normalize_space(result) == result


@pytest.mark.parametrize(
    "line",
    ["Banner", "Đọc báo in", "Tải ứng dụng", "Theo dõi Báo Tây Ninh trên google news",
     "Theo dõi Báo Gia Lai trên Google News", "Xem thêm", "Tin liên quan:", "Chia sẻ", "In bài",
     "Xem thêm: Gia Lai đón 1 triệu lượt khách"],
)  # fmt: skip
def test_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    ["Sáng ngày 29/12, Ban Tổ chức Trung ương tổ chức Hội nghị toàn quốc",
     "Xem thêm các hoạt động của tỉnh trong năm 2023 tại hội chợ.", "Tin liên quan đến dự án"],
)  # fmt: skip
def test_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "styled", "authors", "credits"),
    [
        pytest.param(" Thúy Hà – Hùng Sơn", False, ("Thúy Hà", "Hùng Sơn"), (), id="seed-en-dash"),
        pytest.param("Minh Thuận - Văn Tiến", False, ("Minh Thuận", "Văn Tiến"), (), id="hyphen"),
        pytest.param("NGỌC THU - ANH HUY", True, ("NGỌC THU", "ANH HUY"), (), id="gialai-caps"),
        pytest.param("HỒNG THI", True, ("HỒNG THI",), (), id="caps-single"),
        pytest.param("Bài, ảnh: Thanh Hải", True, ("Thanh Hải",), (), id="label"),
        pytest.param("Lan Anh và Quốc Việt", False, ("Lan Anh", "Quốc Việt"), (), id="va"),
        pytest.param("Theo TTXVN", True, (), ("TTXVN",), id="wire"),
        pytest.param("Nguồn: TTXVN", True, (), ("TTXVN",), id="nguon"),
        pytest.param("(Theo Báo Nhân Dân)", False, (), ("Báo Nhân Dân",), id="paren-credit"),
        pytest.param("Thanh Hải (Theo TTXVN)", False, ("Thanh Hải",), ("TTXVN",), id="both"),
    ],
)
def test_parse_byline(line: str, styled: bool, authors: tuple, credits: tuple) -> None:
    byline = parse_byline(line, styled=styled)
    assert byline is not None
    assert byline.authors == authors
    assert byline.credits == credits


@pytest.mark.parametrize(
    "line",
    [
        "Năm 2023 là năm bản lề có ý nghĩa quan trọng.",
        "Đồng chí Võ Văn Thưởng phát biểu chỉ đạo hội nghị",
        "BTNO",
        "Ảnh: minh họa",
        "Có 120 đại biểu dự",
        "PV",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None
