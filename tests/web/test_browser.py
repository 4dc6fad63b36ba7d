"""A reviewer at work in a real headless Chromium (Debian's chromium + chromium-driver, driven
by Selenium): searches, opens a reply, records a decision with a reason, sees it in the audit
trail, splits an initiative, exports an XLSX and the høringsnotat; splits a bruttoliste
candidate and undoes it. Takes the README's screenshots on the way.

HOERING_SCREENSHOTS=1 writes them to docs/screenshots (commit them); else to a temporary folder.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from tests.kit.needs import missing
from tests.kit.paths import ROOT
from tests.kit.web import CHROMEDRIVER, CHROMIUM, CHROMIUM_FLAGS, copy_sample, make_app, running

try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:  # pragma: no cover - selenium is in the test extra
    webdriver = None

CHROME_HEIGHT = 143  # window size minus viewport: 1280x900 shows 1280x757 headless
WAIT_SECONDS = 30  # two shared cores: Chromium's first page can take a while


@pytest.fixture(scope="module")
def base_url(sample_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    cfg = copy_sample(sample_template, tmp_path_factory.mktemp("browser") / "db")
    with running(make_app(cfg, default_reviewer="server")) as url:
        yield url


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path):
    if webdriver is None:
        missing("selenium not installed (pip install -e '.[test]')", module=True)
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        missing("chromium not installed (Debian: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    options.add_experimental_option("prefs", prefs)
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.set_window_size(1280, 900)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("HOERING_SCREENSHOTS") == "1":
        folder = ROOT / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")


def screenshot(driver, folder: Path, name: str) -> None:
    """The whole page, 1280 px wide, as a small PNG: 256 colours suit text and flat charts."""
    raw = folder / f"{name}.raw.png"
    driver.execute_script("window.scrollTo(0, 0)")  # WebDriver's own script: CSP does not apply
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 700), 2400) + CHROME_HEIGHT)
    driver.save_screenshot(str(raw))
    driver.set_window_size(1280, 900)
    with Image.open(raw) as image:
        image.convert("RGB").quantize(colors=256).save(folder / f"{name}.png", optimize=True)
    raw.unlink()


def wait(driver):
    return WebDriverWait(driver, WAIT_SECONDS)


def downloaded(folder: Path, suffix: str) -> Path:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if not p.name.endswith(".crdownload")]
        if done:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} download in {sorted(folder.iterdir())}")


def test_a_reviewer_searches_decides_splits_and_exports(
    browser, base_url, downloads, shots
) -> None:
    driver = browser
    driver.get(base_url + "/")
    name = driver.find_element(By.ID, "navn")
    name.clear()
    name.send_keys("Karen Holm", Keys.ENTER)
    wait(driver).until(ready.text_to_be_present_in_element((By.CSS_SELECTOR, ".who"), ""))
    assert driver.find_element(By.ID, "navn").get_attribute("value") == "Karen Holm"

    # Search as you type (htmx swaps the listing and pushes the URL).
    driver.find_element(By.ID, "q").send_keys("lobbyister")
    wait(driver).until(ready.text_to_be_present_in_element((By.ID, "antal"), "2 svar"))
    wait(driver).until(ready.url_contains("q=lobbyister"))
    assert driver.find_elements(By.CSS_SELECTOR, ".snippet mark")
    screenshot(driver, shots, "list")

    driver.find_element(By.CSS_SELECTOR, "table.proposals tbody a").click()
    wait(driver).until(ready.presence_of_element_located((By.ID, "vurdering")))
    Select(driver.find_element(By.ID, "decision")).select_by_visible_text("delvist optaget")
    Select(driver.find_element(By.ID, "status")).select_by_visible_text("behandlet")
    driver.find_element(By.ID, "reason").send_keys("Indgår i forpligtelse 3 om lobbyregister.")
    driver.find_element(By.CSS_SELECTOR, ".review-form button[type=submit]").click()
    wait(driver).until(ready.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
    trail = driver.find_element(By.CSS_SELECTOR, "ol.audit").text
    assert "Karen Holm" in trail and "delvist optaget" in trail
    assert "Indgår i forpligtelse 3" in trail
    driver.get(driver.current_url.split("#")[0])  # at the top, as opened from the list
    screenshot(driver, shots, "reply")

    # The reply's first initiative holds two proposals: split it.
    reply_url = driver.current_url.split("?")[0]
    driver.find_element(By.CSS_SELECTOR, "table.initiatives tbody a").click()
    wait(driver).until(ready.presence_of_element_located((By.ID, "at")))
    screenshot(driver, shots, "initiative")
    driver.find_element(By.ID, "at").send_keys("i hele den offentlige sektor")
    driver.find_element(By.ID, "new-title").send_keys("Også kommuner og regioner")
    driver.find_element(By.ID, "new-title").send_keys(Keys.ENTER)
    wait(driver).until(ready.url_contains("gjort=delt"))
    assert driver.current_url.startswith(reply_url)
    refs = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table.initiatives tbody tr")]
    assert len(refs) == 4 and "Også kommuner og regioner" in refs[1]

    # Export what the list shows: the XLSX and the høringsnotat.
    driver.get(base_url + "/?status=behandlet")
    driver.find_element(By.CSS_SELECTOR, "form.export button[value=xlsx]").click()
    xlsx = downloaded(downloads, ".xlsx")
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Begrundelse")  # the people profile's Danish headers
    reasons = [row[column].value for row in sheet.iter_rows(min_row=2)]
    assert reasons == ["Indgår i forpligtelse 3 om lobbyregister."]
    driver.find_element(By.CSS_SELECTOR, "form.export button[value=notat]").click()
    assert downloaded(downloads, ".docx").stat().st_size > 0


def test_the_other_pages_render_and_are_captured(browser, base_url, shots) -> None:
    browser.get(base_url + "/dashboard")
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart")) == 3
    screenshot(browser, shots, "dashboard")
    browser.get(base_url + "/groups")
    browser.find_element(By.CSS_SELECTOR, "table.groups a").click()
    wait(browser).until(ready.presence_of_element_located((By.CSS_SELECTOR, ".variant")))
    screenshot(browser, shots, "group")


def test_keyboard_reaches_the_skip_link_first(browser, base_url) -> None:
    browser.get(base_url + "/")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert browser.switch_to.active_element.text == "Spring til indholdet"


def test_no_console_errors_under_the_content_security_policy(browser, base_url) -> None:
    browser.get(base_url + "/proposals/14")  # the reply with <script> in it
    assert browser.find_element(By.TAG_NAME, "h1").text.endswith("<script>alert(1)</script>")
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def test_the_bruttoliste_fits_1280_px_without_sideways_scrolling(browser, base_url, shots) -> None:
    pages = {
        "bruttoliste": "/bruttoliste",
        "candidate": "/bruttoliste/" + first_candidate(browser, base_url),
    }
    for name, path in pages.items():
        browser.get(base_url + path)
        wide = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert wide[0] <= wide[1] == 1280, f"{path} is {wide[0]} px wide"
        screenshot(browser, shots, name)
    assert len(browser.find_elements(By.CSS_SELECTOR, "article.member")) > 1


def test_a_reviewer_decides_on_a_candidate_from_its_page(browser, base_url) -> None:
    driver = browser
    driver.get(base_url + "/bruttoliste/" + first_candidate(browser, base_url))
    Select(driver.find_element(By.ID, "decision")).select_by_visible_text(
        "indgår i det videre OGP-samarbejde"
    )
    driver.find_element(By.ID, "reason").send_keys("Tages op med ministerierne.")
    driver.find_element(By.CSS_SELECTOR, ".review-form button[type=submit]").click()
    wait(driver).until(ready.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
    assert "Vurderingen er gemt." in driver.find_element(By.CSS_SELECTOR, ".notice").text
    trail = driver.find_element(By.CSS_SELECTOR, "ol.audit").text
    # The author is the name an earlier test of this module gave the browser, else the
    # desk's own ("server"): the browser is shared by the module.
    assert ("server" in trail or "Karen Holm" in trail) and (
        "beslutning: indgår i det videre OGP-samarbejde" in trail
    )
    wide = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], wide


def test_a_reviewer_splits_a_candidate_and_undoes_it(browser, base_url) -> None:
    driver = browser
    page = base_url + "/bruttoliste/" + first_candidate(browser, base_url)
    driver.get(page)
    before = len(driver.find_elements(By.CSS_SELECTOR, "article.member"))
    ticks = driver.find_elements(By.CSS_SELECTOR, "input[name=initiatives][form=split]")
    ticks[-1].click()  # outside its <form>: the form attribute sends it with the split
    driver.find_element(By.CSS_SELECTOR, "form#split button[type=submit]").click()
    wait(driver).until(ready.url_contains("gjort=delt"))
    notice = driver.find_element(By.CSS_SELECTOR, ".notice")
    assert "skilt ud i en ny kandidat" in notice.text
    assert len(driver.find_elements(By.CSS_SELECTOR, "article.member")) == before - 1
    new_page = notice.find_element(By.TAG_NAME, "a").get_attribute("href")

    driver.find_element(By.CSS_SELECTOR, "form.undo button[type=submit]").click()
    wait(driver).until(ready.url_contains("gjort=fortrudt"))
    assert "fortrudt" in driver.find_element(By.CSS_SELECTOR, ".notice").text
    assert len(driver.find_elements(By.CSS_SELECTOR, "article.member")) == before
    assert "delte (fortrudt)" in driver.find_element(By.CSS_SELECTOR, "ol.audit").text
    driver.get(new_page)  # the candidate the split started is gone with it
    assert "findes ikke" in driver.find_element(By.TAG_NAME, "body").text


def first_candidate(browser, base_url: str) -> str:
    """The id of the biggest candidate, as the bruttoliste's first row links to it."""
    browser.get(base_url + "/bruttoliste")
    link = browser.find_element(By.CSS_SELECTOR, "table.candidates tbody a")
    return link.get_attribute("href").rsplit("/", 1)[1]


@pytest.mark.parametrize("path", ["/", "/?vis=initiativer"])
def test_the_lists_fit_1280_and_800_px_windows_without_sideways_scrolling(
    browser, base_url, path: str
) -> None:
    widths = {}
    for width in (1280, 800):
        browser.set_window_size(width, 900)
        browser.get(base_url + path)
        widths[width] = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
    browser.set_window_size(1280, 900)
    assert all(scroll <= inner for scroll, inner in widths.values()), widths
