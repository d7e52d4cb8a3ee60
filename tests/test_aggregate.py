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
