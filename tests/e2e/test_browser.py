"""Candor as a person uses it: real `candor serve` processes, driven in Debian's Chromium with Playwright.

Two servers run in subprocesses on loopback, started exactly as a person starts them: one with demo sign-in,
one with real sign-in (CANDOR_SECRET). The second has an LLM configured at a loopback port where nothing
listens, so its answers show the "AI service unavailable" state, and a low per-session rate limit. Both
share one data directory, ingested once. Chromium (/usr/bin/chromium, or CANDOR_CHROMIUM) runs headless with
flags that need no network. Every request every page makes is recorded and must go to 127.0.0.1.

Accessibility is checked with axe-core (CANDOR_AXE_JS, default .ci/node_modules/axe-core/axe.min.js, which
.ci/run installs from the npm registry). Screenshots go to tests/artifacts/e2e/; the chat one becomes
docs/screenshot.png, the README's picture.

Everything here skips, with the reason, only when Chromium is not installed; .ci/run installs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from assistant.accounts import sessions
from assistant.accounts.signin import mint
from assistant.settings import REPO_ROOT

CHROMIUM = Path(os.environ.get("CANDOR_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
AXE_JS = Path(os.environ.get("CANDOR_AXE_JS", REPO_ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"))
ARTIFACTS = REPO_ROOT / "tests" / "artifacts" / "e2e"
SECRET = "e2e-secret-not-for-production"
AGENT, AGENT_PASSWORD = "alice", "e2e-agent-password"
DEMO_PASSWORD = "candor-demo"
# The signed server's per-session limit: low enough to reach in a test, high enough for the other tests.
RATE_PER_SESSION = 4
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
CUSTOMERS = {
    json.loads(line)["customer_id"]: json.loads(line)
    for line in (REPO_ROOT / "knowledge" / "customers.jsonl").read_text().splitlines()
    if line.strip()
}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium; .ci/run installs it)",
)


# --- servers ---------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOR_", "OPENAI_"))}
    env.update(
        GRADIO_ANALYTICS_ENABLED="False",
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        CANDOR_NOW="2024-10-31T12:00:00Z",  # the sample log runs through October 2024
    )
    env.update(extra)
    return env


@dataclass
class Server:
    base: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


def _start(name: str, data_dir: Path, args: list[str], env: dict[str, str]) -> Server:
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / f"server-{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--data-dir", str(data_dir), *args],
            env=env,
            cwd=REPO_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", data_dir, process, log)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"candor serve ({name}) exited {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            httpx.get(server.base + "/", timeout=2)
            return server
        except httpx.TransportError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"candor serve ({name}) did not start in time:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data directory for both servers, with a support-agent account made by `candor agent add`."""
    path = tmp_path_factory.mktemp("e2e-data")
    subprocess.run(
        [sys.executable, "-m", "assistant.cli", "agent", "add", AGENT, "--data-dir", str(path)],
        input=AGENT_PASSWORD + "\n",
        env=_env(),
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return path


@pytest.fixture(scope="module")
def demo_server(data_dir: Path) -> Iterator[Server]:
    server = _start("demo", data_dir, ["--demo"], _env())  # ingests the sample pack on first start
    yield server
    server.stop()


@pytest.fixture(scope="module")
def signed_server(demo_server: Server) -> Iterator[Server]:
    """Real sign-in. Its LLM is at a loopback port where nothing listens: every answer falls back, with a notice."""
    env = _env(
        CANDOR_SECRET=SECRET,
        CANDOR_LLM="openai",
        OPENAI_BASE_URL=f"http://127.0.0.1:{_free_port()}/v1",
        OPENAI_API_KEY="e2e-not-a-key",
        CANDOR_LLM_RETRIES="0",
        CANDOR_LLM_TIMEOUT="5",
        CANDOR_RATE_PER_SESSION_MINUTE=str(RATE_PER_SESSION),
    )
    server = _start("signed", demo_server.data_dir, [], env)  # reuses the build the demo server made
    yield server
    server.stop()


# --- browser ---------------------------------------------------------------------------------------------


@dataclass
class Recorder:
    """Every request and WebSocket the test's pages opened."""

    urls: list[str] = field(default_factory=list)

    def off_machine(self) -> list[str]:
        bad = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.scheme not in ("http", "https", "ws", "wss") or parts.hostname not in LOCAL_HOSTS:
                bad.append(url)
        return bad


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


NewPage = Callable[..., Page]


@pytest.fixture
def new_page(browser: Browser, recorder: Recorder) -> Iterator[NewPage]:
    """Pages in fresh contexts (their own cookies), every request recorded; all must stay on the machine."""
    contexts = []

    def make(width: int = 1280, height: int = 900, dark: bool = False) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            accept_downloads=True,
            color_scheme="dark" if dark else "light",
        )
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: recorder.urls.append(request.url))
        page.on("websocket", lambda ws: recorder.urls.append(ws.url))
        return page

    yield make
    for context in contexts:
        context.close()
    assert recorder.urls, "the pages made no requests at all"
    assert not recorder.off_machine(), f"requests left the machine: {recorder.off_machine()}"


