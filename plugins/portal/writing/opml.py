"""OPML 2.0: every feed of the site in one file that feed readers import at once.

Built as an element tree (never by joining strings), so titles with ``&``,
quotes or ``<`` stay well-formed. The creation date is the newest article's,
not the build clock's, so rebuilding unchanged content gives the same file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime


@dataclass(frozen=True)
class OpmlFeed:
    """One subscription: ``xml_url`` is the feed, ``html_url`` the page it mirrors (both absolute)."""

    title: str
    xml_url: str
    html_url: str = ""
    kind: str = "rss"
    description: str = ""


@dataclass
class OpmlGroup:
    """A folder in the reader (``Chuyên mục``, ``Chủ đề``); an empty title puts the feeds at the top level."""

    title: str
    feeds: Sequence[OpmlFeed] = field(default_factory=list)


def render_opml(
    title: str,
    groups: Sequence[OpmlGroup],
    *,
    created: datetime | None = None,
    owner_name: str = "",
    docs_url: str = "http://opml.org/spec2.opml",
) -> bytes:
    """The OPML 2.0 document, UTF-8 with an XML declaration."""
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = title
    if created is not None:
        ET.SubElement(head, "dateCreated").text = format_datetime(created)
    if owner_name:
        ET.SubElement(head, "ownerName").text = owner_name
    ET.SubElement(head, "docs").text = docs_url
    body = ET.SubElement(opml, "body")
    for group in groups:
        if not group.feeds:
            continue
        parent = ET.SubElement(body, "outline", text=group.title, title=group.title) if group.title else body
        for feed in group.feeds:
            attributes = {"type": "rss", "text": feed.title, "title": feed.title, "xmlUrl": feed.xml_url}
            if feed.html_url:
                attributes["htmlUrl"] = feed.html_url
            if feed.description:
                attributes["description"] = feed.description
            # OPML 2.0 names the format of RSS feeds; Atom ones are listed as type="rss" without a version.
            if feed.kind == "rss":
                attributes["version"] = "RSS2"
            ET.SubElement(parent, "outline", attributes)
    ET.indent(opml)
    return ET.tostring(opml, encoding="utf-8", xml_declaration=True) + b"\n"
