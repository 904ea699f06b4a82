"""Rendering on every core: forked workers, each writing its share of the pages.

Plain Python (no MkDocs): which pages go to which worker, the fork, and the
hand-off of what workers collected back to the parent. CPU-bound Python does
not run in parallel in threads; forked processes inherit the loaded
configuration, templates and pages without pickling them. Under ``serve``
(a threaded server, where ``fork`` is unsafe) the build stays serial.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from portal.processes import die_with

T = TypeVar("T")

WORKER_VARIABLE = "PORTAL_WORKER"  # set in workers: progress and other console output stay in the parent


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def shards(names: Sequence[str], jobs: int) -> list[list[str]]:
    """Split pages between ``jobs`` processes, round-robin in a fixed order (similar pages spread evenly)."""
    ordered = sorted(names)
    return [ordered[index::jobs] for index in range(jobs)]


def in_threads(function: Callable[[T], object], items: Sequence[T], threads: int = 0) -> None:
    """Call ``function`` on every item from a few threads, each taking a contiguous share.

    For file-system work (mkdir, hard links, copies): the interpreter lock is
    released during each system call, so placing 20,000 pages or photos goes
    about as many times faster as there are cores. The first error is raised
    once every thread has stopped.
    """
    threads = threads or min(8, 2 * default_jobs())
    if threads < 2 or len(items) < 64:
        for item in items:
            function(item)
        return
    size = -(-len(items) // threads)

    def run(share: Sequence[T]) -> None:
        for item in share:
            function(item)

    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="portal-io") as pool:
        futures = [pool.submit(run, items[start:start + size]) for start in range(0, len(items), size)]
    for future in futures:
        future.result()


@dataclass
class Workers:
    """The forked workers of one build, seen from the parent, or this worker's number in a child."""

    jobs: int
    folder: Path  # where results are handed over: inside the build's output folder, which a later build cleans
    number: int = 0  # 0: the parent
    children: dict[int, int] = field(default_factory=dict)  # worker number → pid

    @property
    def is_worker(self) -> bool:
        return self.number > 0

    def fork(self) -> int:
        """Start workers 1…jobs-1; returns this process's number (0 in the parent)."""
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        for number in range(1, self.jobs):
            pid = os.fork()
            if pid == 0:
                die_with(parent)
                self.number = number
                self.children = {}
                os.environ[WORKER_VARIABLE] = str(number)
                return number
            self.children[number] = pid
        return 0

    def finish_worker(self, results: dict[str, Any], status: int = 0) -> None:
        """In a worker: hand ``results`` to the parent and end the process at once (no cleanup of the parent's)."""
        try:
            data = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
            partial = self.folder / f"{self.number}.tmp"
            partial.write_bytes(data)
            partial.rename(self.folder / f"{self.number}.pickle")
        except BaseException as error:  # noqa: BLE001 - the parent reports a worker without results
            print(f"Tiến trình dựng trang {self.number}: không gửi được kết quả ({error}).", file=sys.stderr)
            status = status or 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)

    def collect(self) -> tuple[list[dict[str, Any]], list[str]]:
        """In the parent: wait for every worker; their results, and a message for each that failed."""
        results: list[dict[str, Any]] = []
        failures: list[str] = []
        for number, pid in sorted(self.children.items()):
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
            path = self.folder / f"{number}.pickle"
            if code != 0 or not path.exists():
                failures.append(f"tiến trình dựng trang {number} dừng với mã {code}")
                continue
            results.append(pickle.loads(path.read_bytes()))  # noqa: S301 - written by our own fork
        self.children = {}
        self.close()
        return results, failures

    def stop(self) -> None:
        """In the parent, after an error: end the workers and forget them."""
        for pid in self.children.values():
            try:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.children = {}
        self.close()

    def close(self) -> None:
        for path in self.folder.glob("*"):
            path.unlink(missing_ok=True)
        try:
            self.folder.rmdir()
        except OSError:
            pass
