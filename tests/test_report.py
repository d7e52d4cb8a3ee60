import base64
import logging
import re

import nbformat
import pytest

from analysis.config import NOTEBOOKS_DIR
from analysis.report import export_html, render_notebook

# A 1×1 PNG.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
).decode()


def assert_clean_page(html, title):
    """No warnings or errors, numbers in plain notation, the notebook's title, and
    every figure a real description."""
    assert "Warning" not in html and "Traceback" not in html
    assert not re.search(r"\d\.\d+e[-+]\d\d", html), "scientific notation in a table"
    assert f"<title>{title}</title>" in html
    images = re.findall(r"<img [^>]*>", html)
    assert images and all(re.search(r'alt="[A-Z][^"]{40,}"', image) for image in images)
    assert "No description has been provided" not in html


def test_figures_get_the_alt_text_of_their_cell_and_a_missing_one_is_logged(tmp_path, caplog):
    def figure():
        return nbformat.v4.new_output("display_data", data={"image/png": PIXEL})

    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A page\n\nText."),
            nbformat.v4.new_code_cell("chart()", outputs=[figure()], metadata={"alt": "Bar chart"}),
            nbformat.v4.new_code_cell("other()", outputs=[figure()]),
        ]
    )
    with caplog.at_level(logging.WARNING, logger="analysis.report"):
        html = export_html(notebook, "page", tmp_path).read_text(encoding="utf-8")
    assert "<title>A page</title>" in html
    assert 'alt="Bar chart"' in html
    assert "page: figure page_2_0.png has no description" in caplog.text
    assert sorted(p.name for p in (tmp_path / "figures" / "page").iterdir()) == [
        "page_1_0.png",
        "page_2_0.png",
    ]


def curated(shipped_dir, tmp_path, monkeypatch):
    """Parameters that point a notebook at the 34 curated documents, cached under tmp_path."""
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))  # kernels inherit it
    return {"data_dir": str(shipped_dir), "corpus_title": "data/raw"}


@pytest.mark.slow
def test_walkthrough_notebook_runs_headless(tmp_path, shipped_dir, monkeypatch):
    page = render_notebook(NOTEBOOKS_DIR / "01-article-walkthrough.ipynb", out_dir=tmp_path,
                           parameters=curated(shipped_dir, tmp_path, monkeypatch))  # fmt: skip
    html = page.read_text(encoding="utf-8")
    assert "US, Russia G8 missile talks hit stone wall" in html
    assert "Security needs" in html
    assert "About Us" not in html
    assert "Diplomatic tone arc" in html and "What drove the tone" in html
    assert "entity guard" in html or "phrase" in html
    figures = list((tmp_path / "figures" / "01-article-walkthrough").glob("*.png"))
    assert len(figures) == 3 and all(f.stat().st_size > 10_000 for f in figures)
    assert all(f.with_suffix(".svg").stat().st_size > 10_000 for f in figures)
    assert "Concordance" in html and "occurrences of 'sanctions' in" in html
    assert f'src="figures/01-article-walkthrough/{figures[0].name}"' in html
    assert_clean_page(html, "One article, sentence by sentence")


@pytest.mark.slow
def test_notebooks_are_committed_without_outputs():
    import nbformat

    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        assert not any(c.get("outputs") for c in notebook.cells if c.cell_type == "code"), path


@pytest.mark.slow
def test_timeline_notebook_runs_headless(tmp_path, shipped_dir, monkeypatch):
    page = render_notebook(NOTEBOOKS_DIR / "02-tone-over-time.ipynb", out_dir=tmp_path,
                           parameters=curated(shipped_dir, tmp_path, monkeypatch))  # fmt: skip
    html = page.read_text(encoding="utf-8")
    assert "34 documents loaded, 0 not loaded" in html
    assert "Kremlin" in html and "New START signed in Prague" in html
    assert "Before and after each event" in html and "change_high" in html
    figures = list((tmp_path / "figures" / "02-tone-over-time").glob("*.png"))
    assert len(figures) == 2
    assert_clean_page(html, "Tone over time")


@pytest.mark.slow
def test_who_says_what_notebook_runs_headless(tmp_path, shipped_dir, monkeypatch):
    page = render_notebook(NOTEBOOKS_DIR / "03-who-says-what.ipynb", out_dir=tmp_path,
                           parameters=curated(shipped_dir, tmp_path, monkeypatch))  # fmt: skip
    html = page.read_text(encoding="utf-8")
    assert "34 documents," in html and "quotes without a speaker found" in html
    assert "Michael McFaul" in html and "USA→RUS" in html and "RUS→USA" in html
    figures = list((tmp_path / "figures" / "03-who-says-what").glob("*.png"))
    assert len(figures) == 4 and all(f.stat().st_size > 10_000 for f in figures)
    assert_clean_page(html, "Who says what about whom")


