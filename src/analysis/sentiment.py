"""Plain VADER sentiment, identical to vaderSentiment's ``polarity_scores``.

One analyzer is built per process (loading its lexicon is the slow part).
"""

from __future__ import annotations

import functools
import string
from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.api.typing import NAType
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    allcap_differential,
    negated,
    scalar_inc_dec,
)

from analysis.schema import SENTIMENT, require_columns

POLARITY_THRESHOLD = 0.05
"""VADER's recommended cut-off: compound >= 0.05 is positive, <= -0.05 negative."""


class Valences(NamedTuple):
    """What VADER reads in a text: the text, its words, and each word's valence."""

    text: str  # as scored: stripped, emojis written out
    words: list[str]  # vaderSentiment's words_and_emoticons
    cap_diff: bool  # some words, not all, in capitals
    sentiments: list[float]


def words_and_emoticons(text: str) -> list[str]:
    """Tokens with outer punctuation stripped, as vaderSentiment's ``SentiText`` splits them.

    A token that would keep two characters or fewer is kept whole (an emoticon).
    """
    words = []
    for token in text.split():
        stripped = token.strip(string.punctuation)
        words.append(token if len(stripped) <= 2 else stripped)
    return words


@functools.lru_cache(maxsize=1 << 16)
def negates(word: str) -> bool:
    """Whether one word negates ("not", "never", "isn't" …), by vaderSentiment's ``negated``."""
    return negated([word])


class Vader(SentimentIntensityAnalyzer):
    """vaderSentiment's analyzer, with each text's words lower-cased once.

    vaderSentiment 3.3.2 lower-cases a text's whole word list again for every
    word it checks for negation and idioms, so its time grows with the square
    of a text's length (a long transcript turn). This class applies the same
    rules, in the same order and with the same arithmetic, to one lower-cased
    list; its scores equal ``polarity_scores``' (tested on every benchmark
    and corpus text). Emojis are written out as their descriptions first, as
    vaderSentiment does. :meth:`valences` gives each word's valence, which the
    tone and target scorers read.

    Args:
        lexicon: Another lexicon (word -> valence) in place of VADER's.
    """

    def __init__(self, lexicon: dict[str, float] | None = None) -> None:
        super().__init__()
        if lexicon is not None:
            self.lexicon = lexicon
        self._emoji_characters = frozenset(self.emojis)

    def polarity_scores(self, text):  # noqa: D102 - vaderSentiment's
        read = self.valences(text)
        return self.score_valence(read.sentiments, read.text)

    def valences(self, text: str) -> Valences:
        """The text as scored (emojis written out), its words, and each word's valence.

        The valences are those ``polarity_scores`` sums (after the "but" rule).
        """
        if not self._emoji_characters.isdisjoint(text):
            text = self._emojis_written_out(text)
        text = text.strip()
        words = words_and_emoticons(text)
        cap_diff = allcap_differential(words)
        lower = [w.lower() for w in words]
        sentiments: list[float] = []
        for i in range(len(words)):
            if lower[i] in BOOSTER_DICT or (
                i < len(words) - 1 and lower[i] == "kind" and lower[i + 1] == "of"
            ):
                sentiments.append(0)
                continue
            sentiments.append(self._valence(words, lower, i, cap_diff))
        return Valences(text, words, cap_diff, self._but_check(words, sentiments))

    def _emojis_written_out(self, text: str) -> str:
        """Each emoji written out as its description, as vaderSentiment does."""
        out, previous_space = [], True
        for character in text:
            if character in self.emojis:
                if not previous_space:
                    out.append(" ")
                out.append(self.emojis[character])
                previous_space = False
            else:
                out.append(character)
                previous_space = character == " "
        return "".join(out)

    def _valence(self, words: list[str], lower: list[str], i: int, is_cap_diff: bool) -> float:
        """The valence of word ``i``: vaderSentiment's ``sentiment_valence``."""
        lexicon = self.lexicon
        if lower[i] not in lexicon:
            return 0
        valence = lexicon[lower[i]]
        if lower[i] == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"])
        ):
            valence = lexicon[lower[i]] * N_SCALAR
        if words[i].isupper() and is_cap_diff:
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        for start_i in range(3):
            before = i - (start_i + 1)
            if i > start_i and lower[before] not in lexicon:
                scalar = scalar_inc_dec(words[before], valence, is_cap_diff)
                if start_i == 1 and scalar != 0:
                    scalar = scalar * 0.95
                if start_i == 2 and scalar != 0:
                    scalar = scalar * 0.9
                valence = valence + scalar
                valence = _negation_check(valence, lower, start_i, i)
                if start_i == 2:
                    valence = _special_idioms_check(valence, lower, i)
        return self._least_check(valence, lower, i)


def _negation_check(valence: float, lower: list[str], start_i: int, i: int) -> float:
    """The ``_negation_check`` of vaderSentiment, on words already lower-cased."""
    if start_i == 0 and negates(lower[i - 1]):
        valence = valence * N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif negates(lower[i - 2]):
            valence = valence * N_SCALAR
    if start_i == 2:
        if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")) or (
            lower[i - 1] == "so" or lower[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif negates(lower[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _special_idioms_check(valence: float, lower: list[str], i: int) -> float:
    """The ``_special_idioms_check`` of vaderSentiment, on words already lower-cased."""
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for sequence in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if sequence in SPECIAL_CASES:
            valence = SPECIAL_CASES[sequence]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


@functools.cache
def analyzer() -> Vader:
    """Return the process's shared VADER analyzer."""
    return Vader()


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
