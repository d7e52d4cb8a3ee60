"""Every bad input an analyst's folder can hold gets a defined result.

Loaded, or rejected with the file (and the record) named; never a traceback,
never a silent drop: loaded plus rejected equals offered, for files and for
records inside files.
"""

import contextlib
import errno
import json
import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import clean_text, load_articles, rejects, split_sentences
from analysis.readers import ArticleError, ReadOptions, read_bytes
from analysis.segment import MAX_SENTENCE_CHARS
from conftest import write

BODY = "Secretary Kerry met Foreign Minister Lavrov in Geneva to discuss Syria."
RUSSIAN = (
    "Лавров и Керри договорились продолжить переговоры\n"
    "Министр иностранных дел России Сергей Лавров и государственный секретарь США "
    "Джон Керри встретились в Вашингтоне в пятницу.\n"
)
CHINESE = "中美关系\n中国外交部长王毅与美国国务卿克里在日内瓦举行会谈，双方同意继续就叙利亚问题保持沟通。\n"

# name -> (content, expected: "loaded" or a fragment of the reject's reason)
BAD_FILES = {
    "empty.txt": (b"", "the file is empty"),
    "blank.txt": (b"  \n\t\n ", "the file is empty"),
    "blank.json": (b"\n\n", "the file is empty"),
    "utf16-blank.txt": ("   \n".encode("utf-16"), "the file is empty"),
    "scan.txt": (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "looks like a PDF document"),
    "photo.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a PNG image"),
    "nuls.txt": (b"Talks\x00\x01\x02\x03 resume\x00\x00\x07\x08", "binary data"),
    "utf16-bom.txt": (f"Talks resume\n{BODY}\n".encode("utf-16"), "loaded"),
    "utf16-nobom.txt": (f"Talks resume\n{BODY}\n".encode("utf-16-le"), "loaded"),
    "mixed-endings.txt": (f"Talks resume\r\n{BODY}\r{BODY} Again.\n".encode(), "loaded"),
    "no-suffix": (f"Talks resume\n{BODY}\n".encode(), "loaded"),
    "bad.json": (b'[{"title": "A", "text": "B"},\n', "not valid JSON"),
    "number.json": (b"42", "expected a list of objects"),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "bad.csv": (b'title,text\n"unclosed,text\n', "cannot be parsed as CSV"),
    "headline-only.txt": (b"Only a headline\n", "has a headline"),
    "latin1.txt": ("Réunion à Genève\nLes ministres se sont réunis.\n".encode("latin-1"), "loaded"),
    "russian.txt": (RUSSIAN.encode("cp1251"), "loaded"),
    "chinese.txt": (CHINESE.encode(), "loaded"),
    "bad.gz": (b"\x1f\x8b\x08\x00garbage", "not a valid gzip file"),
    "bad.zip": (b"PK\x03\x04garbage", "not a valid ZIP archive"),
}


def test_every_bad_file_is_loaded_or_rejected_with_its_reason(tmp_path):
    for name, (content, _) in BAD_FILES.items():
        write(tmp_path / name, content)
    articles = load_articles(tmp_path)
    reasons = rejects(articles).groupby("path")["reason"].first()
    assert len(set(articles["path"])) + len(reasons) == len(BAD_FILES)
    for name, (_, expected) in BAD_FILES.items():
        if expected == "loaded":
            assert name in set(articles["path"]), (name, reasons.get(name))
        else:
            assert expected in reasons[name], (name, reasons.get(name))
            assert reasons[name].startswith(name)  # the file is named
            assert "; " in reasons[name], reasons[name]  # what was seen; what to do


def test_records_inside_files_add_up(tmp_path):
    lines = [json.dumps({"title": "A", "text": BODY}), "{oops", "[1, 2]", "", '{"title": "B"}']
    write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    write(tmp_path / "rows.csv", f'title,text\nA,{BODY}\nB\nC,"unclosed\nD,{BODY}\n')
    articles = load_articles(tmp_path)
    bad = rejects(articles)
    offered = {"feed.jsonl": 4, "rows.csv": 4}  # non-blank lines, data rows
    for path, count in offered.items():
        assert (articles["path"] == path).sum() + (bad["path"] == path).sum() == count, path
    assert bad["record"].notna().all()


