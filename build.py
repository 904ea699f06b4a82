#!/usr/bin/env python3
"""The editors' and operators' entry point: build or preview the portal.

    python build.py            # validate and build into site/ (atomically)
    python build.py build      # the same
    python build.py serve      # live preview on http://127.0.0.1:8000/

Everything that changes the output lives in the MkDocs plugins (plugins/portal),
so `mkdocs build --strict` and `mkdocs serve` give the same site; this script
adds what a press office needs around them: strict validation, a site that is
swapped in only when the whole build succeeded, and exit codes for CI.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

ROOT = Path(__file__).resolve().parent


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = True) -> Path:
    """Build into a fresh folder beside the output, then swap it in.

    A failed build leaves the previous site exactly as it was: MkDocs itself
    empties the output folder before writing, so it never writes there directly.
    """
    config = load_config(str(config_file), strict=strict)
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        config.site_dir = str(staging)
        mkdocs_build(config)
        os.chmod(staging, 0o755)
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames, never leaving it missing for long."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Xây dựng và xem trước cổng thông tin.")
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml", help="tệp cấu hình (mkdocs.yml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="in chi tiết")
    sub = parser.add_subparsers(dest="command")
    build_cmd = sub.add_parser("build", help="kiểm tra và xây dựng trang web vào thư mục site/")
    build_cmd.add_argument("-d", "--site-dir", type=Path, help="thư mục đầu ra (mặc định: site_dir trong mkdocs.yml)")
    build_cmd.add_argument("--no-strict", action="store_true", help="không coi cảnh báo là lỗi")
    serve_cmd = sub.add_parser("serve", help="xem trước, tự tải lại khi sửa bài")
    serve_cmd.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="địa chỉ:cổng (mặc định 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)

    try:
        if args.command == "serve":
            from mkdocs.commands.serve import serve

            serve(str(args.config_file), dev_addr=args.dev_addr, livereload=True, watch_theme=True)
            return 0
        site_dir = getattr(args, "site_dir", None)
        strict = not getattr(args, "no_strict", False)
        target = build_site(args.config_file, site_dir, strict=strict)
        print(f"Đã xây dựng xong: {target}")
        return 0
    except (Abort, ConfigurationError) as error:
        print(f"\nKhông xây dựng được trang web ({error}). Trang cũ (nếu có) được giữ nguyên.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
