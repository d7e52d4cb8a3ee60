"""Narrow a corpus's tables to a question: a date range, a source, an issuer, an actor.

:func:`filter_tables` keeps the articles that pass every filter given and
the sentences, mentions and quotes of those articles, so every report and
aggregate reads the same selection. :func:`describe_filters` says in words
what was kept, for titles, captions and the index of reports.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

import pandas as pd

from analysis.schema import require_columns

if TYPE_CHECKING:
    from analysis.pipeline import Tables


@dataclass(frozen=True)
class Filters:
    """What a report asks about; ``None`` means no filter.

    Attributes:
        since: First day kept (``"2011-01-01"``), inclusive.
        until: Last day kept (``"2011-12-31"``), inclusive, the whole day.
        source: Text the article's ``source`` contains (case-insensitive).
        issuer: Text the article's ``issuer`` contains (case-insensitive).
        about: An actor the article mentions: its canonical name
            (``Vladimir Putin``), a surface form as written (``Putin``) or a
            country code (``RUS``), case-insensitive.
    """

    since: str | None = None
    until: str | None = None
    source: str | None = None
    issuer: str | None = None
    about: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and pd.isna(pd.to_datetime(value, errors="coerce")):
                raise ValueError(f"{name}: {value!r} is not a date (e.g. 2011-01-01)")
        if self.since and self.until and self.first_day > self.last_day:  # type: ignore[operator]
            raise ValueError(f"since {self.since} is after until {self.until}")

    @property
    def first_day(self) -> pd.Timestamp | None:
        """``since`` as a timestamp (midnight)."""
        return pd.Timestamp(self.since) if self.since else None

    @property
    def last_day(self) -> pd.Timestamp | None:
        """The end of the day ``until``."""
        if not self.until:
            return None
        return pd.Timestamp(self.until).normalize() + pd.Timedelta(days=1) - pd.Timedelta(1)

    def as_dict(self) -> dict[str, str | None]:
        """The filters by name, ``None`` for those not given (notebook parameters)."""
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def given(self) -> dict[str, str]:
        """Only the filters given."""
        return {name: value for name, value in self.as_dict().items() if value}


def as_filters(filters: Filters | None = None, **given: str | None) -> Filters:
    """A :class:`Filters` from one, from keywords, or both (keywords win)."""
    return replace(filters or Filters(), **{k: v for k, v in given.items() if v is not None})


def describe_filters(filters: Filters | None = None, **given: str | None) -> str:
    """The filters in words, or ``""`` when there are none.

    Example:
        >>> describe_filters(since="2011-01-01", until="2011-12-31", about="Putin")
        'from 2011-01-01 to 2011-12-31, mentioning Putin'
    """
    chosen = as_filters(filters, **given)
    parts = []
    if chosen.since and chosen.until:
        parts.append(f"from {chosen.since} to {chosen.until}")
    elif chosen.since:
        parts.append(f"from {chosen.since} on")
    elif chosen.until:
        parts.append(f"up to {chosen.until}")
    if chosen.source:
        parts.append(f"source “{chosen.source}”")
    if chosen.issuer:
        parts.append(f"issuer “{chosen.issuer}”")
    if chosen.about:
        parts.append(f"mentioning {chosen.about}")
    return ", ".join(parts)


def _contains(column: pd.Series, text: str) -> pd.Series:
    return column.astype("string").str.contains(text, case=False, regex=False).fillna(False)


def articles_about(mentions: pd.DataFrame, actor: str) -> set[str]:
    """The ids of the articles with a mention of ``actor`` (name, surface or country code).

    Example:
        >>> mentions = pd.DataFrame({"article_id": ["a", "b"], "actor": ["Vladimir Putin",
        ...     "Barack Obama"], "surface": ["Putin", "Obama"], "country": ["RUS", "USA"]})
        >>> sorted(articles_about(mentions, "putin")), sorted(articles_about(mentions, "USA"))
        (['a'], ['b'])
    """
    require_columns(mentions, ["article_id", "actor", "surface", "country"], name="mentions")
    wanted = actor.strip().casefold()
    hit = pd.Series(False, index=mentions.index)
    for column in ("actor", "surface", "country"):
        hit |= mentions[column].astype("string").str.casefold().eq(wanted).fillna(False)
    return set(mentions.loc[hit, "article_id"])


def keep_articles(articles: pd.DataFrame, filters: Filters, mentions: pd.DataFrame) -> pd.Series:
    """A mask of the articles that pass every filter given."""
    keep = pd.Series(True, index=articles.index)
    published = articles["published"]
    if filters.first_day is not None:
        keep &= (published >= filters.first_day).fillna(False)
    if filters.last_day is not None:
        keep &= (published <= filters.last_day).fillna(False)
    for column in ("source", "issuer"):
        wanted = getattr(filters, column)
        if wanted:
            if column not in articles:
                raise ValueError(f"--{column} {wanted!r}: the corpus has no {column} column")
            keep &= _contains(articles[column], wanted)
    if filters.about:
        keep &= articles["article_id"].isin(articles_about(mentions, filters.about))
    return keep


def filter_tables(tables: Tables, filters: Filters | None = None, **given: str | None) -> Tables:
    """The articles that pass every filter, with their sentences, mentions and quotes.

    Args:
        tables: From :func:`analysis.corpus_tables`.
        filters: A :class:`Filters`; or give them as keywords.
        **given: ``since``, ``until``, ``source``, ``issuer``, ``about``
            (see :class:`Filters`); ``None`` means no filter.

    Returns:
        Tables of the same columns; unchanged when no filter is given. The
        articles' ``attrs`` (the rejects) are kept. An undated article is
        left out as soon as ``since`` or ``until`` is given.

    Raises:
        ValueError: A date that cannot be read, ``since`` after ``until``, or
            a ``source``/``issuer`` filter on a corpus without that column.
    """
    chosen = as_filters(filters, **given)
    if not chosen.given():
        return tables
    articles = tables.articles
    kept = articles[keep_articles(articles, chosen, tables.mentions)]
    kept.attrs = dict(articles.attrs)
    ids = set(kept["article_id"])

    def only_kept(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["article_id"].isin(ids)] if "article_id" in frame else frame

    return replace(
        tables,
        articles=kept,
        sentences=only_kept(tables.sentences),
        mentions=only_kept(tables.mentions),
        quotes=only_kept(tables.quotes),
    )


def corpus_label(articles: pd.DataFrame, name: str, filters: Filters | None = None) -> str:
    """The corpus as charts name it, with its filters.

    Example:
        >>> articles = pd.DataFrame({"published": pd.to_datetime(["2011-05-27"])})
        >>> corpus_label(articles, "data/raw", Filters(since="2011-01-01", until="2011-12-31"))
        'data/raw (1 document, 2011), from 2011-01-01 to 2011-12-31'
    """
    from analysis.aggregate.articles import describe_corpus

    described, condition = describe_corpus(articles, name), describe_filters(filters)
    return f"{described}, {condition}" if condition else described


@dataclass(frozen=True)
class Selection:
    """A corpus narrowed by filters, as a report reads it.

    Attributes:
        tables: The filtered tables.
        name: The corpus's name (a title, else its folder).
        label: :func:`corpus_label`: name, documents, years and filters.
        filters: The filters applied.
    """

    tables: Tables
    name: str
    label: str
    filters: Filters


def select_corpus(
    data_dir: str | None = None,
    *,
    title: str | None = None,
    filters: Filters | None = None,
    **given: str | None,
) -> Selection:
    """Open a corpus's tables (cached) and apply the filters: what each notebook starts from.

    Args:
        data_dir: A folder of articles; ``None`` means the shipped ``data/raw/``.
        title: How charts name the corpus; default its folder's name
            (``data/raw`` for the shipped one).
        filters: A :class:`Filters`; or give them as keywords.
        **given: ``since``, ``until``, ``source``, ``issuer``, ``about``.

    Returns:
        The :class:`Selection`.
    """
    from pathlib import Path

    from analysis.config import RAW_DIR
    from analysis.pipeline import corpus_tables

    folder = Path(data_dir) if data_dir else RAW_DIR
    chosen = as_filters(filters, **given)
    tables = filter_tables(corpus_tables(folder), chosen)
    name = title or ("data/raw" if data_dir is None else folder.name)
    return Selection(tables, name, corpus_label(tables.articles, name, chosen), chosen)
