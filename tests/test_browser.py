"""The reports in a real browser: headless Chromium opens the index and every report.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them
when missing) and selenium (the ``dev`` extra). Outside CI the test skips,
saying so, when they are absent; in CI (``CI`` set) their absence fails it.
"""

import os
import re
import shutil

import pytest

from analysis.cli import main

pytestmark = pytest.mark.slow

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def find_browser():
    """The browser and driver binaries, or the reason they cannot be used."""
    browser = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        return None, "no headless Chromium: apt-get install chromium chromium-driver"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return None, "selenium is not installed: pip install -e '.[dev]'"
    return (browser, driver), ""


@pytest.fixture(scope="module")
def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found, reason = find_browser()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have a browser ({reason}); .ci/run installs it")
        pytest.skip(reason)
    browser, driver = found
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1280,1600"):  # fmt: skip
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(driver), options=options)
    yield session
    session.quit()


@pytest.fixture(scope="module")
def reports(tmp_path_factory, shipped_files_dir):
    """Every report rendered on the curated documents, as ``make report`` renders them."""
    out = tmp_path_factory.mktemp("reports")
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANALYSIS_PROCESSED_DIR", str(cache))
        assert main(["report", "--data", str(shipped_files_dir), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def shipped_files_dir(tmp_path_factory):
    from analysis.config import RAW_DIR

    folder = tmp_path_factory.mktemp("shipped")
    for file in [*RAW_DIR.glob("*.txt"), RAW_DIR / "manifest.csv"]:  # the 34 curated documents
        shutil.copy2(file, folder / file.name)
    return folder


def open_page(session, path, screenshot):
    """Open a page; return its title, its console errors and its images that did not load."""
    session.get(path.as_uri())
    session.execute_script("window.scrollTo(0, document.body.scrollHeight)")  # lazy images
    broken = session.execute_script(
        "return Array.from(document.images)"
        ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
    )
    errors = [entry["message"] for entry in session.get_log("browser")
              if entry["level"] in ("SEVERE", "ERROR")]  # fmt: skip
    session.save_screenshot(str(screenshot))
    return session.title, errors, broken


def test_the_index_and_every_report_open_cleanly_in_chromium(chromium, reports):
    shots = reports / "screenshots"
    shots.mkdir()
    title, errors, broken = open_page(chromium, reports / "index.html", shots / "index.png")
    assert title == "Reports" and not errors and not broken
    links = [a.get_attribute("href") for a in chromium.find_elements("css selector", "td a")]
    pages = sorted(reports.glob("[0-9][0-9]-*.html"))
    assert len(pages) == 4 and [link.rsplit("/", 1)[-1] for link in links] == [
        p.name for p in pages
    ]
    for page in pages:
        title, errors, broken = open_page(chromium, page, shots / f"{page.stem}.png")
        assert title and title != page.stem, page.name  # the notebook's heading
        assert not errors, (page.name, errors)
        assert not broken, (page.name, broken)
        heading = chromium.find_element("css selector", "h1").text
        assert heading.startswith(title[:20]), (page.name, heading)
        images = chromium.find_elements("css selector", "img")
        if page.stem != "04-how-far-to-trust":
            assert images and all(re.match(r"[A-Z]", i.get_attribute("alt") or "") for i in images)
    for shot in shots.iterdir():
        assert shot.stat().st_size > 10_000, shot.name
