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
    reason="target_sentiment reaches macro-F1 0.636 (rw) and 0.639 (mt) on the NewsMTSC test "
    "splits (0.588 and 0.613 before the word pairs and the sentence's words), fitted on the "
    "training split; the goal is 0.65",
    strict=True,
)
def test_target_sentiment_reaches_the_newsmtsc_goal(newsmtsc_table):
    assert newsmtsc_table[("newsmtsc-rw test", "target")] >= 0.65
    assert newsmtsc_table[("newsmtsc-mt test", "target")] >= 0.65


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
    assert len(skipped) == 2024 and "not found" in skipped["reason"].iloc[0]  # real-world rows
    shipped_test = 58  # shipped rows in the test half (benchmarks/diplomatic/README.md)
    assert set(table["n"]) == {shipped_test}
    assert set(table["scorer"]) == {"vader", "tone", "relations"}
    assert set(table["chosen_on"]) == {"VADER default", "tune"}
    relations_rows = table[table["scorer"] == "relations"]
    assert relations_rows["chosen_on"].tolist() == ["VADER default"]  # fitted on tune
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
    assert len(data) == 2395 and data.attrs["skipped"].empty
    assert data["half"].value_counts().to_dict() == {"train": 1855, "tune": 270, "test": 270}


@pytest.mark.shared
def test_tone_beats_vader_on_the_diplomatic_test_half(diplomatic_table):
    at_default = diplomatic_table.xs("VADER default", level="chosen_on")["macro_f1"]
    assert at_default["tone"] > at_default["vader"]


@pytest.mark.shared
def test_relations_beats_tone_on_the_diplomatic_test_half(diplomatic_table):
    at_default = diplomatic_table.xs("VADER default", level="chosen_on")["macro_f1"]
    best_tone = diplomatic_table.loc["tone", "macro_f1"].max()
    assert at_default["relations"] > best_tone + 0.2
    assert at_default["relations"] == pytest.approx(0.626, abs=5e-4)


@pytest.mark.shared
@pytest.mark.xfail(
    reason="relations, fitted on 1,855 train sentences and the tune half, reaches macro-F1 "
    "0.626 on the test half (accuracy 0.700; F1 0.444 negative, 0.785 neutral, 0.650 "
    "positive); a second reader agrees with the first on 95.6% of 180 tune sentences "
    "(macro-F1 0.945), so the limit is the model's words-and-events reading; the goal is 0.80",
    strict=True,
)
def test_relations_reaches_the_diplomatic_goal(diplomatic_table):
    assert diplomatic_table.loc[("relations", "VADER default"), "macro_f1"] >= 0.80


def _gold_fixture(tmp_path):
    from analysis import load_articles
    from conftest import write

    docs = tmp_path / "docs"
    write(
        docs / "2019-06-01_a.txt",
        "Talks\nPresident Putin met Donald Trump. Rain fell on Moscow streets.\n",
    )
    text = load_articles(docs / "2019-06-01_a.txt").loc[0, "text"]
    first = text.index("President Putin")
    end = text.index(".", first) + 1
    second = text.index("Rain")
    gold = tmp_path / "gold"
    write(
        gold / "sentences.csv",
        "file,sentence_start,sentence_end,sentence_sha1,n_mentions\n"
        f"2019-06-01_a.txt,{first},{end},x,3\n"
        f"2019-06-01_a.txt,{second},{len(text)},x,0\n",
    )
    rows = [
        ("President Putin", "Vladimir Putin", "RUS", "person"),
        ("Donald Trump", "Donald Trump", "USA", "person"),
    ]
    lines = [
        "file,sentence_start,sentence_end,sentence_sha1,start,end,surface,actor,country,actor_type"
    ]
    for surface, actor, country, kind in rows:
        at = text.index(surface)
        lines.append(
            f"2019-06-01_a.txt,{first},{end},x,{at},{at + len(surface)},{surface},{actor},{country},{kind}"
        )
    # A mention the gazetteer cannot know: a miss.
    at = text.index("met")
    lines.append(f"2019-06-01_a.txt,{first},{end},x,{at},{at + 3},met,Someone,,person")
    write(gold / "mentions.csv", "\n".join(lines) + "\n")
    return docs, gold


