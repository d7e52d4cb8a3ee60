"""Who speaks: transcript labels, message senders, pronouns, documents' own speakers, dyads."""

import pandas as pd
import pytest

from analysis import document_speakers, dyads, extract_quotes, quoted_mentions
from analysis.actors import gazetteer
from analysis.attribution import DocumentNames, label_voice, split_title
from analysis.config import REALWORLD_DIR
from analysis.pipeline import score_articles
from analysis.quotes import article_quotes, label_spans, marked_spans


def said(text, date="2011-05-27", **options):
    """(quoted text, speaker, country) of each quote of ``text``."""
    return [
        (text[q.start : q.end], q.speaker, q.speaker_country)
        for q in article_quotes(text, pd.Timestamp(date), **options)
    ]


def names(date="2019-05-01", home="RUS", text=""):
    return DocumentNames(text, pd.Timestamp(date), gazetteer(), home)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Minister of Finance Anton Siluanov", ("Anton Siluanov", "RUS")),
        ("Speaker of the Moscow City Duma Vladimir Platonov", ("Vladimir Platonov", "RUS")),
        ("Head of the Federal Archive Agency Andrei Artizov", ("Andrei Artizov", "RUS")),
        ("President of Russia Vladimir Putin", ("Vladimir Putin", "RUS")),
        ("THE PRESIDENT", ("Vladimir Putin", "RUS")),  # the home country's president then
        ("Question", (None, None)),
        ("Q", (None, None)),
        ("Audience members", (None, None)),
        ("Reply", (None, None)),
    ],
)
def test_a_label_names_the_person_at_its_end_and_the_country_of_its_office(label, expected):
    assert tuple(label_voice(label, names())) == expected


def test_a_surname_label_takes_the_full_name_the_document_gives():
    document = names("2021-05-01", "USA", "Press secretary Jen Psaki briefed reporters.")
    assert label_voice("MS. PSAKI", document).speaker == "Jen Psaki"
    assert split_title("Acting Under Secretary Bryan") == ("Acting Under Secretary", "Bryan")


def test_a_surname_takes_the_full_name_given_after_a_title_or_before_jr():
    text = (
        "Reverend Otis Moss spoke. Martin Luther King Jr. said it here. "
        "Then Mr. Moss and Dr. King left."
    )
    document = names("1996-11-03", "USA", text)
    assert document.resolve_name("Moss").speaker == "Otis Moss"
    assert document.resolve_name("King").speaker == "Martin Luther King Jr"


def test_turns_resolve_to_the_named_person_not_the_title_or_its_country():
    text = (
        "Meeting on the budget\n\n"
        "Vladimir Putin: Good afternoon, colleagues. Let us begin with the budget.\n\n"
        "Minister of Finance Anton Siluanov: Revenues were higher than planned this year.\n\n"
        "Speaker of the Moscow City Duma Vladimir Platonov: Moscow supports the plan.\n\n"
        "Question: Mr President, what about sanctions from the United States?\n\n"
        "Anton Siluanov: We have taken them into account."
    )
    quotes = article_quotes(text, pd.Timestamp("2019-05-01"), source="President of Russia")
    assert [(q.speaker, q.speaker_country) for q in quotes] == [
        ("Vladimir Putin", "RUS"),
        ("Anton Siluanov", "RUS"),
        ("Vladimir Platonov", "RUS"),
        (None, None),
        ("Anton Siluanov", "RUS"),  # keeps the country of his titled label
    ]


def test_a_journalist_who_names_herself_is_the_speaker_of_her_question():
    text = (
        "News conference\n\nVladimir Putin: Go ahead, please.\n\n"
        "Question: Mr President, I am from Vladivostok. My name is Maria Solovyenko. "
        "Will the bridge be built?"
    )
    assert said(text, "2012-12-20")[1][1] == "Maria Solovyenko"


def test_the_president_of_a_speech_is_its_speaker_and_says_i():
    text = (
        "Remarks on Russia\n\n"
        "THE PRESIDENT: Thank you all. Five years ago I promised the American people that "
        '"we will stand with our allies in Europe." (Applause.)\n\n'
        "Q: Mr. President, what about Russia?\n\n"
        "THE PRESIDENT: We will keep talking to Moscow."
    )
    quotes = said(text, "1992-05-01", speaker="George H. W. Bush")
    assert [(q[1], q[2]) for q in quotes] == [
        ("George H. W. Bush", "USA"),
        ("George H. W. Bush", "USA"),  # "I promised …" inside his turn
        (None, None),
        ("George H. W. Bush", "USA"),
    ]


