import pandas as pd
import pytest

from analysis import summarize_articles
from analysis.schema import ARTICLE_SUMMARY


def test_seed_summary(seed_sentences, seed_articles):
    summary = summarize_articles(seed_sentences, articles=seed_articles)
    assert list(summary.columns) == list(ARTICLE_SUMMARY)
    row = summary.loc[0]
    body = seed_sentences[~seed_sentences["is_heading"]]
    assert row["n_sentences"] == len(body) == 20  # McFaul's last quote is two sentences
    assert row["mean_compound"] == pytest.approx(body["compound"].mean())
    assert row["share_positive"] + row["share_neutral"] + row["share_negative"] == pytest.approx(1)
    assert row["headline_compound"] == 0.0
    assert row["title"] == "US, Russia G8 missile talks hit stone wall"
    assert row["doc_tone"] == pytest.approx(row["pct_positive_words"] - row["pct_negative_words"])


def test_weighted_compound_by_length():
    scored = pd.DataFrame(
        {
            "article_id": ["a"] * 3,
            "sentence": [0, 1, 2],
            "text": ["Headline", "Good.", "This one is four words long."],
            "is_heading": [True, False, False],
            "compound": [0.9, 1.0, -0.5],
        }
    )
    row = summarize_articles(scored).loc[0]
    assert row["weighted_compound"] == pytest.approx((1 * 1.0 + 6 * -0.5) / 7)
    assert row["mean_compound"] == pytest.approx(0.25)
    assert row["share_positive"] == row["share_negative"] == 0.5
    assert row["pct_positive_words"] == pytest.approx(100 / 7)  # "good" of 7 words


# Periods, intervals and comparisons on synthetic data where the answer is known.

import logging  # noqa: E402

import numpy as np  # noqa: E402

from analysis import compare_periods, dyads, speakers, tone_by_period  # noqa: E402
from analysis.aggregate import MIN_CLUSTERS, thin_periods  # noqa: E402


def clustered(rng, n_articles, day, shift=0.0, prefix="a"):
    """Sentences of ``n_articles`` articles: an article effect plus sentence noise."""
    rows = []
    for i in range(n_articles):
        effect = shift + rng.normal(0, 0.2)
        for value in effect + rng.normal(0, 0.1, size=rng.integers(2, 7)):
            rows.append((f"{prefix}{i}", pd.Timestamp(day), value))
    return pd.DataFrame(rows, columns=["article_id", "published", "tone"])


def two_periods(seed, shift, n_articles=8):
    rng = np.random.default_rng(seed)
    return pd.concat(
        [
            clustered(rng, n_articles, "2013-06-01", prefix="old"),
            clustered(rng, n_articles, "2014-06-01", shift=shift, prefix="new"),
        ]
    )


def test_compare_periods_p_values_are_uniform_without_a_difference():
    p_values = np.array(
        [
            compare_periods(two_periods(seed, 0.0), "2013", "2014", n_perm=499, n_boot=200,
                            seed=seed)["p_value"].item()
            for seed in range(200)
        ]
    )  # fmt: skip
    assert 0.01 <= (p_values < 0.05).mean() <= 0.10
    assert 0.38 <= (p_values < 0.5).mean() <= 0.62
    deciles = np.histogram(p_values, bins=5, range=(0, 1))[0] / len(p_values)
    assert (deciles > 0.1).all() and (deciles < 0.3).all(), deciles


def test_compare_periods_finds_a_real_difference():
    row = compare_periods(two_periods(7, 0.4, n_articles=10), "2013", "2014").iloc[0]
    assert (row["n_articles_a"], row["n_articles_b"]) == (10, 10)
    assert row["n_sentences_a"] > 10 and row["n_sentences_b"] > 10
    assert row["p_value"] < 0.01
    assert 0 < row["diff_low"] <= row["difference"] <= row["diff_high"]
    assert row["diff_low"] < 0.4 < row["diff_high"]
    assert row["difference"] == pytest.approx(row["mean_b"] - row["mean_a"])


def test_compare_periods_gives_no_interval_from_too_few_articles_but_a_p_value():
    frame = two_periods(1, 0.0, n_articles=MIN_CLUSTERS - 1)
    row = compare_periods(frame, "2013", ("2014-01-01", "2014-12-31")).iloc[0]
    assert np.isnan(row["diff_low"]) and np.isnan(row["diff_high"])
    assert 0 < row["p_value"] <= 1
    assert row["period_b"] == "2014"


def test_compare_periods_by_group_and_bad_periods():
    frame = two_periods(2, 0.3).assign(issuer=lambda f: np.where(f.index % 2, "US", "RU"))
    table = compare_periods(frame, "2013", "2014", by="issuer")
    assert table["issuer"].tolist() == ["RU", "US"]
    with pytest.raises(ValueError, match="not a period"):
        compare_periods(frame, "last spring", "2014")
    with pytest.raises(ValueError, match="ends before it starts"):
        compare_periods(frame, ("2014-02-01", "2014-01-01"), "2014")


