"""Headless Chromium driven over the DevTools protocol on a pipe: no port, no download.

Chromium's `--remote-debugging-pipe` reads commands on file descriptor 3 and writes replies
and events on 4, one JSON message per NUL-terminated chunk. This module starts the browser
(Debian's `chromium` package), opens pages, evaluates expressions, records console errors,
uncaught exceptions and every request a page makes, and saves screenshots. The HTML report
tests use it, and so does the demo to draw the README's screenshots:

    python scripts/browser.py reports/index.html reports/index.png [HTML PNG]...
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--font-render-hinting=none",
    "--remote-debugging-pipe",
)
TIMEOUT = 30.0
_FIRST_FREE_FD = 10


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) executable on PATH, or None."""
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    """The browser failed to start, answered with an error, or did not answer in time."""


@dataclass
class Visit:
    """What a page did while it loaded: console errors, exceptions and requested URLs."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class Browser:
    """One headless Chromium process and one tab; use as a context manager."""

    def __init__(self, executable: str | None = None) -> None:
        self.executable = executable or find_chromium()
        if self.executable is None:
            raise BrowserError("no chromium on PATH (apt-get install chromium)")
        self._profile = tempfile.TemporaryDirectory(prefix="dedup-chromium-")
        self._next = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []
        self._start()

    def _start(self) -> None:
        to_browser, ours_out = os.pipe()
        ours_in, from_browser = os.pipe()
        # Above 9 so the shell's redirections cannot clash with them; the shell puts them on
        # 3 and 4, where Chromium looks.
        low = [to_browser, from_browser]
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, _FIRST_FREE_FD) for fd in low]
        for fd in low:
            os.close(fd)
        command = [
            "bash",
            "-c",
            f'exec "$0" "$@" 3<&{high[0]} 4>&{high[1]}',
            str(self.executable),
            *FLAGS,
            f"--user-data-dir={self._profile.name}",
            "about:blank",
        ]
        self._process = subprocess.Popen(
            command, pass_fds=high, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for fd in high:
            os.close(fd)
        self._write = os.fdopen(ours_out, "wb", buffering=0)
        self._read = ours_in
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self._session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable", session=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the browser and remove its profile."""
        with contextlib.suppress(BrowserError, OSError):
            self.call("Browser.close", timeout=5)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._write.close()
        os.close(self._read)
        self._profile.cleanup()

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise BrowserError("the browser did not answer in time")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise BrowserError("the browser closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: bool = False,
        timeout: float = TIMEOUT,
    ) -> dict[str, Any]:
        """Send one command and return its result; events met meanwhile are kept."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        self._write.write(json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self._events.append(reply)

    def _wait_for(self, event: str, deadline: float) -> None:
        while not any(e.get("method") == event for e in self._events):
            self._events.append(self._message(deadline))

    def open(
        self, url: str, *, width: int = 1280, height: int = 900, javascript: bool = True
    ) -> Visit:
        """Load `url` in a window of width × height and wait for its load event."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
            session=True,
        )
        self.call("Emulation.setScriptExecutionDisabled", {"value": not javascript}, session=True)
        self._events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        self._wait_for("Page.loadEventFired", time.monotonic() + TIMEOUT)
        self.evaluate("1")  # lets the events of the load arrive before they are read
        return self._visit()

    def _visit(self) -> Visit:
        visit = Visit()
        for event in self._events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                visit.requests.append(params["request"]["url"])
            elif method == "Runtime.exceptionThrown":
                visit.errors.append(json.dumps(params["exceptionDetails"].get("text")))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                visit.errors.append(json.dumps(params.get("args")))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                visit.errors.append(params["entry"].get("text", ""))
        return visit

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (works with scripts disabled)."""
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def screenshot(self, path: Path, *, full_page: bool = True) -> None:
        """Save the page as a PNG, the whole page or only the window."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                              "scale": 1}  # fmt: skip
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params, session=True)["data"]
        path.write_bytes(base64.b64decode(data))


def main(arguments: list[str]) -> int:
    """Screenshot each HTML file to its PNG (pairs of arguments), the window only."""
    if len(arguments) % 2 or not arguments:
        print("usage: python scripts/browser.py HTML PNG [HTML PNG]...", file=sys.stderr)
        return 2
    with Browser() as browser:
        for html, png in zip(arguments[::2], arguments[1::2], strict=True):
            visit = browser.open(Path(html).resolve().as_uri(), width=1280, height=1000)
            if visit.errors:
                print(f"{html}: {visit.errors}", file=sys.stderr)
                return 1
            browser.screenshot(Path(png), full_page=False)
            print(f"{png} written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
