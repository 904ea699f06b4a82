"""``check``: validate every article without building, fast enough for each commit.

The same rules as the build, from the same code (``load_site``), plus the
editorial warnings of ``reading.lint``: missing body images, text not in NFC,
sapos too long for cards, scheduled and expired articles. ``--fix`` rewrites
decomposed tone marks to NFC. Exit 0 when clean, 1 on errors (with
``--strict``, on warnings too), 2 when the project itself cannot be loaded.
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from pathlib import Path

from portal.clock import build_time
from portal.commands.project import Project, load_project
from portal.model.entities import Article
from portal.problems import Problem, render_report
from portal.reading.lint import SUMMARY_MAX_LENGTH, lint_article
from portal.site import SiteContent, list_files, load_site

HELP = "kiểm tra mọi bài viết (không xây dựng trang); dùng trước khi commit"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi (mã thoát khác 0)")
    parser.add_argument("--fix", action="store_true", help="sửa tệp có dấu tiếng Việt dạng tổ hợp sang Unicode NFC")
    parser.add_argument("--now", help="kiểm tra như thể đang ở thời điểm này, ví dụ '2025-01-15 16:17'")
    parser.add_argument(
        "--summary-max", type=int, default=SUMMARY_MAX_LENGTH, help=f"độ dài sapo tối đa (mặc định {SUMMARY_MAX_LENGTH} ký tự)"
    )


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    project = load_project(args.config_file)
    language = project.config.theme.get("language", "vi")
    try:
        now = build_time(args.now, project.content_options.timezone)  # type: ignore[attr-defined]
    except ValueError as error:
        print(f"Lỗi: {error}")
        return 2
    if args.fix:
        for path, changed in fix_nfc(project.docs_dir):
            print(f"Đã chuyển sang Unicode NFC: {project.docs_label}/{path} ({changed} ký tự)")
    site, problems = check_project(project, now, summary_max_length=args.summary_max)
    elapsed = time.perf_counter() - started
    if problems:
        print(render_report(problems, language))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    index = site.index
    print(
        f"\nĐã kiểm tra {len(index.articles) + len(index.drafts) + len(index.scheduled) + len(index.expired)} bài "
        f"trong {elapsed:.1f} giây (tính đến {now:%H:%M %d/%m/%Y}): {errors} lỗi, {warnings} cảnh báo; "
        f"{len(index.articles)} đang đăng, {len(index.scheduled)} hẹn giờ, {len(index.expired)} hết hạn, "
        f"{len(index.drafts)} bản nháp."
    )
    if errors:
        print("Có lỗi: sửa các mục trên rồi chạy lại 'python build.py check'.")
        return 1
    if warnings and args.strict:
        print("Có cảnh báo và đang dùng --strict: sửa các mục trên.")
        return 1
    return 0


def check_project(project: Project, now, summary_max_length: int = SUMMARY_MAX_LENGTH) -> tuple[SiteContent, list[Problem]]:
    """Every problem of the project: the build's rules, then the editorial warnings."""
    options = project.content_options
    site = load_site(
        project.docs_dir,
        project.categories,
        articles_dir=options.articles_dir,  # type: ignore[attr-defined]
        article_url_format=options.article_url_format,  # type: ignore[attr-defined]
        related_count=options.related_count,  # type: ignore[attr-defined]
        zone=options.timezone,  # type: ignore[attr-defined]
        docs_label=project.docs_label,
        now=now,
    )
    problems = list(site.problems)
    files = list_files(project.docs_dir)
    index = site.index
    articles: list[Article] = [*index.articles, *index.drafts.values(), *index.scheduled.values(), *index.expired.values()]
    for article in sorted(articles, key=lambda a: a.src_uri):
        raw_text = _raw_text(project.docs_dir / article.src_uri)
        problems.extend(
            lint_article(
                article, raw_text, file_exists=files.__contains__, body_line=article.body_line,
                summary_max_length=summary_max_length,
            )
        )
    for article in index.scheduled.values():
        problems.append(_timed(article, "scheduled_article", article.date, "date"))
    for article in index.expired.values():
        problems.append(_timed(article, "expired_article", article.expires, "expires"))
    return site, problems


def _timed(article: Article, code: str, when, field: str) -> Problem:
    return Problem(
        article.path, code, {"when": f"{when:%H:%M %d/%m/%Y}"}, field=field, line=article.key_lines.get(field),
        severity="warning",
    )


def _raw_text(path: Path) -> str:
    """The file as saved (not normalised), with Unix line endings so line numbers match."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fix_nfc(docs_dir: Path) -> list[tuple[str, int]]:
    """Rewrite every Markdown file of the content folder that is not NFC; return what changed.

    Only the normalisation changes: line endings and a BOM are kept, and files
    that are not UTF-8 are left alone (``check`` reports them).
    """
    changed: list[tuple[str, int]] = []
    for relative in sorted(f for f in list_files(docs_dir) if f.endswith(".md")):
        path = docs_dir / relative
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if unicodedata.is_normalized("NFC", text):
            continue
        fixed = unicodedata.normalize("NFC", text)
        temporary = path.with_name(f".{path.name}.nfc-tmp")
        temporary.write_bytes(fixed.encode("utf-8"))
        temporary.replace(path)  # atomic: an interrupted fix never leaves half a file
        changed.append((relative, len(text) - len(fixed)))
    return changed
