"""Vietnamese publication dates: turn a portal's date line into a timezone-aware datetime.

Policy, in order of importance:

* **A date line, not a document.** :func:`parse_datetime` reads one short line (at most
  :data:`MAX_LINE_LENGTH` characters after normalising). Longer text returns ``None``: a date
  quoted in a paragraph is never a publication date, so callers pass the text of the date element
  (``.pubdate``, ``time``, ``meta`` content), not a body.
* **Nothing but date words.** Besides the date and the time, the line may hold only labels
  (``Cập nhật:``), weekday words (ignored, even when they contradict the date), connectors
  (``lúc``, ``ngày``), a zone and punctuation, plus an optional leading section name: up to six
  capitalised words without digits, then a separator (``Thời sự - 21:10, 29/12/2022``) or,
  directly, a numeric date (``Thời sự 31-12-2022``). Anything else (a sentence around the date,
  a second date, a yearless date) returns ``None``.
* **Day first, always.** ``12/29/2022`` is the 12th of a 29th month: ``None``. Only a four-digit
  year written first (ISO ``2022-12-29``) is read year-first. Dotted dates (``29.12.2023``) and
  two-digit years are never accepted: on these portals they are dates quoted in body text.
* **Times are kept, zones honoured.** A date without a time is 00:00; text without a zone is in
  ``tz`` (Asia/Ho_Chi_Minh); an explicit zone (``GMT+7``, ``+07:00``, ``Z``, ``UTC``) gives a
  fixed offset. Impossible values return ``None``, never raise.
* **Relative forms** (``2 giờ trước``, ``Hôm qua 08:16``, ``vừa xong``) count back from ``now``.

The Vietnamese vocabulary lives in the module-level tables below (as dateparser keeps its ``vi``
data apart from its code); the regular expressions are compiled once from them at import.
"""

from __future__ import annotations

import calendar
import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "AGO_PREFIXES",
    "AGO_SUFFIXES",
    "CONNECTORS",
    "JUST_NOW",
    "LABELS",
    "MAX_LINE_LENGTH",
    "MAX_YEAR",
    "MERIDIEMS",
    "MIN_YEAR",
    "RELATIVE_DAYS",
    "RELATIVE_UNITS",
    "VN_TZ",
    "WEEKDAYS",
    "ZONE_NAMES",
    "parse_datetime",
    "to_iso",
]

try:
    #: The zone of every Vietnamese portal: Asia/Ho_Chi_Minh (+07:00, no daylight saving time).
    VN_TZ: tzinfo = ZoneInfo("Asia/Ho_Chi_Minh")
except ZoneInfoNotFoundError:  # pragma: no cover - only without a tz database (pip install tzdata)
    VN_TZ = timezone(timedelta(hours=7), "+07")

#: Longest text, after normalising, that is read as a date line; longer text returns ``None``.
MAX_LINE_LENGTH = 80
#: Accepted years; anything outside is a typo or a number that is not a year.
MIN_YEAR, MAX_YEAR = 1990, 2100

# --- vocabulary (lower case, NFC; a space matches any run of white space, or none) ------------

#: Weekday words, mapped to :meth:`datetime.weekday` (Monday is 0). They are recognised so that
#: they can be skipped; the date itself decides the day.
WEEKDAYS: dict[str, int] = {
    "thứ hai": 0, "thứ ba": 1, "thứ tư": 2, "thứ năm": 3, "thứ sáu": 4, "thứ bảy": 5,
    "thứ bẩy": 5, "chủ nhật": 6,
    "thứ 2": 0, "thứ 3": 1, "thứ 4": 2, "thứ 5": 3, "thứ 6": 4, "thứ 7": 5,
    "t2": 0, "t3": 1, "t4": 2, "t5": 3, "t6": 4, "t7": 5, "cn": 6,
}  # fmt: skip
#: Labels written before a date: ``Cập nhật: …``, ``Ngày đăng: …``, ``Đăng lúc …``.
LABELS: tuple[str, ...] = (
    "cập nhật lúc", "cập nhật", "ngày cập nhật", "lần cập nhật cuối",
    "ngày đăng", "đăng lúc", "đăng ngày", "đăng vào", "đăng", "thời gian đăng", "thời gian",
    "ngày xuất bản", "xuất bản lúc", "xuất bản", "ngày phát hành", "phát hành",
)  # fmt: skip
#: Small words joining the parts of a date line: ``21:10 ngày 29/12/2022``, ``… lúc 21:10``.
CONNECTORS: tuple[str, ...] = ("vào lúc", "lúc", "vào", "ngày")
#: Days counted back from today: ``Hôm qua 08:16``.
RELATIVE_DAYS: dict[str, int] = {"hôm nay": 0, "hôm qua": 1, "hôm kia": 2}
#: Words meaning "just now".
JUST_NOW: tuple[str, ...] = ("vừa xong", "vừa đăng", "mới đăng")
#: Units of ``N <unit> trước`` as (``timedelta`` keyword or ``"months"``, multiplier).
RELATIVE_UNITS: dict[str, tuple[str, int]] = {
    "giây": ("seconds", 1), "phút": ("minutes", 1), "giờ": ("hours", 1), "tiếng": ("hours", 1),
    "ngày": ("days", 1), "tuần": ("weeks", 1), "tháng": ("months", 1), "năm": ("months", 12),
}  # fmt: skip
#: ``N <unit> trước`` ("N units ago") and ``cách đây N <unit>`` ("N units from here").
AGO_SUFFIXES: tuple[str, ...] = ("trước",)
AGO_PREFIXES: tuple[str, ...] = ("cách đây",)
#: Markers written after a time: ``True`` for afternoon (add 12 hours), ``False`` for morning.
MERIDIEMS: dict[str, bool] = {
    "am": False, "sa": False, "sáng": False, "pm": True, "ch": True, "chiều": True, "tối": True,
}  # fmt: skip
#: Zone names, as offsets in hours, that may carry an explicit offset: ``GMT+7``, ``UTC``.
ZONE_NAMES: dict[str, int] = {"gmt": 0, "utc": 0}

