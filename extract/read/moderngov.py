"""A moderngov web-service meeting (`GetMeeting` XML) → text lines, laid out as printed minutes.

Hundreds of UK councils run moderngov; its API returns a meeting as XML with each item's minutes
as escaped HTML. The lines written here are those minutes: the committee and date, an attendance
block built from `<attendee>` (present, in attendance, apologies, with their roles and posts), then
each item's printed number and title followed by its minutes (or, where none were published, its
agenda text). The other fields (rooms, links, flags) are not part of the minutes.
"""

import html
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from extract.errors import UnreadableDocument, UnsupportedFormat
from extract.read.html import html_to_lines

# moderngov sites: democracy.<council>.gov.uk, <council>.moderngov.co.uk, moderngov.<council>.gov.uk
SITE = re.compile(r"(?i)//(?:(?:democracy|moderngov|committees|councillors)\.(?P<council>[a-z-]+)\.gov\.uk"
                  r"|(?P<hosted>[a-z-]+)\.moderngov\.co\.uk)")
# Attendance values → the block they are listed in.
BLOCKS = (("Present", ("present",)), ("In attendance", ("in attendance", "attendance")),
          ("Apologies", ("apolog", "absent")))


def read_moderngov(text: str, path: Path) -> tuple[str, dict]:
    """GetMeeting XML → (the minutes as text lines, what the XML states: title, committee, council)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise UnreadableDocument(f"{path}: not well-formed XML ({exc}); re-download it") from exc
    if root.tag != "meeting":
        raise UnsupportedFormat(f"{path}: an XML file minutes reads only as a moderngov GetMeeting "
                                f"response (<meeting>), not <{root.tag}>; export the minutes as PDF or HTML")
    committee = _field(root, ".//committeetitle")
    date = _date(root.findtext("meetingdate", ""))
    title = " – ".join(p for p in (committee, date) if p) or None
    lines = [title or ""]
    lines += _attendance(root.findall("./attendees/attendee"))
    for item in root.findall("./agendaitems/agendaitem"):
        number = _field(item, "fulldisplaynumberformat") or _field(item, "agendaitemnumber")
        lines += ["", f"{number} {_field(item, 'agendaitemtitle')}".strip(), ""]
        body = item.findtext("minutesnonemptyhtmlbody") or item.findtext("agendatext") or ""
        lines.append(html_to_lines(body)[0])
    stated = {"title": title, "committee": committee or None, "council": _council_of_site(root)}
    return "\n".join(lines), stated


def _field(element: ET.Element, path: str) -> str:
    """A plain-text field; moderngov escapes its entities twice ("Members&amp;#39; Question Time")."""
    return html.unescape(element.findtext(path) or "").strip()


def _council_of_site(root: ET.Element) -> str | None:
    """The council whose moderngov site the links point to: democracy.gloucester.gov.uk → Gloucester."""
    for url in root.iter("url"):
        if m := SITE.search(url.text or ""):
            return " ".join(part.capitalize() for part in (m.group("council") or m.group("hosted")).split("-"))
    return None


def _date(value: str) -> str:
    try:
        date = datetime.strptime(value.strip(), "%d/%m/%Y")
        return f"{date.day} {date:%B %Y}"
    except ValueError:
        return value.strip()


def _attendance(attendees: list[ET.Element]) -> list[str]:
    blocks: dict[str, list[str]] = {label: [] for label, _ in BLOCKS}
    for person in attendees:
        attendance = person.get("attendance", "").lower()
        label = next((label for label, words in BLOCKS if any(w in attendance for w in words)), None)
        if label is None or not person.get("name"):
            continue
        role = person.get("roledescription", "")
        post = person.get("representing") or (role if role in ("Chair", "Vice-Chair") else "")
        blocks[label].append(html.unescape(person.get("name").strip() + (f" ({post})" if post else "")))
    return [f"{label}: {', '.join(names)}" for label, names in blocks.items() if names]