def test_non_english_text_is_loaded_marked_and_not_scored_as_english(tmp_path):
    from analysis.pipeline import score_articles

    write(tmp_path / "en.txt", f"Talks resume\n{BODY} The two sides agreed to meet again soon.\n")
    write(tmp_path / "short.txt", "Talks resume\nKerry met Lavrov.\n")  # too short to tell
    write(tmp_path / "ru.txt", RUSSIAN)
    write(tmp_path / "zh.txt", CHINESE)
    articles = load_articles(tmp_path, errors="raise")
    assert articles.set_index("path")["language"].replace({pd.NA: None}).to_dict() == {
        "en.txt": "en",
        "short.txt": None,
        "ru.txt": "ru",
        "zh.txt": "zh",
    }
    sentences, _, _ = score_articles(articles)
    assert set(sentences["article_id"]) == {"en", "short"}
    asked = load_articles(tmp_path, set_columns={"language": "en"})  # the user asks
    assert set(score_articles(asked)[0]["article_id"]) == {"en", "short", "ru", "zh"}


def test_a_symlinked_folder_is_read_and_a_loop_or_broken_link_is_rejected(tmp_path):
    write(tmp_path / "elsewhere" / "a.txt", f"Talks resume\n{BODY}\n")
    corpus = tmp_path / "corpus"
    write(corpus / "b.txt", f"Talks stall\n{BODY}\n")
    (corpus / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "self").symlink_to(corpus / "self")
    (corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    articles = load_articles(corpus)
    assert sorted(articles["path"]) == ["b.txt", "linked/a.txt"]
    reasons = rejects(articles).set_index("path")["reason"]
    assert "already read" in reasons["loop/"]
    assert "symbolic link loop" in reasons["self"]
    assert "broken symbolic link" in reasons["gone.txt"]


def test_unreadable_files_and_folders_are_rejected(tmp_path, monkeypatch):
    write(tmp_path / "ok.txt", f"Talks resume\n{BODY}\n")
    locked_file = write(tmp_path / "locked.txt", f"Talks stall\n{BODY}\n")
    locked_folder = tmp_path / "locked"
    write(locked_folder / "c.txt", f"Talks end\n{BODY}\n")
    real_open, real_scandir = open, os.scandir

    def fake_open(path, *args, **kwargs):
        if str(path) == str(locked_file):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)

    def fake_scandir(path):
        if str(path) == str(locked_folder):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)

    # Tests run as root, which chmod cannot lock out; the errors are simulated.
    monkeypatch.setattr("builtins.open", fake_open)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    articles = load_articles(tmp_path)
    assert articles["path"].tolist() == ["ok.txt"]
    reasons = rejects(articles).set_index("path")["reason"]
    assert "cannot be read (Permission denied)" in reasons["locked.txt"]
    assert "folder cannot be listed (Permission denied)" in reasons["locked"]


def test_a_200000_character_line_without_punctuation_splits_into_bounded_sentences(tmp_path):
    line = " ".join(["word"] * 40_000)  # 199,999 characters
    write(tmp_path / "long.txt", f"Talks resume\n{line}\n")
    articles = load_articles(tmp_path, errors="raise")
    sentences = split_sentences(articles)
    assert sentences["text"].str.len().max() <= MAX_SENTENCE_CHARS
    text = articles.loc[0, "text"]
    assert all(
        text[s:e] == t for s, e, t in sentences[["start", "end", "text"]].itertuples(index=False)
    )
    assert sum(sentences["text"].str.count("word")) == 40_000


def test_a_200000_character_line_is_scored(tmp_path):
    """The hang of the issue: every stage now sees sentences of at most 1,000 characters.

    The time, linear in the length, is measured by benchmarks/long_line.py.
    """
    from analysis.pipeline import score_articles

    chunk = "the delegates from Russia spoke for a long time about the treaty and the schedule "
    line = (chunk * 2500)[:200_000]
    write(tmp_path / "long.txt", f"Talks resume\n{line}\n")
    sentences, mentions, _ = score_articles(load_articles(tmp_path, errors="raise"))
    assert sentences["text"].str.len().max() <= MAX_SENTENCE_CHARS
    assert len(sentences) > 200_000 // MAX_SENTENCE_CHARS
    assert len(mentions) == line.count("Russia")
    assert sentences["tone"].notna().all()


