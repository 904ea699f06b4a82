"""``serve``: live preview for editors.

MkDocs' own server rebuilds on every change to the content folder, mkdocs.yml
(categories) and, with ``watch_theme``, the theme overrides. The content
plugin knows it runs under ``serve`` and then reports content errors in the
terminal and leaves the broken files out instead of stopping, so a bad file
never takes the preview down, not even on the first build.
"""

from __future__ import annotations

import argparse
import os

from portal.clock import NOW_VARIABLE
from portal.processes import fewer_collections

HELP = "xem trước trên máy, tự tải lại khi sửa bài (http://127.0.0.1:8000/)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="địa chỉ:cổng (mặc định 127.0.0.1:8000)")
    parser.add_argument("--now", help="xem trang như thể đang ở thời điểm này, ví dụ '2025-01-15 16:17' (để xem bài hẹn giờ)")


def run(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    if args.now:
        os.environ[NOW_VARIABLE] = args.now
    # "dirty": each build goes over the last one's folder (portal/content removes what is stale).
    with fewer_collections():
        serve(str(args.config_file), dev_addr=args.dev_addr, livereload=True, watch_theme=True, build_type="dirty")
    return 0
