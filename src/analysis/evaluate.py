"""How far to trust the scores: agreement with human-rated sentiment.

Scores the human-rated sets beside a clone (``../shared/benchmarks/`` by
default; ``python -m analysis evaluate --benchmarks DIR``) with plain VADER
and with :func:`analysis.score_tone`, side by side. The data are for
evaluation only: nothing in the package is fitted to them.

Metrics, following the benchmarks' README:

* ``pearson_r``, ``spearman_rho``: score against the mean human rating;
* ``f1_posneg``: gold = sign of the human mean (zero means dropped),
  predicted = :func:`analysis.polarity_label`, a neutral prediction counts as
  a miss, macro average over positive and negative (the VADER paper's
  convention);
* ``macro_f1``: three classes, gold = label of mean/4 at ±0.05;
* ``f1_polar``, ``coverage``: positive/negative macro-F1 on the rows where
  the human mean is not zero and the score is polar, and their share of the
  rows with a non-zero human mean.

Speakers (:func:`evaluate_speakers`) are checked against the hand-labelled
quotes and transcript turns of ``benchmarks/attribution/`` (offsets into the
documents of ``../shared/realworld/``): the share of gold rows whose speaker,
speaker country, and both, :func:`analysis.extract_quotes` gets right
(an empty gold speaker must be NA), overall, for turns and for quotes outside
turns.

For NewsMTSC (sentiment towards a person in a sentence), the sentence-level
scorers give every target in a sentence the sentence's score;
``target`` is :func:`analysis.target_sentiment`, fitted on the dev splits
(``benchmarks/fit_target.py``) and reported here on the test splits.
``macro_f1`` is over the three classes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from analysis.config import ATTRIBUTION_DIR, BENCHMARKS_DIR, REALWORLD_DIR
from analysis.sentiment import analyzer, polarity_label
from analysis.target import target_sentiment
from analysis.tone import tone_model

VADER_SETS = {
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
    "tweets": "tweets_GroundTruth.txt",
    "movies": "movieReviewSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
}
NEWSMTSC_SPLITS = {
    "newsmtsc-rw test": "paper-split/newsmtsc-rw/test.jsonl",
    "newsmtsc-mt test": "paper-split/newsmtsc-mt/test.jsonl",
}
NEWSMTSC_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
LABELS = ("positive", "neutral", "negative")


class BenchmarkMissingError(FileNotFoundError):
    """The evaluation data are not where they were looked for."""


def _require(
    path: Path, *, needs: str = "the folder holding vader-groundtruth/ and newsmtsc/"
) -> Path:
    if not path.is_file():
        raise BenchmarkMissingError(f"{path}: not found; pass {needs}")
    return path


def read_vader_set(path: str | Path) -> pd.DataFrame:
    """Read a VADER ground-truth file: ``id``, ``human`` (mean, −4..4), ``text``."""
    lines = _require(Path(path)).read_text(encoding="utf-8-sig").splitlines()
    rows = [line.split("\t") for line in lines if line.strip()]
    frame = pd.DataFrame(rows, columns=["id", "human", "text"])
    return frame.astype({"id": "string", "human": "float64", "text": "string"})


def read_newsmtsc(path: str | Path) -> pd.DataFrame:
    """Read a NewsMTSC JSONL file: one row per target.

    Columns: ``text`` (the sentence), ``start``, ``end``, ``mention``, ``label``.
    """
    rows = []
    for line in _require(Path(path)).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for target in record["targets"]:
            rows.append(
                {
                    "text": record["sentence_normalized"],
                    "start": target["from"],
                    "end": target["to"],
                    "mention": target["mention"],
                    "label": NEWSMTSC_LABELS[target["polarity"]],
                }
            )
    return pd.DataFrame.from_records(rows)


def macro_f1(gold: Sequence[str], predicted: Sequence[str], classes: Sequence[str]) -> float:
    """Macro-averaged F1 over ``classes`` (labels outside them count as misses).

    Example:
        >>> macro_f1(["positive", "negative"], ["positive", "neutral"], ["positive", "negative"])
        0.5
    """
    scores = []
    for label in classes:
        true_positive = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        n_predicted = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        precision = true_positive / n_predicted if n_predicted else 0.0
        recall = true_positive / n_gold if n_gold else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def agreement(human: pd.Series, score: pd.Series) -> dict[str, float]:
    """Compare scores (−1..1) with mean human ratings (−4..4) by every metric above."""
    human, score = human.reset_index(drop=True), score.reset_index(drop=True)
    predicted = polarity_label(score)
    rated = human != 0
    gold_sign = pd.Series(["positive" if h > 0 else "negative" for h in human])
    polar = rated & (predicted != "neutral")
    return {
        "pearson_r": human.corr(score),
        # Spearman's rho is Pearson's r on (average) ranks.
        "spearman_rho": human.rank().corr(score.rank()),
        "f1_posneg": macro_f1(
            list(gold_sign[rated]), list(predicted[rated]), ("positive", "negative")
        ),
        "macro_f1": macro_f1(list(polarity_label(human / 4)), list(predicted), LABELS),
        "f1_polar": macro_f1(
            list(gold_sign[polar]), list(predicted[polar]), ("positive", "negative")
        ),
        "coverage": float(polar.sum() / rated.sum()),
    }


def scorers() -> dict[str, Callable[[str], float]]:
    """The scorers compared: plain VADER ``compound`` and diplomatic ``tone``."""
    vader, model = analyzer(), tone_model()
    return {
        "vader": lambda text: vader.polarity_scores(text)["compound"],
        "tone": model.score,
    }


def evaluate_sentiment(benchmarks_dir: str | Path = BENCHMARKS_DIR) -> pd.DataFrame:
    """Score the four VADER ground-truth sets with each scorer.

    Returns:
        One row per (set, scorer) with the metrics of :func:`agreement`.
    """
    folder = Path(benchmarks_dir) / "vader-groundtruth"
    rows = []
    for name, file in VADER_SETS.items():
        data = read_vader_set(folder / file)
        for scorer, score in scorers().items():
            scores = data["text"].map(score).astype("float64")
            rows.append({"set": name, "n": len(data), "scorer": scorer,
                         **agreement(data["human"], scores)})  # fmt: skip
    return pd.DataFrame.from_records(rows)


def _sentence_scorer(score: Callable[[str], float]) -> Callable[[str, int, int], float]:
    """Give a target the score of its whole sentence."""
    return lambda text, start, end: score(text)


def evaluate_newsmtsc(
    benchmarks_dir: str | Path = BENCHMARKS_DIR,
    *,
    target_scorers: dict[str, Callable[[str, int, int], float]] | None = None,
) -> pd.DataFrame:
    """Label every NewsMTSC test target; report 3-class and pos/neg macro-F1.

    Args:
        benchmarks_dir: Folder holding ``newsmtsc/``.
        target_scorers: Extra scorers taking ``(text, start, end)``; the
            sentence-level scorers of :func:`scorers` and ``target``
            (:func:`analysis.target_sentiment`) are always included.
    """
    folder = Path(benchmarks_dir) / "newsmtsc"
    sentence_level: dict[str, Callable[[str, int, int], float]] = {
        name: _sentence_scorer(score) for name, score in scorers().items()
    }
    sentence_level["target"] = target_sentiment
    rows = []
    for name, file in NEWSMTSC_SPLITS.items():
        data = read_newsmtsc(folder / file)
        for scorer, score in {**sentence_level, **(target_scorers or {})}.items():
            scores = [score(t, s, e) for t, s, e in zip(data["text"], data["start"], data["end"],
                                                        strict=True)]  # fmt: skip
            predicted = list(polarity_label(pd.Series(scores)))
            gold = list(data["label"])
            rows.append(
                {
                    "set": name,
                    "n": len(data),
                    "scorer": scorer,
                    "macro_f1": macro_f1(gold, predicted, LABELS),
                    "f1_posneg": macro_f1(gold, predicted, ("positive", "negative")),
                    "accuracy": sum(g == p for g, p in zip(gold, predicted, strict=True))
                    / len(gold),
                }
            )
    return pd.DataFrame.from_records(rows)


def read_attribution_quotes(path: str | Path = ATTRIBUTION_DIR / "quotes.csv") -> pd.DataFrame:
    """Read the gold quotes: ``file``, ``start``, ``end``, ``kind``, ``speaker``, country.

    An empty speaker or country is NA.
    """
    frame = pd.read_csv(_require(Path(path)), dtype="string", keep_default_na=False)
    frame = frame.replace("", pd.NA)
    return frame.astype({"start": "int64", "end": "int64"})


def _normalised_name(name: object) -> str | None:
    """A name compared without case, accents and punctuation ("José Martí" = "Jose Marti")."""
    if not isinstance(name, str) or not name.strip():
        return None
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.casefold()).split()) or None


def _best_match(quotes: pd.DataFrame, start: int, end: int, kind: str) -> pd.Series | None:
    """The found quote that overlaps ``start:end`` most, one of the same kind first."""
    overlap = quotes["end"].clip(upper=end) - quotes["start"].clip(lower=start)
    candidates = quotes.assign(_overlap=overlap)[overlap > 0]
    if candidates.empty:
        return None
    same_kind = (candidates["kind"] == "turn") == (kind == "turn")
    ranked = candidates.assign(_same=same_kind).sort_values(
        ["_same", "_overlap"], ascending=False, kind="stable"
    )
    return ranked.iloc[0]


def attribution_predictions(
    realworld_dir: str | Path = REALWORLD_DIR, *, gold: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each gold quote or turn beside the speaker :func:`analysis.extract_quotes` finds for it.

    A gold span is matched to the found quote that overlaps it most (a turn to
    a turn, a quote to a direct or partial quote when there is one); a span no
    found quote overlaps has no predicted speaker.

    Args:
        realworld_dir: The folder holding ``kremlin/`` and ``millercenter/``.
        gold: The gold rows; :func:`read_attribution_quotes` by default.

    Returns:
        The gold rows with ``predicted_speaker``, ``predicted_country``,
        ``speaker_right``, ``country_right`` and ``both_right``.

    Raises:
        BenchmarkMissingError: The folder or a document is missing.
    """
    from analysis.corpus import load_articles
    from analysis.quotes import extract_quotes

    root = Path(realworld_dir)
    gold = read_attribution_quotes() if gold is None else gold
    predicted: dict[int, tuple[object, object]] = {}
    for file, rows in gold.groupby("file", sort=False):
        articles = load_articles(
            _require(root / str(file), needs="the folder holding kremlin/ and millercenter/"),
            errors="raise",
        )
        found = extract_quotes(articles)
        for index, row in rows.iterrows():
            match = _best_match(found, int(row["start"]), int(row["end"]), str(row["kind"]))
            predicted[int(index)] = (
                (pd.NA, pd.NA) if match is None else (match["speaker"], match["speaker_country"])
            )
    speakers = pd.Series({i: p[0] for i, p in predicted.items()}, dtype="string")
    countries = pd.Series({i: p[1] for i, p in predicted.items()}, dtype="string")
    frame = gold.assign(predicted_speaker=speakers, predicted_country=countries)
    speaker_right = [
        _normalised_name(g) == _normalised_name(p)
        for g, p in zip(frame["speaker"], frame["predicted_speaker"], strict=True)
    ]
    country_right = [
        (pd.isna(g) and pd.isna(p)) or (not pd.isna(g) and not pd.isna(p) and g == p)
        for g, p in zip(frame["speaker_country"], frame["predicted_country"], strict=True)
    ]
    frame = frame.assign(speaker_right=speaker_right, country_right=country_right)
    return frame.assign(both_right=frame["speaker_right"] & frame["country_right"])


