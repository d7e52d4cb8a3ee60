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
``target`` is :func:`analysis.target_sentiment`, fitted on the training
split with its settings chosen on the dev splits (``benchmarks/fit_target.py``),
and reported here on the test splits.
``macro_f1`` is over the three classes.

For the labelled diplomatic set (``benchmarks/diplomatic/``: sentences
labelled −1/0/+1 for what they mean for the relations of the parties, in a
``train`` split and a ``tune`` and a ``test`` half), :func:`evaluate_diplomatic`
labels each sentence with each scorer (VADER, ``tone`` and
:func:`analysis.relations.relations`) through :func:`analysis.polarity_label`, at VADER's
±0.05 and at a threshold chosen on the ``tune`` half, and reports accuracy,
macro-F1 and per-class F1 on the ``test`` half; :func:`confusion_table`
gives the confusion table.

Actor mentions (:func:`evaluate_mentions`) are checked against the
hand-labelled attribution gold set in ``benchmarks/attribution/`` (its
README is the codebook) on the real-world documents beside a clone
(``../shared/realworld/``): precision and recall of :func:`analysis.find_actors`
by span overlap and same actor, and by span overlap and same country.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.config import ATTRIBUTION_DIR, BENCHMARKS_DIR, PROJECT_ROOT, REALWORLD_DIR
from analysis.relations import relations
from analysis.sentiment import POLARITY_THRESHOLD, analyzer, polarity_label
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
DIPLOMATIC_SET = PROJECT_ROOT / "benchmarks" / "diplomatic" / "sentences.csv"
DIPLOMATIC_LABELS = {-1: "negative", 0: "neutral", 1: "positive"}
THRESHOLD_GRID = tuple(round(0.05 * step, 2) for step in range(1, 13))
"""Label thresholds tried on the tune half: 0.05, 0.10 … 0.60."""


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


def read_diplomatic_set(
    path: str | Path = DIPLOMATIC_SET, *, realworld_dir: str | Path = REALWORLD_DIR
) -> pd.DataFrame:
    """Read the labelled diplomatic set with every sentence's text.

    Shipped rows carry their text; real-world rows are rebuilt from
    ``realworld_dir`` with :func:`analysis.load_articles` and their offsets,
    and checked against their ``sha1``.

    Returns:
        The rows with a text (``text``, ``label`` as 'negative' …
        'positive', ``half``, ``corpus``, ``issuer``, ``year``). The rows
        left out are in ``attrs["skipped"]`` (``item``, ``reason``): all
        real-world rows when ``realworld_dir`` is absent.
    """
    from analysis.corpus import load_articles

    table = pd.read_csv(_require(Path(path)), dtype={"text": "string", "file": "string"})
    folder = Path(realworld_dir)
    documents: dict[str, str] = {}
    texts, skipped = [], []
    for row in table.itertuples(index=False):
        if row.corpus == "shipped":
            texts.append(row.text)
            continue
        if not folder.is_dir():
            texts.append(pd.NA)
            skipped.append((row.item, f"{folder} not found"))
            continue
        if row.file not in documents:
            documents[row.file] = load_articles(folder / row.file).iloc[0]["text"]
        piece = documents[row.file][int(row.start) : int(row.end)]
        if hashlib.sha1(piece.encode("utf-8")).hexdigest()[:12] != row.sha1:
            texts.append(pd.NA)
            skipped.append((row.item, f"{row.file}: text at the offsets does not match sha1"))
            continue
        texts.append(piece)
    table = table.assign(text=pd.Series(texts, index=table.index, dtype="string"))
    table["label"] = table["label"].map(DIPLOMATIC_LABELS)
    kept = table[table["text"].notna()].reset_index(drop=True)
    kept.attrs["skipped"] = pd.DataFrame(skipped, columns=["item", "reason"])
    return kept


