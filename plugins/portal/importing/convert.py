"""From blocks to an article: title, date, sapo, byline, source, lead photo, body.

One pipeline for plain text and HTML. Each step only takes what the file
says; anything it cannot find stays empty and is reported, so that an editor
completes it instead of publishing a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from portal.importing import detect
from portal.importing.detect import FoundDate
from portal.importing.document import Block, Hints, escape_markdown
from portal.importing.furniture import furniture_kind, looks_like_list_item, normalise, section_marker
from portal.importing.messages import message


@dataclass
class Extracted:
    """What one file holds, in the portal's terms, plus what the report should say."""

    title: str = ""
    summary: str = ""
    author: str = ""
    source_name: str = ""
    source_url: str = ""
    image: str = ""
    image_caption: str = ""
    tags: list[str] = field(default_factory=list)
    body: str = ""
    # dates seen, by where: (date, labelled as update, the text it was read from)
    header_dates: list[tuple[FoundDate, bool, str]] = field(default_factory=list)
    meta_dates: list[tuple[FoundDate, bool, str]] = field(default_factory=list)
    lead: FoundDate | None = None
    body_dates: list[FoundDate] = field(default_factory=list)
    orphan_captions: int = 0
    captions: int = 0
    missing_images: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


# -- furniture -----------------------------------------------------------------


def _list_like(block: Block) -> bool:
    if block.kind in ("list", "image"):
        return True
    if block.kind not in ("para", "heading"):
        return False
    return bool(section_marker(block.text) or furniture_kind(block.text) or looks_like_list_item(block.text))


def drop_furniture(blocks: list[Block], out: Extracted) -> list[Block]:
    """Drop the old page's furniture: lists of other articles, banners, prompts, badges."""
    kept: list[Block] = []
    kinds: Counter[str] = Counter()
    started = False  # has the article's text begun (a paragraph of some length)?
    i = 0
    while i < len(blocks):
        block = blocks[i]
        marker = section_marker(block.text) if block.kind in ("para", "heading") else None
        if marker and not started:
            # A menu heading above the article, not the end of it: drop the line only.
            out.dropped.append(message("dropped_lines", count=1, kinds=message("furniture_navigation")))
            i += 1
            continue
        if marker:
            j = i + 1
            while j < len(blocks) and _list_like(blocks[j]):
                j += 1
            resumes = any(b.kind == "para" and len(b.text) >= 200 for b in blocks[j:])
            end = j if resumes else len(blocks)
            count = sum(max(1, b.text.count("\n") + 1) for b in blocks[i + 1 : end])
            out.dropped.append(message("dropped_section", label=block.text.strip(" :"), count=count))
            i = end
            continue
        kind = furniture_kind(block.text) if block.kind in ("para", "heading") else None
        if kind:
            kinds[kind] += 1
            i += 1
            continue
        kept.append(block)
        started = started or (block.kind == "para" and len(block.text) >= 120)
        i += 1
    if kinds:
        described = ", ".join(message(f"furniture_{kind}") for kind in kinds)
        out.dropped.append(message("dropped_lines", count=sum(kinds.values()), kinds=described))
    return kept


# -- header and tail ---------------------------------------------------------


def _strip_category(text: str, category_names: list[str]) -> tuple[str, str | None]:
    folded = text.casefold()
    for name in sorted(category_names, key=len, reverse=True):
        prefix = name.casefold()
        if folded.startswith(prefix + " ") and len(text) - len(prefix) > 20:
            return text[len(prefix) :].strip(" |-–—:"), name
    return text, None


def _header_line(block: Block, out: Extracted, category_names: set[str]) -> bool:
    """Consume a line that goes above or just below a headline: date, category label, byline label."""
    if block.kind not in ("para", "heading") or len(block.text) > 160:
        return False
    line = detect.date_line(block.text)
    if line:
        out.header_dates.append((line[0], line[1], block.text))
        return True
    if normalise(block.text) in category_names:
        out.dropped.append(message("dropped_label", label=block.text))
        return True
    name = detect.author_from_label(block.text)
    if name:
        out.author = out.author or name
        return True
    tags = detect.tags_line(block.text)
    if tags:
        out.tags.extend(t for t in tags if t not in out.tags)
        return True
    return False


