import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import ArticleError, clean_text, load_articles, rejects
from analysis.config import RAW_DIR
from analysis.schema import ARTICLES
from conftest import SEED_PATH, write

SEED_BODY_STARTS = [
    "US President Barack Obama and Russian President Dmitry Medvedev emerged",
    "This underscores an enduring mistrust",
    "At issue is Washington's plan",
    "Obama and Medvedev spoke on the sidelines",
    "Security needs",
    "Obama said after the 90-minute meeting",
    "Medvedev, however, suggested",
    "Medvedev has warned that failure",
    "Their meeting came in the context",
    "But deep tensions remain",
    "Deputy national security adviser Ben Rhodes",
    "McFaul said it was precisely",
    '"This is a very hard issue," McFaul said.',
]
FOOTER_FRAGMENTS = [
    "About Us", "Terms of Use", "Privacy Policy", "Contact Us", "RSS", "962288",
    "52920043", "ICP", "许可证", "Copyright", "All rights reserved", "Internet Explorer",
]  # fmt: skip


def test_seed_loads_to_one_article_with_its_title(seed_articles):
    assert len(seed_articles) == 1
    assert seed_articles.loc[0, "title"] == "US, Russia G8 missile talks hit stone wall"
    assert seed_articles.loc[0, "published"] == pd.Timestamp("2011-05-27")
    assert seed_articles.loc[0, "source"] == "Shanghai Daily"


@pytest.mark.parametrize("fragment", FOOTER_FRAGMENTS)
def test_seed_text_has_no_footer(seed_articles, fragment):
    assert fragment not in seed_articles.loc[0, "text"]


def test_seed_has_each_body_paragraph_once_and_keeps_the_subheading(seed_articles):
    paragraphs = seed_articles.loc[0, "text"].split("\n\n")
    assert paragraphs[0] == "US, Russia G8 missile talks hit stone wall"
    body = paragraphs[1:]
    assert len(body) == len(SEED_BODY_STARTS)
    for paragraph, start in zip(body, SEED_BODY_STARTS, strict=True):
        assert paragraph.startswith(start)
    assert "Security needs" in body


def test_seed_audit_counts(seed_articles):
    row = seed_articles.loc[0]
    assert row["dropped_duplicate_paragraphs"] == 12
    assert row["dropped_boilerplate_lines"] == 24


def test_articles_follow_the_contract(corpus_articles):
    for column, (dtype, _) in ARTICLES.items():
        assert str(corpus_articles[column].dtype) == dtype, column
    assert corpus_articles["article_id"].is_unique


def test_shipped_corpus_loads_completely(corpus_articles):
    manifest = pd.read_csv(RAW_DIR / "manifest.csv")
    assert len(corpus_articles) == len(manifest) == 34  # the curated top level
    assert rejects(corpus_articles).empty
    assert corpus_articles["published"].notna().all()
    assert corpus_articles["source"].notna().all()
    assert (corpus_articles["title"] == manifest.sort_values("file")["title"].to_numpy()).all()


def test_manifest_overrides_title_date_and_adds_columns(tmp_path):
    write(tmp_path / "a.txt", "Headline as printed\nBody sentence one.\n")
    write(
        tmp_path / "manifest.csv",
        "file,date,title,source,kind\na.txt,2012-05-07,Better title,Kremlin,transcript\n",
    )
    articles = load_articles(tmp_path)
    row = articles.loc[0]
    assert (row["title"], row["source"], row["kind"]) == ("Better title", "Kremlin", "transcript")
    assert row["published"] == pd.Timestamp("2012-05-07")
    assert row["article_id"] == "a"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "the file is empty"),
        ("   \n\n  \n", "the file is empty"),
        ("Only a headline\n", "has a headline"),
        (
            "Talks on missile defence end without a deal\n- About Us\n- |\n- Contact Us\n",
            "has a headline",
        ),
        (bytes(range(128, 256)) * 3, "no encoding detected"),
    ],
)
def test_bad_files_raise_naming_the_file(tmp_path, content, reason):
    path = write(tmp_path / "bad.txt", content)
    with pytest.raises(ArticleError, match=rf"bad\.txt: .*{reason}"):
        load_articles(path, errors="raise")


def test_a_given_encoding_is_used_and_a_wrong_one_named(tmp_path):
    path = write(tmp_path / "latin1.txt", "Headline\nCafé talks.\n".encode("latin-1"))
    assert load_articles(path, encoding="latin-1").loc[0, "text"] == "Headline\n\nCafé talks."
    with pytest.raises(
        ArticleError, match=r"latin1\.txt: not valid utf-8 \(byte 0xe9 at offset 12\)"
    ):
        load_articles(path, encoding="utf-8", errors="raise")


