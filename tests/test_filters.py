import pandas as pd
import pytest

from analysis.filters import (
    Filters,
    articles_about,
    corpus_label,
    describe_filters,
    filter_tables,
)
from analysis.pipeline import Tables


def tables() -> Tables:
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "published": pd.to_datetime(
                ["2010-12-31 23:00", "2011-01-01", "2011-12-31 18:30", None], format="ISO8601"
            ),
            "source": ["kremlin.ru", "State Department", "Kremlin.ru (President)", "wire"],
            "issuer": ["Kremlin", "US government", "Kremlin", "news"],
            "text": ["A", "B", "C", "D"],
        }
    )
    articles.attrs["rejects"] = [{"path": "x.pdf", "record": None, "reason": "binary"}]
    sentences = pd.DataFrame({"article_id": ["a", "b", "b", "c", "d"], "tone": [0.1] * 5})
    mentions = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "actor": ["Vladimir Putin", "Barack Obama", "Vladimir Putin"],
            "surface": ["Putin", "Obama", "the Russian president"],
            "country": ["RUS", "USA", "RUS"],
        }
    )
    quotes = pd.DataFrame({"article_id": ["c"], "text": ["We will answer."]})
    return Tables(articles, sentences, mentions, quotes, from_cache=False)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ({}, ["a", "b", "c", "d"]),
        ({"since": "2011-01-01", "until": "2011-12-31"}, ["b", "c"]),  # the whole last day
        ({"since": "2011-01-01"}, ["b", "c"]),  # the undated article goes once a date is asked
        ({"until": "2010-12-31"}, ["a"]),
        ({"source": "KREMLIN.RU"}, ["a", "c"]),
        ({"issuer": "us gov"}, ["b"]),
        ({"about": "Putin"}, ["a"]),  # a surface form
        ({"about": "vladimir putin"}, ["a", "c"]),  # the canonical name, any case
        ({"about": "RUS", "since": "2011-06-01"}, ["c"]),  # a country code, with a date
    ],
)
def test_filter_tables_keeps_the_articles_that_pass_every_filter(given, kept):
    chosen = filter_tables(tables(), **given)
    assert chosen.articles["article_id"].tolist() == kept
    assert set(chosen.sentences["article_id"]) <= set(kept)
    assert set(chosen.mentions["article_id"]) <= set(kept)
    assert set(chosen.quotes["article_id"]) <= set(kept)
    assert chosen.articles.attrs["rejects"] == tables().articles.attrs["rejects"]


def test_sentences_follow_their_articles():
    chosen = filter_tables(tables(), since="2011-01-01", until="2011-12-31")
    assert chosen.sentences["article_id"].tolist() == ["b", "b", "c"]
    assert chosen.quotes["article_id"].tolist() == ["c"]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"since": "next year"}, "not a date"),
        ({"since": "2012-01-01", "until": "2011-01-01"}, "is after"),
    ],
)
def test_bad_filters_are_refused(given, message):
    with pytest.raises(ValueError, match=message):
        Filters(**given)


def test_a_filter_on_a_missing_column_says_so():
    plain = tables()
    plain = Tables(plain.articles.drop(columns="issuer"), plain.sentences, plain.mentions,
                   plain.quotes, False)  # fmt: skip
    with pytest.raises(ValueError, match="no issuer column"):
        filter_tables(plain, issuer="Kremlin")


def test_filters_in_words_and_in_the_corpus_label():
    assert describe_filters() == ""
    assert (
        describe_filters(until="2011-12-31", issuer="Kremlin")
        == "up to 2011-12-31, issuer “Kremlin”"
    )
    chosen = filter_tables(tables(), since="2011-01-01", until="2011-12-31")
    label = corpus_label(chosen.articles, "data/raw", Filters("2011-01-01", "2011-12-31"))
    assert label == "data/raw (2 documents, 2011), from 2011-01-01 to 2011-12-31"


def test_articles_about_matches_whole_names_only():
    assert articles_about(tables().mentions, "Put") == set()