def test_intervals_need_enough_articles_and_thin_periods_are_named():
    rng = np.random.default_rng(3)
    frame = pd.concat(
        [clustered(rng, 2, "1991-05-01", prefix="x"), clustered(rng, 6, "1993-05-01")]
    )
    table = tone_by_period(frame, "Y")
    assert table["thin"].tolist() == [True, False]
    assert table["ci_low"].isna().tolist() == [True, False]
    assert thin_periods(table) == (
        "Resting on fewer than 5 articles (drawn hollow, no interval): 1991 (2)."
    )


def ten_copies():
    """Ten copies of one article, each with three quotes of Lavrov on the United States.

    These tones make the pooled mean of a resample differ from the mean of all
    quotes in the last bit (5.6e-17), which once made an interval leave out its mean.
    """
    tones = [-0.5930895186477008, -0.475373319116301, 0.5007293452601052] * 10
    articles = [f"copy{i // 3}" for i in range(30)]
    quotes = pd.DataFrame(
        {
            "article_id": articles,
            "quote_id": [f"q{i}" for i in range(30)],
            "start": [0] * 30, "end": [60] * 30,
            "speaker": ["Sergey Lavrov"] * 30, "speaker_country": ["RUS"] * 30,
            "text": ["We hope the United States will keep its word, he said."] * 30,
            "tone": tones,
        }
    )  # fmt: skip
    mentions = pd.DataFrame(
        {"article_id": articles, "start": [10] * 30, "end": [27] * 30,
         "country": ["USA"] * 30, "target_tone": tones}
    )  # fmt: skip
    return quotes, mentions


def test_intervals_never_exclude_their_mean_and_error_bars_are_never_negative():
    from analysis import actor_tone, plots

    quotes, mentions = ten_copies()
    for table in (speakers(quotes), dyads(quotes, mentions), actor_tone(mentions)):
        row = table.iloc[0]
        assert row["ci_low"] <= row["mean_tone"] <= row["ci_high"]
    figure = plots.speaker_tone(speakers(quotes))
    plots.dyad_tone(dyads(quotes, mentions)).savefig(__import__("io").BytesIO(), format="png")
    whiskers = figure.axes[0].collections[-1].get_segments()
    assert all(segment[1][0] >= segment[0][0] for segment in whiskers)


def test_aggregations_read_only_the_columns_they_need():
    frame = two_periods(4, 0.2)[["article_id", "published", "tone"]]
    assert len(tone_by_period(frame, "Y")) == 2
    assert len(compare_periods(frame, "2013", "2014")) == 1
    quotes, mentions = ten_copies()
    assert len(speakers(quotes[["article_id", "speaker", "speaker_country", "text", "tone"]])) == 1
    from analysis import actor_tone

    assert len(actor_tone(mentions[["article_id", "country", "target_tone"]])) == 1


def test_a_year_only_date_counts_in_its_year_and_not_in_months(caplog):
    frame = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "published": pd.to_datetime(["2014-03-18", "2014-01-01", "2014-07-02"]),
            "date_precision": ["day", "year", "month"],
            "tone": [0.2, -0.4, 0.5],
        }
    )
    yearly = tone_by_period(frame, "Y").iloc[0]
    assert yearly["n_articles"] == 3
    with caplog.at_level(logging.INFO, logger="analysis"):
        monthly = tone_by_period(frame, "M")
    assert monthly["n_articles"].sum() == 2  # the year-only article is left out
    assert monthly["period"].dt.month.tolist() == [3, 7]
    assert "1 article(s) dated only to the month or year left out of the M series" in caplog.text
    assert tone_by_period(frame, "D")["n_articles"].sum() == 1
    # In comparisons a year-only article counts only where its whole year lies.
    assert compare_periods(frame, "2014", "2015").iloc[0]["n_articles_a"] == 3
    assert compare_periods(frame, "2014-03", "2014-07").iloc[0][
        ["n_articles_a", "n_articles_b"]
    ].tolist() == [1, 1]


def test_attach_articles_brings_the_date_precision():
    from analysis import attach_articles

    articles = pd.DataFrame({"article_id": ["a"], "published": [pd.Timestamp("2014-01-01")],
                             "date_precision": ["year"]})  # fmt: skip
    frame = pd.DataFrame({"article_id": ["a"], "tone": [0.1]})
    assert "date_precision" in attach_articles(frame, articles, ["published"]).columns


def test_a_mention_without_a_country_makes_no_dyad():
    from analysis import dyads, quoted_mentions

    quotes = pd.DataFrame({"article_id": ["a"] * 2, "quote_id": ["q1", "q2"], "start": [0, 50],
                           "end": [40, 90], "speaker": ["Sergey Lavrov"] * 2,
                           "speaker_country": ["RUS", ""]})  # fmt: skip
    mentions = pd.DataFrame({"article_id": ["a"] * 3, "start": [5, 20, 60], "end": [10, 25, 65],
                             "country": ["USA", "", "USA"], "target_tone": [0.5, -0.5, 0.1]})  # fmt: skip
    said = quoted_mentions(quotes, mentions)
    assert said["dyad"].tolist()[0] == "RUS→USA" and said["dyad"].iloc[1:].isna().all()
    assert dyads(quotes, mentions)["dyad"].tolist() == ["RUS→USA"]
