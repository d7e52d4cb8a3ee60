"""Three-class logistic regressions shipped as coefficient tables.

The package's learnt scorers (:mod:`analysis.target`, :mod:`analysis.relations`)
are multinomial logistic regressions over a few standardised features and a
vocabulary of terms (present or absent). Each is a TSV file with one row per
feature: ``feature``, ``mean``, ``scale`` and one coefficient column per class
(``negative``, ``neutral``, ``positive``); the row named ``intercept`` holds
the intercepts, and rows named ``word:`` + a term the weights of the terms.
The files are written by the fitting scripts in ``benchmarks/`` through
:func:`coefficient_table`, and hold no text of the data they were fitted on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.schema import LexiconError, read_resource
from analysis.sentiment import POLARITY_THRESHOLD

CLASSES = ("negative", "neutral", "positive")
WORD = re.compile(r"\w+(?:'\w+)*|[^\w\s]")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
WORD_PREFIX = "word:"  # a vocabulary row of a model file: "word:" + the term


def tokens(text: str) -> list[str]:
    """Lowercase words (in any script) and punctuation marks.

    Example:
        >>> tokens("Erdoğan’s “Zeitenwende” – a U.S. ally?")
        ["erdoğan's", '“', 'zeitenwende', '”', '–', 'a', 'u', '.', 's', '.', 'ally', '?']
    """
    return WORD.findall(text.lower().translate(APOSTROPHES))


class LinearModel:
    """Standardisation and logistic-regression coefficients, one row per feature.

    Args:
        table: The model's table (see the module's docstring).
        features: The names of the dense features, in the order they are read.

    Raises:
        LexiconError: The table lacks one of ``features`` or the intercept.
    """

    def __init__(self, table: pd.DataFrame, features: Sequence[str]) -> None:
        rows = table.set_index("feature")
        self.features = tuple(features)
        missing = [f for f in (*self.features, "intercept") if f not in rows.index]
        if missing:
            raise LexiconError(f"model lacks feature(s) {missing}")
        numbers = rows.loc[list(self.features), ["mean", "scale", *CLASSES]].astype(float)
        self.mean = numbers["mean"].to_numpy()
        self.scale = numbers["scale"].to_numpy()
        self.coef = numbers[list(CLASSES)].to_numpy()
        self.intercept = rows.loc["intercept", list(CLASSES)].astype(float).to_numpy()
        words = rows.loc[rows.index.str.startswith(WORD_PREFIX), list(CLASSES)].astype(float)
        self.word_weights = words.to_numpy()
        self.word_rows = {name.removeprefix(WORD_PREFIX): i for i, name in enumerate(words.index)}

    @property
    def words(self) -> dict[str, np.ndarray]:
        """Each known term's weights, one per class."""
        return {word: self.word_weights[row] for word, row in self.word_rows.items()}

    @staticmethod
    def read_table(path: str | Path) -> pd.DataFrame:
        """A model file's table, its columns checked."""
        return read_resource(path, ["feature", "mean", "scale", *CLASSES])

    def _standardised(self, features: dict[str, float]) -> np.ndarray:
        return (np.array([features[f] for f in self.features]) - self.mean) / self.scale

    def probabilities(
        self, features: dict[str, float], words: frozenset[str] = frozenset()
    ) -> np.ndarray:
        """P(negative), P(neutral), P(positive) for one item's features and terms."""
        return self.probabilities_of_many([features], [words])[0]

    def probabilities_of_many(
        self, features: Sequence[dict[str, float]], words: Sequence[frozenset[str]]
    ) -> np.ndarray:
        """:meth:`probabilities` of many items at once, one row each.

        Each item's sums are the same, in the same order, however many items
        there are; the arithmetic on arrays is only done once for all.
        """
        dense = np.array([[row[f] for f in self.features] for row in features], dtype=float)
        standardised = (dense.reshape(len(features), len(self.features)) - self.mean) / self.scale
        logits = (standardised[:, :, None] * self.coef[None]).sum(axis=1) + self.intercept
        items, rows = [], []
        for i, terms in enumerate(words):
            found = [self.word_rows[word] for word in terms if word in self.word_rows]
            items += [i] * len(found)
            rows += found
        weights = self.word_weights[rows]
        for k in range(len(CLASSES)):
            logits[:, k] += np.bincount(items, weights[:, k], minlength=len(features))
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return exp / exp.sum(axis=1, keepdims=True)

    def contributions(
        self, features: dict[str, float], words: frozenset[str] = frozenset()
    ) -> pd.Series:
        """What each feature and known term adds to the positive-minus-negative logit.

        The model is linear, so these and the intercepts' difference sum to
        log(P(positive) / P(negative)): a positive value pushes the item
        towards positive, a negative one towards negative.
        """
        towards = self.coef[:, 2] - self.coef[:, 0]
        values = dict(zip(self.features, self._standardised(features) * towards, strict=True))
        for word in sorted(words & self.word_rows.keys()):
            weights = self.word_weights[self.word_rows[word]]
            values[f"word {word!r}"] = float(weights[2] - weights[0])
        return pd.Series(values, dtype="float64")

    def drivers(
        self, features: dict[str, float], words: frozenset[str] = frozenset(), *, top: int = 6
    ) -> pd.Series:
        """The ``top`` :meth:`contributions` largest in size, largest first."""
        found = self.contributions(features, words)
        return found.reindex(found.abs().sort_values(ascending=False, kind="stable").index).head(
            top
        )


