"""The Parquet cache of processed tables."""

import os
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis import build, cache, corpus_tables, export_tables, pipeline, rejects
from analysis.corpus import body_shingles
from conftest import write


def corpus(tmp_path):
    write(
        tmp_path / "raw" / "2011-05-27_a.txt",
        "Talks hit a wall\nThe sides deeply mistrust each other.\n",
    )
    write(tmp_path / "raw" / "empty.txt", "")
    return tmp_path / "raw"


def test_second_call_reads_the_cache_and_matches_a_fresh_build(tmp_path):
    raw = corpus(tmp_path)
    built = corpus_tables(raw, cache_dir=tmp_path / "cache")
    cached = corpus_tables(raw, cache_dir=tmp_path / "cache")
    assert (built.from_cache, cached.from_cache) == (False, True)
    pd.testing.assert_frame_equal(built.articles, cached.articles)
    pd.testing.assert_frame_equal(built.sentences, cached.sentences)
    assert rejects(cached.articles)["path"].tolist() == ["empty.txt"]
    assert list(cached.sentences.columns[-7:]) == [
        "tone",
        "cooperation",
        "conflict",
        "goldstein",
        "quad_class",
        "hedged",
        "relations",
    ]


def test_cache_is_rebuilt_when_an_input_changes(tmp_path):
    raw = corpus(tmp_path)
    corpus_tables(raw, cache_dir=tmp_path / "cache")
    article = raw / "2011-05-27_a.txt"
    write(article, "Talks resume\nThe sides agreed to cooperate.\n")
    os.utime(article, ns=(1, 1))
    tables = corpus_tables(raw, cache_dir=tmp_path / "cache")
    assert not tables.from_cache
    assert tables.articles.loc[0, "title"] == "Talks resume"
    write(raw / "new.txt", "Another\nA new document arrives.\n")
    assert len(corpus_tables(raw, cache_dir=tmp_path / "cache").articles) == 2


def test_cache_is_rebuilt_when_the_code_or_options_change(tmp_path, monkeypatch):
    raw = corpus(tmp_path)
    corpus_tables(raw, cache_dir=tmp_path / "cache")
    assert not corpus_tables(raw, cache_dir=tmp_path / "cache", encoding="utf-8").from_cache
    monkeypatch.setattr(build, "code_fingerprint", lambda: "another version")
    assert not corpus_tables(raw, cache_dir=tmp_path / "cache", encoding="utf-8").from_cache
    assert corpus_tables(raw, cache_dir=tmp_path / "cache", encoding="utf-8").from_cache


def test_refresh_and_no_cache(tmp_path):
    raw = corpus(tmp_path)
    corpus_tables(raw, cache_dir=tmp_path / "cache")
    assert not corpus_tables(raw, cache_dir=tmp_path / "cache", refresh=True).from_cache
    assert not corpus_tables(raw, cache=False).from_cache
    assert not (tmp_path / "raw" / "cache").exists()


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    raw = corpus(tmp_path)
    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "elsewhere"))
    corpus_tables(raw)
    assert len(list((tmp_path / "elsewhere").glob("corpus-*/articles/part-*.parquet"))) == 1


