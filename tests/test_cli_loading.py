"""Command-line options for reading a corpus, safe CSV export, quiet exits."""

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from analysis.cli import build_parser, main
from analysis.corpus import LOAD_OPTIONS_VARIABLE
from analysis.pipeline import neutralise_formulas
from conftest import write


@pytest.fixture(autouse=True)
def own_environment(tmp_path, monkeypatch):
    """Keep the options the command line leaves for notebooks out of other tests."""
    monkeypatch.setenv(LOAD_OPTIONS_VARIABLE, "{}")  # restored (unset) after the test
    monkeypatch.delenv(LOAD_OPTIONS_VARIABLE)
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize("command", ["report", "export"])
def test_every_loading_command_takes_the_reading_options(tmp_path, command):
    from analysis.cli import _load_options

    argv = [command, "--out", str(tmp_path), "--columns", "when=published,story=text",
            "--set", "source=White House", "--set", "issuer=US government",
            "--manifest", "meta.csv", "--no-headline"]  # fmt: skip
    options = _load_options(build_parser().parse_args(argv))
    assert options["columns"] == {"when": "published", "story": "text"}
    assert options["set_columns"] == {"source": "White House", "issuer": "US government"}
    assert options["manifest"].endswith("meta.csv")
    assert options["headline"] is False
    assert json.loads(os.environ[LOAD_OPTIONS_VARIABLE]) == options  # for the notebooks


def test_a_malformed_set_is_an_argument_error(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--out", "x", "--set", "no-equals-sign"])
    assert "expected KEY=VALUE" in capsys.readouterr().err


def test_export_of_a_json_lines_export_with_set_and_columns(tmp_path, capsys):
    records = [
        {"headline": "Readout", "story": "Kerry met Lavrov in Geneva.", "timestamp": 1411516800},
        {"headline": "Statement", "story": "The talks went on.", "timestamp": "2014-09-25"},
    ]
    write(tmp_path / "data" / "wh.json", "\n".join(json.dumps(r) for r in records) + "\n")
    out = tmp_path / "out"
    argv = ["export", "--data", str(tmp_path / "data"), "--out", str(out),
            "--columns", "story=text", "--set", "source=White House"]  # fmt: skip
    assert main(argv) == 0
    articles = pd.read_csv(out / "articles.csv", parse_dates=["published"])
    assert articles["source"].tolist() == ["White House", "White House"]
    assert articles["published"].dt.strftime("%Y-%m-%d").tolist() == ["2014-09-24", "2014-09-25"]


def test_csv_export_neutralises_formulas_unless_raw(tmp_path):
    write(
        tmp_path / "data" / "a.txt",
        '=HYPERLINK("http://example.org", "click")\n@SUM(A1) and the talks went on.\n',
    )
    argv = ["export", "--data", str(tmp_path / "data"), "--set", "source=+cmd|' /C calc'!A0"]
    assert main([*argv, "--out", str(tmp_path / "safe")]) == 0
    safe = pd.read_csv(tmp_path / "safe" / "articles.csv", keep_default_na=False)
    assert safe.loc[0, "title"].startswith("'=HYPERLINK(")
    assert safe.loc[0, "source"] == "'+cmd|' /C calc'!A0"
    sentences = pd.read_csv(tmp_path / "safe" / "sentences.csv", keep_default_na=False)
    assert not sentences["text"].str.match(r"[=+\-@\t\r]").any()
    assert main([*argv, "--out", str(tmp_path / "raw"), "--raw"]) == 0
    raw = pd.read_csv(tmp_path / "raw" / "articles.csv", keep_default_na=False)
    assert raw.loc[0, "title"].startswith("=HYPERLINK(")


def test_neutralise_formulas_covers_every_dangerous_start():
    frame = pd.DataFrame({"cell": ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "safe", None]})
    cells = neutralise_formulas(frame)["cell"]
    assert cells[:7].tolist() == ["'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "safe"]
    assert pd.isna(cells[7])
    numbers = pd.DataFrame({"n": [-1.5, 2.0]})
    pd.testing.assert_frame_equal(neutralise_formulas(numbers), numbers)


def test_a_closed_pipe_ends_quietly():
    command = [sys.executable, "-m", "analysis", "explain",
               "Lavrov accused Washington of hypocrisy, while relations remained cool."]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()
        process.stdout.close()  # `| head -1`
        _, err = process.communicate()
    assert b"Traceback" not in err
    assert b"BrokenPipeError" not in err
    assert process.returncode in (0, 141)


def test_ctrl_c_ends_quietly_with_status_130(capsys, monkeypatch):
    import analysis.cli

    def interrupted(args):
        raise KeyboardInterrupt

    parser = build_parser()
    monkeypatch.setattr(analysis.cli, "build_parser", lambda: parser)
    parser._subparsers._group_actions[0].choices["explain"].set_defaults(run=interrupted)
    assert main(["explain", "x"]) == 130
    assert capsys.readouterr().err.strip() == "interrupted"


def test_sigint_on_a_running_command_exits_130(tmp_path):
    command = [sys.executable, "-c",
               "import signal, sys, time; from analysis import cli; "
               # as on a terminal, even where the runner was started with SIGINT ignored
               "signal.signal(signal.SIGINT, signal.default_int_handler); "
               # the sleep keeps the command running until the signal lands
               "cli._explain = lambda a: (signal.raise_signal(signal.SIGINT), time.sleep(60)); "
               "sys.exit(cli.main(['explain', 'x']))"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, check=False)
    assert result.returncode == 130, result.stderr
    assert b"Traceback" not in result.stderr
