"""Intervals and tests that resample whole articles (clusters), never single sentences.

The sentences, quotes or mentions of one article are not independent, so every
interval here resamples articles, each carrying the sum and the count of its
scores; a mean is the pooled mean (all scores of the drawn articles).

No interval is given for fewer than :data:`MIN_CLUSTERS` articles. A
bootstrap over two articles can draw only three distinct samples, so its
"interval" is the spread of three numbers, not a statement of uncertainty. In
a simulation of normal data, the 95% percentile bootstrap of a mean covered the
true mean in 51% of samples of two, 75% of three, 78% of four, 84% of five,
90% of eight and 93% of twenty (1,000 samples each); five is where it starts
to mean roughly what it says. The test of a difference
(:func:`permutation_p_value`) needs no minimum: with few articles it simply
cannot give a small p-value.
"""

from __future__ import annotations

import numpy as np

MIN_CLUSTERS = 5  # fewest articles behind an interval; see the module docstring
BOOTSTRAP_CHUNK = 2_000_000  # resampled indices held in memory at once


def interval_method(level: float = 0.95) -> str:
    """How the intervals are made, for a chart's caption.

    Example:
        >>> interval_method()
        '95% percentile bootstrap over articles (none from fewer than 5 articles)'
    """
    return (
        f"{level:.0%} percentile bootstrap over articles "
        f"(none from fewer than {MIN_CLUSTERS} articles)"
    )


def bootstrap_means(
    sums: np.ndarray, counts: np.ndarray, *, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """Pooled means of ``n_boot`` resamples of whole articles (their score sums and counts)."""
    per_chunk = max(1, BOOTSTRAP_CHUNK // len(sums))
    means = []
    for done in range(0, n_boot, per_chunk):
        picks = rng.integers(0, len(sums), size=(min(per_chunk, n_boot - done), len(sums)))
        means.append(sums[picks].sum(axis=1) / counts[picks].sum(axis=1))
    return np.concatenate(means)


def percentile_interval(values: np.ndarray, level: float, estimate: float) -> tuple[float, float]:
    """The central ``level`` interval of ``values``, widened if need be to hold ``estimate``.

    Resampled means of identical articles differ from the estimate in the last
    bit (a bound 1e-16 above the mean); an interval never leaves out its own
    estimate, so error bars are never negative.

    Example:
        >>> low, high = percentile_interval(np.full(10, 0.1 + 0.2), 0.95, 0.3)
        >>> low <= 0.3 <= high
        True
    """
    tail = (1 - level) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(min(low, estimate)), float(max(high, estimate))


def cluster_bootstrap(
    sums: np.ndarray, counts: np.ndarray, *, n_boot: int, level: float, rng: np.random.Generator
) -> tuple[float, float]:
    """Percentile interval of a pooled mean, resampling whole articles; NaN under the minimum."""
    if len(sums) < MIN_CLUSTERS:
        return np.nan, np.nan
    estimate = sums.sum() / counts.sum()
    return percentile_interval(bootstrap_means(sums, counts, n_boot=n_boot, rng=rng), level,
                               estimate)  # fmt: skip


def difference_interval(
    before: tuple[np.ndarray, np.ndarray],
    after: tuple[np.ndarray, np.ndarray],
    *,
    n_boot: int,
    level: float,
    rng: np.random.Generator,
) -> tuple[float, float]:
    """Interval of ``mean(after) - mean(before)``, resampling articles within each side.

    Each side is ``(sums, counts)`` per article; NaN when a side has fewer than
    :data:`MIN_CLUSTERS` articles.
    """
    if min(len(before[0]), len(after[0])) < MIN_CLUSTERS:
        return np.nan, np.nan
    estimate = after[0].sum() / after[1].sum() - before[0].sum() / before[1].sum()
    resampled = [bootstrap_means(s, c, n_boot=n_boot, rng=rng) for s, c in (before, after)]
    return percentile_interval(resampled[1] - resampled[0], level, estimate)


def permutation_p_value(
    before: tuple[np.ndarray, np.ndarray],
    after: tuple[np.ndarray, np.ndarray],
    *,
    n_perm: int,
    rng: np.random.Generator,
) -> float:
    """Two-sided p-value of the difference of pooled means, permuting whole articles.

    Under no difference, which side an article falls on is arbitrary: the
    articles are shuffled between the sides ``n_perm`` times and the p-value is
    the share of shuffles (counting the observed one) whose difference is at
    least as large in size as the observed one. NaN when a side is empty.

    Example:
        >>> rng = np.random.default_rng(0)
        >>> low = (np.array([-0.5, -0.4, -0.6, -0.5]), np.ones(4))
        >>> high = (np.array([0.5, 0.4, 0.6, 0.5]), np.ones(4))
        >>> p = permutation_p_value(low, high, n_perm=2000, rng=rng)  # 2 of 70 splits: 0.029
        >>> 0.015 < p < 0.045
        True
    """
    n_before = len(before[0])
    if n_before == 0 or len(after[0]) == 0:
        return np.nan
    sums = np.concatenate([before[0], after[0]]).astype(float)
    counts = np.concatenate([before[1], after[1]]).astype(float)

    def difference(order: np.ndarray) -> np.ndarray:
        first, second = order[..., :n_before], order[..., n_before:]
        return sums[second].sum(-1) / counts[second].sum(-1) - (
            sums[first].sum(-1) / counts[first].sum(-1)
        )

    observed = abs(float(difference(np.arange(len(sums)))))
    per_chunk = max(1, BOOTSTRAP_CHUNK // len(sums))
    extreme = 0
    for done in range(0, n_perm, per_chunk):
        shuffles = rng.permuted(np.tile(np.arange(len(sums)), (min(per_chunk, n_perm - done), 1)),
                                axis=1)  # fmt: skip
        # A relative tolerance, so that sums in another order still count as ties.
        extreme += int((np.abs(difference(shuffles)) >= observed * (1 - 1e-9) - 1e-12).sum())
    return (extreme + 1) / (n_perm + 1)
