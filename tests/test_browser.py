"""`serve` in a real browser: headless Chromium (Debian's, driven through its ChromeDriver by Selenium)
against a `syria-corpus serve` process on a free port. Each test saves a screenshot in its tmp dir.
Without Chromium a user's run skips these; CI installs it (`.ci/run`) and fails without it."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import serve_command

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


# no test sends traffic off this machine: any name but 127.0.0.1 fails to resolve
HOST_RULES = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_corpus):
    port = _free_port()
    process = subprocess.Popen(
        serve_command(web_corpus, port, "--tiles", "none"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"serve did not start: {process.stdout.read().decode()}")
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        message = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,1000", f"--host-resolver-rules={HOST_RULES}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})  # every request the pages make
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _until(condition, timeout: float = 20.0):
    """Poll until `condition()` is truthy (a page's scripts load their data after the page)."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError("the page never got there")
        time.sleep(0.2)
    return value


def _submit(browser, url: str, field: str, text: str) -> None:
    """Open a page, type into its form's field and send the form, as a reader would."""
    from selenium.webdriver.common.by import By

    browser.get(url)
    box = browser.find_element(By.NAME, field)
    box.send_keys(text)
    box.submit()


def _shot(browser, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 5000


def test_home_page_lists_the_corpus_and_its_sources(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "syria-corpus"
    body = browser.find_element(By.TAG_NAME, "body").text
    assert (
        "Syrian gazetteer (syria-corpus data/sy_places.json), coordinates from GeoNames: CC BY 4.0 (GeoNames)" in body
    )
    assert browser.find_element(By.LINK_TEXT, "Search the articles").get_attribute("href") == server + "/-/search"
    _shot(browser, tmp_path, "home")


def test_full_text_search_highlights_the_hit_under_any_spelling(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    _submit(browser, server + "/-/search", "q", "Khan Shaykhun")
    hits = _until(lambda: browser.find_elements(By.CSS_SELECTOR, "mark.hit"))
    assert [h.text for h in hits] == ["Khan Sheikhoun"]
    assert browser.find_element(By.CSS_SELECTOR, "ol.hits a").text == "Gas attack on Khan Sheikhoun kills dozens"
    _shot(browser, tmp_path, "search")


def test_a_stored_query_takes_its_parameter(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    _submit(browser, server + "/corpus/quotes_of", "speaker", "Sergei Lavrov")
    cells = _until(lambda: browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns td.col-text"))
    assert [c.text for c in cells] == ["the strike on the Shayrat airbase in Homs was an act of aggression"]
    assert browser.find_element(By.CSS_SELECTOR, "td.col-speaker").text == "Sergey Lavrov"
    _shot(browser, tmp_path, "stored-query")


def test_the_map_shows_a_marker_for_every_located_place_without_tiles(server, browser, tmp_path, web_corpus):
    from selenium.webdriver.common.by import By

    located = (
        sqlite3.connect(web_corpus)
        .execute("select count(*) from entities where type = 'place' and lat is not null and lon is not null")
        .fetchone()[0]
    )
    browser.get(server + "/corpus/place_map")

    def markers() -> int:
        clusters = browser.find_elements(By.CSS_SELECTOR, ".marker-cluster span")
        single = browser.find_elements(By.CSS_SELECTOR, ".leaflet-marker-icon:not(.marker-cluster)")
        return sum(int(c.text) for c in clusters) + len(single)

    _until(lambda: markers() == located)
    assert located == 9
    browser.find_element(By.CSS_SELECTOR, ".leaflet-marker-icon:not(.marker-cluster)").click()
    link = _until(lambda: browser.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content a"))[0]
    assert "/corpus/place_articles?place=" in link.get_attribute("href")
    _shot(browser, tmp_path, "map")


def test_a_quote_leads_to_its_article_with_the_quote_highlighted(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(server + "/corpus/quotes?outlet=sana")
    browser.find_element(By.CSS_SELECTOR, "td.col-article_id a").click()
    marks = _until(lambda: browser.find_elements(By.CSS_SELECTOR, ".article-body mark.quote"))
    assert [m.text for m in marks] == ["water had been restored to the city of ", "Aleppo"]
    assert browser.find_element(By.TAG_NAME, "h1").text == "Water restored in Aleppo"
    assert browser.find_element(By.CSS_SELECTOR, ".article-body a.entity.person").text == "Hussein Diab"
    _shot(browser, tmp_path, "article")


def _requested(browser) -> list[str]:
    """The URLs the browser asked for since the last call, from its DevTools log."""
    import json

    events = (json.loads(entry["message"])["message"] for entry in browser.get_log("performance"))
    return [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]


@pytest.mark.parametrize(
    "page",
    [
        "/",
        "/-/search?q=Aleppo",
        "/corpus/place_map",
        "/corpus/event_map",
        "/corpus/quotes?outlet=sana",
        "/corpus/person?name=Hussein+Diab",
    ],
)
def test_a_page_asks_nothing_of_any_host_but_this_one(server, browser, page):
    """Map tiles, fonts and scripts: a reader's visit is seen by no third party, and no test sends traffic
    off this machine (the resolver rules would stop it; this says the pages never try)."""
    from urllib.parse import urlsplit

    _requested(browser)
    browser.get(server + page)
    time.sleep(1.5)  # a map loads its markers, and would load its tiles, after the page
    asked = _requested(browser)
    assert asked and asked[0] == server + page
    outside = [u for u in asked if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"]
    assert outside == []
