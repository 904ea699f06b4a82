"""``import``: convert articles exported from an old CMS (.txt or .html) into portal articles.

    python build.py import export/ --category thoi-su --year 2024 --report nhap-lieu.txt

The work is in :mod:`portal.importing`; this module reads the arguments and
the project (categories, folders), runs every file and prints the report.
Exit codes: 0 every file imported cleanly (or was already imported), 1 some
file was refused, failed, or was written incomplete (``draft: true`` with
``# TODO(nhập liệu)``), 2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from urllib.parse import urlsplit

from portal.importing.messages import message
from portal.reading.limits import DEFAULT_MAX_TEXT_MB

HELP = "nhập bài từ trang cũ (tệp .txt hoặc .html) thành bài viết Markdown"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", type=Path, metavar="TỆP_HOẶC_THƯ_MỤC", help="tệp .txt/.html, hoặc thư mục chứa chúng")
    parser.add_argument("-c", "--category", required=True, help="slug chuyên mục của các bài nhập, ví dụ thoi-su")
    parser.add_argument("--year", help="năm dùng cho ngày không ghi năm (như 'Chiều 15/01') khi tệp không cho biết năm")
    parser.add_argument("--out", type=Path, help="thư mục ghi bài (mặc định: content/tin-tuc); bài được đặt vào <năm>/<slug>.md")
    parser.add_argument("--base-url", help="địa chỉ trang cũ, để giữ ảnh và liên kết có đường dẫn tương đối, ví dụ https://tinhcu.gov.vn/")
    parser.add_argument(
        "--on-conflict", choices=("suffix", "skip"), default="suffix",
        help="khi slug đã có: 'suffix' ghi thành slug-2 (mặc định), 'skip' không ghi",
    )
    parser.add_argument("--draft", action="store_true", help="đặt 'draft: true' cho mọi bài nhập để duyệt trước khi đăng")
    parser.add_argument("--dry-run", action="store_true", help="chỉ in những gì sẽ ghi, không ghi tệp nào")
    parser.add_argument("--report", type=Path, metavar="TỆP", help="ghi thêm báo cáo vào tệp này")
    parser.add_argument(
        "--max-text-mb", metavar="MB",
        help="bỏ qua (từ chối) tệp nặng hơn số MB này; mặc định: max_text_mb của portal/content "
        f"trong mkdocs.yml, nếu không có thì {DEFAULT_MAX_TEXT_MB:g}",
    )


def _usage_error(text: str) -> int:
    print(f"Lỗi: {text}", file=sys.stderr)
    return 2


def _megabytes(text: str) -> float | None:
    """``--max-text-mb``: a finite number of MB above 0 (``7.5`` or ``7,5``), or None."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def run(args: argparse.Namespace) -> int:
    # Imported here: every build.py command builds its parser from this module,
    # and only `import` needs the HTML parser and converter.
    from portal.commands.project import load_project
    from portal.importing.files import ImportOptions, SlugIndex, collect_inputs, import_one
    from portal.importing.report import FileResult, render_file, render_report

    year = None
    if args.year is not None:
        if not (args.year.isdigit() and len(args.year) == 4 and 1945 <= int(args.year) <= 2100):
            return _usage_error(message("usage_bad_year", value=args.year))
        year = int(args.year)
    if args.base_url is not None:
        parts = urlsplit(args.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return _usage_error(message("usage_bad_base_url", value=args.base_url))
    max_text_mb = None
    if args.max_text_mb is not None:
        max_text_mb = _megabytes(args.max_text_mb)
        if max_text_mb is None:
            return _usage_error(message("usage_bad_max_text_mb", value=args.max_text_mb))
    for path in args.inputs:
        if not path.exists():
            return _usage_error(message("usage_no_input", path=path))
    project = load_project(args.config_file)
    if max_text_mb is None:
        # The build's own limit when the project sets one, so what is imported is what the build accepts.
        configured = getattr(project.content_options, "max_text_mb", None)
        max_text_mb = configured if isinstance(configured, (int, float)) and configured > 0 else DEFAULT_MAX_TEXT_MB
    categories = {category.slug: category for category in project.categories}
    if args.category not in categories:
        known = ", ".join(categories) or "(chưa có)"
        return _usage_error(message("usage_unknown_category", value=args.category, known=known))
    files, ignored = collect_inputs(args.inputs)
    if not files:
        return _usage_error(message("usage_no_files"))

    out_dir = (args.out or project.articles_dir).resolve()
    roots = [project.articles_dir] + ([out_dir] if out_dir != project.articles_dir.resolve() else [])
    slugs = SlugIndex.scan(roots)
    options = ImportOptions(
        category=args.category,
        categories=categories,
        out_dir=out_dir,
        docs_dir=project.docs_dir,
        docs_label=project.docs_label,
        year=year,
        base_url=args.base_url,
        on_conflict=args.on_conflict,
        draft=args.draft,
        dry_run=args.dry_run,
        max_text_mb=max_text_mb,
    )
    names = [category.name for category in project.categories]
    results = []
    root = Path.cwd()
    for path in files:
        try:
            result = import_one(path, options, slugs, names)
        except Exception as error:  # one odd file must not stop a batch of thousands, nor show a traceback
            detail = message("internal_error", error=f"{type(error).__name__}: {error}")
            result = FileResult(source=path, status="failed", problems=[detail])
        results.append(result)
        if args.dry_run and result.text:
            print(f"=== {render_file(result, root=root, dry_run=True).splitlines()[0]}")
            print(result.text if args.verbose else result.text.split("\n---\n", 1)[0] + "\n---\n…")
    extra = [message("ignored_files", count=ignored)] if ignored else []
    report = render_report(results, root=root, dry_run=args.dry_run, extra=extra)
    print(report, end="")
    if args.report:
        try:
            args.report.parent.mkdir(parents=True, exist_ok=True)
            args.report.write_text(report, encoding="utf-8")
        except OSError as error:
            print(f"Lỗi: không ghi được báo cáo {args.report}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(message("report_written", path=args.report))
    # Already imported counts as clean (running an import twice is harmless); a slug conflict does not.
    clean = all(result.status in ("imported", "skipped") for result in results)
    return 0 if clean else 1
