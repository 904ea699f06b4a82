"""News by date ("Xem tin theo ngày"): day, month and year pages, and the calendars of the date picker.

The newest-first index is walked once and cut into days (in the portal's
zone, Vietnam time): every day page is then a slice, every calendar a dict
lookup, and neighbours (the nearest day or month *with news*) come from
positions in sorted lists. The whole archive costs O(n) in the number of
articles plus O(days) for the pages; no page walks the articles.

Only days with news get a page; only months and years with news get one too,
and their previous/next links skip the empty ones, so no link ever leads to
a page that does not exist.
"""

from __future__ import annotations

import calendar
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo

from portal.generating.listings import ListingPage, paginate
from portal.model.entities import Article

_WEEKS = calendar.Calendar(firstweekday=calendar.MONDAY)  # Vietnamese calendars start on Monday


@dataclass(frozen=True)
class ArchiveUrls:
    """Where the archive lives: ``ngay/``, ``ngay/2025/``, ``ngay/2025/01/``, ``ngay/2025/01/15/``.

    The layout under the base is fixed (year/month/day, zero-padded) so the
    date picker's script can build a day's address from a date alone.
    """

    base: str = "ngay/"

    @property
    def root(self) -> str:
        return self.base.strip("/") + "/"

    def year(self, year: int) -> str:
        return f"{self.root}{year:04d}/"

    def month(self, year: int, month: int) -> str:
        return f"{self.root}{year:04d}/{month:02d}/"

    def day(self, day: date) -> str:
        return f"{self.root}{day.year:04d}/{day.month:02d}/{day.day:02d}/"

    def range_file(self) -> str:
        """The first and last day with news, read by the date picker's script (not in pages: see the cache)."""
        return self.root + "range.json"

    def month_days_file(self, year: int, month: int) -> str:
        """The month's list of days with news, read by the date picker's script."""
        return self.month(year, month) + "days.json"


def _src_uri(url: str) -> str:
    return posixpath.join(url.strip("/"), "index.md")


@dataclass(eq=False)
class DayArchive:
    """The news of one day, newest first, paginated like a category.

    Attributes:
        day: the day in Vietnam time.
        pages: its listing pages (``ngay/2025/01/15/``, then ``…/trang/2/``).
        previous: the nearest earlier day with news.
        next: the nearest later day with news.
    """

    day: date
    url: str
    articles: Sequence[Article]
    pages: list[ListingPage] = field(default_factory=list, repr=False)
    previous: DayArchive | None = field(default=None, repr=False)
    next: DayArchive | None = field(default=None, repr=False)
    month: MonthArchive | None = field(default=None, repr=False)

    @property
    def count(self) -> int:
        return len(self.articles)

    def __repr__(self) -> str:
        return f"DayArchive({self.day.isoformat()}, {self.count})"


@dataclass(frozen=True)
class CalendarCell:
    """One day in a month grid; ``url`` is None when the day has no news (plain text)."""

    day: date
    url: str | None
    count: int

    @property
    def iso(self) -> str:
        return self.day.isoformat()


@dataclass(eq=False)
class MonthArchive:
    """A month with news: its calendar grid and its neighbours with news.

    Attributes:
        weeks: Monday-first rows of 7 cells; cells outside the month are None.
        days: its days with news, oldest first.
        previous / next: the nearest earlier / later month with news.
    """

    year: int
    month: int
    url: str
    days: list[DayArchive] = field(default_factory=list, repr=False)
    weeks: list[list[CalendarCell | None]] = field(default_factory=list, repr=False)
    previous: MonthArchive | None = field(default=None, repr=False)
    next: MonthArchive | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def src_uri(self) -> str:
        return _src_uri(self.url)

    @property
    def count(self) -> int:
        return sum(day.count for day in self.days)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def __repr__(self) -> str:
        return f"MonthArchive({self.key}, {len(self.days)} days)"


@dataclass(eq=False)
class YearArchive:
    """A year with news and its months with news, oldest first."""

    year: int
    url: str
    months: list[MonthArchive] = field(default_factory=list, repr=False)
    previous: YearArchive | None = field(default=None, repr=False)
    next: YearArchive | None = field(default=None, repr=False)

    @property
    def src_uri(self) -> str:
        return _src_uri(self.url)

    @property
    def count(self) -> int:
        return sum(month.count for month in self.months)

    def __repr__(self) -> str:
        return f"YearArchive({self.year}, {len(self.months)} months)"