def test_a_debate_with_period_labels():
    text = (
        "Debate\n\nMr. Lehrer. Good evening. I'm Jim Lehrer of PBS and I will moderate tonight.\n\n"
        "Governor Clinton. I believe we can do better than this.\n\n"
        "Mr. Lehrer. Thank you. Next question."
    )
    quotes = said(text, "1992-10-11")
    assert [q[1] for q in quotes] == ["Jim Lehrer", quotes[1][1], "Jim Lehrer"]
    assert quotes[1][1].endswith("Clinton")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Messages\n\nMr Putin's message to US President George Bush said: "
            '"We share your grief and stand with the American people."',
            "Vladimir Putin",
        ),
        (
            "Greetings\n\nPresident Vladimir Putin sent a message to George W. Bush.\n\n"
            "The message said, in part:\n\n“I am counting on an intensive and constructive dialogue.”",
            "Vladimir Putin",
        ),
        (
            "Talks\n\n“We are close to a deal,” the Russian Foreign Minister said after the talks.",
            "Sergey Lavrov",
        ),
        (
            "Talks\n\n“It is my task,” Lavrov said, “to report to the President on the talks.”",
            "Sergey Lavrov",
        ),
        (
            "Talks\n\nLavrov told reporters: «Both sides want this to work out well.»",
            "Sergey Lavrov",
        ),
        ("Talks\n\nLavrov said, ``Both sides want this to work out well.''", "Sergey Lavrov"),
        ("Talks\n\nLavrov said, ''Both sides want this to work out well.''", "Sergey Lavrov"),
        (
            "Talks\n\nLavrov met reporters. ‘Both sides want this to work,’ he said.",
            "Sergey Lavrov",
        ),
    ],
)
def test_attribution_by_name_title_pronoun_possessive_and_every_mark(text, speaker):
    quotes = said(text, "2008-09-15")
    assert quotes and {q[1] for q in quotes} == {speaker}


@pytest.mark.parametrize(
    "text",
    [
        "Treaty\n\nThe treaty reads:\n\nItem 1. The Parties shall reduce their arsenals. "
        '"Each Party shall reduce its strategic arms in accordance with this Treaty."',
        'Treaty\n\nSubject: strategic arms. "Each Party shall reduce its strategic offensive arms."',
        'Remarks\n\nIf I\'m right, "the talks will go on for a long time yet."',
        'Remarks\n\nEurope: "the talks will go on for a long time yet," one diplomat remarked.',
        'Remarks\n\nThey say, "Check your law, this is public data now."',
        "Remarks\n\nAnd we remember the words of the carol, written during the Civil War: "
        '"God is not dead, nor doth He sleep."',
    ],
)
def test_a_speaker_that_cannot_be_found_is_na_never_a_word(text):
    quotes = said(text, "2010-04-08")
    assert quotes and all(q[1] is None for q in quotes)


def test_marks_of_every_style():
    text = "«Мы согласны», he said; ''fine by us'' and ``fine by them''; it’s “done”."
    assert [text[s:e] for s, e, _, _ in marked_spans(text)] == [
        "Мы согласны",
        "fine by us",
        "fine by them",
        "done",
    ]


def test_turn_labels_are_not_mentions():
    articles = pd.DataFrame(
        {
            "article_id": ["k"],
            "text": [
                "Talks\n\nVladimir Putin: We discussed relations with the United States.\n\n"
                "John Kerry: The United States and Russia agree, Mr Putin."
            ],
            "published": [pd.Timestamp("2013-05-07")],
        }
    )
    text = articles.loc[0, "text"]
    spans = label_spans(extract_quotes(articles), articles)
    assert [text[s:e] for s, e in spans[["start", "end"]].to_numpy()] == [
        "Vladimir Putin: ",
        "John Kerry: ",
    ]
    _, mentions, _ = score_articles(articles)
    assert "John Kerry" not in set(mentions["actor"])  # only in a label
    assert (mentions["actor"] == "Vladimir Putin").sum() == 1  # "Mr Putin", not the label
    assert (mentions["country"] == "USA").sum() == 2


