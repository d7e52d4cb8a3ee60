"""Is a change real? Two periods, or the two sides of an event, compared article by article."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd

from analysis.aggregate.intervals import difference_interval, permutation_p_value
from analysis.aggregate.periods import date_spans, dated_rows, period_name
from analysis.schema import require_columns

logger = logging.getLogger(__name__)

Span: TypeAlias = str | pd.Period | tuple[object, object]

COMPARISON_COLUMNS = ["n_articles_a", "n_articles_b", "n_sentences_a", "n_sentences_b",
                      "mean_a", "mean_b", "difference", "diff_low", "diff_high",
                      "p_value"]  # fmt: skip


def as_span(span: Span) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """First day, last day and name of a period given as text, a ``Period`` or two dates.

    Example:
        >>> as_span("2013")[2], as_span("2014-03")[1].date().isoformat()
        ('2013', '2014-03-31')
        >>> as_span(("2014-01-01", "2014-03-17"))[2]
        '2014-01-01 to 2014-03-17'
    """
    if isinstance(span, tuple):
        if len(span) != 2:
            raise ValueError(f"a period of two dates is (first, last), not {span!r}")
        first, last = (pd.Timestamp(d).normalize() for d in span)  # type: ignore[arg-type]
    else:
        try:
            period = span if isinstance(span, pd.Period) else pd.Period(str(span))
        except ValueError as error:
            raise ValueError(f"{span!r} is not a period such as '2013', '2013Q2' or "
                             "'2013-05'") from error  # fmt: skip
        first, last = period.start_time.normalize(), period.end_time.normalize()
    if last < first:
        raise ValueError(f"period {span!r} ends before it starts")
    return first, last, period_name(first, last)


def per_article(rows: pd.DataFrame, score: str, date: str) -> pd.DataFrame:
    """Per article: the first and last day its date may stand for, and its score sum and count."""
    first, last = date_spans(rows, date)
    return (
        rows.assign(_first=first, _last=last)
        .groupby("article_id", sort=False)
        .agg(
            first=("_first", "min"),
            last=("_last", "max"),
            sum=(score, "sum"),
            count=(score, "count"),
        )  # fmt: skip
    )


def inside(articles: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """The articles (of :func:`per_article`) whose whole date span lies in ``[first, last]``."""
    return articles[(articles["first"] >= first) & (articles["last"] <= last)]


def compare_sides(
    before: pd.DataFrame,
    after: pd.DataFrame,
    *,
    n_boot: int,
    n_perm: int,
    level: float,
    rng: np.random.Generator,
) -> dict[str, float]:
    """Counts, means, difference (after minus before), its interval and p-value of two sides."""
    sides = [(s["sum"].to_numpy(float), s["count"].to_numpy(float)) for s in (before, after)]
    means = [s.sum() / c.sum() if len(s) else np.nan for s, c in sides]
    low, high = difference_interval(*sides, n_boot=n_boot, level=level, rng=rng)
    values = [len(before), len(after), int(sides[0][1].sum()), int(sides[1][1].sum()),
              *means, means[1] - means[0], low, high,
              permutation_p_value(*sides, n_perm=n_perm, rng=rng)]  # fmt: skip
    return dict(zip(COMPARISON_COLUMNS, values, strict=True))


def compare_periods(
    frame: pd.DataFrame,
    a: Span,
    b: Span,
    *,
    by: str | Sequence[str] | None = None,
    score: str = "tone",
    date: str = "published",
    n_boot: int = 2000,
    n_perm: int = 2000,
    level: float = 0.95,
    seed: int = 0,
    duplicates: str = "drop",
) -> pd.DataFrame:
    """Test whether the mean score changed between two periods (or the two sides of an event).

    The difference is ``mean_b - mean_a`` (pooled means of the sentences of
    each side's articles, as in :func:`tone_by_period`). Its interval
    resamples whole articles within each side (a cluster bootstrap; NaN when a
    side has fewer than ``MIN_CLUSTERS``, 5, articles) and its two-sided
    p-value comes from shuffling whole articles between the sides (a
    permutation test, valid for any number of articles: with few it cannot be
    small). An article counts on a side when its date lies in the period; one
    dated only to the month or year (``date_precision``) counts only when that
    whole month or year lies inside, and a period may be given as text
    (``"2013"``, ``"2013Q2"``, ``"2013-05"``), a ``pandas.Period`` or
    ``(first, last)`` dates, e.g. the days before an event and the days from it on.

    Args:
        frame: Scored sentences (or mentions) with ``article_id``, ``score``
            and ``date`` (see :func:`attach_articles`).
        a: The first period (the "before").
        b: The second period (the "after").
        by: Column(s) to compare within, one row per group.
        score: The column to average.
        date: The column with the date.
        n_boot: Bootstrap resamples of the interval.
        n_perm: Shuffles of the permutation test.
        level: Confidence level of the interval.
        seed: Seed of the resampling, so the table is reproducible.
        duplicates: ``"drop"`` or ``"keep"`` near-duplicate copies.

    Returns:
        One row (per group): ``period_a``, ``period_b``, the ``by`` columns,
        ``n_articles_a``, ``n_articles_b``, ``n_sentences_a``,
        ``n_sentences_b``, ``mean_a``, ``mean_b``, ``difference``,
        ``diff_low``, ``diff_high`` and ``p_value``.

    Example:
        >>> frame = pd.DataFrame({"article_id": [f"a{i}" for i in range(12)],
        ...     "tone": [-0.3, -0.2, -0.4, -0.3, -0.25, -0.35, 0.3, 0.2, 0.4, 0.3, 0.25, 0.35],
        ...     "published": pd.to_datetime(["2013-03-01"] * 6 + ["2014-05-01"] * 6)})
        >>> row = compare_periods(frame, "2013", "2014").iloc[0]
        >>> round(float(row["difference"]), 2), bool(row["p_value"] < 0.01)
        (0.6, True)
    """
    groups = [by] if isinstance(by, str) else list(by or [])
    require_columns(frame, ["article_id", score, date, *groups], name="frame")
    (first_a, last_a, name_a), (first_b, last_b, name_b) = as_span(a), as_span(b)
    rows = dated_rows(frame, score, date, duplicates, caller="compare_periods", groups=groups)
    rng = np.random.default_rng(seed)
    cells = rows.groupby(groups, sort=True, dropna=False) if groups else [((), rows)]
    records = []
    for keys, cell in cells:
        articles = per_article(cell, score, date)
        sides = inside(articles, first_a, last_a), inside(articles, first_b, last_b)
        keys = keys if isinstance(keys, tuple) else (keys,)
        records.append(
            {
                "period_a": name_a, "period_b": name_b,
                **dict(zip(groups, keys, strict=True)),
                **compare_sides(*sides, n_boot=n_boot, n_perm=n_perm, level=level, rng=rng),
            }
        )  # fmt: skip
    return pd.DataFrame.from_records(
        records, columns=["period_a", "period_b", *groups, *COMPARISON_COLUMNS]
    )
