"""Sentiment towards one mention in a sentence: ``target_sentiment(text, start, end)``.

A sentence's overall score says little about each party it names ("Obama
praised Medvedev's candour but attacked Putin"). The target score reads the
diplomatic tone model's per-word valences (VADER's rules applied) and asks
where they stand relative to the mention:

* valence weighted by distance from the mention, at four decays (1, 2, 4 and
  8 words), over the sentence and within the mention's clause only (commas,
  semicolons, colons, dashes, "but", "while", "although" … bound a clause);
* positive and negative mass to the left and to the right of the mention,
  and within three words of it;
* the shape of the mention: right before a speech verb (a speaker, whose
  words are about others), at the start, possessive, inside quotation marks;
  a verb of criticism or praise just before it (it is the object) or after
  it (it is the subject);
* the sentence's own tone and length;
* the words themselves (:func:`context_terms`): the lowercase words and
  punctuation within eight tokens either side of the mention, the pairs of
  neighbouring tokens there with the mention as a token of its own
  (``accused [target]``, ``[target] said``), the two words right before and
  right after it, and every word of the sentence, so that the model learns
  what words such as "ousted", "critics" or "ally" near the mention say about
  the party. Words are read in any script; curly apostrophes count as
  straight ones.

A multinomial logistic regression maps these features to negative, neutral
and positive; its coefficients (and the terms it knows) are the package file
``resources/target_model.tsv``, fitted by ``benchmarks/fit_target.py`` on the
NewsMTSC training split, its settings chosen by cross-validation on that
split and on the dev splits, and reported on the test splits.

The score is the model's signed confidence: ``P(positive) − P(negative)``
when it finds the mention positive or negative (at least the ±0.05 threshold
of :func:`analysis.polarity_label`), and that difference times 0.05 (inside
the neutral band) when it finds it neutral, so that ``polarity_label(score)``
is the model's decision.
"""

from __future__ import annotations

import itertools
import math
import re
from functools import cache
from pathlib import Path

import pandas as pd
from vaderSentiment.vaderSentiment import normalize

from analysis.config import RESOURCES_DIR
from analysis.linear import LinearModel, signed_confidence, tokens
from analysis.schema import require_columns
from analysis.sentiment import polarity_label
from analysis.tone import ToneModel, tone_model

TARGET_MODEL_PATH = RESOURCES_DIR / "target_model.tsv"
PLACEHOLDER = "zztarget"  # stands in for the mention: not a word, carries no valence
CLAUSE_WORDS = frozenset({"but", "while", "although", "though", "whereas", "however", "yet"})
DASHES = frozenset({"-", "--", "—", "–"})
DECAYS = (1, 2, 4, 8)
NEAR = 3
SPEECH_AFTER = re.compile(
    r"^(said|says|say|told|tells|added|wrote|writes|argued|asked|noted|explained|stated|"
    r"tweeted|warned|insisted|claimed)\b",
    re.IGNORECASE,
)
CRITICISM = re.compile(
    r"\b(criticiz\w*|criticis\w*|accus\w*|attack\w*|slam\w*|blast\w*|blam\w*|condemn\w*|"
    r"denounc\w*|mock\w*|sued?|investigat\w*|indict\w*|charg\w*|fired|firing|sanction\w*)\b",
    re.IGNORECASE,
)
PRAISE = re.compile(
    r"\b(prais\w*|thank\w*|endors\w*|support\w*|applaud\w*|defend\w*|congratulat\w*|hail\w*|"
    r"welcom\w*|back(?:ed|ing)?)\b",
    re.IGNORECASE,
)
CONTEXT_CHARS = 60
WINDOW = 8
NEAR_WORDS = 2
MENTION_TOKEN = "[target]"  # the mention in a pair of neighbouring tokens
FEATURES = (
    "sentence_tone",
    *(f"{scope}_decay{d}" for d in DECAYS for scope in ("sentence", "clause")),
    "left_sum", "right_sum", "left_positive", "left_negative", "right_positive",
    "right_negative", "clause_positive", "clause_negative", "speaker", "first_word",
    "position", "log_words", "possessive", "capitalised_share", "has_quotes",
    "inside_quotes", "criticism_before", "criticism_after", "praise_before",
    "praise_after", "near_left", "near_right", "valence_mass", "positive_mass",
    "negative_mass",
)  # fmt: skip


def _check_offsets(text: str, start: int, end: int) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError("target_sentiment needs a non-empty text")
    if not (0 <= start < end <= len(text)):
        raise ValueError(
            f"mention offsets [{start}, {end}) are out of range for a text of {len(text)} "
            "characters (need 0 <= start < end <= len(text))"
        )


def _valences(text: str, start: int, end: int, model: ToneModel):
    """Per-word valences with the mention replaced by a placeholder word."""
    marked = f"{text[:start]} {PLACEHOLDER} {text[end:]}"
    rewritten, _ = model.rewrite(marked)
    chosen = model.analyzer_for(rewritten)
    read = chosen.valences(rewritten)
    sentiments, scored = read.sentiments, read.text
    tone = chosen.score_valence(sentiments, scored)["compound"]
    words = scored.split()
    target = next(i for i, word in enumerate(words) if PLACEHOLDER in word.casefold())
    return [float(v) for v in sentiments], words, target, tone


