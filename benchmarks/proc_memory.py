"""The memory of a process tree, as the benchmarks report it: the peak of the summed proportional set size (PSS).

A forked analysis worker shares its parent's pages (copy on write) and every process maps the same libraries:
summing resident sets (ru_maxrss) counts those pages once per process. PSS splits each shared page between the
processes that map it, so the sum over a tree is the memory the run really holds. Linux only (/proc); elsewhere
the figures are 0.

    with TreeSampler(os.getpid()) as sampler:   # samples from a separate process: no thread is started here
        run()
    sampler.peak_total_mib, sampler.peak_largest_mib

The sampler runs in its own process, not a thread, because a process with threads does not fork its analysis
workers (`storyline.analyze.workers.worker_count`): a sampling thread would change what is measured.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import TracebackType

MIB = 1024 * 1024
# Sampling period: short enough to catch an analysis batch's peak, long enough to cost nothing measurable.
SAMPLE_SECONDS = 0.25


def process_tree(root: int) -> list[int]:
    """`root` and all its descendants (Linux /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(parents.get(pid, []))
    return tree


def pss_bytes(pid: int) -> int:
    """Proportional set size of one process (0 when it has ended)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeSampler:
    """Peak PSS of `root`'s process tree (the sampler's own process left out) while the block runs."""

    def __init__(self, root: int, period: float = SAMPLE_SECONDS) -> None:
        self.root, self.period = root, period
        self.peak_total_mib = self.peak_largest_mib = 0.0
        self._child: subprocess.Popen[str] | None = None

    def __enter__(self) -> TreeSampler:
        self._child = subprocess.Popen([sys.executable, __file__, str(self.root), str(self.period)],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        assert self._child is not None
        output, _ = self._child.communicate("")  # closing its stdin tells the sampler to report and stop
        peaks = json.loads(output or "{}")
        self.peak_total_mib = peaks.get("total", 0) / MIB
        self.peak_largest_mib = peaks.get("largest", 0) / MIB


def _sample(root: int, period: float) -> None:
    """The sampler process: sample until stdin closes, then print the peaks as JSON."""
    import os
    import select

    me = os.getpid()
    peaks = {"total": 0, "largest": 0}
    while True:
        sizes = [pss_bytes(pid) for pid in process_tree(root) if pid != me]
        peaks["total"] = max(peaks["total"], sum(sizes))
        peaks["largest"] = max(peaks["largest"], max(sizes, default=0))
        ready, _, _ = select.select([sys.stdin], [], [], period)
        if ready:
            break
    print(json.dumps(peaks))


if __name__ == "__main__":
    _sample(int(sys.argv[1]), float(sys.argv[2]))
