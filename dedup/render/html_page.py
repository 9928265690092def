"""The frame every HTML report shares: one self-contained page, inline CSS, no requests.

A Content-Security-Policy lets the page load nothing at all (no image, font, frame or
connection) and run only the script it ships, by hash, so escaped article text could not run
even if escaping failed. Content never depends on the script (it only adds a search box and
opens folded sections for printing). Colours pass WCAG AA contrast on white and never carry
meaning alone: conflicts, changes and one-sided sentences also have marks and words.
"""

from __future__ import annotations

import base64
import hashlib
import html

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --bg-alt: #f4f4f4;
  --conflict-bg: #ffe3e0; --conflict-ink: #8a1200; --change-bg: #fff0b3; --only-ink: #555;
  --link: #0b4f9c; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; margin: 0 auto; max-width: 78rem; padding: 1rem; }
a { color: var(--link); }
a:focus-visible, summary:focus-visible, input:focus-visible {
  outline: 3px solid #1a5fb4; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.skip:focus { position: static; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--bg-alt); }
.meta td, .meta th { width: auto; }
.muted, .only { color: var(--only-ink); }
.mark { font-family: ui-monospace, monospace; font-weight: bold; white-space: nowrap; }
.ref { font-family: ui-monospace, monospace; font-size: 0.85em; color: var(--muted);
  white-space: nowrap; }
.solo { font-weight: bold; text-decoration: underline; }
.chg { background: var(--change-bg); text-decoration: underline dotted; }
.conflict { background: var(--conflict-bg); color: var(--conflict-ink); font-weight: bold;
  border: 1px solid var(--conflict-ink); border-radius: 3px; padding: 0 0.15em; }
.tag { font-size: 0.8em; font-weight: bold; border: 1px solid currentColor; border-radius: 3px;
  padding: 0 0.3em; white-space: nowrap; }
.tag.bad { color: var(--conflict-ink); background: var(--conflict-bg); }
.rows td.side { width: 46%; }
.rows tr.left-only td, .rows tr.right-only td { color: var(--only-ink); }
.rows tr.moved td.mark { color: #5a2a9c; }
.rows tr:target td { outline: 2px solid #1a5fb4; }
.hint { font-size: 0.85em; color: var(--muted); }
details { border: 1px solid var(--line); border-radius: 4px; margin: 0.5rem 0;
  padding: 0.25rem 0.75rem; }
summary { cursor: pointer; font-weight: 600; }
.facts th { width: 9rem; }
td.num, td.date { white-space: nowrap; }
.cell { display: block; margin: 0.1rem 0; }
ul.flat { margin: 0.25rem 0; padding-left: 1.25rem; }
#search { font: inherit; padding: 0.3rem 0.5rem; width: min(30rem, 100%); }
@media (max-width: 45rem) {
  body { padding: 0.5rem; font-size: 15px; }
  .rows thead, .members thead { display: none; }
  .rows tr, .rows td, .members tr, .members td { display: block; width: auto !important;
    border: 0; padding: 0.15rem 0; }
  .rows tr, .members tr { border-bottom: 1px solid var(--line); padding: 0.4rem 0; }
  .rows td.side:empty, .members td:empty { display: none; }
  .facts th { width: auto; }
}
@media print {
  body { max-width: none; font-size: 11pt; }
  #search, .skip, .noprint { display: none; }
  details { border: 0; padding: 0; }
  a { color: inherit; }
  tr { break-inside: avoid; }
  .conflict { border-width: 2px; }
}
"""

# Conveniences only: a search box that hides the clusters not matching, and folded sections
# opened before printing. Without it every section is there and readable.
SEARCH_SCRIPT = """
(function () {
  var box = document.getElementById("search");
  if (box) {
    box.hidden = false;
    var items = document.querySelectorAll("[data-search]");
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
      items.forEach(function (item) {
        var text = item.getAttribute("data-search");
        item.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
"""


def esc(text: object) -> str:
    """Any text made safe for HTML content and attributes (quotes included)."""
    return html.escape(str(text), quote=True)


def _policy(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def page(title: str, body: str, *, script: str = SEARCH_SCRIPT) -> str:
    """A complete HTML document: `title` (plain text) and `body` (HTML, already escaped)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_policy(script))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="dedup">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to the report</a>\n'
        f'<main id="main">\n{body}\n</main>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
