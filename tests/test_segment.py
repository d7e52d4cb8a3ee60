import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import split_sentences
from analysis.schema import SENTENCES


def one(text: str) -> pd.DataFrame:
    return split_sentences(pd.DataFrame({"article_id": ["a"], "text": [text]}))


def test_offsets_slice_back_on_the_whole_corpus(corpus_articles):
    sentences = split_sentences(corpus_articles)
    texts = corpus_articles.set_index("article_id")["text"]
    for row in sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text


def test_sentences_follow_the_contract(seed_sentences):
    for column, (dtype, _) in SENTENCES.items():
        assert str(seed_sentences[column].dtype) == dtype, column
    assert seed_sentences["sentence"].tolist() == list(range(len(seed_sentences)))


def test_seed_headings(seed_sentences):
    headings = seed_sentences[seed_sentences["is_heading"]]["text"].tolist()
    assert headings == ["US, Russia G8 missile talks hit stone wall", "Security needs"]


def test_seed_quote_sentences(seed_sentences):
    texts = seed_sentences["text"].tolist()
    assert (
        "Obama's top Russia adviser Mike McFaul put the problem plainly after the meeting "
        'with the Russians: "They don\'t believe us."'
    ) in texts
    assert '"This is a very hard issue," McFaul said.' in texts
    assert (
        '"And this would be a sound foundation for cooperation between our two countries '
        'in the future."'
    ) in texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. and Russia met on Jan. 5 at 10 a.m. in Geneva. Then they left.",
         ["The U.S. and Russia met on Jan. 5 at 10 a.m. in Geneva.", "Then they left."]),
        ('Mr. Lavrov said "no." Then he left.', ['Mr. Lavrov said "no."', "Then he left."]),
        ('He said "the U.S. will act." and left. Dr. Smith came.',
         ['He said "the U.S. will act." and left.', "Dr. Smith came."]),
        ("Is it over? No! It goes on.", ["Is it over?", "No!", "It goes on."]),
    ],
)  # fmt: skip
def test_news_abbreviations_and_quotes(text, expected):
    assert one(f"Headline\n\n{text}")["text"].tolist()[1:] == expected


def test_sentences_inside_a_quotation_are_split():
    text = (
        '"There is old thinking, frankly. This is a new challenge," Mr. McFaul said. "Thank you."'
    )
    sentences = one(f"Headline\n\n{text}")["text"].tolist()
    assert sentences == [
        "Headline",
        '"There is old thinking, frankly.',
        'This is a new challenge," Mr. McFaul said.',
        '"Thank you."',
    ]


def test_abbreviations_inside_a_quotation_do_not_split():
    text = '"Mr. Lavrov and the U.S. delegation met at 10 a.m. on Jan. 5," he said.'
    assert one(f"Headline\n\n{text}")["text"].tolist()[1:] == [text]


TOKENS = [*"abcXYZ .,!?\"'-", "U.S.", "Mr.", " ", "\u201c", "\u201d", "Jan. 5"]
PARAGRAPH = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40).map("".join)


@given(st.lists(PARAGRAPH, min_size=1, max_size=6))
def test_offsets_slice_back_property(paragraphs):
    text = "\n\n".join(p.strip() for p in paragraphs if p.strip()) or "x"
    sentences = one(text)
    for row in sentences.itertuples():
        assert text[row.start : row.end] == row.text
        assert row.text == row.text.strip() and row.text


def test_missing_column_is_named():
    with pytest.raises(ValueError, match=r"missing column\(s\) \['text'\]"):
        split_sentences(pd.DataFrame({"article_id": ["a"]}))
