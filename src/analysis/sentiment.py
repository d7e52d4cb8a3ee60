"""Plain VADER sentiment, identical to vaderSentiment's ``polarity_scores``.

One analyzer is built per process (loading its lexicon is the slow part).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from pandas.api.typing import NAType
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.schema import SENTIMENT, require_columns

POLARITY_THRESHOLD = 0.05
"""VADER's recommended cut-off: compound >= 0.05 is positive, <= -0.05 negative."""


@functools.cache
def analyzer() -> SentimentIntensityAnalyzer:
    """Return the process's shared VADER analyzer."""
    return SentimentIntensityAnalyzer()


def _label(score: float, threshold: float) -> str | NAType:
    if pd.isna(score):
        return pd.NA
    if score >= threshold:
        return "positive"
    return "negative" if score <= -threshold else "neutral"


def polarity_label(score, *, threshold: float = POLARITY_THRESHOLD):
    """Label a score (or a Series of scores) 'positive', 'neutral' or 'negative'.

    Every table and chart labels scores through this one function, so all use
    the same thresholds.

    Args:
        score: A number in [-1, 1], or a Series or array of them. NaN stays NA.
        threshold: A score at or above it is positive, at or below its
            negative is negative.

    Returns:
        A label, or a Series of labels with the input's index.

    Example:
        >>> polarity_label(0.32), polarity_label(-0.05), polarity_label(0.0)
        ('positive', 'negative', 'neutral')
        >>> polarity_label(pd.Series([0.5, 0.01, float("nan")])).tolist()
        ['positive', 'neutral', <NA>]
    """
    if isinstance(score, pd.Series | np.ndarray | list | tuple):
        values = pd.Series(score, dtype="float64")
        return values.map(lambda value: _label(value, threshold)).astype("string")
    return _label(float(score), threshold)


def score_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Add VADER's ``neg``, ``neu``, ``pos`` and ``compound`` for each ``text``.

    Args:
        sentences: A frame with a ``text`` column (sentences, quotes, snippets).

    Returns:
        A copy with the four VADER columns added.

    Example:
        >>> scored = score_sentiment(pd.DataFrame({"text": ["Relations remained cool."]}))
        >>> float(scored["compound"][0])
        0.3182
    """
    require_columns(sentences, ["text"], name="sentences")
    scores = [analyzer().polarity_scores(str(text)) for text in sentences["text"]]
    columns = list(SENTIMENT)
    values = pd.DataFrame.from_records(scores, columns=columns, index=sentences.index)
    return sentences.drop(columns=columns, errors="ignore").join(values.astype("float64"))
