"""The actor gazetteer and find_actors."""

import pandas as pd
import pytest

from analysis import find_actors, split_sentences
from analysis.actors import Gazetteer, gazetteer
from analysis.schema import MENTIONS, LexiconError
from conftest import write


def actors_of(text, date=None):
    return [
        (m.surface, m.actor, m.country)
        for m in gazetteer().find(text, pd.Timestamp(date) if date else None)
    ]


def test_countries_metonyms_and_adjectives():
    found = actors_of(
        "Washington and the Kremlin traded barbs; American and Russian diplomats met, and "
        "Moscow protested."
    )
    assert found == [
        ("Washington", "United States", "USA"),
        ("Kremlin", "Russia", "RUS"),
        ("American", "United States", "USA"),
        ("Russian", "Russia", "RUS"),
        ("Moscow", "Russia", "RUS"),
    ]


def test_us_is_case_sensitive_and_whole_word():
    # "US" inside "USSR" is no mention of the United States; the USSR is the Soviet Union.
    assert actors_of("Tell us about the USSR and U.S. policy") == [
        ("USSR", "Soviet Union", "SUN"),
        ("U.S.", "United States", "USA"),
    ]


@pytest.mark.parametrize(
    ("date", "who"),
    [
        ("2007-06-01", "Vladimir Putin"),
        ("2011-05-27", "Dmitry Medvedev"),
        ("2013-06-17", "Vladimir Putin"),
    ],
)
def test_titles_resolve_by_date(date, who):
    assert actors_of("the Russian president arrived", date) == [
        ("the Russian president", who, "RUS")
    ]


def test_unresolved_title_keeps_the_role():
    assert actors_of("The Russian president arrived") == [
        ("The Russian president", "president of Russia", "RUS")
    ]


def test_title_and_name_are_one_mention():
    found = actors_of(
        "US Secretary of State Hillary Clinton met Foreign Minister Sergey Lavrov", "2010-03-19"
    )
    assert found == [
        ("US Secretary of State Hillary Clinton", "Hillary Clinton", "USA"),
        ("Foreign Minister Sergey Lavrov", "Sergey Lavrov", "RUS"),
    ]


def test_seed_mentions_follow_the_contract(seed_articles, seed_sentences):
    mentions = find_actors(seed_sentences, articles=seed_articles)
    assert list(mentions.columns) == list(MENTIONS)
    assert mentions.dtypes.astype(str).to_dict() == {c: d for c, (d, _) in MENTIONS.items()}
    text = seed_articles.loc[0, "text"]
    assert all(text[r.start : r.end] == r.surface for r in mentions.itertuples())
    people = mentions.loc[mentions["actor_type"] != "country", "actor"].value_counts()
    assert {"Barack Obama", "Dmitry Medvedev", "Michael McFaul", "Ben Rhodes"} <= set(people.index)
    # "the Russian president" in May 2011 is Medvedev.
    assert mentions.loc[mentions["surface"] == "the Russian president", "actor"].tolist() == [
        "Dmitry Medvedev"
    ]


def test_no_mentions_gives_an_empty_contract_frame():
    sentences = split_sentences(
        pd.DataFrame({"article_id": ["a"], "text": ["Rain\n\nIt rained all day."]})
    )
    assert list(find_actors(sentences).columns) == list(MENTIONS)


def test_gazetteer_errors_name_the_file(tmp_path):
    actors = write(
        tmp_path / "actors.tsv", "actor\tcountry\tactor_type\taliases\nX\tUSA\tleader\tX\n"
    )
    roles = write(
        tmp_path / "roles.tsv",
        "actor\trole\tstart\tend\ttitles\nY\tpresident\t2001-01-01\t\tthe boss\n",
    )
    with pytest.raises(LexiconError, match=r"roles\.tsv: actor\(s\) \['Y'\]"):
        Gazetteer.read(actors, roles)
    write(roles, "actor\trole\tstart\tend\ttitles\nX\tpresident\tsoon\t\tthe boss\n")
    with pytest.raises(LexiconError, match=r"roles\.tsv: line 2: start is not a date"):
        Gazetteer.read(actors, roles)


def test_a_user_gazetteer_is_used(tmp_path, seed_sentences):
    actors = write(
        tmp_path / "actors.tsv",
        "actor\tcountry\tactor_type\taliases\nG8 summit\tG8\tevent\tsummit\n",
    )
    roles = write(tmp_path / "roles.tsv", "actor\trole\tstart\tend\ttitles\n")
    mentions = find_actors(seed_sentences, gazetteer_=Gazetteer.read(actors, roles))
    assert set(mentions["actor"]) == {"G8 summit"}


