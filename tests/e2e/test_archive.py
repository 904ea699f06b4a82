"""News by date ("Xem tin theo ngày"): day, month and year pages and the date picker, built for real."""

from __future__ import annotations

import json
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from conftest import Site

NOW = "2025-02-01 00:00"


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def resolve(page_url: str, href: str) -> str:
    """A relative link on the page at ``page_url`` as a site path."""
    return urljoin("https://x/" + page_url, href).removeprefix("https://x/")


def exists(site: Site, path: str) -> bool:
    return (site.out / path / "index.html").is_file() if path.endswith("/") or not path else (site.out / path).is_file()


def build_days(site: Site, **pages_options) -> None:
    site.plugin_options["content"] = {"now": NOW}
    site.plugin_options["pages"] = pages_options
    site.article("sang-15", title="Tin sáng 15/1", date="2025-01-15 08:00", category="thoi-su")
    site.article("chieu-15", title="Tin chiều 15/1", date="2025-01-15 16:17", category="hoat-dong-doi-ngoai")
    # 20:00 UTC on the 14th is 03:00 on the 15th in Vietnam: it belongs to the 15th.
    site.article("dem-15", title="Tin rạng sáng 15/1", date="2025-01-14T20:00:00+00:00", category="thoi-su")
    site.article("ngay-22", title="Tin ngày 22/1", date="2025-01-22", category="hop-tac-quoc-te")
    site.article("cuoi-nam", title="Tin cuối năm 2024", date="2024-12-31 23:30", year="2024", category="thoi-su")
    # Never listed: a draft, an expired notice and a scheduled article.
    site.article("nhap", title="Tin nháp bí mật", date="2025-01-10 09:00", draft=True)
    site.article("het-han", title="Thông báo đã hết hạn", date="2025-01-12 09:00", expires="2025-01-20 00:00")
    site.article("hen-gio", title="Tin hẹn giờ tháng ba", date="2025-03-05 09:00")
    site.build()


def test_day_pages_exist_only_for_days_with_published_news(site: Site) -> None:
    build_days(site)
    day_pages = sorted(p.parent.relative_to(site.out / "ngay").as_posix() for p in (site.out / "ngay").glob("*/*/*/index.html"))
    assert day_pages == ["2024/12/31", "2025/01/15", "2025/01/22"]
    for missing in ("2025/01/10", "2025/01/12", "2025/03/05", "2025/01/16", "2025/01/14"):
        assert not (site.out / "ngay" / missing).exists(), missing
    assert not (site.out / "ngay/2025/03").exists() and not (site.out / "ngay/2025/02").exists()


def test_day_page_lists_that_day_newest_first_with_neighbours(site: Site) -> None:
    build_days(site)
    url = "ngay/2025/01/15/"
    page = site.html(url)
    day = page.select_one(".portal-day")
    assert text(day.h1) == "Tin ngày 15/01/2025"
    assert "Thứ Tư, 15/01/2025" in text(day.select_one(".portal-day__meta"))
    titles = [text(a) for a in day.select(".portal-item__title a")]
    assert titles == ["Tin chiều 15/1", "Tin sáng 15/1", "Tin rạng sáng 15/1"]
    for link in day.select(".portal-item__title a"):
        assert exists(site, resolve(url, link["href"]))
    # Previous / next: the nearest days WITH news, across the year boundary.
    previous = day.select_one(".portal-archive-nav__prev")
    following = day.select_one(".portal-archive-nav__next")
    assert resolve(url, previous["href"]) == "ngay/2024/12/31/" and "31/12/2024" in text(previous)
    assert resolve(url, following["href"]) == "ngay/2025/01/22/" and "22/01/2025" in text(following)
    assert resolve(url, day.select_one(".portal-archive-nav__up")["href"]) == "ngay/2025/01/"
    # The oldest day has no previous link, the newest no next link.
    assert site.html("ngay/2024/12/31/").select_one(".portal-archive-nav__prev") is None
    assert site.html("ngay/2025/01/22/").select_one(".portal-archive-nav__next") is None
    crumbs = [resolve(url, a["href"]) for a in page.select(".portal-breadcrumb a")]
    assert crumbs == ["", "ngay/", "ngay/2025/01/"]


def test_large_days_are_paginated(site: Site) -> None:
    build_days(site, per_page=1)
    first, second = site.html("ngay/2025/01/15/"), site.html("ngay/2025/01/15/trang/2/")
    assert [text(a) for a in first.select(".portal-item__title a")] == ["Tin chiều 15/1"]
    assert [text(a) for a in second.select(".portal-item__title a")] == ["Tin sáng 15/1"]
    oldest = site.html("ngay/2025/01/15/trang/1/")
    assert [text(a) for a in oldest.select(".portal-item__title a")] == ["Tin rạng sáng 15/1"]
    assert resolve("ngay/2025/01/15/", first.select_one(".portal-pagination__next")["href"]) == "ngay/2025/01/15/trang/2/"
    assert not (site.out / "ngay/2025/01/22/trang").exists()