def test_code_fingerprint_changes_with_a_lexicon_edit(tmp_path, monkeypatch):
    package = tmp_path / "analysis"
    shutil.copytree(pipeline.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "PACKAGE_DIR", package)
    before = pipeline.code_fingerprint()
    with (package / "resources" / "tone_lexicon.tsv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("détente\t1.5\tword\tadded by a user\n")
    assert pipeline.code_fingerprint() != before


def test_export_writes_every_table_and_the_rejects(tmp_path):
    tables = corpus_tables(corpus(tmp_path), cache=False)
    written = export_tables(tables, tmp_path / "csv")
    assert [p.name for p in written] == [
        "articles.csv",
        "sentences.csv",
        "mentions.csv",
        "quotes.csv",
        "rejects.csv",
    ]
    sentences = pd.read_csv(tmp_path / "csv" / "sentences.csv")
    assert len(sentences) == written[tmp_path / "csv" / "sentences.csv"] == len(tables.sentences)
    assert sentences["tone"].tolist() == pytest.approx(tables.sentences["tone"].tolist(), abs=1e-9)
    assert pd.read_csv(tmp_path / "csv" / "rejects.csv")["path"].tolist() == ["empty.txt"]
    articles = pd.read_csv(tmp_path / "csv" / "articles.csv", parse_dates=["published"])
    assert articles.loc[0, "published"] == pd.Timestamp("2011-05-27")


def test_export_to_parquet_keeps_the_dtypes(tmp_path):
    tables = corpus_tables(corpus(tmp_path), cache=False)
    export_tables(tables, tmp_path / "pq", format="parquet")
    mentions = pd.read_parquet(tmp_path / "pq" / "mentions.parquet")
    pd.testing.assert_frame_equal(mentions, tables.mentions, check_index_type=False)


def test_export_rejects_an_unknown_format(tmp_path):
    tables = corpus_tables(corpus(tmp_path), cache=False)
    with pytest.raises(ValueError, match="csv.*parquet.*'xlsx'"):
        export_tables(tables, tmp_path, format="xlsx")


def test_export_command(tmp_path, capsys, monkeypatch):
    from analysis.cli import main

    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))
    assert main(["export", "--data", str(corpus(tmp_path)), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert "articles.csv (1 row)" in printed and "rejects.csv (1 row)" in printed


def test_worker_processes_give_the_same_tables(monkeypatch, shipped_dir):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_ARTICLES", 2)
    one = pipeline.build_tables(shipped_dir, workers=1)
    two = pipeline.build_tables(shipped_dir, workers=2)
    for name in ("sentences", "mentions", "quotes"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    assert len(two.quotes) > 50 and two.mentions["target_tone"].notna().all()


def test_workers_must_be_positive(tmp_path, capsys):
    from analysis.cli import main

    with pytest.raises(ValueError, match="at least 1, not 0"):
        pipeline.build_tables(corpus(tmp_path), workers=0)
    with pytest.raises(SystemExit):
        main(["export", "--out", str(tmp_path), "--workers", "0"])
    assert "must be at least 1, not 0" in capsys.readouterr().err


def test_commands_stop_with_a_clear_error_on_a_missing_or_empty_folder(
    tmp_path, capsys, monkeypatch
):
    from analysis.cli import main

    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))
    missing = tmp_path / "no-such-folder"
    assert main(["export", "--data", str(missing), "--out", str(tmp_path / "out")]) == 2
    assert f"error: {missing}: no such file or folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", "--data", str(empty), "--out", str(tmp_path / "out")]) == 2
    assert "no articles in" in capsys.readouterr().err
    assert main(["export", "--data", str(empty), "--out", str(tmp_path / "out")]) == 0
    assert pd.read_csv(tmp_path / "out" / "mentions.csv").empty


def test_explain_command(tmp_path, capsys):
    from analysis.cli import main

    text = "Relations remained cool, and mistrust between Moscow and Washington lingers."
    assert main(["explain", text, "--about", "Moscow"]) == 0
    printed = capsys.readouterr().out
    assert "diplomatic tone -0." in printed and "(negative)" in printed
    assert "tone towards 'Moscow': -" in printed
    assert "moved most by (+ towards positive, - towards negative): " in printed
    assert "mistrust" in printed and "overlay" in printed
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("term\tvalence\tkind\nlingers\t-2.5\tword\n", encoding="utf-8")
    assert main(["explain", text, "--lexicon", str(lexicon)]) == 0
    assert "lingers" in capsys.readouterr().out
    lexicon.write_text("word\tscore\nlingers\t-2.5\n", encoding="utf-8")
    assert main(["explain", text, "--lexicon", str(lexicon)]) == 2
    assert "mine.tsv: missing column(s)" in capsys.readouterr().err
    assert main(["explain", text, "--about", "Kyiv"]) == 2
    assert "'Kyiv' is not in the text" in capsys.readouterr().err