@pytest.mark.slow
def test_report_command_runs_every_notebook_on_another_corpus(tmp_path, capsys, monkeypatch):
    import json

    from analysis.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = [
        {"title": "Talks resume", "text": "The two sides met again and agreed to keep talking."},
        {"title": "Kerry and Lavrov keep talking", "date": "2013-09-13", "source": "Example Wire",
         "text": 'Lavrov and Kerry met in Geneva. "We are close to a deal," Lavrov told reporters.'},
        {"title": "Sanctions widen", "date": "2014-03-20", "source": "Example Wire",
         "text": 'Washington imposed new sanctions on Moscow. "This is a hostile step," Lavrov said.'},
    ]  # fmt: skip
    (corpus / "feed.jsonl").write_text("\n".join(map(json.dumps, records)), encoding="utf-8")
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))  # kernels inherit it
    assert main(["report", "--data", str(corpus), "--out", str(tmp_path / "out")]) == 0
    assert "loaded 3 articles" in capsys.readouterr().out
    walkthrough = (tmp_path / "out" / "01-article-walkthrough.html").read_text(encoding="utf-8")
    assert "is not in this corpus (corpus (3 documents, 2013–2014)); showing feed/1" in walkthrough
    assert len(list((tmp_path / "out" / "figures" / "01-article-walkthrough").glob("*.png"))) == 3
    who = (tmp_path / "out" / "03-who-says-what.html").read_text(encoding="utf-8")
    assert "Sergey Lavrov" in who and "Warning" not in who
    assert len(list((tmp_path / "cache").glob("corpus-*"))) == 1


def small_notebook(path, *cells, parameters="label = 'first'"):
    """A notebook of a heading, a parameters cell and the given code cells."""
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# A small report"),
            nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
            *[nbformat.v4.new_code_cell(source) for source in cells],
        ]
    )
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}  # fmt: skip
    nbformat.write(notebook, path)
    return path


