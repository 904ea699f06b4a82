"""Make an article's rendered HTML safe to publish, keeping what Markdown and Material produce.

Editors paste from Word, web pages and embed dialogs; raw HTML in Markdown is
passed through by Python-Markdown untouched. A ``<script>``, an ``onerror=``
attribute or a ``javascript:`` link in one article would run on the portal's
own origin. The allow-list below (applied by nh3, a binding of the Rust
``ammonia`` sanitizer, which parses like a browser) keeps headings with ids
and permalinks, tables, highlighted code, images, figures, admonitions,
details, tabbed blocks and footnotes, and removes everything else that can
run code, load third-party content or restyle the page.

Iframes (video embeds) are kept only from the hosts the site configuration
names, and are sandboxed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import nh3

_HEADINGS = {f"h{level}" for level in range(1, 7)}

#: Elements kept. Everything else is removed (its text kept), except
#: ``script`` and ``style`` whose content goes too.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "hr", "i", "img", "input", "ins",
        "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
        "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
        "section", "article", "aside", "header", "footer", "audio", "video", "source", "track",
    }
    | _HEADINGS
)

#: Attributes kept, per element (``*``: on every element). No ``style``, no
#: ``on*`` handlers, no ``dir`` (it reorders text like a bidi override), no
#: ``data-*`` (Material mounts its components on ``data-md-*`` attributes)
#: except the tabbed blocks' ``data-tabs``.
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang"},
    "div": {"data-tabs"},
    "a": {"href", "name", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "align", "loading"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align", "headers"},
    "th": {"colspan", "rowspan", "align", "headers", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "input": {"name", "checked", "disabled"},
    "label": {"for"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "video": {"src", "controls", "width", "height", "poster", "preload", "muted", "loop", "playsinline"},
    "audio": {"src", "controls", "preload", "muted", "loop"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "frameborder"},
}

#: Attributes whose values are restricted to a fixed set.
ALLOWED_VALUES: dict[str, dict[str, set[str]]] = {
    "a": {"target": {"_blank"}},
    "input": {"type": {"checkbox", "radio"}},
    "ol": {"type": {"1", "a", "A", "i", "I"}},
}

#: Set on every kept iframe: no top-level navigation, no forms, no downloads
#: from the embed; the referrer policy video hosts require.
IFRAME_ATTRIBUTES = {
    "sandbox": "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox",
    "referrerpolicy": "strict-origin-when-cross-origin",
    "loading": "lazy",
}

URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Ids Material's own markup uses start with "__" (__config, __drawer, __search,
# __palette_0…): an article must not shadow them (DOM clobbering). Only the
# "__" ids that Markdown extensions generate inside content are kept.
_CONTENT_RESERVED_ID = re.compile(r"^__(?:tabbed_|codelineno-|code_|span-)")

# Python-Markdown aligns table columns with style="text-align: …"; Material
# styles td[align] the same way, and an align attribute needs no inline style
# (which the Content-Security-Policy refuses).
_DATA_TABS = re.compile(r"^\d+:\d+$")  # pymdownx.tabbed: "set:count"
_TABLE_ALIGN = re.compile(r'(<t[hd]\b[^>]*?)\s+style="text-align:\s*(left|center|right);?"')
# Applied to nh3's output, which quotes every attribute with " and escapes < > inside values.
_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.DOTALL)
_TEXT_INPUT = re.compile(r"<input(?![^>]*\stype=\"(?:checkbox|radio)\")[^>]*>")  # only task lists' and tabs' inputs

# A tag, with quoted attribute values (which may hold ">"), for the findings report.
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)([^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*)>")
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "data", "xlink:href", "background"}
_DANGEROUS_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "link", "meta",
    "svg", "math", "template", "portal",
}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def normalise_host(value: str) -> str:
    """``https://www.youtube.com/`` or ``www.youtube.com`` → ``www.youtube.com``."""
    value = value.strip().lower()
    if "://" in value:
        value = urlsplit(value).netloc
    return value.strip("/")


