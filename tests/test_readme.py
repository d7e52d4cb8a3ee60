"""The README's tour of the API runs as written."""

import re

import pytest

from analysis.config import PROJECT_ROOT


@pytest.mark.slow
def test_the_readme_tour_runs(tmp_path, monkeypatch, capsys):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "the README has no Python tour"
    (tmp_path / "data").symlink_to(PROJECT_ROOT / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "34 articles; 0 not loaded" in printed
    assert "US, Russia G8 missile talks hit stone wall" in printed
    assert (tmp_path / "arc.png").stat().st_size > 10_000
    assert (tmp_path / "timeline.png").stat().st_size > 10_000
