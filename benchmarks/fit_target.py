"""Fit the target-sentiment model on the NewsMTSC training split; report the test splits.

Usage: ``make fit-target`` (or ``python benchmarks/fit_target.py``), with the
evaluation data beside the clone (``../shared/benchmarks``) or in
``ANALYSIS_BENCHMARKS_DIR``. Needs scikit-learn (the ``dev`` extra).

* **Fit** on ``newsmtsc/train.jsonl``, without the training sentences that
  also occur in a dev or test file (they would leak into the choice or the
  report).
* **Choose** the regularisation strength and the class weighting by the mean
  of two macro-F1 scores: that of the two dev splits (``paper-split/*/dev.jsonl``,
  averaged) and that of a five-fold cross-validation on the training split
  (folds grouped by sentence, so a multi-target sentence never sits on both
  sides). The dev splits are small (343 and 442 targets), so the choice also
  leans on the 8,733 training targets.
* **Report** the test splits once, with the chosen model, which is written to
  ``src/analysis/resources/target_model.tsv``: the standardised features of
  :mod:`analysis.target` and the terms (:func:`analysis.target.context_terms`)
  seen around at least three training mentions, with their coefficients. No
  sentence is shipped.

The fit is deterministic (one thread for the linear algebra, folds without
shuffling): the same data give the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
from linear_fit import Design, Split, cross_validated_f1
from threadpoolctl import threadpool_limits

from analysis.config import BENCHMARKS_DIR
from analysis.evaluate import read_newsmtsc
from analysis.target import FEATURES, TARGET_MODEL_PATH, context_terms, target_features

SPLITS = ("newsmtsc-rw", "newsmtsc-mt")
STRENGTHS = (0.03, 0.1, 0.3)
WEIGHTS = (None, "balanced")
MIN_MENTIONS = 3  # a term must be seen around this many training mentions


def target_split(data: pd.DataFrame) -> Split:
    """One NewsMTSC file as a split; a sentence's targets are one group."""
    spans = list(zip(data["text"], data["start"], data["end"], strict=True))
    rows = [target_features(text, start, end) for text, start, end in spans]
    return Split(
        dense=np.array([[row[f] for f in FEATURES] for row in rows]),
        terms=[sorted(context_terms(text, start, end)) for text, start, end in spans],
        labels=data["label"].to_numpy(),
        groups=pd.factorize(data["text"])[0],
    )


def read_splits(root: Path) -> tuple[Split, dict[str, Split], dict[str, Split]]:
    """Train (without sentences held out elsewhere), dev and test splits."""
    folder = root / "newsmtsc" / "paper-split"
    dev = {split: read_newsmtsc(folder / split / "dev.jsonl") for split in SPLITS}
    test = {split: read_newsmtsc(folder / split / "test.jsonl") for split in SPLITS}
    held_out = set(pd.concat([*dev.values(), *test.values()])["text"])
    train = read_newsmtsc(root / "newsmtsc" / "train.jsonl")
    leaked = train["text"].isin(held_out)
    print(
        f"train: {len(train)} targets; dropped {int(leaked.sum())} whose sentence "
        f"({train.loc[leaked, 'text'].nunique()} sentences) is also in dev or test"
    )
    train = train[~leaked].reset_index(drop=True)
    return (
        target_split(train),
        {name: target_split(frame) for name, frame in dev.items()},
        {name: target_split(frame) for name, frame in test.items()},
    )


def main() -> None:
    """Fit on train, choose on cross-validation and dev, write the model, report test once."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", type=Path, default=BENCHMARKS_DIR)
    parser.add_argument("--out", type=Path, default=TARGET_MODEL_PATH)
    args = parser.parse_args()
    train, dev, test = read_splits(args.benchmarks)
    design = Design(train, FEATURES, MIN_MENTIONS)
    print(f"{len(train.labels)} training targets, {len(design.vocabulary.vocabulary_)} terms")
    fitted = {}
    with threadpool_limits(1):  # faster on a shared machine, and the same sums every run
        for strength, weight in itertools.product(STRENGTHS, WEIGHTS):
            regression = design.fit(train, strength, weight)
            scores = {name: design.macro_f1(regression, split) for name, split in dev.items()}
            cross = cross_validated_f1(train, FEATURES, MIN_MENTIONS, strength, weight)
            fitted[strength, weight] = ((np.mean(list(scores.values())) + cross) / 2, regression)
            shown = ", ".join(f"{name} {score:.3f}" for name, score in scores.items())
            print(f"C={strength}, class_weight={weight}: dev macro-F1 {shown}; cv {cross:.3f}")
    (strength, weight), (_, chosen) = max(fitted.items(), key=lambda item: item[1][0])
    design.table(chosen).to_csv(args.out, sep="\t", index=False, float_format="%.6g")
    print(f"chosen C={strength}, class_weight={weight}; wrote {args.out.name}")
    for name, split in test.items():
        print(f"{name} test macro-F1: {design.macro_f1(chosen, split):.3f}")


if __name__ == "__main__":
    main()
