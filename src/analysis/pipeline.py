"""Build the processed tables of a corpus once, and cache them as Parquet.

:func:`corpus_tables` loads a corpus, splits it into sentences and scores
them (VADER and diplomatic tone), finds the actor mentions (with the tone
towards each) and the quotes (with their speakers), and keeps the tables
under ``data/processed/`` as one partitioned Parquet dataset per table (see
:mod:`analysis.cache`). The build runs chunk by chunk (see
:mod:`analysis.build`), so memory is bounded by the chunk, and only what
changed is built again: a new or edited input file, or (when the scoring code
or a lexicon changes) the scores of every chunk, read back from the cached
articles rather than loaded again.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis import cache as cache_store
from analysis.actors import ActorsArg, find_actors, gazetteer_with
from analysis.config import RAW_DIR, processed_dir
from analysis.corpus import load_articles, load_options_from_environment, rejects, scored_articles
from analysis.quotes import extract_quotes, label_spans
from analysis.segment import split_sentences
from analysis.sentiment import score_sentiment
from analysis.target import tone_towards
from analysis.tone import score_tone

logger = logging.getLogger(__name__)

StrPath = str | PathLike[str]
PACKAGE_DIR = Path(__file__).resolve().parent
TABLES = cache_store.TABLES
EXPORT_FORMATS = ("csv", "parquet")
# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_MIN_ARTICLES = 200
CHUNKS_PER_WORKER = 4


@dataclass(frozen=True)
class Tables:
    """The processed tables of one corpus.

    Attributes:
        articles: The ``articles`` frame; ``attrs["rejects"]`` lists what was
            not loaded (see :func:`analysis.rejects`).
        sentences: Sentences with the sentiment and tone columns.
        mentions: Actor mentions with ``target_tone`` and ``target_label``.
        quotes: Quotes with speakers and their sentiment and tone.
        from_cache: Whether the tables were read from the cache.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    from_cache: bool


def _roots(paths: StrPath | Iterable[StrPath]) -> list[Path]:
    roots = [paths] if isinstance(paths, str | PathLike) else list(paths)
    return [Path(root).resolve() for root in roots]


def input_fingerprint(paths: StrPath | Iterable[StrPath]) -> str:
    """Fingerprint the files under ``paths``: names, sizes, modification times."""
    digest = hashlib.sha256()
    for root in _roots(paths):
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for file in files:
            if file.is_file():
                stat = file.stat()
                digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# What only presents the tables: a change here neither reloads nor rescores the cache.
PRESENTATION_FILES = frozenset(
    {
        "__main__.py",
        "cli.py",
        "evaluate.py",
        "filters.py",
        "kwic.py",
        "plots.py",
        "report.py",
        "trust.py",
    }
)


def _is_presentation(name: str) -> bool:
    return name in PRESENTATION_FILES or name.startswith("aggregate/")


