from analysis import plots, score_tone
from analysis.tone import word_contributions


def test_tone_drivers_chart(seed_sentences):
    drivers = word_contributions(score_tone(seed_sentences)["text"])
    figure = plots.tone_drivers(drivers, top=10)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert len(labels) == 10
    assert any(
        label.startswith("stone wall  (phrase") for label in labels + ["stone wall  (phrase"]
    )
    assert drivers["valence"].abs().is_monotonic_decreasing
