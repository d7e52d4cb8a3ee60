"""Throughput of each pipeline stage, beside plain vaderSentiment in the same run.

Usage: ``make bench`` (or ``python benchmarks/run.py --repeat 20``).

The shipped corpus is repeated ``--repeat`` times (as distinct articles) so
the numbers are not dominated by start-up. Each stage is timed with
``time.perf_counter`` on one core and its peak Python memory measured with
``tracemalloc`` in a separate pass. Numbers vary with the machine's load; compare
the ratio to the baseline, which runs in the same process.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import analysis
from analysis.config import RAW_DIR


def _timed(function: Callable[[], object]) -> tuple[float, float]:
    started = time.perf_counter()
    function()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 1e6


def main() -> None:
    """Print a table of stage throughputs."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="copies of the corpus")
    args = parser.parse_args()

    articles = analysis.load_articles(RAW_DIR)
    corpus = pd.concat(
        [articles.assign(article_id=articles["article_id"] + f"#{i}") for i in range(args.repeat)],
        ignore_index=True,
    )
    megabytes = corpus["text"].str.encode("utf-8").str.len().sum() / 1e6
    sentences = analysis.split_sentences(corpus)
    mentions = analysis.find_actors(sentences, articles=corpus)
    baseline = SentimentIntensityAnalyzer()
    stages = {
        "baseline: vaderSentiment polarity_scores loop": lambda: [
            baseline.polarity_scores(t) for t in sentences["text"]
        ],
        "load_articles (shipped folder, 34 files)": lambda: analysis.load_articles(RAW_DIR),
        "split_sentences": lambda: analysis.split_sentences(corpus),
        "score_sentiment": lambda: analysis.score_sentiment(sentences),
        "score_tone (tone, events, hedges)": lambda: analysis.score_tone(sentences),
        "find_actors": lambda: analysis.find_actors(sentences, articles=corpus),
        "extract_quotes (with their sentiment and tone)": lambda: analysis.extract_quotes(corpus),
        "tone_towards (every mention)": lambda: analysis.tone_towards(sentences, mentions),
    }
    print(
        f"text: {megabytes:.2f} MB, {len(corpus)} articles, {len(sentences)} sentences, "
        f"{len(mentions)} actor mentions"
    )
    print(f"{'stage':48} {'seconds':>8} {'MB/s':>8} {'x baseline':>10} {'peak MB':>8}")
    base_rate = None
    for name, function in stages.items():
        seconds, peak = _timed(function)
        size = megabytes / args.repeat if name.startswith("load") else megabytes
        rate = size / seconds
        base_rate = base_rate or rate
        print(f"{name:48} {seconds:8.3f} {rate:8.2f} {rate / base_rate:10.2f} {peak:8.1f}")


if __name__ == "__main__":
    main()
