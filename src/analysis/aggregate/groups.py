"""Group means with intervals: per speaker, per actor or country, per dyad."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from pandas.api.typing import DataFrameGroupBy

from analysis.aggregate.intervals import cluster_bootstrap
from analysis.cleaning import count_words
from analysis.schema import require_columns
from analysis.sentiment import polarity_label


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

    ``table`` must be ``grouped``'s aggregation with ``mean_tone``, in the same order. The
    interval resamples whole articles (see :mod:`analysis.aggregate.intervals`).
    """
    rng = np.random.default_rng(seed)
    bounds = []
    for _, cell in grouped:
        per_article = cell.groupby("article_id", sort=False)[score].agg(["sum", "count"])
        sums, counts = per_article["sum"].to_numpy(), per_article["count"].to_numpy()
        bounds.append(cluster_bootstrap(sums, counts, n_boot=n_boot, level=level, rng=rng))
    low, high = zip(*bounds, strict=True) if bounds else ((), ())
    # The table's mean adds the scores in another order than the resamples do, so its
    # last bit may differ: the interval is widened to hold it (NaN stays NaN).
    mean = table["mean_tone"].to_numpy(dtype=float)
    return table.assign(
        ci_low=np.minimum(np.array(low, dtype=float), mean),
        ci_high=np.maximum(np.array(high, dtype=float), mean),
    )


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
        articles (NaN for a speaker quoted in fewer than ``MIN_CLUSTERS``, 5,
        articles); most quoted
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
    quotes = quotes[["article_id", "speaker", "speaker_country", "text", score]]
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
        articles; NaN under ``MIN_CLUSTERS``, 5, articles); most mentioned first.

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
    columns = list(dict.fromkeys(["article_id", score, *groups]))
    grouped = _label_flags(mentions[columns], score).groupby(groups, sort=False)
    table = grouped.agg(
        n_mentions=(score, "size"),
        n_articles=("article_id", "nunique"),
        **_tone_columns(score),
    ).reset_index()
    table = _with_intervals(table, grouped, score, n_boot=n_boot, level=level, seed=seed)
    return table.sort_values("n_mentions", ascending=False, kind="stable").reset_index(drop=True)