def screenshot(page: Page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


# --- what a person does ----------------------------------------------------------------------------------

BOT = '#candor-chat [data-testid="bot"]'
USER = '#candor-chat [data-testid="user"]'


def demo_sign_in(page: Page, server: Server, user: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(server.base + "/")
    page.get_by_label("username").fill(user)
    page.get_by_label("password").fill(password)
    page.get_by_role("button", name="Login").click()


def wait_until_ready(page: Page) -> None:
    """Signed in as a customer: the offers list has loaded."""
    page.locator("#offers-list button").first.wait_for()


def answers(page: Page) -> int:
    text = page.locator("#candor-announce").inner_text()
    found = re.search(r"Answer (\d+) is ready", text)
    return int(found.group(1)) if found else 0


def wait_for_answer(page: Page, number: int) -> str:
    """Wait until the number-th answer has finished streaming; its text."""
    expect(page.locator("#candor-announce")).to_contain_text(f"Answer {number} is ready", timeout=60_000)
    return page.locator(BOT).last.inner_text()


def ask(page: Page, question: str) -> str:
    before = answers(page)
    box = page.locator("#candor-question textarea")
    box.fill(question)
    box.press("Enter")
    return wait_for_answer(page, before + 1)


def watch_stream(page: Page) -> None:
    """Record the length of the newest answer bubble each time the chat changes."""
    page.evaluate(
        """() => {
            window.__lengths = [];
            const chat = document.querySelector('#candor-chat');
            new MutationObserver(() => {
                const bots = chat.querySelectorAll('[data-testid="bot"]');
                if (bots.length) window.__lengths.push(bots[bots.length - 1].innerText.length);
            }).observe(chat, {subtree: true, childList: true, characterData: true});
        }"""
    )


def no_horizontal_overflow(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width + 2, f"the page is {scroll}px wide at a {width}px viewport"


def tab_to(page: Page, test: str, limit: int = 80, backwards: bool = False) -> None:
    """Press Tab until the focused element passes `test` (JS taking the element); fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({test}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


# --- the tests -------------------------------------------------------------------------------------------


def test_demo_sign_in_streams_a_why_offer_answer_and_opens_its_source(
    new_page: NewPage, recorder: Recorder, demo_server: Server
) -> None:
    page = new_page(1280, 1000)
    demo_sign_in(page, demo_server, "NW-1005")
    wait_until_ready(page)
    expect(page).to_have_title(re.compile("Candor"))
    # First open: a greeting and suggested questions, no feedback or confirm controls yet.
    expect(page.locator("#candor-chat")).to_contain_text("Ask me why you see an offer")
    expect(page.locator("#candor-suggested button")).to_have_count(5)
    expect(page.locator("#candor-feedback")).to_be_hidden()
    expect(page.locator("#candor-confirm")).to_be_hidden()
    expect(page.locator("#candor-download")).to_be_disabled()

    watch_stream(page)
    answer = ask(page, "Why did I see my most recent offer?")
    assert "we showed you the offer" in answer
    lengths = [n for n in page.evaluate("window.__lengths") if n > 0]
    final = max(lengths)
    partial = {n for n in lengths if 0 < n < final}
    assert len(partial) >= 3, f"the answer did not stream: bubble lengths {lengths}"

    sources = page.locator("#candor-sources")
    expect(sources).to_contain_text("[1]")
    expect(sources).to_contain_text("privacy-policy#")
    expect(page.locator("#candor-feedback")).to_be_visible()
    assert "It was personalised" in answer and "The main reasons, most important first" in answer
    # The README's picture: the question and the start of its answer, beside the sources.
    page.locator("#candor-question textarea").blur()
    page.wait_for_timeout(300)  # let the chat's own scroll-to-the-end finish first
    page.locator("#candor-chat .bubble-wrap").evaluate("el => { el.scrollTop = 0; }")
    expect(page.locator(USER).last).to_be_in_viewport()
    path = screenshot(page, "chat")
    shutil.copyfile(path, REPO_ROOT / "docs" / "screenshot.png")

    # Open the cited source: the whole policy section, with its version.
    summary = sources.locator("summary").first
    body = sources.locator("details").first
    assert body.get_attribute("open") is None
    summary.click()
    expect(body).to_have_attribute("open", "")
    expect(body).to_contain_text("version")
    screenshot(page, "source-opened")

    # Every request the page made, scripts, styles, fonts and the answer's stream alike, went to this machine.
    (ARTIFACTS / "requests-chat.txt").write_text("\n".join(recorder.urls) + "\n")
    assert any(urlsplit(u).path.endswith(".js") for u in recorder.urls)
    assert any(urlsplit(u).path.endswith(".css") for u in recorder.urls)
    assert not recorder.off_machine(), recorder.off_machine()


def test_why_am_i_seeing_this_explains_that_offer(new_page: NewPage, demo_server: Server) -> None:
    page = new_page()
    demo_sign_in(page, demo_server, "NW-1001")
    wait_until_ready(page)
    button = page.locator("#offers-list button[id^='why-']").nth(1)
    decision_id = (button.get_attribute("id") or "").removeprefix("why-")
    row_text = button.locator("xpath=ancestor::div[contains(@class,'row')][1]").inner_text()
    title = row_text.splitlines()[0].strip()
    button.click()
    answer = wait_for_answer(page, 1)
    expect(page.locator(USER).last).to_contain_text(f"Why am I seeing “{title}”")
    assert title in answer and decision_id
    screenshot(page, "why-offer")


def test_a_close_other_reading_is_offered_as_one_click(new_page: NewPage, demo_server: Server) -> None:
    page = new_page()
    demo_sign_in(page, demo_server, "NW-1001")
    wait_until_ready(page)
    ask(page, "how long do you keep what you know about me")
    offered = page.locator("#candor-did-you-mean button")
    expect(offered).to_be_visible()
    choice = offered.inner_text().strip()
    assert choice
    offered.click()
    wait_for_answer(page, 2)
    expect(page.locator(USER).last).to_contain_text(choice)


def test_withdrawing_a_consent_is_confirmed_and_shown_at_once(new_page: NewPage, demo_server: Server) -> None:
    page = new_page()
    demo_sign_in(page, demo_server, "NW-1001")
    wait_until_ready(page)
    page.get_by_text("Your data & choices").click()
    choices = page.locator("#candor-choices")
    expect(choices).to_contain_text("Marketing emails: Given")
    page.get_by_label("Change a consent choice").click()
    page.get_by_role("option", name="Marketing emails").click()
    page.get_by_role("button", name="Withdraw consent").click()
    asked = wait_for_answer(page, 1)
    assert "confirm" in asked.lower()
    confirm = page.locator("#candor-confirm")
    expect(confirm).to_be_visible()
    confirm.get_by_role("button", name="Yes, make the change").click()
    done = wait_for_answer(page, 2)
    assert "Done." in done
    expect(choices).to_contain_text("Marketing emails: Withdrawn since")
    expect(choices).to_contain_text("via assistant")
    expect(confirm).to_be_hidden()
    screenshot(page, "consent-withdrawn", full_page=True)


def test_feedback_is_stored_redacted_and_the_conversation_downloads_with_sources(
    new_page: NewPage, demo_server: Server
) -> None:
    customer = CUSTOMERS["NW-1002"]
    page = new_page()
    demo_sign_in(page, demo_server, "NW-1002")
    wait_until_ready(page)
    question = f"Do you sell my data? Reply to {customer['email']}"
    answer = ask(page, question)
    assert "sell" in answer.lower()

    reason = f"Too long. Call me on {customer['phone']}, {customer['name']}."
    page.get_by_label("What was good or missing? (optional)").fill(reason)
    page.get_by_role("button", name="Not helpful", exact=True).click()
    expect(page.locator("#candor-status")).to_contain_text("Thank you")
    expect(page.get_by_label("What was good or missing? (optional)")).to_have_value("")

    files = list((demo_server.data_dir / "feedback").glob("*.jsonl"))
    assert files, "no feedback file under <data dir>/feedback/"
    raw = "".join(f.read_text() for f in files)
    records = [json.loads(line) for line in raw.splitlines()]
    mine = [r for r in records if r["rating"] == "not_helpful" and "Too long" in r["reason"]]
    assert len(mine) == 1
    stored = mine[0]
    for value in (customer["email"], customer["phone"], customer["name"], "NW-1002"):
        assert value not in raw
    assert "<PHONE" in stored["reason"] and "<EMAIL" in stored["question"]
    assert re.fullmatch(r"[0-9a-f]{16}", stored["customer"])
    assert stored["intent"] == "sell_share" and stored["citations"]

    with page.expect_download() as download_info:
        page.locator("#candor-download").click()
    download = download_info.value
    assert download.suggested_filename.startswith("candor-conversation-") and download.suggested_filename.endswith(
        ".md"
    )
    text = Path(download.path()).read_text(encoding="utf-8")
    assert question in text  # the customer's own download keeps their own values
    assert "#### Sources" in text and "privacy-policy#" in text


def test_keyboard_alone_signs_in_asks_and_uses_the_offer_buttons(new_page: NewPage, demo_server: Server) -> None:
    page = new_page()
    page.goto(demo_server.base + "/")
    tab_to(page, "el.tagName === 'INPUT' && el.type !== 'password'")
    page.keyboard.type("NW-1003")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "password"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    wait_until_ready(page)

    tab_to(page, "el.tagName === 'TEXTAREA' && !!el.closest('#candor-question')")
    page.keyboard.type("What have I agreed to?")
    page.keyboard.press("Enter")
    agreed = wait_for_answer(page, 1).lower()
    assert "agreed" in agreed or "consent" in agreed

    # Open the first cited source with the keyboard.
    tab_to(page, "el.tagName === 'SUMMARY' && !!el.closest('#candor-sources')")
    page.keyboard.press("Enter")
    expect(page.locator("#candor-sources details").first).to_have_attribute("open", "")

    tab_to(page, "el.tagName === 'BUTTON' && el.id.startsWith('why-')")
    focused = page.evaluate("document.activeElement.id")
    visible_focus = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert visible_focus != "none", "the focused button shows no focus outline"
    page.keyboard.press("Enter")
    answer = wait_for_answer(page, 2)
    assert focused.startswith("why-") and "offer" in answer
    screenshot(page, "keyboard")


def test_keyboard_alone_withdraws_a_consent(new_page: NewPage, demo_server: Server) -> None:
    page = new_page()
    demo_sign_in(page, demo_server, "NW-1002")
    wait_until_ready(page)
    choices = page.locator("#candor-choices")
    tab_to(page, "el.textContent.trim().startsWith('Your data & choices') && !!el.closest('#candor-choices')")
    page.keyboard.press("Enter")
    expect(choices).to_contain_text("Marketing emails: Given")
    tab_to(page, "el.tagName === 'INPUT' && !!el.closest('#candor-choices')")
    page.keyboard.type("Marketing")
    expect(page.get_by_role("option")).to_have_count(1)  # the list has filtered to the one that matches
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Change a consent choice")).to_have_value("Marketing emails")
    tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Withdraw consent'")
    page.keyboard.press("Enter")
    assert "confirm" in wait_for_answer(page, 1).lower()
    tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Yes, make the change'", backwards=True)
    page.keyboard.press("Enter")
    assert "Done." in wait_for_answer(page, 2)
    expect(choices).to_contain_text("Marketing emails: Withdrawn since")


def test_layout_works_at_390px(new_page: NewPage, demo_server: Server) -> None:
    page = new_page(390, 844)
    demo_sign_in(page, demo_server, "NW-1007")
    wait_until_ready(page)
    no_horizontal_overflow(page, 390)
    ask(page, "Why did I see my most recent offer?")
    no_horizontal_overflow(page, 390)
    screenshot(page, "mobile-390-chat")
    page.get_by_text("Your data & choices").click()
    page.locator("#candor-sources summary").first.click()
    no_horizontal_overflow(page, 390)
    screenshot(page, "mobile-390-full", full_page=True)


def test_signed_link_signs_in_and_an_unavailable_llm_is_shown_as_such(new_page: NewPage, signed_server: Server) -> None:
    token = mint(SECRET, "NW-1006", 600)
    page = new_page()
    page.goto(f"{signed_server.base}/?token={token}")
    expect(page).to_have_url(re.compile(r"/app/$"))
    wait_until_ready(page)
    ask(page, "Why did I see my most recent offer?")
    notice = page.locator(f"{BOT} .candor-notice-fallback").last
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("unavailable")
    expect(page.locator(BOT).last).to_contain_text("we showed you the offer")
    notice.scroll_into_view_if_needed()
    screenshot(page, "llm-unavailable")

    again = new_page()
    again.goto(f"{signed_server.base}/?token={token}")
    expect(again.locator("body")).to_contain_text("already used")


def test_rate_limit_is_shown_clearly(new_page: NewPage, signed_server: Server) -> None:
    page = new_page()
    page.goto(f"{signed_server.base}/?token={mint(SECRET, 'NW-1008', 600)}")
    wait_until_ready(page)
    for n in range(1, RATE_PER_SESSION + 1):
        page.locator("#candor-suggested button").nth(n % 5).click()
        wait_for_answer(page, n)
    expect(page.locator(f"{BOT} .candor-notice-limit")).to_have_count(0)
    ask(page, "Do you sell my data?")
    limit = page.locator(f"{BOT} .candor-notice-limit").last
    expect(limit).to_be_visible()
    expect(limit).to_contain_text("Please wait")
    expect(page.locator("[data-testid='toast-body'], .toast-body").first).to_contain_text("Please wait")
    screenshot(page, "rate-limited")


def sign_in_as_agent(page: Page, server: Server) -> None:
    page.goto(f"{server.base}/agent/login")
    page.get_by_label("Agent name").fill(AGENT)
    page.get_by_label("Password").fill(AGENT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/app/$"))


def test_agent_signs_in_and_looks_up_a_customer(new_page: NewPage, signed_server: Server) -> None:
    page = new_page()
    sign_in_as_agent(page, signed_server)
    expect(page.get_by_role("tab", name="Agent console")).to_be_visible()
    expect(page.get_by_role("tab", name="Chat")).to_have_count(0)
    expect(page.locator("body")).to_contain_text(f"Signed in as support agent {AGENT}")
    page.get_by_label("Customer id, email or phone").fill(CUSTOMERS["NW-1001"]["email"])
    page.get_by_role("button", name="Look up").click()
    expect(page.locator("#agent-found textarea, #agent-found input")).to_have_value("NW-1001")
    expect(page.locator("#agent-result")).to_contain_text("Recent offers")
    screenshot(page, "agent-console")


def test_agent_opens_the_practices_view_with_findings_and_exposure_by_group(
    new_page: NewPage, signed_server: Server
) -> None:
    page = new_page()
    sign_in_as_agent(page, signed_server)
    page.get_by_text("Practices: data use and exposure by group").click()
    page.get_by_role("button", name="Show the practice audit").click()
    report = page.locator("#agent-practices-report")
    expect(report).to_contain_text("Collected, never used")
    expect(report).to_contain_text("Used beyond what customers consented to")
    expect(report.locator("table").first).to_be_visible()
    report.scroll_into_view_if_needed()
    screenshot(page, "agent-practices")


# --- accessibility ---------------------------------------------------------------------------------------

# Serious or critical axe findings in markup Candor does not control, each scoped to one page and rule.
KNOWN_GRADIO_FINDINGS = {
    # Gradio's demo login page (auth=...) is rendered before the app's config, so it has no <title>. Real
    # sign-in never shows it: its pages are Candor's own, with titles.
    ("demo-login", "document-title"),
}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe(page: Page, view: str, findings: dict[str, Any]) -> list[str]:
    """Run axe-core on the page; record every finding; return the serious and critical ones not scoped out."""
    # Gradio fades an updated component in (opacity 0.2 to 1 over 0.15 s): check the colours it settles on.
    page.wait_for_function(
        "() => !document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running')"
    )
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        WCAG_AA,
    )
    findings[view] = violations
    return [
        f"{view}: {v['id']} ({v['impact']}) {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical") and (view, v["id"]) not in KNOWN_GRADIO_FINDINGS
    ]


@pytest.mark.skipif(not AXE_JS.exists(), reason=f"axe-core not installed at {AXE_JS} (.ci/run installs it)")
def test_main_views_pass_axe_wcag_aa(new_page: NewPage, demo_server: Server, signed_server: Server) -> None:
    findings: dict[str, Any] = {}
    problems: list[str] = []
    page = new_page()
    page.goto(demo_server.base + "/")
    page.get_by_label("username").wait_for()
    problems += axe(page, "demo-login", findings)

    demo_sign_in(page, demo_server, "NW-1009")
    wait_until_ready(page)
    problems += axe(page, "chat-first-open", findings)
    ask(page, "Why did I see my most recent offer?")
    page.locator("#candor-sources summary").first.click()
    page.get_by_text("Your data & choices").click()
    page.locator("#candor-choices").get_by_role("heading", name="Your profile").wait_for()
    problems += axe(page, "chat-answered", findings)

    # Dark mode: Gradio follows the system's colour scheme.
    dark = new_page(dark=True)
    demo_sign_in(dark, demo_server, "NW-1010")
    wait_until_ready(dark)
    ask(dark, "Why did I see my most recent offer?")
    dark.get_by_text("Your data & choices").click()
    dark.locator("#candor-choices").get_by_role("heading", name="Your profile").wait_for()
    problems += axe(dark, "chat-answered-dark", findings)
    screenshot(dark, "dark")

    for view, path in (("signed-home", "/"), ("agent-login", "/agent/login"), ("bad-link", "/?token=nope")):
        other = new_page()
        other.goto(signed_server.base + path)
        problems += axe(other, view, findings)

    agent = new_page()
    agent.goto(f"{signed_server.base}/agent/login")
    agent.get_by_label("Agent name").fill(AGENT)
    agent.get_by_label("Password").fill(AGENT_PASSWORD)
    agent.get_by_role("button", name="Sign in").click()
    agent.get_by_label("Customer id, email or phone").fill("NW-1001")
    agent.get_by_role("button", name="Look up").click()
    expect(agent.locator("#agent-result")).to_contain_text("Recent offers")
    problems += axe(agent, "agent-console", findings)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(findings, indent=2))
    assert not problems, "axe-core found serious or critical WCAG AA problems:\n" + "\n".join(problems)


def test_both_servers_serve_the_json_api_beside_the_app(demo_server: Server, signed_server: Server) -> None:
    """`candor serve` as a person starts it: the API answers with the demo sign-in, or with a bearer token."""
    question = {"question": "Do you sell my data?"}
    demo = httpx.post(f"{demo_server.base}/api/v1/ask", json=question, auth=("NW-1001", DEMO_PASSWORD), timeout=60)
    assert demo.status_code == 200 and demo.json()["intent"] == "sell_share"
    token = {"Authorization": f"Bearer {sessions.issue(SECRET, 'NW-1001')}"}
    signed = httpx.get(f"{signed_server.base}/api/v1/consents", headers=token, timeout=30)
    assert signed.status_code == 200 and signed.json()
    refused = httpx.get(f"{signed_server.base}/api/v1/consents", auth=("NW-1001", DEMO_PASSWORD), timeout=30)
    assert refused.status_code == 401
