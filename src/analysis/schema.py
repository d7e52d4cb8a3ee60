"""The column contract: every public frame's columns, dtypes and meanings.

Functions call :func:`require_columns` on their input so that a wrong frame
fails fast with a message naming what is missing and what is there.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

ARTICLES: dict[str, tuple[str, str]] = {
    "article_id": ("string", "stable, unique id (manifest id, else the file path without suffix)"),
    "title": ("string", "headline"),
    "text": (
        "string",
        "cleaned text: the headline, then each body paragraph once, joined by a blank line",
    ),
    "published": ("datetime64[ns]", "publication date (NaT when unknown)"),
    "source": ("string", "outlet or issuer, e.g. 'Shanghai Daily', 'kremlin.ru'"),
    "url": ("string", "address of the original (NA when unknown)"),
    "path": ("string", "file it came from, relative to the folder that was loaded"),
    "n_words": ("int64", "words in text"),
    "dropped_duplicate_paragraphs": ("int64", "repeated paragraphs removed"),
    "dropped_boilerplate_lines": ("int64", "navigation, footer and licence lines removed"),
    "duplicate_of": (
        "string",
        "article_id of the earlier article this one nearly repeats, else NA",
    ),
    "date_precision": (
        "string",
        "how precise published is: 'day', 'month' or 'year' (a year-only date is stored as "
        "1 January of that year and stands for the whole year; a month as its first day); "
        "NA when there is no date",
    ),
    "date_suspect": (
        "bool",
        "published is later than the file's modification date or the day it was loaded",
    ),
    "speaker": ("string", "who speaks, from a 'President: …' or 'Speaker: …' line (NA if none)"),
    "language": ("string", "ISO 639-1 code of the text's language, detected unless given"),
    "encoding": ("string", "the encoding the file was decoded with, e.g. 'utf-8', 'cp1251'"),
    "replaced_bytes": ("int64", "bytes not valid in that encoding, replaced by U+FFFD"),
}

SENTENCES: dict[str, tuple[str, str]] = {
    "article_id": ("string", "article the sentence belongs to"),
    "paragraph": ("int64", "0-based paragraph number in the article (0 is the headline)"),
    "sentence": ("int64", "0-based sentence number in the article"),
    "text": ("string", "the sentence; articles.text[start:end] == text"),
    "start": ("int64", "character offset of the first character in articles.text"),
    "end": ("int64", "character offset one past the last character"),
    "is_heading": ("bool", "headline or subheading, not a full sentence"),
}

SENTIMENT: dict[str, tuple[str, str]] = {
    "neg": ("float64", "VADER share of negative valence"),
    "neu": ("float64", "VADER share of neutral text"),
    "pos": ("float64", "VADER share of positive valence"),
    "compound": ("float64", "VADER normalised sum of valences, -1..1"),
}

TONE: dict[str, tuple[str, str]] = {
    "tone": ("float64", "VADER's method with the diplomatic lexicon and the events, -1..1"),
    "cooperation": ("float64", "sum of the positive Goldstein weights of the event cues, >= 0"),
    "conflict": ("float64", "sum of the negative Goldstein weights, as a positive number"),
    "goldstein": ("float64", "mean Goldstein weight of the cues, -10..10 (0 when none)"),
    "quad_class": ("string", "GDELT QuadClass of the strongest cue (NA when none)"),
    "hedged": ("bool", "hedging or uncertainty cue present"),
    "relations": ("float64", "good (+) or bad (-) news for relations, learnt; -1..1"),
}

ARTICLE_SUMMARY: dict[str, tuple[str, str]] = {
    "article_id": ("string", "article"),
    "title": ("string", "headline"),
    "published": ("datetime64[ns]", "publication date"),
    "source": ("string", "outlet or issuer"),
    "n_sentences": ("int64", "body sentences scored (headings excluded)"),
    "n_words": ("int64", "words in the body sentences"),
    "headline_compound": ("float64", "compound of the headline (NaN when none)"),
    "mean_compound": ("float64", "mean compound over body sentences"),
    "weighted_compound": ("float64", "compound weighted by each sentence's word count"),
    "share_positive": ("float64", "share of body sentences labelled positive"),
    "share_neutral": ("float64", "share of body sentences labelled neutral"),
    "share_negative": ("float64", "share of body sentences labelled negative"),
    "pct_positive_words": ("float64", "percent of body words with positive VADER valence"),
    "pct_negative_words": ("float64", "percent of body words with negative VADER valence"),
    "doc_tone": ("float64", "GDELT-style tone: pct_positive_words - pct_negative_words"),
}

MENTIONS: dict[str, tuple[str, str]] = {
    "article_id": ("string", "article"),
    "sentence": ("int64", "sentence number in the article"),
    "start": ("int64", "character offset of the mention in articles.text"),
    "end": ("int64", "one past its last character"),
    "surface": (
        "string",
        "the mention as written, e.g. 'the Kremlin', 'Russian President Medvedev'",
    ),
    "actor": (
        "string",
        "canonical name, e.g. 'Dmitry Medvedev', 'Russia' (a role when unresolved)",
    ),
    "country": ("string", "ISO-3 or CAMEO code: 'USA', 'RUS', 'NATO' ..."),
    "actor_type": ("string", "country, leader, official, government, military, organization ..."),
}

QUOTES: dict[str, tuple[str, str]] = {
    "article_id": ("string", "article"),
    "quote_id": ("string", "unique id: the article id and the quote's number"),
    "text": ("string", "the quoted words; articles.text[start:end] == text"),
    "start": ("int64", "character offset of the quote in articles.text"),
    "end": ("int64", "one past its last character"),
    "speaker": ("string", "canonical name, the name as written when unknown, NA when not found"),
    "speaker_country": ("string", "the speaker's country code (NA when unknown)"),
    "cue": ("string", "the attribution: said, told, warned ..., ':', 'turn' or 'pull quote'"),
    "kind": ("string", "'direct', 'partial' (inside a reporter's sentence) or 'turn' (transcript)"),
    "closed": ("bool", "False when the closing quotation mark is missing"),
}

REJECTS: dict[str, tuple[str, str]] = {
    "path": ("string", "file that was offered"),
    "record": ("string", "record inside the file (line or row), NA for a whole file"),
    "reason": ("string", "why it was not loaded"),
}


class SchemaError(ValueError):
    """A frame lacks columns that a function needs."""


class LexiconError(ValueError):
    """A lexicon, cue or gazetteer file is malformed; the message names the file and row."""


def read_resource(path: str | Path, columns: list[str]) -> pd.DataFrame:
    """Read a tab-separated resource file (a lexicon or gazetteer) as strings.

    Raises:
        LexiconError: The file cannot be read or lacks a required column.
    """
    try:
        table = pd.read_csv(path, sep="\t", dtype="string", keep_default_na=False)
    except (OSError, pd.errors.ParserError) as error:
        raise LexiconError(f"{path}: cannot be read as TSV ({error})") from error
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise LexiconError(f"{path}: missing column(s) {missing}; it has {list(table.columns)}")
    return table


def require_columns(frame: pd.DataFrame, columns: Iterable[str], *, name: str = "frame") -> None:
    """Raise :class:`SchemaError` naming missing columns, if any.

    Args:
        frame: The frame to check.
        columns: Column names the caller needs.
        name: What the frame is called in the message, e.g. ``"sentences"``.

    Example:
        >>> require_columns(pd.DataFrame({"text": []}), ["text"])
        >>> require_columns(pd.DataFrame({"x": []}), ["text"], name="sentences")
        Traceback (most recent call last):
        ...
        analysis.schema.SchemaError: sentences is missing column(s) ['text']; it has ['x']
    """
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise SchemaError(f"{name} is missing column(s) {missing}; it has {list(frame.columns)}")


def empty_frame(contract: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Return an empty frame with the columns and dtypes of a contract.

    Example:
        >>> list(empty_frame(REJECTS).columns)
        ['path', 'record', 'reason']
    """
    return pd.DataFrame({c: pd.Series(dtype=dtype) for c, (dtype, _) in contract.items()})