def _norm(value: float) -> float:
    return normalize(value) if value else 0.0


def _is_bound(word: str) -> bool:
    """Whether a word bounds a clause (a comma, semicolon, colon, dash or :data:`CLAUSE_WORDS`)."""
    return (
        word.endswith((",", ";", ":"))
        or word.casefold().strip(",.") in CLAUSE_WORDS
        or (word in DASHES)
    )


def _clause_of(words: list[str], t: int) -> tuple[int, int]:
    """The words ``[first, stop)`` in the clause of word ``t``.

    A bound word opens the next clause: the clause of ``t`` starts at the last
    bound at or before it (or the first word) and stops before the first bound
    after it.
    """
    first = next((k for k in range(t, -1, -1) if _is_bound(words[k])), 0)
    stop = next((k for k in range(t + 1, len(words)) if _is_bound(words[k])), len(words))
    return first, stop


def _masses(values: list[float]) -> tuple[float, float]:
    """The positive and the negative mass of some valences."""
    return sum((v for v in values if v > 0), 0.0), -sum((v for v in values if v < 0), 0.0)


def target_features(
    text: str, start: int, end: int, *, model: ToneModel | None = None
) -> dict[str, float]:
    """The features of the mention ``text[start:end]`` (see the module's docstring).

    Only the words with a valence add to the sums, and the clause is found by
    scanning out from the mention.

    Raises:
        ValueError: The text is empty or the offsets are out of range.
    """
    _check_offsets(text, start, end)
    valence, words, t, tone = _valences(text, start, end, model or tone_model())
    n = len(words)
    first, stop = _clause_of(words, t)
    scored = [(i, v) for i, v in enumerate(valence) if v]
    features = {"sentence_tone": tone}
    for decay in DECAYS:
        weighted = [(i, v * math.exp(-abs(i - t) / decay)) for i, v in scored]
        features[f"sentence_decay{decay}"] = _norm(sum((w for _, w in weighted), 0.0))
        features[f"clause_decay{decay}"] = _norm(
            sum((w for i, w in weighted if first <= i < stop), 0.0)
        )
    left = [v for i, v in scored if i < t]
    right = [v for i, v in scored if i > t]
    in_clause = [v for i, v in scored if first <= i < stop]
    values = [v for _, v in scored]
    (left_positive, left_negative), (right_positive, right_negative) = _masses(left), _masses(right)
    clause_positive, clause_negative = _masses(in_clause)
    positive_mass, negative_mass = _masses(values)
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    features |= {
        "left_sum": _norm(sum(left, 0.0)),
        "right_sum": _norm(sum(right, 0.0)),
        "left_positive": left_positive,
        "left_negative": left_negative,
        "right_positive": right_positive,
        "right_negative": right_negative,
        "clause_positive": clause_positive,
        "clause_negative": clause_negative,
        "speaker": float(bool(SPEECH_AFTER.match(" ".join(words[t + 1 : t + 3])))),
        "first_word": float(t == 0),
        "position": t / n,
        "log_words": math.log(n),
        "possessive": float(words[t].casefold().endswith(("'s", "’s"))),
        "capitalised_share": sum(w[:1].isupper() for w in words) / n,
        "has_quotes": float(any(mark in text for mark in '"“”')),
        "inside_quotes": float(sum(text[:start].count(m) for m in '"“”') % 2 == 1),
        "criticism_before": float(bool(CRITICISM.search(before))),
        "criticism_after": float(bool(CRITICISM.search(after))),
        "praise_before": float(bool(PRAISE.search(before))),
        "praise_after": float(bool(PRAISE.search(after))),
        "near_left": sum((v for i, v in scored if t - NEAR <= i < t), 0.0),
        "near_right": sum((v for i, v in scored if t < i <= t + NEAR), 0.0),
        "valence_mass": sum((abs(v) for v in values), 0.0),
        "positive_mass": positive_mass,
        "negative_mass": negative_mass,
    }
    return features


def context_words(text: str, start: int, end: int, *, window: int = WINDOW) -> frozenset[str]:
    """The lowercase words and punctuation within ``window`` tokens of the mention.

    Example:
        >>> sorted(context_words("Critics of Putin met, in Paris, on Monday.", 11, 16, window=2))
        [',', 'critics', 'met', 'of']
    """
    left = tokens(text[:start])[-window:] if window else []
    right = tokens(text[end:])[:window]
    return frozenset(left + right)


