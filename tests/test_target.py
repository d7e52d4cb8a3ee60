"""Sentiment towards a target, and the speaker and dyad aggregates."""

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import (
    dyads,
    extract_quotes,
    find_actors,
    polarity_label,
    quoted_mentions,
    speakers,
    target_sentiment,
    tone_towards,
)
from analysis.target import (
    FEATURES,
    TARGET_MODEL_PATH,
    TargetModel,
    context_terms,
    context_words,
    target_drivers,
    target_features,
    target_model,
    tokens,
)


def span(text, mention):
    start = text.index(mention)
    return text, start, start + len(mention)


def test_scores_are_in_range_and_labels_follow_the_thresholds(corpus_articles):
    sentences = [
        span("Critics accused Putin of lying about the annexation of Crimea.", "Putin"),
        span("Lavrov thanked Kerry for a constructive and friendly meeting.", "Kerry"),
        span("The talks will resume in Geneva on Monday, officials said.", "Geneva"),
    ]
    scores = [target_sentiment(*s) for s in sentences]
    assert all(-1 <= s <= 1 for s in scores)
    assert list(polarity_label(pd.Series(scores))) == ["negative", "positive", "neutral"]


def test_sentiment_about_another_party_is_not_transferred():
    text = "Obama praised Medvedev warmly, while the Georgian leader was condemned as reckless and dangerous."
    towards_medvedev = target_sentiment(*span(text, "Medvedev"))
    towards_georgian = target_sentiment(*span(text, "the Georgian leader"))
    assert towards_medvedev > towards_georgian
    assert polarity_label(towards_georgian) == "negative"


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (10, 200), (7, 2)])
def test_out_of_range_offsets_raise_a_clear_error(start, end):
    with pytest.raises(ValueError, match="out of range"):
        target_sentiment("Lavrov met Kerry.", start, end)


def test_features_and_model_agree():
    features = target_features(*span("Lavrov met Kerry.", "Kerry"))
    assert list(features) == list(FEATURES)
    probabilities = target_model().probabilities(features)
    assert probabilities.sum() == pytest.approx(1) and (probabilities > 0).all()


def test_context_words_leave_out_the_mention_and_stop_at_the_window():
    text = "Critics of Vladimir Putin, he said, were jailed."
    start = text.index("Vladimir Putin")
    words = context_words(text, start, start + len("Vladimir Putin"), window=3)
    assert words == {"critics", "of", ",", "he", "said"}
    assert "vladimir" not in context_words(text, start, start + len("Vladimir Putin"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erdoğan’s ally", ["erdoğan's", "ally"]),
        ("Müller and Świątek", ["müller", "and", "świątek"]),
        ("«Нет» – said Lavrov", ["«", "нет", "»", "–", "said", "lavrov"]),
        ("the U.S. didn't", ["the", "u", ".", "s", ".", "didn't"]),
    ],
)
def test_tokens_keep_words_in_any_script_whole(text, expected):
    assert tokens(text) == expected


def test_context_terms_pair_the_mention_with_its_neighbours():
    text = "Critics of Vladimir Putin, he said, were jailed on Monday by Erdoğan’s police."
    start = text.index("Vladimir Putin")
    terms = context_terms(text, start, start + len("Vladimir Putin"))
    assert {"of [target]", "[target] ,", "before:of", "after:,", "after:he"} <= terms
    assert context_words(text, start, start + len("Vladimir Putin")) <= terms
    assert {"sentence:erdoğan's", "sentence:police", "erdoğan's"} & terms == {
        "sentence:erdoğan's",
        "sentence:police",
    }  # the whole sentence, but only eight tokens either side as plain words
    assert not any("vladimir" in term or "putin" in term for term in terms)


def test_words_around_the_mention_move_the_model():
    features = target_features(*span("Lavrov met Kerry.", "Kerry"))
    model = target_model()
    assert len(model.words) > 1000
    hostile = model.probabilities(features, frozenset({"accused"}))
    friendly = model.probabilities(features, frozenset({"thanked"}))
    assert hostile[0] > friendly[0] and friendly[2] > hostile[2]
    assert model.probabilities(features, frozenset({"not-a-known-word"})) == pytest.approx(
        model.probabilities(features)
    )


