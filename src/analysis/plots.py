"""Charts: one function per chart, each returning a matplotlib ``Figure``.

Style comes from :data:`COLORS` (Okabe-Ito, safe for colour-blind readers)
and :func:`_new_axes`. Titles, labels and captions are shortened or wrapped to
the figure's width, so no text can stretch a chart. Nothing here shows a
figure; the report step saves each with :func:`save_figure`.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.aggregate.events import events_in_span
from analysis.aggregate.intervals import MIN_CLUSTERS, interval_method
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


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at a word to at most ``width`` characters, with "…".

    Example:
        >>> shorten("What each side's speakers say about the other", 25)
        "What each side's…"
    """
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _fit(title: str, figure: Figure, *, points: float = 12) -> str:
    """A title shortened to the figure's width (about 0.55 em per character)."""
    width_in = figure.get_size_inches()[0]
    return shorten(title, max(20, int(width_in * 72 / (0.55 * points))))


def _source_line(figure: Figure, text: str) -> None:
    """The caption under the chart, wrapped to the figure's width."""
    width = max(40, int(figure.get_size_inches()[0] * 72 / (0.5 * 7)))
    wrapped = "\n".join(textwrap.wrap(" ".join(text.split()), width, break_long_words=True))
    # supxlabel, not text: constrained layout keeps room for it below the axes.
    figure.supxlabel(wrapped, x=0.01, ha="left", fontsize=7, color="#555555")