def test_a_missing_sentence_text_gives_no_mentions():
    sentences = pd.DataFrame(
        {
            "article_id": ["a", "a"],
            "sentence": [0, 1],
            "text": [None, "Moscow replied."],
            "start": [0, 10],
        }
    )
    assert find_actors(sentences)["surface"].tolist() == ["Moscow"]


def test_third_parties_and_their_leaders():
    text = (
        "Talks\n\nPrime Minister Gordon Brown met Angela Merkel in Berlin before the "
        "French delegation arrived from Paris."
    )
    articles = pd.DataFrame(
        {"article_id": ["a"], "text": [text], "published": [pd.Timestamp("2009-04-01")]}
    )
    mentions = find_actors(split_sentences(articles), articles=articles)
    assert mentions[["actor", "country"]].to_numpy().tolist() == [
        ["Gordon Brown", "GBR"],
        ["Angela Merkel", "DEU"],  # "in Berlin" is a place
        ["France", "FRA"],
        ["France", "FRA"],
    ]


def test_people_no_list_names_are_found_by_their_given_name():
    text = "Richard Wagoner of General Motors met Sergei Petrov’s brother at the Rose Garden."
    assert actors_of(text) == [
        ("Richard Wagoner", "Richard Wagoner", ""),
        ("Sergei Petrov", "Sergei Petrov", ""),
    ]
    assert actors_of("Christian Democratic leaders met at Victoria Falls.") == []
    # A name is whole or not taken: no "Lech Wa" of "Lech Wałęsa", no "Mir Interstate".
    assert actors_of("Lech Wałęsa met Alexander Van der Bellen.") == [
        ("Alexander Van der Bellen", "Alexander Van der Bellen", "")
    ]
    assert actors_of("Then Mir Interstate Television aired it.") == []
    # Only a listed given name opens a name; a listed person keeps their entry.
    assert actors_of("Zzyzx Wagoner met Victoria Nuland.") == [
        ("Victoria Nuland", "Victoria Nuland", "USA")
    ]


def test_an_unlisted_name_takes_no_country_from_the_issuer():
    articles = pd.DataFrame(
        {
            "article_id": ["k"],
            "text": ["Richard Wagoner spoke. Minister of Finance Anton Siluanov answered."],
            "published": [pd.Timestamp("2009-03-01")],
            "source": ["President of Russia"],
        }
    )
    mentions = find_actors(split_sentences(articles), articles=articles)
    assert mentions.set_index("actor")["country"].to_dict() == {
        "Richard Wagoner": "",
        "Anton Siluanov": "RUS",
    }


def kremlin_mentions(text, date):
    articles = pd.DataFrame(
        {
            "article_id": ["k"],
            "text": [text],
            "published": [pd.Timestamp(date)],
            "source": ["President of Russia"],
        }
    )
    mentions = find_actors(split_sentences(articles), articles=articles)
    return list(zip(mentions["surface"], mentions["actor"], mentions["country"], strict=True))


def test_a_title_and_a_surname_is_the_listed_person_in_office_then():
    assert kremlin_mentions("Mr Putin met Prime Minister Rabin and Mr Sechin.", "1993-09-13")[
        1:
    ] == [
        ("Prime Minister Rabin", "Yitzhak Rabin", "ISR"),
        ("Mr Sechin", "Sechin", ""),  # no Sechin in office in 1993
    ]
    # The article's own full name comes first; a doctor's title is no office.
    assert kremlin_mentions("Adnan Amin spoke. Mr Amin then met Dr. Rabin.", "2019-10-02") == [
        ("Adnan Amin", "Adnan Amin", ""),
        ("Mr Amin", "Adnan Amin", ""),
        ("Dr. Rabin", "Rabin", ""),
    ]


def test_a_titled_surname_takes_the_full_name_the_article_writes():
    from analysis.actors.find import full_name_in

    found = kremlin_mentions(
        "Varvara Ustinova of the Pushkin Museum spoke. Then Ms Ustinova asked a question.",
        "2017-06-15",
    )
    assert found[-1] == ("Ms Ustinova", "Varvara Ustinova", "")  # a given name no list knows
    # A part of a longer name, a body's word or two given names give no full name.
    assert full_name_in(["Martin Luther King spoke."], "King") is None
    assert full_name_in(["Xinhua News Agency Cai reported."], "Cai") is None
    assert full_name_in(["Anna Smirnova and Olga Smirnova."], "Smirnova") is None