def test_mention_metrics_on_a_tiny_gold_set(tmp_path):
    from analysis.evaluate import evaluate_mentions

    docs, gold = _gold_fixture(tmp_path)
    table = evaluate_mentions(docs, gold_dir=gold).set_index(["subset", "level"])
    row = table.loc[("all", "actor")]
    # Found: Putin and Trump (right), Moscow used as a place (wrong): P 2/3, R 2/3.
    assert (row["n_gold"], row["n_predicted"], row["matched"]) == (3, 3, 2)
    assert row["precision"] == pytest.approx(0.667) and row["recall"] == pytest.approx(0.667)


def test_match_mentions_pairs_one_to_one():
    from analysis.evaluate import match_mentions

    gold = pd.DataFrame({"file": ["a", "a"], "start": [0, 10], "end": [5, 15], "actor": ["X", "X"]})
    predicted = pd.DataFrame({"file": ["a"], "start": [0], "end": [15], "actor": ["X"]})
    assert match_mentions(gold, predicted, lambda g, p: g["actor"] == p["actor"]) == 1


def test_mention_evaluation_without_the_documents_says_what_is_missing(tmp_path):
    from analysis.evaluate import evaluate_mentions

    _, gold = _gold_fixture(tmp_path)
    with pytest.raises(BenchmarkMissingError, match="not found"):
        evaluate_mentions(tmp_path / "nowhere", gold_dir=gold)


@pytest.mark.shared
def test_actor_mentions_on_the_realworld_gold_set_hold_the_readme_numbers():
    from analysis.config import REALWORLD_DIR
    from analysis.evaluate import evaluate_mentions

    if not REALWORLD_DIR.is_dir():
        pytest.skip(f"needs the real-world documents in {REALWORLD_DIR.name}/ beside the clone")
    table = evaluate_mentions(REALWORLD_DIR).set_index(["subset", "level"])
    actor, country = table.loc[("all", "actor")], table.loc[("all", "country")]
    # README, "How far to trust the numbers": before, 0.833 / 0.562 (actor level).
    assert (actor["n_predicted"], actor["matched"]) == (318, 295)
    assert (actor["precision"], actor["recall"]) == (0.928, 0.878)
    assert (country["precision"], country["recall"]) == (0.925, 0.875)
    assert actor["precision"] > 0.833 and actor["recall"] > 0.562


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
    assert "note: 2024 rows skipped" in out and "test half" in out
    assert "confusion, tone@0.05 (rows: gold, columns: predicted)" in out
    assert "confusion, relations@0.05 (rows: gold, columns: predicted)" in out


@pytest.mark.shared
@pytest.mark.xfail(
    strict=True,
    reason="actor mentions reach precision 0.928 and recall 0.878 on the attribution gold set; "
    "the goals are 0.95 and 0.90 (companies and bodies in no list, given names alone, other "
    "spellings of a name: Kwasniewski, Rakhmonov)",
)
def test_actor_mentions_reach_the_goals():
    from analysis.config import REALWORLD_DIR
    from analysis.evaluate import evaluate_mentions

    if not REALWORLD_DIR.is_dir():
        pytest.skip(f"needs the real-world documents in {REALWORLD_DIR.name}/ beside the clone")
    actor = evaluate_mentions(REALWORLD_DIR).set_index(["subset", "level"]).loc[("all", "actor")]
    assert actor["precision"] >= 0.95 and actor["recall"] >= 0.90


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


def test_a_person_is_the_same_without_middle_initials_and_with_a_short_given_name():
    from analysis.evaluate import same_actor

    gold = {"actor": "Tom Donilon", "actor_type": "person", "country": "USA"}
    found = {"actor": "Thomas E. Donilon", "actor_type": "official", "country": "USA"}
    assert same_actor(gold, found, {})
    assert not same_actor(gold, {**found, "actor": "Thomas E. Dorilon"}, {})
    organisation = {"actor": "Tom Company", "actor_type": "organisation", "country": ""}
    assert not same_actor(organisation, {**found, "actor": "Thomas Company"}, {})