def context_terms(text: str, start: int, end: int) -> frozenset[str]:
    """Every term of the model's vocabulary that the mention ``text[start:end]`` shows.

    The words within :data:`WINDOW` tokens either side (:func:`context_words`);
    the pairs of neighbouring tokens there, the mention standing as
    :data:`MENTION_TOKEN`; ``before:`` and ``after:`` + each of the
    :data:`NEAR_WORDS` words right before and after it; ``sentence:`` + every
    word of the text but the mention.

    Example:
        >>> sorted(context_terms("Critics of Putin met.", 11, 16))  # doctest: +NORMALIZE_WHITESPACE
        ['.', '[target] met', 'after:.', 'after:met', 'before:critics', 'before:of', 'critics',
         'critics of', 'met', 'met .', 'of', 'of [target]', 'sentence:.', 'sentence:critics',
         'sentence:met', 'sentence:of']
    """
    left, right = tokens(text[:start]), tokens(text[end:])
    window = [*left[-WINDOW:], MENTION_TOKEN, *right[:WINDOW]]
    return frozenset(
        [
            *left[-WINDOW:],
            *right[:WINDOW],
            *(f"{a} {b}" for a, b in itertools.pairwise(window)),
            *(f"before:{word}" for word in left[-NEAR_WORDS:]),
            *(f"after:{word}" for word in right[:NEAR_WORDS]),
            *(f"sentence:{word}" for word in left + right),
        ]
    )


class TargetModel(LinearModel):
    """The target model's coefficients (see :class:`analysis.linear.LinearModel`).

    Args:
        table: ``feature``, ``mean``, ``scale`` and one coefficient column per
            class; rows named ``word:`` + a term hold the weights of the
            terms around the mention (present or absent, not standardised).
    """

    def __init__(self, table: pd.DataFrame) -> None:
        super().__init__(table, FEATURES)

    @classmethod
    def read(cls, path: str | Path = TARGET_MODEL_PATH) -> TargetModel:
        """Read a model file written by ``benchmarks/fit_target.py``."""
        return cls(cls.read_table(path))


@cache
def target_model() -> TargetModel:
    """The shipped target model, read once."""
    return TargetModel.read()


def target_sentiment(text: str, start: int, end: int) -> float:
    """Score the sentiment a sentence expresses towards the mention ``text[start:end]``.

    Args:
        text: One sentence (or a short passage).
        start: Offset of the mention's first character.
        end: Offset one past its last character.

    Returns:
        A score in [-1, 1]; :func:`analysis.polarity_label` turns it into
        'positive', 'neutral' or 'negative' (±0.05).

    Raises:
        ValueError: The text is empty or the offsets are out of range.

    Example:
        >>> text = "Critics accused Putin of lying about the annexation."
        >>> target_sentiment(text, 16, 21) < 0
        True
    """
    features = target_features(text, start, end)
    words = context_terms(text, start, end)
    return signed_confidence(target_model().probabilities(features, words))


def target_drivers(text: str, start: int, end: int, *, top: int = 6) -> pd.Series:
    """The features and words that moved the tone towards ``text[start:end]`` most.

    Args:
        text: The sentence.
        start: Where the mention starts in ``text``.
        end: Where it ends.
        top: How many to return.

    Returns:
        Their contributions to the log-odds of positive over negative (see
        :meth:`analysis.linear.LinearModel.contributions`), the ``top`` largest in size first.
        They say nothing of neutral: a mention can be pushed both ways and
        still come out neutral.

    Example:
        >>> text = "Critics accused Putin of lying about the annexation."
        >>> drivers = target_drivers(text, 16, 21)
        >>> drivers.index[0], bool(drivers.iloc[0] < 0)
        ('criticism_before', True)
    """
    features = target_features(text, start, end)
    return target_model().drivers(features, context_terms(text, start, end), top=top)


def tone_towards(sentences: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Score the sentiment towards every actor mention in its sentence.

    Args:
        sentences: The ``sentences`` frame (``article_id``, ``sentence``,
            ``text``, ``start``).
        mentions: The ``mentions`` frame of :func:`analysis.find_actors`.

    Returns:
        ``mentions`` with ``target_tone`` (see :func:`target_sentiment`) and
        ``target_label``; a mention whose offsets do not fall inside its
        sentence gets NaN and NA, never an error for the batch.
    """
    require_columns(sentences, ["article_id", "sentence", "text", "start"], name="sentences")
    require_columns(mentions, ["article_id", "sentence", "start", "end"], name="mentions")
    keyed = sentences[["article_id", "sentence", "text", "start"]].rename(
        columns={"start": "start_sentence"}
    )
    joined = mentions[["article_id", "sentence", "start", "end"]].merge(
        keyed, on=["article_id", "sentence"], how="left"
    )
    features, terms, places = [], [], []
    rows = zip(
        joined["text"], joined["start_sentence"], joined["start"], joined["end"], strict=True
    )
    for place, (text, offset, start, end) in enumerate(rows):
        try:
            span = (text, int(start - offset), int(end - offset))
            features.append(target_features(*span))
        except (ValueError, TypeError):
            continue  # offsets outside the sentence, or no sentence: NaN, not an error
        terms.append(context_terms(*span))
        places.append(place)
    scores = [math.nan] * len(joined)
    for place, row in zip(
        places, target_model().probabilities_of_many(features, terms), strict=True
    ):
        scores[place] = signed_confidence(row)
    tone = pd.Series(scores, index=mentions.index, dtype="float64")  # merge kept the order
    return mentions.assign(target_tone=tone, target_label=polarity_label(tone))
