"""The Parquet cache of processed tables."""

import os
import shutil

import pandas as pd
import pytest

from analysis import corpus_tables, export_tables, pipeline, rejects
from conftest import write


def corpus(tmp_path):
    write(
        tmp_path / "raw" / "2011-05-27_a.txt",
        "Talks hit a wall\nThe sides deeply mistrust each other.\n",
    )
    write(tmp_path / "raw" / "empty.txt", "")
    return tmp_path / "raw"


def test_second_call_reads_the_cache_and_matches_a_fresh_build(tmp_path):
    raw = corpus(tmp_path)
    built = corpus_tables(raw, cache_dir=tmp_path / "cache")
    cached = corpus_tables(raw, cache_dir=tmp_path / "cache")
    assert (built.from_cache, cached.from_cache) == (False, True)
    pd.testing.assert_frame_equal(built.articles, cached.articles)
    pd.testing.assert_frame_equal(built.sentences, cached.sentences)
    assert rejects(cached.articles)["path"].tolist() == ["empty.txt"]
    assert list(cached.sentences.columns[-6:]) == [
        "tone",
        "cooperation",
        "conflict",
        "goldstein",
        "quad_class",
        "hedged",
    ]


def test_cache_is_rebuilt_when_an_input_changes(tmp_path):
    raw = corpus(tmp_path)
    corpus_tables(raw, cache_dir=tmp_path / "cache")
    article = raw / "2011-05-27_a.txt"
    write(article, "Talks resume\nThe sides agreed to cooperate.\n")
    os.utime(article, ns=(1, 1))
    tables = corpus_tables(raw, cache_dir=tmp_path / "cache")
    assert not tables.from_cache
    assert tables.articles.loc[0, "title"] == "Talks resume"
    write(raw / "new.txt", "Another\nA new document arrives.\n")
    assert len(corpus_tables(raw, cache_dir=tmp_path / "cache").articles) == 2


def test_cache_is_rebuilt_when_the_code_or_options_change(tmp_path, monkeypatch):
    raw = corpus(tmp_path)
    corpus_tables(raw, cache_dir=tmp_path / "cache")
    assert not corpus_tables(raw, cache_dir=tmp_path / "cache", encoding="utf-8").from_cache
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "another version")
    assert not corpus_tables(raw, cache_dir=tmp_path / "cache", encoding="utf-8").from_cache
    assert corpus_tables(raw, cache_dir=tmp_path / "cache", encoding="utf-8").from_cache


def test_refresh_and_no_cache(tmp_path):
    raw = corpus(tmp_path)
    corpus_tables(raw, cache_dir=tmp_path / "cache")
    assert not corpus_tables(raw, cache_dir=tmp_path / "cache", refresh=True).from_cache
    assert not corpus_tables(raw, cache=False).from_cache
    assert not (tmp_path / "raw" / "cache").exists()


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    raw = corpus(tmp_path)
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "elsewhere"))
    corpus_tables(raw)
    assert len(list((tmp_path / "elsewhere").glob("corpus-*/articles.parquet"))) == 1


