"""Peak memory of a cold build, process by process, on N pages of the kremlin.ru archive.

Usage: ``python benchmarks/memory.py PAGES [--workers 2]``

Builds N pages (copies of the archive's beyond 6,908, as ``scale.py`` makes
them) from an empty cache in a fresh process with its workers, samples the
proportional set size (PSS) of that process and of each worker every 0.1 s,
and prints, as one JSON line, the build's time, the peak of the sum, each
process's share at that moment and when it came, and the parent's own peak.
Skips cleanly without ``../shared/``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from run import ARCHIVE, unpack
from scale import BUILD, make_corpus


def sampled_build(corpus: Path, cache: Path, workers: int) -> dict[str, object]:
    """Run the build; the peak PSS sum, who held it, and the parent's own peak."""
    started = time.perf_counter()
    build = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(corpus), str(cache), str(workers)],
        stdout=subprocess.PIPE,
        text=True,
    )
    parent = psutil.Process(build.pid)
    peak, at_peak, when, parent_peak = 0.0, {}, 0.0, 0.0
    while build.poll() is None:
        shares = {}
        try:
            processes = [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for process in processes:
            try:
                name = "parent" if process.pid == build.pid else f"worker {process.pid}"
                shares[name] = process.memory_full_info().pss / 1e6
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        parent_peak = max(parent_peak, shares.get("parent", 0.0))
        if sum(shares.values()) > peak:
            peak, at_peak, when = sum(shares.values()), shares, time.perf_counter() - started
        time.sleep(0.1)
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "peak_pss_mb": round(peak),
        "at_peak_mb": {name: round(mb) for name, mb in at_peak.items()},
        "peak_at_seconds": round(when, 1),
        "parent_peak_mb": round(parent_peak),
        "output": build.stdout.read().strip() if build.stdout else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pages", type=int)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not ARCHIVE.is_file():
        print(f"skipped: needs {ARCHIVE.name} in ../shared/realworld/ beside the clone")
        return
    with tempfile.TemporaryDirectory() as tmp:
        pages = unpack(Path(tmp) / "archive")
        corpus = make_corpus(pages, args.pages, Path(tmp) / "corpus")
        row = {"pages": args.pages, "workers": args.workers}
        print(json.dumps(row | sampled_build(corpus, Path(tmp) / "cache", args.workers)))


if __name__ == "__main__":
    main()
