"""How far to trust the scores, as a report reads it: the evaluation tables and the worst misses.

:func:`evaluation_tables` runs every ``evaluate_*`` function of
:mod:`analysis.evaluate` (what ``python -m analysis evaluate`` prints) on the
evaluation data and returns each table, or why it could not be made.
:func:`largest_errors` lists the sentences the scorers got most wrong, so a
reader sees what a misreading looks like rather than only a number.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from analysis import evaluate
from analysis.config import BENCHMARKS_DIR

GOLD_VALUES = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}
ERROR_COLUMNS = ["set", "scorer", "sentence", "gold", "score", "error"]


def evaluation_functions() -> dict[str, Callable[..., pd.DataFrame]]:
    """The public ``evaluate_*`` functions of :mod:`analysis.evaluate`, by name, in file order."""
    found = [
        (name, function)
        for name, function in inspect.getmembers(evaluate, inspect.isfunction)
        if name.startswith("evaluate_") and function.__module__ == evaluate.__name__
    ]
    found.sort(key=lambda pair: inspect.getsourcelines(pair[1])[1])
    return dict(found)


def evaluation_tables(
    benchmarks_dir: str | Path = BENCHMARKS_DIR, *, realworld_dir: str | Path | None = None
) -> dict[str, pd.DataFrame | str]:
    """Every evaluation table, by function name; a string says why one is missing.

    Each function gets the folders it asks for by name: ``benchmarks_dir``
    (the human-rated sets) and ``realworld_dir`` (the documents the gold sets
    label; by default ``realworld/`` beside ``benchmarks_dir``). A function
    whose data are absent gives the reason instead of a table, so a report
    can say what it skipped.
    """
    folders = {
        "benchmarks_dir": Path(benchmarks_dir),
        "realworld_dir": Path(realworld_dir or Path(benchmarks_dir).parent / "realworld"),
    }
    tables: dict[str, pd.DataFrame | str] = {}
    for name, function in evaluation_functions().items():
        wanted = {key: folder for key, folder in folders.items() if key in _parameters(function)}
        missing = [str(folder) for folder in wanted.values() if not folder.is_dir()]
        if missing:
            tables[name] = f"{', '.join(missing)}: not found"
            continue
        try:
            tables[name] = function(**wanted)
        except evaluate.BenchmarkMissingError as error:
            tables[name] = str(error)
    return tables


def _parameters(function: Callable[..., pd.DataFrame]) -> set[str]:
    return set(inspect.signature(function).parameters)


def _vader_errors(folder: Path, sets: Sequence[str], scorer: str) -> pd.DataFrame:
    score = evaluate.scorers()[scorer]
    frames = []
    for name in sets:
        data = evaluate.read_vader_set(folder / "vader-groundtruth" / evaluate.VADER_SETS[name])
        scores = data["text"].map(score).astype("float64")
        gold = data["human"] / 4  # the raters' mean, −4..4, on the scorers' −1..1 scale
        frames.append(pd.DataFrame({"set": name, "scorer": scorer, "sentence": data["text"],
                                    "gold": gold, "score": scores}))  # fmt: skip
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ERROR_COLUMNS)


def mark_mention(text: str, start: int, end: int) -> str:
    """The sentence with its target in brackets.

    Example:
        >>> mark_mention("Critics accused Putin of lying.", 16, 21)
        'Critics accused [Putin] of lying.'
    """
    return f"{text[:start]}[{text[start:end]}]{text[end:]}"


def _target_errors(folder: Path, splits: Sequence[str]) -> pd.DataFrame:
    from analysis.target import target_sentiment

    frames = []
    for name in splits:
        data = evaluate.read_newsmtsc(folder / "newsmtsc" / evaluate.NEWSMTSC_SPLITS[name])
        spans = zip(data["text"], data["start"], data["end"], strict=True)
        rows = [(mark_mention(t, s, e), target_sentiment(t, s, e)) for t, s, e in spans]
        frames.append(pd.DataFrame({"set": name, "scorer": "target",
                                    "sentence": [sentence for sentence, _ in rows],
                                    "gold": data["label"].map(GOLD_VALUES),
                                    "score": [score for _, score in rows]}))  # fmt: skip
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ERROR_COLUMNS)


def largest_errors(
    benchmarks_dir: str | Path = BENCHMARKS_DIR,
    *,
    top: int = 5,
    sentence_sets: Sequence[str] = ("nyt",),
    target_sets: Sequence[str] = tuple(evaluate.NEWSMTSC_SPLITS),
    scorer: str = "tone",
) -> pd.DataFrame:
    """The ``top`` sentences per set whose score lies farthest from the human judgement.

    Args:
        benchmarks_dir: The folder of the evaluation data.
        top: Sentences per set.
        sentence_sets: VADER ground-truth sets (``nyt``, ``tweets``, ``movies``,
            ``amazon``) scored by ``scorer``; the gold is the raters' mean / 4.
        target_sets: NewsMTSC test splits scored by
            :func:`analysis.target_sentiment`, the target in brackets; the
            gold is −1, 0 or +1 for negative, neutral or positive.
        scorer: ``"tone"`` (diplomatic) or ``"vader"`` for the sentence sets.

    Returns:
        ``set``, ``scorer``, ``sentence``, ``gold``, ``score`` and ``error``
        (score − gold), largest absolute error first within each set.

    Raises:
        analysis.evaluate.BenchmarkMissingError: A set's file is absent.
    """
    folder = Path(benchmarks_dir)
    scored = pd.concat(
        [_vader_errors(folder, sentence_sets, scorer), _target_errors(folder, target_sets)],
        ignore_index=True,
    )
    scored["error"] = scored["score"] - scored["gold"]
    scored = scored.assign(size=scored["error"].abs()).sort_values(
        ["set", "size"], ascending=[True, False], kind="stable"
    )
    worst = scored.groupby("set", sort=False).head(top)
    order = {name: i for i, name in enumerate([*sentence_sets, *target_sets])}
    worst = worst.sort_values("set", key=lambda s: s.map(order), kind="stable")
    return worst[ERROR_COLUMNS].reset_index(drop=True)
