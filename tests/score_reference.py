"""The scores of a fixed sample of the shipped documents, kept to catch unintended changes.

``tests/data/score_reference/`` holds every score column of the sentences,
mentions and quotes of the 34 curated documents and of every tenth file of
``data/raw/kremlin/`` and ``data/raw/millercenter/``. A change that makes the
pipeline faster must leave them equal (floats within 1e-12); a change of the
model made on purpose rewrites them, from the project root::

    python tests/score_reference.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import load_articles
from analysis.config import RAW_DIR
from analysis.pipeline import score_articles

REFERENCE_DIR = Path(__file__).resolve().parent / "data" / "score_reference"
KEYS = {
    "sentences": ["article_id", "sentence"],
    "mentions": ["article_id", "sentence", "start", "end", "actor"],
    "quotes": ["quote_id", "speaker", "speaker_country", "kind"],
}
SCORES = ["neg", "neu", "pos", "compound", "tone", "cooperation", "conflict", "goldstein",
          "quad_class", "hedged", "relations", "target_tone", "target_label"]  # fmt: skip


def sample_files() -> list[Path]:
    """The curated documents and every tenth real-world page, in a fixed order."""
    curated = sorted(RAW_DIR.glob("*.txt"))
    kremlin = sorted((RAW_DIR / "kremlin").glob("*.txt"))[::10]
    miller = sorted((RAW_DIR / "millercenter").glob("*.txt"))[::10]
    return curated + kremlin + miller


def reference_tables() -> dict[str, pd.DataFrame]:
    """Score the sample now: each table's keys and score columns."""
    sentences, mentions, quotes = score_articles(load_articles(sample_files()))
    tables = {"sentences": sentences, "mentions": mentions, "quotes": quotes}
    return {
        name: frame[KEYS[name] + [c for c in SCORES if c in frame]].reset_index(drop=True)
        for name, frame in tables.items()
    }


def read_reference(name: str, like: pd.DataFrame) -> pd.DataFrame:
    """A stored table, read with the dtypes of ``like`` (a freshly scored one)."""
    return pd.read_csv(REFERENCE_DIR / f"{name}.csv.gz", dtype=like.dtypes.to_dict(),
                       keep_default_na=False, na_values=[""])  # fmt: skip


if __name__ == "__main__":
    REFERENCE_DIR.mkdir(parents=True, exist_ok=True)
    for name, frame in reference_tables().items():
        frame.to_csv(REFERENCE_DIR / f"{name}.csv.gz", index=False)
        print(f"{name}: {len(frame)} rows")