def test_a_whole_speech_speaks_for_its_speaker_in_the_dyads():
    articles = pd.DataFrame(
        {
            "article_id": ["s", "n"],
            "text": [
                "Address\n\nRussia must respect its neighbours. "
                'As Lavrov said, "Russia will not accept this."',
                "News\n\nRussia and the United States met.",
            ],
            "published": [pd.Timestamp("2014-03-18")] * 2,
            "speaker": ["Barack Obama", None],
        }
    )
    documents = document_speakers(articles)
    assert documents[["article_id", "speaker", "speaker_country"]].to_numpy().tolist() == [
        ["s", "Barack Obama", "USA"]
    ]
    _, mentions, quotes = score_articles(articles)
    pairs = quoted_mentions(quotes, mentions, documents=documents)
    assert pairs[["surface", "speaker", "dyad", "via"]].to_numpy().tolist() == [
        ["Russia", "Barack Obama", "USA→RUS", "document"],
        ["Lavrov", "Barack Obama", "USA→RUS", "document"],  # Obama speaks of Lavrov
        ["Russia", "Sergey Lavrov", "RUS→RUS", "quote"],
    ]
    table = dyads(quotes, mentions, documents=documents, n_boot=10)
    row = table.set_index("dyad").loc["USA→RUS"]
    assert (row["n_mentions"], row["n_document_mentions"], row["n_quote_mentions"]) == (2, 2, 0)
    assert dyads(quotes, mentions, n_boot=10).empty  # quotes alone: Lavrov on Russia only


def test_document_speakers_from_the_issuer():
    articles = pd.DataFrame({"article_id": ["a"], "issuer": ["Russian Foreign Ministry"]})
    assert document_speakers(articles).loc[0, "speaker_country"] == "RUS"


@pytest.fixture(scope="module")
def speaker_accuracy():
    from analysis.evaluate import evaluate_speakers

    if not REALWORLD_DIR.is_dir():
        pytest.skip(f"needs the real-world documents in {REALWORLD_DIR.name}/ beside the clone")
    return evaluate_speakers(REALWORLD_DIR).set_index("subset")


@pytest.mark.shared
@pytest.mark.slow
def test_speaker_accuracy_on_the_real_world_gold_set(speaker_accuracy):
    assert speaker_accuracy.loc["all", "n"] == 171
    assert speaker_accuracy.loc["turns", "speaker"] >= 0.97
    assert speaker_accuracy.loc["quotes outside turns", "speaker"] >= 0.87
    assert speaker_accuracy.loc["turns", "both"] >= 0.8


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="speaker and country both right: 0.96 of turns and 0.64 of quotes outside turns; "
    "most misses are people the gazetteer does not list (private citizens quoted in "
    "speeches), kept by name with no country, and unnamed or collective speakers whose "
    "country only the story gives; the goals are 0.97 and 0.90",
)
def test_speaker_and_country_reach_the_goals(speaker_accuracy):
    assert speaker_accuracy.loc["turns", "both"] >= 0.97
    assert speaker_accuracy.loc["quotes outside turns", "both"] >= 0.90


def test_a_bare_name_label_takes_the_country_of_the_office_the_document_gives_it():
    text = (
        "Meeting\n\nPutin met Central Bank Chairman Sergei Ignatyev and Vladimir Kutyryov, "
        "Director of the Pasteur Institute. Robert Dudley came too.\n\n"
        "Vladimir Putin: How is lending?\n\nSergei Ignatyev: It grew by 12%.\n\n"
        "Vladimir Kutyryov: Tests are more sensitive now.\n\nRobert Dudley: Thank you."
    )
    quotes = said(text, "2012-06-01", source="President of Russia")
    assert [(q[1], q[2]) for q in quotes] == [
        ("Vladimir Putin", "RUS"),
        ("Sergei Ignatyev", "RUS"),
        ("Vladimir Kutyryov", "RUS"),
        ("Robert Dudley", None),  # no office given: no country guessed
    ]


def test_he_is_the_person_named_before_not_the_title_in_front_of_the_name():
    text = (
        "Speech\n\nSecretary of State Colin Powell was in the ROTC. In his own words, he said "
        'this, "The order and the self-discipline stayed with me."'
    )
    assert said(text, "1998-07-17")[0][1] == "Colin Powell"


def test_an_attribution_between_two_sentences_of_quotes_belongs_to_the_next():
    text = (
        "Talk\n\nVladimir Putin: I once talked to George W. Bush. He said, “What are you "
        "worried about? This is not against you.” I said, “Well then, we will have to build "
        "new systems.” He said, “You can do what you want.”"
    )
    quotes = said(text, "2013-12-19", source="President of Russia")
    assert [q[1] for q in quotes[1:]] == ["George W. Bush", "Vladimir Putin", "George W. Bush"]