def class_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Accuracy, macro-F1 and per-class F1 over the three labels."""
    pairs = list(zip(gold, predicted, strict=True))
    scores = {
        "accuracy": sum(g == p for g, p in pairs) / len(pairs) if pairs else float("nan"),
        "macro_f1": macro_f1(gold, predicted, LABELS),
    }
    for label in LABELS:
        scores[f"f1_{label}"] = macro_f1(gold, predicted, (label,))
    return scores


def best_threshold(gold: Sequence[str], scores: pd.Series) -> float:
    """The threshold of :data:`THRESHOLD_GRID` with the best macro-F1 (the lowest on ties)."""
    return max(
        THRESHOLD_GRID,
        key=lambda t: (macro_f1(gold, list(polarity_label(scores, threshold=t)), LABELS), -t),
    )


def confusion_table(gold: Sequence[str], predicted: Sequence[str]) -> pd.DataFrame:
    """Counts of gold labels (rows) against predicted labels (columns).

    Example:
        >>> table = confusion_table(["positive", "negative"], ["positive", "neutral"])
        >>> table.loc["negative"].tolist()
        [0, 1, 0]
    """
    order = list(reversed(LABELS))
    table = pd.crosstab(
        pd.Categorical(list(gold), categories=order),
        pd.Categorical(list(predicted), categories=order),
        dropna=False,
    )
    table.index.name, table.columns.name = "gold", "predicted"
    return table


def evaluate_diplomatic(
    path: str | Path = DIPLOMATIC_SET,
    *,
    realworld_dir: str | Path = REALWORLD_DIR,
    report_half: str = "test",
    tune_half: str = "tune",
) -> pd.DataFrame:
    """Score the labelled diplomatic set with plain VADER, ``tone`` and ``relations``.

    Each scorer labels the sentences at VADER's threshold (±0.05) and, but
    ``relations`` (fitted on the train split and ``tune_half``, its label is
    its decision), at the threshold with the best macro-F1 on ``tune_half``
    (chosen there only); both are reported on ``report_half``.

    Args:
        path: The set's CSV.
        realworld_dir: The folder of the real-world documents; without it,
            only the shipped rows are scored (``attrs["skipped"]`` says so).
        report_half: The half reported (``test``).
        tune_half: The half the threshold is chosen on (``tune``).

    Returns:
        One row per (scorer, threshold): ``scorer``, ``threshold``,
        ``chosen_on``, ``n``, ``accuracy``, ``macro_f1``, ``f1_negative``,
        ``f1_neutral``, ``f1_positive``; ``attrs["predictions"]`` holds the
        reported half with each row's ``gold`` and predicted labels, and
        ``attrs["skipped"]`` the rows without a text.
    """
    data = read_diplomatic_set(path, realworld_dir=realworld_dir)
    tune, report = data[data["half"] == tune_half], data[data["half"] == report_half]
    predictions = report[["item", "corpus", "issuer", "text"]].assign(gold=report["label"])
    rows = []
    for scorer, score in {**scorers(), "relations": relations}.items():
        tune_scores = tune["text"].map(score).astype("float64")
        report_scores = report["text"].map(score).astype("float64")
        tunable = len(tune) and scorer != "relations"  # relations was fitted on tune too
        chosen = best_threshold(list(tune["label"]), tune_scores) if tunable else None
        for threshold, chosen_on in ((POLARITY_THRESHOLD, "VADER default"), (chosen, tune_half)):
            if threshold is None:
                continue
            predicted = polarity_label(report_scores, threshold=threshold)
            predictions[f"{scorer}@{threshold:g}"] = predicted.to_numpy()
            scores = class_scores(list(report["label"]), list(predicted))
            rows.append({"scorer": scorer, "threshold": threshold, "chosen_on": chosen_on,
                         "n": len(report), **scores})  # fmt: skip
    result = pd.DataFrame.from_records(rows)
    result.attrs["predictions"] = predictions.reset_index(drop=True)
    result.attrs["skipped"] = data.attrs["skipped"]
    return result


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


def _names_of(speaker: object) -> set[str | None]:
    """A found speaker's name and, for a listed person, their own aliases, as compared.

    "Harry S. Truman" is also "Harry Truman"; an alias two people share
    ("President Bush") names neither; no speaker is None.
    """
    if not isinstance(speaker, str):
        return {None}
    names = {_normalised_name(speaker), *_own_aliases().get(speaker, ())}
    return names | {person_key(name) for name in names if name}


# Common English short forms of given names: "Bill Bryan" is William Bryan.
SHORT_GIVEN_NAMES = {
    "bill": "william", "billy": "william", "will": "william", "bob": "robert",
    "bobby": "robert", "rob": "robert", "jim": "james", "jimmy": "james", "tom": "thomas",
    "tommy": "thomas", "mike": "michael", "dick": "richard", "rick": "richard",
    "joe": "joseph", "dan": "daniel", "dave": "david", "chris": "christopher",
    "tony": "anthony", "ted": "edward", "ed": "edward", "ron": "ronald", "don": "donald",
    "sam": "samuel", "ben": "benjamin", "nick": "nicholas", "andy": "andrew",
    "alex": "alexander", "pat": "patrick", "steve": "stephen", "larry": "lawrence",
    "jerry": "gerald", "chuck": "charles", "charlie": "charles", "hank": "henry",
}  # fmt: skip


def person_key(name: str) -> str:
    """A compared name without middle initials, its given name in full ("Tom Donilon").

    A found person and a labelled one are the same when their keys are:
    "Thomas E. Donilon" and "Tom Donilon", "Bill Bryan" and "William Bryan".

    Example:
        >>> person_key("thomas e donilon") == person_key("tom donilon") == "thomas donilon"
        True
    """
    words = [w for w in name.split() if len(w) > 1]
    if len(words) < 2:
        return name
    return " ".join([SHORT_GIVEN_NAMES.get(words[0], words[0]), *words[1:]])


@functools.cache
def _own_aliases() -> dict[str, set[str | None]]:
    """Each listed actor's aliases that no other actor of the shipped gazetteer carries."""
    from analysis.actors import gazetteer

    aliases = gazetteer().aliases()
    owners = Counter(name for names in aliases.values() for name in set(names))
    return {
        actor: {_normalised_name(name) for name in names if owners[name] == 1}
        for actor, names in aliases.items()
    }


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
    found quote overlaps has no predicted speaker. A speaker is right when the
    gold name is the found one or, for a listed person, one of their aliases.

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
        bool({_normalised_name(g), person_key(_normalised_name(g) or "")} & _names_of(p))
        if isinstance(g, str)
        else pd.isna(p)
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


