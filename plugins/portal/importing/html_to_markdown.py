"""An old portal's HTML page → the article's blocks in Markdown, and what its markup says.

Parsed with BeautifulSoup over lxml (lenient with the unclosed tags of old
CMSs); each block's inline content (bold, italic, links, line breaks, lists,
tables) is converted by markdownify. What this module adds around them is
what a news page needs:

- the page's metadata: ``og:title``/``<h1>``, ``article:published_time``,
  ``<time datetime>``, the sapo, byline, source and keyword elements that
  Vietnamese CMSs mark with classes (``sapo``, ``author``, ``tags``…);
- the article's container, chosen by how much non-link text it holds, so menus,
  sidebars and "Tin cùng chuyên mục" lists around it are left out;
- images as blocks with their captions (``<figure>``, the one-image tables
  and wrappers of Vietnamese CMSs, ``<img><br>caption`` paragraphs);
- links and images made absolute from the old site's address, or dropped (a
  link keeps its text) when no address is known: a relative path of the old
  site would be a broken link here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from markdownify import MarkdownConverter

from portal.importing.detect import author_from_label, date_line, find_full_dates, looks_like_byline, source_line, tags_line
from portal.importing.document import Block, Hints, clean_text, escape_line_starts, escape_markdown
from portal.importing.furniture import FURNITURE_CLASS

_JUNK_TAGS = [
    "script", "style", "noscript", "template", "iframe", "form", "button", "input", "select", "textarea",
    "svg", "object", "embed", "link", "meta", "nav", "aside", "audio", "video", "canvas", "map",
]
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "center", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
    "blockquote", "table", "figure", "pre", "hr", "header", "footer", "address", "tbody", "thead", "tfoot", "tr",
    "td", "th", "li", "figcaption", "details", "summary", "body", "html",
}
_HEADINGS = {"h1": "##", "h2": "##", "h3": "###", "h4": "####", "h5": "####", "h6": "####"}


def _class_words(el: Tag) -> str:
    classes = el.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    return " ".join([*classes, str(el.get("id") or ""), str(el.get("itemprop") or "")]).strip()


def _class_re(words: str) -> re.Pattern[str]:
    return re.compile(r"(?:^|[-_ ])(?:" + words + r")(?:$|[-_ ])", re.IGNORECASE)


_CONTENT_CLASS = _class_re(
    r"article|articlebody|article-?body|content|contents|detail|details|chi-?tiet|chitiet|noi-?dung|noidung|"
    r"entry|post|news|body|story|fck\w*|bai-?viet|baiviet|main"
)
_TITLE_CLASS = _class_re(r"title|tieu-?de|tieude|headline|news-?title|article-?title")
_SAPO_CLASS = _class_re(r"sapo|sapo-?detail|summary|lead|chapeau|tom-?tat|tomtat|intro|excerpt|teaser|description|mo-?ta")
_DATE_CLASS = _class_re(r"date|time|datetime|ngay|ngay-?dang|publish\w*|posted|post-?date|time-?post|date-?post|pubdate")
_AUTHOR_CLASS = _class_re(r"author|authors|tac-?gia|tacgia|byline|writer|nguoi-?viet|signature|article-?author")
_SOURCE_CLASS = _class_re(r"source|nguon|nguon-?tin|article-?source")
_TAGS_CLASS = _class_re(r"tags?|tag-?list|keywords?|tu-?khoa|tukhoa|the-?tag|tag-?item")
_CAPTION_CLASS = _class_re(
    r"caption|captions|figcaption|image-?caption|img-?caption|photo-?caption|chu-?thich|chuthich|"
    r"image_desc|img_desc|desc|description|note|pic-?desc|tplcaption"
)
_IMAGE_WRAPPER_CLASS = _class_re(r"image|img|photo|picture|figure|pic|anh|hinh|media|tplcaption|expnoedit")
_LOGO_CLASS = _class_re(r"logo|brand|site-?name|site-?title")
_SITE_NAME = re.compile(r"(?i:cổng thông tin|cổng ttđt|trang thông tin|trang ttđt|báo điện tử|trang chủ|portal|website|home ?page)")


_FURNITURE_KINDS = [
    ("banner", _class_re(r"banner|adv?|ads|advert\w*|quang-?cao|qc")),
    ("share", _class_re(r"share|sharing|social|print|toolbar|tools|audio|player")),
    ("related", _class_re(r"related|lien-?quan|tinlienquan|cung-?chuyen-?muc|other-?news|tin-?khac|more-?news")),
    ("newsletter", _class_re(r"newsletter|subscribe|dang-?ky")),
    ("breadcrumb", _class_re(r"breadcrumbs?|menu|navbar")),
    ("views", _class_re(r"rating|view-?count|luot-?xem")),
    ("reading_time", _class_re(r"reading-?time|read-?time|thoi-?gian-?doc")),
]


class _Converter(MarkdownConverter):
    """markdownify with the portal's Markdown style; images the old site kept to itself are left out."""

    def __init__(self) -> None:
        super().__init__(
            heading_style="ATX", bullets="-", strong_em_symbol="*", wrap=True, wrap_width=None,
            escape_misc=False, table_infer_header=True,
        )

    def convert_img(self, el, text, parent_tags):  # type: ignore[no-untyped-def,override]
        if el.get("data-missing"):
            return ""
        return super().convert_img(el, text, parent_tags)


