import filecmp
import time

import pytest

from analysis.config import PROJECT_ROOT, RESOURCES_DIR
from analysis.cues import Cue, CueIndex, event_cues, event_index, find_events, parse_cue, word_key
from analysis.resources import build_event_cues

PETRARCH = PROJECT_ROOT.parent / "shared" / "lexicons" / "petrarch2"


@pytest.fixture(scope="module")
def petrarch_dir():
    if not (PETRARCH / "CAMEO.2.0.txt").is_file():
        pytest.skip("needs PETRARCH2's dictionaries in ../shared/lexicons/petrarch2/")
    return PETRARCH


def test_shipped_cue_files_are_the_scripts_output(petrarch_dir, tmp_path):
    n_cues, n_sets, n_codes = build_event_cues.write(petrarch_dir, tmp_path)
    for name in (build_event_cues.CUES_FILE, build_event_cues.SETS_FILE,
                 build_event_cues.NOTICE_FILE):  # fmt: skip
        assert filecmp.cmp(tmp_path / name, RESOURCES_DIR / name, shallow=False), name
    assert n_cues > 4000 and n_codes > 200


def test_derived_cues_keep_the_mit_notice_and_source():
    notice = (RESOURCES_DIR / build_event_cues.NOTICE_FILE).read_text(encoding="utf-8")
    assert "MIT License" in notice and "openeventdata/petrarch2" in notice


def test_curated_cues_come_first_and_win_ties():
    cues = event_cues()
    sources = [cue.source for cue in cues]
    assert sources[0] == "curated" and sources.index("CAMEO") == sources.count("curated")
    # "exchanged prisoners" is both a curated cue and a CAMEO pattern (&V_TRADE ... prisoners).
    (event,) = find_events("The sides exchanged prisoners.")
    assert event.cue.source == "curated" and event.cue.cameo == "0841"


@pytest.mark.parametrize(
    ("text", "cameo", "goldstein"),
    [
        ("Washington recalled its ambassador for consultations.", "161", -4.0),
        ("The measures freeze the assets of three banks.", "163", -8.0),
        ("Both sides exchanged prisoners.", "0841", 7.0),
        ("Russia imposed new sanctions on Iran.", "163", -8.0),
    ],
)
def test_cameo_patterns_carry_code_and_goldstein(text, cameo, goldstein):
    found = {(e.cue.cameo, e.cue.goldstein) for e in find_events(text)}
    assert (cameo, goldstein) in found


def test_the_longest_cue_wins():
    keys = [word_key(w) for w in ["they", "signed", "the", "treaty"]]
    index = CueIndex(
        [
            _cue("sign*", "040"),
            _cue("sign* ... treaty", "057"),
        ]
    )
    assert [cue.cameo for cue, _ in index.find(keys)] == ["057"]


def _cue(pattern, cameo):
    return Cue(pattern, None, 1.0, "", cameo, "curated", parse_cue(pattern))


def test_matching_is_linear_in_the_text():
    index = event_index()
    sentence = "The ministers met in Geneva and signed a treaty, but sanctions remained. "
    short = [word_key(w) for w in sentence.split()] * 50
    long = short * 10

    def seconds(keys):
        started = time.perf_counter()
        index.find(keys)
        return time.perf_counter() - started

    seconds(short)
    assert seconds(long) < 30 * max(seconds(short), 1e-3)