# --- Actor mentions against the attribution gold set (benchmarks/attribution/) ---


def read_mention_gold(gold_dir: str | Path = ATTRIBUTION_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the labelled sentences and their actor mentions.

    Returns:
        ``sentences`` (``file``, ``sentence_start``, ``sentence_end``,
        ``n_mentions``) and ``mentions`` (the same keys, ``start``, ``end``,
        ``surface``, ``actor``, ``country``, ``actor_type``); offsets are into
        ``analysis.load_articles(file).text``.
    """
    folder = Path(gold_dir)
    frames = []
    for name in ("sentences.csv", "mentions.csv"):
        path = folder / name
        if not path.is_file():
            raise BenchmarkMissingError(
                f"{path}: not found; the gold set is benchmarks/attribution/"
            )
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in frame.columns:
            if column.endswith(("start", "end")) or column == "n_mentions":
                frame[column] = frame[column].astype("int64")
        frames.append(frame)
    return frames[0], frames[1]


def normalised_name(name: str) -> str:
    """A name as compared: no accents, case, dots, hyphens or leading "the".

    Example:
        >>> normalised_name("The U.S. Congress"), normalised_name("Sergey  Lavrov")
        ('us congress', 'sergey lavrov')
    """
    plain = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    words = re.sub(r"[.\u2019']", "", plain.casefold()).replace("-", " ").split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def same_actor(gold: Mapping[str, Any], predicted: Mapping[str, Any], aliases: Mapping) -> bool:
    """Whether a predicted mention names the gold mention's actor.

    A country is its code; a person or organisation its name, compared by
    :func:`normalised_name` with the predicted actor's name and aliases (a
    person's without middle initials and with a short given name in full:
    :func:`person_key`).
    """
    if gold["actor_type"] == "country":
        return predicted["actor_type"] == "country" and predicted["country"] == gold["country"]
    wanted = normalised_name(gold["actor"])
    names = {normalised_name(predicted["actor"]), *aliases.get(predicted["actor"], ())}
    if gold["actor_type"] == "person":  # "Tom Donilon" is the listed "Thomas E. Donilon"
        return person_key(wanted) in {person_key(name) for name in names}
    return wanted in names


def same_country(
    gold: Mapping[str, Any], predicted: Mapping[str, Any], states: Collection[str]
) -> bool:
    """Whether a predicted mention has the gold mention's country (none for both counts).

    An international organisation's own code ("NATO", "EU") is no state's:
    the gold set gives such an organisation no country.

    Example:
        >>> same_country({"country": ""}, {"country": "NATO"}, {"RUS", "USA"})
        True
    """
    country = predicted["country"] or ""
    return (country if country in states else "") == (gold["country"] or "")


def match_mentions(
    gold: pd.DataFrame, predicted: pd.DataFrame, same: Callable[[Mapping, Mapping], bool]
) -> int:
    """Pair gold and predicted mentions one to one; return the number of pairs.

    A pair is a predicted mention whose span overlaps a gold mention's in the
    same file and that ``same(gold, predicted)`` accepts; each mention is in
    at most one pair, taken in text order.

    Example:
        >>> gold = pd.DataFrame({"file": ["a"], "start": [0], "end": [6], "actor": ["Russia"]})
        >>> predicted = gold.assign(start=[2], end=[8])
        >>> match_mentions(gold, predicted, lambda g, p: g["actor"] == p["actor"])
        1
    """
    used: set[int] = set()
    pairs = 0
    by_file = {file: rows for file, rows in predicted.groupby("file")}
    for row in gold.sort_values(["file", "start"]).to_dict("records"):
        candidates = by_file.get(row["file"])
        if candidates is None:
            continue
        for index, other in candidates.iterrows():
            if index in used or other["start"] >= row["end"] or other["end"] <= row["start"]:
                continue
            if same(row, other.to_dict()):
                used.add(index)
                pairs += 1
                break
    return pairs


def mention_scores(gold: pd.DataFrame, predicted: pd.DataFrame, pairs: int) -> dict[str, float]:
    """Precision, recall and F1 from the counts of gold, predicted and paired mentions.

    Example:
        >>> mention_scores(pd.DataFrame(index=range(4)), pd.DataFrame(index=range(2)), 2)
        {'n_gold': 4, 'n_predicted': 2, 'matched': 2, 'precision': 1.0, 'recall': 0.5, 'f1': 0.667}
    """
    precision = pairs / len(predicted) if len(predicted) else 0.0
    recall = pairs / len(gold) if len(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n_gold": len(gold),
        "n_predicted": len(predicted),
        "matched": pairs,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }


def predicted_mentions(
    sentences: pd.DataFrame,
    realworld_dir: str | Path = REALWORLD_DIR,
    *,
    actors: Any = None,
) -> pd.DataFrame:
    """Run :func:`analysis.find_actors` on the labelled sentences' documents.

    Only the mentions inside a labelled sentence are kept; each carries its
    ``file`` and the labelled sentence's span.
    """
    from analysis.actors import find_actors
    from analysis.corpus import load_articles
    from analysis.segment import split_sentences

    root = Path(realworld_dir)
    frames = []
    for file, spans in sentences.groupby("file", sort=False):
        path = root / file
        if not path.exists():
            raise BenchmarkMissingError(f"{path}: not found; pass the real-world documents' folder")
        articles = load_articles(path)
        found = find_actors(split_sentences(articles), articles=articles, actors=actors)
        for span in spans.itertuples(index=False):
            inside = found[
                (found["start"] >= span.sentence_start) & (found["end"] <= span.sentence_end)
            ]
            frames.append(
                inside.assign(
                    file=file, sentence_start=span.sentence_start, sentence_end=span.sentence_end
                )
            )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def evaluate_mentions(
    realworld_dir: str | Path = REALWORLD_DIR,
    *,
    gold_dir: str | Path = ATTRIBUTION_DIR,
    actors: Any = None,
) -> pd.DataFrame:
    """Precision and recall of :func:`analysis.find_actors` on the labelled sentences.

    A predicted mention is right when its span overlaps a gold mention's and
    it names the same actor (``level="actor"``: a country by its code, a
    person or organisation by name or alias, see :func:`same_actor`), or has
    the same country (``level="country"``, what dyads count). Mentions are
    paired one to one. Rows per folder (``kremlin``, ``millercenter``) and
    ``all``.

    Args:
        realworld_dir: Folder holding the documents the gold set names.
        gold_dir: Folder holding ``sentences.csv`` and ``mentions.csv``.
        actors: Extra actors, as :func:`analysis.find_actors` takes them.

    Raises:
        BenchmarkMissingError: A gold file or document is missing.
    """
    from analysis.actors import gazetteer_with

    sentences, gold = read_mention_gold(gold_dir)
    predicted = predicted_mentions(sentences, realworld_dir, actors=actors)
    used = gazetteer_with(actors)
    aliases = {
        actor: {normalised_name(a) for a in names} for actor, names in used.aliases().items()
    }
    states = {country for country, kind in used.about.values() if kind == "country"}
    rows = []
    for subset, where in (
        ("all", None),
        ("kremlin", "kremlin/"),
        ("millercenter", "millercenter/"),
    ):
        gold_part = gold if where is None else gold[gold["file"].str.startswith(where)]
        predicted_part = (
            predicted if where is None else predicted[predicted["file"].str.startswith(where)]
        )
        for level, same in (
            ("actor", lambda g, p: same_actor(g, p, aliases)),
            ("country", lambda g, p: same_country(g, p, states)),
        ):
            pairs = match_mentions(gold_part, predicted_part, same)
            rows.append(
                {
                    "subset": subset,
                    "level": level,
                    **mention_scores(gold_part, predicted_part, pairs),
                }
            )
    return pd.DataFrame.from_records(rows)
