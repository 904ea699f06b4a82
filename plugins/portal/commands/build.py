"""``build``: validate everything, build into a fresh folder, swap it in only on success.

A government portal must never go dark because of one bad commit: MkDocs
empties its output folder before writing, so the build never writes there.
It writes into ``.<site>-new-<pid>-*`` beside it and renames it into place
when the whole build succeeded. A build killed midway leaves only that
staging folder, which the next build removes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from portal.clock import NOW_VARIABLE

HELP = "kiểm tra và xây dựng trang web vào thư mục site/"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-d", "--site-dir", type=Path, help="thư mục đầu ra (mặc định: site_dir trong mkdocs.yml)")
    parser.add_argument("--no-strict", action="store_true", help="không coi cảnh báo là lỗi")
    parser.add_argument(
        "--now", help=f"xây dựng như thể đang ở thời điểm này, ví dụ '2025-01-15 16:17' (mặc định: bây giờ, hoặc biến {NOW_VARIABLE})"
    )


def run(args: argparse.Namespace) -> int:
    if args.now:
        os.environ[NOW_VARIABLE] = args.now
    target = build_site(args.config_file, args.site_dir, strict=not args.no_strict)
    print(f"Đã xây dựng xong: {target}")
    return 0


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = True) -> Path:
    """Build into a fresh folder beside the output, then swap it in."""
    config = load_config(str(config_file), strict=strict)
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(target)
    staging = Path(tempfile.mkdtemp(prefix=_prefix(target, "new"), dir=target.parent))
    try:
        config.site_dir = str(staging)
        mkdocs_build(config)
        os.chmod(staging, 0o755)
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _prefix(target: Path, kind: str) -> str:
    # The pid tells a folder of a running build from one a killed build left behind.
    return f".{target.name}-{kind}-{os.getpid()}-"


def remove_stale_folders(target: Path) -> list[Path]:
    """Delete staging folders left by builds that were killed (their process is gone)."""
    removed = []
    for kind in ("new", "old"):
        for folder in target.parent.glob(f".{target.name}-{kind}-*"):
            pid = folder.name[len(f".{target.name}-{kind}-"):].split("-", 1)[0]
            if folder.is_dir() and (not pid.isdigit() or not _process_alive(int(pid))):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder of ours from an earlier, finished build in this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames, never leaving it missing for long."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=_prefix(target, "old"), dir=target.parent))
        old.rmdir()
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
