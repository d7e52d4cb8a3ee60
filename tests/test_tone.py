import math

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import normalize

from analysis import explain, score_tone, tone_model
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
    rules = dict(zip(rows["token"], rows["rule"], strict=True))
    assert rules["United States"] == "entity guard"
    assert rules["stone wall"] == "phrase"
    assert rules["breakthrough"] == "overlay"
    assert rules["threatened"] == "lexicon"
    modifiers = dict(zip(rows["token"], rows["modifier"], strict=True))
    assert modifiers["breakthrough"] == "negation"


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
        ("Moscow expelled two diplomats.", "166"),
        ("Medvedev said he was optimistic.", "012"),
    ],
)
def test_event_cues(text, cameo):
    assert cameo in [cue.cameo for cue, _ in find_events(text)]


def test_negated_cue_does_not_fire():
    assert not [c for c, _ in find_events("Russia did not threaten Georgia.") if c.cameo == "130"]


def test_goldstein_columns():
    scored = score_tone(
        pd.DataFrame(
            {"text": ["Moscow expelled diplomats and threatened Kiev.", "Nothing happened."]}
        )
    )
    first = scored.iloc[0]
    assert (first["cooperation"], first["conflict"], first["goldstein"]) == (0.0, 11.0, -5.5)
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
