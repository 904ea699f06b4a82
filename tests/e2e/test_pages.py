"""End-to-end: small portals built with the real plugins and Material, checked as parsed HTML."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, Site


def tiny_jpeg(site: Site, relative: str) -> None:
    from PIL import Image

    path = site.content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (16, 9), (200, 30, 30)).save(path, "JPEG")


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def resolve(page_url: str, href: str) -> str:
    """Turn a relative link on the page at ``page_url`` into a site path."""
    from urllib.parse import urljoin

    return urljoin("https://x/" + page_url, href).removeprefix("https://x/")


def test_article_page_anatomy(site: Site) -> None:
    tiny_jpeg(site, "anh/2025/don-doan.jpg")
    site.article(
        "don-doan-lao",
        title="Tỉnh Minh Giang đón đoàn đại biểu tỉnh Chăm-pa-sắc (Lào)",
        date="2025-01-15 16:17",
        category="hoat-dong-doi-ngoai",
        summary="Sáng 15/1, lãnh đạo tỉnh tiếp đoàn đại biểu tỉnh bạn.",
        author="Quang Minh, Ban Tuyên giáo Tỉnh ủy",
        source={"name": "Báo Minh Giang", "url": "https://bao.example.vn/bai"},
        image="/anh/2025/don-doan.jpg",
        image_caption="Quang cảnh buổi tiếp. Ảnh: Mai Hoa",
        tags=["Lào", "hợp tác"],
        body="Đoạn mở đầu của bài.\n\n## Ký kết biên bản\n\nĐoạn thứ hai.",
    )
    site.build()
    page = site.html("tin-tuc/don-doan-lao/")
    article = page.select_one(".portal-article")
    assert text(article.select_one("h1")) == "Tỉnh Minh Giang đón đoàn đại biểu tỉnh Chăm-pa-sắc (Lào)"
    when = article.select_one(".portal-article__date time")
    assert text(when) == "Thứ Tư, 15/01/2025 16:17 (GMT+7)"
    assert when["datetime"] == "2025-01-15T16:17:00+07:00"
    assert text(article.select_one(".portal-sapo")) == "Sáng 15/1, lãnh đạo tỉnh tiếp đoàn đại biểu tỉnh bạn."
    crumbs = page.select(".portal-breadcrumb a")
    assert [text(a) for a in crumbs] == ["Trang chủ", "Hoạt động đối ngoại"]
    assert resolve("tin-tuc/don-doan-lao/", crumbs[1]["href"]) == "chuyen-muc/hoat-dong-doi-ngoai/"
    figure = article.select_one("figure.portal-lead-image")
    src = resolve("tin-tuc/don-doan-lao/", figure.img["src"])
    assert (site.out / src).is_file() and src == "anh/2025/don-doan.jpg"
    assert text(figure.figcaption) == "Quang cảnh buổi tiếp. Ảnh: Mai Hoa"
    body = article.select_one(".portal-article__body")
    assert "Đoạn mở đầu của bài." in text(body) and body.h2 is not None
    assert text(article.select_one(".portal-byline")) == "Quang Minh, Ban Tuyên giáo Tỉnh ủy"
    source = article.select_one(".portal-source")
    assert "Nguồn" in text(source) and source.a["href"] == "https://bao.example.vn/bai"
    assert [text(t) for t in article.select(".portal-tag")] == ["Lào", "hợp tác"]
    # Byline, source and tags come after the body.
    html = str(article)
    assert html.index("portal-article__body") < html.index("portal-byline") < html.index("portal-tags")

    meta = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Tỉnh Minh Giang đón đoàn đại biểu tỉnh Chăm-pa-sắc (Lào)"
    assert meta["og:description"] == "Sáng 15/1, lãnh đạo tỉnh tiếp đoàn đại biểu tỉnh bạn."
    assert meta["og:url"] == "https://example.org/portal/tin-tuc/don-doan-lao/"
    assert meta["article:published_time"] == "2025-01-15T16:17:00+07:00"
    assert meta["og:image"] == "https://example.org/portal/anh/2025/don-doan.jpg"
    assert page.html["lang"] == "vi"

    feeds = {(link["type"], link["href"]) for link in page.select('link[rel~="alternate"]')}
    assert ("application/rss+xml", "https://example.org/portal/rss.xml") in feeds
    assert ("application/rss+xml", "https://example.org/portal/chuyen-muc/hoat-dong-doi-ngoai/rss.xml") in feeds


def test_date_without_time_shows_no_midnight(site: Site) -> None:
    site.article("chi-co-ngay", date="2025-03-02")
    site.build()
    when = site.html("tin-tuc/chi-co-ngay/").select_one(".portal-article__date time")
    assert text(when) == "Chủ Nhật, 02/03/2025"


def test_related_list_order_and_content(site: Site) -> None:
    for day in range(1, 16):  # 15 articles in thoi-su, one a day at 08:00
        site.article(f"tin-{day:02d}", title=f"Tin ngày {day}", date=f"2025-03-{day:02d} 08:00")
    site.article("doi-ngoai", category="hoat-dong-doi-ngoai", date="2024-01-01 10:00", title="Tin đối ngoại")
    site.article("ban-nhap", date="2025-03-08 09:00", draft=True, title="Bản nháp")
    site.article(
        "tin-08", title="Tin ngày 8", date="2025-03-08 08:00", related=["doi-ngoai", "tin-01", "tin-08"]
    )  # overwrites tin-08 with editor picks (including itself: reported below)
    result = site.run_build_py()
    assert result.returncode == 1 and "related" in result.stderr and "tin-08" in result.stderr

    site.article("tin-08", title="Tin ngày 8", date="2025-03-08 08:00", related=["doi-ngoai", "tin-01"])
    site.build()
    items = site.html("tin-tuc/tin-08/").select(".portal-related li")
    titles = [text(li.select_one(".portal-item__title")) for li in items]
    assert titles[:2] == ["Tin đối ngoại", "Tin ngày 1"]
    # Then the 8 nearest in time in the same category, newest first: days 12..4 without 8 and 1.
    assert titles[2:] == [f"Tin ngày {d}" for d in (12, 11, 10, 9, 7, 6, 5, 4)]
    assert len(titles) == 10 and "Tin ngày 8" not in titles and "Bản nháp" not in titles
    assert all(li.select_one("time") is not None for li in items)
    assert text(items[1].select_one("time")) == "01/03/2025 08:00"


def test_category_pages_show_the_newest_first_and_archive_pages_from_the_oldest(site: Site) -> None:
    tiny_jpeg(site, "anh/x.jpg")
    site.plugin_options["pages"] = {"per_page": 3}
    for day in range(1, 8):
        extra = {"image": "/anh/x.jpg"} if day == 7 else {}
        site.article(f"bai-{day}", title=f"Bài {day}", date=f"2025-02-{day:02d} 09:30", summary=f"Sapo {day}", **extra)
    site.build()
    first = site.html("chuyen-muc/thoi-su/")
    assert text(first.select_one(".portal-category h1")) == "Thời sự"
    assert text(first.select_one(".portal-category__description")) == "Tin thời sự trong tỉnh."
    items = first.select(".portal-list--category > li")
    # 7 = 2 full groups of 3 + 1: the first page shows the newest group (1) and the full one before it (3).
    assert [text(li.select_one(".portal-item__title")) for li in items] == ["Bài 7", "Bài 6", "Bài 5", "Bài 4"]
    assert text(items[0].select_one(".portal-item__sapo")) == "Sapo 7"
    assert text(items[0].select_one("time")) == "07/02/2025 09:30"
    assert items[0].select_one(".portal-item__thumb img") is not None
    assert items[1].select_one(".portal-item__thumb") is None
    assert resolve("chuyen-muc/thoi-su/", items[0].select_one(".portal-item__title a")["href"]) == "tin-tuc/bai-7/"
    assert first.select_one(".portal-pagination__prev") is None
    assert first.select_one(".portal-pagination__current") is None
    next_href = resolve("chuyen-muc/thoi-su/", first.select_one(".portal-pagination__next")["href"])
    assert next_href == "chuyen-muc/thoi-su/trang/1/"

    oldest = site.html(next_href)
    assert [text(t) for t in oldest.select(".portal-item__title")] == ["Bài 3", "Bài 2", "Bài 1"]
    assert text(oldest.select_one(".portal-pagination__current")) == "Trang 1"
    assert "Thời sự – Trang 1" in oldest.title.get_text()
    assert text(oldest.select_one(".portal-pagination__prev")) == "‹ Tin mới hơn"
    assert resolve(next_href, oldest.select_one(".portal-pagination__prev")["href"]) == "chuyen-muc/thoi-su/"
    assert oldest.select_one(".portal-pagination__next") is None
    # The old newest-first addresses (page 2 and 3 of 7 articles) lead to the first page.
    for old in ("chuyen-muc/thoi-su/trang/2/", "chuyen-muc/thoi-su/trang/3/"):
        moved = site.html(old)
        refresh = moved.find("meta", attrs={"http-equiv": "refresh"})["content"]
        assert resolve(old, refresh.split("url=", 1)[1]) == "chuyen-muc/thoi-su/"
        assert moved.find("link", rel="canonical")["href"] == site.site_url + "chuyen-muc/thoi-su/"
        assert moved.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert resolve(old, moved.find("a")["href"]) == "chuyen-muc/thoi-su/"
    assert not (site.out / "chuyen-muc/thoi-su/trang/4").exists()
    # An empty category still has its page.
    assert "chưa có bài viết" in text(site.html("chuyen-muc/hop-tac-quoc-te/").select_one(".portal-category"))


def test_publishing_an_article_leaves_every_archive_page_as_it_was(site: Site) -> None:
    site.plugin_options["pages"] = {"per_page": 2}
    for month in range(1, 9):  # one a month: each archive page's date picker shows its own (past) month
        site.article(f"bai-{month}", title=f"Bài {month}", date=f"2024-{month:02d}-10 09:30")
    site.build()
    archived = {path: path.read_bytes() for path in (site.out / "chuyen-muc/thoi-su/trang").rglob("index.html")}
    assert len(archived) == 4  # trang/1..3, and trang/4 (the old numbering's last page) leading to the first page
    first = (site.out / "chuyen-muc/thoi-su/index.html").read_bytes()
    site.article("bai-9", title="Bài 9", date="2024-09-10 09:30")
    site.build()
    assert (site.out / "chuyen-muc/thoi-su/index.html").read_bytes() != first
    assert all(path.read_bytes() == data for path, data in archived.items())


def test_home_page_blocks(site: Site) -> None:
    site.plugin_options["pages"] = {"home_latest_count": 3, "home_category_count": 2}
    for i in range(1, 5):
        site.article(f"ts-{i}", title=f"Thời sự {i}", date=f"2025-04-0{i} 10:00")
    site.article("dn-1", title="Đối ngoại 1", category="hoat-dong-doi-ngoai", date="2025-04-02 11:00", featured=True)
    site.build()
    home = site.html("")
    assert text(home.select_one(".portal-lead__headline")) == "Đối ngoại 1"
    assert [text(t) for t in home.select(".portal-latest .portal-item__title")] == [
        "Thời sự 4", "Thời sự 3", "Thời sự 2",
    ]
    blocks = home.select(".portal-block")
    assert [b["data-portal-category"] for b in blocks] == ["thoi-su", "hoat-dong-doi-ngoai"]
    assert [text(t) for t in blocks[0].select(".portal-item__title")] == ["Thời sự 4", "Thời sự 3"]
    assert resolve("", blocks[1].select_one("h2 a")["href"]) == "chuyen-muc/hoat-dong-doi-ngoai/"


def test_nav_lists_home_categories_and_static_pages_not_articles(site: Site) -> None:
    site.write("gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nVề chúng tôi.\n")
    for i in range(3):
        site.article(f"bai-{i}", title=f"Bài {i}", date=f"2025-01-0{i + 1}")
    site.build()
    page = site.html("tin-tuc/bai-1/")
    nav_links = [resolve("tin-tuc/bai-1/", a["href"]) for a in page.select("nav.md-nav--primary a.md-nav__link[href]")]
    assert not any(link.startswith("tin-tuc/") for link in nav_links)
    tabs = [text(a) for a in page.select(".md-tabs__link")] or [text(a) for a in page.select("nav.md-nav--primary > ul > li > a")]
    assert tabs[:4] == ["Trang chủ", "Thời sự", "Hoạt động đối ngoại", "Hợp tác quốc tế"]
    assert "Giới thiệu" in tabs


def test_drafts_are_not_published(site: Site) -> None:
    site.article("cong-khai", title="Công khai")
    site.article("nhap", title="Bản nháp bí mật", draft=True, date="2025-06-01")
    site.build()
    assert not (site.out / "tin-tuc" / "nhap").exists()
    for path in site.out.rglob("*"):
        if path.suffix in {".html", ".xml"}:
            assert "Bản nháp bí mật" not in path.read_text(encoding="utf-8"), path


def test_markdown_links_between_articles_follow_slug_urls(site: Site) -> None:
    site.article("dich", title="Đích", date="2025-01-01")
    site.article("nguon", title="Nguồn", body="Xem [bài kia](dich.md).")
    site.build()
    link = site.html("tin-tuc/nguon/").select_one(".portal-article__body a")
    assert resolve("tin-tuc/nguon/", link["href"]) == "tin-tuc/dich/"


def test_editor_written_home_page_keeps_its_text(site: Site) -> None:
    site.write("index.md", "---\ntitle: Trang chủ\n---\nLời chào của Ban biên tập.\n")
    site.article("mot", title="Một")
    site.build()
    home = site.html("")
    assert "Lời chào của Ban biên tập." in text(home)
    assert text(home.select_one(".portal-lead__headline")) == "Một"


def test_no_output_outside_site(site: Site) -> None:
    site.article("mot")
    site.build()
    leftovers = [p.name for p in Path(site.root).iterdir() if p.name.startswith(".site")]
    assert leftovers == []


def test_labels_follow_the_language_and_can_be_overridden(site: Site) -> None:
    site.article("a", title="A", date="2025-01-15 16:17")
    site.article("b", title="B", date="2025-01-14 10:00")
    site.plugin_options["content"] = {"labels": {"related": "Tin khác"}}
    site.build()
    assert text(site.html("tin-tuc/a/").select_one(".portal-related h2")) == "Tin khác"

    site.plugin_options["content"] = {}
    site.extra_config["theme"] = {
        "name": "material", "custom_dir": str(REPO / "theme"), "language": "en", "font": False,
    }
    site.build()
    page = site.html("tin-tuc/a/")
    assert page.html["lang"] == "en"
    assert text(page.select_one(".portal-related h2")) == "More in this section"
    assert text(page.select_one(".portal-article__date time")) == "Wednesday, 15 January 2025 16:17 (GMT+7)"
    assert [text(a) for a in page.select(".portal-breadcrumb a")][0] == "Home"


def test_quotes_ampersands_and_markup_in_fields_are_shown_as_text(site: Site) -> None:
    title = 'Chương trình "Xuân quê hương" & <b>kiều bào</b> </title><script>alert(1)</script>'
    summary = 'Sapo có "ngoặc kép", <i>thẻ</i> & dấu \'nháy\'.'
    site.categories = [{"slug": "thoi-su", "name": "Thời sự & <Đối ngoại>"}]
    site.article("dac-biet", title=title, summary=summary, author="<script>tac_gia()</script>", tags=["<b>x</b>"])
    site.article("khac", title="Khác", date="2025-01-01")
    site.build()
    for url in ["tin-tuc/dac-biet/", "tin-tuc/khac/", "chuyen-muc/thoi-su/", ""]:
        page = site.html(url)
        # JSON-LD holds the headline as data, with < > & escaped so it cannot close the element.
        scripts = " ".join(s.get_text() for s in page.find_all("script") if s.get("type") != "application/ld+json")
        assert "alert(1)" not in scripts and "tac_gia" not in scripts, url
        assert all("<" not in s.string for s in page.find_all("script", type="application/ld+json")), url
        assert page.find("b") is None and page.find("i") is None, url
    page = site.html("tin-tuc/dac-biet/")
    assert page.title.get_text().startswith(title)
    assert page.select_one('meta[name="description"]')["content"] == summary
    assert page.select_one('meta[property="og:title"]')["content"] == title
    assert text(page.select_one(".portal-article h1")) == " ".join(title.split())
    assert text(page.select_one(".portal-byline")) == "<script>tac_gia()</script>"
    assert text(page.select_one(".portal-breadcrumb li:nth-of-type(2)")) == "Thời sự & <Đối ngoại>"
    category = site.html("chuyen-muc/thoi-su/")
    assert category.title.get_text().startswith("Thời sự & <Đối ngoại>")
    assert "Thời sự & <Đối ngoại>" in [text(a) for a in category.select("nav.md-nav--primary a.md-nav__link")]
    feed = (site.out / "rss.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed and "&lt;script&gt;" in feed


def test_heading_anchors_fold_d_like_slugs(site: Site) -> None:
    site.extra_config["markdown_extensions"] = ["toc"]
    site.article("neo", title="Neo", body="## Đối ngoại đa phương\n\nNội dung.")
    site.build()
    assert site.html("tin-tuc/neo/").select_one(".portal-article__body h2")["id"] == "doi-ngoai-da-phuong"
