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
