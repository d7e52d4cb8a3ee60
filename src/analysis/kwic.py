"""Keyword in context: a concordance: every occurrence of a term with the words around it.

Behind every mean there are sentences; :func:`concordance` lists them, so an
analyst can read the evidence behind a number: each occurrence of a word or
phrase with ``window`` words of context on each side (read across sentence
boundaries, within its article), the article, its date and source, and the
tone of the sentence it stands in.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from analysis.schema import require_columns

if TYPE_CHECKING:
    from analysis.pipeline import Tables

CONCORDANCE_COLUMNS = ["article_id", "published", "source", "title", "sentence", "left", "match",
                       "right", "tone"]  # fmt: skip
WORD_RE = re.compile(r"\S*\w\S*")  # a word, with the punctuation that clings to it
CLINGING = tuple(".,;:!?)]}’”%")  # a right context starting with these follows the match


def term_pattern(term: str) -> re.Pattern[str]:
    """A case-insensitive pattern for a word or phrase; ``*`` at a word's end matches any ending.

    Words of a phrase match across any run of spaces; the term matches whole
    words only, so "sanction" does not match inside "sanctions" (write
    ``sanction*`` for both).

    Example:
        >>> [m.group() for m in term_pattern("sanction*").finditer("Sanctions, sanctioned.")]
        ['Sanctions', 'sanctioned']
        >>> bool(term_pattern("arms race").search("an arms  race"))
        True
    """
    words = term.split()
    if not words:
        raise ValueError("the term is empty")
    parts = [re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "") for word in words]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _last_words(text: str, count: int) -> str:
    """The last ``count`` words of ``text`` and what follows them, on one line."""
    words = list(WORD_RE.finditer(text))
    if not count or not words:
        return ""
    return " ".join(text[words[-min(count, len(words))].start() :].split())


def _first_words(text: str, count: int) -> str:
    """The first ``count`` words of ``text`` and what precedes them, on one line.

    Example:
        >>> _first_words(". The Russian President said", 2)
        '. The Russian'
    """
    words = list(WORD_RE.finditer(text))
    if not count or not words:
        return ""
    return " ".join(text[: words[min(count, len(words)) - 1].end()].split())


def concordance(
    tables: Tables | None = None,
    term: str = "",
    *,
    window: int = 8,
    sentences: pd.DataFrame | None = None,
    articles: pd.DataFrame | None = None,
    score: str = "tone",
) -> pd.DataFrame:
    """Every occurrence of ``term`` with ``window`` words of context on each side.

    Args:
        tables: From :func:`analysis.corpus_tables` (or
            :func:`analysis.filters.filter_tables`); or give ``sentences``
            and ``articles``.
        term: A word or phrase, case-insensitive, whole words; ``*`` at the
            end of a word matches any ending (``sanction*``).
        window: Words of context on each side (0 gives the match alone).
        sentences: Scored sentences (``article_id``, ``sentence``, ``start``,
            ``end``, ``text`` and ``score``).
        articles: The articles (``article_id``, ``text``; ``published``,
            ``source`` and ``title`` when present).
        score: The sentence column given as ``tone``.

    Returns:
        One row per occurrence, by date, article and position: ``article_id``,
        ``published``, ``source``, ``title``, ``sentence`` (its number),
        ``left``, ``match``, ``right``, ``tone`` (the sentence's score).

    Example:
        >>> articles = pd.DataFrame({"article_id": ["a"], "text": ["New sanctions came. "
        ...     "Moscow said the sanctions were hostile."]})
        >>> sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence": [0, 1],
        ...     "start": [0, 20], "end": [19, 59], "tone": [0.0, -0.5],
        ...     "text": ["New sanctions came.", "Moscow said the sanctions were hostile."]})
        >>> rows = concordance(term="sanctions", window=2, sentences=sentences, articles=articles)
        >>> for row in rows[["left", "match", "right", "tone"]].values.tolist():
        ...     print(row)
        ['New', 'sanctions', 'came. Moscow', 0.0]
        ['said the', 'sanctions', 'were hostile.', -0.5]
    """
    if window < 0:
        raise ValueError(f"window must be 0 or more, not {window}")
    if tables is not None:
        sentences = tables.sentences if sentences is None else sentences
        articles = tables.articles if articles is None else articles
    if sentences is None or articles is None:
        raise ValueError("give tables, or sentences and articles")
    require_columns(sentences, ["article_id", "sentence", "start", "end", "text", score],
                    name="sentences")  # fmt: skip
    require_columns(articles, ["article_id", "text"], name="articles")
    pattern = term_pattern(term)
    hits = sentences[sentences["text"].str.contains(pattern, na=False)]
    texts = articles.set_index("article_id")["text"]
    records = []
    for row in hits.itertuples(index=False):
        text = str(texts.get(row.article_id, ""))
        for found in pattern.finditer(str(row.text)):
            start, end = int(row.start) + found.start(), int(row.start) + found.end()
            records.append(
                {
                    "article_id": row.article_id,
                    "sentence": row.sentence,
                    "offset": start,
                    "left": _last_words(text[:start], window),
                    "match": " ".join(found.group().split()),
                    "right": _first_words(text[end:], window),
                    "tone": getattr(row, score),
                }
            )
    found_rows = pd.DataFrame.from_records(
        records, columns=["article_id", "sentence", "offset", "left", "match", "right", "tone"]
    )
    metadata = [c for c in ("article_id", "published", "source", "title") if c in articles]
    table = found_rows.merge(articles[metadata], on="article_id", how="left")
    for column in ("published", "source", "title"):
        if column not in table:
            table[column] = pd.NA
    order = ["published", "article_id", "offset"]
    table = table.sort_values(order, kind="stable", na_position="last")
    return table[CONCORDANCE_COLUMNS].reset_index(drop=True)


def format_concordance(table: pd.DataFrame, *, width: int = 60) -> str:
    """A concordance as aligned lines: date, tone, left context, [match], right context, source.

    Example:
        >>> table = pd.DataFrame({"published": [pd.Timestamp("2014-03-20")], "source": ["State"],
        ...     "left": ["imposed new"], "match": ["sanctions"], "right": ["on Moscow"],
        ...     "tone": [-0.4], "article_id": ["a"]})
        >>> print(format_concordance(table, width=12))
        2014-03-20  -0.40   imposed new [sanctions] on Moscow  (State)
    """
    lines = []
    for row in table.itertuples(index=False):
        when = f"{row.published:%Y-%m-%d}" if pd.notna(row.published) else "undated"
        source = row.source if pd.notna(row.source) else row.article_id
        tone = f"{row.tone:+.2f}" if pd.notna(row.tone) else "  n/a"
        left = row.left[-width:].rjust(width)
        right = row.right[:width]
        gap = "" if right.startswith(CLINGING) else " "
        lines.append(f"{when}  {tone}  {left} [{row.match}]{gap}{right}  ({source})")
    return "\n".join(lines)
