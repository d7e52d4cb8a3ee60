"""Mean scores per period: the rows a dated mean may use, and the period series."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.aggregate.articles import without_duplicates
from analysis.aggregate.intervals import MIN_CLUSTERS, cluster_bootstrap
from analysis.schema import require_columns

logger = logging.getLogger(__name__)

# How much of a date is known (the ``date_precision`` article column), as the
# pandas period the date stands for.
PRECISION_PERIODS = {"day": "D", "month": "M", "year": "Y"}


def date_spans(rows: pd.DataFrame, date: str = "published") -> tuple[pd.Series, pd.Series]:
    """The first and last day each row's date may stand for.

    A date known to the day is that day; one known only to the month or the
    year (``date_precision`` ``"month"`` or ``"year"``) stands for the whole
    month or year. Without a ``date_precision`` column every date is a day.

    Example:
        >>> rows = pd.DataFrame({"published": pd.to_datetime(["2014-03-18", "2014-01-01"]),
        ...                      "date_precision": ["day", "year"]})
        >>> first, last = date_spans(rows)
        >>> [d.date().isoformat() for d in last]
        ['2014-03-18', '2014-12-31']
    """
    days = rows[date].dt.normalize()
    first, last = days.copy(), days.copy()
    if "date_precision" not in rows:
        return first, last
    precision = rows["date_precision"].astype("string").str.lower()
    for name, freq in PRECISION_PERIODS.items():
        coarse = (precision == name).fillna(False).to_numpy()
        if name == "day" or not coarse.any():
            continue
        periods = days[coarse].dt.to_period(freq)
        first[coarse] = periods.dt.start_time.dt.normalize()
        last[coarse] = periods.dt.end_time.dt.normalize()
    return first, last


# Columns a dated mean reads when they are there, beside the ones it is asked for.
OPTIONAL_COLUMNS = ("duplicate_of", "is_heading", "date_precision")


def dated_rows(
    frame: pd.DataFrame,
    score: str,
    date: str,
    duplicates: str,
    *,
    caller: str,
    groups: Sequence[str] = (),
) -> pd.DataFrame:
    """The rows a dated mean uses: no copies (unless kept), no headings, a date and a score.

    Only the columns it needs are kept, so a wide frame costs no more than a
    narrow one. Rows left out for want of a date or a score are counted in a
    logged warning.
    """
    needed = ["article_id", score, date, *groups, *OPTIONAL_COLUMNS]
    frame = frame[[c for c in dict.fromkeys(needed) if c in frame.columns]]
    rows = without_duplicates(frame, duplicates)
    rows = rows if "is_heading" not in rows else rows[~rows["is_heading"]]
    usable = rows[date].notna() & rows[score].notna()
    if not usable.all():
        left_out = rows.loc[~usable, "article_id"].nunique()
        logger.warning("%s: %d article(s) left out: no %s or %s", caller, left_out, date, score)
    return rows[usable]


def within_one_period(rows: pd.DataFrame, date: str, freq: str, *, caller: str) -> pd.DataFrame:
    """Rows whose date falls in one ``freq`` period, with that period; coarser dates left out.

    An article dated only to the year counts in its year in a yearly series,
    but cannot be placed in a month: it is left out of monthly, weekly or daily
    series, and the number left out is logged.
    """
    first, last = date_spans(rows, date)
    periods = first.dt.to_period(freq)
    placed = (periods == last.dt.to_period(freq)).to_numpy()
    if not placed.all():
        left_out = rows.loc[~placed, "article_id"].nunique()
        logger.info("%s: %d article(s) dated only to the month or year left out of the %s "
                    "series", caller, left_out, freq)  # fmt: skip
    return rows[placed].assign(_period=periods[placed])


def tone_by_period(
    frame: pd.DataFrame,
    freq: str = "M",
    by: str | Sequence[str] | None = None,
    *,
    score: str = "tone",
    date: str = "published",
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
    duplicates: str = "drop",
) -> pd.DataFrame:
    """Mean score per period (and group), with counts and bootstrap intervals.

    Sentences of one article are not independent, so the interval resamples
    whole articles (a cluster bootstrap, see :mod:`analysis.aggregate.intervals`)
    and is NaN for a cell of fewer than ``MIN_CLUSTERS`` (5) articles, which
    is also flagged ``thin``. Headings are left out when ``is_heading`` is
    present, and rows without a date or score are left out with a logged
    warning. With a ``date_precision`` column (``day``, ``month``, ``year``),
    an article dated only to the year counts in its year and is left out of
    finer series with a logged note. Only the columns named here are read.

    Args:
        frame: Scored sentences with ``article_id``, the ``score`` column and
            the ``date`` column (see :func:`attach_articles`).
        freq: A pandas period alias: ``"M"`` month, ``"Q"`` quarter, ``"Y"`` year.
        by: Column(s) to split by: a source, an issuer, a dyad, a speaker.
            Rows without a value form their own group (NA), so none is lost.
        score: Column to average, e.g. ``"tone"``, ``"compound"``, ``"goldstein"``.
        date: Column with the date.
        n_boot: Bootstrap resamples.
        level: Confidence level of the interval.
        seed: Seed of the resampling, so the table is reproducible.
        duplicates: ``"drop"`` (default) leaves out near-duplicate articles
            (``duplicate_of`` set, see :func:`analysis.flag_duplicates`) so a
            wire story counts once; ``"keep"`` counts every copy.

    Returns:
        One row per period and group with articles: ``period`` and
        ``period_end`` (its first and last day), the ``by`` columns,
        ``n_articles``, ``n_sentences``, ``mean``, ``ci_low``, ``ci_high``,
        ``thin`` (fewer than ``MIN_CLUSTERS`` articles). Periods without
        articles have no row: a chart shows them as gaps.
    """
    groups = [by] if isinstance(by, str) else list(by or [])
    require_columns(frame, ["article_id", score, date, *groups], name="frame")
    rows = dated_rows(frame, score, date, duplicates, caller="tone_by_period", groups=groups)
    rows = within_one_period(rows, date, freq, caller="tone_by_period")
    rows = rows.assign(
        period=rows["_period"].dt.start_time,
        period_end=rows["_period"].dt.end_time.dt.normalize(),
    )
    per_article = (
        rows.groupby(["period", "period_end", *groups, "article_id"], observed=True, dropna=False)[
            score
        ]
        .agg(["sum", "count"])
        .reset_index()
    )
    rng = np.random.default_rng(seed)
    records = []
    cells = per_article.groupby(["period", "period_end", *groups], observed=True, dropna=False)
    for keys, cell in cells:
        sums, counts = cell["sum"].to_numpy(), cell["count"].to_numpy()
        low, high = cluster_bootstrap(sums, counts, n_boot=n_boot, level=level, rng=rng)
        records.append(
            {
                **dict(zip(["period", "period_end", *groups], keys, strict=True)),
                "n_articles": len(cell),
                "n_sentences": int(counts.sum()),
                "mean": sums.sum() / counts.sum(),
                "ci_low": low,
                "ci_high": high,
                "thin": len(cell) < MIN_CLUSTERS,
            }
        )
    columns = ["period", "period_end", *groups, "n_articles", "n_sentences", "mean", "ci_low",
               "ci_high", "thin"]  # fmt: skip
    return pd.DataFrame.from_records(records, columns=columns).astype({"thin": bool})


def thin_periods(periods: pd.DataFrame, by: str | None = None) -> str:
    """Name the periods of a :func:`tone_by_period` table that rest on too few articles.

    Example:
        >>> table = pd.DataFrame({"period": pd.to_datetime(["1991-01-01", "1992-01-01"]),
        ...     "period_end": pd.to_datetime(["1991-12-31", "1992-12-31"]),
        ...     "n_articles": [2, 9], "thin": [True, False]})
        >>> thin_periods(table)
        'Resting on fewer than 5 articles (drawn hollow, no interval): 1991 (2).'
    """
    rows = periods[periods["thin"]] if len(periods) else periods
    if rows.empty:
        return f"Every period rests on at least {MIN_CLUSTERS} articles."
    names = [
        f"{period_name(start, end)}{f' {_group_name(group)}' if by else ''} ({n})"
        for start, end, group, n in zip(
            rows["period"], rows["period_end"],
            rows[by] if by else [None] * len(rows), rows["n_articles"], strict=True,
        )
    ]  # fmt: skip
    return (
        f"Resting on fewer than {MIN_CLUSTERS} articles (drawn hollow, no interval): "
        f"{', '.join(names)}."
    )


def _group_name(value: object) -> str:
    return "unknown" if pd.isna(value) else str(value)  # type: ignore[call-overload]


def period_name(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A period as people write it: ``2013``, ``2013-Q2``, ``2013-05`` or ``2013-05-07``.

    Example:
        >>> period_name(pd.Timestamp("2013-04-01"), pd.Timestamp("2013-06-30"))
        '2013-Q2'
    """
    if start == end:
        return start.date().isoformat()
    if start.is_year_start and end.is_year_end and start.year == end.year:
        return str(start.year)
    if start.is_quarter_start and end.is_quarter_end and start.quarter == end.quarter:
        return f"{start.year}-Q{start.quarter}"
    if start.is_month_start and end.is_month_end and start.month == end.month:
        return start.strftime("%Y-%m")
    return f"{start.date().isoformat()} to {end.date().isoformat()}"
