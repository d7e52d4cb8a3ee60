"""Analyse how US-Russia relations are covered in news and official statements.

Each stage takes a DataFrame and returns a new one, so analyses chain with
``DataFrame.pipe``::

    from analysis import load_articles, split_sentences, score_sentiment
    scored = load_articles("data/raw").pipe(split_sentences).pipe(score_sentiment)
"""

from analysis.actors import find_actors
from analysis.aggregate import (
    actor_tone,
    attach_articles,
    compare_periods,
    dyads,
    quoted_mentions,
    speakers,
    summarize_articles,
    tone_around_events,
    tone_by_period,
)
from analysis.attribution import document_speakers
from analysis.cleaning import clean_text
from analysis.corpus import (
    ArticleError,
    flag_duplicates,
    load_articles,
    read_events,
    read_manifest,
    rejects,
)
from analysis.filters import Filters, filter_tables, select_corpus
from analysis.kwic import concordance
from analysis.pipeline import Tables, corpus_tables, export_tables
from analysis.quotes import extract_quotes
from analysis.schema import SchemaError, require_columns
from analysis.segment import split_sentences
from analysis.sentiment import polarity_label, score_sentiment
from analysis.target import target_drivers, target_sentiment, tone_towards
from analysis.tone import explain, score_tone, tone_model

__version__ = "0.1.0"

__all__ = [
    "ArticleError",
    "Filters",
    "SchemaError",
    "Tables",
    "actor_tone",
    "attach_articles",
    "clean_text",
    "compare_periods",
    "concordance",
    "corpus_tables",
    "document_speakers",
    "dyads",
    "explain",
    "export_tables",
    "extract_quotes",
    "filter_tables",
    "find_actors",
    "flag_duplicates",
    "load_articles",
    "polarity_label",
    "quoted_mentions",
    "read_events",
    "read_manifest",
    "rejects",
    "require_columns",
    "score_sentiment",
    "score_tone",
    "select_corpus",
    "speakers",
    "split_sentences",
    "summarize_articles",
    "target_drivers",
    "target_sentiment",
    "tone_around_events",
    "tone_by_period",
    "tone_model",
    "tone_towards",
]
