import pandas as pd
import pytest

import analysis
from analysis.cli import main
from analysis.kwic import concordance, format_concordance, term_pattern


@pytest.fixture(scope="module")
def seed_tables(seed_articles):
    sentences = seed_articles.pipe(analysis.split_sentences).pipe(analysis.score_sentiment)
    sentences = analysis.score_tone(sentences)
    return analysis.Tables(seed_articles, sentences, pd.DataFrame(), pd.DataFrame(), False)


def test_every_occurrence_with_its_context_article_date_source_and_tone(seed_tables):
    lines = analysis.concordance(seed_tables, "missile", window=4)
    text = seed_tables.articles["text"].iloc[0]
    assert len(lines) == text.lower().count("missile") - text.lower().count("missiles")
    assert (lines["match"].str.lower() == "missile").all()
    assert (lines["source"] == "Shanghai Daily").all()
    assert (lines["published"] == pd.Timestamp("2011-05-27")).all()
    flat = " ".join(text.split())
    for row in lines.itertuples():
        assert len(row.left.split()) <= 4 and len(row.right.split()) <= 4
        assert f"{row.left} {row.match} {row.right}" in flat
    tones = seed_tables.sentences.set_index("sentence")["tone"]
    assert lines["tone"].tolist() == tones.loc[lines["sentence"]].tolist()


def test_a_term_matches_whole_words_any_case_and_phrases_across_spaces():
    assert not term_pattern("sanction").search("sanctions")
    assert term_pattern("Sanctions").search("new SANCTIONS")
    assert term_pattern("arms race").search("an arms\nrace")
    with pytest.raises(ValueError, match="empty"):
        term_pattern("  ")


def test_no_occurrence_gives_an_empty_table_with_the_columns(seed_tables):
    lines = concordance(seed_tables, "glasnost")
    assert lines.empty and "left" in lines and "tone" in lines
    assert format_concordance(lines) == ""


def test_kwic_command(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2014-03-20-sanctions.txt").write_text(
        "Sanctions widen\n\nWashington imposed new sanctions on Moscow. Moscow called the "
        "sanctions a hostile step.\n",
        encoding="utf-8",
    )
    (corpus / "2011-05-27-talks.txt").write_text(
        "Talks resume\n\nThe two sides agreed to keep talking about sanctions.\n", encoding="utf-8"
    )
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))
    assert main(["kwic", "sanctions", "--window", "3", "--data", str(corpus)]) == 0
    printed = capsys.readouterr().out
    assert "[sanctions] on Moscow. Moscow" in printed
    assert "4 occurrences of 'sanctions' in 2 of 2 articles" in printed
    assert main(["kwic", "sanctions", "--data", str(corpus), "--since", "2014-01-01"]) == 0
    assert "3 occurrences of 'sanctions' in 1 of 1 articles, from 2014-01-01 on" in (
        capsys.readouterr().out
    )
    assert main(["kwic", "sanctions", "--data", str(corpus), "--csv"]) == 0
    assert capsys.readouterr().out.startswith("article_id,published,source,title,sentence,left")
