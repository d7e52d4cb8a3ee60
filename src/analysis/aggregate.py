"""Aggregate scored sentences to articles and periods."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pandas as pd
from pandas.api.typing import DataFrameGroupBy

from analysis.cleaning import WORD_RE, count_words
from analysis.schema import ARTICLE_SUMMARY, require_columns
from analysis.sentiment import analyzer, polarity_label

logger = logging.getLogger(__name__)


def word_polarity_counts(text: str) -> tuple[int, int, int]:
    """Count words, and words of positive and of negative VADER valence.

    Example:
        >>> word_polarity_counts("Deep tensions remain despite a warm welcome.")
        (7, 2, 1)
    """
    lexicon = analyzer().lexicon
    valences = [lexicon.get(word.casefold(), 0.0) for word in WORD_RE.findall(text)]
    return len(valences), sum(v > 0 for v in valences), sum(v < 0 for v in valences)


def _summarize_one(group: pd.DataFrame) -> pd.Series:
    body = group[~group["is_heading"]]
    headline = group[group["is_heading"] & (group["sentence"] == 0)]
    n_words = body["text"].map(count_words)
    labels = polarity_label(body["compound"]).value_counts(normalize=True)
    counts = [word_polarity_counts(text) for text in body["text"]]
    words, positive, negative = (
        (sum(column) for column in zip(*counts, strict=True)) if counts else (0, 0, 0)
    )
    pct_positive = 100 * positive / words if words else np.nan
    pct_negative = 100 * negative / words if words else np.nan
    return pd.Series(
        {
            "n_sentences": len(body),
            "n_words": int(n_words.sum()),
            "headline_compound": headline["compound"].iloc[0] if len(headline) else np.nan,
            "mean_compound": body["compound"].mean(),
            "weighted_compound": np.average(body["compound"], weights=n_words)
            if n_words.sum()
            else np.nan,
            "share_positive": labels.get("positive", 0.0),
            "share_neutral": labels.get("neutral", 0.0),
            "share_negative": labels.get("negative", 0.0),
            "pct_positive_words": pct_positive,
            "pct_negative_words": pct_negative,
            "doc_tone": pct_positive - pct_negative,
        }
    )


def summarize_articles(
    scored: pd.DataFrame, *, articles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Summarise sentence sentiment per article.

    Headings are left out of the body measures; the headline's score is its
    own column. Shares use :func:`analysis.polarity_label` (±0.05).
    ``doc_tone`` follows GDELT's document tone: the percentage of words with
    positive valence minus that with negative valence (VADER's lexicon).

    Args:
        scored: Sentences with VADER columns (see :func:`analysis.score_sentiment`).
        articles: The ``articles`` frame, to add ``title``, ``published`` and
            ``source``; optional.

    Returns:
        One row per article, columns as in ``schema.ARTICLE_SUMMARY``.
    """
    require_columns(
        scored, ["article_id", "sentence", "text", "is_heading", "compound"], name="scored"
    )
    summary = (
        scored.groupby("article_id", sort=False)[["sentence", "text", "is_heading", "compound"]]
        .apply(_summarize_one)
        .reset_index()
    )
    meta = ["title", "published", "source"]
    if articles is not None:
        require_columns(articles, ["article_id", *meta], name="articles")
        summary = summary.merge(articles[["article_id", *meta]], on="article_id", how="left")
    else:
        for column in meta:
            summary[column] = pd.NA
    dtypes = {c: d for c, (d, _) in ARTICLE_SUMMARY.items()}
    summary = summary[list(ARTICLE_SUMMARY)]
    summary["published"] = pd.to_datetime(summary["published"])
    return summary.astype(dtypes)


def attach_articles(
    frame: pd.DataFrame, articles: pd.DataFrame, columns: Sequence[str] = ("published", "source")
) -> pd.DataFrame:
    """Add article metadata (date, source, any manifest column) to sentence rows.

    ``duplicate_of`` comes along whenever ``articles`` has it, so that
    aggregates can keep or drop near-duplicate articles.

    Example:
        >>> sentences = pd.DataFrame({"article_id": ["a"], "tone": [0.5]})
        >>> articles = pd.DataFrame({"article_id": ["a"], "published": [pd.Timestamp("2011-05-27")],
        ...                          "source": ["Shanghai Daily"]})
        >>> attach_articles(sentences, articles).columns.tolist()
        ['article_id', 'tone', 'published', 'source']
    """
    require_columns(frame, ["article_id"], name="frame")
    require_columns(articles, ["article_id", *columns], name="articles")
    if "duplicate_of" in articles and "duplicate_of" not in columns:
        columns = [*columns, "duplicate_of"]
    kept = frame.drop(columns=[c for c in columns if c in frame.columns])
    return kept.merge(articles[["article_id", *columns]], on="article_id", how="left")


