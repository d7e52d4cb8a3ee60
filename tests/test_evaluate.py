import pandas as pd
import pytest

from analysis.evaluate import (
    REALWORLD_DIR,
    BenchmarkMissingError,
    agreement,
    best_threshold,
    confusion_table,
    evaluate_diplomatic,
    evaluate_newsmtsc,
    evaluate_sentiment,
    macro_f1,
    read_diplomatic_set,
)

# Pearson's r of `tone` on the VADER sets before events moved tone; events may
# cost general text at most 0.01.
TONE_R_BEFORE_EVENTS = {"nyt": 0.505, "tweets": 0.872, "movies": 0.426, "amazon": 0.590}


def test_macro_f1_by_hand():
    gold = ["positive", "positive", "negative", "neutral"]
    predicted = ["positive", "negative", "negative", "neutral"]
    # positive: P 1, R .5, F .667; negative: P .5, R 1, F .667; neutral: F 1
    assert macro_f1(gold, predicted, ("positive", "negative", "neutral")) == pytest.approx(7 / 9)


def test_agreement_perfect_and_inverse():
    human = pd.Series([-2.0, -1.0, 1.0, 3.0])
    perfect = agreement(human, human / 4)
    assert perfect["pearson_r"] == pytest.approx(1) and perfect["f1_posneg"] == 1
    assert agreement(human, -human / 4)["spearman_rho"] == pytest.approx(-1)


def test_missing_benchmarks_give_a_clear_error(tmp_path):
    with pytest.raises(BenchmarkMissingError, match="nytEditorialSnippets"):
        evaluate_sentiment(tmp_path)


@pytest.mark.shared
def test_vader_baselines_reproduce_the_benchmark_readme(benchmarks_dir):
    table = evaluate_sentiment(benchmarks_dir).set_index(["set", "scorer"])
    nyt = table.loc[("nyt", "vader")]
    assert nyt["pearson_r"] == pytest.approx(0.503, abs=5e-4)
    assert nyt["spearman_rho"] == pytest.approx(0.480, abs=5e-4)
    assert nyt["f1_posneg"] == pytest.approx(0.574, abs=5e-4)
    assert nyt["macro_f1"] == pytest.approx(0.525, abs=5e-4)
    assert table.loc[("tweets", "vader"), "pearson_r"] == pytest.approx(0.872, abs=5e-4)
    # The diplomatic layer must not cost accuracy on general text.
    for name, before in TONE_R_BEFORE_EVENTS.items():
        assert table.loc[(name, "tone"), "pearson_r"] >= before - 0.01
        assert (
            table.loc[(name, "tone"), "pearson_r"] >= table.loc[(name, "vader"), "pearson_r"] - 0.01
        )


@pytest.mark.shared
@pytest.mark.xfail(
    reason="diplomatic tone reaches r = 0.500 on NYT editorials (0.505 before events moved "
    "tone); the goal is 0.55",
    strict=True,
)
def test_tone_reaches_the_nyt_goal(benchmarks_dir):
    table = evaluate_sentiment(benchmarks_dir).set_index(["set", "scorer"])
    assert table.loc[("nyt", "tone"), "pearson_r"] >= 0.55


@pytest.mark.shared
def test_newsmtsc_sentence_baseline(benchmarks_dir):
    table = evaluate_newsmtsc(benchmarks_dir).set_index(["set", "scorer"])
    assert table.loc[("newsmtsc-rw test", "vader"), "macro_f1"] == pytest.approx(0.513, abs=5e-4)
    assert table.loc[("newsmtsc-mt test", "vader"), "macro_f1"] == pytest.approx(0.481, abs=5e-4)


@pytest.fixture(scope="module")
def newsmtsc_table(benchmarks_dir):
    return evaluate_newsmtsc(benchmarks_dir).set_index(["set", "scorer"])["macro_f1"]