def test_bad_files_are_reported_and_the_rest_loads(tmp_path, caplog):
    write(tmp_path / "good.txt", "Talks resume\nThe sides met again.\n")
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "binary.txt", bytes(range(128, 256)) * 3)
    write(tmp_path / "notes.pdf", b"%PDF")
    write(tmp_path / "manifest.csv", "file,title\ngood.txt,Talks resume\ngone.txt,Missing\n")
    articles = load_articles(tmp_path)
    reasons = rejects(articles).set_index("path")["reason"]
    assert articles["path"].tolist() == ["good.txt"]
    assert set(reasons.index) == {"empty.txt", "binary.txt", "notes.pdf", "gone.txt"}
    assert "unsupported" in reasons["notes.pdf"]
    assert "no such file" in reasons["gone.txt"]
    # Loaded frames, rejects and all, still concatenate.
    both = pd.concat([articles, load_articles(tmp_path / "good.txt")], ignore_index=True)
    assert len(both) == 2
    assert "binary.txt" in caplog.text


def test_missing_path_raises(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        load_articles(tmp_path / "nowhere")


def test_list_of_files_and_crlf(tmp_path):
    one = write(tmp_path / "one.txt", "First\r\nBody one.\r\n")
    two = write(tmp_path / "sub" / "two.txt", "Second\n\nBody two.\n")
    articles = load_articles([one, two])
    assert articles["text"].tolist() == ["First\n\nBody one.", "Second\n\nBody two."]


@pytest.mark.parametrize(
    ("raw", "paragraphs", "boilerplate"),
    [
        # Inline navigation menu above the headline.
        ("Home | World | Business\nHeadline\nBody.", ["Headline", "Body."], 1),
        # A navigation list with bullets and separators.
        ("Headline\nBody.\n* Home\n* Sitemap\n* Advertise\n", ["Headline", "Body."], 3),
        # A lone short line between paragraphs is a subheading, not chrome.
        (
            "Headline\nBody one.\nA subheading\nBody two.",
            ["Headline", "Body one.", "A subheading", "Body two."],
            0,
        ),
        # Hard-wrapped blocks separated by blank lines are joined.
        (
            "Headline\n\nThe talks were\nlong and hard.\n\nNext.",
            ["Headline", "The talks were long and hard.", "Next."],
            0,
        ),
        # Copyright and licence lines in another site's form.
        ("Headline\nBody.\n(c) 2014 Example News Ltd\nReg. No: 1234567", ["Headline", "Body."], 2),
        # Hotline and telephone lines go; a sentence on a phone call with a year stays.
        (
            "Headline\nPutin spoke by phone with Lucinschi on November 10, 2000.\n"
            "Soon all the phone calls will fit on a single fibre; a child born in 1998 sees it.\n"
            "Tip-off hotline: 52920043\nTel. +7 (495) 606-3602",
            [
                "Headline",
                "Putin spoke by phone with Lucinschi on November 10, 2000.",
                "Soon all the phone calls will fit on a single fibre; a child born in 1998 sees it.",
            ],
            2,
        ),
        # Short repeated lines that are not part of a repeated block stay.
        (
            "Q&A\nOBAMA: Thank you.\nA long answer on missile defence in Europe follows."
            "\nOBAMA: Thank you.",
            [
                "Q&A",
                "OBAMA: Thank you.",
                "A long answer on missile defence in Europe follows.",
                "OBAMA: Thank you.",
            ],
            0,
        ),
    ],
)
def test_clean_text_rules(raw, paragraphs, boilerplate):
    cleaned = clean_text(raw)
    assert cleaned.paragraphs == paragraphs
    assert cleaned.dropped_boilerplate_lines == boilerplate


LINE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60)


@given(st.lists(LINE, max_size=12))
def test_no_text_lost_between_raw_kept_and_dropped(lines):
    """Every non-empty line is kept (in a paragraph) or counted as dropped."""
    cleaned = clean_text("\n".join(lines))
    kept_words = sum(len(p.split()) for p in cleaned.paragraphs)
    raw_words = sum(len(line.split()) for line in lines)
    assert kept_words <= raw_words
    if cleaned.dropped_boilerplate_lines == 0 and cleaned.dropped_duplicate_paragraphs == 0:
        assert kept_words == raw_words


def test_seed_file_is_shipped_byte_for_byte():
    data = SEED_PATH.read_bytes()
    assert data.count(b"This underscores an enduring mistrust") == 2
    assert b"Copyright \xc2\xa9 1999- Shanghai Daily" in data


LANGUAGE_SAMPLES = [
    "The presidents met in Geneva on Friday and agreed to talk again.",
    "Лавров и Керри договорились продолжить переговоры в Женеве.",
    "Wir unterstützen die Gespräche zwischen Washington und Moskau.",
    "Thank you. Thank you very much. OK. Yeah, yeah, we go now.",
    "1234 5678 ---- ////",  # unrestricted, the model says zxx
    "Na so e be, we dey go market.",  # unrestricted, pcm
]


@pytest.mark.parametrize("sample", LANGUAGE_SAMPLES)
def test_language_ranking_matches_a_model_restricted_with_set_languages(sample):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from analysis.corpus import NOT_DETECTED, _classify

    restricted = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    restricted.set_languages([c for c in restricted.nb_classes if c not in NOT_DETECTED])
    expected_language, expected_probability = restricted.classify(sample)
    language, probability = _classify(sample)
    assert language not in NOT_DETECTED
    assert language == expected_language
    assert probability == pytest.approx(float(expected_probability), abs=1e-6)
