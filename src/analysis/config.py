"""Default paths, all built from the project root.

The package is installed in editable mode from a clone, so the project root
is three levels above this file (``src/analysis/config.py``). Set the
``ANALYSIS_PROJECT_ROOT`` environment variable to point elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("ANALYSIS_PROJECT_ROOT", Path(__file__).resolve().parents[2]))
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
# The Parquet cache; ANALYSIS_PROCESSED_DIR moves it (read when a cache is used).
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
FIGURES_DIR = REPORTS_DIR / "figures"
RESOURCES_DIR = Path(__file__).resolve().parent / "resources"
# Evaluation data lives beside a clone, never inside it; it is optional.
BENCHMARKS_DIR = Path(
    os.environ.get("ANALYSIS_BENCHMARKS_DIR", PROJECT_ROOT.parent / "shared" / "benchmarks")
)

# Real documents nobody on the project wrote, beside the evaluation data; optional.
REALWORLD_DIR = BENCHMARKS_DIR.parent / "realworld"
# The hand-labelled quotes and mentions of those documents, shipped with the clone.
ATTRIBUTION_DIR = PROJECT_ROOT / "benchmarks" / "attribution"

SEED_ARTICLE_ID = "2011-05-27_shanghaidaily_us-russia-g8-missile-talks-hit-stone-wall"
EVENTS_PATH = DATA_DIR / "events.csv"


def processed_dir() -> Path:
    """The cache folder: ``ANALYSIS_PROCESSED_DIR`` if set, else ``data/processed/``."""
    return Path(os.environ.get("ANALYSIS_PROCESSED_DIR", PROCESSED_DIR))
