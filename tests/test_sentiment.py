import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import polarity_label, score_sentiment
from analysis.sentiment import analyzer


def test_columns_equal_vadersentiment_on_the_corpus(corpus_articles):
    from analysis import split_sentences

    scored = corpus_articles.pipe(split_sentences).pipe(score_sentiment)
    reference = SentimentIntensityAnalyzer()
    expected = pd.DataFrame.from_records([reference.polarity_scores(t) for t in scored["text"]])
    for column in ["neg", "neu", "pos", "compound"]:
        assert scored[column].tolist() == expected[column].tolist()


def test_one_analyzer_per_process():
    assert analyzer() is analyzer()


def test_input_is_not_mutated():
    frame = pd.DataFrame({"text": ["Good talks.", "Bad talks."]})
    before = frame.copy()
    scored = score_sentiment(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert scored["compound"].iloc[0] > 0 > scored["compound"].iloc[1]


def test_rescoring_replaces_columns():
    once = score_sentiment(pd.DataFrame({"text": ["Good."]}))
    assert list(score_sentiment(once).columns) == list(once.columns)


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (0.05, "positive"),
        (0.0499, "neutral"),
        (-0.0499, "neutral"),
        (-0.05, "negative"),
        (1, "positive"),
    ],
)
def test_polarity_label_thresholds(score, label):
    assert polarity_label(score) == label
    assert polarity_label(pd.Series([score])).tolist() == [label]


def test_polarity_label_nan():
    assert polarity_label(float("nan")) is pd.NA
