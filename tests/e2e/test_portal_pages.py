"""The rest of a real portal: the Vietnamese 404 page, the static pages and the province's banner."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from conftest import REPO, Site
from lxml import etree

SVG = "{http://www.w3.org/2000/svg}"


def text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def resolve(page_url: str, href: str) -> str:
    return urljoin("https://x/" + page_url, href).removeprefix("https://x/")


def page_404(site: Site) -> BeautifulSoup:
    return BeautifulSoup((site.out / "404.html").read_text(encoding="utf-8"), "lxml")


def build_small(site: Site) -> None:
    site.plugin_options["content"] = {"now": "2025-02-01 00:00"}
    site.article("cu", title="Tin cũ", date="2025-01-10 08:00")
    site.article("moi", title="Tin mới nhất của cổng", date="2025-01-20 08:00", category="hop-tac-quoc-te")
    site.article("nhap", title="Tin nháp", date="2025-01-25", draft=True)
    site.build()


def test_404_page_is_vietnamese_and_leads_somewhere(site: Site) -> None:
    build_small(site)
    page = page_404(site)
    assert page.html["lang"] == "vi"
    box = page.select_one(".portal-not-found")
    assert text(box.h1) == "Không tìm thấy trang"
    assert page.title.get_text().startswith("Không tìm thấy trang")
    assert "404 - Not found" not in page.get_text()
    # 404.html is served at any depth: its links are absolute paths under the site's path.
    links = {a["data-portal-link"]: urljoin("https://x/portal/zz/404.html", a["href"]) for a in box.select(".portal-not-found__actions a")}
    # No search plugin in this portal: no link to a search page nobody built.
    assert links == {"home": "https://x/portal/", "archive": "https://x/portal/ngay/"}
    latest = [(text(a), a["href"]) for a in box.select(".portal-latest .portal-item__title a")]
    assert latest == [("Tin mới nhất của cổng", "/portal/tin-tuc/moi/"), ("Tin cũ", "/portal/tin-tuc/cu/")]
    assert (site.out / "tin-tuc/moi/index.html").is_file()


def test_404_page_links_the_search_page_at_its_configured_address(site: Site) -> None:
    site.extra_plugins = [{"portal/search": {"search_url": "tra-cuu/"}}]
    build_small(site)
    box = page_404(site).select_one(".portal-not-found")
    links = {a["data-portal-link"]: urljoin("https://x/portal/zz/404.html", a["href"]) for a in box.select(".portal-not-found__actions a")}
    assert links["search"] == "https://x/portal/tra-cuu/" and (site.out / "tra-cuu" / "index.html").is_file()


def copy_static_pages(site: Site) -> None:
    for name in ("gioi-thieu.md", "lien-he.md", "en/about.md"):
        site.write(name, (REPO / "content" / name).read_text(encoding="utf-8"))


PHONE = re.compile(r"(\+84 |0)\d{3} \d \d{3} \d{3}")
EMAIL = re.compile(r"[a-z0-9.]+@[a-z0-9.-]+\.[a-z]{2,}")


def test_static_pages_describe_the_office(site: Site) -> None:
    copy_static_pages(site)
    build_small(site)
    about = site.html("gioi-thieu/").select_one("article")
    headings = [text(h) for h in about.select("h2")]
    for heading in ("Chức năng, nhiệm vụ", "Cơ cấu tổ chức", "Lãnh đạo phụ trách", "Về cổng thông tin"):
        assert heading in headings
    body = text(about)
    assert "Cơ quan chủ quản" in body and "Chịu trách nhiệm chính" in body
    assert "Số 18 đường Trần Hưng Đạo" in body and PHONE.search(body) and EMAIL.search(body)
    assert len(about.select("table tbody tr")) >= 2  # leaders with title, phone and e-mail

    contact = text(site.html("lien-he/").select_one("article"))
    for field in ("Địa chỉ", "Điện thoại", "Thư điện tử", "Thời gian làm việc"):
        assert field in contact
    assert len(EMAIL.findall(contact)) >= 3 and PHONE.search(contact)

    english = site.html("en/about/").select_one("article")
    english_text = text(english)
    assert "Minh Giang Foreign Information Portal" in english_text
    assert "Steering Committee for External Information of Minh Giang Province" in english_text
    assert {"Who we are", "Organisation", "What we do", "Contact"} <= {text(h) for h in english.select("h2")}
    for field in ("Address:", "Telephone:", "E-mail:"):
        assert field in english_text
    assert PHONE.search(english_text) and EMAIL.search(english_text)

    # Every link between the pages leads to a page that exists.
    for url in ("gioi-thieu/", "lien-he/", "en/about/"):
        for link in site.html(url).select("article a[href]"):
            href = link["href"]
            if href.startswith(("http:", "https:", "mailto:", "#")):
                continue
            assert (site.out / resolve(url, href) / "index.html").is_file(), (url, href)


def test_banner_on_every_page(site: Site) -> None:
    build_small(site)
    pages = {
        "": site.html(""),
        "tin-tuc/moi/": site.html("tin-tuc/moi/"),
        "chuyen-muc/thoi-su/": site.html("chuyen-muc/thoi-su/"),
        "ngay/2025/01/20/": site.html("ngay/2025/01/20/"),
        "dang-ky-nhan-tin/": site.html("dang-ky-nhan-tin/"),
    }
    for url, page in pages.items():
        banner = page.select_one(".portal-banner")
        assert banner is not None, url
        # Above Material's header.
        html = str(page)
        assert html.index('class="portal-banner"') < html.index('class="md-header')
        image = banner.select_one("img")
        assert image["alt"] == "Cổng thử nghiệm"
        assert resolve(url, image["src"]) == "assets/images/banner.svg"
        small = banner.select_one("picture source")
        assert "max-width" in small["media"] and resolve(url, small["srcset"]) == "assets/images/banner-small.svg"
        assert resolve(url, banner.a["href"]) == ""
    banner_404 = page_404(site).select_one(".portal-banner img")
    assert banner_404["src"] == "/portal/assets/images/banner.svg"


def test_banner_images_are_our_own_svg(site: Site) -> None:
    build_small(site)
    for name in ("banner.svg", "banner-small.svg"):
        root = etree.parse(str(site.out / "assets/images" / name)).getroot()
        assert root.tag == SVG + "svg" and root.get("viewBox")
        assert root.findtext(SVG + "title") == "Cổng thông tin đối ngoại tỉnh Minh Giang"
        words = " ".join("".join(t.itertext()) for t in root.iter(SVG + "text"))
        assert "CỔNG THÔNG TIN ĐỐI NGOẠI" in words and "MINH GIANG" in words
        # No third-party assets: no external images, fonts or links.
        assert not root.findall(f".//{SVG}image") and not root.findall(f".//{SVG}style")
        assert "http" not in (site.out / "assets/images" / name).read_text(encoding="utf-8").replace(
            'xmlns="http://www.w3.org/2000/svg"', ""
        )


def test_banner_can_be_replaced_in_mkdocs_yml(site: Site) -> None:
    site.extra_config = {"extra": {"portal_banner": {"image": "anh/banner.svg", "alt": "Cổng tỉnh Bạn"}}}
    site.write("anh/banner.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 1"/>')
    build_small(site)
    image = site.html("tin-tuc/moi/").select_one(".portal-banner img")
    assert image["alt"] == "Cổng tỉnh Bạn" and resolve("tin-tuc/moi/", image["src"]) == "anh/banner.svg"
