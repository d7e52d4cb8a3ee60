"""Fit the target-sentiment model on the NewsMTSC training split; report the test splits.

Usage: ``make fit-target`` (or ``python benchmarks/fit_target.py``), with the
evaluation data beside the clone (``../shared/benchmarks``) or in
``ANALYSIS_BENCHMARKS_DIR``. Needs scikit-learn (the ``dev`` extra).

* **Fit** on ``newsmtsc/train.jsonl``, without the training sentences that
  also occur in a dev or test file (they would leak into the choice or the
  report).
* **Choose** the regularisation strength and the class weighting by the mean
  of two macro-F1 scores: that of the two dev splits (``paper-split/*/dev.jsonl``,
  averaged) and that of a five-fold cross-validation on the training split
  (folds grouped by sentence, so a multi-target sentence never sits on both
  sides). The dev splits are small (343 and 442 targets), so the choice also
  leans on the 8,733 training targets.
* **Report** the test splits once, with the chosen model, which is written to
  ``src/analysis/resources/target_model.tsv``: the standardised features of
  :mod:`analysis.target` and the terms (:func:`analysis.target.context_terms`)
  seen around at least three training mentions, with their coefficients. No
  sentence is shipped.

The fit is deterministic (one thread for the linear algebra, folds without
shuffling): the same data give the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from analysis.config import BENCHMARKS_DIR
from analysis.evaluate import read_newsmtsc
from analysis.linear import coefficient_table
from analysis.target import FEATURES, TARGET_MODEL_PATH, context_terms, target_features

SPLITS = ("newsmtsc-rw", "newsmtsc-mt")
STRENGTHS = (0.03, 0.1, 0.3)
WEIGHTS = (None, "balanced")
MIN_MENTIONS = 3  # a term must be seen around this many training mentions
FOLDS = 5


class Split:
    """One NewsMTSC file as dense features, context terms, gold labels and sentences."""

    def __init__(self, data: pd.DataFrame) -> None:
        spans = list(zip(data["text"], data["start"], data["end"], strict=True))
        rows = [target_features(text, start, end) for text, start, end in spans]
        self.dense = np.array([[row[f] for f in FEATURES] for row in rows])
        self.words = [sorted(context_terms(text, start, end)) for text, start, end in spans]
        self.labels = data["label"].to_numpy()
        self.texts = data["text"].to_numpy()

    def subset(self, rows: np.ndarray) -> Split:
        """The targets at ``rows``."""
        part = Split.__new__(Split)
        part.dense, part.labels, part.texts = self.dense[rows], self.labels[rows], self.texts[rows]
        part.words = [self.words[i] for i in rows]
        return part


def read_splits(root: Path) -> tuple[Split, dict[str, Split], dict[str, Split]]:
    """Train (without sentences held out elsewhere), dev and test splits."""
    folder = root / "newsmtsc" / "paper-split"
    dev = {split: read_newsmtsc(folder / split / "dev.jsonl") for split in SPLITS}
    test = {split: read_newsmtsc(folder / split / "test.jsonl") for split in SPLITS}
    held_out = set(pd.concat([*dev.values(), *test.values()])["text"])
    train = read_newsmtsc(root / "newsmtsc" / "train.jsonl")
    leaked = train["text"].isin(held_out)
    print(
        f"train: {len(train)} targets; dropped {int(leaked.sum())} whose sentence "
        f"({train.loc[leaked, 'text'].nunique()} sentences) is also in dev or test"
    )
    train = train[~leaked].reset_index(drop=True)
    return (
        Split(train),
        {name: Split(frame) for name, frame in dev.items()},
        {name: Split(frame) for name, frame in test.items()},
    )


class Design:
    """Turns a split into the model's matrix: standardised features beside word flags."""

    def __init__(self, train: Split) -> None:
        self.scaler = StandardScaler().fit(train.dense)
        self.vocabulary = CountVectorizer(
            analyzer=lambda words: words, binary=True, min_df=MIN_MENTIONS
        ).fit(train.words)

    def matrix(self, split: Split) -> sparse.csr_matrix:
        dense = sparse.csr_matrix(self.scaler.transform(split.dense))
        return sparse.hstack([dense, self.vocabulary.transform(split.words)]).tocsr()

    def table(self, regression: LogisticRegression) -> pd.DataFrame:
        """The fitted model as the package's TSV table."""
        return coefficient_table(
            FEATURES, self.scaler.mean_, self.scaler.scale_,
            self.vocabulary.get_feature_names_out(), regression.classes_,
            regression.coef_, regression.intercept_,
        )  # fmt: skip


def macro_f1(regression: LogisticRegression, x: sparse.csr_matrix, split: Split) -> float:
    return float(f1_score(split.labels, regression.predict(x), average="macro"))


def fit(design: Design, split: Split, strength: float, weight: str | None) -> LogisticRegression:
    regression = LogisticRegression(C=strength, class_weight=weight, max_iter=5000)
    return regression.fit(design.matrix(split), split.labels)


def cross_validated_f1(train: Split, strength: float, weight: str | None) -> float:
    """Macro-F1 of the out-of-fold predictions, folds grouped by sentence."""
    predicted = np.empty(len(train.labels), dtype=object)
    groups = pd.factorize(train.texts)[0]
    for inside, outside in GroupKFold(FOLDS).split(train.dense, train.labels, groups):
        part = train.subset(inside)
        design = Design(part)
        held = train.subset(outside)
        predicted[outside] = fit(design, part, strength, weight).predict(design.matrix(held))
    return float(f1_score(train.labels, predicted.astype(str), average="macro"))


def main() -> None:
    """Fit on train, choose on cross-validation and dev, write the model, report test once."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", type=Path, default=BENCHMARKS_DIR)
    parser.add_argument("--out", type=Path, default=TARGET_MODEL_PATH)
    args = parser.parse_args()
    train, dev, test = read_splits(args.benchmarks)
    design = Design(train)
    x_dev = {name: design.matrix(split) for name, split in dev.items()}
    print(f"{len(train.labels)} training targets, {len(design.vocabulary.vocabulary_)} terms")
    fitted = {}
    with threadpool_limits(1):  # faster on a shared machine, and the same sums every run
        for strength, weight in itertools.product(STRENGTHS, WEIGHTS):
            regression = fit(design, train, strength, weight)
            scores = {name: macro_f1(regression, x_dev[name], split) for name, split in dev.items()}
            cross = cross_validated_f1(train, strength, weight)
            fitted[strength, weight] = ((np.mean(list(scores.values())) + cross) / 2, regression)
            shown = ", ".join(f"{name} {score:.3f}" for name, score in scores.items())
            print(f"C={strength}, class_weight={weight}: dev macro-F1 {shown}; cv {cross:.3f}")
    (strength, weight), (_, chosen) = max(fitted.items(), key=lambda item: item[1][0])
    design.table(chosen).to_csv(args.out, sep="\t", index=False, float_format="%.6g")
    print(f"chosen C={strength}, class_weight={weight}; wrote {args.out.name}")
    for name, split in test.items():
        print(f"{name} test macro-F1: {macro_f1(chosen, design.matrix(split), split):.3f}")


if __name__ == "__main__":
    main()
