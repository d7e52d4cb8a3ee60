"""The relations score: good or bad news for relations, learnt from the labelled set."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import polarity_label, score_tone
from analysis.config import REALWORLD_DIR
from analysis.linear import CLASSES, signed_confidence
from analysis.relations import (
    FEATURES,
    RELATIONS_MODEL_PATH,
    RelationsModel,
    relation_features,
    relation_terms,
    relations,
    relations_drivers,
    relations_model,
)
from analysis.schema import LexiconError
from analysis.tone import tone_model

SENTENCES = [
    "Washington recalled its ambassador for consultations.",
    "They did not impose sanctions on the banks.",
    "The talks will take place in Geneva on Tuesday.",
    "We found common ground with our Russian partners.",
    "Why does Washington keep threatening us?",
]


def test_score_tone_adds_the_relations_of_each_sentence():
    scored = score_tone(pd.DataFrame({"text": SENTENCES}))
    assert scored["relations"].dtype == "float64"
    assert scored["relations"].tolist() == [relations(text) for text in SENTENCES]
    assert scored["relations"].between(-1, 1).all()


@pytest.mark.parametrize("text", SENTENCES)
def test_the_label_of_the_score_is_the_most_likely_class(text):
    reading = tone_model().read(text)
    probabilities = relations_model().probabilities(
        relation_features(text, reading), relation_terms(text, reading)
    )
    label = polarity_label(pd.Series([relations(text)]))[0]
    assert label == CLASSES[int(np.argmax(probabilities))]
    assert relations(text) == signed_confidence(probabilities)


def test_features_read_the_events_and_the_form_of_the_sentence():
    text = "Why does Washington keep threatening us?"
    features = relation_features(text, tone_model().read(text))
    assert list(features) == list(FEATURES)
    assert features["question"] == 1.0 and features["conflict"] > 0
    plain = "We met in Geneva."
    assert relation_features(plain, tone_model().read(plain))["quoted"] == 0.0
    quoted = "He said “we met in Geneva.”"
    assert relation_features(quoted, tone_model().read(quoted))["quoted"] == 1.0


def test_terms_are_words_pairs_and_event_codes_negated_apart():
    done, undone = "They imposed sanctions.", "They did not impose sanctions."
    assert {"imposed sanctions", "cameo:16"} <= relation_terms(done, tone_model().read(done))
    terms = relation_terms(undone, tone_model().read(undone))
    assert "negated cameo:16" in terms and "cameo:16" not in terms


def test_drivers_sum_to_the_log_odds_of_good_over_bad_news():
    text = "Washington recalled its ambassador for consultations."
    reading = tone_model().read(text)
    model = relations_model()
    features, terms = relation_features(text, reading), relation_terms(text, reading)
    probabilities = model.probabilities(features, terms)
    everything = model.contributions(features, terms).sum()
    intercepts = model.intercept[2] - model.intercept[0]
    assert math.isclose(everything + intercepts, math.log(probabilities[2] / probabilities[0]))
    drivers = relations_drivers(text, top=3)
    assert len(drivers) == 3 and drivers.abs().is_monotonic_decreasing


def test_the_model_file_round_trips_and_a_missing_feature_is_named(tmp_path):
    table = pd.read_csv(RELATIONS_MODEL_PATH, sep="\t", dtype="string", keep_default_na=False)
    copy = tmp_path / "model.tsv"
    table.to_csv(copy, sep="\t", index=False)
    assert RelationsModel.read(copy).words.keys() == relations_model().words.keys()
    table[table["feature"] != "question"].to_csv(copy, sep="\t", index=False)
    with pytest.raises(LexiconError, match="question"):
        RelationsModel.read(copy)


@pytest.mark.shared
@pytest.mark.slow
def test_make_fit_relations_reproduces_the_shipped_model(tmp_path):
    if not REALWORLD_DIR.is_dir():
        pytest.skip(
            "needs the real-world documents in ../shared/realworld/ beside the clone "
            "(present in CI, not in a user's clone)"
        )
    script = Path(__file__).parents[1] / "benchmarks" / "fit_relations.py"
    out = tmp_path / "relations_model.tsv"
    subprocess.run(
        [sys.executable, str(script), "--realworld", str(REALWORLD_DIR), "--out", str(out),
         "--no-report"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    assert out.read_bytes() == RELATIONS_MODEL_PATH.read_bytes()


def test_an_empty_frame_gets_an_empty_relations_column():
    scored = score_tone(pd.DataFrame({"text": pd.Series([], dtype="string")}))
    assert "relations" in scored and scored.empty