def test_doubling_an_unpunctuated_line_at_most_doubles_the_work(tmp_path):
    """Python function calls to load, split and score, counted: a measure no busy machine skews.

    The seconds are measured by benchmarks/long_line.py.
    """
    import cProfile
    import pstats

    from analysis.pipeline import score_articles

    chunk = "the delegates from Russia spoke for a long time about the treaty and the schedule "
    score_articles(load_articles(write(tmp_path / "warm.txt", f"Talks resume\n{chunk}\n")))
    calls = []
    for length in (10_000, 20_000, 40_000):
        line = (chunk * (length // len(chunk) + 1))[:length]
        path = write(tmp_path / f"{length}.txt", f"Talks resume\n{line}\n")
        profile = cProfile.Profile()
        profile.runcall(lambda path=path: score_articles(load_articles(path, errors="raise")))
        calls.append(pstats.Stats(profile).total_calls)
    assert calls[1] / calls[0] <= 2.05 and calls[2] / calls[1] <= 2.05, calls


def test_a_50_megabyte_file_loads(tmp_path):
    paragraph = f"{BODY} The talks went on for hours and ended without a joint statement.\n"
    repeats = 50_000_000 // len(paragraph) + 1
    numbered = "".join(f"{n} {paragraph}" for n in range(repeats))  # no repeated paragraphs
    path = write(tmp_path / "big.txt", "Talks resume\n" + numbered)
    assert path.stat().st_size > 50_000_000
    articles = load_articles(path, errors="raise")
    assert articles.loc[0, "text"].count("\n\n") == repeats


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl", ".csv", "", ".gz", ".zip"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_readers_never_raise_anything_but_article_error(suffix, data):
    try:
        parsed = read_bytes(f"file{suffix}", data, ReadOptions())
    except ArticleError:
        return
    for _, result in parsed:
        assert isinstance(result, dict | ArticleError)


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300) | st.lists(
    st.sampled_from(["Talks", "resume", ".", "\n", "\n\n", " ", '"', "U.S.", "—", "\r"]),
    max_size=80,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_text_reader_and_cleaner_never_fail(raw):
    clean_text(raw)
    with contextlib.suppress(ArticleError):
        read_bytes("a.txt", raw.encode("utf-8", errors="surrogatepass"), ReadOptions())


@settings(max_examples=100, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=4))
def test_sentence_offsets_slice_back_on_any_cleaned_text(raw, repeat):
    cleaned = clean_text(raw * repeat)
    if not cleaned.paragraphs:
        return
    text = "\n\n".join(cleaned.paragraphs)
    sentences = split_sentences(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    for start, end, sentence in sentences[["start", "end", "text"]].itertuples(index=False):
        assert text[start:end] == sentence
        assert len(sentence) <= MAX_SENTENCE_CHARS


@pytest.mark.slow
def test_markup_inside_an_article_shows_as_text_in_the_report(tmp_path, monkeypatch):
    """A ``<script>`` or ``<img onerror=…>`` in a title or body runs nothing in the HTML page."""
    import re

    from analysis.config import NOTEBOOKS_DIR
    from analysis.report import render_notebook

    payloads = "<script>alert('title')</script> and <img src=x onerror=alert('img')>"
    body = f"Kerry met Lavrov in Geneva; the talks went well. {payloads} The sides agreed."
    record = {"title": "Talks <script>alert('t')</script>", "text": body, "date": "2013-09-13"}
    write(tmp_path / "corpus" / "feed.jsonl", json.dumps(record) + "\n")
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))  # kernels inherit it
    page = render_notebook(
        NOTEBOOKS_DIR / "01-article-walkthrough.ipynb",
        out_dir=tmp_path / "out",
        parameters={"data_dir": str(tmp_path / "corpus")},
    )
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script>\s*alert", html)
    assert not re.search(r"<img[^>]*onerror", html)
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=" in html  # shown as text
