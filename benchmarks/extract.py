"""HTML extraction on its own: trafilatura's settings, speed against quality.

Usage: ``python benchmarks/extract.py [--pages 200]`` (``make bench`` runs it).

Each setting extracts the main text of the 200 kremlin.ru pages beside the
clone (``../shared/realworld/kremlin``); the baseline is the setting the
readers use (``analysis.readers.read_html``). Quality is measured against
the baseline's text: the share of pages with exactly the same text, and the
ratio of the lengths (all text extracted over the baseline's). A setting is
only worth taking if it is faster at equal text. Skips cleanly without
``../shared/``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import trafilatura

from analysis.config import PROJECT_ROOT
from analysis.readers import decode

PAGES = PROJECT_ROOT.parent / "shared" / "realworld" / "kremlin"
RESULTS = Path(__file__).resolve().parent / "results"
COMMON = {"with_metadata": True, "include_comments": False, "include_tables": False}
SETTINGS = {
    "default (as read_html)": {},
    "fast=True (no fallback extractors)": {"fast": True},
    "favor_precision=True": {"favor_precision": True},
    "fast=True, favor_precision=True": {"fast": True, "favor_precision": True},
}


def extract(pages: list[str], options: dict) -> tuple[float, list[str]]:
    """Seconds to extract every page with these options, and the texts."""
    started = time.perf_counter()
    texts = []
    for page in pages:
        found = trafilatura.bare_extraction(page, **COMMON, **options)
        texts.append((found.as_dict() if found is not None else {}).get("text") or "")
    return time.perf_counter() - started, texts


def main() -> None:
    """Print speed and agreement per setting; write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"skipped: needs {PAGES.name}/ in ../shared/realworld/ beside the clone")
        return
    files = sorted(PAGES.glob("*.html"))[: args.pages]
    pages = [decode(f.read_bytes(), str(f)) for f in files]
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    rows, baseline = [], None
    print(f"{len(pages)} pages, {megabytes:.1f} MB of HTML")
    header = f"{'seconds':>8} {'pages/s':>8} {'x default':>9} {'same text':>9} {'length':>7}"
    print(f"{'setting':38} {header}")
    for name, options in SETTINGS.items():
        seconds, texts = extract(pages, options)
        baseline = baseline or (seconds, texts)
        same = sum(a == b for a, b in zip(texts, baseline[1], strict=True)) / len(texts)
        length = sum(map(len, texts)) / max(1, sum(map(len, baseline[1])))
        speedup = baseline[0] / seconds
        rows.append(
            {
                "setting": name,
                "seconds": seconds,
                "pages": len(pages),
                "speedup": speedup,
                "same_text": same,
                "length_ratio": length,
            }  # fmt: skip
        )
        print(
            f"{name:38} {seconds:8.2f} {len(pages) / seconds:8.1f} {speedup:9.2f} "
            f"{same:9.1%} {length:7.3f}"
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extract.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
