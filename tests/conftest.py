from pathlib import Path

import pandas as pd
import pytest

from analysis.config import BENCHMARKS_DIR, RAW_DIR, SEED_ARTICLE_ID

SEED_PATH = RAW_DIR / f"{SEED_ARTICLE_ID}.txt"
# The 34 curated documents at the top of data/raw/ (kremlin/ and millercenter/ sit beside them).
SHIPPED_FILES = sorted(RAW_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_articles() -> pd.DataFrame:
    from analysis import load_articles

    return load_articles(SEED_PATH)


@pytest.fixture(scope="session")
def corpus_articles() -> pd.DataFrame:
    from analysis import load_articles

    return load_articles(SHIPPED_FILES)


@pytest.fixture
def shipped_dir(tmp_path) -> Path:
    """A folder holding the 34 curated documents and their manifest, as data/raw/ once did."""
    import shutil

    folder = tmp_path / "shipped"
    folder.mkdir()
    for file in [*SHIPPED_FILES, RAW_DIR / "manifest.csv"]:
        shutil.copy2(file, folder / file.name)
    return folder


@pytest.fixture(scope="session")
def seed_sentences(seed_articles) -> pd.DataFrame:
    from analysis import score_sentiment, split_sentences

    return seed_articles.pipe(split_sentences).pipe(score_sentiment)


@pytest.fixture(scope="session")
def benchmarks_dir() -> Path:
    if not BENCHMARKS_DIR.is_dir():
        pytest.skip(
            f"needs the human-rated evaluation data in {BENCHMARKS_DIR.name}/ beside the clone "
            "(../shared/benchmarks; present in CI, not in a user's clone)"
        )
    return BENCHMARKS_DIR


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