def save_figure(
    figure: Figure, path: str | Path, *, formats: Sequence[str] = ("png", "svg"), dpi: int = 150
) -> list[Path]:
    """Save a chart once per format: ``path`` plus ``.png`` and ``.svg`` by default.

    Args:
        figure: A figure from this module.
        path: The file path without suffix, e.g. ``reports/figures/02/timeline``;
            missing folders are made.
        formats: File formats matplotlib knows (``png``, ``svg``, ``pdf`` …).
        dpi: Resolution of the raster formats.

    Returns:
        The files written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix in formats:
        file = path.with_name(f"{path.name}.{suffix}")
        figure.savefig(file, dpi=dpi, bbox_inches="tight", metadata=_metadata(suffix))
        written.append(file)
    return written


def _metadata(suffix: str) -> dict[str, str | None]:
    """File metadata without a date, so the same chart saves to the same bytes."""
    if suffix == "svg":
        return {"Date": None}
    if suffix == "pdf":
        return {"CreationDate": None}
    return {}


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
    title = _fit(title, figure)
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
EVENT_COLORS = {"cooperation": COLORS["positive"], "conflict": COLORS["negative"]}
MAX_COUNT_LABELS = 80  # beyond this many points, counts show as point sizes only


def _segments(rows: pd.DataFrame) -> pd.DataFrame:
    """Period rows in order, with a NaN row wherever periods are missing, so lines break there."""
    rows = rows.sort_values("period").reset_index(drop=True)
    middle = rows["period"] + (rows["period_end"] - rows["period"]) / 2
    rows = rows.assign(middle=middle)
    gap = rows["period"] > rows["period_end"].shift() + pd.Timedelta(days=1)
    breaks = rows[gap].assign(mean=np.nan, ci_low=np.nan, ci_high=np.nan)
    breaks = breaks.assign(middle=breaks["period"] - pd.Timedelta(days=1))
    return pd.concat([rows, breaks]).sort_values("middle", kind="stable").reset_index(drop=True)


def _draw_group(
    ax: Axes, rows: pd.DataFrame, color: str, label: str, *, counts: bool, shift: float = 0
) -> None:
    """One group's line (broken at gaps), band, points (hollow when thin) and counts.

    ``shift`` moves the counts sideways (in points), so two groups' counts stay apart.
    """
    line = _segments(rows)
    ax.plot(line["middle"], line["mean"], color=color, linewidth=1.4, label=label)
    ax.fill_between(line["middle"], line["ci_low"], line["ci_high"], color=color, alpha=0.15,
                    linewidth=0)  # fmt: skip
    thin = rows["thin"] if "thin" in rows else rows["n_articles"] < MIN_CLUSTERS
    middle = rows["period"] + (rows["period_end"] - rows["period"]) / 2
    # Whiskers too, since a band needs two neighbouring intervals to be seen.
    bounded = rows["ci_low"].notna().to_numpy()
    if bounded.any():
        mean = rows["mean"].to_numpy(dtype=float)[bounded]
        spread = [mean - rows["ci_low"].to_numpy(dtype=float)[bounded],
                  rows["ci_high"].to_numpy(dtype=float)[bounded] - mean]  # fmt: skip
        ax.errorbar(middle[bounded], mean, yerr=np.clip(spread, 0, None), fmt="none", ecolor=color,
                    elinewidth=0.8, capsize=2, alpha=0.8)  # fmt: skip
    sizes = 12 + 6 * np.sqrt(rows["n_articles"].to_numpy(dtype=float))
    for hollow in (False, True):
        picked = (thin == hollow).to_numpy()
        ax.scatter(middle[picked], rows["mean"][picked], s=sizes[picked], zorder=3,
                   facecolors="white" if hollow else color, edgecolors=color,
                   linewidths=1.2)  # fmt: skip
    if counts:
        for x, y, n in zip(middle, rows["mean"], rows["n_articles"], strict=True):
            # Up and to the right of the point, clear of its whisker.
            ax.annotate(str(n), (x, y), xytext=(4 + shift, 3), textcoords="offset points",
                        fontsize=6.5, ha="left", va="bottom", color=color)  # fmt: skip


def _event_levels(ax: Axes, figure: Figure, shown: pd.DataFrame) -> int:
    """Number the event lines above the axes, stacking numbers that would overlap.

    Each number goes on the lowest row where it clears the numbers already
    there (measured after layout); returns the number of rows used.
    """
    figure.draw_without_rendering()
    renderer = figure._get_renderer()  # type: ignore[attr-defined]
    row_ends: list[float] = []  # right edge, in pixels, of the last number on each row
    for when, number, kind in zip(shown["date"], shown["number"], shown["kind"], strict=True):
        color = EVENT_COLORS.get(kind, COLORS["neutral"])
        label = ax.annotate(str(number), (when, 1.0), xycoords=("data", "axes fraction"),
                            xytext=(0, 2), textcoords="offset points", fontsize=7,
                            ha="center", va="bottom", color=color)  # fmt: skip
        box = label.get_window_extent(renderer)
        level = next((i for i, end in enumerate(row_ends) if box.x0 > end + 2), len(row_ends))
        if level == len(row_ends):
            row_ends.append(box.x1)
        row_ends[level] = box.x1
        label.set_position((0, 2 + 9 * level))
    return len(row_ends)


def _draw_events(ax: Axes, figure: Figure, events: pd.DataFrame, periods: pd.DataFrame) -> int:
    """Dashed lines for the events inside the chart's span, numbered, with a key beside the chart.

    Returns the rows of numbers drawn above the axes.
    """
    shown = events_in_span(events, periods)
    if shown.empty:
        return 0
    kinds = shown["kind"] if "kind" in shown else pd.Series("", index=shown.index)
    shown = shown.assign(kind=kinds.fillna(""))
    handles = []
    for when, number, kind, event in zip(shown["date"], shown["number"], shown["kind"],
                                         shown["event"], strict=True):  # fmt: skip
        color = EVENT_COLORS.get(kind, COLORS["neutral"])
        ax.axvline(when, color=color, linewidth=0.7, linestyle="--", alpha=0.7)
        key = f"{number}  {when:%Y-%m-%d}  {shorten(event, 48)}"
        handles.append(Line2D([], [], color=color, linewidth=0.7, linestyle="--", label=key))
    groups_key = ax.get_legend()
    # Below the axes, inside the layout: constrained layout keeps the caption under it.
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=6.5,
              frameon=False, title="events", title_fontsize=7, handlelength=1.5,
              ncols=min(3, len(handles)))  # fmt: skip
    if groups_key is not None:
        ax.add_artist(groups_key)
    return _event_levels(ax, figure, shown)


def _date_span(periods: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The chart's dates: its periods' span and a little room, never years it has not seen.

    Example:
        >>> one_year = pd.DataFrame({"period": [pd.Timestamp("2011-01-01")],
        ...                          "period_end": [pd.Timestamp("2011-12-31")]})
        >>> [f"{day:%Y-%m-%d}" for day in _date_span(one_year)]
        ['2010-12-13', '2012-01-18']
    """
    first, last = periods["period"].min(), periods["period_end"].max()
    room = max((last - first) * 0.05, pd.Timedelta(days=1))
    return first - room, last + room


