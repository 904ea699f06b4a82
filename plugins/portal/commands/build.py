"""``build``: validate everything, build into a staging folder, swap it in only on success.

A government portal must never go dark because of one bad commit: MkDocs
empties its output folder before writing, so the build never writes there.
It writes into a staging folder (``.<site>-new-<pid>-*`` beside it, or inside
it when it is a mount point) and swaps it in when the whole build succeeded.
A build killed midway leaves only that staging folder, which the next build
removes. The replaced site is kept beside the output and becomes the next
build's staging folder, cleared of everything the new site does not take
as it is (:mod:`portal.writing.previous_site`). The output folder itself must be ours to replace
(:mod:`portal.writing.output_folder`).
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from portal.caching import cache_dir, lock
from portal.clock import NOW_VARIABLE
from portal.mkdocs_plugins import CONTENT_PLUGIN
from portal.mkdocs_plugins.content.plugin import ContentPlugin
from portal.mkdocs_plugins.parallel.plugin import register as render_in_parallel
from portal.mkdocs_plugins.progress.plugin import register as show_progress
from portal.processes import fewer_collections
from portal.progress import MODES as PROGRESS_MODES
from portal.writing.output_folder import (
    ForeignFilesCheck,
    OutputFolderError,
    Sources,
    check_output_folder,
    make_staging,
    remove_stale_folders,
    spare_folder,
    start_foreign_check,
    swap_in,
    take_spare,
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
        "-j",
        "--jobs",
        type=int,
        default=0,
        help="số tiến trình dựng trang song song (mặc định 0: mọi lõi CPU; 1: tuần tự)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="dựng lại mọi trang, không dùng bộ nhớ đệm .cache/cong/ (kết quả vẫn giống hệt)",
    )
    parser.add_argument(
        "--adopt",
        action="store_true",
        help="nhận một thư mục đầu ra đã có tệp mà không do Cổng tạo ra (trang cũ, trước khi nâng cấp) và thay nó",
    )
    parser.add_argument(
        "--progress",
        choices=PROGRESS_MODES,
        default="auto",
        help="cách hiện tiến độ: thanh tiến độ (bar), dòng chữ vài giây một lần (lines), tắt (off); "
        "mặc định auto: thanh trên terminal, dòng chữ trong CI",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="không hiện tiến độ (như --progress off)")


def run(args: argparse.Namespace) -> int:
    if args.now:
        os.environ[NOW_VARIABLE] = args.now
    progress = "off" if args.quiet else args.progress
    target = build_site(
        args.config_file,
        args.site_dir,
        strict=not args.no_strict,
        adopt=args.adopt,
        progress=progress,
        cache=not args.no_cache,
        jobs=args.jobs,
    )
    print(f"Đã xây dựng xong: {target}")
    return 0


def use_cache(config: MkDocsConfig, enabled: bool) -> None:
    """Turn the content plugin's build cache on or off for this build (``--no-cache``)."""
    content = config.plugins.get(CONTENT_PLUGIN)
    if content is not None:
        content.config.cache = enabled


def project_sources(config_file: Path, docs_dir: str, custom_dir: str | None) -> Sources:
    """The folders of the project that an output folder must never be or hold."""
    return Sources(
        project=Path(config_file).resolve().parent,
        docs=Path(docs_dir),
        theme=Path(custom_dir) if custom_dir else None,
    )


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    strict: bool = True,
    adopt: bool = False,
    progress: str | None = None,
    cache: bool = True,
    jobs: int | None = None,
) -> Path:
    """Build into a staging folder, then swap it in place of the output folder.

    ``progress`` (``auto``, ``bar``, ``lines``, ``off``) shows how far the build
    has got (``portal/progress``); ``None`` leaves that to mkdocs.yml.
    """
    config = load_config(str(config_file), strict=strict)
    if not cache:
        use_cache(config, False)
    if jobs is not None and jobs != 1:  # registered before progress: workers stay silent, the parent shows its share
        render_in_parallel(config, jobs)
    if progress is not None:
        show_progress(config, progress)
    target = Path(site_dir or config.site_dir).resolve()
    sources = project_sources(config_file, config.docs_dir, config.theme.custom_dir)
    check_output_folder(target, sources, adopt=adopt, walk=adopt)
    # The walk for files not ours runs beside the build; its answer is awaited before the swap.
    foreign = None if adopt else start_foreign_check(target, sources)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        _build_and_swap(config, config_file, target, foreign, adopt)
    finally:
        if foreign is not None:
            foreign.stop()
    return target


def _build_and_swap(
    config: MkDocsConfig, config_file: Path, target: Path, foreign: ForeignFilesCheck | None, adopt: bool
) -> None:
    """Build into a staging folder (the site before last, or an empty one) and swap it in once whole."""
    # Held until the new site is in place: a build that waited publishes after this one.
    with lock.holding(cache_dir(Path(config_file).resolve().parent)):
        remove_stale_folders(target)
        content = config.plugins.get(CONTENT_PLUGIN)
        # Over the site before last (portal.writing.previous_site), when the content plugin clears it
        # with what the build cache knows; else into an empty folder.
        over = isinstance(content, ContentPlugin) and content.config.enabled and content.config.cache
        spare = take_spare(target) if over else None
        staging = spare or make_staging(target)
        try:
            config.site_dir = str(staging)
            if spare is not None:
                content.build_over_previous_site()  # type: ignore[union-attr]
            with fewer_collections():
                mkdocs_build(config, dirty=spare is not None)
            if spare is not None and not content.cleared_previous_site:  # type: ignore[union-attr]
                # Never publish what the site before last left (cannot happen while portal/content clears it).
                raise OutputFolderError(
                    "thư mục dựng tạm (trang trước) chưa được dọn trước khi ghi, nên trang mới không được đăng. "
                    f"Xây dựng lại; nếu vẫn lỗi, xóa thư mục {spare_folder(target).name} cạnh thư mục đầu ra rồi xây dựng lại."
                )
            if foreign is not None:
                foreign.refuse_if_any()  # nothing of the output folder was touched before this
            # An adopted folder may not be a site of ours (no manifest): it is removed, never kept.
            swap_in(staging, target, keep_replaced=over and not adopt)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
