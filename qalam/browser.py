"""Playwright driving the system's Chromium, for browser tests and screenshots. Qalam never
downloads a browser: it uses Debian's `chromium` and says so when it is missing.

Playwright's sync API runs an event loop in the thread that starts it. Django keeps its
database connections per thread and async context, so the browser lives in a thread of its
own and the test thread stays an ordinary synchronous one."""

import os
import shutil
from concurrent.futures import ThreadPoolExecutor

CHROMIUM = os.environ.get("QALAM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_available():
    return bool(shutil.which(CHROMIUM))


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