def test_an_unnamed_person_who_said_is_no_one():
    text = (
        "Speech\n\nI saw an American President welcomed in Rangoon by a man who said, "
        "“There is hope for all of us now.”"
    )
    assert said(text, "2013-02-13", speaker="Barack Obama")[0][1] is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # "Jr." ends no sentence
            "Speech\n\nI make this statement mindful of what Martin Luther King Jr. said "
            "here years ago: “Violence never brings permanent peace.”",
            "Martin Luther King Jr",
        ),
        (  # "warning" is a speech verb, but "he" stands before the nearer "said"
            "Speech\n\nPresident Truman stood before a Republican Congress. This was his "
            'warning; he said, "If we falter, we may endanger the peace of the world."',
            "Harry S. Truman",
        ),
        (  # the sentence's subject is "he", two verbs before the speech verb
            "Speech\n\nRobert Kennedy believed in it. He spoke to the sons and daughters of "
            'immigrants and told them all, "As long as you stay apart, you will never win."',
            "Robert Kennedy",
        ),
        (  # a given name alone is the one person the document named with it
            "Speech\n\nYou see it in Melinda Lopez, who came to her family's old home. "
            "Melinda later said, “So many of us are now getting so much back.”",
            "Melinda Lopez",
        ),
        (
            "Speech\n\nBryan Ritterby was laid off. Today, it's hiring workers like Bryan, "
            "who said, “I'm proud to be working in the industry of the future.”",
            "Bryan Ritterby",
        ),
        (  # a force ("West Point") is no person "he" can be
            "Speech\n\nDwight Eisenhower recalled the first day he stood on the plain at West "
            'Point. "The feeling came over me," he said, "that I would serve the nation."',
            "Dwight D. Eisenhower",
        ),
        (  # "this man" is the man named last, as "he" is
            "Debate\n\nIt works in the private sector: Jim Burke and his task force. But this "
            'man said, "I will get you a million dollars a day."',
            "Jim Burke",
        ),
        (  # "I said" before the nearest verb: the document's speaker, not the one "called"
            "Briefing\n\nJoe Biden said, “He is a racist.” He called me a racist because I "
            "said, “We are shutting down entry from China.”",
            "Donald Trump",
        ),
    ],
)
def test_the_subject_of_the_nearest_speech_verb_is_the_speaker(text, speaker):
    found = said(text, "2010-01-01", speaker="Donald Trump")
    assert found[-1][1] == speaker


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (  # a judge's, senator's or soldier's title: the document's own country
            "Speech\n\nJustice Thurgood Marshall, the grandson of a slave, said, “The "
            "Government our Founders devised was defective from the start.”",
            "USA",
        ),
        (  # an office before the name, set off by a comma
            "Briefing\n\nThe governor of Louisiana, John Bel Edwards, was very nice. He said, "
            "“You don't have to build a second hospital.”",
            "USA",
        ),
        (  # a country in the description after the name
            "Remarks\n\nThe pastor, Reverend Otis Moss, one of America's great preachers, "
            "stood up. And he said, “My father could not vote in those days.”",
            "USA",
        ),
        (  # a bare office the home's listed holder has: a visitor's, country unknown
            "Address\n\nAs Prime Minister Allawi said in his speech to Congress, “Ordinary "
            "people are anxious to shoulder the burden.”",
            None,
        ),
        (  # an unnamed soldier: the document's own country, no speaker
            "Address\n\nAs one staff sergeant said, “I know that this day would mean a lot.”",
            "USA",
        ),
        (  # each place that names them is read: the second gives the office
            "Speech\n\nWe traveled with Senator and Mrs. Smithers. I think Senator Smithers "
            "said it best. He said, “This is like being ahead in the fourth quarter.”",
            "USA",
        ),
        (  # the office of an international organisation gives no country
            "Forum\n\nOPEC Secretary General Mohammed Sanusi Barkindo spoke next. "
            "Mohammed Sanusi Barkindo said, “We welcome the declaration of cooperation.”",
            None,
        ),
        (  # a place of the country after the name
            "Address\n\nEarlier this month, Kathy Blackwell, of Massachusetts, wrote me, "
            'saying, "My heart is aching."',
            "USA",
        ),
        (  # a place of the country before a description and the name; the document
            # noun of another clause is no subject
            "Address\n\nAfter the Declaration of Independence was signed, Virginia statesman "
            'John Page wrote to Thomas Jefferson: "We know the race is not to the swift."',
            "USA",
        ),
        (  # a place after "to" is where someone went, not where the name is from
            "Address\n\nThey learned of his arrival to Moscow that Jan Kowalczyk said, "
            '"We agreed to this wording only for tactics."',
            None,
        ),
        (  # no office given: no country guessed
            "Speech\n\nAs Gloria Gonzalez said after she embraced her sister, “You "
            "recognized me, but I didn't recognize you.”",
            None,
        ),
    ],
)
def test_an_unlisted_speaker_takes_the_country_of_the_office_the_document_gives(text, country):
    assert said(text, "2005-02-02", speaker="George W. Bush")[-1][2] == country


