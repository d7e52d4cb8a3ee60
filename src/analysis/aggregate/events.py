"""Key events: the tone before and after each, and the events inside a chart's span."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.aggregate.compare import compare_sides, inside, per_article
from analysis.aggregate.periods import dated_rows
from analysis.schema import require_columns


def tone_around_events(
    frame: pd.DataFrame,
    events: pd.DataFrame,
    *,
    days: int = 30,
    score: str = "tone",
    date: str = "published",
    n_boot: int = 2000,
    n_perm: int = 2000,
    level: float = 0.95,
    seed: int = 0,
    duplicates: str = "drop",
) -> pd.DataFrame:
    """Mean score in a window before and after each event, the change, and whether it is real.

    "Before" is the ``days`` days up to the day before the event; "after" is
    the event's day and the ``days`` days that follow. Each event is a
    :func:`compare_periods` of its two sides: means pool the sentences of the
    articles in a window, the interval of the change resamples whole articles
    on each side (NaN when a side has fewer than ``MIN_CLUSTERS``, 5,
    articles) and the p-value shuffles articles between the sides. An article
    dated only to the month or year counts only in a window that holds all of
    it. Headings, undated rows and (by default) near-duplicate copies are left out.

    Args:
        frame: Scored sentences (or mentions) with ``article_id``, ``score``
            and ``date`` (see :func:`attach_articles`).
        events: ``date`` and ``event`` (and ``kind``), e.g. :func:`analysis.read_events`.
        days: Length of each window in days.
        score: The column to average.
        date: The column with the date.
        n_boot: Bootstrap resamples of the interval.
        n_perm: Shuffles of the permutation test.
        level: Confidence level of the interval.
        seed: Seed of the resampling, so the table is reproducible.
        duplicates: ``"drop"`` or ``"keep"`` near-duplicate copies.

    Returns:
        One row per event: ``date``, ``event``, ``kind``, ``n_before`` and
        ``n_after`` (articles), ``mean_before``, ``mean_after``, ``change``
        (after minus before), ``change_low``, ``change_high``, ``p_value``.

    Example:
        >>> frame = pd.DataFrame({"article_id": ["a", "b", "c", "d"],
        ...     "tone": [-0.2, -0.4, 0.3, 0.5],
        ...     "published": pd.to_datetime(["2010-04-01", "2010-04-05",
        ...                                  "2010-04-08", "2010-04-12"])})
        >>> events = pd.DataFrame({"date": pd.to_datetime(["2010-04-08"]), "event": ["New START"]})
        >>> row = tone_around_events(frame, events, days=10).iloc[0]
        >>> [round(float(row[c]), 2) for c in ("mean_before", "mean_after", "change")]
        [-0.3, 0.4, 0.7]
    """
    if days < 1:
        raise ValueError(f"days must be at least 1, not {days}")
    require_columns(frame, ["article_id", score, date], name="frame")
    require_columns(events, ["date", "event"], name="events")
    rows = dated_rows(frame, score, date, duplicates, caller="tone_around_events")
    articles = per_article(rows, score, date)
    rng = np.random.default_rng(seed)
    window = pd.Timedelta(days=days)
    kinds = events["kind"] if "kind" in events else pd.Series(pd.NA, index=events.index)
    records = []
    for when, event, kind in zip(events["date"], events["event"], kinds, strict=True):
        when = pd.Timestamp(when).normalize()
        before = inside(articles, when - window, when - pd.Timedelta(days=1))
        after = inside(articles, when, when + window)
        sides = compare_sides(before, after, n_boot=n_boot, n_perm=n_perm, level=level, rng=rng)
        records.append(
            {
                "date": when, "event": event, "kind": kind,
                "n_before": sides["n_articles_a"], "n_after": sides["n_articles_b"],
                "mean_before": sides["mean_a"], "mean_after": sides["mean_b"],
                "change": sides["difference"], "change_low": sides["diff_low"],
                "change_high": sides["diff_high"], "p_value": sides["p_value"],
            }
        )  # fmt: skip
    columns = ["date", "event", "kind", "n_before", "n_after", "mean_before", "mean_after",
               "change", "change_low", "change_high", "p_value"]  # fmt: skip
    return pd.DataFrame.from_records(records, columns=columns)


def events_in_span(events: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """The events that fall inside the span of a period table, numbered as a chart numbers them.

    Args:
        events: ``date`` and ``event`` (and ``kind``), e.g. :func:`analysis.read_events`.
        periods: A :func:`tone_by_period` table (``period``, ``period_end``).

    Returns:
        The events from the first period's first day to the last period's last
        day, in date order, with ``number`` from 1.

    Example:
        >>> events = pd.DataFrame({"date": pd.to_datetime(["1999-03-24", "2010-04-08"]),
        ...                        "event": ["Kosovo", "New START"]})
        >>> periods = pd.DataFrame({"period": pd.to_datetime(["2010-01-01"]),
        ...                         "period_end": pd.to_datetime(["2010-12-31"])})
        >>> events_in_span(events, periods)[["number", "event"]].to_dict("records")
        [{'number': 1, 'event': 'New START'}]
    """
    require_columns(events, ["date", "event"], name="events")
    if periods.empty:
        return events.iloc[0:0].assign(number=pd.Series(dtype="int64"))
    require_columns(periods, ["period", "period_end"], name="periods")
    low, high = periods["period"].min(), periods["period_end"].max()
    shown = events[(events["date"] >= low) & (events["date"] <= high)]
    shown = shown.sort_values("date", kind="stable").reset_index(drop=True)
    return shown.assign(number=np.arange(1, len(shown) + 1))