SPEAKER_SUBSETS: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "all": lambda frame: pd.Series(True, index=frame.index),
    "turns": lambda frame: frame["kind"] == "turn",
    "quotes outside turns": lambda frame: frame["kind"] != "turn",
}


def evaluate_speakers(
    realworld_dir: str | Path = REALWORLD_DIR, *, gold: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Speaker accuracy on the attribution gold set, overall, for turns and for quotes.

    Args:
        realworld_dir: The folder holding ``kremlin/`` and ``millercenter/``
            (``../shared/realworld`` by default).
        gold: The gold rows; :func:`read_attribution_quotes` by default.

    Returns:
        One row per subset (``all``, ``turns``, ``quotes outside turns``):
        ``n``, and the shares with the speaker, the speaker's country, and
        both right (``speaker``, ``speaker_country``, ``both``).

    Raises:
        BenchmarkMissingError: The folder or a document is missing.
    """
    frame = attribution_predictions(realworld_dir, gold=gold)
    rows = []
    for name, select in SPEAKER_SUBSETS.items():
        part = frame[select(frame)]
        rows.append(
            {
                "subset": name,
                "n": len(part),
                "speaker": float(part["speaker_right"].mean()),
                "speaker_country": float(part["country_right"].mean()),
                "both": float(part["both_right"].mean()),
            }
        )
    return pd.DataFrame.from_records(rows)


def format_table(frame: pd.DataFrame) -> str:
    """Render an evaluation frame as a Markdown table, three decimals."""
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = [
        "| " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([header, rule, *body])