def url_scheme(value: str) -> str | None:
    """The scheme of a URL as a browser reads it (entities decoded, blanks and controls ignored)."""
    match = _SCHEME.match(_INVISIBLE.sub("", html.unescape(value)))
    return match.group(1).lower() if match else None


class HtmlSanitizer:
    """An nh3 cleaner configured once per build (building it per page would cost more than cleaning)."""

    def __init__(self, iframe_hosts: Iterable[str] = ()) -> None:
        self.iframe_hosts = frozenset(normalise_host(host) for host in iframe_hosts if host.strip())
        tags = set(ALLOWED_TAGS)
        if self.iframe_hosts:
            tags.add("iframe")
        self._cleaner = nh3.Cleaner(
            tags=tags,
            clean_content_tags={"script", "style"},
            attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
            attribute_filter=self._filter,
            strip_comments=True,
            link_rel=None,
            tag_attribute_values={tag: {k: set(v) for k, v in values.items()} for tag, values in ALLOWED_VALUES.items()},
            set_tag_attribute_values={"iframe": dict(IFRAME_ATTRIBUTES)},
            url_schemes=set(URL_SCHEMES),
        )

    def allows_frame(self, src: str) -> bool:
        """Whether an iframe may load ``src``: https, from a configured host."""
        parts = urlsplit(html.unescape(src).strip())
        return parts.scheme == "https" and (parts.hostname or "") in self.iframe_hosts

    def _filter(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("id", "name", "for") and value.startswith("__") and not _CONTENT_RESERVED_ID.match(value):
            return None
        if attribute == "data-tabs":
            return value if _DATA_TABS.match(value) else None
        if tag == "iframe" and attribute == "src":
            return value if self.allows_frame(value) else None
        if attribute == "poster" and url_scheme(value) not in (None, "http", "https"):
            return None
        return value

    def clean(self, rendered: str) -> str:
        """The safe version of ``rendered`` (HTML produced by Markdown from an editor's text)."""
        cleaned = self._cleaner.clean(_TABLE_ALIGN.sub(r'\1 align="\2"', rendered))
        if "<iframe" in cleaned:
            cleaned = _EMPTY_IFRAME.sub("", cleaned)
        if "<input" in cleaned:
            cleaned = _TEXT_INPUT.sub("", cleaned)
        return cleaned

    def findings(self, rendered: str) -> list[str]:
        """What :meth:`clean` removes that an editor should hear about, as short code snippets.

        Best effort, for the build's warning: the guarantee is :meth:`clean`.
        Harmless unknown tags (``<font>``) are dropped quietly, their text kept.
        """
        found: list[str] = []
        for match in _TAG.finditer(_TABLE_ALIGN.sub(r'\1 align="\2"', rendered)):
            tag = match.group(1).lower()
            attributes = {name.lower(): _unquote(value) for name, value in _ATTRIBUTE.findall(match.group(2))}
            if tag == "iframe" and self.iframe_hosts and self.allows_frame(attributes.get("src", "")):
                pass
            elif tag == "iframe":
                host = urlsplit(attributes.get("src", "")).hostname or "?"
                found.append(f"<iframe src=…{host}…>")
            elif tag in _DANGEROUS_TAGS:
                found.append(f"<{tag}>")
            for name, value in attributes.items():
                if name.startswith("on"):
                    found.append(f"{name}=")
                elif name == "style":
                    found.append("style=")
                elif name in _URL_ATTRIBUTES and url_scheme(value) not in (None, *URL_SCHEMES):
                    found.append(f"{name}=\"{url_scheme(value)}:…\"")
        return list(dict.fromkeys(found))


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def may_hold_raw_html(markdown: str) -> bool:
    """Cheap test on an article's Markdown: can its HTML contain anything beyond what Markdown writes?

    Raw HTML needs a ``<``; attribute lists (``{: onclick=…}``) need a ``{``.
    Most articles have neither, and skip the findings scan.
    """
    return "<" in markdown or "{" in markdown
