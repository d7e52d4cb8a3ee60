"""Real exports in the shapes analysts bring: formats by content, metadata, headlines, encodings."""

import gzip
import io
import json
import logging
import zipfile

import pandas as pd
import pytest

from analysis import load_articles, rejects
from analysis.readers import date_from_path, title_from_name
from conftest import write

BODY = "Secretary Kerry met Foreign Minister Lavrov in Geneva to discuss Syria."
WHITE_HOUSE = [
    {"id": "wh-1", "title": "Readout of a call", "text": BODY, "timestamp": "2014-09-24T10:00:00Z"},
    {
        "id": "wh-2",
        "title": "Statement on Ukraine",
        "text": BODY + " They disagreed.",
        "timestamp": 1411603200,
    },
    {
        "id": "wh-3",
        "title": "Press briefing",
        "text": BODY + " Talks go on.",
        "timestamp": 1411689600000,
    },
]


def jsonl(records):
    return "\n".join(json.dumps(record) for record in records) + "\n"


def test_json_lines_export_named_json_loads_with_timestamps(tmp_path):
    write(tmp_path / "whitehouse.json", jsonl(WHITE_HOUSE))
    articles = load_articles(tmp_path, set_columns={"source": "White House"})
    assert rejects(articles).empty
    assert articles["article_id"].tolist() == ["wh-1", "wh-2", "wh-3"]
    assert articles["published"].dt.strftime("%Y-%m-%d").tolist() == [
        "2014-09-24",
        "2014-09-25",
        "2014-09-26",
    ]
    assert set(articles["source"]) == {"White House"}
    assert set(articles["date_precision"]) == {"day"}


def test_a_json_lines_export_named_json_gives_dated_tables_for_the_time_charts(tmp_path):
    """What ``report --data DIR --set source=…`` charts, with no other option."""
    from analysis import attach_articles, corpus_tables, tone_by_period

    export = [
        {"id": n, "title": f"Briefing {n}", "content": content, "timestamp": stamp}
        for n, (content, stamp) in enumerate(
            [
                (BODY, "1990-08-08T15:00:00Z"),
                ("The President welcomed the new treaty on arms control.", 1281279600),
                ("Sanctions on Russia were widened after talks failed.", "2014-09-24T10:00-04:00"),
                ("The two ministers agreed to meet again in Geneva soon.", 1411603200000),
            ],
            1,
        )
    ]
    write(tmp_path / "data" / "export.json", jsonl(export))
    tables = corpus_tables(
        tmp_path / "data", cache_dir=tmp_path / "cache", set_columns={"source": "White House"}
    )
    articles = tables.articles
    assert rejects(articles).empty
    assert articles["published"].dt.strftime("%Y-%m-%d").tolist() == [
        "1990-08-08",
        "2010-08-08",
        "2014-09-24",
        "2014-09-25",
    ]
    assert set(articles["source"]) == {"White House"}
    dated = attach_articles(tables.sentences, articles)
    yearly = tone_by_period(dated, "Y", by="source")
    assert yearly["period"].dt.year.tolist() == [1990, 2010, 2014]
    assert yearly["n_articles"].tolist() == [1, 1, 2]


def test_a_json_lines_export_named_json_with_a_broken_first_line_rejects_only_that_line(tmp_path):
    write(tmp_path / "whitehouse.json", '{"id": "wh-0", "title": "Broken\n' + jsonl(WHITE_HOUSE))
    articles = load_articles(tmp_path)
    assert articles["article_id"].tolist() == ["wh-1", "wh-2", "wh-3"]
    assert rejects(articles)["record"].tolist() == ["line 1"]


def test_a_json_list_named_jsonl_loads_as_json(tmp_path):
    write(tmp_path / "feed.jsonl", json.dumps(WHITE_HOUSE, indent=2))
    assert load_articles(tmp_path, errors="raise")["article_id"].tolist() == [
        "wh-1",
        "wh-2",
        "wh-3",
    ]


@pytest.mark.parametrize(
    ("name", "content", "title"),
    [
        ("NOTES", "Talks resume\nThe two sides met again in Geneva.\n", "Talks resume"),
        ("page.aspx", "<!DOCTYPE html><html><head><title>Talks resume</title></head><body>"
         "<article><h1>Talks resume</h1><p>The two sides met again in Geneva on Friday and "
         "agreed to keep talking about arms control.</p></article></body></html>", "Talks resume"),
        ("export.dat", json.dumps({"title": "Talks resume", "text": BODY}), "Talks resume"),
    ],
)  # fmt: skip
def test_a_file_without_a_known_suffix_is_sniffed(tmp_path, name, content, title):
    write(tmp_path / name, content)
    articles = load_articles(tmp_path, errors="raise")
    assert articles["title"].tolist() == [title]


