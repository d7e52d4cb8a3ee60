"""Build time and peak memory of a cold build, as the corpus grows.

Usage: ``python benchmarks/scale.py [--pages 1000 6908 69080] [--workers 2]``
(``make bench`` runs ``--pages 1000``; add ``--large`` for the whole archive).

Pages come from the kremlin.ru archive beside the clone
(``../shared/realworld/kremlin-news-2000-2020.tar.xz``), unpacked into a
temporary folder; a count above the archive's 6,908 pages repeats it with
distinct ids (each copy's pages get a numbered name and a numbered headline;
their bodies are the same, so the near-duplicate check finds every copy a
near duplicate of the first, its worst case). Each build runs in a fresh
process with the given workers; the peak is the largest sum of the resident
memory of the build's processes, that process and its workers (not this
script, which only times them), sampled every 0.05 s, as resident set sizes
and as proportional set sizes (PSS: a page shared by forked workers counted
once, what the machine really gives them). Then ten
pages are added and the build run again, which loads only those ten. Skips
cleanly without ``../shared/``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import ARCHIVE, PeakMemory, unpack

from analysis.config import PROJECT_ROOT

RESULTS = Path(__file__).resolve().parent / "results"
ADDED = 10  # files added to a built corpus, to time an incremental rebuild
BUILD = """
import sys
from analysis import corpus_tables
minimal = {t: ["article_id"] for t in ("sentences", "mentions", "quotes")}
tables = corpus_tables(sys.argv[1], cache_dir=sys.argv[2], workers=int(sys.argv[3]),
                       read_columns={"articles": ["article_id"], **minimal}, progress=False)
print(len(tables.articles), len(tables.sentences))
"""


def make_corpus(pages: list[Path], n_pages: int, folder: Path) -> Path:
    """A folder of ``n_pages`` pages: links to the archive's, then renamed copies."""
    folder.mkdir(parents=True)
    for n in range(n_pages):
        page, copy = pages[n % len(pages)], n // len(pages)
        if copy == 0:
            (folder / page.name).symlink_to(page)
        else:
            write_copy(page, folder, f"copy{copy}")
    return folder


def write_copy(page: Path, folder: Path, label: str) -> None:
    """Write a page again under a new name, with the label in its headline.

    The distinct headline keeps the copy apart in the near-duplicate check.
    """
    html = page.read_text(encoding="utf-8", errors="replace")
    target = folder / f"{page.stem}-{label}.html"
    target.write_text(html.replace("<title>", f"<title>{label}: ", 1), encoding="utf-8")


def peak_build(corpus: Path, cache: Path, workers: int) -> dict[str, float]:
    """Run one cold build in a fresh process; its seconds and the peak memory of its processes."""
    command = [sys.executable, "-c", BUILD, str(corpus), str(cache), str(workers)]
    with PeakMemory(children_only=True) as memory:
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - started
    articles, sentences = map(int, done.stdout.split())
    return {"seconds": seconds, "peak_mb": memory.peak / 1e6,
            "peak_pss_mb": memory.peak_pss / 1e6, "articles": articles,
            "sentences": sentences}  # fmt: skip


def main() -> None:
    """Print build time and peak memory per corpus size; write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, nargs="+", default=[1000])
    parser.add_argument("--large", action="store_true", help="also the whole archive")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not ARCHIVE.is_file():
        print(f"skipped: needs {ARCHIVE.name} in ../shared/realworld/ beside the clone")
        return
    sizes = sorted(set(args.pages + ([6908] if args.large else [])))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pages = unpack(Path(tmp) / "archive")
        for n_pages in sizes:
            corpus = make_corpus(pages, n_pages, Path(tmp) / f"corpus{n_pages}")
            row = {"pages": n_pages, "workers": args.workers}
            row |= peak_build(corpus, Path(tmp) / f"cache{n_pages}", args.workers)
            for page in pages[:ADDED]:
                write_copy(page, corpus, "added")
            again = peak_build(corpus, Path(tmp) / f"cache{n_pages}", args.workers)
            row |= {"add_10_seconds": again["seconds"], "add_10_peak_mb": again["peak_mb"],
                    "add_10_peak_pss_mb": again["peak_pss_mb"]}  # fmt: skip
            rows.append(row)
            print(
                f"{n_pages:6} pages, {row['articles']:6} articles, {row['sentences']:8} sentences:"
                f" {row['seconds']:7.1f} s, peak {row['peak_mb']:6.0f} MB (the build's processes;"
                f" {row['peak_pss_mb']:.0f} MB with shared pages counted once);"
                f" {ADDED} files added: {again['seconds']:5.1f} s, peak {again['peak_mb']:4.0f} MB",
                flush=True,
            )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scale-{'-'.join(map(str, sizes))}.json"
    out.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(f"wrote {out.relative_to(PROJECT_ROOT) if out.is_relative_to(PROJECT_ROOT) else out}")


if __name__ == "__main__":
    main()
