import pandas as pd
import pytest

from analysis.evaluate import (
    BenchmarkMissingError,
    agreement,
    evaluate_newsmtsc,
    evaluate_sentiment,
    macro_f1,
)


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
    assert table.loc[("nyt", "tone"), "pearson_r"] >= nyt["pearson_r"]
    for name in ("tweets", "movies", "amazon"):
        assert (
            table.loc[(name, "tone"), "pearson_r"] >= table.loc[(name, "vader"), "pearson_r"] - 0.01
        )


@pytest.mark.shared
@pytest.mark.xfail(
    reason="the diplomatic lexicon reaches r = 0.505 on NYT editorials; the goal is 0.55"
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


def test_the_speaker_section_skips_cleanly_without_the_documents(tmp_path, capsys):
    from analysis.cli import _evaluate_speakers

    _evaluate_speakers(tmp_path / "realworld")
    assert "skipped: needs the real-world documents in realworld/" in capsys.readouterr().out


def test_speaker_accuracy_counts_an_empty_gold_speaker_as_na(tmp_path):
    from analysis.evaluate import evaluate_speakers

    folder = tmp_path / "kremlin"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Talks\n\nVladimir Putin: We agree.\n\nQuestion: And Washington?\n\n"
        'Lavrov said: "Both sides want this to work."',
        encoding="utf-8",
    )
    text = "Talks\n\nVladimir Putin: We agree.\n\nQuestion: And Washington?\n\n"
    gold = pd.DataFrame(
        {
            "file": ["kremlin/a.txt"] * 3,
            "start": [text.index("We agree"), text.index("And Wash"), len(text) + 14],
            "end": [text.index("We agree") + 9, text.index("And Wash") + 16, len(text) + 42],
            "kind": ["turn", "turn", "quote"],
            "speaker": ["Vladimir Putin", pd.NA, "Sergey Lavrov"],
            "speaker_country": ["RUS", pd.NA, "RUS"],
        }
    )
    table = evaluate_speakers(tmp_path, gold=gold).set_index("subset")
    assert table.loc["all", ["n", "speaker", "speaker_country", "both"]].tolist() == [3, 1, 1, 1]
    wrong = gold.assign(speaker=["Dmitry Medvedev", pd.NA, "Sergey Lavrov"])
    assert (
        evaluate_speakers(tmp_path, gold=wrong).set_index("subset").loc["turns", "speaker"] == 0.5
    )
