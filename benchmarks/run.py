"""Every stage of the build, beside plain vaderSentiment over the same sentences.

Usage: ``make bench`` (``make bench LARGE=1`` adds the large corpora), or
``python benchmarks/run.py [--large]``.

Corpora: the shipped ``data/raw/``; the 200 kremlin.ru pages beside the clone
(``../shared/realworld/kremlin``); with ``--large``, 1,000 and 6,908 pages of
the kremlin.ru archive (``../shared/realworld/kremlin-news-2000-2020.tar.xz``,
unpacked into a temporary folder). Corpora missing from ``../shared/`` are
skipped. For each, in one run: the baseline (a loop of vaderSentiment's
``polarity_scores`` over the corpus's sentences), each stage in one process,
and the cold build (``corpus_tables``) in one process and on all cores. Each
row gives seconds, MB of article text per second, sentences per second, the
ratio of its time to the baseline's, and the peak resident memory of this
process and its workers during the stage (sampled every 0.05 s). Numbers vary
with the machine's load; compare the ratios, measured in the same run. The
rows are also written to ``benchmarks/results/stages.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import subprocess
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import analysis
from analysis.config import PROJECT_ROOT, RAW_DIR
from analysis.pipeline import default_workers

REALWORLD = PROJECT_ROOT.parent / "shared" / "realworld"
ARCHIVE = REALWORLD / "kremlin-news-2000-2020.tar.xz"
RESULTS = Path(__file__).resolve().parent / "results"


def unpack(folder: Path) -> list[Path]:
    """Unpack the archive's pages into ``folder``; return them in order."""
    with tarfile.open(ARCHIVE) as archive:
        archive.extractall(folder, filter="data")
    return sorted((folder / "kremlin-news").glob("*.html"))


class PeakMemory:
    """The peak resident memory of this process and its children while in the block.

    With ``children_only``, of the children alone: a build run in a child
    process is measured without the process that times it.
    """

    def __init__(self, *, children_only: bool = False) -> None:
        self.peak = 0  # the largest sum of resident set sizes
        self.peak_pss = 0  # the same with shared pages counted once (Linux's PSS; else RSS)
        self.children_only = children_only
        self._done = threading.Event()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._done.is_set():
            rss = pss = 0
            mine = [] if self.children_only else [me]
            for process in [*mine, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    info = process.memory_full_info()
                    rss += info.rss
                    pss += getattr(info, "pss", info.rss)
            self.peak = max(self.peak, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self._done.wait(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join()


def measure(
    function: Callable[[], object], *, children_only: bool = False
) -> tuple[float, float, object]:
    """Seconds, peak MB of all processes (see :class:`PeakMemory`), and the result of one call."""
    with PeakMemory(children_only=children_only) as memory:
        started = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - started
    return seconds, memory.peak / 1e6, result


def corpora(large: bool, tmp: Path) -> dict[str, Path]:
    """The corpora to measure that are present."""
    found = {"shipped data/raw": RAW_DIR}
    if (REALWORLD / "kremlin").is_dir():
        found["200 kremlin.ru pages"] = REALWORLD / "kremlin"
    else:
        print("skipped the realworld corpora: ../shared/realworld/ is not beside the clone")
    if large and ARCHIVE.is_file():
        pages = unpack(tmp)
        for n_pages in (1000, len(pages)):
            folder = tmp / f"archive{n_pages}"
            folder.mkdir()
            for page in pages[:n_pages]:
                (folder / page.name).symlink_to(page)
            found[f"{n_pages:,} archive pages"] = folder
    return found


def on_dask(folder: Path, cache: Path, workers: int) -> object:
    """A cold build on a local Dask cluster of worker processes (the ``scale`` extra)."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        return analysis.corpus_tables(folder, cache_dir=cache, client=client, progress=False)


def stages(folder: Path, tmp: Path) -> list[dict[str, object]]:
    """Measure every stage on one corpus; return a row per stage."""
    seconds, peak, articles = measure(lambda: analysis.load_articles(folder))
    sentences = analysis.split_sentences(articles)
    scored = analysis.score_tone(analysis.score_sentiment(sentences))
    mentions = analysis.find_actors(sentences, articles=articles)
    vader = SentimentIntensityAnalyzer()
    texts = sentences["text"].tolist()
    cores = default_workers()
    steps: dict[str, Callable[[], object]] = {
        "baseline: vaderSentiment polarity_scores loop": lambda: [
            vader.polarity_scores(t) for t in texts
        ],
        "split_sentences": lambda: analysis.split_sentences(articles),
        "score_sentiment": lambda: analysis.score_sentiment(sentences),
        "score_tone": lambda: analysis.score_tone(sentences),
        "find_actors": lambda: analysis.find_actors(sentences, articles=articles),
        "tone_towards (every mention)": lambda: analysis.tone_towards(scored, mentions),
        "extract_quotes (with their scores)": lambda: analysis.extract_quotes(
            articles, sentences=scored
        ),
        "score_articles (everything after loading)": lambda: analysis.pipeline.score_articles(
            articles
        ),
        "corpus_tables cold, 1 process": lambda: analysis.corpus_tables(
            folder, cache_dir=tmp / "one", progress=False
        ),
        f"corpus_tables cold, {cores} processes": lambda: analysis.corpus_tables(
            folder, cache_dir=tmp / "all", workers=cores, progress=False
        ),
        "corpus_tables warm (read the cache)": lambda: analysis.corpus_tables(
            folder, cache_dir=tmp / "all", progress=False
        ),
    }
    if importlib.util.find_spec("distributed"):
        steps[f"corpus_tables cold, Dask LocalCluster, {cores} workers"] = lambda: on_dask(
            folder, tmp / "dask", cores
        )
    megabytes = articles["text"].str.encode("utf-8").str.len().sum() / 1e6
    rows = [{"stage": "load_articles", "seconds": seconds, "peak_mb": peak}]
    for name, function in steps.items():
        seconds, peak, _ = measure(function)
        rows.append({"stage": name, "seconds": seconds, "peak_mb": peak})
    baseline = rows[1]["seconds"]
    for row in rows:
        row |= {
            "mb_per_s": megabytes / row["seconds"],
            "sentences_per_s": len(sentences) / row["seconds"],
            "x_baseline": row["seconds"] / baseline,
            "articles": len(articles),
            "sentences": len(sentences),
            "megabytes": megabytes,
        }
    return rows


def main() -> None:
    """Print a table per corpus; write every row as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", action="store_true", help="also 1,000 and 6,908 archive pages")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=PROJECT_ROOT
    ).stdout.strip()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder in corpora(args.large, Path(tmp)).items():
            rows = stages(folder, Path(tmp) / name.replace(" ", "_"))
            first = rows[0]
            print(
                f"\n{name}: {first['articles']} articles, {first['megabytes']:.2f} MB of text, "
                f"{first['sentences']} sentences (commit {commit})"
            )
            header = f"{'seconds':>8} {'MB/s':>6} {'sent/s':>7} {'x VADER':>7} {'peak MB':>7}"
            print(f"{'stage':46} {header}")
            for row in rows:
                print(
                    f"{row['stage']:46} {row['seconds']:8.2f} {row['mb_per_s']:6.2f} "
                    f"{row['sentences_per_s']:7.0f} {row['x_baseline']:7.2f} {row['peak_mb']:7.0f}"
                )
            results += [{"corpus": name, "commit": commit, **row} for row in rows]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "stages.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\nwrote {(RESULTS / 'stages.json').relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
