"""Run one build and measure its wall time and the peak memory of its whole process tree.

A portal build is several processes: Python, ``git log`` for the dates, and
Pagefind (``pagefind --service``), which holds the search index while Python
still holds the records. The figure that matters is what they use *together*.
``ru_maxrss`` of RUSAGE_CHILDREN reports only the largest single descendant,
and summing RSS counts shared pages (libraries, the interpreter) once per
process, so neither is used. Two methods, best first:

* ``cgroup``: the build runs in a child cgroup v2 created for it; the kernel's
  ``memory.peak`` is the exact high-water mark of the tree. It also counts the
  page cache the build charges (files it reads and writes), so it reads higher
  than PSS. Needs root and a cgroup2 mount whose memory controller can be
  delegated to a child of its root.
* ``pss``: summed PSS (``/proc/<pid>/smaps_rollup``; shared pages split among
  their users) of the build and all its descendants, sampled every 50 ms. A
  peak shorter than one interval can be missed; each sample costs ~1 ms of CPU.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.05
CGROUP_PREFIX = "cong-bench"
_MB = 1024 * 1024


@dataclass(frozen=True)
class Measured:
    """What one run of a command gave."""

    wall: float  # seconds, from start to exit
    peak_mb: float  # whole tree; nan when no method is available
    returncode: int
    stdout: str
    stderr: str


# ------------------------------------------------------------------ process tree


def _parent_of(pid: str) -> int | None:
    """PPID from /proc/<pid>/stat (the name may hold spaces and parentheses)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return None
    return int(stat[stat.rindex(b")") + 2 :].split()[1])


def tree_pids(root: int) -> list[int]:
    """``root`` and all its live descendants, from one scan of /proc.

    /proc/<pid>/task/<tid>/children would be cheaper but needs
    CONFIG_PROC_CHILDREN, which many kernels (this one included) lack.
    """
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            parent = _parent_of(entry.name)
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def pss_kib(pid: int) -> int:
    """Proportional set size of one process in KiB, 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class PssSampler:
    """Background thread: max over time of the summed PSS of a process tree."""

    def __init__(self, root: int, interval: float = SAMPLE_SECONDS) -> None:
        self.root = root
        self.interval = interval
        self.peak_kib = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            total = sum(pss_kib(pid) for pid in tree_pids(self.root))
            self.peak_kib = max(self.peak_kib, total)
            self.samples += 1
            if self._stop.wait(self.interval):
                return


# ------------------------------------------------------------------------ cgroup


def cgroup2_mount() -> Path | None:
    """Where the cgroup v2 hierarchy is mounted, if it is."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[2] == "cgroup2":
            return Path(fields[1])
    return None


def probe_cgroup() -> tuple[Path | None, str]:
    """A cgroup v2 folder whose children get ``memory.peak``, or None and why not.

    Creates and removes a probe child: enabling the controller can fail with
    EBUSY where the mount's root holds processes (a container's namespace).
    """
    mount = cgroup2_mount()
    if mount is None:
        return None, "no cgroup2 mount"
    try:
        controllers = (mount / "cgroup.controllers").read_text().split()
        if "memory" not in controllers:
            return None, f"the memory controller is not available in {mount} (cgroup v1 holds it)"
        enabled = (mount / "cgroup.subtree_control").read_text().split()
        if "memory" not in enabled:
            (mount / "cgroup.subtree_control").write_text("+memory")
        probe = mount / f"{CGROUP_PREFIX}-probe-{os.getpid()}"
        probe.mkdir()
        try:
            ok = (probe / "memory.peak").exists()
        finally:
            probe.rmdir()
    except OSError as exc:
        return None, f"cannot create a child cgroup under {mount}: {exc.strerror or exc}"
    if not ok:
        return None, "memory.peak is missing (kernel older than 5.19)"
    return mount, f"cgroup v2 under {mount}"


class CgroupRun:
    """A fresh child cgroup for one run: the child joins it before exec."""

    _serial = 0

    def __init__(self, parent: Path) -> None:
        CgroupRun._serial += 1
        self.path = parent / f"{CGROUP_PREFIX}-{os.getpid()}-{CgroupRun._serial}"

    def __enter__(self) -> CgroupRun:
        self.path.mkdir()
        return self

    def join(self) -> None:
        """preexec_fn: move the freshly forked child (and so all it starts) in."""
        with open(self.path / "cgroup.procs", "w") as fh:
            fh.write(str(os.getpid()))

    def peak_mb(self) -> float:
        return int((self.path / "memory.peak").read_text()) / _MB

    def __exit__(self, *exc: object) -> None:
        for _ in range(50):  # the last exits are reaped asynchronously
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.02)


# ------------------------------------------------------------------------ runner


class MemoryMeter:
    """Runs commands and reports wall time and the peak memory of their whole tree."""

    def __init__(self, method: str = "auto") -> None:
        """``method``: auto (cgroup if possible, else pss), cgroup, or pss."""
        self.cgroup: Path | None = None
        reason = ""
        if method in ("auto", "cgroup"):
            self.cgroup, reason = probe_cgroup()
            if self.cgroup is None and method == "cgroup":
                raise RuntimeError(f"cgroup memory measurement unavailable: {reason}")
        if self.cgroup is not None:
            self.method = "cgroup"
            self.description = (
                f"cgroup v2 `memory.peak` of a child cgroup per build ({reason}); "
                "whole process tree, page cache the build charges included"
            )
        elif Path("/proc/self/smaps_rollup").exists():
            self.method = "pss"
            why = f" (no cgroup: {reason})" if reason else ""
            self.description = (
                "summed PSS (/proc/<pid>/smaps_rollup) of the build's whole process tree, "
                f"sampled every {SAMPLE_SECONDS * 1000:.0f} ms{why}"
            )
        else:
            self.method = "none"
            self.description = "not measured (no cgroup v2 memory.peak, no /proc smaps_rollup)"

    def run(
        self, cmd: Sequence[str], *, cwd: Path, env: Mapping[str, str]
    ) -> Measured:
        """Run ``cmd`` to completion; output goes to temp files (no pipe can fill up)."""
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            if self.cgroup is not None:
                with CgroupRun(self.cgroup) as group:
                    started = time.perf_counter()
                    proc = subprocess.Popen(
                        cmd, cwd=cwd, env=dict(env), stdout=out, stderr=err,
                        preexec_fn=group.join,
                    )  # fmt: skip
                    code = proc.wait()
                    wall = time.perf_counter() - started
                    peak = group.peak_mb()
            else:
                started = time.perf_counter()
                proc = subprocess.Popen(cmd, cwd=cwd, env=dict(env), stdout=out, stderr=err)
                if self.method == "pss":
                    with PssSampler(proc.pid) as sampler:
                        code = proc.wait()
                        wall = time.perf_counter() - started
                    peak = sampler.peak_kib / 1024
                else:
                    code = proc.wait()
                    wall = time.perf_counter() - started
                    peak = float("nan")
            out.seek(0)
            err.seek(0)
            return Measured(
                wall=wall,
                peak_mb=peak,
                returncode=code,
                stdout=out.read().decode("utf-8", "replace"),
                stderr=err.read().decode("utf-8", "replace"),
            )
