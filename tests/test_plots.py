import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import plots


def test_sentiment_arc_marks_headings(seed_sentences):
    figure = plots.sentiment_arc(seed_sentences)
    assert isinstance(figure, Figure)
    ax = figure.axes[0]
    assert len(ax.patches) == len(seed_sentences)
    hatched = [p.get_hatch() for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 2
    assert "Security needs" in [t.get_text() for t in ax.texts]
    assert ax.get_title(loc="left").endswith("hit stone wall")


def test_sentiment_arc_needs_an_article_when_several(seed_sentences):
    two = seed_sentences.assign(
        article_id=["a", "b"] * (len(seed_sentences) // 2) + ["a"] * (len(seed_sentences) % 2)
    )
    with pytest.raises(ValueError, match="name one"):
        plots.sentiment_arc(two)


def png_size(figure, tmp_path, name="chart"):
    """Width and height in pixels of the figure saved as the report saves it."""
    import matplotlib.image

    (png, _svg) = plots.save_figure(figure, tmp_path / name)
    height, width = matplotlib.image.imread(png).shape[:2]
    return width, height


def test_save_figure_writes_png_and_svg(tmp_path):
    figure = plots.tone_drivers(
        __import__("pandas").DataFrame(
            {"token": ["thaw"], "valence": [1.5], "count": [2], "rule": ["overlay"]}
        )
    )
    written = plots.save_figure(figure, tmp_path / "figures" / "drivers")
    assert [p.name for p in written] == ["drivers.png", "drivers.svg"]
    assert written[0].read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in written[1].read_bytes()[:500]
    assert b"<dc:date>" not in written[1].read_bytes()  # same chart, same bytes


def test_a_long_title_or_label_never_stretches_a_chart(tmp_path):
    import pandas as pd

    long = "A very long headline " * 50  # 1,050 characters
    periods = pd.DataFrame(
        {"period": [pd.Timestamp("2010-01-01")], "period_end": [pd.Timestamp("2010-12-31")],
         "n_articles": [3], "mean": [0.1], "ci_low": [float("nan")], "ci_high": [float("nan")],
         long: ["x"]}
    )  # fmt: skip
    events = pd.DataFrame({"date": [pd.Timestamp("2010-04-08")], "event": [long],
                           "kind": ["cooperation"]})  # fmt: skip
    timeline = plots.tone_timeline(periods, by=long, events=events, title=long, corpus=long,
                                   score_label=long)  # fmt: skip
    width, height = png_size(timeline, tmp_path, "timeline")
    assert width <= 12 * 150 * 1.1 and height <= 8 * 150, (width, height)
    speakers = pd.DataFrame(
        {"speaker": [long, "Sergey Lavrov"], "speaker_country": ["USA", "RUS"],
         "n_quotes": [3, 2], "n_articles": [2, 2], "mean_tone": [0.2, -0.1]}
    )  # fmt: skip
    width, height = png_size(plots.speaker_tone(speakers, title=long, corpus=long), tmp_path)
    assert width <= 8 * 150 * 1.15, width
    arc = plots.sentiment_arc(
        pd.DataFrame({"article_id": ["a"], "sentence": [0], "text": [long], "is_heading": [True],
                      "compound": [0.0]})
    )  # fmt: skip
    assert png_size(arc, tmp_path, "arc")[0] <= 10 * 150 * 1.1


def test_bar_charts_show_the_top_groups_and_say_how_many_were_left_out(tmp_path):
    import pandas as pd

    # 62 dyads as in a real corpus, most from one quote in one article.
    table = pd.DataFrame(
        {
            "dyad": [f"C{i:02d}→RUS" for i in range(62)],
            "n_mentions": range(100, 38, -1),
            "n_quotes": [20] * 5 + [1] * 57,
            "n_articles": [9, 7, 5, 3, 2] + [1] * 57,
            "mean_tone": [0.1] * 62,
            "ci_low": [0.0] * 3 + [float("nan")] * 59,
            "ci_high": [0.2] * 3 + [float("nan")] * 59,
        }
    )
    figure = plots.dyad_tone(table)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert len(labels) == 5 and labels[0].startswith("C04→RUS")  # drawn bottom-up
    assert "Not shown: 57 dyads beyond the top 12 or in fewer than 2 articles" in " ".join(
        figure.get_supxlabel().split()
    )
    assert png_size(figure, tmp_path)[1] < 600
    shown, left_out = plots.top_groups(table, top=3, min_articles=1)
    assert len(shown) == 3 and left_out == 59
    with pytest.raises(ValueError, match="at least 1"):
        plots.top_groups(table, top=0)


def test_actor_chart(shipped_dir):
    from analysis import actor_tone, corpus_tables

    table = actor_tone(corpus_tables(shipped_dir, cache=False).mentions, "country")
    figure = plots.actor_bars(table, top=5, corpus="data/raw (34 documents, 2008–2014)")
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert len(labels) == 5 and labels[-1].startswith(table.loc[0, "country"])
    caption = " ".join(figure.get_supxlabel().split())
    assert "tone towards each mention" in caption and "Corpus: data/raw" in caption


def test_an_actor_of_no_country_is_labelled_so():
    table = pd.DataFrame(
        {"country": ["USA", "", None], "n_mentions": [10, 8, 5], "n_articles": [5, 5, 5],
         "mean_tone": [0.1, 0.0, -0.1], "ci_low": [0.0, -0.1, -0.2], "ci_high": [0.2, 0.1, 0.0]}
    )  # fmt: skip
    figure = plots.actor_bars(table, min_articles=1)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels[::-1] == [
        "USA (10 mentions in 5 articles)",
        "no country (8 mentions in 5 articles)",
        "no country (5 mentions in 5 articles)",
    ]
