"""Hostile and broken input: every case is a clear error naming the file (or a correct, safe page).

Never a traceback, a hang, a crash or markup injected into a page or a feed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import feedparser
import yaml
from bs4 import BeautifulSoup
from conftest import Site, article_text
from lxml import etree
from portal.rendering.csp import source_hash

HOSTILE = "<script>alert(\"x\")</script> \"kép\" 'nháy' ]]> & &amp; </title><b>đậm</b>"
ATTACK = 'alert("x")'


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def pages(site: Site) -> list[Path]:
    return sorted(site.out.rglob("*.html"))


def assert_no_injected_markup(page: BeautifulSoup, where: str) -> None:
    """No script runs the attack, no element or attribute came from a field's text."""
    for script in page.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)  # still valid JSON: the text did not close the element
        elif not script.get("src"):
            assert ATTACK not in (script.string or ""), where
    assert page.find("b", string="đậm") is None, where
    for tag in page.find_all(True):
        for name in tag.attrs:
            assert not re.search(r"[\"'<>&]|alert|nháy|kép", name), (where, tag.name, name)


def assert_feed_has_no_injected_elements(path: Path) -> None:
    """Text fields stay text: no element inside an item's title, description or summary."""
    tree = etree.fromstring(path.read_bytes())
    for element in tree.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname in ("title", "description", "summary"):
            assert len(element) == 0, (path.name, etree.tostring(element)[:200])


