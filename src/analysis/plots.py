"""Charts: one function per chart, each returning a matplotlib ``Figure``.

Style comes from :data:`COLORS` (Okabe-Ito, safe for colour-blind readers)
and :func:`_new_axes`. Nothing here saves or shows a figure; the report step
does the saving.
"""

from __future__ import annotations

import itertools
import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.schema import require_columns
from analysis.sentiment import POLARITY_THRESHOLD, polarity_label

COLORS = {"positive": "#0072B2", "neutral": "#999999", "negative": "#D55E00", "mark": "#000000"}


def _new_axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax  # type: ignore[return-value]
    # A bare Figure, not pyplot's: notebooks show it once, loops do not leak it.
    figure = Figure(figsize=size, layout="constrained")
    return figure, figure.subplots()


def _no_data(figure: Figure, ax: Axes, title: str, message: str) -> Figure:
    """An empty chart that says why it is empty, instead of an error."""
    ax.set_axis_off()
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#555555",
            transform=ax.transAxes)  # fmt: skip
    return figure


def _source_line(figure: Figure, text: str) -> None:
    # supxlabel, not text: constrained layout keeps room for it below the axes.
    figure.supxlabel(text, x=0.01, ha="left", fontsize=7, color="#555555")


def sentiment_arc(
    scored: pd.DataFrame,
    article_id: str | None = None,
    *,
    score: str = "compound",
    title: str | None = None,
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Bar chart of sentence scores through one article.

    Bars are coloured by :func:`analysis.polarity_label`; the headline and
    subheadings are hatched and named on the axis.

    Args:
        scored: Sentences with ``article_id``, ``sentence``, ``text``,
            ``is_heading`` and the ``score`` column.
        article_id: The article to draw; may be omitted when there is one.
        score: Column to plot, e.g. ``"compound"`` or ``"tone"``.
        title: Chart title (default: the article's headline).
        source: Source line under the chart (default names the article).
        ax: Axes to draw into; a new figure when omitted.

    Returns:
        The figure.
    """
    require_columns(scored, ["article_id", "sentence", "text", "is_heading", score], name="scored")
    ids = scored["article_id"].unique()
    if article_id is None:
        if len(ids) != 1:
            raise ValueError(f"scored holds {len(ids)} articles; name one with article_id=")
        article_id = ids[0]
    rows = scored[scored["article_id"] == article_id].sort_values("sentence")
    if rows.empty:
        raise ValueError(f"article_id {article_id!r} is not in scored")
    figure, ax = _new_axes(ax, (10, 4.2))
    labels = polarity_label(rows[score])
    ax.bar(
        rows["sentence"],
        rows[score],
        color=labels.map(COLORS).fillna(COLORS["neutral"]).tolist(),
        hatch=["//" if h else "" for h in rows["is_heading"]],
        edgecolor="white",
        width=0.85,
    )
    ax.axhline(0, color=COLORS["mark"], linewidth=0.8)
    for bound in (POLARITY_THRESHOLD, -POLARITY_THRESHOLD):
        ax.axhline(bound, color=COLORS["neutral"], linewidth=0.6, linestyle=":")
    headings = rows[rows["is_heading"]]
    for number, text in zip(headings["sentence"], headings["text"], strict=True):
        ax.annotate(
            textwrap.shorten(text, 40),
            (number, 1.0),
            rotation=90,
            fontsize=7,
            ha="center",
            va="top",
            xytext=(0, -2),
            textcoords="offset points",
        )
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("sentence number in the article")
    ax.set_ylabel(f"{score} (−1 negative … +1 positive)")
    headline = rows.loc[rows["sentence"].idxmin(), "text"]
    ax.set_title(title or textwrap.shorten(f"Sentence by sentence: {headline}", 90), loc="left")
    ax.legend(
        handles=[
            Patch(color=COLORS["positive"], label=f"positive (≥ {POLARITY_THRESHOLD})"),
            Patch(color=COLORS["neutral"], label="neutral"),
            Patch(color=COLORS["negative"], label=f"negative (≤ −{POLARITY_THRESHOLD})"),
            Patch(facecolor="white", edgecolor=COLORS["mark"], hatch="//", label="heading"),
        ],
        fontsize=7,
        loc="lower right",
        ncols=4,
    )
    ax.spines[["top", "right"]].set_visible(False)
    _source_line(figure, source or f"Article: {article_id}. Score: {score}.")
    return figure


def tone_drivers(
    contributions: pd.DataFrame,
    *,
    top: int = 15,
    title: str = "Words that drove the tone",
    source: str = "Contributions after VADER's rules, summed over sentences.",
    ax: Axes | None = None,
) -> Figure:
    """Horizontal bars of the tokens that moved tone most, by summed contribution.

    Args:
        contributions: From :func:`analysis.tone.word_contributions`
            (``token``, ``valence``, ``count``, ``rule``).
        top: How many tokens to show, largest absolute contribution first.
        title: Chart title.
        source: Source line under the chart.
        ax: Axes to draw into; a new figure when omitted.

    Returns:
        The figure.
    """
    require_columns(contributions, ["token", "valence", "count", "rule"], name="contributions")
    rows = contributions.reindex(
        contributions["valence"].abs().sort_values(ascending=False).index
    ).head(top)[::-1]
    figure, ax = _new_axes(ax, (8, 0.32 * len(rows) + 1.4))
    if rows.empty:
        return _no_data(figure, ax, title, "No word in these texts carries a valence.")
    labels = polarity_label(rows["valence"] / 4)
    ax.barh(
        [
            f"{t}  ({r}, ×{c})"
            for t, r, c in zip(rows["token"], rows["rule"], rows["count"], strict=True)
        ],
        rows["valence"],
        color=labels.map(COLORS).fillna(COLORS["neutral"]).tolist(),
    )
    ax.axvline(0, color=COLORS["mark"], linewidth=0.8)
    ax.set_xlabel("summed valence (VADER scale, before normalisation)")
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    _source_line(figure, source)
    return figure


# Okabe-Ito colours not used for event kinds, so groups and events stay apart.
GROUP_COLORS = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]


def tone_timeline(
    periods: pd.DataFrame,
    *,
    by: str | None = None,
    events: pd.DataFrame | None = None,
    score_label: str = "mean tone",
    title: str = "Tone over time",
    source: str = (
        "Points: mean sentence score at the middle of each period. Bands: 95% bootstrap "
        "intervals over articles. Numbered lines: events (blue cooperation, vermilion conflict)."
    ),
    ax: Axes | None = None,
) -> Figure:
    """Line chart of mean score per period, with confidence bands and events.

    Args:
        periods: From :func:`analysis.aggregate.tone_by_period`.
        by: The group column used there, one line per group.
        events: Dated events (``date``, ``event``, optional ``kind``), drawn as
            lines numbered in the order of the frame (show the frame beside).
        score_label: Y axis label.
        title: Chart title.
        source: Source line under the chart.
        ax: Axes to draw into; a new figure when omitted.

    Returns:
        The figure.
    """
    needed = ["period", "period_end", "mean", "ci_low", "ci_high", *([by] if by else [])]
    require_columns(periods, needed, name="periods")
    figure, ax = _new_axes(ax, (11, 5))
    if periods.empty:
        return _no_data(figure, ax, title, "No dated scores to chart.")
    groups = periods.groupby(by, sort=True) if by else [("all", periods)]
    for color, (name, rows) in zip(itertools.cycle(GROUP_COLORS), groups):
        rows = rows.sort_values("period")
        middle = rows["period"] + (rows["period_end"] - rows["period"]) / 2
        ax.plot(middle, rows["mean"], marker="o", color=color, label=str(name))
        ax.fill_between(middle, rows["ci_low"], rows["ci_high"], color=color, alpha=0.15)
    ax.axhline(0, color=COLORS["mark"], linewidth=0.8)
    if events is not None and not events.empty:
        kinds = events["kind"] if "kind" in events else pd.Series("", index=events.index)
        low, high = periods["period"].min(), periods["period_end"].max()
        # Numbers of events close in time are stacked, so they stay legible.
        close = (high - low) * 0.025
        previous, level = None, 0
        for number, (when, kind) in enumerate(zip(events["date"], kinds, strict=True), start=1):
            if not low <= when <= high:
                continue
            level = min(level + 1, 2) if previous is not None and when - previous < close else 0
            previous = when
            color = {"cooperation": COLORS["positive"], "conflict": COLORS["negative"]}.get(
                kind, COLORS["neutral"]
            )
            ax.axvline(when, color=color, linewidth=0.7, linestyle="--", alpha=0.7)
            ax.annotate(str(number), (when, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(0, 8 * level), textcoords="offset points",
                        fontsize=7, ha="center", va="bottom", color=color)  # fmt: skip
    ax.set_xlabel("date")
    ax.set_ylabel(f"{score_label} (−1 … +1)")
    ax.set_title(title, loc="left", pad=28)  # room for the event numbers
    if by:
        ax.legend(title=by, fontsize=8, loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    _source_line(figure, source)
    return figure


def _signed(value: float) -> str:
    """Two decimals with a sign, and no "-0.00"."""
    return f"{round(value, 2) + 0.0:+.2f}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _score_bars(
    labels: list[str],
    table: pd.DataFrame,
    *,
    xlabel: str,
    title: str,
    source: str,
    ax: Axes | None,
) -> Figure:
    """Horizontal bars of ``mean_tone``, coloured by label, a zero line and the ±0.05 band.

    When ``table`` has ``ci_low`` and ``ci_high``, each bar gets its interval
    as a whisker; the mean and the interval are written right of the axes.
    """
    figure, ax = _new_axes(ax, (8, 0.34 * len(labels) + 1.5))
    if table.empty:
        return _no_data(figure, ax, title, "Nothing to chart: no rows in the table.")
    rows = table[::-1]
    scores = rows["mean_tone"].to_numpy(dtype=float)
    colors = polarity_label(rows["mean_tone"]).map(COLORS).fillna(COLORS["neutral"]).tolist()
    ax.barh(labels[::-1], scores, color=colors)
    has_interval = {"ci_low", "ci_high"} <= set(rows.columns)
    if has_interval:
        low, high = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
        whiskers = np.vstack([scores - low, high - scores])
        ax.errorbar(scores, range(len(rows)), xerr=whiskers, fmt="none",
                    ecolor=COLORS["mark"], elinewidth=0.8, capsize=2)  # fmt: skip
    for y, row in enumerate(rows.itertuples()):
        text = _signed(row.mean_tone)
        if has_interval and pd.notna(row.ci_low):
            text += f"  [{_signed(row.ci_low)}, {_signed(row.ci_high)}]"
        ax.text(1.02, y, text, transform=ax.get_yaxis_transform(), va="center", fontsize=8)
    ax.axvspan(-POLARITY_THRESHOLD, POLARITY_THRESHOLD, color=COLORS["neutral"], alpha=0.15)
    ax.axvline(0, color=COLORS["mark"], linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    _source_line(figure, source)
    return figure


def speaker_tone(
    table: pd.DataFrame,
    *,
    top: int = 15,
    title: str = "Who is quoted, and in what tone",
    source: str = "Mean diplomatic tone of each speaker's quotes, with 95% intervals from "
    "resampling articles (none for one article); bars inside the grey band are neutral (±0.05).",
    ax: Axes | None = None,
) -> Figure:
    """Mean tone of each speaker's quotes, most quoted first.

    Args:
        table: From :func:`analysis.speakers`.
        top: How many speakers to show.
        title: Chart title.
        source: Source line under the chart.
        ax: Axes to draw into; a new figure when omitted.
    """
    require_columns(table, ["speaker", "speaker_country", "n_quotes", "n_articles", "mean_tone"],
                    name="table")  # fmt: skip
    rows = table.head(top)
    labels = [
        f"{speaker if pd.notna(speaker) else 'speaker not found'}"
        f" ({country if pd.notna(country) else '?'}, {_count(n, 'quote')}"
        f" in {_count(a, 'article')})"
        for speaker, country, n, a in zip(
            rows["speaker"], rows["speaker_country"], rows["n_quotes"], rows["n_articles"],
            strict=True,
        )
    ]  # fmt: skip
    return _score_bars(labels, rows, xlabel="mean tone of the quotes (−1..1)",
                       title=title, source=source, ax=ax)  # fmt: skip


def dyad_tone(
    table: pd.DataFrame,
    *,
    title: str = "What each side's speakers say about the other",
    source: str = "Mean sentiment towards each actor mentioned inside a quote, by the speaker's "
    "country → the actor's country, with 95% intervals from resampling articles.",
    ax: Axes | None = None,
) -> Figure:
    """Mean target tone per dyad (speaker's country → mentioned country), with counts.

    Args:
        table: From :func:`analysis.dyads`.
        title: Chart title.
        source: Source line under the chart.
        ax: Axes to draw into; a new figure when omitted.
    """
    require_columns(table, ["dyad", "n_mentions", "n_quotes", "n_articles", "mean_tone"],
                    name="table")  # fmt: skip
    labels = [
        f"{dyad}  ({_count(m, 'mention')}, {_count(q, 'quote')}, {_count(a, 'article')})"
        for dyad, m, q, a in zip(
            table["dyad"], table["n_mentions"], table["n_quotes"], table["n_articles"], strict=True
        )
    ]
    return _score_bars(labels, table, xlabel="mean tone towards the target (−1..1)",
                       title=title, source=source, ax=ax)  # fmt: skip
