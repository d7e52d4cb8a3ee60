import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import polarity_label, score_sentiment
from analysis.evaluate import read_vader_set
from analysis.sentiment import Vader, analyzer

REFERENCE = SentimentIntensityAnalyzer()
# Words that trigger each of VADER's rules: negations, boosters in and out of capitals,
# "but", "least", "kind of", "never so", "without doubt", idioms, emphasis and an emoji.
RULE_WORDS = [
    'no', 'nor', 'or', 'never', 'so', 'this', 'without', 'doubt', 'least', 'at', 'very',
    'kind', 'of', 'but', 'BUT', 'not', "isn't", 'good', 'GOOD', 'bad', 'BAD', 'great',
    'the', 'bomb', 'shit', 'ass', 'yeah', 'right', 'kiss', 'death', 'to', 'die', 'for',
    'sort', 'extremely', 'EXTREMELY', 'hardly', 'talks', 'failed', 'mistrust', '!', '?',
    ':)', '😀', ',', '.', 'love',
]  # fmt: skip


def test_columns_equal_vadersentiment_on_the_corpus(corpus_articles):
    from analysis import split_sentences

    scored = corpus_articles.pipe(split_sentences).pipe(score_sentiment)
    expected = pd.DataFrame.from_records([REFERENCE.polarity_scores(t) for t in scored["text"]])
    for column in ["neg", "neu", "pos", "compound"]:
        assert scored[column].tolist() == expected[column].tolist()


def test_vader_equals_vadersentiment_on_every_benchmark_text(benchmarks_dir):
    texts = []
    for path in sorted((benchmarks_dir / "vader-groundtruth").glob("*_GroundTruth.txt")):
        texts += read_vader_set(path)["text"].astype(str).tolist()
    for path in sorted((benchmarks_dir / "newsmtsc").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["sentence_normalized"] for line in lines]
    assert len(texts) > 20_000
    fast = Vader()
    assert [fast.polarity_scores(t) for t in texts] == [REFERENCE.polarity_scores(t) for t in texts]


@pytest.mark.parametrize(
    "text",
    [
        "no talks nor good faith",  # "no" three words back, "nor" right before
        "no talks or good faith",
        "no good news",
        "it was never so good",
        "without doubt a good deal",
        "at least good",
        "very least good",
        "kind of good",
        "the talks were the bomb",
        "yeah right good talks",
        "a kiss of death for good relations",
        "GOOD talks but BAD results",
        "EXTREMELY good and hardly bad talks!!!",
        "Is it good??? Bad :)",
        "good 😀 talks",
    ],
)
def test_vader_equals_vadersentiment_on_each_rule(text):
    assert analyzer().polarity_scores(text) == REFERENCE.polarity_scores(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(RULE_WORDS), max_size=40))
def test_vader_equals_vadersentiment_wherever_its_rules_fire(words):
    text = " ".join(words)
    assert analyzer().polarity_scores(text) == REFERENCE.polarity_scores(text)


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
