"""Load throughput on a folder of a few thousand files, beside reading the bytes.

Usage: ``make bench`` (or ``python benchmarks/load.py --files 3000``).

The shipped documents are written out again as ``--files`` distinct files in
a temporary folder: text files, and the same texts as web pages with a
navigation bar and a footer. Each is timed with ``time.perf_counter``; the
baseline, in the same run, only reads every file's bytes. The Parquet cache
is timed cold (load, split, score, write), in one process and in the default
number of worker processes, and warm (read).
"""

from __future__ import annotations

import argparse
import html
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import analysis
from analysis.config import RAW_DIR
from analysis.pipeline import default_workers

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/about">About</a></nav>
<article><h1>{title}</h1>{body}</article>
<footer><p>© 2026 Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""


def write_corpus(folder: Path, n_files: int, kind: str) -> int:
    """Write ``n_files`` articles of one kind (``txt`` or ``html``); return bytes written."""
    articles = analysis.load_articles(RAW_DIR)
    folder.mkdir(parents=True)
    size = 0
    for n in range(n_files):
        row = articles.iloc[n % len(articles)]
        paragraphs = row["text"].split("\n\n")
        # A number in the headline and the first paragraph keeps the files distinct.
        title, body = f"{paragraphs[0]} ({n})", [f"Item {n}.", *paragraphs[1:]]
        if kind == "txt":
            content = "\n".join([title, *body]) + "\n"
        else:
            tagged = "".join(f"<p>{html.escape(p)}</p>" for p in body)
            content = PAGE.format(title=html.escape(title), body=tagged)
        path = folder / f"{row['published']:%Y-%m-%d}_{n:05d}.{kind}"
        size += path.write_text(content, encoding="utf-8")
    return size


def _seconds(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    """Print load throughput per format and of the cache."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=3000, help="files per format")
    args = parser.parse_args()
    print(f"{'stage':52} {'seconds':>8} {'articles/s':>10} {'MB/s':>7} {'x baseline':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("txt", "html"):
            folder = Path(tmp) / kind
            megabytes = write_corpus(folder, args.files, kind) / 1e6
            files = sorted(folder.iterdir())
            base = _seconds(lambda files=files: [f.read_bytes() for f in files])
            started = time.perf_counter()
            articles = analysis.load_articles(folder)
            seconds = time.perf_counter() - started
            assert len(articles) == args.files, analysis.rejects(articles)
            workers = default_workers()
            parallel = _seconds(lambda f=folder, w=workers: analysis.load_articles(f, workers=w))
            for name, took in (
                ("baseline: read the bytes", base),
                ("load_articles", seconds),
                (f"load_articles, {workers} processes", parallel),
            ):
                label = f"{name} ({args.files} .{kind} files, {megabytes:.1f} MB)"
                print(
                    f"{label:52} {took:8.2f} {args.files / took:10.0f} {megabytes / took:7.2f} "
                    f"{base / took:10.3f}"
                )
        txt = Path(tmp) / "txt"
        for workers in (1, default_workers()):
            cache = Path(tmp) / f"cache{workers}"
            cold = _seconds(
                lambda c=cache, w=workers: analysis.corpus_tables(
                    txt, cache_dir=c, workers=w, progress=False
                )
            )
            label = f"corpus_tables, cold, {workers} process(es)"
            print(f"{label:52} {cold:8.2f} {args.files / cold:10.0f}")
        warm = _seconds(lambda: analysis.corpus_tables(txt, cache_dir=cache, progress=False))
        print(f"{'corpus_tables, warm: read the Parquet cache':52} {warm:8.2f}")


if __name__ == "__main__":
    main()