_CONVERTER = _Converter()


def _markdown(html: str) -> str:
    markdown = _CONVERTER.convert(html)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip()


def _text(el: Tag | Iterable[Tag | NavigableString]) -> str:
    if isinstance(el, Tag):
        return clean_text(el.get_text(" "))
    return clean_text(" ".join(n.get_text(" ") if isinstance(n, Tag) else str(n) for n in el))


def _whole(nodes: list[Tag | NavigableString], names: set[str]) -> bool:
    """Whether all the text of ``nodes`` sits inside one of the tags ``names`` (the whole block is bold/italic)."""
    strings: list[NavigableString] = []
    for node in nodes:
        if isinstance(node, NavigableString):
            strings.append(node)
        else:
            strings.extend(s for s in node.find_all(string=True) if not isinstance(s, Comment))
    found = False
    for string in strings:
        if not str(string).strip():
            continue
        parents = {p.name for p in string.parents}
        if not parents & names:
            return False
        found = True
    return found


class _PageReader:
    def __init__(self, html: str, base_url: str | None) -> None:
        self.soup = BeautifulSoup(html, "lxml")
        self.hints = Hints()
        self.blocks: list[Block] = []
        self.base = base_url or self._page_base()

    # -- metadata --------------------------------------------------------

    def _meta(self, *names: str) -> list[str]:
        values = []
        for name in names:
            for attr in ("property", "name", "itemprop"):
                for el in self.soup.find_all("meta", attrs={attr: re.compile(rf"^{re.escape(name)}$", re.IGNORECASE)}):
                    content = clean_text(str(el.get("content") or ""))
                    if content:
                        values.append(content)
        return values

    def _page_base(self) -> str | None:
        candidates = []
        base = self.soup.find("base", href=True)
        if base:
            candidates.append(str(base["href"]))
        canonical = self.soup.find("link", rel=lambda v: v and "canonical" in v, href=True)
        if canonical:
            candidates.append(str(canonical["href"]))
        candidates.extend(self._meta("og:url"))
        for candidate in candidates:
            if urlsplit(candidate).scheme in ("http", "https") and urlsplit(candidate).netloc:
                return candidate
        return None

    def resolve(self, url: str | None) -> str | None:
        """An address usable on the new site, or None."""
        url = (url or "").strip()
        if not url or url.startswith("#") or url.lower().startswith(("javascript:", "data:", "about:", "file:")):
            return None
        if url.lower().startswith(("mailto:", "tel:")):
            return url
        if url.startswith("//"):
            return "https:" + url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return url
        if parts.scheme:
            return None
        return urljoin(self.base, url) if self.base else None

    def read_metadata(self) -> None:
        hints = self.hints
        for value in self._meta("article:published_time", "datePublished", "og:published_time", "pubdate",
                                "publishdate", "publish-date", "dc.date.issued", "dc.date", "date"):
            for found, _, _ in find_full_dates(value)[:1]:
                hints.dates.append((found, False, "meta"))
        for value in self._meta("article:modified_time", "dateModified"):
            for found, _, _ in find_full_dates(value)[:1]:
                hints.dates.append((found, True, "meta"))
        hints.tags = list(dict.fromkeys(self._meta("article:tag")))
        descriptions = self._meta("og:description", "description")
        hints.meta_description = descriptions[0] if descriptions else ""
        for value in self._meta("og:image", "twitter:image"):
            image = self.resolve(value)
            if image:
                hints.image = image
                break

    def remove_junk(self) -> None:
        for comment in self.soup.find_all(string=lambda s: isinstance(s, Comment)):
            comment.extract()
        for el in self.soup.find_all(_JUNK_TAGS):
            el.decompose()
        for el in self.soup.find_all(True):
            if el.decomposed:
                continue
            style = str(el.get("style") or "").replace(" ", "").lower()
            if el.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style:
                el.decompose()

    # -- the article's container --------------------------------------------

    def container(self) -> Tag:
        body = self.soup.body or self.soup
        scored: list[tuple[int, int, Tag]] = []
        for depth_el in body.find_all(["article", "main", "div", "section", "td"]):
            if depth_el.name not in ("article", "main") and not _CONTENT_CLASS.search(_class_words(depth_el)):
                continue
            if FURNITURE_CLASS.search(_class_words(depth_el)):
                continue
            text = len(depth_el.get_text(" ", strip=True))
            links = sum(len(a.get_text(" ", strip=True)) for a in depth_el.find_all("a"))
            scored.append((text - links, len(list(depth_el.parents)), depth_el))
        if not scored:
            return body
        best = max(score for score, _, _ in scored)
        if best < 200:
            return body
        # The innermost element that still holds nearly all of the best one's text.
        near = [(depth, el) for score, depth, el in scored if score >= 0.85 * best]
        return max(near, key=lambda item: item[0])[1]

    # -- what classes and tags say ---------------------------------------------

    def read_marked_parts(self, container: Tag) -> None:
        hints = self.hints
        title_el = self._title_element(container)
        if title_el is not None:
            hints.title = _text(title_el)
            if container in title_el.parents:
                title_el.decompose()
        if not hints.title:
            titles = self._meta("og:title", "twitter:title")
            if titles:
                hints.title = titles[0]
            elif self.soup.title and self.soup.title.string:
                # "Headline - Site name"; a title that is only the site's name is no headline.
                title = re.split(r"\s+[|–—-]\s+(?=[^|–—-]*$)", clean_text(self.soup.title.string))[0]
                if not _SITE_NAME.search(title):
                    hints.title = title
        for el in list(self.soup.find_all(True)):
            if el.decomposed or el.name in ("html", "body") or el is container or el in container.parents:
                continue
            words = _class_words(el)
            if not words:
                continue
            text = _text(el)
            if (
                _SAPO_CLASS.search(words) and not hints.summary and 20 <= len(text) <= 800
                and not el.find("img") and len(el.find_all("p")) <= 1
            ):
                hints.summary = text
                el.decompose()
            elif _TAGS_CLASS.search(words) and len(text) <= 400:
                links = [clean_text(a.get_text(" ")) for a in el.find_all("a")]
                labelled = tags_line(text) if not links else None
                for tag in links or labelled or []:
                    tag = tag.strip(" #,")
                    if tag and len(tag) <= 60 and tag.casefold() not in ("tags", "từ khóa", "từ khoá") and tag not in hints.tags:
                        hints.tags.append(tag)
                el.decompose()
            elif _AUTHOR_CLASS.search(words) and len(text) <= 120:
                name = author_from_label(text) or (text if looks_like_byline(text) else None)
                if name and not hints.author:
                    hints.author = name
                if name:
                    el.decompose()
            elif _SOURCE_CLASS.search(words) and len(text) <= 300 and not el.find("img"):
                found = source_line(text) or ((text, "") if len(text) <= 80 and text else None)
                link = el.find("a", href=True)
                if found and not hints.source_name and not hints.source_url:
                    hints.source_name = found[0]
                    hints.source_url = found[1] or (self.resolve(str(link["href"])) or "" if link else "")
                    el.decompose()
            elif _DATE_CLASS.search(words) and len(text) <= 120 and not el.find(["p", "img"]):
                moment = el if el.name == "time" else el.find("time")
                stamp = str(moment.get("datetime") or "") if moment else ""
                dates = find_full_dates(stamp)[:1] if stamp else []
                if dates:
                    hints.dates.append((dates[0][0], False, "meta"))
                    el.decompose()
                    continue
                line = date_line(text)
                if line:
                    hints.dates.append((line[0], line[1], "line"))
                    el.decompose()
        for moment in self.soup.find_all("time", datetime=True):
            dates = find_full_dates(str(moment["datetime"]))
            if dates:
                hints.dates.append((dates[0][0], False, "meta"))
            if len(_text(moment)) <= 60:
                moment.decompose()

    def _title_element(self, container: Tag) -> Tag | None:
        """The headline's element: an ``<h1>`` or an element classed as a title, in the article first."""

        def usable(el: Tag) -> bool:
            text = _text(el)
            if not 8 <= len(text) <= 250 or el.find(["p", "div", "table", "img"]):
                return False
            if _LOGO_CLASS.search(_class_words(el)):
                return False
            return not any(FURNITURE_CLASS.search(_class_words(parent)) for parent in el.parents if parent is not container)

        def titled(el: Tag) -> bool:
            return el.name not in ("a", "img", "meta", "title") and bool(_TITLE_CLASS.search(_class_words(el)))

        article = self.soup.find("article")
        scopes = [container] + [scope for scope in (article, self.soup.body) if scope is not None and scope is not container]
        for scope in scopes:
            for el in scope.find_all("h1"):
                if usable(el) and not (scope is self.soup.body and el.find_parent(["header", "nav"])):
                    return el
            if scope is not self.soup.body:
                for el in scope.find_all(titled):
                    if usable(el):
                        return el
        return None

    # -- body --------------------------------------------------------------

    def prepare_body(self, container: Tag) -> None:
        for el in list(container.find_all(True)):
            if el.decomposed:
                continue
            words = _class_words(el)
            if FURNITURE_CLASS.search(words):
                kind = next((k for k, pattern in _FURNITURE_KINDS if pattern.search(words)), "widget")
                self.hints.furniture[kind] = self.hints.furniture.get(kind, 0) + 1
                el.decompose()
            elif el.name in ("font", "span"):
                # No meaning in Markdown, and old CMSs wrap whole runs of paragraphs in them.
                if _CAPTION_CLASS.search(words):
                    el.name, el.attrs = "em", {}
                else:
                    el.unwrap()
        for link in container.find_all("a"):
            href = self.resolve(str(link.get("href") or ""))
            if href is None:
                if link.get("href") and not str(link["href"]).startswith("#"):
                    self.hints.dropped_links += 1
                link.unwrap()
            else:
                link.attrs = {"href": href}
        for image in container.find_all("img"):
            raw = ""
            for attr in ("data-src", "data-original", "data-lazy-src", "src"):
                value = str(image.get(attr) or "").strip()
                if value and not value.startswith("data:"):
                    raw = value
                    break
            src = self.resolve(raw) if raw else None
            alt = clean_text(str(image.get("alt") or image.get("title") or ""))
            if src is None:
                if raw:
                    self.hints.missing_images.append(raw)
                    image.attrs = {"data-missing": raw, "alt": alt}
                else:
                    image.decompose()
            else:
                image.attrs = {"src": src, "alt": alt}

    def walk(self, node: Tag) -> None:
        buffer: list[Tag | NavigableString] = []
        for child in list(node.children):
            if isinstance(child, NavigableString):
                if not isinstance(child, Comment):
                    buffer.append(child)
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br" or (name not in _BLOCK_TAGS and name != "img" and not child.find(list(_BLOCK_TAGS) + ["img"])):
                buffer.append(child)
                continue
            self._flush(buffer)
            buffer = []
            if name == "img":
                self._image(child, "")
            elif name in _HEADINGS:
                text = _text(child)
                if text:
                    self.blocks.append(Block("heading", f"{_HEADINGS[name]} {escape_markdown(text)}", text))
            elif name == "p":
                self._paragraph(child)
            elif name in ("ul", "ol", "dl"):
                self._simple(child, "list")
            elif name == "blockquote":
                if child.find("img") or child.find(["table", "div", "figure"]):
                    self.walk(child)
                else:
                    self._simple(child, "quote")
            elif name == "pre":
                self._simple(child, "code")
            elif name == "hr":
                continue
            elif name == "table":
                self._table(child)
            elif name == "figure":
                self._figure(child)
            elif self._image_wrapper(child):
                continue
            elif not child.find(list(_BLOCK_TAGS)):
                self._paragraph(child)  # a div of inline content is a paragraph
            else:
                self.walk(child)
        self._flush(buffer)

    def _flush(self, nodes: list[Tag | NavigableString]) -> None:
        segment: list[Tag | NavigableString] = []
        breaks = 0
        for node in nodes:
            if isinstance(node, Tag) and node.name == "br":
                breaks += 1
                segment.append(node)
                if breaks >= 2:  # a blank line between two runs of text: two paragraphs
                    self._para_from(segment[:-2] if len(segment) >= 2 else [])
                    segment = []
                    breaks = 0
                continue
            if isinstance(node, NavigableString) and not str(node).strip():
                segment.append(node)
                continue
            breaks = 0
            segment.append(node)
        self._para_from(segment)

    def _para_from(self, nodes: list[Tag | NavigableString]) -> None:
        images = [n for n in nodes if isinstance(n, Tag) and (n.name == "img" or n.find("img"))]
        if images:
            for holder in images:
                for image in [holder] if holder.name == "img" else holder.find_all("img"):
                    self._image(image, "")
            nodes = [n for n in nodes if n not in images]
        text = _text(nodes)
        if not text:
            return
        markdown = escape_line_starts(_markdown("".join(str(n) for n in nodes)))
        if not markdown:
            return
        self.blocks.append(
            Block("para", markdown, text, bold=_whole(nodes, {"strong", "b"}), italic=_whole(nodes, {"em", "i"}))
        )

    def _paragraph(self, el: Tag) -> None:
        images = el.find_all("img")
        text = _text(el)
        if len(images) == 1 and len(text) <= 300:
            self._image(images[0], text)
            return
        before = len(self.blocks)
        self._flush(list(el.children))
        if _CAPTION_CLASS.search(_class_words(el)):
            for block in self.blocks[before:]:
                block.caption_class = True

    def _simple(self, el: Tag, kind: str) -> None:
        text = _text(el)
        markdown = _markdown(str(el))
        if text and markdown:
            self.blocks.append(Block(kind, markdown, text if kind != "list" else "\n".join(_text(li) for li in el.find_all("li"))))

    def _image(self, image: Tag, caption: str) -> None:
        src = str(image.get("src") or "")
        missing = str(image.get("data-missing") or "")
        if not src and not missing:
            return
        alt = clean_text(str(image.get("alt") or ""))
        self.blocks.append(Block("image", "", caption or alt, src=src, missing_src=missing, alt=alt, caption=caption))

    def _figure(self, el: Tag) -> None:
        images = el.find_all("img")
        if not images:
            self.walk(el)
            return
        caption_el = el.find("figcaption")
        caption = _text(caption_el) if caption_el else ""
        if caption_el is not None:
            caption_el.decompose()
        self._image(images[0], caption)
        for extra in images[1:]:
            self._image(extra, "")

    def _image_wrapper(self, el: Tag) -> bool:
        """A div of one image and its caption, as CMSs wrap photos; handled as one image block."""
        images = el.find_all("img")
        if len(images) != 1 or el.find(["table", "ul", "ol", "h2", "h3"]):
            return False
        text = _text(el)
        marked = _IMAGE_WRAPPER_CLASS.search(_class_words(el)) or any(
            _CAPTION_CLASS.search(_class_words(d)) or d.name in ("em", "i", "figcaption") for d in el.find_all(True)
        )
        if len(text) > 300 or (text and not marked):
            return False
        self._image(images[0], text)
        return True

    def _table(self, el: Tag) -> None:
        images = el.find_all("img")
        text = _text(el)
        if len(images) == 1 and len(text) <= 300 and len(el.find_all("tr")) <= 3:
            self._image(images[0], text)
            return
        cells = el.find_all(["td", "th"])
        layout = images or any(cell.find(["p", "div", "table", "ul", "ol", "h2", "h3"]) for cell in cells) or len(
            el.find_all("tr")
        ) <= 1
        if layout:
            for cell in cells:
                if cell.find_parent("table") is el:
                    self.walk(cell)
            return
        self._simple(el, "table")


def html_to_blocks(html: str, base_url: str | None = None) -> tuple[list[Block], Hints]:
    """Read one HTML page: the blocks of its article and what its markup says."""
    page = _PageReader(html, base_url)
    page.read_metadata()
    page.remove_junk()
    container = page.container()
    page.read_marked_parts(container)
    page.prepare_body(container)
    page.walk(container)
    return page.blocks, page.hints
