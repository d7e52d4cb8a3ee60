import math

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import normalize

from analysis import explain, score_sentiment, score_tone, tone_model
from analysis.tone import (
    LexiconError,
    compile_cue,
    find_events,
    is_hedged,
    read_lexicon,
    word_contributions,
)

# The table: plain VADER gets these wrong or misses them.
DIPLOMATIC_SIGNS = [
    ("This underscores an enduring mistrust underlying the US-Russia relationship despite gradual thawing.", -1),
    ("US, Russia G8 missile talks hit stone wall", -1),
    ("Relations remained cool.", -1),
    ("Russia threatened the United States.", -1),
    ("The United Nations Security Council met.", 0),
    ("Sanctions were not lifted.", -1),
    ("The two leaders hailed a breakthrough and a thaw in relations.", 1),
    ("Moscow warned of a new arms race and a return to the Cold War.", -1),
    ("Talks reached a stalemate.", -1),
    ("The national security adviser spoke to the Justice Department.", 0),
]  # fmt: skip


def sign(value: float) -> int:
    return 0 if abs(value) < 0.05 else int(math.copysign(1, value))


@pytest.mark.parametrize(("text", "expected"), DIPLOMATIC_SIGNS)
def test_tone_reads_diplomacy(text, expected):
    assert sign(score_tone(pd.DataFrame({"text": [text]}))["tone"][0]) == expected


def test_cool_is_praise_outside_diplomacy():
    tones = score_tone(
        pd.DataFrame({"text": ["That skateboard trick was cool.", "Relations were cool."]})
    )
    assert tones["tone"][0] > 0 > tones["tone"][1]


def test_tone_keeps_vader_rules():
    tones = score_tone(
        pd.DataFrame(
            {
                "text": [
                    "Mistrust remains.",
                    "There is no mistrust.",
                    "There is VERY deep mistrust!!",
                ]
            }
        )
    )["tone"]
    assert tones[0] < 0 < tones[1]
    assert tones[2] < tones[0]


@pytest.mark.parametrize(
    "text",
    [t for t, _ in DIPLOMATIC_SIGNS]
    + [
        "The talks were NOT good but the reset was very warm!!",
        "Is this a breakthrough?",
        "",
        "Ok",
    ],
)
def test_explanation_reproduces_tone(text):
    summed = explain(text)["valence"].sum()
    tone = score_tone(pd.DataFrame({"text": [text]}))["tone"][0]
    assert (normalize(summed) if summed else 0.0) == pytest.approx(tone, abs=1e-4)


def test_word_contributions_with_user_lexicon():
    texts = ["Talks were gridlocked.", "Talks were gridlocked again.", "A thaw began."]
    table = word_contributions(texts, lexicon={"gridlocked": -1.5}).set_index("token")
    assert table.loc["gridlocked", "count"] == 2
    assert table.loc["gridlocked", "valence"] == pytest.approx(-3.0)
    assert table.loc["thaw", "rule"] == "overlay"
    assert word_contributions([]).empty


def test_explanation_names_the_rules():
    rows = explain(
        "Russia threatened the United States; talks hit a stone wall, not a breakthrough."
    )
    words = rows[rows["rule"] != "event"]
    rules = dict(zip(words["token"], words["rule"], strict=True))
    assert rules["United States"] == "entity guard"
    assert rules["stone wall"] == "phrase"
    assert rules["breakthrough"] == "overlay"
    assert rules["threatened"] == "lexicon"
    modifiers = dict(zip(words["token"], words["modifier"], strict=True))
    assert modifiers["breakthrough"] == "negation"
    assert modifiers["threatened"] == "event"  # the word counts once, as the event
    event = rows[rows["rule"] == "event"].iloc[0]
    assert (event["token"], event["cameo"], event["goldstein"]) == ("threatened", "130", -6.0)


