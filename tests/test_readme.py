"""The README's tour of the API runs as written."""

import re

import pytest

from analysis.config import PROJECT_ROOT


@pytest.mark.slow
def test_the_readme_tour_runs(tmp_path, monkeypatch, capsys):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "the README has no Python tour"
    # The tour on the 34 curated documents of data/raw/ (the realworld folders beside them
    # would make its cold build minutes long).
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    for file in [
        *(PROJECT_ROOT / "data" / "raw").glob("*.txt"),
        PROJECT_ROOT / "data" / "raw" / "manifest.csv",
    ]:
        (raw / file.name).symlink_to(file)
    (tmp_path / "data" / "events.csv").symlink_to(PROJECT_ROOT / "data" / "events.csv")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "34 articles; 0 not loaded" in printed
    assert "US, Russia G8 missile talks hit stone wall" in printed
    assert (tmp_path / "arc.png").stat().st_size > 10_000
    assert (tmp_path / "timeline.png").stat().st_size > 10_000
