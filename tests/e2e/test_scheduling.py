"""Scheduled and expiring articles, against a fixed build clock."""

from __future__ import annotations

import feedparser
import pytest
from conftest import Site


def published_everywhere(site: Site, slug: str) -> dict[str, bool]:
    """Where an article shows up in the built site."""
    url = f"tin-tuc/{slug}/"
    found = {"page": (site.out / url / "index.html").exists()}
    found["home"] = any(url in a.get("href", "") for a in site.html("").find_all("a"))
    found["category"] = any(url in a.get("href", "") for a in site.html("chuyen-muc/thoi-su/").find_all("a"))
    found["rss"] = any(url in e.link for e in feedparser.parse(site.out / "rss.xml").entries)
    found["atom"] = any(url in e.link for e in feedparser.parse(site.out / "atom.xml").entries)
    found["category_rss"] = any(url in e.link for e in feedparser.parse(site.out / "chuyen-muc/thoi-su/rss.xml").entries)
    found["sitemap"] = url in (site.out / "sitemap.xml").read_text(encoding="utf-8")
    related = site.html("tin-tuc/ban-tin/").select(".portal-related a")
    assert related, "the article page lists its related articles"
    found["related"] = any(a.get("href", "").endswith(f"/{slug}/") for a in related)
    return found


@pytest.fixture
def timed_site(site: Site) -> Site:
    site.article("ban-tin", title="Bản tin", date="2025-03-01 08:00", related=["hen-gio", "het-han"])
    site.article("hen-gio", title="Tin hẹn giờ", date="2025-03-10 07:00")
    site.article("het-han", title="Thông báo có hạn", date="2025-02-01 08:00", expires="2025-03-10 07:00")
    return site


def test_before_the_date_a_scheduled_article_is_nowhere_and_an_expiring_one_everywhere(
    timed_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAL_NOW", "2025-03-10 06:59")
    timed_site.build()
    assert not any(published_everywhere(timed_site, "hen-gio").values())
    assert all(published_everywhere(timed_site, "het-han").values())


def test_at_the_date_the_scheduled_one_appears_and_the_expired_one_is_gone(
    timed_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAL_NOW", "2025-03-10 07:00")
    timed_site.build()
    assert all(published_everywhere(timed_site, "hen-gio").values())
    assert not any(published_everywhere(timed_site, "het-han").values())


def test_the_clock_option_of_build_py_and_a_zone_offset(timed_site: Site) -> None:
    # 00:00 UTC is 07:00 in Vietnam: the scheduled article is due.
    result = timed_site.run_build_py("--now", "2025-03-10T00:00:00+00:00")
    assert result.returncode == 0, result.stderr
    assert (timed_site.out / "tin-tuc/hen-gio/index.html").exists()
    assert not (timed_site.out / "tin-tuc/het-han/index.html").exists()


def test_a_bad_clock_is_a_clear_error(timed_site: Site) -> None:
    result = timed_site.run_build_py("--now", "mai")
    assert result.returncode == 1
    assert "--now" in result.stderr and "2025-01-15 16:17" in result.stderr and "Traceback" not in result.stderr


def test_expires_not_after_date_is_an_error(site: Site) -> None:
    site.article("sai", title="Sai hạn", date="2025-03-01 08:00", expires="2025-02-01")
    result = site.run_build_py()
    assert result.returncode == 1
    assert "content/tin-tuc/2025/sai.md:5: 'expires'" in result.stderr
