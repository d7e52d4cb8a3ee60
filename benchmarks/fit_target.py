"""Fit the target-sentiment model on the NewsMTSC dev splits; report the test splits.

Usage: ``make fit-target`` (or ``python benchmarks/fit_target.py``), with the
evaluation data beside the clone (``../shared/benchmarks``) or in
``ANALYSIS_BENCHMARKS_DIR``. Needs scikit-learn (the ``dev`` extra).

Only ``paper-split/*/dev.jsonl`` is used for fitting: the regularisation
strength and the class weighting are chosen by 5-fold cross-validation on the
two dev splits together, then the model is refitted on all of them and
written to ``src/analysis/resources/target_model.tsv``. The test splits are
scored once, at the end, for the report.

The folds are grouped by sentence: a sentence with several targets (most of
``newsmtsc-mt``) lies wholly in one fold, so cross-validation never scores a
target whose sentence it was fitted on.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from analysis.config import BENCHMARKS_DIR
from analysis.evaluate import read_newsmtsc
from analysis.target import CLASSES, FEATURES, TARGET_MODEL_PATH, target_features

SPLITS = ("newsmtsc-rw", "newsmtsc-mt")
STRENGTHS = (0.03, 0.1, 0.3, 1.0, 3.0)
WEIGHTS = (None, "balanced")


def features(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature matrix, gold labels and sentences of one NewsMTSC file."""
    data = read_newsmtsc(path)
    spans = zip(data["text"], data["start"], data["end"], strict=True)
    rows = [target_features(text, start, end) for text, start, end in spans]
    x = np.array([[row[f] for f in FEATURES] for row in rows])
    return x, data["label"].to_numpy(), data["text"].to_numpy()


def model(strength: float, weight: str | None):
    """A standardised multinomial logistic regression."""
    return make_pipeline(
        StandardScaler(), LogisticRegression(C=strength, class_weight=weight, max_iter=5000)
    )


def coefficients(fitted) -> pd.DataFrame:
    """The fitted model as the package's TSV table."""
    scaler, regression = fitted.named_steps.values()
    order = [list(regression.classes_).index(c) for c in CLASSES]
    table = pd.DataFrame(regression.coef_[order].T, columns=list(CLASSES))
    table.insert(0, "feature", list(FEATURES))
    table.insert(1, "mean", scaler.mean_)
    table.insert(2, "scale", scaler.scale_)
    intercept = {"feature": "intercept", "mean": 0.0, "scale": 1.0}
    intercept |= dict(zip(CLASSES, regression.intercept_[order], strict=True))
    return pd.concat([table, pd.DataFrame([intercept])], ignore_index=True)


def main() -> None:
    """Choose by cross-validation on dev, refit, write the model, report test."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", type=Path, default=BENCHMARKS_DIR)
    parser.add_argument("--out", type=Path, default=TARGET_MODEL_PATH)
    args = parser.parse_args()
    folder = args.benchmarks / "newsmtsc" / "paper-split"
    dev = [features(folder / split / "dev.jsonl") for split in SPLITS]
    x_dev = np.vstack([x for x, _, _ in dev])
    y_dev = np.concatenate([y for _, y, _ in dev])
    sentences = pd.factorize(np.concatenate([s for _, _, s in dev]))[0]
    folds = StratifiedGroupKFold(5, shuffle=True, random_state=0)
    scores = {}
    for strength, weight in itertools.product(STRENGTHS, WEIGHTS):
        predicted = cross_val_predict(
            model(strength, weight), x_dev, y_dev, cv=folds, groups=sentences
        )
        scores[strength, weight] = f1_score(y_dev, predicted, average="macro")
        score = scores[strength, weight]
        print(f"dev 5-fold macro-F1, C={strength}, class_weight={weight}: {score:.3f}")
    strength, weight = max(scores, key=scores.__getitem__)
    fitted = model(strength, weight).fit(x_dev, y_dev)
    coefficients(fitted).to_csv(args.out, sep="\t", index=False, float_format="%.6g")
    print(f"chosen C={strength}, class_weight={weight}; wrote {args.out.name}")
    for split in SPLITS:
        x_test, y_test, _ = features(folder / split / "test.jsonl")
        score = f1_score(y_test, fitted.predict(x_test), average="macro")
        print(f"{split} test macro-F1: {score:.3f}")


if __name__ == "__main__":
    main()
