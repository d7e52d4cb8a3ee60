"""Fit the relations model on the labelled diplomatic set; report its test half once.

Usage: ``make fit-relations`` (or ``python benchmarks/fit_relations.py``), with
the real-world documents beside the clone (``../shared/realworld``) or in
``ANALYSIS_REALWORLD_DIR``. Needs scikit-learn (the ``dev`` extra).

* **Fit** on the ``train`` split of ``benchmarks/diplomatic/sentences.csv``
  (1,000 sentences drawn apart from the halves below).
* **Choose** the regularisation strength and the class weighting by the mean
  of two macro-F1 scores: on the ``tune`` half, and in a five-fold
  cross-validation on the train split with folds grouped by document (so
  that no document's words sit on both sides).
* **Refit** with those settings on train and tune together, and write the
  model to ``src/analysis/resources/relations_model.tsv``: the features of
  :mod:`analysis.relations` and the terms seen in at least two training
  sentences, with their coefficients. No sentence is shipped.
* **Report** the ``test`` half once (``--no-report`` leaves it unscored, for
  trying features); ``python -m analysis evaluate`` reports it beside plain
  VADER and ``tone``.

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

from analysis.config import REALWORLD_DIR
from analysis.evaluate import DIPLOMATIC_SET, read_diplomatic_set
from analysis.relations import (
    FEATURES,
    RELATIONS_MODEL_PATH,
    relation_features,
    relation_terms,
)
from analysis.tone import tone_model

STRENGTHS = (0.01, 0.03, 0.1, 0.3, 1.0)
WEIGHTS = (None, "balanced")
MIN_SENTENCES = 2  # a term must be seen in this many training sentences


def relations_split(data: pd.DataFrame) -> Split:
    """Labelled sentences as a split; a document's sentences are one group."""
    model = tone_model()
    readings = [(text, model.read(text)) for text in data["text"]]
    return Split(
        dense=np.array([[relation_features(t, r)[f] for f in FEATURES] for t, r in readings]),
        terms=[sorted(relation_terms(t, r)) for t, r in readings],
        labels=data["label"].to_numpy(),
        groups=(data["corpus"] + ":" + data["file"]).to_numpy(),
    )


def main() -> None:
    """Fit on train, choose on tune and cross-validation, refit, write, report test once."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", type=Path, default=DIPLOMATIC_SET)
    parser.add_argument("--realworld", type=Path, default=REALWORLD_DIR)
    parser.add_argument("--out", type=Path, default=RELATIONS_MODEL_PATH)
    parser.add_argument("--no-report", action="store_true", help="leave the test half unscored")
    args = parser.parse_args()
    data = read_diplomatic_set(args.set, realworld_dir=args.realworld)
    if not data.attrs["skipped"].empty:
        raise SystemExit(f"{len(data.attrs['skipped'])} rows without a text: see --realworld")
    halves = ("train", "tune", "test")
    train, tune, test = (relations_split(data[data["half"] == half]) for half in halves)
    print(f"train {len(train.labels)}, tune {len(tune.labels)}, test {len(test.labels)} sentences")
    chosen: dict[tuple[float, str | None], float] = {}
    with threadpool_limits(1):  # faster on a shared machine, and the same sums every run
        for strength, weight in itertools.product(STRENGTHS, WEIGHTS):
            design = Design(train, FEATURES, MIN_SENTENCES)
            on_tune = design.macro_f1(design.fit(train, strength, weight), tune)
            cross = cross_validated_f1(train, FEATURES, MIN_SENTENCES, strength, weight)
            chosen[strength, weight] = (on_tune + cross) / 2
            print(f"C={strength}, class_weight={weight}: tune {on_tune:.3f}; cv {cross:.3f}")
        strength, weight = max(chosen, key=lambda key: chosen[key])
        both = train.plus(tune)
        design = Design(both, FEATURES, MIN_SENTENCES)
        regression = design.fit(both, strength, weight)
    design.table(regression).to_csv(args.out, sep="\t", index=False, float_format="%.6g")
    terms = len(design.vocabulary.vocabulary_)
    print(f"chosen C={strength}, class_weight={weight}; refit on train + tune, {terms} terms")
    print(f"wrote {args.out.name}")
    if not args.no_report:
        print(f"test macro-F1: {design.macro_f1(regression, test):.3f}")


if __name__ == "__main__":
    main()
