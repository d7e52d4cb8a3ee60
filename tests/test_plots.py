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
