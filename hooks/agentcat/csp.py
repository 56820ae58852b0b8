"""A Content-Security-Policy for each built page, as a <meta> tag first in <head>.

GitHub Pages cannot send headers, so the policy travels in the page. It allows scripts,
styles, images, fonts and connections from the site's own origin only; inline scripts
only by the SHA-256 hash of each one present in the final HTML, and only when it is one the
project knows (known_scripts.py: Material's own); any other inline script fails the build.
No plugins, no <base> or form targets elsewhere.

Material's instant navigation swaps pages in without a reload: the first page's policy
stays in force (the next page's <meta>, added to <head>, only adds its own on top), and
Material re-runs the inline scripts of the content it swaps in. Those are the same few
snippets on every page (a test checks it), so every page's hashes allow them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from html.parser import HTMLParser

from . import known_scripts

# Script types a browser executes (HTML's JavaScript MIME types, modules), plus the inline
# JSON types that CSP also checks. Anything else (application/json, ...) is a data block:
# never run, so it needs no hash.
_JS_TYPES = {
    "", "module", "importmap", "speculationrules",
    "text/javascript", "application/javascript", "application/ecmascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript1.0", "text/javascript1.1",
    "text/javascript1.2", "text/javascript1.3", "text/javascript1.4", "text/javascript1.5",
    "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
}

_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_META = '<meta http-equiv="Content-Security-Policy" content="{}">'


class _InlineScripts(HTMLParser):
    """Collects the text of every inline script the browser would run (the parser keeps
    script content raw, as the browser's tokenizer does)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            a = {k: (v or "") for k, v in attrs}
            runs = "src" not in a and a.get("type", "").strip().lower() in _JS_TYPES
            self._current = [] if runs else None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


# Only the script elements go through the parser: parsing a whole 40 KB page took ~4.5 ms,
# these few elements ~0.1 ms. The parser still decides what a script's text is. A <script>
# inside a comment or an attribute would be hashed too: an extra hash, never a missing one.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</\s*script\s*>", re.IGNORECASE | re.DOTALL)


def inline_scripts(page_html: str) -> list[str]:
    parser = _InlineScripts()
    for m in _SCRIPT.finditer(page_html):
        parser.feed(m.group())
    parser.close()
    return parser.scripts


def script_hash(text: str) -> str:
    """The CSP hash source of a script's text (browsers hash it after normalising newlines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class UnknownScript(ValueError):
    """A page carries an inline script that the project does not know."""


_SCOPE = re.compile(re.escape(known_scripts.SCOPE_BEFORE) + known_scripts.SCOPE_PATH + re.escape(known_scripts.SCOPE_AFTER) + r"\Z")
KNOWN = frozenset(known_scripts.MATERIAL + known_scripts.PROJECT)


def is_known(script: str) -> bool:
    return script in KNOWN or bool(_SCOPE.match(script))


def policy(page_html: str, known: frozenset[str] | None = None) -> str:
    """The page's policy. Every inline script must be one the project knows (Material's own,
    from known_scripts.py, or `known` when given): the policy never allows a script because
    it happens to be on the page, so one that text from a pull request smuggled in fails the
    build instead of being hashed."""
    scripts = inline_scripts(page_html)
    for text in scripts:
        if not (text in known if known is not None else is_known(text)):
            shown = text if len(text) <= 80 else text[:77] + "..."
            raise UnknownScript(f"an inline script that the project does not know: {shown!r}; "
                                f"only Material's own and those listed in hooks/agentcat/known_scripts.py may run")
    hashes = sorted({script_hash(s) for s in scripts})
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *hashes]),
        # No 'unsafe-inline' for styles: the pages carry no style attributes or <style>
        # elements, and Material sets its positions through element.style (the CSSOM),
        # which CSP does not restrict. The browser tests would report any violation.
        "style-src 'self'",
        # data: for the SVG icons that Material's stylesheet embeds as data: URLs (masks).
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",  # instant navigation and the search index
        "worker-src 'self'",  # the search worker is a file of the site, not a blob
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def add_policy(page_html: str, known: frozenset[str] | None = None) -> str:
    """The page with its policy as the first element of <head>."""
    head = _HEAD.search(page_html)
    if head is None:
        raise ValueError("cannot add a Content-Security-Policy: the page has no <head> element")
    meta = _META.format(escape(policy(page_html, known), quote=False).replace('"', "&quot;"))
    return page_html[:head.end()] + meta + page_html[head.end():]