# The chunked, incremental build (analysis.build) and its cache (analysis.cache).


def assert_same_tables(one, two):
    for name in pipeline.TABLES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name), obj=name)
    assert one.articles.attrs["rejects"] == two.articles.attrs["rejects"]


def test_chunked_build_equals_the_one_shot_build_on_the_shipped_corpus(
    tmp_path, monkeypatch, shipped_dir
):
    monkeypatch.setattr(build, "CHUNK_FILES", 4)  # nine chunks
    chunked = corpus_tables(shipped_dir, cache_dir=tmp_path, workers=2, progress=False)
    assert len(list((tmp_path).glob("corpus-*/sentences/part-*.parquet"))) == 9
    assert_same_tables(pipeline.build_tables(shipped_dir), chunked)


def test_workers_share_what_the_parent_loaded_before_forking(tmp_path, shipped_dir):
    script = (
        "import gc, sys\n"
        "from analysis import build, corpus_tables, tone, target, relations\n"
        "build.CHUNK_FILES = 10\n"
        "corpus_tables(sys.argv[1], cache_dir=sys.argv[2], workers=2, progress=False)\n"
        "loaded = [f.cache_info().currsize for f in (tone._default_model, target.target_model,"
        " relations.relations_model)]\n"
        "print(loaded, gc.get_freeze_count(), 'datasketch' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(shipped_dir), str(tmp_path / "cache")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.split("\n")[0] == "[1, 1, 1] 0 True"  # loaded here; collector unfrozen


def test_chunks_are_bounded_by_bytes_as_well_as_files(tmp_path, monkeypatch, shipped_dir):
    sizes = sorted(p.stat().st_size for p in shipped_dir.glob("*.txt"))
    monkeypatch.setattr(build, "CHUNK_BYTES", sizes[-1])  # the largest file alone fills one
    chunks = list(build.chunked([str(n) for n in range(len(sizes))], sizes))
    assert [len(c) for c in chunks][-1] == 1 and all(c for c in chunks)
    assert sum(map(len, chunks)) == len(sizes)
    chunked = corpus_tables(shipped_dir, cache_dir=tmp_path, workers=2, progress=False)
    parts = len(list(tmp_path.glob("corpus-*/sentences/part-*.parquet")))
    assert parts > -(-len(list(shipped_dir.rglob("*.txt"))) // build.CHUNK_FILES)
    assert_same_tables(pipeline.build_tables(shipped_dir), chunked)


def test_chunked_build_equals_the_one_shot_build_on_the_realworld_pages(tmp_path, monkeypatch):
    from analysis.config import PROJECT_ROOT

    kremlin = PROJECT_ROOT.parent / "shared" / "realworld" / "kremlin"
    if not kremlin.is_dir():
        pytest.skip("needs ../shared/realworld/kremlin beside the clone (absent in a user's clone)")
    pages = sorted(kremlin.glob("*.html"))[:60]
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in pages:
        (folder / page.name).symlink_to(page)
    monkeypatch.setattr(build, "CHUNK_FILES", 25)
    chunked = corpus_tables(folder, cache_dir=tmp_path / "cache", workers=2, progress=False)
    assert_same_tables(pipeline.build_tables(folder), chunked)


def near_duplicate_corpus(folder):
    body = " ".join(
        f"Sentence {n} about the talks between Moscow and Washington." for n in range(40)
    )
    write(folder / "a.txt", f"---\ndate: 2012-01-02\n---\nLater copy\n{body} Edited.\n")
    for n in range(6):
        write(folder / f"b{n}.txt", f"Other {n}\nA different text number {n} on trade.\n")
    write(folder / "c.txt", f"---\ndate: 2011-01-01\n---\nFirst\n{body}\n")
    return folder


def test_near_duplicates_are_found_across_chunks(tmp_path, monkeypatch):
    raw = near_duplicate_corpus(tmp_path / "raw")
    monkeypatch.setattr(build, "CHUNK_FILES", 2)
    chunked = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    flagged = chunked.articles.set_index("path")["duplicate_of"]
    assert flagged["a.txt"] == "c" and flagged.drop("a.txt").isna().all()
    assert_same_tables(pipeline.build_tables(raw), chunked)
    # An earlier copy added later becomes the original; the cached part is rewritten.
    body = (raw / "c.txt").read_text(encoding="utf-8").split("First\n", 1)[1]
    write(raw / "0.txt", f"---\ndate: 2010-01-01\n---\nEarliest\n{body}")
    again = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    assert again.articles.set_index("path")["duplicate_of"].dropna().to_dict() == {
        "a.txt": "0",
        "c.txt": "0",
    }
    assert_same_tables(pipeline.build_tables(raw), again)


def test_adding_files_checks_only_the_articles_linked_to_theirs(tmp_path, monkeypatch):
    raw = near_duplicate_corpus(tmp_path / "raw")
    monkeypatch.setattr(build, "CHUNK_FILES", 2)
    corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    asked = []  # the headline of each text whose shingles are taken, to load or to compare

    def counted(text):
        asked.append(text.split("\n", 1)[0])
        return body_shingles(text)

    monkeypatch.setattr(build, "body_shingles", counted)
    write(raw / "b9.txt", "Another\nA text on fisheries that nothing repeats.\n")
    unrelated = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    assert asked == ["Another"]  # loaded; it shares no bucket, so nothing is compared
    assert_same_tables(pipeline.build_tables(raw), unrelated)
    asked.clear()
    body = (raw / "c.txt").read_text(encoding="utf-8").split("First\n", 1)[1]
    write(raw / "d.txt", f"---\ndate: 2013-01-01\n---\nThird copy\n{body}")
    copied = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    assert sorted(asked) == ["First", "Later copy", "Third copy", "Third copy"]
    assert copied.articles.set_index("path")["duplicate_of"].dropna().to_dict() == {
        "a.txt": "c",
        "d.txt": "c",
    }
    assert_same_tables(pipeline.build_tables(raw), copied)


class Shingles(set):
    """A set of shingles that counts how many are alive at once."""

    alive = 0
    most = 0

    def __init__(self, shingles):
        super().__init__(shingles)
        Shingles.alive += 1
        Shingles.most = max(Shingles.most, Shingles.alive)

    def __del__(self):
        Shingles.alive -= 1


def test_the_near_duplicate_check_keeps_few_shingle_sets_however_many_duplicates(
    tmp_path, monkeypatch
):
    raw = tmp_path / "raw"
    body = " ".join(f"word{n} on arms control talks" for n in range(40))
    for n in range(60):  # sixty copies of one text: every one a candidate
        write(raw / f"{n:02}.txt", f"---\ndate: 2011-01-01\n---\nCopy {n}\n{body}\n")
    monkeypatch.setattr(Shingles, "most", 0)
    monkeypatch.setattr(build, "CHUNK_FILES", 20)
    monkeypatch.setattr(build, "body_shingles", lambda text: Shingles(body_shingles(text)))
    tables = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    assert tables.articles["duplicate_of"].value_counts().to_dict() == {"00": 59}
    assert 0 < Shingles.most <= build.SHINGLES_KEPT + 2  # the cache and the pair compared


def test_adding_files_builds_only_the_new_files(tmp_path, monkeypatch, shipped_dir):
    raw = tmp_path / "raw"
    shutil.copytree(shipped_dir, raw)
    added = sorted(raw.glob("*.txt"))[:10:3]  # files in between the others
    kept = {file: file.read_bytes() for file in added}
    for file in added:
        file.unlink()
    monkeypatch.setattr(build, "CHUNK_FILES", 8)
    corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    for file, content in kept.items():
        file.write_bytes(content)
    loaded = []
    run = build.run_chunk
    monkeypatch.setattr(build, "run_chunk", lambda chunk: loaded.append(chunk) or run(chunk))
    tables = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    assert [sorted(chunk.files) for chunk in loaded] == [sorted(f.name for f in added)]
    assert not tables.from_cache
    assert_same_tables(pipeline.build_tables(raw), tables)  # in file order again
    sentences = corpus_tables(
        raw, cache_dir=tmp_path / "cache", read_columns={"sentences": ["article_id", "tone"]}
    ).sentences
    pd.testing.assert_frame_equal(sentences, tables.sentences[["article_id", "tone"]])


def test_a_touched_file_is_not_rebuilt_and_an_edited_one_is(tmp_path, monkeypatch):
    raw = corpus(tmp_path)
    corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    article = raw / "2011-05-27_a.txt"
    os.utime(article, ns=(10**18, 10**18))
    assert corpus_tables(raw, cache_dir=tmp_path / "cache").from_cache
    write(article, "Talks hit a wall\nThe sides deeply mistrust each other!\n")
    assert not corpus_tables(raw, cache_dir=tmp_path / "cache").from_cache


def test_a_lexicon_change_rescores_without_loading_again(tmp_path, monkeypatch):
    raw = corpus(tmp_path)
    before = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    monkeypatch.setattr(build, "code_fingerprint", lambda: "an edited lexicon")
    monkeypatch.setattr(build, "load_chunk", lambda chunk: pytest.fail("loaded again"))
    after = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    assert not after.from_cache
    assert_same_tables(before, after)
    folder = pipeline.cache_folder(raw, tmp_path / "cache")
    assert len(list((folder / "sentences").glob("*"))) == 1  # the old scores are removed


def test_scoring_files_are_outside_the_load_fingerprint(tmp_path, monkeypatch):
    package = tmp_path / "analysis"
    shutil.copytree(pipeline.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "PACKAGE_DIR", package)
    load, code = pipeline.load_fingerprint(), pipeline.code_fingerprint()
    with (package / "resources" / "tone_lexicon.tsv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("détente\t1.5\tword\tadded by a user\n")
    assert (pipeline.load_fingerprint(), pipeline.code_fingerprint() != code) == (load, True)
    with (package / "cleaning.py").open("a", encoding="utf-8") as cleaning:
        cleaning.write("# changed\n")
    assert pipeline.load_fingerprint() != load


def test_every_file_the_fingerprints_name_exists():
    # A module moved (actors.py into actors/) must not drop out of the scoring files unseen.
    named = pipeline.SCORING_FILES | pipeline.PRESENTATION_FILES
    assert sorted(n for n in named if not (pipeline.PACKAGE_DIR / n).is_file()) == []


def test_an_interrupted_build_leaves_the_previous_cache_and_the_next_run_recovers(
    tmp_path, monkeypatch
):
    raw = corpus(tmp_path)
    before = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    write(raw / "new.txt", "Another\nA new document arrives.\n")

    def interrupted(folder, table, name, frame):
        if table == "mentions":
            raise KeyboardInterrupt
        return write_part(folder, table, name, frame)

    write_part = cache.write_part
    monkeypatch.setattr(cache, "write_part", interrupted)
    with pytest.raises(KeyboardInterrupt):
        corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    folder = pipeline.cache_folder(raw, tmp_path / "cache")
    index = cache.read_index(folder)
    assert_same_tables(
        before,
        before.__class__(
            build.with_rejects(cache.read_table(folder, index, "articles"), index),
            *(cache.read_table(folder, index, t) for t in pipeline.TABLES[1:]),
            from_cache=True,
        ),
    )
    assert not list(folder.rglob("*.tmp"))
    monkeypatch.setattr(cache, "write_part", write_part)
    after = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    assert len(after.articles) == 2
    assert_same_tables(pipeline.build_tables(raw), after)


def test_columns_must_name_tables(tmp_path):
    with pytest.raises(ValueError, match=r"no table \['sentence'\]"):
        corpus_tables(
            corpus(tmp_path), cache_dir=tmp_path / "c", read_columns={"sentence": ["tone"]}
        )


def test_sigterm_during_a_build_ends_the_worker_processes(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    raw = tmp_path / "raw"
    for n in range(12):
        text = " ".join(f"Talks number {n} went on, sentence {i}." for i in range(400))
        write(raw / f"{n:02d}.txt", f"Title {n}\n{text}\n")
    script = (
        "import sys\nfrom analysis import build, cli\nbuild.CHUNK_FILES = 1\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    command = [sys.executable, "-c", script, "export", "--data", str(raw), "--workers", "2"]
    env = {**os.environ, "ANALYSIS_PROCESSED_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen([*command, "--out", str(tmp_path / "out")], env=env)
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + 60
    while len(parent.children(recursive=True)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = parent.children(recursive=True)
    assert workers, "the build started no worker processes"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) != 0
    gone, alive = psutil.wait_procs(workers, timeout=10)
    for process in alive:  # leave no stray process behind a failing run
        process.kill()
    assert not alive, f"worker processes left running: {alive}"
    assert not (tmp_path / "out").exists()


def test_a_dask_cluster_builds_the_same_tables(tmp_path, monkeypatch, shipped_dir):
    distributed = pytest.importorskip("distributed", reason="needs the scale extra (Dask)")

    monkeypatch.setattr(build, "CHUNK_FILES", 8)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = corpus_tables(shipped_dir, cache_dir=tmp_path, client=client, progress=False)
    local = corpus_tables(shipped_dir, cache_dir=tmp_path / "local", progress=False)
    assert_same_tables(local, on_dask)
    folder = pipeline.cache_folder(shipped_dir, tmp_path)
    assert len(list((folder / "quotes").glob("part-*.parquet"))) == 5
    assert not on_dask.from_cache


def test_the_core_does_not_import_dask():
    import subprocess
    import sys

    script = "import sys, analysis, analysis.build, analysis.cli; print('dask' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True).stdout
        == "False\n"
    )


def test_scheduler_option_builds_on_a_cluster(tmp_path, capsys, monkeypatch):
    distributed = pytest.importorskip("distributed", reason="needs the scale extra (Dask)")
    from analysis.cli import main

    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster:
        raw = corpus(tmp_path)
        out = tmp_path / "out"
        assert (
            main(
                [
                    "export",
                    "--data",
                    str(raw),
                    "--out",
                    str(out),
                    "--scheduler",
                    cluster.scheduler_address,
                ]
            )
            == 0
        )
    assert "articles.csv (1 row)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("env", "tty", "jupyter", "shown"),
    [
        ({}, True, False, True),
        ({}, False, False, False),
        ({}, False, True, True),
        ({"CI": "true"}, True, True, False),
        ({"ANALYSIS_PROGRESS": "0"}, True, False, False),
        ({"ANALYSIS_PROGRESS": "1", "CI": "1"}, False, False, True),
    ],
)
def test_progress_shows_on_a_terminal_or_in_jupyter_and_not_in_ci(
    monkeypatch, env, tty, jupyter, shown
):
    import sys

    from analysis import progress

    for name in ("CI", "ANALYSIS_PROGRESS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    monkeypatch.setattr(progress, "in_jupyter", lambda: jupyter)
    assert progress.show_progress() is shown


def test_a_build_on_a_terminal_draws_files_articles_and_sentences_per_second(tmp_path, capsys):
    corpus_tables(corpus(tmp_path), cache_dir=tmp_path / "cache", progress=True)
    drawn = capsys.readouterr().err
    assert "building" in drawn and "2/2" in drawn and "file" in drawn
    assert "articles=1" in drawn and "sentences_per_s=" in drawn


def test_ids_repeated_across_chunks_are_told_apart_as_in_one_load(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    for name in ("feed-a", "feed-b"):
        lines = [
            f'{{"id": "{n}", "title": "Item {n}", "text": "{name} says talks on arms control went well, item {n}."}}'
            for n in (1, 2)
        ]
        write(raw / f"{name}.jsonl", "\n".join(lines) + "\n")
    monkeypatch.setattr(build, "CHUNK_FILES", 1)
    chunked = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    assert chunked.articles["article_id"].tolist() == [
        "feed-a:1",
        "feed-a:2",
        "feed-b:1",
        "feed-b:2",
    ]
    assert set(chunked.sentences["article_id"]) == set(chunked.articles["article_id"])
    assert_same_tables(pipeline.build_tables(raw), chunked)


def test_presentation_files_are_outside_both_fingerprints(tmp_path, monkeypatch):
    package = tmp_path / "analysis"
    shutil.copytree(pipeline.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "PACKAGE_DIR", package)
    before = pipeline.load_fingerprint(), pipeline.code_fingerprint()
    for name in ("plots.py", "report.py", "aggregate/periods.py"):
        with (package / name).open("a", encoding="utf-8") as module:
            module.write("# changed\n")
    assert (pipeline.load_fingerprint(), pipeline.code_fingerprint()) == before
    with (package / "tone.py").open("a", encoding="utf-8") as module:
        module.write("# changed\n")
    assert pipeline.code_fingerprint() != before[1]


def test_no_building_module_imports_a_presentation_module():
    presentation = {name.removesuffix(".py") for name in pipeline.PRESENTATION_FILES}
    presentation |= {"aggregate"}
    for file in pipeline.PACKAGE_DIR.rglob("*.py"):
        name = file.relative_to(pipeline.PACKAGE_DIR).as_posix()
        if pipeline._is_presentation(name) or name == "__init__.py":
            continue
        source = file.read_text(encoding="utf-8")
        imported = set(re.findall(r"^\s*from analysis\.(\w+)", source, flags=re.M))
        imported |= set(re.findall(r"^\s*from analysis import ([\w, ]+)", source, flags=re.M))
        names = {part.strip() for item in imported for part in item.split(",")}
        assert not names & presentation, f"{name} imports {names & presentation}"


def test_new_user_actors_rescore_the_cache_without_loading_again(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    write(raw / "2019-05-27_a.txt", "Talks\nZvezdatom and Gazprom met in Moscow.\n")
    mine = write(
        tmp_path / "mine.tsv",
        "actor\tcountry\tactor_type\taliases\nZvezda Atom\tRUS\torganization\tZvezdatom\n",
    )
    first = corpus_tables(raw, cache_dir=tmp_path / "cache", actors=mine)
    assert "Zvezda Atom" in set(first.mentions["actor"])
    loads = []
    monkeypatch.setattr(build, "load_chunk", lambda chunk: loads.append(chunk) or 1 / 0)
    assert corpus_tables(raw, cache_dir=tmp_path / "cache", actors=mine).from_cache
    write(mine, "actor\tcountry\tactor_type\taliases\nGazprom PJSC\tRUS\torganization\tGazprom\n")
    second = corpus_tables(raw, cache_dir=tmp_path / "cache", actors=mine)
    assert not second.from_cache and loads == []  # scored again, not loaded again
    assert "Gazprom PJSC" in set(second.mentions["actor"])
    assert "Zvezda Atom" not in set(second.mentions["actor"])


def test_actors_option_on_the_command_line(tmp_path, capsys, monkeypatch):
    from analysis.cli import main

    monkeypatch.setenv("ANALYSIS_PROCESSED_DIR", str(tmp_path / "cache"))
    raw = tmp_path / "raw"
    write(raw / "2019-05-27_a.txt", "Talks\nZvezdatom signed a deal.\n")
    mine = write(
        tmp_path / "mine.tsv",
        "actor\tcountry\tactor_type\taliases\nZvezda Atom\tRUS\torganization\tZvezdatom\n",
    )
    out = tmp_path / "out"
    assert main(["export", "--data", str(raw), "--out", str(out), "--actors", str(mine)]) == 0
    assert pd.read_csv(out / "mentions.csv")["actor"].tolist() == ["Zvezda Atom"]
    assert main(["export", "--data", str(raw), "--out", str(out)]) == 0
    assert "Zvezda Atom" not in pd.read_csv(out / "mentions.csv")["actor"].tolist()


def test_mentions_inside_speaker_labels_are_dropped_as_a_pairwise_check_would():
    import random

    rng = random.Random(3)
    labels = pd.DataFrame.from_records(
        [
            {"article_id": article, "start": start, "end": start + rng.randrange(1, 30)}
            for article in "abc"
            for start in sorted(rng.sample(range(0, 2000, 40), 20))
        ]
        + [{"article_id": "a", "start": 80, "end": 95}]  # two turns in one paragraph
        + [{"article_id": "b", "start": 0, "end": 500}]  # labels inside a longer one
    )
    mentions = pd.DataFrame.from_records(
        [
            {"article_id": article, "start": start, "end": start + rng.randrange(1, 25)}
            for article in "abcd"
            for start in rng.sample(range(2000), 300)
        ]
    )

    def inside(row):
        same = labels[labels["article_id"] == row["article_id"]]
        return ((same["start"] < row["end"]) & (same["end"] > row["start"])).any()

    expected = mentions[~mentions.apply(inside, axis=1)].reset_index(drop=True)
    kept = pipeline.without_labels(mentions, labels)
    assert 0 < len(kept) < len(mentions)
    pd.testing.assert_frame_equal(kept, expected)


def test_a_link_to_an_id_that_is_gone_is_checked_again_when_files_are_added(tmp_path, monkeypatch):
    # A run stopped after renaming ids but before writing its index leaves such links.
    raw = near_duplicate_corpus(tmp_path / "raw")
    monkeypatch.setattr(build, "CHUNK_FILES", 2)
    corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    folder = next((tmp_path / "cache").glob("corpus-*"))
    index = cache.read_index(folder)
    for part in index["parts"]:
        articles = cache.read_part(folder, "articles", part["load_name"])
        if articles["duplicate_of"].notna().any():
            articles["duplicate_of"] = articles["duplicate_of"].where(
                articles["duplicate_of"].isna(), "gone"
            )
            cache.write_part(folder, "articles", part["load_name"], articles)
    write(raw / "b9.txt", "Another\nA text on fisheries that nothing repeats.\n")
    again = corpus_tables(raw, cache_dir=tmp_path / "cache", progress=False)
    assert again.articles.set_index("path")["duplicate_of"].dropna().to_dict() == {"a.txt": "c"}
    assert_same_tables(pipeline.build_tables(raw), again)


def test_parts_with_other_columns_read_as_pandas_joins_them(tmp_path):
    one = pd.DataFrame({"article_id": pd.array(["a"], dtype="string"), "n": [1]})
    two = pd.DataFrame({"article_id": pd.array(["b"], dtype="string"), "n": [2.5], "extra": ["x"]})
    cache.write_part(tmp_path, "articles", "one", one)
    cache.write_part(tmp_path, "articles", "two", two)
    expected = pd.concat(
        [cache.read_part(tmp_path, "articles", name) for name in ("one", "two")],
        ignore_index=True,
    )
    read = cache.read_parts(tmp_path, "articles", ["one", "two"])
    pd.testing.assert_frame_equal(read, expected)


def _own_pid(chunk):
    return os.getpid()


def test_workers_are_forked_afresh_every_few_chunks(monkeypatch):
    monkeypatch.setattr(build, "CHUNKS_PER_WORKER", 2)
    monkeypatch.setattr(build, "run_chunk", _own_pid)
    chunks = [f"chunk {i}" for i in range(8)]
    results = list(build._recycled(chunks, 2))
    assert sorted(chunk for chunk, _ in results) == sorted(chunks)
    pids = [pid for _, pid in results]
    assert len(set(pids)) == 4 and os.getpid() not in pids  # 8 chunks, 2 per process