def test_user_lexicon_additions():
    text = "The Magnitsky Act passed and talks were gridlocked."
    assert score_tone(pd.DataFrame({"text": [text]}))["tone"][0] == 0
    custom = score_tone(
        pd.DataFrame({"text": [text]}), lexicon={"gridlocked": -1.5, "Magnitsky Act": 0}
    )
    assert custom["tone"][0] < 0
    assert tone_model({"cool": 2.0}).score("Relations were cool.") > 0  # replaces the shipped sense


def test_bad_lexicon_file_names_the_line(tmp_path):
    path = tmp_path / "lexicon.tsv"
    path.write_text("term\tvalence\tkind\nthaw\t1.2\tword\nicy\tvery\tword\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lexicon\.tsv: line 3"):
        read_lexicon(path)


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("The presidents signed the New START treaty.", "057"),
        ("The sides engaged in negotiations.", "046"),
        ("Russia threatened Georgia.", "130"),
        ("Russia threatened to use military force.", "138"),
        ("Washington imposed sanctions on Moscow.", "163"),
        ("Moscow expelled two diplomats.", "161"),  # CAMEO's verb + object beats the verb
        ("Medvedev said he was optimistic.", "012"),
    ],
)
def test_event_cues(text, cameo):
    assert cameo in [event.cue.cameo for event in find_events(text)]


def test_negated_cue_does_not_fire():
    assert not [e for e in find_events("Russia did not threaten Georgia.") if e.cue.cameo == "130"]


def test_goldstein_columns():
    scored = score_tone(
        pd.DataFrame(
            {"text": ["Moscow expelled diplomats and threatened Kiev.", "Nothing happened."]}
        )
    )
    first = scored.iloc[0]
    assert (first["cooperation"], first["conflict"], first["goldstein"]) == (0.0, 10.0, -5.0)
    assert first["quad_class"] == "verbal conflict"
    assert scored.iloc[1]["goldstein"] == 0.0 and pd.isna(scored.iloc[1]["quad_class"])


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("Medvedev suggested the problem wouldn't be solved anytime soon.", True),
        ("Whether it works remains to be seen.", True),
        ("We might lay the foundation.", True),
        ("They met in May 2011.", False),
        ("The treaty was signed.", False),
    ],
)
def test_hedging(text, hedged):
    assert is_hedged(text) is hedged


def test_cue_gap():
    assert compile_cue("sign* ... treaty").search("signed a new strategic arms treaty")
    assert not compile_cue("sign* ... treaty").search("signed one two three four five six treaty")


def test_seed_tone_beside_compound(seed_sentences):
    scored = score_tone(seed_sentences)
    by_text = scored.set_index("text")
    headline = by_text.loc["US, Russia G8 missile talks hit stone wall"]
    assert headline["compound"] == 0 and headline["tone"] < 0
    cool = by_text.loc["Medvedev also appeared cool, and leaned away from Obama as he talked."]
    assert cool["compound"] > 0 > cool["tone"]
    assert scored["hedged"].any()


# The sentences a diplomat reads by what happened, not by the words.
EVENT_SIGNS = [
    ("Thousands of soldiers were moved to the border region over the weekend.", -1),
    ("The measures freeze the assets of three state banks and bar new lending to energy firms.", -1),
    ("Washington recalled its ambassador for consultations.", -1),
    ("The two defense chiefs found common ground on an issue that was taboo in the Cold War.", 1),
    ("The two sides exchanged prisoners at the border.", 1),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), EVENT_SIGNS)
def test_events_give_the_diplomats_sign(text, expected):
    assert sign(score_tone(pd.DataFrame({"text": [text]}))["tone"][0]) == expected
    events = explain(text).query("rule == 'event'")
    assert len(events) and (events["valence"] * expected > 0).any()


IDIOMS = [
    ("The two ministers found common ground on trade.", 1),
    ("The talks were constructive.", 1),
    ("Differences emerged over missile defence.", -1),
    ("The leaders had a frank exchange of views.", -1),
    ("The meeting with the Russian minister was business-like.", -1),
    ("The president was candid about the differences with Moscow.", -1),
    ("The ball is in their court now.", -1),
    ("Moscow said the deployment crossed a red line.", -1),
    ("Both sides warned of further escalation.", -1),
    ("Both sides agreed to de-escalate.", 1),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), IDIOMS)
