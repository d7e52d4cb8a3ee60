"""Scoring time of one unpunctuated line as it doubles in length.

Usage: ``python benchmarks/long_line.py`` (``make bench`` runs it).

A line without sentence punctuation used to become one sentence, and the
tone towards each mention in it grew with the square of its length. It is
now cut into sentences of at most ``analysis.segment.MAX_SENTENCE_CHARS``
characters, so doubling the line should about double the time. Each length
is loaded, split and scored (``analysis.pipeline.score_articles``) in one
process, after a warm-up run that loads the models and lexicons; the best of
``--repeat`` runs is kept (the machine may be busy), and its ratio to the
previous length is printed beside.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from analysis import load_articles
from analysis.pipeline import score_articles

CHUNK = (
    "the delegates from Russia spoke for a long time about the treaty and the weather and "
    "the schedule of the next meeting in the capital while others listened and took notes "
)


def timed(path: Path) -> tuple[float, int, int]:
    """Seconds to load, split and score one file; its sentences and mentions."""
    started = time.perf_counter()
    sentences, mentions, _ = score_articles(load_articles(path))
    return time.perf_counter() - started, len(sentences), len(mentions)


def write_line(folder: Path, length: int) -> Path:
    """A text file of a headline and one unpunctuated line of ``length`` characters."""
    path = folder / f"{length}.txt"
    line = (CHUNK * (length // len(CHUNK) + 1))[:length]
    path.write_text(f"Talks resume\n{line}\n", encoding="utf-8")
    return path


def main() -> None:
    """Print seconds per length and the ratio to the previous length."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--lengths", type=int, nargs="+", default=[50_000, 100_000, 200_000, 400_000]
    )
    parser.add_argument("--repeat", type=int, default=2, help="runs per length; the best is kept")
    args = parser.parse_args()
    previous = None
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        timed(write_line(folder, 1_000))  # warm-up: models and lexicons load once
        for length in args.lengths:
            path = write_line(folder, length)
            seconds, sentences, mentions = min(timed(path) for _ in range(max(1, args.repeat)))
            ratio = f"{seconds / previous:.2f}x" if previous else ""
            print(f"{length:>9,} characters: {sentences:>4} sentences, "
                  f"{mentions:>5} mentions, {seconds:6.1f} s {ratio}")  # fmt: skip
            previous = seconds


if __name__ == "__main__":
    main()
