"""The reader page in a real headless Chromium: cards, the side list, phone width, print.

Every test renders a real report with the bundled glossary into its tmp_path, opens
the file, and checks at the end that the browser asked for nothing but that file and
logged no error. ``--regen-screenshots`` also saves the two screenshots of
docs/commands/explain.md into docs/images (on a machine with a CJK font, or the
characters show as boxes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from browser import CHROMIUM, FLAGS
from glossary import Annotation, Explanation, explain

ROOT = Path(__file__).resolve().parent.parent
EXCERPT = ROOT / "examples" / "longgang-2023-excerpt.txt"
REPORT = ROOT / "tests" / "fixtures" / "seeds" / "longgang-2023-work-report.txt"
IMAGES = ROOT / "docs" / "images"
DESKTOP = {"width": 1200, "height": 800}
PHONE = {"width": 375, "height": 740}

pytestmark = pytest.mark.slow


@dataclass
class Opened:
    """A page of ours open in Chromium, with what it requested and what it logged."""

    page: Page
    explanation: Explanation
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """Nothing fetched but the file itself; no script error, no blocked style or script."""
        assert [url for url in self.requests if not url.startswith("file://")] == []
        assert self.errors == []

    def use(self, number: int) -> dict[str, float | bool | str]:
        """Where the use ``u{number}`` is on screen, whether it is marked and focused."""
        return self.page.eval_on_selector(
            f"#u{number}",
            """use => {
                const box = use.getBoundingClientRect();
                return {top: box.top, bottom: box.bottom, height: innerHeight,
                        current: use.classList.contains("current"),
                        focused: document.activeElement === use};
            }""",
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def open_page(browser: Browser, tmp_path: Path, source: Path, **context: object) -> Opened:
    """Render ``source`` into tmp_path as a page and open the file in a new context."""
    explanation = explain(source.read_text(encoding="utf-8"))
    path = tmp_path / f"{source.stem}.html"
    path.write_text(explanation.render("html"), encoding="utf-8")
    page = browser.new_context(viewport=DESKTOP, **context).new_page()
    page.set_default_timeout(5000)  # a missing element fails in seconds, not half a minute
    opened = Opened(page, explanation)

    def logged(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):  # a CSP refusal is logged as an error
            opened.errors.append(message.text)

    def requested(request: Request) -> None:
        opened.requests.append(request.url)

    page.on("request", requested)
    page.on("console", logged)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.goto(path.as_uri())
    assert opened.requests == [path.as_uri()]
    return opened


@pytest.fixture
def excerpt(browser: Browser, tmp_path: Path) -> Iterator[Opened]:
    opened = open_page(browser, tmp_path, EXCERPT)
    yield opened
    opened.page.context.close()


@pytest.fixture
def report(browser: Browser, tmp_path: Path) -> Iterator[Opened]:
    opened = open_page(browser, tmp_path, REPORT)
    yield opened
    opened.page.context.close()


def first_with_url(explanation: Explanation) -> Annotation:
    return next(a for a in explanation if a.sense.source and a.sense.source.url)


def test_a_click_on_a_term_opens_its_card(excerpt: Opened) -> None:
    page = excerpt.page
    annotation = next(a for a in excerpt.explanation if a.sense.origin == "official")
    sense, source = annotation.sense, annotation.sense.source
    assert source is not None
    assert not page.is_visible("#card")
    page.click(f'a.term[data-entry="{annotation.entry.id}"]')
    assert page.is_visible("#card")
    card = page.inner_text("#card")
    for said in (annotation.text, sense.expansion, sense.definition.strip(), sense.gloss):
        assert said in card
    for said in (source.document, source.issuer, source.date, f"第{source.item}条"):
        assert said in card
    assert page.get_attribute("#card", "aria-label") == annotation.text
    page.click("#card .close")
    assert not page.is_visible("#card")
    page.click(f'a.term[data-entry="{annotation.entry.id}"]')
    page.keyboard.press("Escape")
    assert not page.is_visible("#card")
    excerpt.assert_clean()


def test_a_card_links_the_source_address(excerpt: Opened) -> None:
    annotation = first_with_url(excerpt.explanation)
    excerpt.page.click(f'a.term[data-entry="{annotation.entry.id}"]')
    link = excerpt.page.locator("#card a.url")
    assert link.get_attribute("href") == annotation.sense.source.url
    assert link.is_visible()
    excerpt.assert_clean()


def test_the_side_list_holds_every_term_in_order_of_first_use(report: Opened) -> None:
    listed = report.page.eval_on_selector_all(
        "nav a.jump",
        """links => links.map(a => [a.textContent,
            document.querySelector(a.getAttribute("href")).dataset.entry])""",
    )
    in_order = list(dict.fromkeys(a.entry.id for a in report.explanation))
    assert [entry for _, entry in listed] == in_order
    assert all(text.strip() for text, _ in listed)
    report.assert_clean()


def test_a_side_list_entry_walks_through_the_uses_of_its_term(report: Opened) -> None:
    page, annotations = report.page, report.explanation.annotations
    entry, count = Counter(a.entry.id for a in annotations).most_common(1)[0]
    uses = [n for n, a in enumerate(annotations, 1) if a.entry.id == entry]
    jump = page.locator(f'nav a.jump[href="#u{uses[0]}"]')
    for turn, number in enumerate(uses, 1):
        jump.click()
        where = report.use(number)
        assert where["current"]
        assert where["focused"]
        assert 0 <= float(where["top"]) < float(where["bottom"]) <= float(where["height"])
        assert page.inner_text(f'nav li:has(a[href="#u{uses[0]}"]) .count') == f"{turn}/{count}"
    assert page.evaluate("document.querySelectorAll('a.term.current').length") == 1
    jump.click()  # round again to the first use
    assert report.use(uses[0])["current"]
    report.assert_clean()


def test_a_use_link_in_a_card_closes_it_and_goes_to_the_use(report: Opened) -> None:
    page = report.page
    page.locator("nav a.jump").last.click()  # somewhere down the report
    page.evaluate("scrollTo(0, 0)")
    page.click("#u1")
    page.click("#card .uses a >> nth=0")
    assert not page.is_visible("#card")
    assert report.use(1)["current"]
    report.assert_clean()


def test_at_phone_width_nothing_overflows_and_the_list_comes_after_the_text(
    report: Opened,
) -> None:
    page = report.page
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    text = page.locator("main").bounding_box()
    terms = page.locator("nav").bounding_box()
    assert text is not None
    assert terms is not None
    assert terms["y"] >= text["y"] + text["height"]  # stacked, not squeezed beside it
    page.locator("a.term").first.click()
    card = page.locator("#card").bounding_box()
    assert card is not None
    assert card["width"] <= PHONE["width"]
    report.assert_clean()


def test_printed_the_notes_show_and_the_side_list_and_card_do_not(excerpt: Opened) -> None:
    page = excerpt.page
    page.click("a.term >> nth=0")
    page.emulate_media(media="print")
    assert page.is_visible("#notes")
    assert page.locator("li.note").count() == len({a.entry.id for a in excerpt.explanation})
    assert page.is_visible("li.note >> nth=0")
    assert not page.is_visible("nav.terms")
    assert not page.is_visible("#card")
    number = page.eval_on_selector("a.term.first", "a => getComputedStyle(a, '::after').content")
    assert number == '"[" attr(data-n) "]"' or number == '"[1]"'
    excerpt.assert_clean()


def test_without_script_a_term_still_leads_to_its_note(browser: Browser, tmp_path: Path) -> None:
    opened = open_page(browser, tmp_path, EXCERPT, java_script_enabled=False)
    page = opened.page
    page.click("a.term >> nth=0")
    assert page.url.endswith("#n1")
    assert not page.is_visible("#card")
    note = page.locator("#n1").bounding_box()
    assert note is not None
    assert 0 <= note["y"] < DESKTOP["height"]
    opened.assert_clean()
    page.context.close()


def test_screenshots(excerpt: Opened, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """The pictures of docs/commands/explain.md: a card open on a desktop, and a phone."""
    page = excerpt.page
    official = next(a for a in excerpt.explanation if a.sense.origin == "official")
    page.click(f'a.term[data-entry="{official.entry.id}"]')
    shots = {"reader-page.png": page.screenshot()}
    page.keyboard.press("Escape")
    page.set_viewport_size(PHONE)
    page.evaluate("scrollTo(0, 0)")
    shots["reader-page-phone.png"] = page.screenshot()
    for name, png in shots.items():
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        (tmp_path / name).write_bytes(png)
        if request.config.getoption("--regen-screenshots"):
            IMAGES.mkdir(exist_ok=True)
            (IMAGES / name).write_bytes(png)
    excerpt.assert_clean()