@dataclass(eq=False)
class Archive:
    """Every day, month and year with news, built once per build.

    Attributes:
        days: day → its archive, newest day first.
        months: ``(year, month)`` → its archive, newest first.
        years: year → its archive, newest first.
    """

    urls: ArchiveUrls
    days: dict[date, DayArchive] = field(default_factory=dict)
    months: dict[tuple[int, int], MonthArchive] = field(default_factory=dict)
    years: dict[int, YearArchive] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.urls.root

    @property
    def src_uri(self) -> str:
        return _src_uri(self.urls.root)

    @property
    def first_day(self) -> date | None:
        return next(reversed(self.days), None) if self.days else None

    @property
    def last_day(self) -> date | None:
        return next(iter(self.days), None)

    @property
    def latest_month(self) -> MonthArchive | None:
        return next(iter(self.months.values()), None)

    def month_of(self, day: date) -> MonthArchive | None:
        """The month page of a day, if that month has news."""
        return self.months.get((day.year, day.month))

    def picker_month(self, day: date | None = None) -> MonthArchive | None:
        """The month the date picker opens on: the given day's, else the newest with news."""
        if day is not None:
            month = self.month_of(day)
            if month is not None:
                return month
        return self.latest_month


def local_day(article: Article, zone: tzinfo) -> date:
    """The article's day as readers in Vietnam see it."""
    return article.date.astimezone(zone).date()


def build_archive(
    articles: Sequence[Article],
    zone: tzinfo,
    *,
    urls: ArchiveUrls | None = None,
    per_page: int = 20,
    page_url_format: str = "trang/{number}/",
) -> Archive:
    """Group the newest-first published articles by day, month and year, in one pass."""
    urls = urls or ArchiveUrls()
    archive = Archive(urls=urls)
    by_day: dict[date, list[Article]] = {}
    for article in articles:
        by_day.setdefault(local_day(article, zone), []).append(article)
    # Articles are newest first, so days are too; sort anyway in case of ties across zones.
    ordered = sorted(by_day, reverse=True)
    for day in ordered:
        items = by_day[day]
        url = urls.day(day)
        entry = DayArchive(day=day, url=url, articles=items)
        entry.pages = paginate(
            day.isoformat(), day.isoformat(), items, base_url=url, per_page=per_page, page_url_format=page_url_format
        )
        archive.days[day] = entry
    days = list(archive.days.values())  # newest first
    for newer, older in zip(days, days[1:]):
        newer.previous, older.next = older, newer

    for entry in reversed(days):  # oldest first, so each month lists its days in order
        key = (entry.day.year, entry.day.month)
        month = archive.months.get(key)
        if month is None:
            month = MonthArchive(year=key[0], month=key[1], url=urls.month(*key))
            archive.months[key] = month
        month.days.append(entry)
        entry.month = month
    archive.months = dict(sorted(archive.months.items(), reverse=True))
    months = list(archive.months.values())
    for newer, older in zip(months, months[1:]):
        newer.previous, older.next = older, newer
    for month in months:
        month.weeks = _weeks(month, archive.days)

    for month in reversed(months):
        year = archive.years.get(month.year)
        if year is None:
            year = YearArchive(year=month.year, url=urls.year(month.year))
            archive.years[month.year] = year
        year.months.append(month)
    archive.years = dict(sorted(archive.years.items(), reverse=True))
    years = list(archive.years.values())
    for newer, older in zip(years, years[1:]):
        newer.previous, older.next = older, newer
    return archive


def _weeks(month: MonthArchive, days: dict[date, DayArchive]) -> list[list[CalendarCell | None]]:
    """The month as Monday-first weeks; days of the neighbouring months are left blank."""
    rows: list[list[CalendarCell | None]] = []
    for week in _WEEKS.monthdatescalendar(month.year, month.month):
        row: list[CalendarCell | None] = []
        for day in week:
            if day.month != month.month:
                row.append(None)
                continue
            entry = days.get(day)
            row.append(CalendarCell(day=day, url=entry.url if entry else None, count=entry.count if entry else 0))
        rows.append(row)
    return rows


def month_days(month: MonthArchive) -> dict[str, list[str]]:
    """What the month's ``days.json`` holds: its days with news as ISO dates."""
    return {"days": [entry.day.isoformat() for entry in month.days]}
