"""What the fitting scripts share: labelled items as standardised features beside term flags.

``fit_target.py`` and ``fit_relations.py`` fit the package's three-class
logistic regressions (:mod:`analysis.linear`) the same way: a :class:`Split`
of items (dense features, terms, gold labels, the group each belongs to for
cross-validation), a :class:`Design` fitted on the training items, and
macro-F1 in and out of folds. Needs scikit-learn (the ``dev`` extra).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from analysis.linear import coefficient_table

FOLDS = 5


@dataclass
class Split:
    """Labelled items: dense features (one row each), terms, labels and groups."""

    dense: np.ndarray
    terms: list[list[str]]
    labels: np.ndarray
    groups: np.ndarray  # items of one group stay on one side of a fold

    def subset(self, rows: np.ndarray) -> Split:
        """The items at ``rows``."""
        return Split(
            self.dense[rows], [self.terms[i] for i in rows], self.labels[rows], self.groups[rows]
        )

    def plus(self, other: Split) -> Split:
        """These items and ``other``'s together."""
        return Split(
            np.vstack([self.dense, other.dense]),
            self.terms + other.terms,
            np.concatenate([self.labels, other.labels]),
            np.concatenate([self.groups, other.groups]),
        )


class Design:
    """Turns a split into a model's matrix: standardised features beside term flags.

    Args:
        train: The items the standardisation and the vocabulary are fitted on.
        features: The dense features' names.
        min_items: A term is kept when at least this many items show it.
    """

    def __init__(self, train: Split, features: Sequence[str], min_items: int) -> None:
        self.features = tuple(features)
        self.scaler = StandardScaler().fit(train.dense)
        self.vocabulary = CountVectorizer(
            analyzer=lambda terms: terms, binary=True, min_df=min_items
        ).fit(train.terms)

    def matrix(self, split: Split) -> sparse.csr_matrix:
        dense = sparse.csr_matrix(self.scaler.transform(split.dense))
        return sparse.hstack([dense, self.vocabulary.transform(split.terms)]).tocsr()

    def table(self, regression: LogisticRegression) -> pd.DataFrame:
        """The fitted model as the package's TSV table."""
        return coefficient_table(
            self.features, self.scaler.mean_, self.scaler.scale_,
            self.vocabulary.get_feature_names_out(), regression.classes_,
            regression.coef_, regression.intercept_,
        )  # fmt: skip

    def fit(self, split: Split, strength: float, weight: str | None) -> LogisticRegression:
        """A regression of ``split``'s labels on its matrix."""
        regression = LogisticRegression(C=strength, class_weight=weight, max_iter=5000)
        return regression.fit(self.matrix(split), split.labels)

    def macro_f1(self, regression: LogisticRegression, split: Split) -> float:
        """Macro-F1 of the regression's decisions on ``split``."""
        predicted = regression.predict(self.matrix(split))
        return float(f1_score(split.labels, predicted, average="macro"))


def cross_validated_f1(
    train: Split, features: Sequence[str], min_items: int, strength: float, weight: str | None
) -> float:
    """Macro-F1 of the out-of-fold decisions, folds grouped by ``train.groups``."""
    predicted = np.empty(len(train.labels), dtype=object)
    for inside, outside in GroupKFold(FOLDS).split(train.dense, train.labels, train.groups):
        part = train.subset(inside)
        design = Design(part, features, min_items)
        held = design.matrix(train.subset(outside))
        predicted[outside] = design.fit(part, strength, weight).predict(held)
    return float(f1_score(train.labels, predicted.astype(str), average="macro"))
