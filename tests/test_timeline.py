import numpy as np
import pandas as pd
import pytest

from analysis import (
    SchemaError,
    attach_articles,
    plots,
    read_events,
    score_tone,
    tone_around_events,
    tone_by_period,
)
from analysis.corpus import ArticleError


def sentences(rows):
    return pd.DataFrame(rows, columns=["article_id", "published", "issuer", "tone"])


def test_means_counts_and_no_interval_for_one_article():
    frame = sentences(
        [
            ("a", pd.Timestamp("2010-01-05"), "US", 0.2),
            ("a", pd.Timestamp("2010-01-05"), "US", 0.4),
            ("b", pd.Timestamp("2010-03-01"), "RU", -0.3),
            ("c", pd.Timestamp("2011-02-01"), "US", 0.5),
        ]
    )
    table = tone_by_period(frame, "Y", by="issuer").set_index(["period", "issuer"])
    first = table.loc[(pd.Timestamp("2010-01-01"), "US")]
    assert (first["n_articles"], first["n_sentences"], first["mean"]) == (1, 2, pytest.approx(0.3))
    assert np.isnan(first["ci_low"]) and np.isnan(first["ci_high"])
    assert first["period_end"] == pd.Timestamp("2010-12-31")
    overall = tone_by_period(frame, "Y").set_index("period")
    assert overall.loc[pd.Timestamp("2010-01-01"), "mean"] == pytest.approx(0.1)


def test_interval_resamples_articles_and_is_reproducible():
    rng = np.random.default_rng(1)
    rows = [
        (f"art{i}", pd.Timestamp("2012-06-01"), "US", value)
        for i in range(30)
        for value in rng.normal(0.2 if i % 2 else -0.2, 0.05, size=5)
    ]
    frame = sentences(rows)
    one = tone_by_period(frame, "M")
    assert one.equals(tone_by_period(frame, "M"))
    row = one.iloc[0]
    assert row["ci_low"] < row["mean"] < row["ci_high"]
    # Between-article spread dominates, so the interval is wide (about ±0.07), not the ±0.01
    # a sentence-level bootstrap would give.
    assert row["ci_high"] - row["ci_low"] > 0.08


def test_headings_and_undated_rows_are_left_out():
    frame = sentences(
        [
            ("a", pd.Timestamp("2010-01-05"), "US", 0.9),
            ("a", pd.NaT, "US", -1.0),
            ("a", pd.Timestamp("2010-01-05"), "US", 0.1),
        ]
    ).assign(is_heading=[True, False, False])
    assert tone_by_period(frame, "Y")["mean"].tolist() == [pytest.approx(0.1)]


def test_shipped_events():
    events = read_events()
    assert {"date", "event", "kind"} <= set(events.columns)
    for year, words in [(2008, "Georgia"), (2009, "reset"), (2010, "New START"), (2011, "Deauville"),
                        (2012, "Magnitsky"), (2013, "Snowden"), (2014, "Crimea")]:  # fmt: skip
        assert events[(events["date"].dt.year == year) & events["event"].str.contains(words)].shape[
            0
        ]


