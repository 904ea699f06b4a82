"""``new``: start an article with every field in place, so a correct one is the easy one.

The file goes where the build looks (``content/tin-tuc/<year>/<slug>.md``),
its slug comes from the title by the build's own slugger, its date is now
in Vietnam time, and it starts as a draft so an unfinished article is never
published by accident.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

import yaml

from portal.clock import build_time
from portal.commands.project import Project, load_project
from portal.reading.dates import parse_date
from portal.reading.slugs import make_slug
from portal.site import list_files

HELP = "tạo tệp bài viết mới với đủ các trường, ví dụ: new \"Tiêu đề\" --category thoi-su"

_SLUG_LINE = re.compile(r"^slug:[ \t]*[\"']?([^\"'#\n]+?)[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)

TEMPLATE = """\
---
title: {title}
date: {date}
category: {category}
# Sapo: một đến hai câu tóm tắt, hiện đậm dưới tiêu đề, trong danh sách và RSS.
summary: ""
# Tác giả, ví dụ "Quang Minh, Ban Tuyên giáo Tỉnh ủy" hoặc chữ viết tắt "NN".
author: {author}
# Bài đăng lại: tên nguồn, hoặc  source: {{name: "Báo Nhân Dân", url: "https://..."}}
source:
# Ảnh đại diện, tính từ thư mục content/, ví dụ /anh/{year}/ten-anh.jpg
image:
image_caption: ""
# Chủ đề, ví dụ [Lào, hợp tác biên giới]
tags: []
# Slug các bài "Tin cùng chuyên mục" bạn chọn, ví dụ [slug-bai-mot, slug-bai-hai]
related: []
featured: false
# Hết hạn: sau thời điểm này bài tự gỡ khỏi trang, ví dụ 2027-01-01 00:00
expires:
# Ngày cập nhật (khi sửa bài sau khi đăng), ví dụ {date}
updated:
# Bản nháp: đổi thành false khi bài sẵn sàng đăng.
draft: {draft}
---
Viết nội dung bài ở đây.
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("title", help="tiêu đề bài viết, trong dấu ngoặc kép")
    parser.add_argument("-c", "--category", required=True, help="slug chuyên mục, ví dụ thoi-su")
    parser.add_argument("--slug", help="slug (địa chỉ) tự chọn; mặc định tạo từ tiêu đề")
    parser.add_argument("--date", help="ngày giờ đăng, ví dụ '2025-01-15 16:17' (mặc định: bây giờ, giờ Việt Nam)")
    parser.add_argument("--author", default="", help="tác giả")
    parser.add_argument("--publish", action="store_true", help="đăng ngay (draft: false) thay vì để bản nháp")


def run(args: argparse.Namespace) -> int:
    project = load_project(args.config_file)
    try:
        path = create_article(
            project, args.title, args.category, slug=args.slug, date=args.date, author=args.author, draft=not args.publish
        )
    except NewArticleError as error:
        print(f"Lỗi: {error}")
        return 1
    relative = path.relative_to(project.root) if path.is_relative_to(project.root) else path
    print(relative.as_posix())
    print(
        "Đã tạo bài viết (bản nháp). Viết nội dung, điền sapo, rồi đổi 'draft: true' thành 'draft: false' để đăng; "
        "xem trước bằng 'python build.py serve'."
        if not args.publish
        else "Đã tạo bài viết. Viết nội dung rồi xem trước bằng 'python build.py serve'."
    )
    return 0


class NewArticleError(Exception):
    """The article cannot be created; the message says why and what to do."""


def create_article(
    project: Project,
    title: str,
    category: str,
    *,
    slug: str | None = None,
    date: str | None = None,
    author: str = "",
    draft: bool = True,
) -> Path:
    """Write the new article's file and return its path; never overwrite anything."""
    title = unicodedata.normalize("NFC", title).strip()
    if not title:
        raise NewArticleError("tiêu đề đang trống: viết tiêu đề trong dấu ngoặc kép, ví dụ new \"Tiêu đề bài viết\"")
    known = {c.slug: c for c in project.categories}
    if category not in known:
        listed = "\n".join(f"  {c.slug:<32} {c.name}" for c in project.categories) or "  (chưa khai báo chuyên mục nào)"
        raise NewArticleError(f"chuyên mục '{category}' chưa được khai báo. Các chuyên mục:\n{listed}")
    zone = project.content_options.timezone  # type: ignore[attr-defined]
    try:
        when = parse_date(date, zone) if date else build_time(None, zone)
    except ValueError:
        raise NewArticleError(f"ngày '{date}' không hợp lệ: viết dạng 2025-01-15 16:17") from None
    slug = make_slug(slug or title)
    if not slug:
        raise NewArticleError("không tạo được slug từ tiêu đề: dùng --slug ten-bai-viet")
    taken = existing_slugs(project)
    if slug in taken:
        suggestion = next(f"{slug}-{n}" for n in range(2, 10_000) if f"{slug}-{n}" not in taken)
        raise NewArticleError(
            f"slug '{slug}' đã được dùng cho {taken[slug]}. Đặt tiêu đề khác hoặc dùng --slug {suggestion}"
        )
    path = project.articles_dir / f"{when:%Y}" / f"{slug}.md"
    if path.exists():
        raise NewArticleError(f"tệp {path} đã có, không ghi đè")
    text = TEMPLATE.format(
        title=_yaml_scalar(title), date=f"{when:%Y-%m-%d %H:%M}", category=category, author=_yaml_scalar(author),
        year=f"{when:%Y}", draft="true" if draft else "false",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": fails rather than overwrite
        handle.write(text)
    return path


def existing_slugs(project: Project) -> dict[str, str]:
    """Slug → file of every article, drafts included, read cheaply (file name or ``slug:`` line)."""
    taken: dict[str, str] = {}
    prefix = project.articles_dir.relative_to(project.docs_dir).as_posix() + "/"
    for relative in list_files(project.docs_dir):
        if not (relative.startswith(prefix) and relative.endswith(".md")):
            continue
        path = project.docs_dir / relative
        head = path.read_text(encoding="utf-8", errors="replace").split("\n---", 1)[0]
        match = _SLUG_LINE.search(head)
        slug = make_slug(match.group(1)) if match else make_slug(Path(relative).stem)
        taken.setdefault(slug, f"{project.docs_label}/{relative}")
        taken.setdefault(make_slug(Path(relative).stem), f"{project.docs_label}/{relative}")
    return taken


def _yaml_scalar(value: str) -> str:
    """A string as one YAML scalar, quoted so titles with ':' or '#' stay intact."""
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10_000).strip().removesuffix("...").strip()