def test_hostile_text_in_every_field_is_shown_as_text(site: Site) -> None:
    site.categories = [
        {"slug": "thoi-su", "name": "Thời sự " + HOSTILE, "description": "Mô tả " + HOSTILE},
        {"slug": "hop-tac-quoc-te", "name": "Hợp tác quốc tế"},
    ]
    title = "Tiêu đề " + HOSTILE
    site.article(
        "doc-hai",
        title=title,
        summary="Sapo " + HOSTILE,
        author="Tác giả " + HOSTILE,
        source={"name": "Nguồn " + HOSTILE, "url": 'https://example.com/a?b=1&c="2"'},
        image="https://example.com/anh.jpg?a=1&b=\"2\"",
        image_caption="Chú thích " + HOSTILE,
        tags=["Thẻ " + HOSTILE],
    )
    site.article("khac", title="Khác", date="2025-01-01 08:00", related=["doc-hai"])
    site.build()

    for path in pages(site):
        assert_no_injected_markup(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml"), str(path))

    page = site.html("tin-tuc/doc-hai/")
    assert text(page.select_one(".portal-article h1")) == " ".join(title.split())
    assert page.title.get_text().startswith(title)
    assert page.select_one('meta[property="og:title"]')["content"] == title
    assert page.select_one('meta[name="description"]')["content"] == "Sapo " + HOSTILE
    assert page.select_one('meta[name="author"]')["content"] == "Tác giả " + HOSTILE
    assert [m["content"] for m in page.select('meta[property="article:tag"]')] == ["Thẻ " + HOSTILE]
    assert page.select_one('meta[property="article:section"]')["content"] == "Thời sự " + HOSTILE
    assert page.select_one('meta[property="og:image"]')["content"] == 'https://example.com/anh.jpg?a=1&b="2"'
    assert text(page.select_one(".portal-source a")) == " ".join(("Nguồn " + HOSTILE).split())
    assert page.select_one(".portal-source a")["href"] == 'https://example.com/a?b=1&c="2"'
    assert text(page.select_one(".portal-lead-image figcaption")) == " ".join(("Chú thích " + HOSTILE).split())
    assert text(page.select_one(".portal-breadcrumb li:nth-of-type(2)")) == " ".join(("Thời sự " + HOSTILE).split())
    for url in ["", "chuyen-muc/thoi-su/", "tin-tuc/khac/"]:
        titles = [text(a) for a in site.html(url).select(".portal-item__title a, .portal-lead__headline a")]
        assert " ".join(title.split()) in titles, url

    for name in ["rss.xml", "atom.xml", "chuyen-muc/thoi-su/rss.xml"]:
        feed = feedparser.parse((site.out / name).read_bytes())
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert title in [entry.title for entry in feed.entries], name
        assert_feed_has_no_injected_elements(site.out / name)
    entry = next(e for e in feedparser.parse((site.out / "rss.xml").read_bytes()).entries if e.title == title)
    assert "Sapo" in entry.summary and "<script>" not in entry.summary.replace("&lt;script&gt;", "")


def test_invisible_characters_and_oversized_fields_are_refused_naming_file_and_field(site: Site) -> None:
    site.article("tot", title="Bài tốt")
    cases = {
        "bell": {"title": "Chuông\x07 báo"},  # C0
        "nel": {"summary": "Sapo\x85 C1"},  # C1 (NEXT LINE)
        "rlo": {"author": "Quang Minh \u202egpj.exe"},  # right-to-left override
        "isolate": {"tags": ["hợp tác", "a\u2066b"]},  # bidi isolate, in a list item
        "ansi": {"source": {"name": "Báo \x1b[31mđỏ", "url": "https://example.com/"}},
        "separator": {"image_caption": "Dòng một\u2028dòng hai"},
        "dai": {"title": "Rất dài" + "x" * 9993},  # 10,000 characters
        "nhieu-lien-quan": {"related": [f"bai-{n}" for n in range(1000)]},
    }
    for slug, fields in cases.items():
        site.article(slug, **fields)
    result = site.run_build_py()
    assert result.returncode == 1
    out = result.stderr
    assert "Traceback" not in out
    lines = out.splitlines()
    expected = {
        "bell": ("title", "U+0007"),
        "nel": ("summary", "U+0085"),
        "rlo": ("author", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        "isolate": ("tags", "U+2066"),
        "ansi": ("source", "U+001B"),
        "separator": ("image_caption", "U+2028"),
        "dai": ("title", "10000"),
        "nhieu-lien-quan": ("related", "1000"),
    }
    for slug, (field, detail) in expected.items():
        path = f"content/tin-tuc/2025/{slug}.md"
        assert any(line.startswith(path + ":") and f"'{field}'" in line and detail in line for line in lines), (slug, out)
    assert "300" in out and "20" in out  # the limits are named
    assert "content/tin-tuc/2025/tot.md" not in out


def test_category_names_with_invisible_characters_are_a_config_error(site: Site) -> None:
    site.categories = [{"slug": "thoi-su", "name": "Thời sự\u202e"}]
    site.article("a")
    result = site.run_build_py()
    assert result.returncode == 1
    assert "U+202E" in result.stderr and "Traceback" not in result.stderr


BILLION_LAUGHS = "\n".join(
    ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
)


def test_hostile_yaml_is_refused_quickly_with_the_line(site: Site) -> None:
    site.article("tot", title="Bài tốt")
    site.write("tin-tuc/2025/cuoi.md", "---\ntitle: Cười\ndate: 2025-01-01\ncategory: thoi-su\n" + BILLION_LAUGHS + "\n---\nx\n")
    site.write(
        "tin-tuc/2025/doi-tuong.md",
        "---\ntitle: X\ndate: 2025-01-01\ncategory: thoi-su\nsummary: !!python/object/apply:os.system ['touch hacked']\n---\nx\n",
    )
    site.write("tin-tuc/2025/trung-khoa.md", "---\ntitle: X\ndate: 2025-01-01\ntitle: Y\ncategory: thoi-su\n---\nx\n")
    site.write("tin-tuc/2025/tab.md", "---\ntitle: X\ndate: 2025-01-01\ncategory: thoi-su\nsource:\n\tname: Báo\n---\nx\n")
    site.write("tin-tuc/2025/khong-dong.md", "---\ntitle: X\ndate: 2025-01-01\ncategory: thoi-su\nNội dung.\n")
    deep = "[" * 50_000 + "]" * 50_000  # crashed libyaml's composer (segfault) before it was refused
    site.write("tin-tuc/2025/sau.md", "---\ntitle: X\ndate: 2025-01-01\ncategory: thoi-su\ntags: " + deep + "\n---\nx\n")
    result = site.run_build_py()
    assert result.returncode == 1, result.stderr
    out = result.stderr
    assert "Traceback" not in out
    lines = out.splitlines()
    expected = [
        ("cuoi.md:5:", "&neo/*bí danh"),
        ("doi-tuong.md:5:", "!!python/object/apply:os.system"),
        ("trung-khoa.md:4:", "'title' appears twice"),
        ("tab.md:6:", "Tab"),
        ("khong-dong.md:1:", "'---'"),
        ("sau.md:5:", "lồng nhau quá sâu"),
    ]
    for where, what in expected:
        assert any(f"content/tin-tuc/2025/{where}" in line and what in line for line in lines), (where, what, out)
    assert not (site.root / "hacked").exists()


def test_empty_binary_and_wrongly_encoded_files_are_refused(site: Site) -> None:
    site.article("tot", title="Bài tốt")
    site.write("tin-tuc/2025/rong.md", b"")
    site.write("tin-tuc/2025/anh.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    site.write("tin-tuc/2025/nul.md", article_text(title="Có NUL").encode() + b"\x00tail")
    site.write("tin-tuc/2025/latin1.md", article_text(title="Thông tin Café Đà", body="Nội dung").encode("cp1258", errors="replace"))
    site.write("tin-tuc/2025/utf16.md", article_text(title="UTF-16").encode("utf-16"))
    result = site.run_build_py()
    assert result.returncode == 1
    out = result.stderr
    assert "Traceback" not in out
    for name, what in [("rong", "front matter"), ("anh", "NUL"), ("nul", "NUL"), ("latin1", "UTF-8"), ("utf16", "UTF-8")]:
        assert any(f"content/tin-tuc/2025/{name}.md" in line and what in line for line in out.splitlines()), (name, out)


def test_bom_crlf_and_decomposed_text_build_a_correct_page(site: Site) -> None:
    title = unicodedata.normalize("NFD", "Đoàn đại biểu tỉnh Chăm-pa-sắc")
    raw = "\ufeff" + article_text(title=title, body="Dòng một.\n\nDòng hai.").replace("\n", "\r\n")
    site.write("tin-tuc/2025/windows.md", raw.encode("utf-8"))
    site.build()
    page = site.html("tin-tuc/windows/")
    assert text(page.select_one(".portal-article h1")) == unicodedata.normalize("NFC", title)
    assert [text(p) for p in page.select(".portal-article__body p")] == ["Dòng một.", "Dòng hai."]


def test_paths_and_urls_cannot_leave_the_site_or_run_code(site: Site) -> None:
    site.article("tot", title="Bài tốt")
    bad = {
        "leo-ra": {"image": "../../../../etc/passwd"},
        "js-anh": {"image": "javascript:alert(1)"},
        "data-anh": {"image": "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="},
        "vb-anh": {"image": "vbscript:msgbox(1)"},
        "o-dia": {"image": "C:\\Windows\\anh.jpg"},
        "js-nguon": {"source": {"name": "Báo", "url": "javascript:alert(1)"}},
        "data-nguon": {"source": {"name": "Báo", "url": "data:text/html,<script>alert(1)</script>"}},
    }
    for slug, fields in bad.items():
        site.article(slug, **fields)
    result = site.run_build_py()
    assert result.returncode == 1
    out = result.stderr
    assert "Traceback" not in out
    for slug, fields in bad.items():
        field = next(iter(fields))
        assert any(f"content/tin-tuc/2025/{slug}.md:" in line and f"'{field}'" in line for line in out.splitlines()), (slug, out)


def test_slugs_and_absolute_image_paths_stay_inside_content(site: Site) -> None:
    site.write("tin-tuc/2025/thoat.md", article_text(title="Thoát", slug="../../../etc/passwd", image="/etc/passwd"))
    site.write("etc/passwd", b"not a secret")
    site.build()
    assert (site.out / "tin-tuc" / "etc-passwd" / "index.html").is_file()
    page = site.html("tin-tuc/etc-passwd/")
    src = page.select_one(".portal-lead-image img")["src"]
    assert (site.out / "tin-tuc" / "etc-passwd" / src).resolve() == (site.out / "etc" / "passwd").resolve()
    cache = site.root / ".cache" / "cong"  # the build cache: finished pages by fingerprint (README "Build cache")
    outside = [p for p in site.root.rglob("*") if p.is_file() and not any(p.is_relative_to(d) for d in (site.out, site.content, cache))]
    assert [p.name for p in outside] == ["mkdocs.yml"]


def test_related_cycles_and_chains_are_fine(site: Site) -> None:
    site.article("a", title="A", date="2025-01-03", related=["b"])
    site.article("b", title="B", date="2025-01-02", related=["a"])
    site.article("c", title="C", date="2025-01-01", related=["a", "b"])
    site.build()
    for slug, first in [("a", "B"), ("b", "A"), ("c", "A")]:
        items = [text(x) for x in site.html(f"tin-tuc/{slug}/").select(".portal-related .portal-item__title a")]
        assert items[0] == first and slug.upper() not in items, (slug, items)
    assert [text(x) for x in site.html("tin-tuc/c/").select(".portal-related .portal-item__title a")][:2] == ["A", "B"]


RAW_HTML_BODY = """Đoạn đầu <span onclick="alert('x')" style="color:red">bấm</span>.

<script>alert("x")</script>
<img src="/anh/a.jpg" alt="Ảnh" onerror="alert('x')">
<a href="javascript:alert('x')">liên kết độc</a> <a href="JaVa&#x09;ScRiPt:alert('x')">lách</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">dữ liệu</a>
<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" allowfullscreen onload="alert('x')"></iframe>
<iframe src="https://evil.example/x"></iframe>
<object data="x.swf"></object><form action="https://evil.example/"><input name="q"></form>
<div id="__config">{"base": "https://evil.example"}</div>
<style>body { display: none }</style>

Đoạn cuối [liên kết thường](https://example.com/){ onmouseover="alert('x')" }.
"""


def test_raw_html_is_cleaned_and_the_editor_is_told(site: Site) -> None:
    site.plugin_options = {"content": {"iframe_hosts": ["www.youtube.com"]}}
    site.extra_config = {"markdown_extensions": ["attr_list", "md_in_html"]}
    site.article("html", title="HTML", body=RAW_HTML_BODY)
    site.write("anh/a.jpg", b"jpg")
    result = site.run_build_py()
    assert result.returncode == 1  # strict: the warning stops the build
    assert "content/tin-tuc/2025/html.md" in result.stderr and "onclick=" in result.stderr
    assert "<iframe src=…evil.example…>" in result.stderr and "Traceback" not in result.stderr
    result = site.run_build_py("--no-strict")
    assert result.returncode == 0, result.stderr
    page = site.html("tin-tuc/html/")
    body = page.select_one(".portal-article__body")
    raw = str(page)
    assert ATTACK not in raw and "alert('x')" not in raw
    assert not re.search(r"\son[a-z]+=", raw, re.IGNORECASE)
    assert "javascript:" not in raw.lower() and "data:text" not in raw
    assert body.find(["script", "style", "object", "form", "input"]) is None
    assert body.find(attrs={"style": True}) is None and body.find(id="__config") is None
    assert page.find_all(id="__config")[0].name == "script"  # Material's own config is not shadowed
    frames = body.find_all("iframe")
    assert [f["src"] for f in frames] == ["https://www.youtube.com/embed/abc123"]
    assert "allow-scripts" in frames[0]["sandbox"] and "allow-top-navigation" not in frames[0]["sandbox"]
    assert body.select_one("img")["alt"] == "Ảnh" and body.select_one('a[href="https://example.com/"]') is not None
    assert "bấm" in text(body) and "liên kết độc" in text(body)
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "frame-src https://www.youtube.com;" in policy


RICH_BODY = """Mở đầu có **đậm**, ==đánh dấu==, `mã`, H~2~O, chú thích[^1], [liên kết](https://example.com "Tiêu đề").

## Hội nghị xúc tiến { #hoi-nghi }

| Cột | Trái | Giữa | Phải |
|-----|:-----|:----:|-----:|
| a   | 1    | 2    | 3    |

![Ảnh hội nghị](/anh/x.jpg){ width="300" title="Hội nghị" loading=lazy }

<figure markdown>
![Ảnh](/anh/x.jpg)
<figcaption>Quang cảnh. Ảnh: Mai Hoa</figcaption>
</figure>

!!! note "Ghi chú"
    Nội dung ghi chú.

??? info "Mở rộng"
    Chi tiết.

=== "Tab một"
    Một.

=== "Tab hai"
    Hai.

``` { .python linenums="1" }
def f(x):
    return x + 1  # cộng
```

- [x] đã xong
- [ ] chưa xong

*[UBND]: Ủy ban nhân dân

UBND tỉnh.

[^1]: Chú thích cuối trang.
"""
RICH_EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", {"toc": {"permalink": True}},
    "pymdownx.details", "pymdownx.highlight", "pymdownx.superfences", "pymdownx.mark", "pymdownx.tilde",
    {"pymdownx.tabbed": {"alternate_style": True}}, {"pymdownx.tasklist": {"custom_checkbox": True}},
]


def normalised(body: BeautifulSoup) -> str:
    """Markup compared modulo what the sanitizer rewrites on purpose (table alignment) or HTML parsing adds (tbody)."""
    for cell in body.find_all(["td", "th"], style=True):
        cell["align"] = re.match(r"text-align:\s*(\w+)", cell["style"]).group(1)
        del cell["style"]
    for tbody in body.find_all("tbody"):
        tbody.unwrap()
    return str(body)


def test_markdown_and_material_markup_survive_cleaning(site: Site, tmp_path: Path) -> None:
    bodies = {}
    for trust in (False, True):
        site = Site(root=tmp_path / f"trust-{trust}", extra_config={"markdown_extensions": RICH_EXTENSIONS})
        site.plugin_options = {"content": {"trust_raw_html": trust}}
        site.article("giau", title="Đủ kiểu", body=RICH_BODY)
        if trust:
            site.article("tin-cay", title="Tin cậy", date="2025-01-01", body='Văn bản.\n\n<script>console.log("tin cậy")</script>\n')
        site.write("anh/x.jpg", b"jpg")
        site.build()
        bodies[trust] = site.html("tin-tuc/giau/").select_one(".portal-article__body")
    trusted = site.html("tin-tuc/tin-cay/")
    assert normalised(bodies[False]) == normalised(bodies[True])
    body = bodies[False]
    assert body.select_one("h2#hoi-nghi a.headerlink")["href"] == "#hoi-nghi"
    assert [c.get("align") for c in body.select("table th")] == [None, "left", "center", "right"]
    assert body.select_one("div.highlight table.highlighttable span.k") is not None
    assert body.select_one('img[alt="Ảnh hội nghị"][width="300"][title="Hội nghị"]') is not None
    assert text(body.select_one("figure figcaption")) == "Quang cảnh. Ảnh: Mai Hoa"
    assert body.select_one("div.admonition.note p.admonition-title") is not None
    assert body.select_one("details.info summary") is not None
    assert body.select_one('div.tabbed-set[data-tabs="1:2"] input#__tabbed_1_1[type="radio"]') is not None
    assert body.select_one('sup#fnref\\:1 a.footnote-ref[href="#fn\\:1"]') is not None
    assert body.select_one("div.footnote li#fn\\:1 a.footnote-backref") is not None
    assert body.select_one('abbr[title="Ủy ban nhân dân"]') is not None and body.find("mark") is not None
    assert body.select_one('input[type="checkbox"][disabled]') is not None
    # Trusting raw HTML keeps the editors' script, and the policy lets exactly that script run.
    script = next(s for s in trusted.find_all("script") if "tin cậy" in (s.string or ""))
    policy = trusted.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert source_hash(script.string) in policy and "'unsafe-inline'" not in policy


def test_yaml_front_matter_written_by_tools_still_reads(site: Site) -> None:
    """Quoting styles editors' tools produce (block scalars, flow maps, quoted '&' and '*') are not mistaken for attacks."""
    meta = {"title": "Đối ngoại & hợp tác * 2025", "date": "2025-01-15 16:17", "category": "thoi-su",
            "summary": "Dòng một\nvẫn là sapo", "tags": ["Lào", "R&D", "* 2025"], "source": {"name": "Báo", "url": "https://example.com/"}}
    site.write("tin-tuc/2025/cong-cu.md", "---\n" + yaml.safe_dump(meta, allow_unicode=True, default_style='"') + "---\nNội dung.\n")
    site.build()
    page = site.html("tin-tuc/cong-cu/")
    assert text(page.select_one(".portal-article h1")) == "Đối ngoại & hợp tác * 2025"
