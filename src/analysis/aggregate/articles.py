"""Per-article summaries, and the article metadata other aggregates need."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.cleaning import WORD_RE, count_words
from analysis.schema import ARTICLE_SUMMARY, require_columns
from analysis.sentiment import analyzer, polarity_label


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
    aggregates can keep or drop near-duplicate articles, and so does
    ``date_precision`` with ``published``, so that a year-only date counts as
    its year.

    Example:
        >>> sentences = pd.DataFrame({"article_id": ["a"], "tone": [0.5]})
        >>> articles = pd.DataFrame({"article_id": ["a"], "published": [pd.Timestamp("2011-05-27")],
        ...                          "source": ["Shanghai Daily"]})
        >>> attach_articles(sentences, articles).columns.tolist()
        ['article_id', 'tone', 'published', 'source']
    """
    require_columns(frame, ["article_id"], name="frame")
    require_columns(articles, ["article_id", *columns], name="articles")
    columns = list(columns)
    if "duplicate_of" in articles and "duplicate_of" not in columns:
        columns.append("duplicate_of")
    if "published" in columns and "date_precision" in articles and "date_precision" not in columns:
        columns.append("date_precision")
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


def describe_corpus(articles: pd.DataFrame, name: str) -> str:
    """The corpus as a chart names it: its name, number of documents and years.

    Args:
        articles: The ``articles`` frame (``published`` is read when present).
        name: What to call the corpus: its folder's name or a title.

    Example:
        >>> articles = pd.DataFrame({"published": pd.to_datetime(["1991-12-25", "2020-01-02"])})
        >>> describe_corpus(articles, "millercenter")
        'millercenter (2 documents, 1991–2020)'
    """
    count = f"{len(articles)} document{'' if len(articles) == 1 else 's'}"
    dates = articles["published"].dropna() if "published" in articles else pd.Series([])
    if dates.empty:
        return f"{name} ({count}, undated)"
    first, last = dates.min().year, dates.max().year
    years = str(first) if first == last else f"{first}–{last}"
    return f"{name} ({count}, {years})"
