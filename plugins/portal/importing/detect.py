"""Recognise the parts of a Vietnamese news article in plain lines of text.

Dates in the forms Vietnamese portals print (``15/01/2025``, ``15-01-2025
16:17``, ``23.10.2024 | 16:17 PM``, ``Thứ Tư, 15/01/2025 16:17 (GMT+7)``,
``ngày 15 tháng 1 năm 2025``, ``11 October 2023``, ISO), leads that give only
a day (``Chiều 15/01, …``, ``Ngày 13-7, …``), bylines, ``Nguồn:`` lines, photo
credits (``Ảnh: Mai Hoa``) and keyword lines.

These are regular expressions rather than a general date parser on purpose:
a general parser fills a missing year with the current one, and the importer
must never invent a date. Day-first is the only order Vietnamese portals use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from urllib.parse import urlsplit

from portal.reading.dates import VIETNAM

_MONTHS_EN = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
            ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
            ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_EN = "|".join(sorted(_MONTHS_EN, key=len, reverse=True))

_TIME = (
    r"(?P<hour>\d{1,2})\s*(?::|h|g|giờ)\s*(?P<minute>\d{2})(?:\s*:\s*\d{2})?"
    r"(?:\s*(?P<ampm>(?i:am|pm|sa|ch))\b)?"
)
_TIME_RE = re.compile(r"(?<![\d:])" + _TIME + r"(?![\d:])")
_FULL_DATE_PATTERNS = [
    # 15/01/2025, 15-01-2025, 23.10.2024 (the same separator twice)
    re.compile(r"(?<![\d/.\-])(?P<day>\d{1,2})\s?(?P<sep>[/.\-])\s?(?P<month>\d{1,2})\s?(?P=sep)\s?(?P<year>\d{4})(?![\d/.\-]\d)"),
    # 2025-01-15, 2025-01-15T16:17:00+07:00
    re.compile(
        r"(?<![\d/.\-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
        r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?(?P<zone>Z|[+-]\d{2}:?\d{2})?)?(?![\d/.\-])"
    ),
    # ngày 15 tháng 1 năm 2025, 15 tháng 01, 2025
    re.compile(r"(?i:ngày\s+)?(?P<day>\d{1,2})\s+(?i:tháng)\s+(?P<month>\d{1,2})\s*(?:(?i:năm)|,|/)\s*(?P<year>\d{4})(?!\d)"),
    # 11 October 2023, 11th Oct. 2023
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month_name>(?i:{_MONTH_EN}))\.?,?\s+(?P<year>\d{{4}})(?!\d)"),
    # October 11, 2023
    re.compile(rf"(?<![A-Za-z])(?P<month_name>(?i:{_MONTH_EN}))\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)"),
]
# A day and month without a year, as the first words of a lead.
_PARTIAL_DATE = r"\(?(?P<day>\d{1,2})\s?(?P<sep>[/.\-])\s?(?P<month>\d{1,2})\)?(?!\s?[/.\-]?\s?\d)"
_PARTIAL_DATE_WORDS = r"(?P<day>\d{1,2})\s+(?i:tháng)\s+(?P<month>\d{1,2})(?!\s*(?:(?i:năm)|,|/)\s*\d)"
_WHEN = r"(?:(?i:rạng\s+)?(?i:sáng|trưa|chiều|tối|đêm|ngày|hôm)(?:\s+(?i:nay|qua|mai))?)"
# "(MGO) - ", "MGO - ", "TTXVN - " in front of a lead
_AGENCY = r"(?:\(\s*[^()\n]{1,25}\)\s*[-–—:]?\s*|[A-ZĐ][A-ZĐa-z.]{1,10}\s*[-–—]\s+)?"
_LEAD_RE = re.compile(
    r"^\W{0,3}" + _AGENCY + r"(?P<when>" + _WHEN + r")\s+(?:(?i:ngày)\s+)?"
    r"(?:" + _PARTIAL_DATE + r"|" + _PARTIAL_DATE_WORDS.replace("day", "wday").replace("month", "wmonth") + r")"
    r"(?=\s*[,;:]|\s+(?i:tại|vừa|đã|,))"
)
_LEAD_FULL_RE = re.compile(r"^\W{0,3}" + _AGENCY + r"(?P<when>" + _WHEN + r")\s+(?:(?i:ngày)\s+)?\(?")
# Where a headline run into its lead splits: "… giai đoạn mới Sáng 31/10, Ban …"
_LEAD_SPLIT_RE = re.compile(
    r"\s(?=(?:Rạng sáng|Sáng|Trưa|Chiều|Tối|Đêm|Ngày|Hôm nay|Sáng nay|Chiều nay|Tối nay|Hôm qua)"
    r"\s+(?:ngày\s+)?\(?\d{1,2}\s?[/.\-]\s?\d{1,2}\b)"
)

_DATE_LINE_WORDS = re.compile(
    r"(?<!\w)(?i:ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+xuất\s+bản|xuất\s+bản|thời\s+gian\s+đăng|thời\s+gian|"
    r"cập\s+nhật\s+lúc|cập\s+nhật|cập\s+nhật\s+ngày|ngày|đăng|lúc|vào|date|published|posted|updated|on|at|"
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"\(?gmt\s*\+\s*0?7(?::?00)?\)?|\(?utc\s*\+\s*0?7\)?|am|pm|sa|ch)(?!\w)"
)
_UPDATED_LABEL = re.compile(r"(?i:cập\s+nhật|updated|sửa\s+lúc|chỉnh\s+sửa)")

_YEAR_RANGE = range(1945, 2101)


@dataclass(frozen=True)
class FoundDate:
    """A date read from the text; ``year`` is None when the text gave only day and month."""

    day: int
    month: int
    year: int | None = None
    hour: int | None = None
    minute: int | None = None
    text: str = ""

    def with_year(self, year: int) -> FoundDate:
        return replace(self, year=year)

    @property
    def complete(self) -> bool:
        return self.year is not None

    def front_matter(self) -> str:
        """As the front matter writes it: ``2025-01-15 16:17`` or ``2025-01-15``."""
        assert self.year is not None
        value = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour is not None and self.minute is not None:
            value += f" {self.hour:02d}:{self.minute:02d}"
        return value


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        date(year if year is not None else 2024, month, day)  # 2024: 29/02 is a day
    except ValueError:
        return False
    return year is None or year in _YEAR_RANGE


def _hour(hour: int, ampm: str | None) -> int:
    marker = (ampm or "").lower()
    if marker in ("pm", "ch") and hour < 12:
        return hour + 12
    if marker in ("am", "sa") and hour == 12:
        return 0
    return hour


def _time_near(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A time printed right after the date (``| 16:17``, ``lúc 16h17``) or right before it (``16:17 15/01/2025``)."""
    after = re.match(r"\s*(?:[|,\-–—]\s*)?(?:(?i:lúc|vào\s+lúc)\s*)?" + _TIME + r"(?![\d:])", text[end : end + 30])
    if after is None:
        before = re.search(_TIME + r"\s*(?:[|,\-–—]\s*)?(?:(?i:ngày)\s*)?$", text[max(0, start - 30) : start])
        match = before
    else:
        match = after
    if match is None:
        return None
    hour, minute = _hour(int(match.group("hour")), match.group("ampm")), int(match.group("minute"))
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def find_full_dates(text: str) -> list[tuple[FoundDate, int, int]]:
    """Every complete date in ``text`` (with its time when one is printed beside it), with its span."""
    found: list[tuple[FoundDate, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _FULL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = match.groupdict()
            month = _MONTHS_EN[groups["month_name"].lower()] if groups.get("month_name") else int(groups["month"])
            day, year = int(groups["day"]), int(groups["year"])
            if not _valid(day, month, year):
                continue
            hour = minute = None
            if groups.get("hour") is not None:
                moment = datetime(year, month, day, int(groups["hour"]), int(groups["minute"]))
                if groups.get("zone"):
                    zone = groups["zone"].replace("Z", "+00:00")
                    if ":" not in zone:
                        zone = zone[:3] + ":" + zone[3:]
                    moment = datetime.fromisoformat(moment.isoformat() + zone).astimezone(VIETNAM)
                year, month, day, hour, minute = moment.year, moment.month, moment.day, moment.hour, moment.minute
            else:
                near = _time_near(text, start, end)
                if near is not None:
                    hour, minute = near
            taken.append((start, end))
            found.append((FoundDate(day, month, year, hour, minute, text=match.group(0).strip()), start, end))
    return sorted(found, key=lambda item: item[1])


def date_line(text: str) -> tuple[FoundDate, bool] | None:
    """A line that is only a date (``Thứ Tư, 15/01/2025 16:17 (GMT+7)``, ``Cập nhật: 15-01-2025``).

    Returns the date and whether the line labels it as an update, or None when
    the line says more than a date (a sentence that mentions one).
    """
    if len(text) > 120:
        return None
    dates = find_full_dates(text)
    if len(dates) != 1:
        return None
    found, start, end = dates[0]
    rest = text[:start] + " " + text[end:]
    rest = _TIME_RE.sub(" ", rest)
    rest = _DATE_LINE_WORDS.sub(" ", rest)
    words = re.findall(r"[^\W\d_]{2,}", rest)
    if len(words) > 2:
        return None
    return replace(found, text=text.strip()), bool(_UPDATED_LABEL.search(text))


def leading_date(text: str) -> tuple[FoundDate, str] | None:
    """A date printed in front of the text of a long line (``date 2025-10-31 Thời sự …``): the date and the rest."""
    label = re.match(r"^\W{0,3}(?i:date|ngày\s+đăng|ngày|đăng\s+ngày|published|cập\s+nhật)?\s*[:\-]?\s*", text)
    offset = label.end() if label else 0
    dates = find_full_dates(text[offset : offset + 40])
    if not dates or dates[0][1] != 0:
        return None
    found, _, end = dates[0]
    end += offset
    time_after = re.match(r"\s*(?:[|,\-–—]\s*)?" + _TIME + r"(?![\d:])(?:\s*\(?(?i:gmt)\s*\+\s*7\)?)?", text[end:])
    if time_after and found.hour is not None:
        end += time_after.end()
    rest = text[end:].lstrip(" |,-–—:")
    return replace(found, text=text[:end].strip()), rest


def lead_date(text: str) -> FoundDate | None:
    """The day a lead starts with: ``Chiều 15/01, …`` (no year), ``Ngày 13-7, …``, ``Sáng 15/1/2025, …``."""
    match = _LEAD_FULL_RE.match(text)
    if match:
        # A complete date at the start of the lead.
        dates = find_full_dates(text[match.end() : match.end() + 40])
        if dates and dates[0][1] == 0:
            found = dates[0][0]
            return replace(found, hour=None, minute=None, text=text[: match.end() + dates[0][2]].strip())
    match = _LEAD_RE.match(text)
    if match is None:
        return None
    day = int(match.group("day") or match.group("wday"))
    month = int(match.group("month") or match.group("wmonth"))
    if not _valid(day, month, None):
        return None
    return FoundDate(day, month, None, text=match.group(0).strip())


def is_lead(text: str) -> bool:
    """Whether a paragraph opens the way a sapo does, with the day of the event."""
    return lead_date(text) is not None


def split_title_lead(text: str) -> tuple[str, str] | None:
    """A headline run into its lead on one line: ``… giai đoạn mới Sáng 31/10, Ban …`` → (headline, lead)."""
    for match in _LEAD_SPLIT_RE.finditer(text):
        title, lead = text[: match.start()].strip(), text[match.end() :].strip()
        if 10 <= len(title) <= 250 and not re.search(r"[.;:]$", title) and is_lead(lead):
            return title, lead
    return None


def looks_like_title(text: str) -> bool:
    """A headline: one sentence, not too long, not ending like a sentence of the body."""
    text = text.strip()
    if not 8 <= len(text) <= 250 or len(text.split()) < 2:
        return False
    if re.search(r"(?<!\.\.)\.$", text):
        return False
    for match in _SENTENCE_BREAK.finditer(text):
        if not _ABBREVIATION.match(match.group(1)):
            return False  # two sentences: a paragraph, not a headline
    return not is_lead(text)


_SENTENCE_BREAK = re.compile(r"(\S+)[.!?]\s+[A-ZĐ]")
# "TP. Hồ Chí Minh", "PGS.TS. Nguyễn…", "St. Petersburg": a full stop that ends no sentence.
_ABBREVIATION = re.compile(r"^(?:[A-ZĐ][A-Za-zĐđ]{0,3}|[A-ZĐ.]+)$")


# -- byline, source, captions, tags -------------------------------------------

_AUTHOR_LABEL = re.compile(
    r"^\W{0,2}(?i:tác\s+giả|người\s+viết|bài\s+và\s+ảnh|bài,\s*ảnh|bài\s+và|tin\s+và\s+ảnh|tin,\s*ảnh|"
    r"bài|thực\s+hiện|phóng\s+viên|author|by)\s*[:：]\s*(?P<name>.{2,100}?)\W{0,2}$"
)
_INITIALS = re.compile(r"^[A-ZĐ]{1,4}(?:\.[A-ZĐ]{1,4})*\.?$")
_BYLINE_GROUPS = {"nhóm pv", "nhóm phóng viên", "pv", "ctv", "btv", "phóng viên", "pv-ctv", "ban biên tập"}


def _is_name(part: str) -> bool:
    words = part.split()
    if _INITIALS.match(part.replace(" ", "")) and len(part) <= 12:
        return True
    return 2 <= len(words) <= 5 and all(_is_name_word(word) for word in words)


def _is_name_word(word: str) -> bool:
    return word[0].isupper() and all(c.isalpha() or c in "'’.-" for c in word)


def looks_like_byline(text: str) -> bool:
    """``Quang Minh, Ban Tuyên giáo Tỉnh ủy``, ``Nguyễn Cường``, ``NN``, ``Minh Anh - Thu Hà``, ``Nhóm PV``."""
    text = text.strip().strip("-–—()[] ").strip()
    if not text or len(text) > 90 or re.search(r"[!?;:…]$", text) or len(text.split()) > 14:
        return False
    if text.casefold() in _BYLINE_GROUPS:
        return True
    if text.endswith(".") and not _INITIALS.match(text.replace(" ", "")):
        return False
    head, _, org = text.partition(",")
    if org and len(org.split()) > 10:
        return False
    head = re.sub(r"\s*\(.*\)$", "", head)
    names = re.split(r"\s+[-–—&]\s+|\s+và\s+|\s*/\s*", head)
    return all(_is_name(name.strip()) for name in names if name.strip()) and any(n.strip() for n in names)


def author_from_label(text: str) -> str | None:
    """``Tác giả: Mai Hoa``, ``Bài và ảnh: Quang Minh`` → the name."""
    match = _AUTHOR_LABEL.match(text.strip())
    return match.group("name").strip() if match else None


_URL = re.compile(r"https?://[^\s)\]>\"']+")
_SOURCE_LABEL = re.compile(r"^\W{0,2}(?i:nguồn\s+tin|nguồn\s+bài|nguồn|source)\s*[:：]\s*(?P<rest>.+?)[\s)\].]*$")
_SOURCE_THEO = re.compile(r"^\(?\s*(?i:theo)\s+(?P<rest>[^,;:!?]{2,80}?)\s*\)?\.?$")


def source_line(text: str) -> tuple[str, str] | None:
    """``Nguồn: Báo Minh Giang``, ``(Theo TTXVN)``, ``Nguồn: https://…`` → (name, url); either may be empty."""
    text = text.strip()
    match = _SOURCE_LABEL.match(text)
    rest = match.group("rest") if match else None
    if rest is None:
        match = _SOURCE_THEO.match(text)
        if match is None:
            return None
        rest = match.group("rest")
        words = rest.split()
        if len(words) > 8 or not words[0][:1].isupper():
            return None
    url_match = _URL.search(rest)
    url = url_match.group(0).rstrip(".,;") if url_match else ""
    name = _URL.sub(" ", rest) if url else rest
    name = re.sub(r"[()\[\]]", " ", name)
    name = re.sub(r"\s+[-–—|:]\s*$|^\s*[-–—|:]\s+", " ", name)
    name = " ".join(name.split()).strip(" -–—|:,.")
    if not name and not url:
        return None
    return name, url


def url_line(text: str) -> str | None:
    """A line that is only a web address."""
    text = text.strip().strip("()<>[]")
    return text if _URL.fullmatch(text) and urlsplit(text).netloc else None


_CREDIT = re.compile(
    r"(?:^|[\s.(\[–—-])\(?(?:Ảnh|ẢNH|Ảnh minh họa|Ảnh minh hoạ|Ảnh tư liệu|Nguồn ảnh|Ảnh chụp màn hình|Photo)"
    r"(?:\s*[:：]\s*[^\s].{0,80}|\s*)\)?\.?\s*$"
)
_CREDIT_ONLY = re.compile(r"^\(?\s*(?:Ảnh|ẢNH|Nguồn ảnh|Photo)\s*[:：]\s*[^\s].{0,80}\)?\.?$")


def is_caption(text: str) -> bool:
    """A photo caption with its credit: ``… tham gia hội nghị. Ảnh: Mai Hoa``, ``(Ảnh minh họa)``."""
    text = text.strip()
    if not text or len(text) > 320:
        return False
    match = _CREDIT.search(text)
    if match is None:
        return False
    # "Ảnh minh họa" alone must stand at the end, as a credit does, not open a sentence.
    credit = match.group(0)
    return ":" in credit or "：" in credit or text.rstrip(").").endswith(("minh họa", "minh hoạ", "tư liệu"))


def is_credit_only(text: str) -> bool:
    """A line that is only a photo credit (``Ảnh: Mai Hoa``)."""
    return bool(_CREDIT_ONLY.match(text.strip()))


_TAGS_LABEL = re.compile(r"^\W{0,2}(?i:từ\s+khóa|từ\s+khoá|tags?|thẻ|chủ\s+đề|keywords?)\s*[:：]\s*(?P<rest>.+)$")
_HASHTAGS = re.compile(r"^(?:#[^\s#]+\s*){1,15}$")


def tags_line(text: str) -> list[str] | None:
    """``Từ khóa: Lào, hợp tác biên giới`` or ``#Lào #HợpTác`` → the tags."""
    text = text.strip()
    match = _TAGS_LABEL.match(text)
    if match:
        items = re.split(r"\s*[,;|]\s*|\s+#", match.group("rest"))
    elif _HASHTAGS.match(text):
        items = [item.replace("_", " ") for item in text.split("#")]
    else:
        return None
    tags: list[str] = []
    for item in items:
        item = item.strip(" #.")
        if item and len(item) <= 60 and item not in tags:
            tags.append(item)
    return tags or None


# -- dates from where the file is -------------------------------------------

_FOLDER_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_NAME_DATE = re.compile(r"^(?P<year>(?:19|20)\d{2})[-_.]?(?P<month>\d{2})[-_.]?(?P<day>\d{2})(?!\d)")
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def year_from_folders(parts: tuple[str, ...]) -> tuple[int, str] | None:
    """A folder named exactly as a year (``export/2024/…``), nearest first."""
    for part in reversed(parts):
        if _FOLDER_YEAR.match(part) and int(part) in _YEAR_RANGE:
            return int(part), part
    return None


def date_from_name(stem: str) -> FoundDate | None:
    """A file name that starts with its date (``2025-01-15-don-doan``, ``20250115_tin``)."""
    match = _NAME_DATE.match(stem)
    if match is None:
        return None
    day, month, year = int(match.group("day")), int(match.group("month")), int(match.group("year"))
    return FoundDate(day, month, year, text=match.group(0)) if _valid(day, month, year) else None


def years_in_name(stem: str) -> list[int]:
    """Years written somewhere in a file name: a hint for the report, never taken as the date."""
    return [int(y) for y in _NAME_YEAR.findall(stem) if int(y) in _YEAR_RANGE]