def signed_confidence(probabilities: np.ndarray) -> float:
    """Turn class probabilities into a score whose label is the most likely class.

    ``P(positive) − P(negative)`` when positive or negative is the most
    likely class (at least the ±0.05 threshold of
    :func:`analysis.polarity_label`), and that difference times 0.05 (inside
    the neutral band) when neutral is, so that ``polarity_label(score)`` is
    the model's decision.

    Example:
        >>> signed_confidence(np.array([0.1, 0.2, 0.7]))
        0.6
        >>> round(signed_confidence(np.array([0.3, 0.5, 0.2])), 4)
        -0.005
    """
    negative, neutral, positive = (float(p) for p in probabilities)
    difference = round(positive - negative, 10)
    if neutral >= max(negative, positive):
        return difference * POLARITY_THRESHOLD
    if positive > negative:
        return max(difference, POLARITY_THRESHOLD)
    return min(difference, -POLARITY_THRESHOLD)


def coefficient_table(
    features: Sequence[str],
    mean: Sequence[float],
    scale: Sequence[float],
    terms: Sequence[str],
    classes: Sequence[str],
    coef: np.ndarray,
    intercept: np.ndarray,
) -> pd.DataFrame:
    """A fitted regression as a model table (see the module's docstring).

    Args:
        features: The dense features' names, in the matrix's order.
        mean: Their means (the standardisation).
        scale: Their standard deviations.
        terms: The terms' names, after the dense features in the matrix.
        classes: The regression's class labels, in its order.
        coef: Its coefficients, one row per class.
        intercept: Its intercepts, one per class.
    """
    order = [list(classes).index(c) for c in CLASSES]
    table = pd.DataFrame(np.asarray(coef)[order].T, columns=list(CLASSES))
    table.insert(0, "feature", [*features, *(WORD_PREFIX + t for t in terms)])
    table.insert(1, "mean", [*mean, *[0.0] * len(terms)])
    table.insert(2, "scale", [*scale, *[1.0] * len(terms)])
    row = {"feature": "intercept", "mean": 0.0, "scale": 1.0}
    row |= dict(zip(CLASSES, np.asarray(intercept)[order], strict=True))
    n_dense = len(features)
    parts = [table.iloc[:n_dense], pd.DataFrame([row]), table.iloc[n_dense:]]
    return pd.concat(parts, ignore_index=True)
