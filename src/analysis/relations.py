"""Good or bad news for relations: the ``relations`` score of a sentence.

``tone`` reads a sentence as VADER does, with the diplomatic words and the
events: it follows the sentence's mood. An analyst tracking a relationship
asks a narrower question, the one the labelled diplomatic set answers
(``benchmarks/diplomatic/README.md`` is its codebook): is this sentence good
or bad news for the relations between the parties it concerns? A domestic
success, a scheduling note or a list of topics is neither; a withdrawal of
troops or a prisoner exchange is good news whatever its words.

``relations`` is a multinomial logistic regression (see
:mod:`analysis.linear`) over

* numbers of the sentence's tone reading (:meth:`analysis.tone.ToneModel.read`):
  its tone, its positive and negative valence, the cooperation and conflict
  of its events and their count, its length, whether it asks or quotes;
* its terms: the lowercase words and the pairs of neighbouring words, and
  the CAMEO root of each event found (``cameo:05``; ``negated cameo:17`` for
  one that did not happen).

It is fitted by ``benchmarks/fit_relations.py`` on the ``train`` split of the
labelled set (its strength and class weighting chosen on the ``tune`` half)
and reported on the ``test`` half; the coefficients and the terms seen in at
least two training sentences are the package file
``resources/relations_model.tsv``. It reads the same tone reading as ``tone``
(:func:`analysis.score_tone` adds it as a column), so it costs little beside
it.

The score is the model's signed confidence (:func:`analysis.linear.signed_confidence`):
``P(good news) − P(bad news)``, moved inside the ±0.05 neutral band when
"no bearing" is the most likely label, so that
:func:`analysis.polarity_label` gives the model's decision.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pandas as pd

from analysis.config import RESOURCES_DIR
from analysis.cues import NULL_CODE
from analysis.linear import LinearModel, signed_confidence, tokens
from analysis.tone import Reading, ToneModel, event_weights, tone_model

RELATIONS_MODEL_PATH = RESOURCES_DIR / "relations_model.tsv"
FEATURES = (
    "tone", "positive_mass", "negative_mass", "cooperation", "conflict", "events",
    "log_words", "question", "quoted",
)  # fmt: skip
QUOTE_MARKS = frozenset('"“”«»')


def relation_features(text: str, reading: Reading) -> dict[str, float]:
    """The model's numbers for one text and its tone reading.

    Example:
        >>> text = "Washington recalled its ambassador."
        >>> features = relation_features(text, tone_model().read(text))
        >>> features["conflict"] > 0, features["question"]
        (True, 0.0)
    """
    weights = event_weights(reading.events)
    stripped = text.strip()
    return {
        "tone": reading.tone,
        "positive_mass": math.fsum(v for v in reading.sentiments if v > 0),
        "negative_mass": -math.fsum(v for v in reading.sentiments if v < 0),
        "cooperation": math.fsum(w for w in weights if w > 0),
        "conflict": -math.fsum(w for w in weights if w < 0),
        "events": float(len(weights)),
        "log_words": math.log1p(len(reading.tokens)),
        "question": float(stripped.endswith("?")),
        "quoted": float(not QUOTE_MARKS.isdisjoint(stripped)),
    }


def relation_terms(text: str, reading: Reading) -> frozenset[str]:
    """The words, pairs of neighbouring words and event codes of one text.

    Example:
        >>> text = "They did not impose sanctions."
        >>> sorted(t for t in relation_terms(text, tone_model().read(text)) if "cameo" in t)
        ['negated cameo:16']
    """
    words = tokens(text)
    events = {
        f"{'negated ' if e.negated else ''}cameo:{e.cue.cameo[:2]}"
        for e in reading.events
        if e.cue.cameo != NULL_CODE
    }
    return frozenset([*words, *(f"{a} {b}" for a, b in itertools.pairwise(words)), *events])


class RelationsModel(LinearModel):
    """The relations model's coefficients (see :class:`analysis.linear.LinearModel`)."""

    def __init__(self, table: pd.DataFrame) -> None:
        super().__init__(table, FEATURES)

    @classmethod
    def read(cls, path: str | Path = RELATIONS_MODEL_PATH) -> RelationsModel:
        """Read a model file written by ``benchmarks/fit_relations.py``."""
        return cls(cls.read_table(path))

    def scores(self, texts: Sequence[str], readings: Sequence[Reading]) -> list[float]:
        """The relations score of each text from its tone reading."""
        pairs = list(zip(texts, readings, strict=True))
        features = [relation_features(text, reading) for text, reading in pairs]
        terms = [relation_terms(text, reading) for text, reading in pairs]
        return [signed_confidence(p) for p in self.probabilities_of_many(features, terms)]

    def score(self, text: str, reading: Reading) -> float:
        """The relations score of a text from its tone reading."""
        return self.scores([text], [reading])[0]


@cache
def relations_model() -> RelationsModel:
    """The shipped relations model, read once."""
    return RelationsModel.read()


def relations(text: str, *, model: ToneModel | None = None) -> float:
    """Score whether a sentence is good (+) or bad (−) news for relations.

    Args:
        text: One sentence.
        model: The tone model whose reading the score uses (the default one
            when None).

    Returns:
        A score in [-1, 1]; :func:`analysis.polarity_label` turns it into
        'positive' (good news), 'neutral' (no bearing) or 'negative'.

    Example:
        >>> relations("The leaders agreed to expand cooperation in trade and energy.") > 0.05
        True
        >>> relations("Our forces struck Iraqi positions.") < -0.05
        True
    """
    reading = (model or tone_model()).read(text)
    return relations_model().score(text, reading)


def relations_drivers(text: str, *, top: int = 6, model: ToneModel | None = None) -> pd.Series:
    """The features and terms that moved a sentence's relations score most.

    Args:
        text: One sentence.
        top: How many to return.
        model: The tone model whose reading the score uses (the default one
            when None).

    Returns:
        Their contributions to the log-odds of good over bad news (see
        :meth:`analysis.linear.LinearModel.contributions`), the ``top``
        largest in size first. They say nothing of "no bearing".
    """
    reading = (model or tone_model()).read(text)
    return relations_model().drivers(
        relation_features(text, reading), relation_terms(text, reading), top=top
    )