def test_an_envoy_to_a_country_takes_neither_it_nor_the_issuers_country():
    found = kremlin_mentions("Special Envoy for Syria Geir Pedersen met the press.", "2019-05-01")
    assert found == [("Special Envoy for Syria Geir Pedersen", "Geir Pedersen", "")]


def test_a_heads_title_alone_gives_no_country_from_the_issuer():
    found = kremlin_mentions("President Zorbonov and King Zalman arrived.", "2019-10-02")
    assert [(surface, country) for surface, _, country in found] == [
        ("President Zorbonov", ""),
        ("King Zalman", ""),
    ]


def test_relatives_possessives_and_a_country_in_the_title():
    assert actors_of("President George Bush and Laura Bush came.", "2003-06-01") == [
        ("President George Bush", "George W. Bush", "USA"),
        ("Laura Bush", "Laura Bush", "USA"),  # his country: the sentence names him
    ]
    assert actors_of("Laura Bush came.", "2003-06-01") == [("Laura Bush", "Laura Bush", "")]
    assert actors_of("Ms Zorbova’s plan", "2019-01-01") == [("Ms Zorbova", "Zorbova", "")]
    assert actors_of("King of Saudi Arabia Zalman bin Abdulaziz came.", "2019-01-01") == [
        ("King of Saudi Arabia Zalman bin Abdulaziz", "Zalman bin Abdulaziz", "SAU")
    ]


def test_armed_groups_are_named_without_a_states_country():
    assert actors_of("The Taliban and al Qaeda met Hezbollah; Youth stayed home.") == [
        ("Taliban", "Taliban", ""),
        ("al Qaeda", "Al Qa'ida", ""),
        ("Hezbollah", "Hezbollah", ""),
    ]


def test_long_titles_one_person_each_and_national_bodies():
    assert actors_of(
        "Federal Chancellor of Austria Christian Kern and President of Moldova Igor Dodon met "
        "the Chairman of the Board of the Valdai Foundation Andrei Bystritsky.",
        "2017-08-31",
    ) == [
        ("Federal Chancellor of Austria Christian Kern", "Christian Kern", "AUT"),
        ("President of Moldova Igor Dodon", "Igor Dodon", "MDA"),
        ("Chairman of the Board of the Valdai Foundation Andrei Bystritsky",
         "Andrei Bystritsky", ""),
    ]  # fmt: skip
    assert actors_of("The President of the Latino Coalition and the Russian government.") == [
        ("Russian government", "Government of Russia", "RUS")
    ]
    assert actors_of("The Syrian government and the Austrian Parliament.") == [
        ("Syrian government", "Government of Syria", "SYR"),
        ("Austrian Parliament", "Parliament of Austria", "AUT"),
    ]
    assert actors_of("US Special Envoy for Strategic Stability Ellen Tauscher", "2012-05-03") == [
        ("US Special Envoy for Strategic Stability Ellen Tauscher", "Ellen Tauscher", "USA")
    ]
    assert actors_of("Special Envoy for Syria Geir Pedersen", "2019-05-01") == [
        ("Special Envoy for Syria Geir Pedersen", "Geir Pedersen", "")  # sent to Syria
    ]
    assert actors_of("The Austrian Foreign Ministry and the Czech government.") == [
        ("Austrian Foreign Ministry", "Ministry of Foreign Affairs of Austria", "AUT"),
        ("Czech government", "Government of the Czech Republic", "CZE"),
    ]


def test_a_former_holder_or_another_office_is_not_the_holder():
    text = (
        "The former Secretary of State and the Under Secretary of State spoke; "
        "the Secretary of State did not."
    )
    assert actors_of(text, "2014-03-01") == [("the Secretary of State", "John Kerry", "USA")]


def test_a_capital_names_its_country_only_when_it_acts():
    text = (
        "Moscow said talks held in Moscow and at the Kremlin in the Grand Kremlin Palace "
        "went well; a dictate from Washington came on Monday."
    )
    assert actors_of(text) == [
        ("Moscow", "Russia", "RUS"),
        ("Washington", "United States", "USA"),
    ]
    assert {"Moscow", "Kremlin", "Washington"} <= gazetteer().place_names
    assert not {"America", "Britain", "French", "USA"} & gazetteer().place_names


def test_a_french_form_of_address_titles_a_name():
    assert actors_of("Mme Emma Marcegaglia asked a question.", "2019-06-06") == [
        ("Mme Emma Marcegaglia", "Emma Marcegaglia", "")
    ]