@pytest.mark.shared
def test_target_sentiment_beats_sentence_level_scores_on_newsmtsc(newsmtsc_table):
    for split in ("newsmtsc-rw test", "newsmtsc-mt test"):
        sentence_best = max(newsmtsc_table[(split, "vader")], newsmtsc_table[(split, "tone")])
        assert newsmtsc_table[(split, "target")] >= sentence_best + 0.05


@pytest.mark.shared
@pytest.mark.xfail(
    reason="target_sentiment reaches macro-F1 0.577 (rw) and 0.552 (mt) on the NewsMTSC test "
    "splits, fitted on the dev splits only; the goal is 0.60"
)
def test_target_sentiment_reaches_the_newsmtsc_goal(newsmtsc_table):
    assert newsmtsc_table[("newsmtsc-rw test", "target")] >= 0.60
    assert newsmtsc_table[("newsmtsc-mt test", "target")] >= 0.60


def test_confusion_table_counts_gold_against_predicted():
    table = confusion_table(["negative", "neutral", "neutral"], ["negative", "positive", "neutral"])
    assert table.loc["neutral"].tolist() == [0, 1, 1]
    assert list(table.columns) == ["negative", "neutral", "positive"]


def test_best_threshold_is_chosen_by_macro_f1():
    gold = ["positive", "neutral", "negative", "neutral"]
    scores = pd.Series([0.5, 0.2, -0.5, -0.2])
    assert best_threshold(gold, scores) == 0.25


def test_diplomatic_set_without_realworld_scores_the_shipped_rows(tmp_path):
    table = evaluate_diplomatic(realworld_dir=tmp_path / "absent")
    skipped = table.attrs["skipped"]
    assert len(skipped) == 424 and "not found" in skipped["reason"].iloc[0]
    shipped_test = 58  # shipped rows in the test half (benchmarks/diplomatic/README.md)
    assert set(table["n"]) == {shipped_test}
    assert set(table["scorer"]) == {"vader", "tone"}
    assert set(table["chosen_on"]) == {"VADER default", "tune"}
    predictions = table.attrs["predictions"]
    assert len(predictions) == shipped_test and set(predictions["gold"]) <= {
        "negative", "neutral", "positive"}  # fmt: skip


@pytest.fixture(scope="module")
def diplomatic_table():
    if not REALWORLD_DIR.is_dir():
        pytest.skip("needs the real-world documents in ../shared/realworld/")
    return evaluate_diplomatic().set_index(["scorer", "chosen_on"])


@pytest.mark.shared
def test_diplomatic_set_reads_every_row():
    if not REALWORLD_DIR.is_dir():
        pytest.skip("needs the real-world documents in ../shared/realworld/")
    data = read_diplomatic_set()
    assert len(data) == 540 and data.attrs["skipped"].empty
    assert data["half"].value_counts().to_dict() == {"tune": 270, "test": 270}


@pytest.mark.shared
def test_tone_beats_vader_on_the_diplomatic_test_half(diplomatic_table):
    at_default = diplomatic_table.xs("VADER default", level="chosen_on")["macro_f1"]
    assert at_default["tone"] > at_default["vader"]


@pytest.mark.shared
@pytest.mark.xfail(
    reason="on the test half of the labelled diplomatic set, tone reaches macro-F1 0.390 at "
    "VADER's 0.05 and 0.398 at the threshold chosen on the tune half (plain VADER 0.362 and "
    "0.352); most errors are domestic sentences (label 0) that tone reads as polar; the goal "
    "is 0.80",
    strict=True,
)
def test_tone_reaches_the_diplomatic_goal(diplomatic_table):
    assert diplomatic_table.loc[("tone", "tune"), "macro_f1"] >= 0.80


def test_evaluate_command_prints_the_diplomatic_set(tmp_path, capsys):
    from analysis.cli import _print_diplomatic

    _print_diplomatic(tmp_path / "absent")
    out = capsys.readouterr().out
    assert "note: 424 rows skipped" in out and "test half" in out
    assert "confusion, tone@0.05 (rows: gold, columns: predicted)" in out
