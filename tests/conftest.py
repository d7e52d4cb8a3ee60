from pathlib import Path

import pandas as pd
import pytest

from analysis.config import BENCHMARKS_DIR, RAW_DIR, SEED_ARTICLE_ID

SEED_PATH = RAW_DIR / f"{SEED_ARTICLE_ID}.txt"


@pytest.fixture(scope="session")
def seed_articles() -> pd.DataFrame:
    from analysis import load_articles

    return load_articles(SEED_PATH)


@pytest.fixture(scope="session")
def corpus_articles() -> pd.DataFrame:
    from analysis import load_articles

    return load_articles(RAW_DIR)


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
