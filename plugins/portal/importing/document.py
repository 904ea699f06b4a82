"""The shape both inputs are brought to: a list of blocks, plus what an HTML page's markup says.

A plain-text export and an HTML page differ only until they are blocks
(paragraphs, headings, lists, images…). From there one pipeline
(:mod:`portal.importing.convert`) finds the title, date, sapo, byline and
source, and drops the furniture, so both inputs follow the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.importing.detect import FoundDate


@dataclass
class Block:
    """One block of the article body.

    Attributes:
        kind: ``para``, ``heading``, ``list``, ``quote``, ``table``, ``code``, ``image`` or ``caption``.
        markdown: the block as Markdown (without the image line for ``image``).
        text: its plain text, what detection reads.
        src: an image's address (empty when the old page's address could not be kept).
        missing_src: an image address of the old site that could not be made absolute.
        alt: an image's description.
        caption: an image's caption, credit included.
        bold: the whole block is bold in the source (how many CMSs mark the sapo).
        italic: the whole block is italic (how many CMSs mark a caption).
        caption_class: the source marked it as a caption (``class="caption"``…).
    """

    kind: str
    markdown: str
    text: str
    src: str = ""
    missing_src: str = ""
    alt: str = ""
    caption: str = ""
    bold: bool = False
    italic: bool = False
    caption_class: bool = False


@dataclass
class Hints:
    """What an HTML page's markup says outright (meta tags, classes), before any guessing from the text."""

    title: str = ""
    summary: str = ""
    author: str = ""
    source_name: str = ""
    source_url: str = ""
    image: str = ""
    tags: list[str] = field(default_factory=list)
    # (date, labelled as an update, where it was found)
    dates: list[tuple[FoundDate, bool, str]] = field(default_factory=list)
    meta_description: str = ""
    missing_images: list[str] = field(default_factory=list)
    dropped_links: int = 0
    furniture: dict[str, int] = field(default_factory=dict)


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def clean_text(text: str) -> str:
    """One line of text: invisible characters and soft hyphens gone, spaces single."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def escape_markdown(text: str) -> str:
    """Plain text as Markdown that shows exactly that text (no accidental emphasis, list, heading or HTML)."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*_`\[\]])", r"\\\1", text)
    text = text.replace("<", "&lt;")
    text = re.sub(r"^(\s*)([#>+])", r"\1\\\2", text)
    text = re.sub(r"^(\s*)-(?=\s|-|$)", r"\1\\-", text)
    text = re.sub(r"^(\s*\d+)([.)])(?=\s|$)", r"\1\\\2", text)
    return text


def escape_line_starts(markdown: str) -> str:
    """Keep a paragraph a paragraph: a line opening with ``2.``, ``-``, ``#`` or ``>`` would start a list, heading or quote."""
    return "\n".join(
        re.sub(r"^(\s*)(?:([#>+])|-(?=\s)|(\d+)([.)])(?=\s))", _escape_start, line) for line in markdown.split("\n")
    )


def _escape_start(match: re.Match[str]) -> str:
    indent, symbol, number, mark = match.groups()
    if number:
        return f"{indent}{number}\\{mark}"
    return f"{indent}\\{symbol or '-'}"


_LIST_ITEM = re.compile(r"^[-•*+▪●◦–]\s+(?P<rest>.+)$")


def text_to_blocks(text: str) -> list[Block]:
    """Paragraphs of a plain-text export.

    Exports either put one paragraph per line or wrap lines at a fixed width
    with blank lines between paragraphs. Wrapped text (blank lines, and no
    line longer than a typewriter's) is joined back; otherwise each line is
    a paragraph. Lines starting with a bullet become a list.
    """
    lines = [clean_text(line) for line in text.split("\n")]
    chunks: list[list[str]] = [[]]
    for line in lines:
        if line:
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
    chunks = [chunk for chunk in chunks if chunk]
    wrapped = len(chunks) > 1 and max(len(line) for line in lines) <= 100 and any(len(chunk) > 1 for chunk in chunks)
    paragraphs: list[str] = []
    for chunk in chunks:
        if wrapped and not any(_LIST_ITEM.match(line) for line in chunk):
            paragraphs.append(" ".join(chunk))
        else:
            paragraphs.extend(chunk)
    blocks: list[Block] = []
    for paragraph in paragraphs:
        item = _LIST_ITEM.match(paragraph)
        if item:
            rest = item.group("rest")
            if blocks and blocks[-1].kind == "list":
                blocks[-1].markdown += "\n- " + escape_markdown(rest)
                blocks[-1].text += "\n" + rest
            else:
                blocks.append(Block("list", "- " + escape_markdown(rest), rest))
            continue
        blocks.append(Block("para", escape_markdown(paragraph), paragraph))
    return blocks