def read_header(blocks: list[Block], out: Extracted, hints: Hints, category_names: list[str]) -> list[Block]:
    """Find the headline and the lines around it (dates, labels)."""
    folded = {normalise(name) for name in category_names}
    blocks = list(blocks)
    while blocks and _header_line(blocks[0], out, folded):
        blocks.pop(0)
    if hints.title:
        out.title = hints.title
        # The page repeats its headline in the body: drop the copy.
        for index, block in enumerate(blocks[:3]):
            if block.kind in ("para", "heading") and normalise(block.text) == normalise(hints.title):
                del blocks[index]
                break
    elif blocks and blocks[0].kind in ("para", "heading"):
        first = blocks[0]
        text = first.text
        leading = detect.leading_date(text)
        if leading and len(leading[1]) >= 10:
            found, text = leading
            out.header_dates.append((found, False, found.text))
        text, label = _strip_category(text, category_names)
        if label:
            out.dropped.append(message("dropped_label", label=label))
        if detect.looks_like_title(text):
            out.title = text
            blocks.pop(0)
        else:
            split = detect.split_title_lead(text)
            if split:
                out.title, lead = split
                blocks[0] = Block("para", escape_markdown(lead), lead)
            elif text != first.text:
                blocks[0] = Block("para", escape_markdown(text), text)
    while blocks and (
        _header_line(blocks[0], out, folded)
        or (out.title and blocks[0].kind in ("para", "heading") and normalise(blocks[0].text) == normalise(out.title))
    ):
        if out.title and normalise(blocks[0].text) == normalise(out.title):
            out.dropped.append(message("dropped_lines", count=1, kinds=message("furniture_duplicate_title")))
        blocks.pop(0)
    return blocks


def read_tail(blocks: list[Block], out: Extracted) -> list[Block]:
    """Take the byline, source, keywords and trailing date off the end of the article."""
    blocks = list(blocks)
    for _ in range(8):
        if len(blocks) < 2 or blocks[-1].kind not in ("para", "heading"):
            break
        text = blocks[-1].text.strip()
        line = detect.date_line(text)
        source = detect.source_line(text)
        url = detect.url_line(text)
        tags = detect.tags_line(text)
        labelled = detect.author_from_label(text)
        if line:
            out.header_dates.append((line[0], line[1], text))
        elif source and not (source[0] and out.source_name):
            # "Nguồn: Báo X" and the address on the next line are one source.
            out.source_name = out.source_name or source[0]
            out.source_url = out.source_url or source[1]
        elif url and not out.source_url:
            out.source_url = url
        elif tags:
            out.tags.extend(t for t in tags if t not in out.tags)
        elif labelled and not out.author:
            out.author = labelled
        elif not out.author and detect.looks_like_byline(text) and not detect.is_caption(text):
            out.author = text.strip().strip("-–—()[] ").strip()
        else:
            break
        blocks.pop()
    return blocks


# -- sapo, captions, lead photo ----------------------------------------------------


def _same_text(a: str, b: str) -> bool:
    """The same text, or one the start of the other (meta descriptions are often cut short)."""
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return a == b or (len(shorter) >= 40 and longer.startswith(shorter.rstrip(".… ")))


def read_summary(blocks: list[Block], out: Extracted, hints: Hints, is_html: bool) -> list[Block]:
    """The sapo: marked as such by the page, or the first paragraph when it reads as one."""
    blocks = list(blocks)
    if hints.summary:
        out.summary = hints.summary
        if blocks and blocks[0].kind == "para" and _same_text(blocks[0].text, hints.summary):
            blocks.pop(0)
        return blocks
    index = 0 if blocks and blocks[0].kind != "image" else 1
    if index >= len(blocks) or blocks[index].kind != "para":
        return blocks
    first = blocks[index]
    paragraphs_after = sum(1 for b in blocks[index + 1 :] if b.kind == "para")
    is_sapo = (
        first.bold
        or detect.is_lead(first.text)
        or (hints.meta_description and _same_text(first.text, hints.meta_description))
        or (not is_html and len(first.text) <= 700 and paragraphs_after >= 2)
    ) and not detect.is_caption(first.text) and len(first.text) <= 1000
    if is_sapo:
        out.summary = first.text
        del blocks[index]
    return blocks


