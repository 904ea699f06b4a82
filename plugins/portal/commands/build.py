"""``build``: validate everything, build into a fresh folder, swap it in only on success.

A government portal must never go dark because of one bad commit: MkDocs
empties its output folder before writing, so the build never writes there.
It writes into a staging folder (``.<site>-new-<pid>-*`` beside it, or inside
it when it is a mount point) and swaps it in when the whole build succeeded.
A build killed midway leaves only that staging folder, which the next build
removes. The output folder itself must be ours to replace
(:mod:`portal.writing.output_folder`).
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from portal.clock import NOW_VARIABLE
from portal.writing.output_folder import (
    Sources,
    check_output_folder,
    make_staging,
    remove_stale_folders,
    swap_in,
)

HELP = "kiểm tra và xây dựng trang web vào thư mục site/"

__all__ = ["build_site", "remove_stale_folders"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-d", "--site-dir", type=Path, help="thư mục đầu ra (mặc định: site_dir trong mkdocs.yml)")
    parser.add_argument("--no-strict", action="store_true", help="không coi cảnh báo là lỗi")
    parser.add_argument(
        "--now", help=f"xây dựng như thể đang ở thời điểm này, ví dụ '2025-01-15 16:17' (mặc định: bây giờ, hoặc biến {NOW_VARIABLE})"
    )
    parser.add_argument(
        "--adopt",
        action="store_true",
        help="nhận một thư mục đầu ra đã có tệp mà không do Cổng tạo ra (trang cũ, trước khi nâng cấp) và thay nó",
    )


def run(args: argparse.Namespace) -> int:
    if args.now:
        os.environ[NOW_VARIABLE] = args.now
    target = build_site(args.config_file, args.site_dir, strict=not args.no_strict, adopt=args.adopt)
    print(f"Đã xây dựng xong: {target}")
    return 0


def project_sources(config_file: Path, docs_dir: str, custom_dir: str | None) -> Sources:
    """The folders of the project that an output folder must never be or hold."""
    return Sources(
        project=Path(config_file).resolve().parent,
        docs=Path(docs_dir),
        theme=Path(custom_dir) if custom_dir else None,
    )


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = True, adopt: bool = False) -> Path:
    """Build into a fresh staging folder, then swap it in place of the output folder."""
    config = load_config(str(config_file), strict=strict)
    target = Path(site_dir or config.site_dir).resolve()
    check_output_folder(target, project_sources(config_file, config.docs_dir, config.theme.custom_dir), adopt=adopt)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(target)
    staging = make_staging(target)
    try:
        config.site_dir = str(staging)
        mkdocs_build(config)
        swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