def test_gzip_and_zip_of_any_format_load_each_record(tmp_path):
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(jsonl(WHITE_HOUSE[:2]).encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2014-09-24-talks.txt", "Talks resume\nThe sides met again.\n")
        archive.writestr("more/feed.jsonl", jsonl([{"title": "A", "text": BODY}]) + "{oops\n")
        archive.writestr("scan.pdf", b"%PDF-1.4 binary")
    (tmp_path / "bundle.zip").write_bytes(buffer.getvalue())
    articles = load_articles(tmp_path)
    assert articles["article_id"].tolist() == [
        "bundle/2014-09-24-talks",
        "bundle/more/feed/1",
        "wh-1",
        "wh-2",
    ]
    assert articles.loc[0, "published"] == pd.Timestamp("2014-09-24")
    bad = rejects(articles)
    assert bad["record"].tolist() == ["more/feed.jsonl: line 2", "scan.pdf"]
    assert "PDF" in bad.loc[1, "reason"]
    # Every record inside the archive is loaded or rejected: 3 + 2 = 5 offered.
    assert (articles["path"] == "bundle.zip").sum() + (bad["path"] == "bundle.zip").sum() == 4


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("timestamp", "2014-09-24"),
        ("datetime", "2014-09-24T08:00:00"),
        ("created_at", "2014-09-24 08:00"),
        ("date_published", "24 September 2014"),
        ("timestamp", 1411516800),
        ("timestamp", 1411516800000),
        ("date", "20140924"),
    ],
)
def test_date_aliases_and_epochs(tmp_path, field, value):
    write(tmp_path / "a.jsonl", json.dumps({"title": "T", "text": BODY, field: value}) + "\n")
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert row["published"].strftime("%Y-%m-%d") == "2014-09-24"
    assert row["date_precision"] == "day"


@pytest.mark.parametrize(
    ("relative", "date", "precision"),
    [
        ("USA_69_2014.txt", "2014-01-01", "year"),
        ("1990-08-08-address-iraqs-invasion-kuwait.txt", "1990-08-08", "day"),
        ("2011-05-27_shanghaidaily_talks.txt", "2011-05-27", "day"),
        ("report_20140924.txt", "2014-09-24", "day"),
        ("2014/09/24/story.txt", "2014-09-24", "day"),
        ("2014/09/story.txt", "2014-09-01", "month"),
        ("UNGD/2014/USA.txt", "2014-01-01", "year"),
        ("17118.txt", None, None),
    ],
)
def test_dates_in_file_and_folder_names_keep_their_precision(tmp_path, relative, date, precision):
    write(tmp_path / relative, "Talks resume\nThe two sides met again.\n")
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert (None if pd.isna(row["published"]) else f"{row['published']:%Y-%m-%d}") == date
    assert (None if pd.isna(row["date_precision"]) else row["date_precision"]) == precision
    assert date_from_path(relative)[1] == precision


def test_a_manifest_row_applies_to_every_record_of_a_file_or_to_one(tmp_path, caplog):
    write(tmp_path / "feed.jsonl", jsonl([{"title": f"T{n}", "text": BODY} for n in range(3)]))
    write(
        tmp_path / "manifest.csv",
        "file,record,source,speaker,title\n"
        "feed.jsonl,,White House,,\n"
        "feed.jsonl,line 2,,Barack Obama,Better title\n"
        "feed.jsonl,line 9,,Nobody,\n",
    )
    with caplog.at_level(logging.WARNING):
        articles = load_articles(tmp_path)
    assert set(articles["source"]) == {"White House"}
    assert articles["speaker"].fillna("").tolist() == ["", "Barack Obama", ""]
    assert articles.loc[1, "title"] == "Better title"
    assert articles.loc[1, "text"].startswith("Better title\n\n")
    assert "record 9 matches no record" in caplog.text


def test_a_manifest_title_replaces_the_heading_in_the_text(tmp_path):
    write(tmp_path / "a.txt", "Headline as printed\nBody sentence one.\n")
    write(tmp_path / "manifest.csv", "file,title\na.txt,Better title\n")
    row = load_articles(tmp_path).loc[0]
    assert row["text"] == "Better title\n\nBody sentence one."
    assert row["n_words"] == 5