def _join_credit(caption: str, credit: str) -> str:
    """``Lễ ký kết`` + ``Ảnh: Thanh Tùng`` → ``Lễ ký kết. Ảnh: Thanh Tùng``."""
    caption = caption.rstrip()
    return f"{caption}{'' if caption.endswith(('.', '!', '?', '…', ':')) else '.'} {credit.strip()}"


def attach_captions(blocks: list[Block], out: Extracted) -> list[Block]:
    """Give photos their captions; keep captions without a photo (plain text) as italic lines."""
    result: list[Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if block.kind != "para" or previous is None:
            result.append(block)
            continue
        credit_only = detect.is_credit_only(block.text)
        if previous.kind in ("image", "caption") and previous.caption and credit_only:
            # "Ảnh: X" on its own line under a caption
            previous.caption = _join_credit(previous.caption, block.text)
        elif (
            previous.kind == "image" and not previous.caption and len(block.text) <= 300
            and (block.italic or block.caption_class or detect.is_caption(block.text))
        ):
            previous.caption = block.text
        elif previous.kind == "para" and credit_only and len(previous.text) <= 300:
            # a caption line, then its credit on the next line, and no photo (plain text)
            result[-1] = Block("caption", "", previous.text, caption=_join_credit(previous.text, block.text))
        elif detect.is_caption(block.text):
            result.append(Block("caption", "", block.text, caption=block.text))
        else:
            result.append(block)
    out.captions = sum(1 for b in result if b.caption)
    out.orphan_captions = sum(1 for b in result if b.kind == "caption")
    return result


def read_lead_image(blocks: list[Block], out: Extracted, hints: Hints) -> list[Block]:
    """The lead photo: the page's own (``og:image``) or the first photo at the top of the body."""
    blocks = list(blocks)
    for index, block in enumerate(blocks[:3]):
        if block.kind == "image" and block.src and (not hints.image or block.src == hints.image):
            out.image, out.image_caption = block.src, block.caption
            del blocks[index]
            return blocks
        if block.kind == "para" and len(block.text) > 300:
            break
    if hints.image:
        out.image = hints.image
    return blocks


# -- body ------------------------------------------------------------------------

_CREDIT_TAIL = re.compile(r"\s*\(?(?:Ảnh|Nguồn ảnh|Photo)\s*[:：].*$")


def _alt(block: Block) -> str:
    alt = block.alt or _CREDIT_TAIL.sub("", block.caption).strip()
    return re.sub(r"([\[\]\\])", r"\\\1", alt)


def render_body(blocks: list[Block], out: Extracted) -> str:
    parts: list[str] = []
    for block in blocks:
        if block.kind == "image":
            if block.src:
                parts.append(f"![{_alt(block)}]({block.src})")
            else:
                out.missing_images.append(block.missing_src)
                src = block.missing_src.replace("--", "- -")
                parts.append(f"<!-- {message('image_missing_comment', src=src)} -->")
            if block.caption:
                parts.append(f"*{escape_markdown(block.caption)}*")
        elif block.kind == "caption":
            parts.append(f"*{escape_markdown(block.caption)}*")
        elif block.markdown.strip():
            parts.append(block.markdown.strip())
    return "\n\n".join(parts)


def extract(blocks: list[Block], hints: Hints, *, category_names: list[str], is_html: bool) -> Extracted:
    """Run the whole pipeline on one file's blocks."""
    out = Extracted(author=hints.author, source_name=hints.source_name, source_url=hints.source_url, tags=list(hints.tags))
    out.meta_dates = [(d, updated, d.text) for d, updated, where in hints.dates if where == "meta"]
    out.header_dates = [(d, updated, d.text) for d, updated, where in hints.dates if where != "meta"]
    if hints.furniture:
        kinds = ", ".join(message(f"furniture_{kind}") for kind in hints.furniture)
        out.dropped.append(message("dropped_parts", count=sum(hints.furniture.values()), kinds=kinds))
    blocks = drop_furniture(blocks, out)
    blocks = read_header(blocks, out, hints, category_names)
    blocks = read_tail(blocks, out)
    blocks = read_summary(blocks, out, hints, is_html)
    if out.summary:
        out.lead = detect.lead_date(out.summary)
    if out.lead is None:
        for block in blocks[:2]:
            if block.kind == "para":
                out.lead = detect.lead_date(block.text)
                break
    blocks = attach_captions(blocks, out)
    blocks = read_lead_image(blocks, out, hints)
    for block in blocks:
        if block.kind in ("para", "list", "quote", "table", "heading"):
            out.body_dates.extend(found for found, _, _ in detect.find_full_dates(block.text))
    if out.summary:
        out.body_dates.extend(found for found, _, _ in detect.find_full_dates(out.summary))
    out.body = render_body(blocks, out)
    out.missing_images.extend(src for src in hints.missing_images if src not in out.missing_images)
    return out


# -- the date ----------------------------------------------------------------------


@dataclass(frozen=True)
class DateContext:
    """What besides the text may tell a date's year: the file's place, its name, the operator."""

    folder_year: tuple[int, str] | None = None
    name_date: FoundDate | None = None
    name_years: tuple[int, ...] = ()
    year_option: int | None = None


def resolve_date(out: Extracted, context: DateContext) -> tuple[FoundDate | None, str, list[str]]:
    """The publication date, where it came from (for the report), and hints when there is none.

    In order: the page's metadata; a date line at the top or the bottom; a
    complete date opening the lead; a lead's day and month with the year from a
    complete date of the same day in the file, a folder named as a year, a file
    name starting with a date, or ``--year``; a file name starting with a date;
    an "updated" date when nothing else is printed. Never today's year.
    """
    published = [(d, text) for d, updated, text in out.meta_dates if not updated]
    if published:
        return published[0][0], message("date_origin_meta"), []
    lines = [(d, text) for d, updated, text in out.header_dates if not updated]
    if lines:
        found, text = lines[0]
        return found, message("date_origin_line", text=_short(text)), []
    lead = out.lead
    if lead is not None and lead.complete:
        return lead, message("date_origin_lead", text=lead.text), []
    updated = [(d, text) for d, flag, text in out.meta_dates + out.header_dates if flag]
    if lead is not None:
        origin = message("date_origin_lead", text=lead.text)
        evidence = [d for d in out.body_dates + [d for d, _ in updated] if d.complete and (d.day, d.month) == (lead.day, lead.month)]
        if evidence:
            return lead.with_year(evidence[0].year or 0), f"{origin}, {message('date_origin_year_in_text', text=evidence[0].text)}", []
        if context.folder_year:
            year, folder = context.folder_year
            return lead.with_year(year), f"{origin}, {message('date_origin_year_folder', text=folder)}", []
        if context.name_date and context.name_date.year:
            return (
                lead.with_year(context.name_date.year),
                f"{origin}, {message('date_origin_year_name', text=context.name_date.text)}",
                [],
            )
        if context.year_option:
            return lead.with_year(context.year_option), f"{origin}, {message('date_origin_year_option', text=context.year_option)}", []
    if context.name_date:
        return context.name_date, message("date_origin_file_name", text=context.name_date.text), []
    if updated:
        found, text = updated[0]
        return found, f"{message('date_origin_line', text=_short(text))}; {message('date_updated_only')}", []
    advice = []
    if lead is not None:
        advice.append(message("hint_date_partial", text=lead.text))
        # --year only completes a lead's day and month; say so only when there is one.
        advice.extend(message("hint_year_in_name", year=year) for year in context.name_years)
    else:
        advice.append(message("hint_date_manual"))
    return None, "", advice


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
