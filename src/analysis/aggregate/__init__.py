"""Aggregate scored sentences, quotes and mentions: per article, period, group and event.

One idea per module, every public name re-exported here:

- :mod:`~analysis.aggregate.articles`: per-article summaries and article metadata;
- :mod:`~analysis.aggregate.periods`: mean scores per period;
- :mod:`~analysis.aggregate.groups`: per speaker, actor, country or dyad;
- :mod:`~analysis.aggregate.compare`: is the change between two periods real;
- :mod:`~analysis.aggregate.events`: the tone around key events;
- :mod:`~analysis.aggregate.intervals`: the cluster bootstrap and permutation test.
"""

from analysis.aggregate.articles import (
    attach_articles,
    describe_corpus,
    summarize_articles,
    without_duplicates,
    word_polarity_counts,
)
from analysis.aggregate.compare import compare_periods
from analysis.aggregate.events import events_in_span, tone_around_events
from analysis.aggregate.groups import actor_tone, dyads, quoted_mentions, speakers
from analysis.aggregate.intervals import MIN_CLUSTERS, interval_method
from analysis.aggregate.periods import period_name, thin_periods, tone_by_period

__all__ = [
    "MIN_CLUSTERS",
    "actor_tone",
    "attach_articles",
    "compare_periods",
    "describe_corpus",
    "dyads",
    "events_in_span",
    "interval_method",
    "period_name",
    "quoted_mentions",
    "speakers",
    "summarize_articles",
    "thin_periods",
    "tone_around_events",
    "tone_by_period",
    "without_duplicates",
    "word_polarity_counts",
]