@pytest.mark.slow
def test_a_failed_notebook_leaves_the_previous_reports_and_names_the_cell(tmp_path):
    from analysis.report import ReportError, render_notebooks

    good = small_notebook(tmp_path / "01-good.ipynb", "print(f'report of {label}')")
    out = tmp_path / "out"
    render_notebooks([good], out_dir=out, parameters={"label": "first", "since": "2011-01-01"})
    before = (out / "01-good.html").read_text(encoding="utf-8")
    assert "report of first" in before
    bad = small_notebook(tmp_path / "02-bad.ipynb", "x = 1", "1 / 0  # divide")
    with pytest.raises(ReportError) as raised:
        render_notebooks([good, bad], out_dir=out, parameters={"label": "second"})
    error = raised.value
    assert (error.notebook, error.cell, error.source) == ("02-bad.ipynb", 3, "1 / 0  # divide")
    assert "ZeroDivisionError" in str(error) and "02-bad.ipynb: cell 3" in str(error)
    assert (out / "01-good.html").read_text(encoding="utf-8") == before  # not the second run's
    assert not (out / "02-bad.html").exists()
    assert sorted(p.name for p in out.iterdir()) == ["01-good.html", "index.html", "index.json"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="01-good.html"' in index and "since 2011-01-01" in index


@pytest.mark.slow
def test_the_index_lists_every_report_with_its_corpus_filters_and_version(tmp_path):
    from analysis import __version__
    from analysis.report import render_notebooks

    first = small_notebook(tmp_path / "01-a.ipynb", "print(label)")
    second = small_notebook(tmp_path / "02-b.ipynb", "print(label)")
    out = tmp_path / "out"
    corpus = {"path": "data/raw", "documents": 43, "first": "2011-01-04", "last": "2011-12-20"}
    render_notebooks([first, second], out_dir=out, corpus=corpus,
                     parameters={"until": "2011-12-31", "about": "<Putin>"})  # fmt: skip
    render_notebooks([second], out_dir=out, parameters={"label": "again"})  # only one again
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<title>Reports</title>" in index
    rows = re.findall(r"<tr><td>.*?</tr>", index)
    assert len(rows) == 2 and 'href="01-a.html"' in rows[0] and 'href="02-b.html"' in rows[1]
    assert "data/raw: 43 documents, 2011-01-04 to 2011-12-20" in rows[0]
    assert "until 2011-12-31, about &lt;Putin&gt;" in rows[0]  # escaped
    assert "not recorded" in rows[1] and "none" in rows[1]
    assert all(__version__ in row and re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", row)
               for row in rows)  # fmt: skip


@pytest.mark.slow
def test_article_text_stays_escaped_and_parameters_go_where_declared(tmp_path):
    from analysis.report import render_notebooks

    notebook = small_notebook(
        tmp_path / "01-text.ipynb",
        "import pandas as pd\npd.DataFrame({'title': [label]})",
        "print(label)",
    )
    out = tmp_path / "out"
    script = "<script>document.title = 'hacked'</script><img src=x onerror=alert(1)>"
    # "about" is not declared by this notebook: papermill is not given it.
    render_notebooks([notebook], out_dir=out, parameters={"label": script, "about": "RUS"})
    html = (out / "01-text.html").read_text(encoding="utf-8")
    assert "document.title = 'hacked'" not in html.replace("&lt;script&gt;document.title", "")
    assert "&lt;script&gt;document.title" in html
    assert "<img src=x" not in html and '<img src="x"' not in html
    assert "about = " not in html


@pytest.mark.slow
def test_reports_of_one_year_alone(tmp_path, capsys, monkeypatch, shipped_dir):
    from analysis.cli import main

    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    notebooks = [str(NOTEBOOKS_DIR / name) for name in ("02-tone-over-time.ipynb",
                                                        "03-who-says-what.ipynb")]  # fmt: skip
    command = ["report", *notebooks, "--data", str(shipped_dir), "--out", str(out),
               "--since", "2011-01-01", "--until", "2011-12-31", "--title", "curated"]  # fmt: skip
    assert main(command) == 0
    in_2011 = sorted(p.name for p in shipped_dir.glob("2011-*.txt"))
    assert "5 articles from 2011-01-01 to 2011-12-31" in capsys.readouterr().out
    assert len(in_2011) == 5
    label = "curated (5 documents, 2011), from 2011-01-01 to 2011-12-31"
    over_time = (out / "02-tone-over-time.html").read_text(encoding="utf-8")
    assert "5 documents loaded" in over_time and label in over_time
    dates = set(
        re.findall(r"\b((?:19|20)\d\d)-\d\d-\d\d\b", over_time.split('<h2 id="Documents"')[-1])
    )
    assert dates == {"2011"}, dates  # the table of documents holds 2011 alone
    who = (out / "03-who-says-what.html").read_text(encoding="utf-8")
    assert "5 documents," in who and label in who
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "since 2011-01-01, until 2011-12-31" in index and ": 5 documents, 2011-" in index
    assert "Warning" not in over_time + who and "Traceback" not in over_time + who


@pytest.mark.slow
def test_trust_notebook_says_it_skips_without_the_evaluation_data(tmp_path):
    page = render_notebook(NOTEBOOKS_DIR / "04-how-far-to-trust.ipynb", out_dir=tmp_path,
                           parameters={"benchmarks_dir": str(tmp_path / "absent")})  # fmt: skip
    html = page.read_text(encoding="utf-8")
    assert "<title>How far to trust the scores</title>" in html
    assert "Skipped: the evaluation data are absent." in html
    assert "pearson_r</th>" not in html and "Traceback" not in html


@pytest.mark.slow
@pytest.mark.shared
def test_trust_notebook_renders_every_evaluation_and_the_largest_errors(tmp_path, benchmarks_dir):
    from analysis.trust import evaluation_functions

    page = render_notebook(NOTEBOOKS_DIR / "04-how-far-to-trust.ipynb", out_dir=tmp_path,
                           parameters={"benchmarks_dir": str(benchmarks_dir), "top_errors": 2})  # fmt: skip
    html = page.read_text(encoding="utf-8")
    for name in evaluation_functions():
        heading = name.removeprefix("evaluate_").replace("_", " ")
        assert re.search(rf"<h3[^>]*>{heading}", html), heading
    assert "pearson_r</th>" in html and "macro_f1</th>" in html and "newsmtsc-mt test" in html
    assert len(re.findall(r"<td[^>]*>[^<]*\[[^\]<]+\][^<]*</td>", html)) >= 4  # targets in brackets
    assert "Skipped" not in html and "Traceback" not in html
