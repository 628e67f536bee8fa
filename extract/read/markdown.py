"""Markdown (.md, .markdown) → text lines, read with a real Markdown parser (markdown-it-py).

The Markdown is rendered to HTML (CommonMark with tables) and read like any other page, so
`**Present**:` becomes `Present:`, headings and list items become lines, and table cells are
separated by ` | ` as in HTML tables. The front matter's `title`, which a static site shows as
the page's heading, becomes the first line. Callout markers (`> [!abstract]- Present: …`, Obsidian's
syntax) are markup too and are dropped. A YAML front-matter block (site metadata, e.g. a web
publication date) is otherwise left out.
"""

import re

from markdown_it import MarkdownIt

from extract.read.html import html_to_lines

FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
FRONT_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M)
CALLOUT = re.compile(r"^([ \t]*>[ \t]*)\[![\w-]+\][-+]?[ \t]*", re.M)
# Emphasis a PDF converter left unbalanced ("***12.**NOTICE OF MOTION …***": CommonMark cannot close "**"
# between "." and a letter) stays as literal asterisks; runs of two or more are never the minutes' own text.
STRAY_EMPHASIS = re.compile(r"\*{2,}")
PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")


def markdown_to_lines(text: str) -> tuple[str, str | None]:
    """Markdown source → (text with one line per block, the front matter's title or None)."""
    title = None
    if front := FRONT_MATTER.match(text):
        if found := FRONT_TITLE.search(front.group(1)):
            title = found.group(1).strip("'\"") or None
        text = (f"# {title}\n\n" if title else "") + text[front.end():]
    lines, _ = html_to_lines(PARSER.render(CALLOUT.sub(r"\1", text)))
    return STRAY_EMPHASIS.sub("", lines), title
