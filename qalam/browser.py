"""Playwright driving the system's Chromium, for browser tests and screenshots. Qalam never
downloads a browser: it uses Debian's `chromium` and says so when it is missing.

Playwright's sync API runs an event loop in the thread that starts it. Django keeps its
database connections per thread and async context, so the browser lives in a thread of its
own and the test thread stays an ordinary synchronous one."""

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHROMIUM = os.environ.get("QALAM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


# axe-core from the project's package-lock.json (`npm ci`), never from a CDN.
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def chromium_available():
    return bool(shutil.which(CHROMIUM))


def axe_available():
    return AXE.is_file()


def axe_violations(page, rules):
    """What axe-core finds on the open page for the named rules (experimental ones too), as
    (rule, element) pairs; the page needs JavaScript on. What axe cannot decide (an accessible
    name against a symbol it shows) counts too: a check must not pass by being undecided."""
    # Run through the driver, not as a <script> the pages' Content-Security-Policy refuses.
    page.evaluate("source => (0, eval)(source)", AXE.read_text())
    result = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", rules
    )
    return [
        (violation["id"], " ".join(node["target"]))
        for violation in result["violations"] + result["incomplete"]
        for node in violation["nodes"]
    ]


class Chromium:
    """A headless Chromium in a dedicated thread: `run(fn)` calls fn(browser) there."""

    def __init__(self):
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
        self.playwright = self.browser = None
        self.run(lambda _: self._start())

    def _start(self):
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def run(self, fn, *args):
        return self.thread.submit(lambda: fn(self.browser, *args)).result()

    def close(self):
        def stop(browser):
            browser.close()
            self.playwright.stop()

        self.run(stop)
        self.thread.shutdown()
