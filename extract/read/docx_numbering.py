"""Word's automatic numbering → the number a reader sees before a paragraph ("4.", "4.2", "b)").

Word keeps list numbers out of the paragraph's text: a paragraph names a list (`numId`) and a level
(`ilvl`), itself or through its style, and numbering.xml gives each level its format ("decimal",
"lowerLetter" …), its text ("%1.%2") and its start. Minutes written with Word's numbered headings
would otherwise reach segmentation with no minute numbers at all.
"""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
         ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
UNNUMBERED = {"bullet", "none"}


def _attr(element, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return found.get(f"{W}val") if found is not None else None


def _roman(n: int) -> str:
    out = ""
    for letters, value in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _formatted(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(96 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return f"{n:02d}" if fmt == "decimalZero" else str(n)


class Numbering:
    """The numbering of one document, counted paragraph by paragraph in document order."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (format, text, start)
        self.counts: dict[str, dict[int, int]] = {}  # numId → ilvl → the last number given
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # styleId → (numId, ilvl, basedOn)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a document with no list definitions
            return
        abstracts = {a.get(f"{W}abstractNumId"): a for a in root.findall(f"{W}abstractNum")}
        for num in root.findall(f"{W}num"):
            abstract = abstracts.get(_attr(num, f"{W}abstractNumId"))
            if abstract is None:
                continue
            levels = {}
            for lvl in abstract.findall(f"{W}lvl"):
                start = _attr(lvl, f"{W}start") or "1"
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (_attr(lvl, f"{W}numFmt") or "decimal",
                                                          _attr(lvl, f"{W}lvlText") or "", int(start))
            for override in num.findall(f"{W}lvlOverride"):
                ilvl, start = int(override.get(f"{W}ilvl", "0")), _attr(override, f"{W}startOverride")
                if start and ilvl in levels:
                    levels[ilvl] = (*levels[ilvl][:2], int(start))
            self.levels[num.get(f"{W}numId")] = levels
        for style in document.styles.element.findall(f"{W}style"):
            self.styles[style.get(f"{W}styleId")] = (_attr(style, f"{W}pPr/{W}numPr/{W}numId"),
                                                     _attr(style, f"{W}pPr/{W}numPr/{W}ilvl"),
                                                     _attr(style, f"{W}basedOn"))

    def label(self, paragraph) -> str:
        """The number Word shows before this paragraph, with a space ("4. "), or "" (counting it either way)."""
        num_id, ilvl = _attr(paragraph, f"{W}pPr/{W}numPr/{W}numId"), _attr(paragraph, f"{W}pPr/{W}numPr/{W}ilvl")
        style = _attr(paragraph, f"{W}pPr/{W}pStyle")
        for _ in range(5):  # a style's list, or the list of the style it is based on
            if num_id is not None or style not in self.styles:
                break
            num_id, style_ilvl, style = self.styles[style]
            ilvl = ilvl or style_ilvl
        levels = self.levels.get(num_id or "0")
        if not levels:
            return ""
        level = int(ilvl or 0)
        if level not in levels:
            return ""
        counts = self.counts.setdefault(num_id, {})
        counts[level] = counts.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counts if k > level]:  # a new item restarts the lists under it
            del counts[deeper]
        fmt, text, _ = levels[level]
        if fmt in UNNUMBERED or not text:
            return ""
        for k in range(level, -1, -1):  # "%1.%2": each level's own number in its own format
            shown = counts.get(k, levels.get(k, ("decimal", "", 1))[2])
            text = text.replace(f"%{k + 1}", _formatted(shown, levels.get(k, ("decimal",))[0]))
        return text + " "