def quoted_mentions(
    quotes: pd.DataFrame, mentions: pd.DataFrame, *, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The actor mentions each speaker makes: inside quotes, and in whole documents.

    A mention inside a quote (or a transcript turn) is the quote's speaker's,
    the innermost quote's when quotes nest (a quotation inside a turn). With
    ``documents`` (from :func:`analysis.document_speakers`), a mention outside
    every quote of a document that has a speaker of its own (a speech, a
    statement, a press release) is that speaker's.

    Args:
        quotes: The ``quotes`` frame.
        mentions: The ``mentions`` frame, usually with ``target_tone`` from
            :func:`analysis.tone_towards`.
        documents: ``article_id``, ``speaker``, ``speaker_country`` of the
            documents that speak as a whole; optional.

    Returns:
        The ``mentions`` rows said by someone, with ``quote_id`` (NA for a
        document's own words), ``speaker``, ``speaker_country``, ``dyad``
        ("USA→RUS") and ``via`` (``"quote"`` or ``"document"``).

    Example:
        >>> quotes = pd.DataFrame({"article_id": ["a"], "quote_id": ["a#q0"], "start": [0],
        ...     "end": [20], "speaker": ["Sergey Lavrov"], "speaker_country": ["RUS"]})
        >>> mentions = pd.DataFrame({"article_id": ["a", "a"], "start": [5, 40],
        ...     "end": [12, 46], "country": ["USA", "USA"]})
        >>> documents = pd.DataFrame({"article_id": ["a"], "speaker": ["Vladimir Putin"],
        ...     "speaker_country": ["RUS"]})
        >>> quoted_mentions(quotes, mentions, documents=documents)[["speaker", "dyad", "via"]]
                  speaker     dyad       via
        0   Sergey Lavrov  RUS→USA     quote
        1  Vladimir Putin  RUS→USA  document
    """
    require_columns(quotes, ["article_id", "quote_id", "start", "end", "speaker",
                             "speaker_country"], name="quotes")  # fmt: skip
    require_columns(mentions, ["article_id", "start", "end", "country"], name="mentions")
    spans = quotes[["article_id", "quote_id", "start", "end", "speaker", "speaker_country"]]
    keyed = mentions.reset_index(drop=True).rename_axis("_mention").reset_index()
    paired = keyed.merge(spans, on="article_id", suffixes=("", "_quote"))
    inside = paired[
        (paired["start"] >= paired["start_quote"]) & (paired["end"] <= paired["end_quote"])
    ]
    # Nested quotes: the innermost one speaks.
    inside = inside.assign(_length=inside["end_quote"] - inside["start_quote"])
    inside = inside.sort_values(["_mention", "_length"], kind="stable")
    inside = inside.drop_duplicates("_mention").sort_values("_mention", kind="stable")
    parts = [inside.drop(columns=["start_quote", "end_quote", "_length"]).assign(via="quote")]
    if documents is not None:
        require_columns(documents, ["article_id", "speaker", "speaker_country"],
                        name="documents")  # fmt: skip
        outside = keyed[~keyed["_mention"].isin(inside["_mention"])]
        spoken = outside.merge(
            documents[["article_id", "speaker", "speaker_country"]], on="article_id"
        )
        parts.append(spoken.assign(quote_id=pd.NA, via="document"))
    said = pd.concat(parts, ignore_index=True).sort_values("_mention", kind="stable")
    said = said.drop(columns="_mention").reset_index(drop=True)
    known = _known(said["speaker_country"]) & _known(said["country"])
    dyad = said["speaker_country"].astype("string") + "→" + said["country"].astype("string")
    return said.assign(dyad=dyad.where(known), via=said["via"].astype("string"))


def _known(countries: pd.Series) -> pd.Series:
    """Where a country is given: neither missing nor empty."""
    return countries.notna() & countries.astype("string").str.len().gt(0).fillna(False)


def dyads(
    quotes: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    score: str = "target_tone",
    documents: pd.DataFrame | None = None,
    include_self: bool = False,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Source country → target country: the tone of what each side's speakers say of the other.

    Every actor mention inside a quote whose speaker's country is known is
    one observation of the dyad (speaker's country → mentioned actor's
    country), scored by the sentiment towards that mention. With
    ``documents``, so is every mention in the own words of a document that
    speaks as a whole (a US president's speech gives USA→RUS for each
    mention of Russia outside its quotes); see :func:`quoted_mentions`.

    Args:
        quotes: The ``quotes`` frame.
        mentions: The ``mentions`` frame with ``score`` (see
            :func:`analysis.tone_towards`).
        score: The column to average.
        documents: The speakers of whole documents
            (:func:`analysis.document_speakers`); without it, quotes only.
        include_self: Keep dyads of a country with itself (Russian speakers on
            Russia); off by default.
        n_boot: Bootstrap resamples of the interval.
        level: Confidence level of the interval.
        seed: Seed of the resampling, so the table is reproducible.

    Returns:
        One row per dyad: ``source``, ``target``, ``dyad``, ``n_mentions``
        (of which ``n_quote_mentions`` in quotes and ``n_document_mentions``
        in documents' own words), ``n_quotes``, ``n_articles``, ``mean_tone``, ``share_positive``,
        ``share_negative``, ``ci_low`` and ``ci_high`` (the interval of
        ``mean_tone``, resampling whole articles; NaN for a dyad seen in fewer
        than ``MIN_CLUSTERS``, 5, articles); most observed first.
    """
    require_columns(mentions, [score], name="mentions")
    pairs = quoted_mentions(quotes, mentions, documents=documents)
    pairs = pairs[pairs["dyad"].notna() & pairs[score].notna()]
    if not include_self:
        pairs = pairs[pairs["speaker_country"] != pairs["country"]]
    grouped = (
        _label_flags(pairs, score)
        .assign(
            source=pairs["speaker_country"],
            target=pairs["country"],
            _quote=pairs["via"].eq("quote"),
            _document=pairs["via"].eq("document"),
        )
        .groupby(["source", "target", "dyad"], sort=False)
    )
    table = grouped.agg(
        n_mentions=(score, "size"),
        n_quote_mentions=("_quote", "sum"),
        n_document_mentions=("_document", "sum"),
        n_quotes=("quote_id", "nunique"),
        n_articles=("article_id", "nunique"),
        **_tone_columns(score),
    ).reset_index()
    table = _with_intervals(table, grouped, score, n_boot=n_boot, level=level, seed=seed)
    return table.sort_values("n_mentions", ascending=False, kind="stable").reset_index(drop=True)
