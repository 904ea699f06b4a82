#!/usr/bin/env python3
"""The editors' and operators' entry point: build, preview and check the portal.

    python build.py                 # validate and build into site/ (atomically)
    python build.py serve           # live preview on http://127.0.0.1:8000/
    python build.py new "Tiêu đề" --category thoi-su   # start a new article
    python build.py check           # validate every article without building
    python build.py import FILES --category thoi-su    # convert legacy articles

Everything that changes the output lives in the MkDocs plugins (plugins/portal),
so `mkdocs build --strict` and `mkdocs serve` give the same site; each command
is a module of ``portal.commands`` and returns an exit code CI can use.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT / "plugins") not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "plugins"))

from mkdocs.exceptions import Abort, ConfigurationError  # noqa: E402
from portal.commands.build import build_site  # noqa: E402,F401  (kept for scripts and tests)
from portal.commands.project import ProjectError  # noqa: E402
from portal.writing.output_folder import OutputFolderError, describe_os_error  # noqa: E402

COMMANDS = {
    "build": "portal.commands.build",
    "serve": "portal.commands.serve",
    "new": "portal.commands.new",
    "check": "portal.commands.check",
    "import": "portal.commands.importer",
}
DEFAULT_COMMAND = "build"


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Xây dựng, xem trước và kiểm tra cổng thông tin. Không có lệnh nào: như 'build'.",
    )
    parser.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml", help="tệp cấu hình (mkdocs.yml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="in chi tiết")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.configure(command)
        command.set_defaults(module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*argv, DEFAULT_COMMAND])
    _setup_logging(args.verbose)
    try:
        return args.module.run(args)
    except ProjectError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except OutputFolderError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except Abort:
        print("\nKhông xây dựng được trang web: xem các lỗi ở trên. Trang cũ (nếu có) được giữ nguyên.", file=sys.stderr)
        return 1
    except ConfigurationError as error:
        print(f"\nCấu hình không hợp lệ: {error}\nTrang cũ (nếu có) được giữ nguyên.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # disk full, read-only, no permission: the staging folder is already gone
        print(f"\nKhông xây dựng được trang web: {describe_os_error(error)}", file=sys.stderr)
        return 1


def exit_now(code: int) -> None:
    """End the process without Python's teardown, once everything is written and flushed.

    Freeing a build's objects one by one at exit takes half a second at 10,000
    articles and grows with the site; the operating system reclaims the memory at
    once. Only when no other thread is left: one still working finishes normally.
    """
    if threading.active_count() > 1:
        sys.exit(code)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
