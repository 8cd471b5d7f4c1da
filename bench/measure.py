"""Measuring tools shared by the benchmarks: phase timers, peak memory of a whole process,
running one side of a comparison in a child process, and a throwaway PostgreSQL server.

Each side runs in its own child process so that its peak resident memory (VmHWM, which
counts C allocations in pandas, numpy and the database drivers, unlike tracemalloc) is
its own and not the maximum of everything measured before it.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import AS_DEPLOYED

PROJECT_ROOT = Path(__file__).resolve().parents[1]
RESULT_MARK = "BENCH-RESULT "


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    Linux's VmHWM belongs to the process's own address space. ru_maxrss is not used where
    VmHWM exists because Linux carries it over from the parent across fork and exec, so a
    child would report at least its parent's size.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@dataclass
class PhaseTimer:
    """Wall-clock time spent inside chosen functions, found by module and attribute name.

    The functions are wrapped in place until `restore()`, so callers that look them up
    at call time are timed without any change to their code. Calls nested inside
    another timed call are timed too.
    """

    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    # how much the process's peak memory rose while inside the function, in MB
    peak_rise: dict[str, float] = field(default_factory=dict)
    originals: list[tuple[object, str, object]] = field(default_factory=list)

    def wrap(self, module: str, attribute: str, label: str) -> None:
        """Time `module.attribute`; a tuple of functions there has each one timed."""
        owner = importlib.import_module(module)
        original = getattr(owner, attribute)
        self.originals.append((owner, attribute, original))
        if isinstance(original, tuple):
            setattr(owner, attribute, tuple(self._timed(f, label) for f in original))
        else:
            setattr(owner, attribute, self._timed(original, label))

    def restore(self) -> None:
        """Put back every wrapped function, newest first."""
        while self.originals:
            owner, attribute, original = self.originals.pop()
            setattr(owner, attribute, original)

    def _timed(self, original: Callable, label: str) -> Callable:
        @functools.wraps(original)
        def timed(*args, **kwargs):
            peak_before, start = peak_mb(), time.perf_counter()
            try:
                result = original(*args, **kwargs)
                # generators do their work when consumed: consume them inside the timer
                return list(result) if isinstance(result, Iterator) else result
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - start
                self.calls[label] = self.calls.get(label, 0) + 1
                self.peak_rise[label] = self.peak_rise.get(label, 0.0) + peak_mb() - peak_before

        return timed


def emit(result: dict) -> None:
    """Hand a child's result to the parent: one marked JSON line on stdout."""
    print(RESULT_MARK + json.dumps(result), flush=True)


def run_child(module: str, args: Sequence[str], timeout: float = 3600) -> dict:
    """Run `python -m module --child ...args` and return the result it emitted."""
    command = [sys.executable, "-m", module, *args]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=timeout,
                          env={**os.environ, "PYTHONHASHSEED": "0", AS_DEPLOYED: "1"})
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n"
                           f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    extra = [line for line in done.stdout.splitlines() if not line.startswith(RESULT_MARK)]
    result = json.loads(lines[-1][len(RESULT_MARK):])
    result["output"] = extra
    return result


class Postgres:
    """A throwaway PostgreSQL server (the tests' one) handing out fresh databases."""

    def __init__(self) -> None:
        from tests.pg_server import PostgresServer

        self.server = PostgresServer().start()
        self.count = 0

    def fresh_url(self, prefix: str) -> str:
        self.count += 1
        return self.server.create_database(f"{prefix}_{self.count}")

    def stop(self) -> None:
        self.server.stop()


def ratio(value: float, base: float) -> float:
    return value / base if base > 0 else float("nan")


def verdict(value: float, goal: float) -> str:
    return f"met ({value:.2f}x <= {goal:g}x)" if value <= goal else f"MISSED ({value:.2f}x > {goal:g}x)"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain text table, numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    for row, raw in zip(cells, rows, strict=True):
        out.append("  ".join(c.rjust(w) if isinstance(v, int | float) else c.ljust(w)
                             for c, w, v in zip(row, widths, raw, strict=True)))
    return "\n".join(out)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def machine() -> str:
    """The machine, with its load average at the start (a shared machine's other work
    slows both sides of a comparison, but not always equally)."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return (f"{os.cpu_count()} CPU(s), Python {sys.version.split()[0]}, {sys.platform}"
            + (f", load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}" if load else ""))


def timed(function: Callable, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - start, value