def test_bad_event_date_names_the_line(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("date,event\n2010-04-08,New START\nlast spring,Something\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"events\.csv: line 3"):
        read_events(path)


def test_corpus_timeline_chart(corpus_articles):
    from analysis import split_sentences

    scored = corpus_articles.pipe(split_sentences).pipe(score_tone)
    scored = attach_articles(scored, corpus_articles, ["published", "issuer"])
    table = tone_by_period(scored, "Y", by="issuer")
    assert set(table["issuer"]) == {"US government", "Kremlin", "news"}
    assert table["n_articles"].sum() == len(corpus_articles)
    figure = plots.tone_timeline(table, by="issuer", events=read_events())
    ax = figure.axes[0]
    assert len(ax.get_lines()) >= 3 + len(read_events())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Kremlin",
        "US government",
        "news",
    ]


def test_duplicate_articles_are_dropped_by_default_and_kept_on_request(caplog):
    frame = sentences(
        [
            ("a", pd.Timestamp("2013-09-12"), "news", -0.5),
            ("b", pd.Timestamp("2013-09-13"), "news", -0.5),
            ("c", pd.Timestamp("2013-09-20"), "news", 0.5),
            ("d", pd.NaT, "news", 0.9),
        ]
    ).assign(duplicate_of=[None, "a", None, None])
    dropped = tone_by_period(frame, "M").iloc[0]
    assert (dropped["n_articles"], dropped["mean"]) == (2, pytest.approx(0.0))
    kept = tone_by_period(frame, "M", duplicates="keep").iloc[0]
    assert (kept["n_articles"], kept["mean"]) == (3, pytest.approx(-1 / 6))
    assert "1 article(s) left out: no published" in caplog.text
    with pytest.raises(ValueError, match="duplicates must be"):
        tone_by_period(frame, "M", duplicates="first")


def test_attach_articles_carries_duplicate_of(corpus_articles):
    frame = pd.DataFrame({"article_id": corpus_articles["article_id"].head(2), "tone": [0.1, 0.2]})
    assert "duplicate_of" in attach_articles(frame, corpus_articles).columns


def around(days_from_event, tones, **extra):
    """Sentences of one article each, dated relative to 2010-04-08."""
    event = pd.Timestamp("2010-04-08")
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(tones))],
            "tone": tones,
            "published": [event + pd.Timedelta(days=d) for d in days_from_event],
            **extra,
        }
    )


EVENT = pd.DataFrame({"date": [pd.Timestamp("2010-04-08")], "event": ["New START signed"]})


def test_windows_before_and_after_an_event():
    # -31 is outside a 30-day window; the event's day counts after it.
    frame = around([-31, -30, -1, 0, 30, 31], [9.0, -0.2, -0.4, 0.3, 0.5, 9.0])
    row = tone_around_events(frame, EVENT, days=30).iloc[0]
    assert (row["n_before"], row["n_after"]) == (2, 2)
    assert row["mean_before"] == pytest.approx(-0.3)
    assert row["mean_after"] == pytest.approx(0.4)
    assert row["change"] == pytest.approx(0.7)
    assert row["change_low"] <= row["change"] <= row["change_high"]


def test_no_interval_when_a_side_has_one_article_and_copies_count_once():
    frame = around([-3, 2, 4], [-0.5, 0.2, 0.2], duplicate_of=[None, None, "a1"])
    row = tone_around_events(frame, EVENT, days=10).iloc[0]
    assert (row["n_before"], row["n_after"]) == (1, 1)
    assert row["change"] == pytest.approx(0.7)
    assert np.isnan(row["change_low"]) and np.isnan(row["change_high"])
    kept = tone_around_events(frame, EVENT, days=10, duplicates="keep").iloc[0]
    assert kept["n_after"] == 2


def test_bad_windows_and_columns_are_named():
    frame = around([-1, 1], [0.1, 0.2])
    with pytest.raises(ValueError, match="days must be at least 1"):
        tone_around_events(frame, EVENT, days=0)
    with pytest.raises(SchemaError, match="goldstein"):
        tone_around_events(frame, EVENT, score="goldstein")


def test_events_on_the_shipped_corpus(corpus_articles):
    from analysis import corpus_tables

    tables = corpus_tables(cache=False)
    dated = attach_articles(tables.sentences, tables.articles, ["published"])
    table = tone_around_events(dated, read_events(), days=90)
    assert len(table) == len(read_events())
    assert (table["n_before"] + table["n_after"] > 0).all()
    bounded = table.dropna(subset=["change_low"])
    assert len(bounded) >= 1
    assert (
        (bounded["change_low"] <= bounded["change"]) & (bounded["change"] <= bounded["change_high"])
    ).all()