def test_contributions_add_up_to_the_models_odds():
    text, start, end = span("Lavrov thanked Kerry for a good meeting in Geneva.", "Kerry")
    features, words = target_features(text, start, end), context_terms(text, start, end)
    model = target_model()
    negative, _, positive = model.probabilities(features, words)
    found = model.contributions(features, words)
    intercepts = model.intercept[2] - model.intercept[0]
    assert found.sum() + intercepts == pytest.approx(math.log(positive / negative))
    assert "word 'thanked'" in found.index
    drivers = target_drivers(text, start, end, top=3)
    assert len(drivers) == 3 and drivers.abs().is_monotonic_decreasing


def test_the_model_file_round_trips_its_words(tmp_path):
    table = pd.read_csv(TARGET_MODEL_PATH, sep="\t", dtype="string", keep_default_na=False)
    assert table["feature"].str.startswith("word:").sum() == len(target_model().words)
    assert '"' in target_model().words  # a quotation mark is a word of the vocabulary
    copy = tmp_path / "model.tsv"
    table.to_csv(copy, sep="\t", index=False)
    assert TargetModel.read(copy).words.keys() == target_model().words.keys()


@pytest.mark.shared
@pytest.mark.slow
def test_make_fit_target_reproduces_the_shipped_model(benchmarks_dir, tmp_path):
    script = Path(__file__).parents[1] / "benchmarks" / "fit_target.py"
    out = tmp_path / "target_model.tsv"
    subprocess.run(
        [sys.executable, str(script), "--benchmarks", str(benchmarks_dir), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    # The same model to the six significant digits the file keeps: the last digit of a
    # coefficient may round the other way when the features differ by 1e-15.
    refit, shipped = TargetModel.read_table(out), TargetModel.read_table(TARGET_MODEL_PATH)
    pd.testing.assert_index_equal(refit.columns, shipped.columns)
    assert refit["feature"].tolist() == shipped["feature"].tolist()
    numbers = shipped.columns.drop("feature")
    np.testing.assert_allclose(
        refit[numbers].astype(float), shipped[numbers].astype(float), rtol=1e-5, atol=1e-9
    )


def test_tone_towards_scores_every_mention_and_survives_bad_rows(seed_articles, seed_sentences):
    mentions = find_actors(seed_sentences, articles=seed_articles)
    scored = tone_towards(seed_sentences, mentions)
    assert len(scored) == len(mentions) and scored["target_tone"].notna().all()
    assert set(scored["target_label"]) <= {"positive", "neutral", "negative"}
    broken = pd.concat([mentions.head(2), mentions.head(1).assign(start=10_000, end=10_005)])
    result = tone_towards(seed_sentences, broken.reset_index(drop=True))
    assert result["target_tone"].notna().tolist() == [True, True, False]
    assert pd.isna(result.loc[2, "target_label"])


def test_speakers_counts_every_quote(corpus_articles):
    quotes = extract_quotes(corpus_articles)
    table = speakers(quotes)
    assert table["n_quotes"].sum() == len(quotes)
    assert table.loc[table["speaker"] == "Dmitry Medvedev", "speaker_country"].item() == "RUS"
    assert table["n_quotes"].is_monotonic_decreasing


def test_dyads_pair_speaker_country_with_mentioned_country():
    text = (
        'Headline\n\n"Russia has been a reliable partner," Kerry said.\n\n'
        '"Washington keeps lying to us and threatening us," Lavrov said.'
    )
    articles = pd.DataFrame(
        {"article_id": ["a"], "text": [text], "published": [pd.Timestamp("2013-05-07")]}
    )
    from analysis import split_sentences

    sentences = split_sentences(articles)
    mentions = tone_towards(sentences, find_actors(sentences, articles=articles))
    quotes = extract_quotes(articles)
    pairs = quoted_mentions(quotes, mentions)
    assert pairs[["speaker", "actor", "dyad"]].to_numpy().tolist() == [
        ["John Kerry", "Russia", "USA→RUS"],
        ["Sergey Lavrov", "United States", "RUS→USA"],
    ]
    table = dyads(quotes, mentions).set_index("dyad")
    assert table["n_mentions"].to_dict() == {"USA→RUS": 1, "RUS→USA": 1}
    assert table.loc["USA→RUS", "mean_tone"] > table.loc["RUS→USA", "mean_tone"]


def test_dyads_on_the_corpus_have_both_directions(shipped_dir):
    from analysis import corpus_tables

    tables = corpus_tables(shipped_dir, cache=False)
    table = dyads(tables.quotes, tables.mentions).set_index("dyad")
    assert {"USA→RUS", "RUS→USA"} <= set(table.index)
    assert not np.isnan(table["mean_tone"]).any()
    assert math.isclose(
        table["n_mentions"].sum(),
        len(
            quoted_mentions(tables.quotes, tables.mentions).query(
                "dyad.notna() and speaker_country != country"
            )
        ),
    )


@given(data=st.data())
@settings(max_examples=150, deadline=None)
def test_any_mention_gets_a_score_in_range(data):
    words = st.sampled_from(
        [
            "Russia",
            "threatened",
            "the",
            "US",
            "warm",
            "talks",
            "not",
            "very",
            ",",
            "but",
            '"',
            "great",
            "!",
        ]
    )
    text = " ".join(data.draw(st.lists(words, min_size=1, max_size=25)))
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text.strip():
        return
    assert -1 <= target_sentiment(text, start, end) <= 1


def test_actor_tone_per_country_and_per_source(shipped_dir):
    from analysis import actor_tone, attach_articles, corpus_tables

    tables = corpus_tables(shipped_dir, cache=False)
    per_country = actor_tone(tables.mentions)
    assert per_country["n_mentions"].sum() == len(tables.mentions)
    assert per_country.loc[0, "country"] == "RUS"
    sides = attach_articles(tables.mentions, tables.articles, ["issuer"])
    table = actor_tone(sides, ["issuer", "country"]).set_index(["issuer", "country"])
    assert {("Kremlin", "USA"), ("US government", "RUS")} <= set(table.index)
    assert table["mean_tone"].between(-1, 1).all()


def test_intervals_resample_articles_and_stay_with_their_group():
    from analysis import actor_tone

    # Each group's score is constant, so its interval must be that constant;
    # a group seen in fewer than MIN_CLUSTERS (5) articles has none.
    quotes = pd.DataFrame(
        {
            "article_id": [*"abcde", *"abcde", "f", "f"],
            "quote_id": [f"q{i}" for i in range(12)],
            "speaker": ["Sergey Lavrov"] * 5 + ["John Kerry"] * 5 + [None, None],
            "speaker_country": ["RUS"] * 5 + ["USA"] * 5 + [None, None],
            "text": ["We agree fully."] * 12,
            "tone": [0.5] * 5 + [-0.25] * 5 + [0.1, 0.1],
        }
    )
    table = speakers(quotes).set_index("speaker", drop=False)
    assert table.loc["Sergey Lavrov", ["ci_low", "ci_high"]].tolist() == [0.5, 0.5]
    assert table.loc["John Kerry", ["ci_low", "ci_high"]].tolist() == [-0.25, -0.25]
    unknown = table[table["speaker"].isna()].iloc[0]
    assert unknown["n_quotes"] == 2 and np.isnan(unknown["ci_low"])
    mentions = quotes.rename(columns={"speaker_country": "country", "tone": "target_tone"})
    per_country = actor_tone(mentions.dropna(subset=["country"])).set_index("country")
    assert per_country.loc["USA", ["ci_low", "ci_high"]].tolist() == [-0.25, -0.25]


def test_corpus_intervals_contain_the_mean(shipped_dir):
    from analysis import corpus_tables
    from analysis.aggregate import MIN_CLUSTERS

    tables = corpus_tables(shipped_dir, cache=False)
    for table in (speakers(tables.quotes), dyads(tables.quotes, tables.mentions)):
        bounded = table.dropna(subset=["ci_low"])
        assert len(bounded) >= 1
        assert (bounded["ci_low"] <= bounded["mean_tone"] + 1e-9).all()
        assert (bounded["mean_tone"] <= bounded["ci_high"] + 1e-9).all()
        assert table.loc[table["n_articles"] < MIN_CLUSTERS, "ci_low"].isna().all()
