"""Text cleaning for Vietnamese news: whitespace, Unicode, agency prefixes, boilerplate, bylines.

Every function here is pure and idempotent: cleaning cleaned text changes nothing.
The vocabulary (prefixes, boilerplate lines, byline labels) is data, kept in module-level tables.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

#: Characters that take no space and are dropped: zero-width space, joiners, BOM, word joiner,
#: soft hyphen.
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_RE = re.compile(r"\s+")
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def normalize_space(text: str | None) -> str:
    """Return ``text`` in NFC with HTML entities decoded, invisible characters removed and every
    run of white space (U+00A0 included) made one space, stripped.

    >>> normalize_space("  Sáng\\u00a0ngày 29/12,\\u200b  Ban &amp; ngành ")
    'Sáng ngày 29/12, Ban & ngành'
    >>> normalize_space("hoa\\u0300") == "hoà"
    True
    """
    if not text:
        return ""
    if "&" in text:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text).strip()
    return unicodedata.normalize("NFC", text)


def normalize_lines(text: str | None) -> str:
    """Normalise each line of a multi-line text and drop empty lines.

    >>> normalize_lines("Một\\u00a0\\n\\n \\n  Hai ")
    'Một\\nHai'
    """
    if not text:
        return ""
    return "\n".join(line for line in map(normalize_space, text.split("\n")) if line)


# --- agency prefixes -------------------------------------------------------------------------

#: Agency names seen in parentheses at the start of headlines and leads (PORTALS.md).
AGENCY_NAMES = (
    "TTV", "BTN", "BTNO", "GLO", "QBĐT", "BĐT", "NLĐO", "PLO", "TTXVN", "VOV", "VTV", "Dân trí",
    "Dân Trí", "kontumtv.vn", "Chinhphu.vn", "baochinhphu.vn", "ĐCSVN", "CAND", "QĐND", "SGGP",
    "BBK", "HDO", "BĐK", "BĐL", "BQN", "BHT",
)  # fmt: skip
#: Upper-case words in parentheses that are labels, not agencies.
_NOT_AGENCIES = frozenset({"VIDEO", "CLIP", "ẢNH", "INFOGRAPHIC", "TRỰC TIẾP", "LIVE", "EMAGAZINE"})
#: Agency prefixes written without parentheses: ``VOV.VN -``, ``TPO -``, ``BBK -``.
_BARE_AGENCIES = ("VOV.VN", "TPO", "BBK", "VTV.vn", "Vietnam+", "VTC News", "ANTĐ", "GDVN")

_PAREN_PREFIX_RE = re.compile(r"^\(\s*([^()\n]{2,24}?)\s*\)\s*(?:[-–—:]\s*)?")
_BARE_PREFIX_RE = re.compile(
    r"^(?:{})\s*[-–—]\s+".format("|".join(re.escape(name) for name in _BARE_AGENCIES))
)
_ACRONYM_RE = re.compile(r"^[A-ZĐ][A-ZĐ0-9.]{1,11}$")
_DOMAIN_RE = re.compile(r"^[\w.-]+\.(?:vn|com|net|org)$", re.IGNORECASE)


def strip_agency_prefix(text: str) -> str:
    """Remove an agency prefix such as ``(TTV)``, ``(BTN) -`` or ``VOV.VN -`` from the start of
    ``text``.

    >>> strip_agency_prefix("(TTV) Hội nghị toàn quốc")
    'Hội nghị toàn quốc'
    >>> strip_agency_prefix("(BTNO)-Sáng 30.12, tại xã")
    'Sáng 30.12, tại xã'
    >>> strip_agency_prefix("(QBĐT) - Chiều 5/1")
    'Chiều 5/1'
    >>> strip_agency_prefix("(VIDEO) Lũ về")
    '(VIDEO) Lũ về'
    """
    match = _PAREN_PREFIX_RE.match(text)
    if match:
        name = match.group(1)
        if name in AGENCY_NAMES or (
            (_ACRONYM_RE.match(name) or _DOMAIN_RE.match(name)) and name not in _NOT_AGENCIES
        ):
            return text[match.end() :].lstrip()
        return text
    match = _BARE_PREFIX_RE.match(text)
    if match:
        return text[match.end() :].lstrip()
    return text


# --- boilerplate lines -----------------------------------------------------------------------

#: Whole lines that are page furniture, not text (compared case-insensitively, without a
#: trailing colon or ellipsis).
BOILERPLATE_LINES = frozenset(
    line.casefold()
    for line in (
        "Banner", "Đọc báo in", "Tải ứng dụng", "Xem thêm", "Tin liên quan", "Bài liên quan",
        "Chia sẻ", "In bài", "In", "Bình luận", "Gửi bình luận", "Ý kiến bạn đọc", "Quay lại",
        "Về trang chủ", "Lên đầu trang", "Tin cùng chuyên mục", "Đọc thêm", "Từ khóa", "Từ khoá",
        "Tags", "Tag", "Share", "Facebook", "Zalo", "Twitter", "Email", "Copy link", "Nghe",
        "Nghe bài viết", "Đọc nhiều", "Tin mới", "Tin khác", "Quảng cáo",
    )
)  # fmt: skip
_BOILERPLATE_RE = re.compile(
    r"^(?:theo dõi .{2,60} trên (?:kênh )?google news"
    r"|(?:xem thêm|tin liên quan|bài liên quan|đọc thêm)\s*[:>»]"
    r"|(?:mời (?:quý vị|bạn đọc) )?(?:xem|nghe) (?:video|clip)\s*:?$"
    r")",
    re.IGNORECASE,
)


def is_boilerplate(line: str) -> bool:
    """Tell whether a normalised line is page furniture rather than article text.

    >>> is_boilerplate("Theo dõi Báo Tây Ninh trên google news")
    True
    >>> is_boilerplate("Banner")
    True
    >>> is_boilerplate("Sáng ngày 29/12, Ban Tổ chức Trung ương tổ chức Hội nghị")
    False
    """
    key = line.casefold().rstrip(" :.…")
    return key in BOILERPLATE_LINES or bool(_BOILERPLATE_RE.match(line))


# --- bylines, credits and signatures ---------------------------------------------------------

#: Trailing signatures: a portal's short name standing alone at the end of a story.
SIGNATURES = frozenset({"BTNO", "BTN", "GLO", "TTV", "QBĐT", "BĐT", "BBK", "HDO"})
#: Labels that introduce the names in a byline (``Bài, ảnh: Thanh Hải``).
_BYLINE_LABEL_RE = re.compile(
    r"^(?:(?:by|tác giả)\s*:?\s+|(?:bài|tin|ảnh|video|clip|bài viết|thực hiện|nhóm phóng viên"
    r"|phóng viên|pv|ctv)(?:\s*(?:,|và|&|-|/)\s*(?:ảnh|video|clip|bài))?\s*:\s*)",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(
    r"^\(?\s*(?:theo|nguồn\s*:?|nguồn tin\s*:?|source\s*:)\s+(?P<source>[^()]{2,80}?)\s*\)?\s*\.?$",
    re.IGNORECASE,
)
# A hyphen between names has spaces around it ("Minh Thuận - Văn Tiến"); one without is
# part of a name ("Anne-Marie").
_NAME_SPLIT_RE = re.compile(r"\s*(?:[–—,;/&]|\s-\s|\b(?:và|and)\b)\s*")
#: Lower-case words that belong inside names in other languages ("Michelle de Oliveira").
_NAME_PARTICLES = frozenset({"de", "da", "do", "dos", "van", "von", "der", "den", "di", "du",
                             "la", "le", "bin", "al", "el", "ter", "zu"})  # fmt: skip
_NAME_WORD_RE = re.compile(r"^[^\W\d_][^\W\d_.'’-]*(?:[.'’-][^\W\d_]+)*\.?$")
_ABBREVIATION_NAMES = frozenset({"PV", "CTV", "BTV", "TTXVN", "PV.", "CTV."})


@dataclass(frozen=True)
class Byline:
    """What a byline line holds: author names and source credits."""

    authors: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()


def _looks_like_name(name: str, *, styled: bool) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) > 40 or name in _ABBREVIATION_NAMES:
        return False
    if (
        not all(
            _NAME_WORD_RE.match(word) and (word[0].isupper() or word in _NAME_PARTICLES)
            for word in words
        )
        or not words[0][0].isupper()
    ):
        return False
    # A single word is a name only when the page styles the line as a byline, or in capitals.
    return len(words) > 1 or styled or (name.isupper() and len(name) >= 3)


def parse_byline(line: str, *, styled: bool = False) -> Byline | None:
    """Read a line as a byline; ``None`` when it is not one.

    ``styled`` says the page marks the line as a byline (bold, right-aligned, a byline class),
    which lets single-word names through.

    >>> parse_byline("Thúy Hà – Hùng Sơn")
    Byline(authors=('Thúy Hà', 'Hùng Sơn'), credits=())
    >>> parse_byline("Bài, ảnh: Thanh Hải")
    Byline(authors=('Thanh Hải',), credits=())
    >>> parse_byline("Theo TTXVN")
    Byline(authors=(), credits=('TTXVN',))
    >>> parse_byline("Năm 2023 là năm bản lề có ý nghĩa quan trọng.") is None
    True
    """
    line = normalize_space(line).strip(" .")
    if not line or len(line) > 90:
        return None
    credit = _CREDIT_RE.match(line)
    if credit:
        return Byline(credits=(credit.group("source").strip(" ."),))
    if line in SIGNATURES:
        return None
    authors_part, credits = line, ()
    # "Hồng Thi (Theo TTXVN)" carries both.
    tail = re.search(r"\(([^()]+)\)$", line)
    if tail:
        inner = _CREDIT_RE.match(tail.group(1))
        if inner:
            credits = (inner.group("source").strip(" ."),)
            authors_part = line[: tail.start()].strip()
        elif re.fullmatch(r"[a-zđ.]{1,6}", tail.group(1)):
            # "Elena Oberholzer (obe)": an editor's short sign after the name.
            authors_part = line[: tail.start()].strip()
    authors_part = _BYLINE_LABEL_RE.sub("", authors_part, count=1)
    labelled = authors_part != line
    names = [n.strip(" .") for n in _NAME_SPLIT_RE.split(authors_part) if n.strip(" .")]
    if not names and credits:
        return Byline(credits=credits)
    if not names or not all(_looks_like_name(n, styled=styled or labelled) for n in names):
        return None
    return Byline(authors=tuple(names), credits=credits)


def is_signature(line: str) -> bool:
    """Tell whether a line is a portal's trailing signature (``BTNO``, ``GLO``).

    >>> is_signature("BTNO")
    True
    """
    return normalize_space(line).strip(" .()-") in SIGNATURES