def without_duplicates(frame: pd.DataFrame, duplicates: str = "drop") -> pd.DataFrame:
    """Drop rows of near-duplicate articles (``duplicate_of`` set), or keep them.

    Args:
        frame: Any frame; rows are dropped only where ``duplicate_of`` is set.
        duplicates: ``"drop"`` or ``"keep"``.

    Example:
        >>> frame = pd.DataFrame({"article_id": ["a", "b"], "duplicate_of": [None, "a"]})
        >>> without_duplicates(frame)["article_id"].tolist()
        ['a']
    """
    if duplicates not in ("drop", "keep"):
        raise ValueError(f"duplicates must be 'drop' or 'keep', not {duplicates!r}")
    if duplicates == "keep" or "duplicate_of" not in frame:
        return frame
    return frame[frame["duplicate_of"].isna()]


BOOTSTRAP_CHUNK = 2_000_000  # resampled indices held in memory at once


def _bootstrap_means(
    sums: np.ndarray, counts: np.ndarray, *, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """Pooled means of ``n_boot`` resamples of whole articles (their score sums and counts)."""
    per_chunk = max(1, BOOTSTRAP_CHUNK // len(sums))
    means = []
    for done in range(0, n_boot, per_chunk):
        picks = rng.integers(0, len(sums), size=(min(per_chunk, n_boot - done), len(sums)))
        means.append(sums[picks].sum(axis=1) / counts[picks].sum(axis=1))
    return np.concatenate(means)


def _percentiles(values: np.ndarray, level: float) -> tuple[float, float]:
    tail = (1 - level) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(low), float(high)


def _cluster_bootstrap(
    sums: np.ndarray, counts: np.ndarray, *, n_boot: int, level: float, rng: np.random.Generator
) -> tuple[float, float]:
    """Percentile interval of a pooled mean, resampling whole articles."""
    if len(sums) < 2:
        return np.nan, np.nan
    return _percentiles(_bootstrap_means(sums, counts, n_boot=n_boot, rng=rng), level)


def _with_intervals(
    table: pd.DataFrame,
    grouped: DataFrameGroupBy,
    score: str,
    *,
    n_boot: int,
    level: float,
    seed: int,
) -> pd.DataFrame:
    """Add ``ci_low`` and ``ci_high`` of each group's mean ``score`` to its row in ``table``.

    ``table`` must be ``grouped``'s aggregation, in the same order. The
    interval resamples whole articles (see :func:`tone_by_period`).
    """
    rng = np.random.default_rng(seed)
    bounds = []
    for _, cell in grouped:
        per_article = cell.groupby("article_id", sort=False)[score].agg(["sum", "count"])
        sums, counts = per_article["sum"].to_numpy(), per_article["count"].to_numpy()
        bounds.append(_cluster_bootstrap(sums, counts, n_boot=n_boot, level=level, rng=rng))
    low, high = zip(*bounds, strict=True) if bounds else ((), ())
    return table.assign(ci_low=np.array(low, dtype=float), ci_high=np.array(high, dtype=float))


def _dated_rows(
    frame: pd.DataFrame, score: str, date: str, duplicates: str, *, caller: str
) -> pd.DataFrame:
    """The rows a dated mean uses: no copies (unless kept), no headings, a date and a score.

    Rows left out for want of a date or a score are counted in a logged warning.
    """
    rows = without_duplicates(frame, duplicates)
    rows = rows if "is_heading" not in rows else rows[~rows["is_heading"]]
    usable = rows[date].notna() & rows[score].notna()
    if not usable.all():
        left_out = rows.loc[~usable, "article_id"].nunique()
        logger.warning("%s: %d article(s) left out: no %s or %s", caller, left_out, date, score)
    return rows[usable]


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
    whole articles (a cluster bootstrap) and is NaN for a cell with fewer than
    two articles. Headings are left out when ``is_heading`` is present, and
    rows without a date or score are left out with a logged warning.

    Args:
        frame: Scored sentences with ``article_id``, the ``score`` column and
            the ``date`` column (see :func:`attach_articles`).
        freq: A pandas period alias: ``"M"`` month, ``"Q"`` quarter, ``"Y"`` year.
        by: Column(s) to split by: a source, an issuer, a dyad, a speaker.
        score: Column to average, e.g. ``"tone"``, ``"compound"``, ``"goldstein"``.
        date: Column with the date.
        n_boot: Bootstrap resamples.
        level: Confidence level of the interval.
        seed: Seed of the resampling, so the table is reproducible.
        duplicates: ``"drop"`` (default) leaves out near-duplicate articles
            (``duplicate_of`` set, see :func:`analysis.flag_duplicates`) so a
            wire story counts once; ``"keep"`` counts every copy.

    Returns:
        One row per period and group: ``period`` and ``period_end`` (its first
        and last day), the ``by`` columns, ``n_articles``, ``n_sentences``,
        ``mean``, ``ci_low``, ``ci_high``.
    """
    groups = [by] if isinstance(by, str) else list(by or [])
    require_columns(frame, ["article_id", score, date, *groups], name="frame")
    rows = _dated_rows(frame, score, date, duplicates, caller="tone_by_period")
    periods = rows[date].dt.to_period(freq)
    rows = rows.assign(period=periods.dt.start_time, period_end=periods.dt.end_time.dt.normalize())
    per_article = (
        rows.groupby(["period", "period_end", *groups, "article_id"], observed=True)[score]
        .agg(["sum", "count"])
        .reset_index()
    )
    rng = np.random.default_rng(seed)
    records = []
    for keys, cell in per_article.groupby(["period", "period_end", *groups], observed=True):
        sums, counts = cell["sum"].to_numpy(), cell["count"].to_numpy()
        low, high = _cluster_bootstrap(sums, counts, n_boot=n_boot, level=level, rng=rng)
        records.append(
            {
                **dict(zip(["period", "period_end", *groups], keys, strict=True)),
                "n_articles": len(cell),
                "n_sentences": int(counts.sum()),
                "mean": sums.sum() / counts.sum(),
                "ci_low": low,
                "ci_high": high,
            }
        )
    columns = ["period", "period_end", *groups, "n_articles", "n_sentences", "mean", "ci_low",
               "ci_high"]  # fmt: skip
    return pd.DataFrame.from_records(records, columns=columns)


def tone_around_events(
    frame: pd.DataFrame,
    events: pd.DataFrame,
    *,
    days: int = 30,
    score: str = "tone",
    date: str = "published",
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
    duplicates: str = "drop",
) -> pd.DataFrame:
    """Mean score in a window before and after each event, and the change.

    "Before" is the ``days`` days up to the day before the event; "after" is
    the event's day and the ``days`` days that follow. Means pool the
    sentences of the articles in a window, as :func:`tone_by_period` does,
    and the interval of the change resamples whole articles on each side; it
    is NaN when a side has fewer than two articles. Headings, undated rows
    and (by default) near-duplicate copies are left out.

    Args:
        frame: Scored sentences (or mentions) with ``article_id``, ``score``
            and ``date`` (see :func:`attach_articles`).
        events: ``date`` and ``event`` (and ``kind``), e.g. :func:`analysis.read_events`.
        days: Length of each window in days.
        score: The column to average.
        date: The column with the date.
        n_boot: Bootstrap resamples of the interval.
        level: Confidence level of the interval.
        seed: Seed of the resampling, so the table is reproducible.
        duplicates: ``"drop"`` or ``"keep"`` near-duplicate copies.

    Returns:
        One row per event: ``date``, ``event``, ``kind``, ``n_before`` and
        ``n_after`` (articles), ``mean_before``, ``mean_after``, ``change``
        (after minus before), ``change_low``, ``change_high``.

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
    rows = _dated_rows(frame, score, date, duplicates, caller="tone_around_events")
    per_article = rows.groupby("article_id", sort=False).agg(
        day=(date, "first"), sum=(score, "sum"), count=(score, "count")
    )
    day = per_article["day"].dt.normalize()
    rng = np.random.default_rng(seed)
    window = pd.Timedelta(days=days)
    kinds = events["kind"] if "kind" in events else pd.Series(pd.NA, index=events.index)
    records = []
    for when, event, kind in zip(events["date"], events["event"], kinds, strict=True):
        when = pd.Timestamp(when).normalize()
        sides = [
            per_article[(day >= when - window) & (day < when)],
            per_article[(day >= when) & (day <= when + window)],
        ]
        means = [s["sum"].sum() / s["count"].sum() if len(s) else np.nan for s in sides]
        low = high = np.nan
        if min(len(s) for s in sides) >= 2:
            before, after = (
                _bootstrap_means(s["sum"].to_numpy(), s["count"].to_numpy(), n_boot=n_boot, rng=rng)
                for s in sides
            )
            low, high = _percentiles(after - before, level)
        records.append(
            {
                "date": when, "event": event, "kind": kind,
                "n_before": len(sides[0]), "n_after": len(sides[1]),
                "mean_before": means[0], "mean_after": means[1],
                "change": means[1] - means[0], "change_low": low, "change_high": high,
            }
        )  # fmt: skip
    columns = ["date", "event", "kind", "n_before", "n_after", "mean_before", "mean_after",
               "change", "change_low", "change_high"]  # fmt: skip
    return pd.DataFrame.from_records(records, columns=columns)


def _label_flags(frame: pd.DataFrame, score: str) -> pd.DataFrame:
    """Add ``_positive`` and ``_negative`` flags from :func:`polarity_label`."""
    labels = polarity_label(frame[score])
    return frame.assign(_positive=labels.eq("positive"), _negative=labels.eq("negative"))


def _tone_columns(score: str) -> dict[str, tuple[str, str]]:
    """Named aggregations: mean score and label shares (after :func:`_label_flags`)."""
    return {
        "mean_tone": (score, "mean"),
        "share_positive": ("_positive", "mean"),
        "share_negative": ("_negative", "mean"),
    }


def speakers(
    quotes: pd.DataFrame,
    *,
    score: str = "tone",
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Quote counts and mean tone per speaker.

    Quotes without a speaker are counted in one row with ``speaker`` NA, so
    nothing drops out silently.

    Args:
        quotes: The ``quotes`` frame of :func:`analysis.extract_quotes`.
        score: The score column to average (``tone`` or ``compound``).
        n_boot: Bootstrap resamples of the interval.
        level: Confidence level of the interval.
        seed: Seed of the resampling, so the table is reproducible.

    Returns:
        One row per speaker: ``speaker``, ``speaker_country``, ``n_quotes``,
        ``n_articles``, ``n_words``, ``mean_tone``, the shares of positive
        and negative quotes (:func:`analysis.polarity_label`), and ``ci_low``
        and ``ci_high``, the interval of ``mean_tone`` from resampling whole
        articles (NaN for a speaker quoted in one article only); most quoted
        first.

    Example:
        >>> quotes = pd.DataFrame({"article_id": ["a", "a", "b"],
        ...     "speaker": ["Sergey Lavrov", "Sergey Lavrov", None],
        ...     "speaker_country": ["RUS", "RUS", None],
        ...     "text": ["We agree.", "A good step.", "No comment."], "tone": [0.4, 0.5, -0.3]})
        >>> speakers(quotes)[["speaker", "n_quotes", "mean_tone"]]
                 speaker  n_quotes  mean_tone
        0  Sergey Lavrov         2       0.45
        1           <NA>         1      -0.30
    """
    require_columns(quotes, ["article_id", "speaker", "speaker_country", "text", score],
                    name="quotes")  # fmt: skip
    grouped = (
        _label_flags(quotes, score)
        .assign(_words=quotes["text"].map(count_words))
        .groupby(["speaker", "speaker_country"], dropna=False, sort=False)
    )
    table = grouped.agg(
        n_quotes=("text", "size"),
        n_articles=("article_id", "nunique"),
        n_words=("_words", "sum"),
        **_tone_columns(score),
    ).reset_index()
    table = _with_intervals(table, grouped, score, n_boot=n_boot, level=level, seed=seed)
    table = table.astype({"speaker": "string", "speaker_country": "string"})
    return table.sort_values("n_quotes", ascending=False, kind="stable").reset_index(drop=True)


def actor_tone(
    mentions: pd.DataFrame,
    by: str | Sequence[str] = "country",
    *,
    score: str = "target_tone",
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Tone towards actors: per country, per actor, or per source and country.

    Args:
        mentions: The ``mentions`` frame with ``score`` (see
            :func:`analysis.tone_towards`); add ``source`` or ``issuer`` with
            :func:`attach_articles` to see how each outlet portrays each side.
        by: Column(s) to group by, e.g. ``"country"``, ``["actor", "country"]``,
            ``["source", "country"]``.
        score: The column to average.
        n_boot: Bootstrap resamples of the interval.
        level: Confidence level of the interval.
        seed: Seed of the resampling, so the table is reproducible.

    Returns:
        One row per group: the ``by`` columns, ``n_mentions``, ``n_articles``,
        ``mean_tone``, ``share_positive``, ``share_negative``, ``ci_low`` and
        ``ci_high`` (the interval of ``mean_tone``, resampling whole
        articles); most mentioned first.

    Example:
        >>> mentions = pd.DataFrame({"article_id": ["a", "a", "b"],
        ...     "country": ["RUS", "USA", "RUS"], "target_tone": [-0.5, 0.2, -0.3]})
        >>> actor_tone(mentions)[["country", "n_mentions", "mean_tone"]]
          country  n_mentions  mean_tone
        0     RUS           2       -0.4
        1     USA           1        0.2
    """
    groups = [by] if isinstance(by, str) else list(by)
    require_columns(mentions, ["article_id", score, *groups], name="mentions")
    grouped = _label_flags(mentions, score).groupby(groups, sort=False)
    table = grouped.agg(
        n_mentions=(score, "size"),
        n_articles=("article_id", "nunique"),
        **_tone_columns(score),
    ).reset_index()
    table = _with_intervals(table, grouped, score, n_boot=n_boot, level=level, seed=seed)
    return table.sort_values("n_mentions", ascending=False, kind="stable").reset_index(drop=True)


def quoted_mentions(quotes: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The actor mentions inside each quote, with the quote's speaker: who speaks of whom.

    Args:
        quotes: The ``quotes`` frame.
        mentions: The ``mentions`` frame, usually with ``target_tone`` from
            :func:`analysis.tone_towards`.

    Returns:
        ``mentions`` rows that fall inside a quote, with ``quote_id``,
        ``speaker``, ``speaker_country`` and ``dyad`` ("USA→RUS").
    """
    require_columns(quotes, ["article_id", "quote_id", "start", "end", "speaker",
                             "speaker_country"], name="quotes")  # fmt: skip
    require_columns(mentions, ["article_id", "start", "end", "country"], name="mentions")
    spans = quotes[["article_id", "quote_id", "start", "end", "speaker", "speaker_country"]]
    paired = mentions.merge(spans, on="article_id", suffixes=("", "_quote"))
    inside = paired[
        (paired["start"] >= paired["start_quote"]) & (paired["end"] <= paired["end_quote"])
    ]
    inside = inside.drop(columns=["start_quote", "end_quote"]).reset_index(drop=True)
    dyad = inside["speaker_country"].astype("string") + "→" + inside["country"].astype("string")
    return inside.assign(dyad=dyad)


def dyads(
    quotes: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    score: str = "target_tone",
    include_self: bool = False,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Source country → target country: the tone of what each side's speakers say of the other.

    Every actor mention inside a quote whose speaker's country is known is
    one observation of the dyad (speaker's country → mentioned actor's
    country), scored by the sentiment towards that mention.

    Args:
        quotes: The ``quotes`` frame.
        mentions: The ``mentions`` frame with ``score`` (see
            :func:`analysis.tone_towards`).
        score: The column to average.
        include_self: Keep dyads of a country with itself (Russian speakers on
            Russia); off by default.
        n_boot: Bootstrap resamples of the interval.
        level: Confidence level of the interval.
        seed: Seed of the resampling, so the table is reproducible.

    Returns:
        One row per dyad: ``source``, ``target``, ``dyad``, ``n_mentions``,
        ``n_quotes``, ``n_articles``, ``mean_tone``, ``share_positive``,
        ``share_negative``, ``ci_low`` and ``ci_high`` (the interval of
        ``mean_tone``, resampling whole articles; NaN for a dyad seen in one
        article only); most observed first.
    """
    require_columns(mentions, [score], name="mentions")
    pairs = quoted_mentions(quotes, mentions)
    pairs = pairs[pairs["speaker_country"].notna() & pairs[score].notna()]
    if not include_self:
        pairs = pairs[pairs["speaker_country"] != pairs["country"]]
    grouped = (
        _label_flags(pairs, score)
        .assign(source=pairs["speaker_country"], target=pairs["country"])
        .groupby(["source", "target", "dyad"], sort=False)
    )
    table = grouped.agg(
        n_mentions=(score, "size"),
        n_quotes=("quote_id", "nunique"),
        n_articles=("article_id", "nunique"),
        **_tone_columns(score),
    ).reset_index()
    table = _with_intervals(table, grouped, score, n_boot=n_boot, level=level, seed=seed)
    return table.sort_values("n_mentions", ascending=False, kind="stable").reset_index(drop=True)