def test_month_page_calendar(site: Site) -> None:
    build_days(site)
    url = "ngay/2025/01/"
    page = site.html(url)
    assert text(page.select_one(".portal-month h1")) == "Tin tháng 1/2025"
    table = page.select_one("table.portal-calendar")
    assert text(table.caption) == "Tháng 1/2025"
    headers = table.select("thead th")
    assert [text(th) for th in headers] == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    assert all(th["scope"] == "col" for th in headers)
    assert headers[0].abbr["title"] == "Thứ Hai" and headers[6].abbr["title"] == "Chủ Nhật"
    rows = [[text(td) for td in tr.select("td")] for tr in table.select("tbody tr")]
    # 1 January 2025 is a Wednesday: two blank cells, then 1…5 (Sunday).
    assert rows[0] == ["", "", "1", "2", "3", "4", "5"]
    assert rows[-1][:5] == ["27", "28", "29", "30", "31"]
    assert all(len(row) == 7 for row in rows)
    links = {text(a): resolve(url, a["href"]) for a in table.select("a")}
    assert links == {"15": "ngay/2025/01/15/", "22": "ngay/2025/01/22/"}
    assert all(exists(site, target) for target in links.values())
    assert table.select_one('a[href$="15/"]')["aria-label"] == "15/01/2025: 3 tin"
    # Days without news are plain text.
    sixteen = next(td for td in table.select("td") if text(td) == "16")
    assert sixteen.a is None
    nav = page.select_one(".portal-month .portal-archive-nav")
    assert resolve(url, nav.select_one(".portal-archive-nav__prev")["href"]) == "ngay/2024/12/"
    assert nav.select_one(".portal-archive-nav__next") is None  # February has no news, March is only scheduled
    assert [resolve(url, a["href"]) for a in page.select(".portal-month__days a")] == ["ngay/2025/01/22/", "ngay/2025/01/15/"]
    days = json.loads((site.out / "ngay/2025/01/days.json").read_text(encoding="utf-8"))
    assert days == {"days": ["2025-01-15", "2025-01-22"]}


def test_year_and_archive_index(site: Site) -> None:
    build_days(site)
    index = site.html("ngay/")
    years = [section["data-portal-year"] for section in index.select(".portal-year")]
    assert years == ["2025", "2024"]
    months = [resolve("ngay/", a["href"]) for a in index.select(".portal-year__months a")]
    assert months == ["ngay/2025/01/", "ngay/2024/12/"]
    year = site.html("ngay/2025/")
    assert [t.caption.get_text(strip=True) for t in year.select("table.portal-calendar")] == ["Tháng 1/2025"]
    assert resolve("ngay/2025/", year.select_one(".portal-archive-nav__prev")["href"]) == "ngay/2024/"


def test_unpublished_articles_never_appear_in_the_archive(site: Site) -> None:
    build_days(site)
    for path in (site.out / "ngay").rglob("*"):
        if path.is_file():
            data = path.read_text(encoding="utf-8")
            for secret in ("Tin nháp bí mật", "Thông báo đã hết hạn", "Tin hẹn giờ tháng ba", "2025-03-05", "2025-01-12"):
                assert secret not in data, (path, secret)


def picker_of(page: BeautifulSoup):
    picker = page.select_one("details.portal-datepicker")
    assert picker is not None
    return picker


def test_date_picker_on_home_category_and_article_works_as_links(site: Site) -> None:
    build_days(site)
    for url, month in (
        ("", "2025-01"),
        ("chuyen-muc/thoi-su/", "2025-01"),
        ("tin-tuc/cuoi-nam/", "2024-12"),  # an article opens on its own month
        ("tin-tuc/chieu-15/", "2025-01"),
    ):
        page = site.html(url)
        picker = picker_of(page)
        assert text(picker.summary) == "Xem tin theo ngày"
        table = picker.select_one("table.portal-calendar")
        assert table["data-portal-month"] == month
        # No counts in the picker: each publish would change every page of the month.
        if month == "2025-01":
            assert table.select_one('a[href$="15/"]')["aria-label"] == "Tin ngày 15/01/2025"
        links = [resolve(url, a["href"]) for a in picker.select("a")]
        assert links, url
        for target in links:
            assert exists(site, target), (url, target)
        assert "ngay/" in links  # all months
        # Small: one month, not every day ever.
        assert len(picker.select("table")) == 1 and len(picker.select("td")) <= 42
        # Progressive enhancement: the date field is hidden until the external script shows it.
        form = picker.select_one("form[data-portal-datepicker-form]")
        assert form.has_attr("hidden")
        field = form.select_one('input[type="date"]')
        assert field is not None and not field.has_attr("max"), "the newest day is not in pages (the cache would miss)"
        assert json.loads((site.out / "ngay" / "range.json").read_text()) == {"first": "2024-12-31", "last": "2025-01-22"}
        scripts = page.select('script[src*="portal-datepicker.js"]')
        assert len(scripts) == 1 and (site.out / resolve(url, scripts[0]["src"])).is_file()
        assert not any(attr.startswith("on") for tag in picker.find_all(True) for attr in tag.attrs)
    article_picker = picker_of(site.html("tin-tuc/cuoi-nam/"))
    following = article_picker.select_one(".portal-datepicker__next")
    assert resolve("tin-tuc/cuoi-nam/", following["href"]) == "ngay/2025/01/"
    # The day page marks its own day.
    current = picker_of(site.html("ngay/2025/01/15/")).select_one('a[aria-current="date"]')
    assert text(current) == "15"


def test_footer_links_the_archive(site: Site) -> None:
    build_days(site)
    link = site.html("tin-tuc/chieu-15/").select_one('.portal-footer-links a[data-portal-link="archive"]')
    assert resolve("tin-tuc/chieu-15/", link["href"]) == "ngay/"


def test_archive_can_be_turned_off(site: Site) -> None:
    build_days(site, archive=False)
    assert not (site.out / "ngay").exists()
    assert site.html("").select_one("details.portal-datepicker") is None
