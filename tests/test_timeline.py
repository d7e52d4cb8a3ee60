import numpy as np
import pandas as pd
import pytest
from matplotlib.legend import Legend

from analysis import (
    SchemaError,
    attach_articles,
    plots,
    read_events,
    score_tone,
    tone_around_events,
    tone_by_period,
)
from analysis.aggregate import MIN_CLUSTERS, events_in_span
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


def test_shipped_events_cover_1991_to_today():
    events = read_events()
    assert {"date", "event", "kind", "url"} <= set(events.columns)
    for year, words in [(1991, "Soviet"), (1999, "NATO enlargement"), (1999, "Kosovo"),
                        (2001, "9/11"), (2003, "Iraq"), (2004, "NATO enlargement"),
                        (2007, "Munich"), (2008, "Georgia"), (2009, "reset"),
                        (2010, "New START signed"), (2011, "New START enters"),
                        (2011, "Deauville"), (2012, "Magnitsky"), (2013, "Snowden"),
                        (2014, "Crimea"), (2014, "sanctions"), (2015, "Syria"),
                        (2016, "election"), (2017, "election"), (2018, "Skripal"),
                        (2018, "Helsinki"), (2019, "INF"), (2021, "Geneva"),
                        (2022, "invasion of Ukraine"), (2023, "New START")]:  # fmt: skip
        found = events[(events["date"].dt.year == year) & events["event"].str.contains(words)]
        assert len(found), (year, words)
    assert set(events["kind"]) <= {"cooperation", "conflict", "other"}
    assert (
        events["url"].str.match(r"https://(en\.wikipedia\.org|[a-z0-9.-]+\.(gov|int|org))/").all()
    )
    assert events["date"].is_monotonic_increasing
    assert events["event"].str.len().max() <= 60  # short labels


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
    shown = events_in_span(read_events(), table)
    assert shown["date"].dt.year.between(2008, 2014).all() and len(shown) >= 15
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == len(shown)
    assert_labels_apart(figure, [str(n) for n in shown["number"]])
    (groups_key,) = [a for a in ax.artists if isinstance(a, Legend)]
    assert groups_key.get_title().get_text() == "issuer"
    assert [t.get_text() for t in groups_key.get_texts()] == [
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
    # Two articles a side give a test (it cannot reject with so few) but no interval.
    assert np.isnan(row["change_low"]) and row["p_value"] > 0.3


def test_a_real_change_around_an_event_is_found():
    rng = np.random.default_rng(5)
    days = [-d for d in range(1, 9)] + list(range(8))
    tones = [*rng.normal(-0.3, 0.1, 8), *rng.normal(0.3, 0.1, 8)]
    row = tone_around_events(around(days, tones), EVENT, days=10).iloc[0]
    assert (row["n_before"], row["n_after"]) == (8, 8)
    assert 0 < row["change_low"] <= row["change"] <= row["change_high"]
    assert row["p_value"] < 0.01


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


def test_events_on_the_shipped_corpus(shipped_dir):
    from analysis import corpus_tables

    tables = corpus_tables(shipped_dir, cache=False)
    dated = attach_articles(tables.sentences, tables.articles, ["published"])
    table = tone_around_events(dated, read_events(), days=90)
    assert len(table) == len(read_events())
    outside = (table["date"] < "2007-01-01") | (table["date"] > "2015-01-01")  # corpus 2008-14
    assert (table.loc[outside, "n_before"] + table.loc[outside, "n_after"] == 0).all()
    assert (table.loc[~outside, "n_before"] + table.loc[~outside, "n_after"] > 0).mean() > 0.8
    bounded = table.dropna(subset=["change_low"])
    assert (table.loc[bounded.index, ["n_before", "n_after"]] >= MIN_CLUSTERS).all().all()
    assert (
        (bounded["change_low"] <= bounded["change"]) & (bounded["change"] <= bounded["change_high"])
    ).all()
    tested = table[(table["n_before"] > 0) & (table["n_after"] > 0)]
    assert len(tested) >= 1 and tested["p_value"].between(0, 1, inclusive="right").all()


def assert_labels_apart(figure, numbers):
    """The event numbers above the axes are all drawn, and no two overlap."""
    figure.draw_without_rendering()
    renderer = figure._get_renderer()
    ax = figure.axes[0]
    labels = [t for t in ax.texts if getattr(t, "xycoords", None) == ("data", "axes fraction")]
    assert sorted(t.get_text() for t in labels) == sorted(numbers)
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, one in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not one.overlaps(other), (one, other)


def yearly(years_and_counts, by=None):
    """A tone_by_period table: one row per (year, articles)."""
    rows = [
        {"period": pd.Timestamp(f"{y}-01-01"), "period_end": pd.Timestamp(f"{y}-12-31"),
         "n_articles": n, "n_sentences": 10 * n, "mean": 0.1 * (i % 3),
         "ci_low": np.nan if n < MIN_CLUSTERS else -0.1,
         "ci_high": np.nan if n < MIN_CLUSTERS else 0.3, "thin": n < MIN_CLUSTERS}
        for i, (y, n) in enumerate(years_and_counts)
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_timeline_breaks_at_missing_periods_and_shows_its_evidence():
    table = yearly([(2004, 12), (2005, 2), (2006, 7), (2010, 9), (2011, 1)])
    figure = plots.tone_timeline(
        table, title="Tone", corpus="millercenter (80 documents, 1990–2020)"
    )
    ax = figure.axes[0]
    line = ax.get_lines()[0]
    y = np.asarray(line.get_ydata(), dtype=float)
    assert len(y) == 6 and np.isnan(y[3])  # 2006 and 2010 are not joined
    assert not np.isnan(np.delete(y, 3)).any()
    counts = sorted(t.get_text() for t in ax.texts)
    assert counts == ["1", "12", "2", "7", "9"]
    filled, hollow = ax.collections[-2], ax.collections[-1]
    assert len(filled.get_offsets()) == 3 and len(hollow.get_offsets()) == 2
    assert (hollow.get_facecolors()[:, :3] == 1).all()  # white inside
    caption = figure.get_supxlabel().replace("\n", " ")
    assert "hollow: fewer than 5 articles" in caption
    assert "95% percentile bootstrap over articles (none from fewer than 5 articles)" in caption
    assert "Corpus: millercenter (80 documents, 1990–2020)" in caption
    assert "mean sentence tone per period" in caption


def test_caption_says_what_is_plotted():
    figure = plots.tone_timeline(yearly([(2010, 5)]), score_label="mean tone towards the country")
    caption = figure.get_supxlabel().replace("\n", " ")
    assert "Points: mean tone towards the country per period" in caption
    assert "sentence" not in caption


def test_only_events_in_the_span_are_drawn_and_their_numbers_never_overlap():
    table = yearly([(2013, 6), (2014, 8)])
    crowded = pd.DataFrame(
        {
            "date": [pd.Timestamp("2009-01-01"), *pd.date_range("2014-03-01", periods=12, freq="D"),
                     pd.Timestamp("2013-06-01")],
            "event": ["outside"] + [f"event {i}" for i in range(12)] + ["summer"],
            "kind": ["conflict"] * 14,
        }
    )  # fmt: skip
    figure = plots.tone_timeline(table, events=crowded)
    dashed = [line for line in figure.axes[0].get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 13
    assert_labels_apart(figure, [str(n) for n in range(1, 14)])
    key = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert key[0].startswith("1  2013-06-01  summer") and not any("outside" in k for k in key)


def test_whole_span_of_events_on_a_thirty_year_corpus():
    table = yearly([(y, 3 + y % 4) for y in range(1990, 2021) if y not in (1999, 2006)])
    events = read_events()
    figure = plots.tone_timeline(table, events=events)
    shown = events_in_span(events, table)
    assert shown["date"].min().year == 1991 and shown["date"].max().year <= 2020
    assert_labels_apart(figure, [str(n) for n in shown["number"]])
