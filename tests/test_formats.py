"""Each input format, with small fixtures written here."""

import json
import re

import pandas as pd
import pytest

from analysis import ArticleError, flag_duplicates, load_articles, rejects
from conftest import write

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Lavrov and Kerry agree to keep talking | World News Daily</title>
<meta property="og:site_name" content="World News Daily">
<meta name="date" content="2013-08-09">
<link rel="canonical" href="https://example.org/world/lavrov-kerry">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Lavrov and Kerry agree to keep talking</h1>
<p>Russian Foreign Minister Sergey Lavrov and US Secretary of State John Kerry met in
Washington on Friday despite the cancelled summit in Moscow.</p>
<p>"We have a clear understanding that relations should not be held hostage to a single
episode," Lavrov told reporters after the meeting.</p>
<p>Kerry said the talks were frank and that both sides would keep working on arms control.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Markets fall</a></li></ul></aside>
<footer><p>© 2013 World News Daily. All rights reserved.</p>
<a href="/privacy">Privacy Policy</a> | <a href="/contact">Contact Us</a></footer>
</body></html>
"""

RUSSIAN = (
    "Лавров и Керри договорились продолжить переговоры\n"
    "Министр иностранных дел России Сергей Лавров и государственный секретарь США "
    "Джон Керри встретились в Вашингтоне в пятницу.\n"
    "Стороны обсудили контроль над вооружениями и положение в Сирии.\n"
)


def test_html_page_keeps_the_article_and_drops_navigation_and_footer(tmp_path):
    write(tmp_path / "page.html", PAGE)
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert row["title"] == "Lavrov and Kerry agree to keep talking"
    assert row["published"] == pd.Timestamp("2013-08-09")
    assert row["source"] == "World News Daily"
    assert row["url"] == "https://example.org/world/lavrov-kerry"
    paragraphs = row["text"].split("\n\n")
    assert paragraphs[0] == row["title"]  # the h1 is not repeated as a body paragraph
    assert paragraphs[1].startswith("Russian Foreign Minister Sergey Lavrov")
    assert len(paragraphs) == 4
    for chrome in ("Home", "Business", "Privacy Policy", "All rights reserved", "Most read"):
        assert chrome not in row["text"]


def test_html_without_main_text_is_rejected(tmp_path):
    write(tmp_path / "empty.htm", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    articles = load_articles(tmp_path)
    assert articles.empty
    assert re.search(
        r"empty\.htm: (no main text|nothing is left)", rejects(articles).loc[0, "reason"]
    )


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-8"])
def test_russian_text_in_other_encodings_is_detected(tmp_path, encoding):
    write(tmp_path / "2013-08-09_lavrov.txt", RUSSIAN.encode(encoding))
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert row["title"] == "Лавров и Керри договорились продолжить переговоры"
    assert "государственный секретарь США" in row["text"]
    assert row["published"] == pd.Timestamp("2013-08-09")


def test_cp1251_html_page(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "Kerry said the talks were frank", "Керри назвал переговоры откровенными; Kerry said"
    )
    write(tmp_path / "page.html", page.encode("cp1251"))
    assert "Керри назвал переговоры" in load_articles(tmp_path, errors="raise").loc[0, "text"]


def test_txt_front_matter_gives_metadata(tmp_path):
    write(
        tmp_path / "note.txt",
        "---\ntitle: Medvedev and Obama meet in Deauville\ndate: 2011-05-26\n"
        "source: Example Wire\nurl: https://example.org/deauville\nlanguage: en\n---\n"
        "Medvedev and Obama meet in Deauville\n\nThe presidents met on the sidelines of the G8.\n",
    )
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert row["title"] == "Medvedev and Obama meet in Deauville"
    assert row["text"] == (
        "Medvedev and Obama meet in Deauville\n\nThe presidents met on the sidelines of the G8."
    )
    assert row["published"] == pd.Timestamp("2011-05-26")
    assert (row["source"], row["url"], row["language"]) == (
        "Example Wire",
        "https://example.org/deauville",
        "en",
    )


def test_a_headline_with_a_colon_is_not_front_matter(tmp_path):
    write(tmp_path / "a.txt", "Lavrov: talks will go on\nThe minister spoke in Moscow.\n")
    assert load_articles(tmp_path).loc[0, "title"] == "Lavrov: talks will go on"


def test_malformed_front_matter_names_the_line(tmp_path):
    write(tmp_path / "a.txt", "---\ndate: 2011-05-26\nno colon here\n---\nTitle\nBody text.\n")
    with pytest.raises(ArticleError, match=r"a\.txt: line 3: front matter"):
        load_articles(tmp_path, errors="raise")


def test_csv_with_a_missing_date_loads_it_as_nat(tmp_path):
    write(
        tmp_path / "export.csv",
        "id,headline,body,date,outlet\n"
        "w1,Summit ends,The leaders signed a joint statement on arms control.,2010-04-08,Wire\n"
        'w2,Talks stall,"Negotiators left Geneva without a deal.\nBoth sides blamed each other.",,Wire\n'
        "w3,No body,,2010-04-09,Wire\n",
    )
    articles = load_articles(tmp_path)
    assert articles["article_id"].tolist() == ["w1", "w2"]
    assert articles["published"].isna().tolist() == [False, True]
    assert articles.loc[1, "text"].startswith("Talks stall\n\nNegotiators left Geneva")
    assert articles["source"].tolist() == ["Wire", "Wire"]
    reject = rejects(articles).loc[0]
    assert (reject["path"], reject["record"]) == ("export.csv", "row 3")
    assert "no article text" in reject["reason"]


def test_csv_from_a_spreadsheet_with_semicolons_and_day_first_dates(tmp_path):
    (tmp_path / "export.csv").write_bytes(
        "\ufeffheadline;body;date;outlet\n"
        "Talks resume;The two sides met again, in Geneva, and agreed to keep talking.;13.09.2013;Wire\n"
        'Talks stall;"Negotiators left without a deal; both sides blamed each other.";20/03/2014;Wire\n'.encode()
    )
    articles = load_articles(tmp_path)
    assert rejects(articles).empty
    assert articles["title"].tolist() == ["Talks resume", "Talks stall"]
    assert articles["published"].dt.strftime("%Y-%m-%d").tolist() == ["2013-09-13", "2014-03-20"]


def test_a_csv_row_with_too_many_fields_is_reported_alone(tmp_path):
    write(
        tmp_path / "export.csv",
        "title,text,date\n"
        "Talks resume,Both sides met again.,2013-09-13\n"
        "\n"
        "Talks stall,Negotiators left, without a deal.,2014-03-20\n"
        "Talks end,The envoys went home.,2014-03-21\n",
    )
    articles = load_articles(tmp_path)
    assert articles["title"].tolist() == ["Talks resume", "Talks end"]
    reject = rejects(articles).loc[0]
    assert (reject["path"], reject["record"]) == ("export.csv", "row 2")
    assert "4 fields where the header has 3" in reject["reason"]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("13/09/2013", "2013-09-13"),  # a part above 12 is the day
        ("09/13/2013", "2013-09-13"),
        ("03/09/2013", "2013-03-09"),  # both could be: slashes read month first
        ("03.09.2013", "2013-09-03"),  # dots read day first
        ("31/02/2013", None),
    ],
)
def test_numeric_dates(written, read):
    from analysis.readers import parse_date

    parsed = parse_date(written)
    assert (None if pd.isna(parsed) else f"{parsed:%Y-%m-%d}") == read


def test_jsonl_with_a_malformed_line_loads_the_others_and_names_the_line(tmp_path, caplog):
    lines = [
        json.dumps(
            {
                "title": "New START signed",
                "text": "Obama and Medvedev signed the treaty in Prague.",
                "date": "2010-04-08",
            }
        ),
        '{"title": "Broken", "text": "This line never closes',
        "",
        json.dumps(
            {
                "title": "Magnitsky Act",
                "text": "Congress passed the act.",
                "published": "2012-12-14T10:00:00Z",
            }
        ),
        json.dumps(["not", "an", "object"]),
    ]
    write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    articles = load_articles(tmp_path)
    assert articles["title"].tolist() == ["New START signed", "Magnitsky Act"]
    assert articles["article_id"].tolist() == ["feed/1", "feed/4"]
    assert articles["published"].tolist() == [
        pd.Timestamp("2010-04-08"),
        pd.Timestamp("2012-12-14 10:00"),
    ]
    bad = rejects(articles)
    assert bad["record"].tolist() == ["line 2", "line 5"]
    assert "line 2: not valid JSON" in bad.loc[0, "reason"]
    assert "expected an object" in bad.loc[1, "reason"]
    assert "feed.jsonl: line 2" in caplog.text


def test_jsonl_raise_stops_at_the_bad_line(tmp_path):
    write(tmp_path / "feed.jsonl", '{"title": "A", "text": "Body."}\n{oops\n')
    with pytest.raises(ArticleError, match=r"feed\.jsonl: line 2: not valid JSON"):
        load_articles(tmp_path, errors="raise")


def test_json_list_with_a_column_mapping(tmp_path):
    records = [
        {
            "heading": "Reset announced",
            "story": "Clinton and Lavrov pressed a reset button.",
            "when": "2009-03-06",
        },
        {"heading": "Summit", "story": "The presidents met in Moscow.", "when": "2009-07-06"},
    ]
    write(tmp_path / "export.json", json.dumps(records))
    articles = load_articles(tmp_path, columns={"story": "text", "when": "published"})
    assert articles["title"].tolist() == ["Reset announced", "Summit"]
    assert articles["published"].dt.year.tolist() == [2009, 2009]
    assert articles["article_id"].tolist() == ["export/1", "export/2"]


def test_invalid_json_file_is_reported_with_its_position(tmp_path):
    write(tmp_path / "export.json", '[{"title": "A", "text": "B"},\n')
    reason = rejects(load_articles(tmp_path)).loc[0, "reason"]
    assert "export.json: not valid JSON" in reason
    assert "line 2" in reason


def test_mixed_folder_recursively_with_manifest_override(tmp_path):
    write(tmp_path / "txt" / "2011-05-27_talks.txt", "Talks hit a wall\nThe sides did not agree.\n")
    write(tmp_path / "web" / "page.html", PAGE)
    write(tmp_path / "feed.jsonl", json.dumps({"title": "A", "text": "Body of A."}) + "\n")
    write(tmp_path / "manifest.csv", "file,source\nweb/page.html,Override Wire\n")
    articles = load_articles(tmp_path, errors="raise").set_index("path")
    assert sorted(articles.index) == ["feed.jsonl", "txt/2011-05-27_talks.txt", "web/page.html"]
    assert articles.loc["web/page.html", "source"] == "Override Wire"


def test_near_duplicate_wire_copies_are_flagged(tmp_path):
    story = (
        "Russian Foreign Minister Sergey Lavrov and US Secretary of State John Kerry met in "
        "Geneva on Thursday to discuss the destruction of chemical weapons in Syria. The two "
        "sides said the talks were constructive and agreed to meet again next month, while "
        "officials cautioned that deep differences remained over the future of the government "
        "in Damascus and the role of the United Nations Security Council."
    )
    write(tmp_path / "a.txt", f"Kerry and Lavrov meet in Geneva\n{story}\n")
    write(
        tmp_path / "b.txt",
        f"Lavrov, Kerry hold Syria talks\n{story} Reporting by a staff writer.\n",
    )
    write(
        tmp_path / "c.txt",
        "Other news\nThe Duma passed a budget law on Friday after a long debate.\n",
    )
    write(tmp_path / "manifest.csv", "file,date\na.txt,2013-09-13\nb.txt,2013-09-12\n")
    articles = load_articles(tmp_path).set_index("article_id")
    assert articles["duplicate_of"].fillna("").to_dict() == {"a": "b", "b": "", "c": ""}


def test_flag_duplicates_threshold(corpus_articles):
    assert corpus_articles["duplicate_of"].isna().all()
    doubled = pd.concat(
        [corpus_articles, corpus_articles.assign(article_id=lambda f: f["article_id"] + "-copy")]
    )
    flagged = flag_duplicates(doubled)
    copies = flagged[flagged["article_id"].str.endswith("-copy")]
    assert (copies["duplicate_of"] + "-copy" == copies["article_id"]).all()
    with pytest.raises(ValueError, match="threshold"):
        flag_duplicates(corpus_articles, threshold=0)


@pytest.mark.parametrize(
    "name", ["empty.txt", "empty.html", "empty.jsonl", "empty.csv", "empty.json"]
)
def test_an_empty_file_of_any_format_is_named_as_empty(tmp_path, name):
    write(tmp_path / name, "  \n")
    reason = rejects(load_articles(tmp_path)).loc[0, "reason"]
    assert reason.startswith(f"{name}: the file is empty") and "remove it" in reason


def test_reading_in_worker_processes_gives_the_same_frame(tmp_path, monkeypatch):
    import analysis.corpus
    from analysis.config import RAW_DIR

    folder = tmp_path / "mixed"
    for source in sorted(RAW_DIR.glob("*.txt"))[:6]:
        write(folder / source.name, source.read_text(encoding="utf-8"))
    write(folder / "a-empty.txt", "")
    write(folder / "feed.jsonl", '{"title": "T", "text": "Body text here."}\nnot json\n')
    monkeypatch.setattr(analysis.corpus, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(analysis.corpus, "FILES_PER_TASK", 2)
    one = load_articles(folder)
    two = load_articles(folder, workers=2)
    pd.testing.assert_frame_equal(one, two)
    assert rejects(two)["path"].tolist() == ["a-empty.txt", "feed.jsonl"]
    with pytest.raises(ArticleError, match="a-empty.txt"):
        load_articles(folder, errors="raise", workers=2)
    with pytest.raises(ValueError, match="at least 1"):
        load_articles(folder, workers=0)


def _datasketch_originals(articles, threshold=0.8):
    """The near-duplicate originals as datasketch's own MinHashLSH finds them."""
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    from analysis.corpus import body_shingles, minhash_signature, publication_order

    shingles = [body_shingles(text) for text in articles["text"]]
    lsh, original = MinHashLSH(threshold=threshold, num_perm=128), {}
    order = publication_order(articles)
    rank = {n: r for r, n in enumerate(order)}
    for n in order:
        values = np.frombuffer(minhash_signature(shingles[n]), dtype="uint32")
        signature = LeanMinHash(seed=1, hashvalues=values, scheme="affine32")
        for candidate in sorted(lsh.query(signature), key=rank.__getitem__):
            mine, theirs = shingles[n], shingles[candidate]
            if len(mine & theirs) / len(mine | theirs) >= threshold:
                original[n] = original.get(candidate, candidate)
                break
        lsh.insert(n, signature)
    return original


def test_near_duplicates_match_datasketch_lsh_on_edited_copies(corpus_articles):
    import random

    from analysis.corpus import (
        band_keys,
        body_shingles,
        duplicate_originals,
        minhash_signature,
        publication_order,
    )

    rng, rows = random.Random(7), []
    for row in corpus_articles.itertuples():
        head, _, body = row.text.partition("\n\n")
        words = body.split()
        for copy in range(4):  # copies that drop ever more words: some near, some not
            kept = [w for w in words if rng.random() > 0.04 * copy]
            text = f"{head}\n\n{' '.join(kept)}"
            day = pd.Timestamp("2010-01-01") + pd.Timedelta(days=rng.randrange(2000))
            rows.append({"article_id": f"{row.article_id}-{copy}", "text": text, "published": day})
    articles = pd.DataFrame(rows)
    shingles = [body_shingles(text) for text in articles["text"]]
    keys = band_keys(map(minhash_signature, shingles))
    found = duplicate_originals(publication_order(articles), keys, shingles.__getitem__)
    expected = _datasketch_originals(articles)
    assert 0 < len(expected) < len(articles) - len(corpus_articles)  # both kinds occur
    assert found == expected