def test_code_fingerprint_changes_with_a_lexicon_edit(tmp_path, monkeypatch):
    package = tmp_path / "analysis"
    shutil.copytree(pipeline.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "PACKAGE_DIR", package)
    before = pipeline.code_fingerprint()
    with (package / "resources" / "tone_lexicon.tsv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("détente\t1.5\tword\tadded by a user\n")
    assert pipeline.code_fingerprint() != before


def test_export_writes_every_table_and_the_rejects(tmp_path):
    tables = corpus_tables(corpus(tmp_path), cache=False)
    written = export_tables(tables, tmp_path / "csv")
    assert [p.name for p in written] == [
        "articles.csv",
        "sentences.csv",
        "mentions.csv",
        "quotes.csv",
        "rejects.csv",
    ]
    sentences = pd.read_csv(tmp_path / "csv" / "sentences.csv")
    assert len(sentences) == written[tmp_path / "csv" / "sentences.csv"] == len(tables.sentences)
    assert sentences["tone"].tolist() == pytest.approx(tables.sentences["tone"].tolist(), abs=1e-9)
    assert pd.read_csv(tmp_path / "csv" / "rejects.csv")["path"].tolist() == ["empty.txt"]
    articles = pd.read_csv(tmp_path / "csv" / "articles.csv", parse_dates=["published"])
    assert articles.loc[0, "published"] == pd.Timestamp("2011-05-27")


def test_export_to_parquet_keeps_the_dtypes(tmp_path):
    tables = corpus_tables(corpus(tmp_path), cache=False)
    export_tables(tables, tmp_path / "pq", format="parquet")
    mentions = pd.read_parquet(tmp_path / "pq" / "mentions.parquet")
    pd.testing.assert_frame_equal(mentions, tables.mentions, check_index_type=False)


def test_export_rejects_an_unknown_format(tmp_path):
    tables = corpus_tables(corpus(tmp_path), cache=False)
    with pytest.raises(ValueError, match="csv.*parquet.*'xlsx'"):
        export_tables(tables, tmp_path, format="xlsx")


def test_export_command(tmp_path, capsys, monkeypatch):
    from analysis.cli import main

    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))
    assert main(["export", "--data", str(corpus(tmp_path)), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "articles.csv (1 row)" in printed and "rejects.csv (1 row)" in printed


def test_worker_processes_give_the_same_tables(monkeypatch):
    from analysis.config import RAW_DIR

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_ARTICLES", 2)
    one = pipeline.build_tables(RAW_DIR, workers=1)
    two = pipeline.build_tables(RAW_DIR, workers=2)
    for name in ("sentences", "mentions", "quotes"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    assert len(two.quotes) > 50 and two.mentions["target_tone"].notna().all()


def test_workers_must_be_positive(tmp_path, capsys):
    from analysis.cli import main

    with pytest.raises(ValueError, match="at least 1, not 0"):
        pipeline.build_tables(corpus(tmp_path), workers=0)
    with pytest.raises(SystemExit):
        main(["export", "--out", str(tmp_path), "--workers", "0"])
    assert "must be at least 1, not 0" in capsys.readouterr().err


def test_commands_stop_with_a_clear_error_on_a_missing_or_empty_folder(
    tmp_path, capsys, monkeypatch
):
    from analysis.cli import main

    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))
    missing = tmp_path / "no-such-folder"
    assert main(["export", "--data", str(missing), "--out", str(tmp_path / "out")]) == 2
    assert f"error: {missing}: no such file or folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", "--data", str(empty), "--out", str(tmp_path / "out")]) == 2
    assert "no articles in" in capsys.readouterr().err
    assert main(["export", "--data", str(empty), "--out", str(tmp_path / "out")]) == 0
    assert pd.read_csv(tmp_path / "out" / "mentions.csv").empty


def test_explain_command(tmp_path, capsys):
    from analysis.cli import main

    text = "Relations remained cool, and mistrust between Moscow and Washington lingers."
    assert main(["explain", text, "--about", "Moscow"]) == 0
    printed = capsys.readouterr().out
    assert "diplomatic tone -0." in printed and "(negative)" in printed
    assert "tone towards 'Moscow': -" in printed
    assert "mistrust" in printed and "overlay" in printed
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("term\tvalence\tkind\nlingers\t-2.5\tword\n", encoding="utf-8")
    assert main(["explain", text, "--lexicon", str(lexicon)]) == 0
    assert "lingers" in capsys.readouterr().out
    lexicon.write_text("word\tscore\nlingers\t-2.5\n", encoding="utf-8")
    assert main(["explain", text, "--lexicon", str(lexicon)]) == 2
    assert "mine.tsv: missing column(s)" in capsys.readouterr().err
    assert main(["explain", text, "--about", "Kyiv"]) == 2
    assert "'Kyiv' is not in the text" in capsys.readouterr().err
