"""HTML (whole pages or moderngov fragments) → text lines, dropping scripts, styles and navigation."""

from collections import Counter
from html.parser import HTMLParser

BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
    "section", "article", "blockquote", "hr", "dt", "dd", "time", "title", "pre",
}
CELL_TAGS = {"td", "th"}
SKIP_TAGS = {"script", "style", "nav", "noscript", "button", "select", "form", "svg", "head", "iframe"}
# Class or id words that mark site furniture rather than content.
FURNITURE = ("navbar", "nav-", "menu", "breadcrumb", "sidebar", "cookie", "skip-link", "footer")
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0  # > 0 while inside a skipped element
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, starts a skipped region)
        self.open = Counter()  # tag → how many are open: an end tag with none open is ignored at once
        self.title = ""
        self._in_title = False
        self.lists: list[int | None] = []  # open lists, innermost last: an <ol>'s last item number, None for <ul>

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            if not self.skip_depth and tag in BLOCK_TAGS:
                self.parts.append("\n")
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role")).lower()
        skipped = tag in SKIP_TAGS or any(word in marker for word in FURNITURE) or marker == "navigation"
        self.stack.append((tag, skipped))
        self.open[tag] += 1
        self.skip_depth += skipped
        self._in_title = tag == "title"
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in CELL_TAGS:
            self.parts.append(" | ")
        if tag in ("ol", "ul"):
            self.lists.append(_start(attrs) - 1 if tag == "ol" else None)
        elif tag == "li" and self.lists and self.lists[-1] is not None and not self.skip_depth:
            self.lists[-1] += 1  # the number a reader sees: "1. Apologies" is minute 1, as in a text file
            self.parts.append(f"{self.lists[-1]}. ")

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or not self.open[tag]:
            return
        while self.stack:  # close unclosed children too (<p> and <li> often are)
            open_tag, skipped = self.stack.pop()
            self.open[open_tag] -= 1
            self.skip_depth -= skipped
            if open_tag in ("ol", "ul") and self.lists:
                self.lists.pop()
            if open_tag == tag:
                break
        self._in_title = False
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if not self.skip_depth:
            # Source line breaks inside a paragraph are just spaces in HTML.
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


def _start(attrs) -> int:
    start = dict(attrs).get("start") or "1"
    return int(start) if start.strip().isdigit() else 1


def html_to_lines(markup: str) -> tuple[str, str | None]:
    """Markup → (text with one line per block element, the <title> text or None)."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = [line.strip(" |") for line in "".join(collector.parts).split("\n")]
    return "\n".join(lines), collector.title.strip() or None


def looks_like_html(text: str) -> bool:
    """Text files that are really HTML fragments (a site's .txt export full of <br />)."""
    head = text[:5000].lower()
    return head.count("<br") + head.count("<p>") + head.count("</p>") + head.count("<div") >= 3
