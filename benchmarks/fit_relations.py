"""Fit the relations model on the labelled diplomatic set; report its test half once.

Usage: ``make fit-relations`` (or ``python benchmarks/fit_relations.py``), with
the real-world documents beside the clone (``../shared/realworld``) or in
``ANALYSIS_REALWORLD_DIR``. Needs scikit-learn (the ``dev`` extra).

* **Fit** on the ``train`` split of ``benchmarks/diplomatic/sentences.csv``
  (1,000 sentences drawn apart from the halves below).
* **Choose** the regularisation strength and the class weighting by the mean
  of two macro-F1 scores: on the ``tune`` half, and in a five-fold
  cross-validation on the train split with folds grouped by document (so
  that no document's words sit on both sides).
* **Refit** with those settings on train and tune together, and write the
  model to ``src/analysis/resources/relations_model.tsv``: the features of
  :mod:`analysis.relations` and the terms seen in at least two training
  sentences, with their coefficients. No sentence is shipped.
* **Report** the ``test`` half once (``--no-report`` leaves it unscored, for
  trying features); ``python -m analysis evaluate`` reports it beside plain
  VADER and ``tone``.

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

from analysis.config import REALWORLD_DIR
from analysis.evaluate import DIPLOMATIC_SET, read_diplomatic_set
from analysis.linear import coefficient_table
from analysis.relations import (
    FEATURES,
    RELATIONS_MODEL_PATH,
    relation_features,
    relation_terms,
)
from analysis.tone import tone_model

STRENGTHS = (0.01, 0.03, 0.1, 0.3, 1.0)
WEIGHTS = (None, "balanced")
MIN_SENTENCES = 2  # a term must be seen in this many training sentences
FOLDS = 5


class Split:
    """Labelled sentences as dense features, terms, gold labels and documents."""

    def __init__(self, data: pd.DataFrame) -> None:
        model = tone_model()
        readings = [(text, model.read(text)) for text in data["text"]]
        self.dense = np.array([[relation_features(t, r)[f] for f in FEATURES] for t, r in readings])
        self.terms = [sorted(relation_terms(t, r)) for t, r in readings]
        self.labels = data["label"].to_numpy()
        self.documents = (data["corpus"] + ":" + data["file"]).to_numpy()

    def subset(self, rows: np.ndarray) -> Split:
        """The sentences at ``rows``."""
        part = Split.__new__(Split)
        part.dense, part.labels = self.dense[rows], self.labels[rows]
        part.documents = self.documents[rows]
        part.terms = [self.terms[i] for i in rows]
        return part

    def plus(self, other: Split) -> Split:
        """This split and ``other`` together."""
        both = Split.__new__(Split)
        both.dense = np.vstack([self.dense, other.dense])
        both.labels = np.concatenate([self.labels, other.labels])
        both.documents = np.concatenate([self.documents, other.documents])
        both.terms = self.terms + other.terms
        return both


class Design:
    """Turns a split into the model's matrix: standardised features beside term flags."""

    def __init__(self, train: Split) -> None:
        self.scaler = StandardScaler().fit(train.dense)
        self.vocabulary = CountVectorizer(
            analyzer=lambda terms: terms, binary=True, min_df=MIN_SENTENCES
        ).fit(train.terms)

    def matrix(self, split: Split) -> sparse.csr_matrix:
        dense = sparse.csr_matrix(self.scaler.transform(split.dense))
        return sparse.hstack([dense, self.vocabulary.transform(split.terms)]).tocsr()

    def table(self, regression: LogisticRegression) -> pd.DataFrame:
        """The fitted model as the package's TSV table."""
        return coefficient_table(
            FEATURES, self.scaler.mean_, self.scaler.scale_,
            self.vocabulary.get_feature_names_out(), regression.classes_,
            regression.coef_, regression.intercept_,
        )  # fmt: skip


def fit(split: Split, strength: float, weight: str | None) -> tuple[Design, LogisticRegression]:
    design = Design(split)
    regression = LogisticRegression(C=strength, class_weight=weight, max_iter=5000)
    return design, regression.fit(design.matrix(split), split.labels)


def macro_f1(design: Design, regression: LogisticRegression, split: Split) -> float:
    predicted = regression.predict(design.matrix(split))
    return float(f1_score(split.labels, predicted, average="macro"))


def cross_validated_f1(train: Split, strength: float, weight: str | None) -> float:
    """Macro-F1 of the out-of-fold predictions, folds grouped by document."""
    predicted = np.empty(len(train.labels), dtype=object)
    for inside, outside in GroupKFold(FOLDS).split(train.dense, train.labels, train.documents):
        design, regression = fit(train.subset(inside), strength, weight)
        predicted[outside] = regression.predict(design.matrix(train.subset(outside)))
    return float(f1_score(train.labels, predicted.astype(str), average="macro"))


def main() -> None:
    """Fit on train, choose on tune and cross-validation, refit, write, report test once."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", type=Path, default=DIPLOMATIC_SET)
    parser.add_argument("--realworld", type=Path, default=REALWORLD_DIR)
    parser.add_argument("--out", type=Path, default=RELATIONS_MODEL_PATH)
    parser.add_argument("--no-report", action="store_true", help="leave the test half unscored")
    args = parser.parse_args()
    data = read_diplomatic_set(args.set, realworld_dir=args.realworld)
    if not data.attrs["skipped"].empty:
        raise SystemExit(f"{len(data.attrs['skipped'])} rows without a text: see --realworld")
    train, tune, test = (Split(data[data["half"] == half]) for half in ("train", "tune", "test"))
    print(f"train {len(train.labels)}, tune {len(tune.labels)}, test {len(test.labels)} sentences")
    chosen: dict[tuple[float, str | None], float] = {}
    with threadpool_limits(1):  # faster on a shared machine, and the same sums every run
        for strength, weight in itertools.product(STRENGTHS, WEIGHTS):
            on_tune = macro_f1(*fit(train, strength, weight), tune)
            cross = cross_validated_f1(train, strength, weight)
            chosen[strength, weight] = (on_tune + cross) / 2
            print(f"C={strength}, class_weight={weight}: tune {on_tune:.3f}; cv {cross:.3f}")
        strength, weight = max(chosen, key=lambda key: chosen[key])
        design, regression = fit(train.plus(tune), strength, weight)
    design.table(regression).to_csv(args.out, sep="\t", index=False, float_format="%.6g")
    terms = len(design.vocabulary.vocabulary_)
    print(f"chosen C={strength}, class_weight={weight}; refit on train + tune, {terms} terms")
    print(f"wrote {args.out.name}")
    if not args.no_report:
        print(f"test macro-F1: {macro_f1(design, regression, test):.3f}")


if __name__ == "__main__":
    main()