def test_idioms_have_their_diplomatic_sense(text, expected):
    assert sign(score_tone(pd.DataFrame({"text": [text]}))["tone"][0]) == expected


def test_contrast_inside_an_event_is_out_of_scope():
    rows = explain("They found common ground on an issue that was taboo in the Cold War.")
    cold_war = rows.set_index("token").loc["Cold War"]
    assert (cold_war["valence"], cold_war["modifier"]) == (0.0, "scope")
    # Outside a relative clause after the event, the same words count.
    alone = explain("The issue was taboo in the Cold War.").set_index("token")
    assert alone.loc["Cold War", "valence"] < 0


def test_negated_event_moves_nothing_and_counts_nothing():
    text = "Russia did not threaten Georgia."
    scored = score_tone(pd.DataFrame({"text": [text]})).iloc[0]
    assert scored["conflict"] == 0 and pd.isna(scored["quad_class"])
    event = explain(text).query("rule == 'event'").iloc[0]
    assert (event["valence"], event["modifier"], event["cameo"]) == (0.0, "negation", "130")


def test_hedged_event_counts_half():
    texts = ["The EU might impose sanctions on Russia.", "The EU imposed sanctions on Russia."]
    hedged, done = score_tone(pd.DataFrame({"text": texts})).itertuples()
    assert done.tone < hedged.tone < 0
    assert hedged.conflict == done.conflict / 2 == 4.0
    event = explain(texts[0]).query("rule == 'event'").iloc[0]
    assert (event["modifier"], event["cameo"]) == ("hedged", "163")


def test_a_verb_read_as_a_noun_is_no_event():
    assert "060" not in [e.cue.cameo for e in find_events("They discussed an issue.")]
    assert "060" in [e.cue.cameo for e in find_events("They issue permits.")]


def test_a_cue_does_not_run_across_a_clause():
    assert not [e for e in find_events("The act passed, and talks began.") if e.cue.cameo == "036"]


def test_one_word_cues_move_tone_only_in_diplomatic_context():
    # "attack" is an event word; in a review it moves no tone beyond VADER's own.
    text = "The critics attack the film."
    assert [e.cue.cameo for e in find_events(text)] == ["180"]
    scored = score_tone(score_sentiment(pd.DataFrame({"text": [text]}))).iloc[0]
    assert scored["tone"] == scored["compound"] and scored["conflict"] == 9.0


def test_explain_command_shows_events(capsys):
    from analysis.cli import main

    assert main(["explain", "Washington recalled its ambassador for consultations."]) == 0
    out = capsys.readouterr().out
    assert "event: 'recalled its ambassador' CAMEO 161 (material conflict, Goldstein -4" in out
    assert "recalled its ambassador" in out.split("\n\n")[-1]  # a row of the table


def test_purpose_clause_of_cooperation_is_out_of_scope():
    text = "The presidents discussed their joint efforts to fight terrorism."
    rows = explain(text)
    assert rows.query("rule == 'event'")["cameo"].tolist() == ["060"]
    assert (rows.query("modifier == 'scope'")["lexicon_valence"] < 0).all()
    assert score_tone(pd.DataFrame({"text": [text]}))["tone"][0] > 0


def test_threads_sharing_the_model_get_the_scores_of_one_thread(corpus_articles):
    from concurrent.futures import ThreadPoolExecutor

    from analysis import split_sentences

    texts = split_sentences(corpus_articles)["text"].tolist()[:400]
    model = tone_model()
    alone = [model.read(text) for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            assert list(pool.map(model.read, texts)) == alone


def test_tone_read_in_batches_equals_one_reading(seed_sentences, monkeypatch):
    import analysis.tone

    whole = score_tone(seed_sentences.iloc[::-1])  # an index out of order, too
    monkeypatch.setattr(analysis.tone, "TONE_BATCH", 7)
    batched = score_tone(seed_sentences.iloc[::-1])
    assert len(seed_sentences) > 2 * 7
    pd.testing.assert_frame_equal(whole, batched)
