"""Quote extraction and speaker attribution."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import extract_quotes, score_sentiment, score_tone
from analysis.quotes import article_quotes
from analysis.schema import QUOTES


def quotes_of(text, date="2011-05-27"):
    return [
        (text[q.start : q.end], q.speaker, q.kind, q.closed)
        for q in article_quotes(text, pd.Timestamp(date))
    ]


def test_seed_quotes_each_found_once_with_speaker_and_country(seed_articles):
    quotes = extract_quotes(seed_articles)
    assert list(quotes.columns[: len(QUOTES)]) == list(QUOTES)
    assert {"compound", "tone"} <= set(quotes.columns)
    found = quotes.set_index("text")[["speaker", "speaker_country", "kind"]]
    expected = {
        "They don't believe us.": ("Michael McFaul", "USA"),
        "This is a very hard issue": ("Michael McFaul", "USA"),
        "consistent with the security needs of both countries, that maintains the strategic balance, "
        "and deals with potential threats that we both share.": ("Barack Obama", "USA"),
        "And this would be a sound foundation for cooperation between our two countries in the future.": (
            "Dmitry Medvedev",
            "RUS",
        ),
        "joke around a lot.": ("Ben Rhodes", "USA"),
    }
    for text, (speaker, country) in expected.items():
        assert tuple(found.loc[text, ["speaker", "speaker_country"]]) == (speaker, country)
    about_2020 = quotes[quotes["text"].str.startswith("I have told my counterpart")]
    assert len(about_2020) == 1 and "in the year 2020" in about_2020["text"].iloc[0]
    assert about_2020["speaker"].iloc[0] == "Dmitry Medvedev"
    assert not quotes["text"].duplicated().any()  # the repeated body gives each quote once
    assert found.loc["joke around a lot.", "kind"] == "partial"
    text = seed_articles.loc[0, "text"]
    assert all(text[q.start : q.end] == q.text for q in quotes.itertuples())


def test_attribution_after_before_and_pronoun():
    text = (
        "Headline\n\n"
        "Lavrov met Kerry in Geneva. “We are close to a deal,” he told reporters.\n\n"
        'Kerry was more careful: "There is still a lot of work to do."\n\n'
        '"Both sides want this to work," said Ryabkov, the deputy minister.'
    )
    assert [(q[0], q[1]) for q in quotes_of(text, "2013-09-13")] == [
        ("We are close to a deal", "John Kerry"),  # "he": the last person named before
        ("There is still a lot of work to do.", "John Kerry"),
        ("Both sides want this to work", "Sergei Ryabkov"),
    ]


def test_a_pronoun_after_a_surname_takes_the_full_name_the_document_gives():
    text = (
        "Headline\n\n"
        "The pastor, Reverend Otis Moss, spoke first. The clerk told him: “Mr. Moss, wait.”\n\n"
        "And he said, “My father could not vote.”"
    )
    assert quotes_of(text, "1996-11-03")[-1][:2] == ("My father could not vote.", "Otis Moss")


def test_unknown_speaker_is_kept_as_written_without_country():
    text = 'Headline\n\n"Sanctions will not change our course," Mr. Ivanov said on Friday.'
    quotes = extract_quotes(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert quotes.loc[0, "speaker"] == "Ivanov"
    assert pd.isna(quotes.loc[0, "speaker_country"])


def test_unclosed_quote_runs_to_the_end_of_its_paragraph_and_the_batch_goes_on():
    text = 'Headline\n\nMedvedev said: "We will never accept this plan\n\nObama spoke later.'
    assert quotes_of(text) == [
        ("We will never accept this plan", "Dmitry Medvedev", "direct", False)
    ]
    frame = pd.DataFrame(
        {"article_id": ["bad", "good"], "text": [text, 'T\n\n"Fine by us," Lavrov said.']}
    )
    quotes = extract_quotes(frame)
    assert quotes["closed"].tolist() == [False, True]


def test_scare_quotes_are_not_quotes():
    assert quotes_of('Headline\n\nThe "reset" was announced in Geneva.') == []


def test_transcript_turns(corpus_articles):
    transcript = corpus_articles[
        corpus_articles["article_id"].str.startswith("2013-05-07_state_kerry-lavrov")
    ]
    quotes = extract_quotes(transcript)
    assert set(quotes["kind"]) == {"turn"}
    assert quotes["speaker"].tolist()[:2] == ["Sergey Lavrov", "Sergey Lavrov"]
    assert "John Kerry" in set(quotes["speaker"])
    assert set(quotes["speaker_country"].dropna()) == {"RUS", "USA"}
    text = "Remarks\n\nPresident of The United States Barack Obama: Let me just make a brief statement.\n\nDMITRY MEDVEDEV: Thank you. We agree."
    assert quotes_of(text) == [
        ("Let me just make a brief statement.", "Barack Obama", "turn", True),
        ("Thank you. We agree.", "Dmitry Medvedev", "turn", True),
    ]


def test_corpus_quotes_are_unique_and_within_the_text(corpus_articles):
    quotes = extract_quotes(corpus_articles)
    assert quotes["quote_id"].is_unique
    texts = corpus_articles.set_index("article_id")["text"]
    assert all(texts[q.article_id][q.start : q.end] == q.text for q in quotes.itertuples())


PIECES = st.sampled_from([*"ab AB.,:;\"“”'\n-", "Lavrov", " said ", "Obama", " he ", "MODERATOR: "])
TEXT = st.lists(PIECES, max_size=80).map("".join)


@given(body=TEXT)
@settings(max_examples=200, deadline=None)
def test_any_text_gives_quotes_inside_it_and_never_raises(body):
    text = "Headline\n\n" + body
    quotes = article_quotes(text)
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
    # Quotation-mark quotes never overlap (a nested quotation is part of its quote).
    marked = sorted((q.start, q.end) for q in quotes if q.kind != "turn")
    assert all(end <= start for (_, end), (start, _) in zip(marked, marked[1:], strict=False))


def test_a_title_resolves_to_the_speaker_of_the_day():
    text = 'Headline\n\nThe Russian president said: "We will respond to any deployment."'
    assert quotes_of(text, "2011-05-27")[0][1] == "Dmitry Medvedev"
    assert quotes_of(text, "2013-06-17")[0][1] == "Vladimir Putin"


def test_a_missing_text_gives_no_quotes_and_the_batch_goes_on():
    articles = pd.DataFrame(
        {"article_id": ["a", "b"], "text": [None, 'T\n\n"We agree on this," Lavrov said.']}
    )
    assert extract_quotes(articles)[["article_id", "speaker"]].to_numpy().tolist() == [
        ["b", "Sergey Lavrov"]
    ]


def test_remarks_by_one_speaker_and_a_bare_title_resolved_by_the_source(corpus_articles):
    remarks = corpus_articles[corpus_articles["article_id"].str.startswith("2009-09-17_whitehouse")]
    quotes = extract_quotes(remarks)
    assert len(quotes) >= 2 and set(quotes["kind"]) == {"turn"}
    assert set(zip(quotes["speaker"], quotes["speaker_country"], strict=True)) == {
        ("Barack Obama", "USA")
    }
    text = "Remarks\n\nTHE PRESIDENT: Good evening. We signed the treaty today."
    kremlin = pd.DataFrame(
        {
            "article_id": ["k"],
            "text": [text],
            "source": ["en.kremlin.ru (President of Russia)"],
            "published": [pd.Timestamp("2011-05-27")],
        }
    )
    assert extract_quotes(kremlin).loc[0, "speaker"] == "Dmitry Medvedev"
    unknown = extract_quotes(kremlin.drop(columns="source"))  # whose president? not known
    assert pd.isna(unknown.loc[0, "speaker"]) and pd.isna(unknown.loc[0, "speaker_country"])


def test_presidency_project_labels_end_with_a_period(corpus_articles):
    remarks = corpus_articles[
        corpus_articles["article_id"].str.startswith("2012-06-18_presidency-ucsb")
    ]
    quotes = extract_quotes(remarks)
    assert set(quotes["speaker"]) == {"Barack Obama", "Vladimir Putin"}
    assert not quotes["text"].str.startswith(("President Putin.", "President Obama.")).any()


def test_an_excerpt_that_opens_with_a_summary_then_one_labelled_turn(corpus_articles):
    deauville = corpus_articles[corpus_articles["article_id"].str.contains("deauville")]
    quotes = extract_quotes(deauville)
    assert len(quotes) == 3
    assert set(quotes["speaker"]) == {"Barack Obama"} and set(quotes["kind"]) == {"turn"}
    assert quotes["text"].iloc[0].startswith("Let me just make a brief statement.")


def test_a_labelled_subheading_does_not_open_a_turn():
    text = (
        "Talks stall\n\nRussian officials met their US counterparts in Geneva.\n\n"
        'Lavrov: no deal yet\n\n"We are not there yet," Lavrov told reporters after the talks.'
    )
    assert quotes_of(text) == [("We are not there yet", "Sergey Lavrov", "direct", True)]


def test_a_dateline_does_not_make_a_transcript():
    for dateline in ("MOSCOW", "Washington"):
        text = (
            f"Talks stall\n\n{dateline}: Russian officials met their US counterparts on Friday.\n\n"
            '"We are not there yet," Lavrov told reporters after the talks.'
        )
        assert quotes_of(text) == [("We are not there yet", "Sergey Lavrov", "direct", True)]


def test_a_speech_opening_with_a_salutation_is_one_turn_and_its_pull_quotes_are_the_speakers():
    text = (
        "Address to the Federal Assembly\n\nThe President spoke of the economy.\n\n"
        "President of Russia Vladimir Putin: Citizens of Russia,\n\n"
        "We have done a great deal in these years, and much remains to do.\n\n"
        "“Russia must be a sovereign and influential country.”\n\nThat ends it."
    )
    found = quotes_of(text, "2012-12-12")
    assert [speaker for _, speaker, _, _ in found] == ["Vladimir Putin"] * 5
    pull = [q for q in article_quotes(text, pd.Timestamp("2012-12-12")) if q.kind == "direct"]
    assert [(text[q.start : q.end], q.cue) for q in pull] == [
        ("Russia must be a sovereign and influential country.", "pull quote")
    ]


def test_a_pull_quote_needs_a_speaker_and_a_paragraph_of_its_own():
    text = "Talks\n\nThe talks went on.\n\n“Russia must be a sovereign and influential country.”"
    assert quotes_of(text)[0][1] is None  # a news story has no speaker of its own
    speech = [q.speaker for q in article_quotes(text, None, speaker="Barack Obama")]
    assert speech == ["Barack Obama"]
    inline = "Talks\n\nHe read “the treaty is void and must be ended,” and sat down."
    unclosed = "Talks\n\nThe talks went on.\n\n“Take me in, oh, tender woman, said the snake"
    for other in (inline, unclosed):
        assert [q.speaker for q in article_quotes(other, None, speaker="Barack Obama")] == [None]


def test_a_country_quoted_in_a_transcript_opens_no_turn():
    text = (
        "Meeting\n\nVladimir Putin: Here is what the states wrote to the court.\n\n"
        "The United Kingdom: “Secession does not contradict international law in itself.”\n\n"
        "So here you are."
    )
    quotes = article_quotes(text, pd.Timestamp("2014-10-24"))
    assert [(q.kind, q.speaker, q.speaker_country) for q in quotes] == [
        ("turn", "Vladimir Putin", "RUS"),
        ("turn", "Vladimir Putin", "RUS"),
        ("direct", None, "GBR"),
        ("turn", "Vladimir Putin", "RUS"),
    ]
    body = text.replace("The United Kingdom", "The European Union")
    quotes = article_quotes(body, pd.Timestamp("2014-10-24"))
    assert [q.speaker for q in quotes if q.kind == "turn"] == ["Vladimir Putin"] * 3


TURN = (
    "We welcome the agreement and thank our partners. The talks were long.\n\n"
    "Sanctions might be imposed. They recalled their ambassador, a hostile step."
)


def test_a_turn_is_scored_as_its_sentences_weighted_by_their_words():
    from analysis.quotes import score_quotes
    from analysis.segment import passage_sentences

    quotes = pd.DataFrame(
        {"quote_id": ["t", "d"], "text": [TURN, TURN], "kind": ["turn", "direct"]}
    )
    scored = score_quotes(quotes).set_index("quote_id")
    parts = score_tone(score_sentiment(pd.DataFrame({"text": passage_sentences(TURN)})))
    assert len(parts) == 4
    words = parts["text"].str.split().str.len()
    turn = scored.loc["t"]
    for column in ("neg", "neu", "pos", "compound", "tone", "relations"):
        assert turn[column] == pytest.approx((parts[column] * words).sum() / words.sum())
    assert turn["cooperation"] == pytest.approx(parts["cooperation"].sum())
    assert turn["conflict"] == pytest.approx(parts["conflict"].sum())
    with_events = parts[parts["quad_class"].notna()]
    assert turn["goldstein"] == pytest.approx(with_events["goldstein"].mean())
    strongest = with_events.loc[with_events["goldstein"].abs().idxmax(), "quad_class"]
    assert turn["quad_class"] == strongest and bool(turn["hedged"])
    # A direct quote is one text, scored as one: here the four sentences at once.
    whole = score_tone(score_sentiment(pd.DataFrame({"text": [TURN]}))).iloc[0]
    assert scored.loc["d", "compound"] == whole["compound"] != turn["compound"]


def test_a_long_turn_does_not_read_as_extreme():
    from analysis.quotes import score_quotes

    turn = " ".join(["We had a good and useful meeting."] * 8)
    scored = score_quotes(pd.DataFrame({"quote_id": ["t"], "text": [turn], "kind": ["turn"]}))
    one = score_sentiment(pd.DataFrame({"text": ["We had a good and useful meeting."]}))
    assert scored["compound"].iloc[0] == pytest.approx(one["compound"].iloc[0])
    assert score_sentiment(pd.DataFrame({"text": [turn]}))["compound"].iloc[0] > 0.98


def test_the_sentences_of_a_corpus_build_give_the_same_quote_scores():
    from analysis import load_articles, split_sentences
    from analysis.config import RAW_DIR

    articles = load_articles(sorted((RAW_DIR / "kremlin").glob("*.txt"))[:12])
    sentences = articles.pipe(split_sentences).pipe(score_sentiment).pipe(score_tone)
    reused = extract_quotes(articles, sentences=sentences)
    assert (reused["kind"] == "turn").sum() > 100
    pd.testing.assert_frame_equal(reused, extract_quotes(articles), rtol=0, atol=1e-12)
