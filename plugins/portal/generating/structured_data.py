"""What search engines and social networks read about an article.

JSON-LD ``NewsArticle`` (schema.org, as Google's Article rich results
describe it), the Open Graph / Twitter card values, and the share links of
the article tools. Plain data built from the content model; the templates
only print it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any
from urllib.parse import quote, urlencode

from portal.model.entities import Article, Category
from portal.urls import absolute_url
from portal.writing.sitemaps import w3c_datetime

SCHEMA_CONTEXT = "https://schema.org"

# Characters that could end a <script> element or an HTML comment inside it,
# and the two line separators JavaScript once refused in strings.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class Publisher:
    """The organisation that publishes the portal (``publisher`` in JSON-LD)."""

    name: str
    url: str
    logo_url: str | None = None


def image_url(article: Article, site_url: str) -> str | None:
    """The lead image as an absolute URL (``/anh/x.jpg`` is content-relative), or None."""
    if not article.image:
        return None
    if article.image_is_external:
        return article.image
    return absolute_url(site_url, article.image.lstrip("/"))


def author_data(article: Article, publisher: Publisher) -> dict[str, Any]:
    """The byline as a Person; "Quang Minh, Ban Tuyên giáo Tỉnh ủy" gives the unit as affiliation.

    Without a byline the publisher is the author, as an Organization.
    """
    byline = " ".join(article.author.split())
    if not byline:
        return {"@type": "Organization", "name": publisher.name, "url": publisher.url}
    name, _, unit = (part.strip() for part in byline.partition(","))
    person: dict[str, Any] = {"@type": "Person", "name": name or byline}
    if unit:
        person["affiliation"] = {"@type": "Organization", "name": unit}
    return person


def news_article(
    article: Article,
    category: Category,
    *,
    page_url: str,
    site_url: str,
    publisher: Publisher,
    language: str,
    zone: tzinfo,
) -> dict[str, Any]:
    """The article's schema.org ``NewsArticle``; dates in the portal's zone (``+07:00``)."""
    data: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": page_url},
        "url": page_url,
        "headline": article.title,
        "datePublished": w3c_datetime(article.date, zone),
        "dateModified": w3c_datetime(article.modified, zone),
        "inLanguage": language,
        "articleSection": category.name,
        "author": [author_data(article, publisher)],
        "publisher": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
    }
    if publisher.logo_url:
        data["publisher"]["logo"] = {"@type": "ImageObject", "url": publisher.logo_url}
    image = image_url(article, site_url)
    if image:
        data["image"] = [image]
    if article.summary:
        data["description"] = article.summary
    if article.tags:
        data["keywords"] = list(article.tags)
    if article.source is not None:
        cited: dict[str, Any] = {"@type": "CreativeWork", "name": article.source.name}
        if article.source.url:
            cited["url"] = article.source.url
        data["isBasedOn"] = cited
    return data


def script_json(data: Any) -> str:
    """JSON for a ``<script type="application/ld+json">``: a title with ``</script>`` cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "".join(_SCRIPT_ESCAPES.get(char, char) for char in text)


@dataclass(frozen=True)
class ShareLink:
    """A plain share link (no third-party script): ``network`` names its icon and label."""

    network: str
    name: str
    href: str


def share_links(page_url: str, title: str) -> list[ShareLink]:
    """Facebook, Zalo, X and e-mail share links, URL-encoded once, at build time.

    Zalo documents only its JavaScript share button (a third-party script);
    ``sp.zalo.me/share_inline?url=`` is the address that button opens and the
    one Vietnamese news sites link to without the script.
    """
    def encoded(**params: str) -> str:
        # quote (not quote_plus): "%20" for spaces is understood everywhere, "+" is not in mailto: (RFC 6068).
        return urlencode(params, quote_via=quote, safe="")

    return [
        ShareLink("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + encoded(u=page_url)),
        ShareLink("zalo", "Zalo", "https://sp.zalo.me/share_inline?" + encoded(url=page_url)),
        ShareLink("x", "X", "https://twitter.com/intent/tweet?" + encoded(url=page_url, text=title)),
        ShareLink("email", "E-mail", "mailto:?" + encoded(subject=title, body=page_url)),
    ]


def social_meta(article: Article, *, site_url: str, zone: tzinfo) -> dict[str, str | None]:
    """Values of the Open Graph ``article:*`` and Twitter card tags the theme prints."""
    image = image_url(article, site_url)
    return {
        "published_time": w3c_datetime(article.date, zone),
        "modified_time": w3c_datetime(article.modified, zone),
        "twitter_card": "summary_large_image" if image else "summary",
        "image": image,
    }