def test_a_surname_alone_is_the_person_named_in_full_before():
    text = (
        "Speech\n\nI appreciate very much Ron Colburn. It's called Operation Jump Start.\n\n"
        'I appreciate what Colburn said -- he puts it this way -- "They see us watching them," '
        "that's what he said, \"and they have decided they just can't get across.\""
    )
    assert [q[1] for q in said(text, "2007-04-09")] == ["Ron Colburn", "Ron Colburn"]


def test_a_given_name_alone_is_the_last_person_named_with_it():
    text = (
        "Speech\n\nGloria Estefan sang. You see it in Gloria Gonzalez, who met her sister. "
        "“You recognized me, but I didn't recognize you,” Gloria said after she embraced her."
    )
    assert said(text, "2016-03-22")[-1][1] == "Gloria Gonzalez"


def test_a_possessive_or_opening_word_is_no_given_name():
    from analysis.attribution import looks_like_name

    assert not looks_like_name("His Majesty") and not looks_like_name("This Week")
    assert looks_like_name("Otis Moss") and looks_like_name("Chris Lewis")
    assert not looks_like_name("Supreme Leader") and not looks_like_name("Foreign Minister")
    assert looks_like_name("Federico Mayor") and looks_like_name("Tris Speaker")
    assert not looks_like_name("New Jersey") and not looks_like_name("Los Angeles")  # places
    assert looks_like_name("Jackson Smith")  # a place's name opens it, but it is no place


def test_irans_supreme_leader_is_the_one_of_the_date_and_no_other_countrys():
    text = (
        "Remarks\n\nLast year Iran’s Supreme Leader stated, “Israel is a tumor that has to "
        "be removed.” We will not tolerate it."
    )
    assert said(text, "2019-09-24", speaker="Donald Trump")[0][1:] == ("Ali Khamenei", "IRN")
    assert said(text, "1985-09-24", speaker="Ronald Reagan")[0][1:] == ("Ruhollah Khomeini", "IRN")
    korea = "Remarks\n\nNorth Korea’s Supreme Leader said, “We will never give up our weapons.”"
    assert said(korea, "2019-09-24")[0][1:] == ("Kim Jong Un", "PRK")  # not Iran's leader


@pytest.mark.parametrize("lead", ["He said", "Rabin said"])
def test_a_titled_surname_named_before_is_the_listed_person_in_office(lead):
    text = f"Remarks\n\nI met Prime Minister Rabin this morning. {lead}, “Peace is within reach.”"
    found = said(text, "1993-09-13", speaker="Bill Clinton")
    assert found[-1][1:] == ("Yitzhak Rabin", "ISR")


def test_a_speaker_who_says_where_they_are_from_takes_its_country():
    text = (
        "News conference\n\nVladimir Putin: Go ahead, please.\n\n"
        "Question: Mr President, I am from Vladivostok. My name is Maria Solovyenko, "
        "Narodnoye Veche newspaper.\n\nVladimir Putin: I know.\n\n"
        "Maria Solovyenko: This was just for a warm-up."
    )
    turns = [q for q in said(text, "2012-12-20") if q[1] == "Maria Solovyenko"]
    assert [country for _, _, country in turns] == ["RUS", "RUS"]


def test_a_surname_with_a_capital_inside_is_taken_whole():
    text = (
        "Briefing\n\nGovernor Mike DeWine just announced that testing has been expanded, "
        "saying that the action “probably doubled, maybe even tripled testing in Ohio.”"
    )
    assert said(text, "2020-04-23", source="The White House")[0][1:] == ("Mike DeWine", "USA")
    found = gazetteer().find(
        "Secretary of the Army Ryan McCarthy spoke.", pd.Timestamp("2020-04-23")
    )
    assert [m.actor for m in found] == ["Ryan McCarthy"]