# --- compiled patterns -------------------------------------------------------------------------


def _words(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (longest first), each a whole word."""
    parts = sorted(set(words), key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in parts)
    return rf"(?<!\w)(?:{alternation})(?!\w)"


_D = "[0-9]"
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_RE = re.compile(r"\s+")
#: The ``T`` between date and time in ISO-8601 (lower-cased by then).
_ISO_T_RE = re.compile(rf"(?<={_D})t(?={_D})")
_WEEKDAY_RE = re.compile(_words(WEEKDAYS))
_VOCAB_RE = re.compile(_words(LABELS + CONNECTORS))
_JUST_NOW_RE = re.compile(_words(JUST_NOW))
_REL_DAY_RE = re.compile(f"({_words(RELATIVE_DAYS)})")
_AGO_RE = re.compile(
    rf"(?<!\w)({_words(AGO_PREFIXES)}\s*)?({_D}{{1,4}})\s*({_words(RELATIVE_UNITS)})"
    rf"(\s*{_words(AGO_SUFFIXES)})?"
)
#: Day-first numeric date: ``29/12/2022``, ``4/1/2023``, ``31-12-2022`` (one separator kind).
_DMY_RE = re.compile(
    rf"(?<![\w/.])(?P<d>{_D}{{1,2}})(?P<sep>[/-])(?P<m>{_D}{{1,2}})(?P=sep)(?P<y>{_D}{{4}})(?![\w/])"
)
#: Year-first date (ISO-8601 and ``2022/12/29``).
_YMD_RE = re.compile(
    rf"(?<![\w/.])(?P<y>{_D}{{4}})(?P<sep>[/-])(?P<m>{_D}{{1,2}})(?P=sep)(?P<d>{_D}{{1,2}})(?![\w/])"
)
#: Long form: ``29 tháng 12 năm 2022``, ``29 Tháng 12 2022``, ``29 tháng 12, 2022``.
_LONG_RE = re.compile(
    rf"(?<!\w)(?P<d>{_D}{{1,2}})\s*tháng\s*(?P<m>{_D}{{1,2}})\s*(?:[,/]\s*)?(?:năm\s*)?"
    rf"(?P<y>{_D}{{4}})(?!\w)"
)
#: ``21:10``, ``21:10:05.123``, ``21h10``, ``21h``, with an ISO offset glued on (``+07:00``, ``Z``).
_TIME_RE = re.compile(
    rf"(?<![\w:.])({_D}{{1,2}})(?::({_D}{{2}})(?::({_D}{{2}})(?:[.,]{_D}+)?)?|h({_D}{{2}})?)"
    rf"(?:\s?(z|[+-]{_D}{{2}}(?::?{_D}{{2}})?))?(?![\w:])"
)
_ZONE_RE = re.compile(
    rf"(?<!\w)({'|'.join(ZONE_NAMES)})(?:\s*([+-])\s*({_D}{{1,2}})(?::?({_D}{{2}}))?)?(?!\w)"
)
_RELATIVE_DAYS = {word.replace(" ", ""): days for word, days in RELATIVE_DAYS.items()}
_MERIDIEM_RE = re.compile(rf"\s*({_words(MERIDIEMS)})")
_OFFSET_RE = re.compile(rf"([+-])({_D}{{2}}):?({_D}{{2}})?")
#: Punctuation allowed around the parts of a date line.
_PUNCT = ",;:.\\-\u2013\u2014|/()\\[\\]"
_TAIL_RE = re.compile(f"[\x01-\x04\\s{_PUNCT}]*")
#: A section name before the date: letters, spaces, and ``-`` ``–`` ``&`` between words.
_SECTION_RE = re.compile(r"[^\W\d_]+(?:(?:\s+|\s*[-\u2013&]\s*)[^\W\d_]+){0,5}")
_SECTION_SEPARATORS = "-\u2013\u2014|:"
_MAX_SECTION_LENGTH = 40

# Sentinels written over the recognised parts of the line.
_DATE, _WORD, _TIME, _RELATIVE = "\x01", "\x02", "\x03", "\x04"
_SENTINEL_RE = re.compile("[\x01-\x04]")


def _normalize(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
    return _SPACE_RE.sub(" ", text).strip()


def _lower(line: str) -> str:
    """Lower case with one character per character, so positions match ``line``."""
    low = line.lower()
    if len(low) != len(line):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in line)
    return low


def _local_now(now: datetime | None, tz: tzinfo) -> datetime:
    if now is None:
        return datetime.now(tz)
    if now.tzinfo is None:
        return now.replace(tzinfo=tz)
    return now.astimezone(tz)


def _minus_months(dt: datetime, months: int) -> datetime:
    year, month0 = divmod(dt.year * 12 + dt.month - 1 - months, 12)
    day = min(dt.day, calendar.monthrange(year, month0 + 1)[1])
    return dt.replace(year=year, month=month0 + 1, day=day)


def _offset(sign: str, hours: str, minutes: str | None) -> timezone | None:
    h, m = int(hours), int(minutes or 0)
    if h > 14 or m > 59:
        return None
    delta = timedelta(hours=h, minutes=m)
    return timezone(-delta if sign == "-" else delta)


def _shape_ok(line: str, s: str) -> bool:
    """Whether ``s`` (``line`` with its known parts blanked) holds only punctuation and at most a
    leading section name."""
    first = _SENTINEL_RE.search(s)
    if first is None or not _TAIL_RE.fullmatch(s, first.start()):
        return False
    head = s[: first.start()]
    name = head.strip()
    if not name:
        return True
    separated = name[-1] in _SECTION_SEPARATORS
    name = name.rstrip(_SECTION_SEPARATORS + " ")
    lead = len(head) - len(head.lstrip())
    return (
        len(name) <= _MAX_SECTION_LENGTH
        and _SECTION_RE.fullmatch(name) is not None
        and line[lead].isupper()
        # Without a separator, only a numeric date may follow: ``Thời sự 31-12-2022``.
        and (separated or first.group() == _DATE)
    )


@dataclass
class _Parts:
    """The parts of a date line found so far; ``s`` is the line with those parts blanked."""

    s: str
    ymd: tuple[int, int, int] | None = None
    rel_days: int | None = None
    ago: tuple[str, int] | None = None
    hour: int = 0
    minute: int = 0
    second: int = 0
    has_time: bool = False
    zone: tzinfo | None = None

    def take(self, m: re.Match[str], sentinel: str) -> None:
        start, end = m.span()
        self.s = self.s[:start] + sentinel * (end - start) + self.s[end:]

    def take_date(self) -> bool:
        """Exactly one of: a date, a relative day, ``N <unit> trước``, ``vừa xong``."""
        found = 0
        for m in _AGO_RE.finditer(self.s):
            if m.group(1) or m.group(4):
                unit, factor = RELATIVE_UNITS[m.group(3)]
                self.ago, found = (unit, int(m.group(2)) * factor), found + 1
                self.take(m, _RELATIVE)
                break
        if m := _JUST_NOW_RE.search(self.s):
            self.ago, found = ("seconds", 0), found + 1
            self.take(m, _RELATIVE)
        if m := _REL_DAY_RE.search(self.s):
            self.rel_days, found = _RELATIVE_DAYS[m.group(1).replace(" ", "")], found + 1
            self.take(m, _RELATIVE)
        if m := _YMD_RE.search(self.s) or _DMY_RE.search(self.s) or _LONG_RE.search(self.s):
            year, month, day = (int(g) for g in m.group("y", "m", "d"))
            self.ymd, found = (year, month, day), found + 1
            self.take(m, _DATE)
        return found == 1

    def take_time(self) -> bool:
        """An optional time, with an ISO offset glued on and a morning/afternoon word after."""
        m = _TIME_RE.search(self.s)
        if m is None:
            return True
        if self.ago is not None:
            return False
        self.has_time = True
        self.hour, self.minute = int(m.group(1)), int(m.group(2) or m.group(4) or 0)
        self.second = int(m.group(3) or 0)
        if offset := m.group(5):
            if offset == "z":
                self.zone = UTC
            elif (o := _OFFSET_RE.fullmatch(offset)) and (zone := _offset(*o.groups())):
                self.zone = zone
            else:
                return False
        self.take(m, _TIME)
        if mer := _MERIDIEM_RE.match(self.s, m.end()):
            afternoon = MERIDIEMS[mer.group(1)]
            if (self.hour > 12 and not afternoon) or self.hour == 0:
                return False
            self.hour = self.hour % 12 + (12 if afternoon else 0)
            self.take(mer, _TIME)
        return True

    def take_zone(self) -> bool:
        """An optional named zone: ``GMT+7``, ``(GMT+07:00)``, ``UTC``."""
        m = _ZONE_RE.search(self.s)
        if m is None:
            return True
        if self.zone is not None:
            return False
        if m.group(2):
            self.zone = _offset(*m.group(2, 3, 4))
        else:
            self.zone = timezone(timedelta(hours=ZONE_NAMES[m.group(1)]))
        self.take(m, _TIME)
        return self.zone is not None

    def build(self, now: datetime | None, tz: tzinfo) -> datetime:
        """The datetime; raises ``ValueError`` or ``OverflowError`` for impossible values."""
        if self.ago is not None:
            unit, amount = self.ago
            dt = _local_now(now, tz).replace(microsecond=0)
            if unit == "months":
                return _minus_months(dt, amount)
            return dt - timedelta(**{unit: amount})
        if self.ymd is None:
            d = _local_now(now, tz).date() - timedelta(days=self.rel_days or 0)
            self.ymd = (d.year, d.month, d.day)
        year, month, day = self.ymd
        return datetime(
            year, month, day, self.hour, self.minute, self.second, tzinfo=self.zone or tz
        )


def parse_datetime(
    text: str, *, now: datetime | None = None, tz: tzinfo = VN_TZ
) -> datetime | None:
    """Parse a Vietnamese date line into an aware datetime, or ``None`` if it holds no date.

    ``now`` anchors relative forms (default: the current time; naive means in ``tz``); ``tz`` is
    the zone of text that names none. See the module docstring for the policy.

    >>> to_iso(parse_datetime("21:10, 29/12/2022"))
    '2022-12-29T21:10:00+07:00'
    >>> to_iso(parse_datetime("Thứ tư, 4/1/2023, 09:05 (GMT+7)"))
    '2023-01-04T09:05:00+07:00'
    >>> to_iso(parse_datetime("Thứ Năm, ngày 29 tháng 12 năm 2022"))
    '2022-12-29T00:00:00+07:00'
    >>> to_iso(parse_datetime("2023-03-14T01:35:00Z"))
    '2023-03-14T01:35:00+00:00'
    >>> to_iso(parse_datetime("Hôm qua 08:16", now=datetime(2023, 3, 14, 10, 0)))
    '2023-03-13T08:16:00+07:00'
    >>> parse_datetime("12/29/2022") is None  # day first: there is no 29th month
    True
    >>> parse_datetime("Theo quyết định ngày 29.12.2023 của UBND tỉnh") is None
    True
    """
    if not text:
        return None
    line = _normalize(text)
    if not line or len(line) > MAX_LINE_LENGTH:
        return None
    parts = _Parts(_ISO_T_RE.sub(" ", _lower(line)))
    for m in _WEEKDAY_RE.finditer(parts.s):
        parts.take(m, _WORD)
    if not (parts.take_date() and parts.take_time() and parts.take_zone()):
        return None
    if not _shape_ok(line, _VOCAB_RE.sub(lambda w: _WORD * len(w.group()), parts.s)):
        return None
    try:
        dt = parts.build(now, tz)
    except (ValueError, OverflowError):
        return None
    return dt if MIN_YEAR <= dt.year <= MAX_YEAR else None


def to_iso(dt: datetime) -> str:
    """Format an aware datetime as ISO-8601 with seconds and a ``+HH:MM`` zone.

    >>> to_iso(datetime(2022, 12, 29, 21, 10, tzinfo=VN_TZ))
    '2022-12-29T21:10:00+07:00'
    >>> to_iso(datetime(2022, 12, 29, 21, 10))
    Traceback (most recent call last):
    ...
    ValueError: to_iso() needs an aware datetime, got naive 2022-12-29 21:10:00; \
attach a zone with dt.replace(tzinfo=VN_TZ) or parse it with parse_datetime()
    """
    if dt.utcoffset() is None:
        raise ValueError(
            f"to_iso() needs an aware datetime, got naive {dt}; attach a zone with "
            "dt.replace(tzinfo=VN_TZ) or parse it with parse_datetime()"
        )
    return dt.isoformat(timespec="seconds")