def timeline_caption(score_label: str, *, corpus: str | None = None, level: float = 0.95) -> str:
    """What a :func:`tone_timeline` chart shows, for its caption.

    Example:
        >>> timeline_caption("mean tone towards the country").split(",")[0]
        'Points: mean tone towards the country per period'
    """
    text = (
        f"Points: {score_label} per period, at its middle, with its number of articles; hollow: "
        f"fewer than {MIN_CLUSTERS} articles. Bands and whiskers: {interval_method(level)}. "
        "A break in a line: no articles in that period. Dashed lines: events (blue cooperation, "
        "vermilion conflict, grey other), numbered in the key."
    )
    return f"{text} Corpus: {corpus}." if corpus else text


def tone_timeline(
    periods: pd.DataFrame,
    *,
    by: str | None = None,
    events: pd.DataFrame | None = None,
    score_label: str = "mean sentence tone",
    title: str = "Tone over time",
    corpus: str | None = None,
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Line chart of mean score per period, with its evidence, intervals and events.

    Each point is labelled with its number of articles (and sized by it); a
    point resting on fewer than ``MIN_CLUSTERS`` articles is hollow and has no
    band; a period without articles breaks the line instead of being bridged.
    Only the events inside the span of ``periods`` are drawn, numbered in date
    order (as :func:`analysis.aggregate.events_in_span` numbers them), with
    numbers that never overlap and a key beside the chart.

    Args:
        periods: From :func:`analysis.tone_by_period`.
        by: The group column used there, one line per group.
        events: Dated events (``date``, ``event``, optional ``kind``).
        score_label: What the points are, for the axis and the caption, e.g.
            ``"mean sentence tone"`` or ``"mean tone towards the country"``.
        title: Chart title (shortened to fit).
        corpus: The corpus, named in the caption (see
            :func:`analysis.aggregate.describe_corpus`).
        source: Caption under the chart (default: :func:`timeline_caption`).
        ax: Axes to draw into; a new figure when omitted.

    Returns:
        The figure.
    """
    needed = ["period", "period_end", "n_articles", "mean", "ci_low", "ci_high",
              *([by] if by else [])]  # fmt: skip
    require_columns(periods, needed, name="periods")
    n_events = 0 if events is None else len(events_in_span(events, periods))
    # Room below the axes for the key of events, three to a row.
    figure, ax = _new_axes(ax, (12, 5.5 + 0.12 * -(-n_events // 3)))
    title = _fit(title, figure)
    if periods.empty:
        return _no_data(figure, ax, title, "No dated scores to chart.")
    groups = periods.groupby(by, sort=True, dropna=False) if by else [("all", periods)]
    counts = len(periods) <= MAX_COUNT_LABELS
    for index, (color, (name, rows)) in enumerate(zip(itertools.cycle(GROUP_COLORS), groups)):
        label = "unknown" if pd.isna(name) else shorten(str(name), 30)
        shift = 7 * index
        _draw_group(ax, rows, color, label, counts=counts, shift=shift)
    ax.axhline(0, color=COLORS["mark"], linewidth=0.8)
    ax.set_xlim(*_date_span(periods))
    ax.set_xlabel("date")
    ax.set_ylabel(f"{shorten(score_label, 50)} (−1 … +1)")
    if by:
        ax.legend(title=shorten(by, 30), fontsize=8, loc="best")
    ax.spines[["top", "right"]].set_visible(False)
    _source_line(figure, source or timeline_caption(score_label, corpus=corpus))
    rows_of_numbers = 0
    if events is not None and not events.empty:
        rows_of_numbers = _draw_events(ax, figure, events, periods)
    ax.set_title(title, loc="left", pad=8 + 9 * rows_of_numbers)  # room for the event numbers
    return figure


def _signed(value: float) -> str:
    """Two decimals with a sign, and no "-0.00"."""
    return f"{round(value, 2) + 0.0:+.2f}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


MIN_GROUP_ARTICLES = 2  # a bar from one article is one voice; bar charts leave it out


def top_groups(
    table: pd.DataFrame, *, top: int, min_articles: int = MIN_GROUP_ARTICLES
) -> tuple[pd.DataFrame, int]:
    """The first ``top`` rows with at least ``min_articles`` articles, and how many were left out.

    Tables from :func:`analysis.attribution`, :func:`analysis.dyads` and
    :func:`analysis.actor_tone` come most observed first, so these are the
    most observed groups.

    Example:
        >>> table = pd.DataFrame({"n_articles": [9, 1, 4, 3]})
        >>> rows, left_out = top_groups(table, top=2)
        >>> rows.index.tolist(), left_out
        ([0, 2], 2)
    """
    if top < 1 or min_articles < 1:
        raise ValueError(f"top and min_articles must be at least 1, not {top} and {min_articles}")
    rows = table[table["n_articles"] >= min_articles].head(top)
    return rows, len(table) - len(rows)


def _left_out_note(left_out: int, noun: str, *, top: int, min_articles: int) -> str:
    if not left_out:
        return ""
    return (
        f" Not shown: {_count(left_out, noun)} beyond the top {top} or in fewer than "
        f"{_count(min_articles, 'article')} (see the table)."
    )


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
    Labels are shortened so that no label widens the chart.
    """
    labels = [shorten(label, 64) for label in labels]
    figure, ax = _new_axes(ax, (8, 0.34 * len(labels) + 1.8))
    # Left-aligned with the figure, not the axes: the labels take up to half the width.
    title = _fit(title, figure)
    if table.empty:
        _source_line(figure, source)
        return _no_data(figure, ax, title, "Nothing to chart: no group has enough articles.")
    rows = table[::-1]
    scores = rows["mean_tone"].to_numpy(dtype=float)
    colors = polarity_label(rows["mean_tone"]).map(COLORS).fillna(COLORS["neutral"]).tolist()
    ax.barh(range(len(rows)), scores, color=colors)
    ax.set_yticks(range(len(rows)), labels[::-1])
    has_interval = {"ci_low", "ci_high"} <= set(rows.columns)
    if has_interval:
        low, high = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
        # Never negative: a bound a rounding error inside its mean is the mean.
        whiskers = np.clip(np.vstack([scores - low, high - scores]), 0, None)
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
    ax.tick_params(axis="y", labelsize=8)
    figure.suptitle(title, x=0.01, ha="left")
    ax.spines[["top", "right"]].set_visible(False)
    _source_line(figure, source)
    return figure


def _bar_caption(what: str, *, corpus: str | None, left_out: str) -> str:
    """Caption of a bar chart: what the bars are, the intervals, the corpus, what is left out."""
    text = (
        f"Bars: {what}. Whiskers and brackets: {interval_method()}. Bars inside the grey band "
        f"are neutral (±{POLARITY_THRESHOLD}).{left_out}"
    )
    return f"{text} Corpus: {corpus}." if corpus else text


def speaker_tone(
    table: pd.DataFrame,
    *,
    top: int = 15,
    min_articles: int = MIN_GROUP_ARTICLES,
    title: str = "Who is quoted, and in what tone",
    corpus: str | None = None,
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Mean tone of each speaker's quotes, most quoted first.

    Args:
        table: From :func:`analysis.attribution`.
        top: How many speakers to show at most.
        min_articles: Fewest articles a speaker must be quoted in to be shown.
        title: Chart title.
        corpus: The corpus, named in the caption.
        source: Caption under the chart (default says what is plotted and left out).
        ax: Axes to draw into; a new figure when omitted.
    """
    require_columns(table, ["speaker", "speaker_country", "n_quotes", "n_articles", "mean_tone"],
                    name="table")  # fmt: skip
    rows, left_out = top_groups(table, top=top, min_articles=min_articles)
    labels = [
        f"{shorten(speaker, 26) if pd.notna(speaker) else 'speaker not found'}"
        f" ({country if pd.notna(country) else '?'}, {_count(n, 'quote')}"
        f" in {_count(a, 'article')})"
        for speaker, country, n, a in zip(
            rows["speaker"], rows["speaker_country"], rows["n_quotes"], rows["n_articles"],
            strict=True,
        )
    ]  # fmt: skip
    caption = source or _bar_caption(
        "mean diplomatic tone of each speaker's quotes (the quotes' sentence scores)",
        corpus=corpus,
        left_out=_left_out_note(left_out, "speaker", top=top, min_articles=min_articles),
    )
    return _score_bars(labels, rows, xlabel="mean tone of the quotes (−1..1)",
                       title=title, source=caption, ax=ax)  # fmt: skip


def dyad_tone(
    table: pd.DataFrame,
    *,
    top: int = 12,
    min_articles: int = MIN_GROUP_ARTICLES,
    title: str = "What each side's speakers say about the other",
    corpus: str | None = None,
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Mean target tone per dyad (speaker's country → mentioned country), with counts.

    Args:
        table: From :func:`analysis.dyads`.
        top: How many dyads to show at most, most observed first.
        min_articles: Fewest articles a dyad must be seen in to be shown.
        title: Chart title.
        corpus: The corpus, named in the caption.
        source: Caption under the chart (default says what is plotted and left out).
        ax: Axes to draw into; a new figure when omitted.
    """
    require_columns(table, ["dyad", "n_mentions", "n_quotes", "n_articles", "mean_tone"],
                    name="table")  # fmt: skip
    rows, left_out = top_groups(table, top=top, min_articles=min_articles)
    labels = [
        f"{dyad}  ({_count(m, 'mention')}, {_count(q, 'quote')}, {_count(a, 'article')})"
        for dyad, m, q, a in zip(
            rows["dyad"], rows["n_mentions"], rows["n_quotes"], rows["n_articles"], strict=True
        )
    ]
    # Dyads built from whole documents too say how many mentions are a speech's own words.
    spoken = "n_document_mentions" in rows and bool(rows["n_document_mentions"].sum())
    if spoken:  # "USA→RUS (50 mentions: 6 quoted, 44 spoken; 20 articles)"
        labels = [
            f"{dyad}  ({_count(m, 'mention')}: {int(m - d):,} quoted, {int(d):,} spoken; "
            f"{_count(a, 'article')})"
            for dyad, m, d, a in zip(
                rows["dyad"],
                rows["n_mentions"],
                rows["n_document_mentions"],
                rows["n_articles"],
                strict=True,
            )
        ]
    caption = source or _bar_caption(
        "mean tone towards each actor mentioned inside a quote"
        + (" (quoted) or in the own words of a speech or statement (spoken)" if spoken else "")
        + " (target sentiment), by the speaker's country → the actor's country",
        corpus=corpus,
        left_out=_left_out_note(left_out, "dyad", top=top, min_articles=min_articles),
    )
    return _score_bars(labels, rows, xlabel="mean tone towards the target (−1..1)",
                       title=title, source=caption, ax=ax)  # fmt: skip


def actor_bars(
    table: pd.DataFrame,
    *,
    by: str | Sequence[str] = "country",
    top: int = 15,
    min_articles: int = MIN_GROUP_ARTICLES,
    title: str = "Who is mentioned, and the tone towards them",
    corpus: str | None = None,
    source: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Mean tone towards each actor or country, most mentioned first.

    Args:
        table: From :func:`analysis.actor_tone`.
        by: The group column(s) used there, joined in each label.
        top: How many groups to show at most.
        min_articles: Fewest articles a group must be mentioned in to be shown.
        title: Chart title.
        corpus: The corpus, named in the caption.
        source: Caption under the chart (default says what is plotted and left out).
        ax: Axes to draw into; a new figure when omitted.
    """
    groups = [by] if isinstance(by, str) else list(by)
    require_columns(table, [*groups, "n_mentions", "n_articles", "mean_tone"], name="table")
    rows, left_out = top_groups(table, top=top, min_articles=min_articles)
    # An actor of no state (an unlisted person, a body of none) has an empty country.
    unnamed = {group: "no country" if group == "country" else "?" for group in groups}
    names = rows[groups].astype("string").replace("", pd.NA).fillna(unnamed)
    names = names.agg(", ".join, axis=1)
    labels = [
        f"{shorten(name, 30)}  ({_count(m, 'mention')} in {_count(a, 'article')})"
        for name, m, a in zip(names, rows["n_mentions"], rows["n_articles"], strict=True)
    ]
    caption = source or _bar_caption(
        "mean tone towards each mention (target sentiment), whoever speaks",
        corpus=corpus,
        left_out=_left_out_note(left_out, "group", top=top, min_articles=min_articles),
    )
    return _score_bars(labels, rows, xlabel="mean tone towards the actor (−1..1)",
                       title=title, source=caption, ax=ax)  # fmt: skip