def _package_digest(skip: frozenset[str]) -> str:
    """Digest the version and every module and resource of the package but ``skip``."""
    from analysis import __version__

    digest = hashlib.sha256(__version__.encode())
    for file in sorted(PACKAGE_DIR.rglob("*")):
        name = file.relative_to(PACKAGE_DIR).as_posix()
        if (
            file.suffix in (".py", ".tsv", ".csv")
            and name not in skip
            and not _is_presentation(name)
        ):
            digest.update(name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def code_fingerprint() -> str:
    """Fingerprint the code that builds the tables: the package but its presentation files.

    A file not known to present only counts as building code, so a new module
    never leaves stale scores in the cache.
    """
    return _package_digest(frozenset())


# What the scoring reads: a change here rescores the cached articles, it does not reload them.
SCORING_FILES = frozenset(
    {
        "actors/__init__.py",
        "actors/find.py",
        "actors/gazetteer.py",
        "actors/names.py",
        "actors/sources.py",
        "cues.py",
        "quotes.py",
        "segment.py",
        "sentiment.py",
        "attribution.py",
        "linear.py",
        "relations.py",
        "target.py",
        "tone.py",
        "resources/__init__.py",
        "resources/actors.tsv",
        "resources/actors_phoenix.tsv",
        "resources/build_event_cues.py",
        "resources/build_gazetteer.py",
        "resources/diplomatic_context.tsv",
        "resources/event_cues.tsv",
        "resources/event_cues_cameo.tsv",
        "resources/event_sets_cameo.tsv",
        "resources/hedge_cues.tsv",
        "resources/places_phoenix.tsv",
        "resources/roles.tsv",
        "resources/roles_phoenix.tsv",
        "resources/target_model.tsv",
        "resources/relations_model.tsv",
        "resources/tone_lexicon.tsv",
    }
)


def load_fingerprint() -> str:
    """Fingerprint the code that loads articles: the package but its scoring files.

    A file not known to be scoring-only counts as loading code, so a new
    module never leaves a stale load in the cache.
    """
    return _package_digest(SCORING_FILES)


def default_workers() -> int:
    """Worker processes the command line uses: the machine's cores, at most 8."""
    return min(os.cpu_count() or 1, 8)


def score_articles(
    articles: pd.DataFrame, *, actors: ActorsArg = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Split and score loaded articles: their sentences, mentions and quotes.

    Args:
        articles: The ``articles`` frame.
        actors: Your own actors on top of the shipped gazetteer (see
            :func:`analysis.find_actors`), for mentions and speakers.
    """
    articles = scored_articles(articles)  # English only, unless an article is marked 'en'
    sentences = articles.pipe(split_sentences).pipe(score_sentiment).pipe(score_tone)
    names = gazetteer_with(actors)
    quotes = extract_quotes(articles, gazetteer_=names, sentences=sentences)
    found = find_actors(sentences, articles=articles, gazetteer_=names)
    found = without_labels(found, label_spans(quotes, articles))
    return sentences, tone_towards(sentences, found), quotes


def without_labels(mentions: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """The mentions outside transcript speaker labels: a label says who speaks, it mentions no one.

    Args:
        mentions: The ``mentions`` frame.
        labels: Label spans (``article_id``, ``start``, ``end``) from
            :func:`analysis.quotes.label_spans`.

    Example:
        >>> mentions = pd.DataFrame({"article_id": ["a", "a"], "start": [7, 40], "end": [21, 50]})
        >>> labels = pd.DataFrame({"article_id": ["a"], "start": [7], "end": [23]})
        >>> without_labels(mentions, labels)["start"].tolist()
        [40]
    """
    if labels.empty or mentions.empty:
        return mentions
    keyed = mentions.reset_index(drop=True)
    spans = labels.sort_values(["article_id", "start"])
    by_article = {  # each label's start, and the furthest end of it and those before it
        article_id: (rows["start"].to_numpy(), np.maximum.accumulate(rows["end"].to_numpy()))
        for article_id, rows in spans.groupby("article_id", sort=False)
    }
    starts, ends = keyed["start"].to_numpy(), keyed["end"].to_numpy()
    inside = np.zeros(len(keyed), dtype=bool)
    for article_id, rows in keyed.groupby("article_id", sort=False).indices.items():
        if article_id not in by_article:
            continue
        label_starts, label_ends = by_article[article_id]
        last = np.searchsorted(label_starts, ends[rows], side="left") - 1  # starts before the end
        found = last >= 0
        inside[rows[found]] = label_ends[last[found]] > starts[rows[found]]
    return keyed[~inside].reset_index(drop=True)


def _in_parallel(
    articles: pd.DataFrame, workers: int, actors: ActorsArg = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """:func:`score_articles` on runs of consecutive articles in worker processes.

    Every stage works article by article, so the joined result equals one
    call on the whole frame.
    """
    n_chunks = min(len(articles), workers * CHUNKS_PER_WORKER)
    bounds = [len(articles) * i // n_chunks for i in range(n_chunks + 1)]
    chunks = [articles.iloc[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(partial(score_articles, actors=actors), chunks))
    sentences, mentions, quotes = (
        pd.concat([part[i] for part in parts], ignore_index=True) for i in range(3)
    )
    return sentences, mentions, quotes


def build_tables(
    paths: StrPath | Iterable[StrPath],
    *,
    load_options: Mapping[str, Any] | None = None,
    workers: int = 1,
    actors: ActorsArg = None,
) -> Tables:
    """Load, split and score a corpus without the cache.

    Args:
        paths: What :func:`analysis.load_articles` takes.
        load_options: Passed to :func:`analysis.load_articles`.
        workers: Processes for reading files (see :func:`analysis.load_articles`)
            and for splitting and scoring; a corpus of fewer than
            ``PARALLEL_MIN_ARTICLES`` articles is scored in this one.
            More than one starts worker processes: a script that asks for
            them must guard its top level with ``if __name__ == "__main__":``
            where processes start by spawning (macOS, Windows).
        actors: Your own actors on top of the shipped gazetteer (see
            :func:`analysis.find_actors`).

    Raises:
        ValueError: ``workers`` is less than 1.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    articles = load_articles(paths, **dict(load_options or {}), workers=workers)
    if workers > 1 and len(articles) >= PARALLEL_MIN_ARTICLES:
        sentences, mentions, quotes = _in_parallel(articles, workers, actors)
    else:
        sentences, mentions, quotes = score_articles(articles, actors=actors)
    return Tables(articles, sentences, mentions, quotes, from_cache=False)


def cache_folder(paths: StrPath | Iterable[StrPath], cache_dir: StrPath | None = None) -> Path:
    """The cache folder of a corpus: ``<cache_dir>/corpus-<hash of its paths>``.

    Each table is the dataset ``<folder>/<table>/part-*.parquet``, which any
    Parquet reader (``pd.read_parquet(folder / "sentences", columns=[...])``,
    ``dask.dataframe.read_parquet``, DuckDB, R's arrow) reads as one table.
    """
    roots = _roots(paths)
    name = hashlib.sha256("\n".join(map(str, roots)).encode()).hexdigest()[:12]
    return (Path(cache_dir) if cache_dir else processed_dir()) / f"corpus-{name}"


def corpus_tables(
    paths: StrPath | Iterable[StrPath] = RAW_DIR,
    *,
    cache_dir: StrPath | None = None,
    cache: bool = True,
    refresh: bool = False,
    workers: int = 1,
    client: Any = None,
    read_columns: Mapping[str, Sequence[str]] | None = None,
    progress: bool | None = None,
    actors: ActorsArg = None,
    **load_options: Any,
) -> Tables:
    """Return a corpus's processed tables (articles, sentences, mentions, quotes), cached.

    Args:
        paths: What :func:`analysis.load_articles` takes; the shipped
            ``data/raw/`` by default.
        cache_dir: Where the cache goes; by default ``data/processed/``,
            or the folder in the ``ANALYSIS_PROCESSED_DIR`` environment variable.
        cache: ``False`` to build in memory, without reading or writing a cache.
        refresh: Rebuild even when the cache is current.
        workers: Processes for a build (see :func:`build_tables`); the
            tables are the same whatever the number. The command line uses
            :func:`default_workers`.
        client: A ``dask.distributed.Client`` to build on (its workers must
            see ``cache_dir``); needs the ``scale`` extra. ``workers`` is then
            ignored.
        read_columns: The columns to read per table, e.g. ``{"sentences":
            ["article_id", "tone"]}``; a table not named is read whole. A
            large corpus's sentence texts need not be read for a mean tone.
        progress: Show a progress bar while building (None: on a terminal
            or in Jupyter, not when ``CI`` is set; see :mod:`analysis.progress`).
        actors: Your own actors (a TSV file or a frame; see
            :func:`analysis.find_actors`). Their fingerprint is part of the
            scores' cache key: changing them scores the cached articles
            again without loading them again.
        **load_options: Passed to :func:`analysis.load_articles`
            (``encoding``, ``columns``, ``errors``); part of the fingerprint.

    Returns:
        The tables, with ``from_cache`` telling whether they were read
        without building anything.
    """
    load_options = {**load_options_from_environment(), **load_options}
    # The command line leaves --actors among the options it passes to the notebooks.
    actors = load_options.pop("actors", None) if actors is None else actors
    load_options.pop("actors", None)
    if actors is not None and not isinstance(actors, pd.DataFrame):
        actors = str(Path(actors).resolve())  # workers in other folders read the same file
    if not cache:
        return build_tables(paths, load_options=load_options, workers=workers, actors=actors)
    from analysis.build import update_cache, with_rejects

    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    roots = _roots(paths)
    folder = cache_folder(roots, cache_dir)
    index, current = update_cache(
        roots,
        folder,
        load_options=load_options,
        workers=workers,
        client=client,
        refresh=refresh,
        progress=progress,
        actors=actors,
    )
    wanted = dict(read_columns or {})
    unknown = set(wanted) - set(TABLES)
    if unknown:
        raise ValueError(f"read_columns: no table {sorted(unknown)}; the tables are {TABLES}")
    if index["parts"]:
        order = cache_store.file_order(folder, index)
        frames = [
            cache_store.read_table(folder, index, t, wanted.get(t), order=order) for t in TABLES
        ]
    else:  # nothing loaded: the tables' empty frames, as a build gives them
        empty = load_articles([])
        frames = [empty, *score_articles(empty, actors=actors)]
        frames = [
            f[list(wanted[t])] if t in wanted else f for t, f in zip(TABLES, frames, strict=True)
        ]
    articles, sentences, mentions, quotes = frames
    return Tables(with_rejects(articles, index), sentences, mentions, quotes, from_cache=current)


def export_tables(
    tables: Tables, out_dir: StrPath, *, format: str = "csv", raw: bool = False
) -> dict[Path, int]:
    """Write the four tables, and the list of what was not loaded, for other tools.

    Args:
        tables: What :func:`corpus_tables` returns.
        out_dir: The folder to write into (made if missing).
        format: ``"csv"`` (UTF-8, ISO dates, empty cells for missing values)
            or ``"parquet"`` (dtypes kept).
        raw: In CSV, write cells as they are; by default a cell that a
            spreadsheet would run as a formula is neutralised (see
            :func:`neutralise_formulas`).

    Returns:
        Each file written (``articles``, ``sentences``, ``mentions``,
        ``quotes`` and ``rejects``, in that order) with its number of rows.

    Raises:
        ValueError: The format is not one of ``csv`` and ``parquet``.
    """
    if format not in EXPORT_FORMATS:
        raise ValueError(f"export format must be one of {EXPORT_FORMATS}, not {format!r}")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    frames = {name: _without_attrs(getattr(tables, name)) for name in TABLES}
    frames["rejects"] = rejects(tables.articles)
    written = {}
    for name, frame in frames.items():
        path = folder / f"{name}.{format}"
        if format == "csv":
            (frame if raw else neutralise_formulas(frame)).to_csv(
                path, index=False, encoding="utf-8"
            )
        else:
            frame.to_parquet(path, index=False)
        written[path] = len(frame)
    return written


def _without_attrs(frame: pd.DataFrame) -> pd.DataFrame:
    copy = frame.copy(deep=False)
    copy.attrs = {}
    return copy


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells a spreadsheet would run as a formula with an apostrophe.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return (``=HYPERLINK(…)``, ``+cmd|…``, ``@SUM(A1)``) gets a leading
    ``'``, as OWASP advises against CSV injection; numbers are left alone.

    Example:
        >>> frame = pd.DataFrame({"text": ["=1+1", "@SUM(A1)", "ok"], "n": [-1, 2, 3]})
        >>> neutralise_formulas(frame).to_dict("list")
        {'text': ["'=1+1", "'@SUM(A1)", 'ok'], 'n': [-1, 2, 3]}
    """
    copy = frame.copy()
    for column in copy.columns:
        values = copy[column]
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            text = values.astype("string")
            risky = text.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
            if risky.any():
                copy.loc[risky, column] = "'" + text[risky]
    return copy
