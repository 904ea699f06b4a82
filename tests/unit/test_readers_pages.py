"""Archive, topics and OPML without MkDocs: grouping, neighbours, calendars, spellings."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from xml.etree import ElementTree as ET

from portal.generating.archive import build_archive
from portal.generating.topics import build_topics
from portal.model.entities import Article
from portal.reading.dates import VIETNAM
from portal.writing.opml import OpmlFeed, OpmlGroup, render_opml


def article(slug: str, when: datetime, tags: tuple[str, ...] = ()) -> Article:
    return Article(slug=slug, src_uri=f"{slug}.md", path=slug, title=slug, date=when, category="thoi-su", body="", tags=tags)


def newest_first(*articles: Article) -> list[Article]:
    return sorted(articles, key=lambda a: a.sort_key)


def vn(y: int, m: int, d: int, h: int = 12) -> datetime:
    return datetime(y, m, d, h, tzinfo=VIETNAM)


def test_days_are_vietnam_days_newest_first_with_neighbours() -> None:
    late_utc = datetime(2025, 1, 14, 18, 30, tzinfo=timezone.utc)  # 01:30 on the 15th in Vietnam
    items = newest_first(
        article("a", vn(2025, 1, 15, 9)), article("b", late_utc), article("c", vn(2024, 11, 2)), article("d", vn(2025, 3, 1))
    )
    archive = build_archive(items, VIETNAM, per_page=1)
    assert list(archive.days) == [date(2025, 3, 1), date(2025, 1, 15), date(2024, 11, 2)]
    day = archive.days[date(2025, 1, 15)]
    assert [a.slug for a in day.articles] == ["a", "b"]
    assert [p.url for p in day.pages] == ["ngay/2025/01/15/", "ngay/2025/01/15/trang/1/"]  # archive pages count from the oldest
    assert day.previous.day == date(2024, 11, 2) and day.next.day == date(2025, 3, 1)
    # Months and years skip the empty ones.
    january = archive.months[(2025, 1)]
    assert january.previous.key == "2024-11" and january.next.key == "2025-03"
    assert list(archive.years) == [2025, 2024] and archive.years[2025].previous.year == 2024
    assert archive.first_day == date(2024, 11, 2) and archive.last_day == date(2025, 3, 1)
    assert archive.picker_month(date(2024, 11, 2)).key == "2024-11"
    assert archive.picker_month(date(2025, 2, 10)).key == "2025-03"  # no news that month: the newest


def test_calendar_weeks_start_on_monday() -> None:
    archive = build_archive([article("a", vn(2025, 6, 1))], VIETNAM)  # 1 June 2025 is a Sunday
    weeks = archive.months[(2025, 6)].weeks
    assert weeks[0][:6] == [None] * 6 and weeks[0][6].day == date(2025, 6, 1) and weeks[0][6].url == "ngay/2025/06/01/"
    assert weeks[1][0].day == date(2025, 6, 2) and weeks[1][0].url is None
    assert all(len(week) == 7 for week in weeks)


def test_archive_is_one_pass_over_many_articles() -> None:
    start = vn(2016, 1, 1)
    items = newest_first(*(article(f"a{i}", start + timedelta(hours=7 * i)) for i in range(12_000)))
    archive = build_archive(items, VIETNAM)
    assert sum(day.count for day in archive.days.values()) == 12_000
    assert sum(month.count for month in archive.months.values()) == 12_000


def test_topics_merge_spellings_and_count_each_article_once() -> None:
    items = newest_first(
        article("a", vn(2025, 1, 3), ("Lào", "lào")),
        article("b", vn(2025, 1, 2), ("lào",)),
        article("c", vn(2025, 1, 1), ("Lào", "  Hợp tác  ", "!!!")),
        article("d", vn(2024, 1, 1), ("Lào",)),
    )
    topics = build_topics(items, per_page=2)
    assert [t.slug for t in topics.topics] == ["hop-tac", "lao"]
    lao = topics.by_slug["lao"]
    assert [a.slug for a in lao.articles] == ["a", "b", "c", "d"]
    assert lao.name == "Lào" and lao.spellings == {"Lào": 3, "lào": 1}
    assert [p.url for p in lao.pages] == ["chu-de/lao/", "chu-de/lao/trang/1/"]
    assert [a.slug for a in lao.pages[1].articles] == ["c", "d"]
    assert topics.url_for_tag["lào"] == topics.url_for_tag["Lào"] == "chu-de/lao/"
    assert topics.url_for_tag["Hợp tác"] == "chu-de/hop-tac/" and "!!!" not in topics.url_for_tag


def test_opml_is_well_formed_whatever_the_titles() -> None:
    data = render_opml(
        'Tin & "trích dẫn" <b>',
        [
            OpmlGroup("", [OpmlFeed("A & B", "https://x/rss.xml", "https://x/")]),
            OpmlGroup("Chủ đề", [OpmlFeed("<Lào>", "https://x/chu-de/lao/rss.xml")]),
            OpmlGroup("Trống", []),
        ],
        created=vn(2025, 1, 15, 16),
    )
    root = ET.fromstring(data)
    assert root.get("version") == "2.0" and root.findtext("head/title") == 'Tin & "trích dẫn" <b>'
    assert root.findtext("head/dateCreated") == "Wed, 15 Jan 2025 16:00:00 +0700"
    body = root.find("body")
    assert [o.get("text") for o in body] == ["A & B", "Chủ đề"]  # empty folders are left out
    assert body[1][0].get("xmlUrl") == "https://x/chu-de/lao/rss.xml" and body[1][0].get("type") == "rss"
