"""The loaders on real documents nobody here wrote: ../shared/realworld/ (skipped without it)."""

import re

import pandas as pd
import pytest

from analysis import load_articles, rejects
from analysis.config import BENCHMARKS_DIR
from analysis.readers import title_from_name

REALWORLD_DIR = BENCHMARKS_DIR.parent / "realworld"


def folder(name):
    path = REALWORLD_DIR / name
    if not path.is_dir():
        pytest.skip(
            f"needs the real-world documents in {path.parent.name}/{name}/ beside the clone"
        )
    return path


@pytest.fixture(scope="module")
def millercenter():
    return load_articles(folder("millercenter"))


@pytest.fixture(scope="module")
def kremlin():
    return load_articles(folder("kremlin"))


def offered(path):
    return sorted(p.name for p in path.iterdir() if p.is_file() and not p.name.startswith("."))


def test_millercenter_loaded_plus_rejected_is_offered(millercenter):
    files = offered(folder("millercenter"))
    assert len(millercenter) + len(rejects(millercenter)) == len(files) == 80
    assert rejects(millercenter).empty


def test_millercenter_dates_speakers_and_titles_come_from_the_name_and_first_line(millercenter):
    base = folder("millercenter")
    for row in millercenter.itertuples():
        name = row.path
        assert f"{row.published:%Y-%m-%d}" == name[:10]
        assert row.date_precision == "day"
        first_line = (base / name).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"President: {row.speaker}"
        assert row.title == title_from_name(name)
        assert row.text.startswith(row.title + "\n\n")
        assert "President:" not in row.text.split("\n\n")[1]
    assert millercenter["published"].dt.year.between(1990, 2020).all()
    assert set(millercenter["language"]) == {"en"}


def test_kremlin_loaded_plus_rejected_is_offered(kremlin):
    files = offered(folder("kremlin"))
    assert len(kremlin) + len(rejects(kremlin)) == len(files) == 200


def test_kremlin_dates_are_the_pages_own_and_none_lies_in_the_future(kremlin):
    assert kremlin["published"].notna().all()
    assert kremlin["published"].dt.year.between(2000, 2020).all()  # the mirror is from 2020
    assert not kremlin["date_suspect"].any()


def test_a_kremlin_page_with_one_bad_byte_keeps_its_no_break_spaces(kremlin):
    page = kremlin.set_index("path").loc["63123.html"]
    assert (page["encoding"], page["replaced_bytes"]) == ("utf-8", 1)
    assert "President of Russia Vladimir Putin" in page["text"]
    assert not re.search(r"\wô ", page["text"])  # "Iô am", "ofô" when read as a legacy code page
    assert set(kremlin["language"]) == {"en"}
    assert pd.api.types.is_string_dtype(kremlin["speaker"])


# The gold sets store character offsets into the loaded texts: a loader change
# that moves them fails here, and the rows are re-anchored on the same span text.
GOLD_CHECKERS = {
    "attribution": ("benchmarks/attribution/verify.py", "{realworld}"),
    "diplomatic": ("benchmarks/diplomatic/check.py", "--shared", "{shared}"),
}


@pytest.mark.shared
@pytest.mark.parametrize("gold_set", sorted(GOLD_CHECKERS))
def test_the_gold_sets_offsets_slice_back_with_this_loader(gold_set):
    import subprocess
    import sys

    from analysis.config import PROJECT_ROOT

    realworld = folder("millercenter").parent
    script, *arguments = GOLD_CHECKERS[gold_set]
    arguments = [a.format(realworld=realworld, shared=realworld.parent) for a in arguments]
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / script), *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "ERROR" not in result.stdout
