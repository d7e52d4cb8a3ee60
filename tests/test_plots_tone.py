from analysis import plots, score_tone
from analysis.tone import word_contributions


def test_tone_drivers_chart(seed_sentences):
    drivers = word_contributions(score_tone(seed_sentences)["text"])
    assert drivers["valence"].abs().is_monotonic_decreasing
    assert len(plots.tone_drivers(drivers, top=10).axes[0].get_yticklabels()) == 10
    figure = plots.tone_drivers(drivers, top=len(drivers))
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert "stone wall  (phrase, ×1)" in labels
    assert "mistrust  (overlay, ×1)" in labels


def test_speaker_and_dyad_charts(shipped_dir):
    from analysis import corpus_tables, dyads, speakers

    tables = corpus_tables(shipped_dir, cache=False)
    table = speakers(tables.quotes)
    figure = plots.speaker_tone(table, top=5)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert len(labels) == 5 and labels[-1].startswith(table.loc[0, "speaker"])
    pairs = dyads(tables.quotes, tables.mentions)
    figure = plots.dyad_tone(pairs)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert any(label.startswith("USA→RUS") for label in labels)
    shown, left_out = plots.top_groups(pairs, top=12)
    bars = figure.axes[0].patches
    assert len(bars) == len(shown) + 1  # one bar per dyad shown, and the neutral band
    assert left_out == len(pairs) - len(shown) > 0
    assert f"Not shown: {left_out} dyads" in figure.get_supxlabel().replace("\n", " ")
    values = [t.get_text() for t in figure.axes[0].texts]
    first = pairs.iloc[0]
    assert f"[{first['ci_low']:+.2f}, {first['ci_high']:+.2f}]" in values[-1]  # drawn bottom-up
    assert "-0.00" not in " ".join(values)


def test_charts_of_empty_tables_say_so_instead_of_failing():
    import pandas as pd

    from analysis import dyads, speakers, tone_by_period

    no_quotes = pd.DataFrame(
        {"article_id": [], "quote_id": [], "start": [], "end": [], "speaker": [],
         "speaker_country": [], "text": [], "tone": []}
    )  # fmt: skip
    no_mentions = pd.DataFrame(
        {"article_id": [], "start": [], "end": [], "country": [], "target_tone": []}
    )
    undated = pd.DataFrame(
        {
            "article_id": ["a"],
            "tone": [0.3],
            "published": pd.Series([pd.NaT], dtype="datetime64[ns]"),
        }
    )
    figures = [
        plots.speaker_tone(speakers(no_quotes)),
        plots.dyad_tone(dyads(no_quotes, no_mentions)),
        plots.tone_timeline(tone_by_period(undated, "Y")),
    ]
    for figure in figures:
        texts = [t.get_text() for t in figure.axes[0].texts]
        assert len(texts) == 1 and texts[0].startswith(("Nothing to chart", "No dated scores"))