def test_constant_columns_and_a_manifest_given_by_path(tmp_path):
    write(tmp_path / "corpus" / "a.txt", "Talks resume\nThe sides met again.\n")
    write(tmp_path / "corpus" / "b.txt", "Talks stall\nThe sides left.\n")
    manifest = write(tmp_path / "meta.csv", "file,source,date\nb.txt,Kremlin,2013-05-01\n")
    articles = load_articles(
        tmp_path / "corpus",
        manifest=manifest,
        set_columns={"source": "White House", "issuer": "US government"},
    )
    assert articles["source"].tolist() == ["White House", "Kremlin"]  # the manifest wins
    assert set(articles["issuer"]) == {"US government"}
    assert articles.loc[1, "published"] == pd.Timestamp("2013-05-01")


def test_editing_a_manifest_given_by_path_rebuilds_the_cache(tmp_path):
    import os

    from analysis import corpus_tables

    write(tmp_path / "corpus" / "a.txt", "Talks resume\nThe sides met again.\n")
    manifest = write(tmp_path / "meta.csv", "file,source\na.txt,Kremlin\n")
    cache = tmp_path / "cache"
    first = corpus_tables(tmp_path / "corpus", cache_dir=cache, manifest=manifest)
    assert first.articles["source"].tolist() == ["Kremlin"]
    assert corpus_tables(tmp_path / "corpus", cache_dir=cache, manifest=manifest).from_cache
    stat = manifest.stat()
    write(manifest, "file,source\na.txt,Pravda\n")  # same size, same time: only the content
    os.utime(manifest, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    edited = corpus_tables(tmp_path / "corpus", cache_dir=cache, manifest=manifest)
    assert not edited.from_cache
    assert edited.articles["source"].tolist() == ["Pravda"]


def test_a_key_value_first_line_is_metadata_and_the_title_comes_from_the_name(tmp_path):
    write(
        tmp_path / "1990-08-08-address-iraqs-invasion-kuwait.txt",
        "President: George H. W. Bush\n\nIn the life of a nation, we're called upon to define "
        "who we are and what we believe.\n\nSometimes these choices are not easy.\n",
    )
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert row["speaker"] == "George H. W. Bush"
    assert row["title"] == "Address Iraqs Invasion Kuwait"
    assert row["text"].startswith("Address Iraqs Invasion Kuwait\n\nIn the life of a nation")
    assert "President:" not in row["text"]
    assert row["published"] == pd.Timestamp("1990-08-08")


def test_a_long_opening_paragraph_is_not_a_headline(tmp_path):
    opening = "The president spoke at length about the treaty, " * 20
    write(tmp_path / "remarks-on-the-treaty.txt", f"{opening.strip()}\nA second paragraph.\n")
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert row["title"] == "Remarks On The Treaty"
    assert row["text"].split("\n\n")[1] == opening.strip()


def test_no_headline_reads_every_line_as_body(tmp_path):
    write(tmp_path / "talks-resume.txt", "Talks resume\nThe sides met again.\n")
    row = load_articles(tmp_path, headline=False).loc[0]
    assert row["title"] == "Talks Resume"
    assert row["text"] == "Talks Resume\n\nTalks resume\n\nThe sides met again."


def test_a_headline_line_is_not_merged_with_the_paragraph_under_it(tmp_path):
    write(
        tmp_path / "a.txt",
        "Talks resume in Geneva\nThe sides met again\nafter a long pause.\n\nBoth were hopeful.\n",
    )
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert row["title"] == "Talks resume in Geneva"
    assert row["text"].split("\n\n")[1] == "The sides met again after a long pause."


def test_long_titles_are_kept_whole(tmp_path):
    title = "A very long title " * 30
    write(tmp_path / "a.jsonl", json.dumps({"title": title, "text": BODY}) + "\n")
    assert load_articles(tmp_path).loc[0, "title"] == " ".join(title.split())


def test_title_from_name():
    assert title_from_name("address-iraqs-invasion-kuwait") == "Address Iraqs Invasion Kuwait"
    assert title_from_name("2014/09/24/story.html") == "Story"


def test_utf8_with_one_bad_byte_stays_utf8_and_counts_it(tmp_path):
    page = "Meeting with Government members\nPresident of\u00a0Russia said: I\u00a0am sure.\n"
    write(tmp_path / "a.txt", page.encode() + b"\xff\n" + "More text\u00a0here.\n".encode())
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert (row["encoding"], row["replaced_bytes"]) == ("utf-8", 1)
    assert "President of Russia said: I am sure." in row["text"]  # no-break spaces kept as spaces
    assert "ô" not in row["text"]


def test_latin1_is_not_read_as_cp1250(tmp_path):
    write(
        tmp_path / "a.txt",
        "Réunion à Genève\nLes ministres se sont réunis à Genève.\n".encode("latin-1"),
    )
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert row["title"] == "Réunion à Genève"
    assert row["encoding"] == "cp1252"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(tmp_path, codec):
    write(tmp_path / "a.txt", "Talks resume\nThe two sides met again in Geneva.\n".encode(codec))
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert row["title"] == "Talks resume"
    assert "\x00" not in row["text"]
    assert row["encoding"].startswith("utf-16")


def test_json_text_as_a_list_is_joined_and_a_number_rejected(tmp_path):
    records = [
        {"title": "A", "text": ["Kerry met Lavrov.", "They agreed to talk again."]},
        {"title": "B", "text": 42},
    ]
    write(tmp_path / "export.json", json.dumps(records))
    articles = load_articles(tmp_path)
    assert articles.loc[0, "text"] == "A\n\nKerry met Lavrov.\n\nThey agreed to talk again."
    reject = rejects(articles).loc[0]
    assert reject["record"] == "record 2"
    assert "'text' is an int ('42'), not text; give it as a string" in reject["reason"]
    assert "[" not in articles.loc[0, "text"]


def test_an_unclosed_quote_in_a_csv_row_does_not_swallow_the_next(tmp_path):
    write(
        tmp_path / "export.csv",
        "title,text,date\n"
        'Talks resume,"The sides met again.,2013-09-13\n'
        'Talks stall,"Negotiators left.",2014-03-20\n'
        "Talks end,The envoys went home.,2014-03-21\n",
    )
    articles = load_articles(tmp_path)
    assert articles["title"].tolist() == ["Talks stall", "Talks end"]
    assert articles["published"].dt.strftime("%Y-%m-%d").tolist() == ["2014-03-20", "2014-03-21"]
    reject = rejects(articles).loc[0]
    assert reject["record"] == "row 1"
    assert "line 2" in reject["reason"]
    assert "quotation marks" in reject["reason"]


def test_ids_repeated_across_files_are_made_unique_by_file(tmp_path, caplog):
    write(tmp_path / "a.jsonl", jsonl([{"id": "1", "title": "A", "text": BODY}]))
    write(tmp_path / "b.jsonl", jsonl([{"id": "1", "title": "B", "text": BODY + " More."}]))
    write(tmp_path / "c.jsonl", jsonl([{"id": "2", "title": "C", "text": "Other news here."}]))
    with caplog.at_level(logging.WARNING):
        articles = load_articles(tmp_path)
    assert articles["article_id"].tolist() == ["a:1", "b:1", "2"]
    assert "a.jsonl, b.jsonl" in caplog.text


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2013-02-30", "not a date"])
def test_impossible_dates_load_as_nat_and_are_noted(tmp_path, value):
    write(tmp_path / "a.jsonl", json.dumps({"title": "A", "text": BODY, "date": value}) + "\n")
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert pd.isna(row["published"])
    assert row["unparsed_date"] == value


def test_a_date_after_the_file_or_today_is_flagged(tmp_path, caplog):
    write(tmp_path / "a.jsonl", jsonl([{"title": "A", "text": BODY, "date": "2250-01-01"}]))
    with caplog.at_level(logging.WARNING):
        row = load_articles(tmp_path).loc[0]
    assert bool(row["date_suspect"])
    assert "after the file's own date or today" in caplog.text


def test_html_date_is_never_a_year_guessed_from_today(tmp_path):
    page = (
        "<html><head><title>Putin to meet Abe</title></head><body><article>"
        '<h1>Putin to meet Abe</h1><time datetime="2018-05-18">May 18, 2018</time>'
        "<p>On May 25–26, Prime Minister of Japan Shinzo Abe will pay an official visit to "
        "Moscow at the invitation of Vladimir Putin, the Kremlin said.</p>"
        "<p>The leaders will discuss a peace treaty and economic cooperation.</p>"
        "</article></body></html>"
    )
    write(tmp_path / "57494.html", page)
    row = load_articles(tmp_path, errors="raise").loc[0]
    assert row["published"] == pd.Timestamp("2018-05-18")
    assert not row["date_suspect"]
