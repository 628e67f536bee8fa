"""rules/segment.yaml → the compiled agenda-item rules the segmenter reads (`Rules`), loaded once."""

import re
from dataclasses import dataclass
from functools import cache

from extract.rules import compile_pattern, load_yaml

RULE_FILE = "segment.yaml"


@dataclass(frozen=True)
class Rules:
    single_item_page: list[tuple[str, re.Pattern]]
    form_items: list[tuple[str, re.Pattern]]
    numbered_items: list[tuple[str, re.Pattern]]
    last_resort_items: list[tuple[str, re.Pattern]]  # numbering schemes tried when none of those finds items
    sub_items: list[tuple[str, re.Pattern]]
    lettered_items: list[tuple[str, re.Pattern, int]]  # (rule id, pattern, the shortest run that counts)
    paragraph_opener: re.Pattern
    max_step: int
    max_heading_chars: int
    title_word: re.Pattern
    contents_line: re.Pattern
    inline_title_end: re.Pattern
    caps_title_end: re.Pattern
    sub_title_end: re.Pattern
    inline_title_chars: int
    unnumbered: tuple[str, re.Pattern, re.Pattern]  # (rule id, pattern, the title case a paragraph's title is in)
    caps: tuple[str, re.Pattern, int, int, re.Pattern, re.Pattern]  # (rule id, pattern, most words, most
    # printings, procedure that is an item though a label elsewhere, words of the title block)
    prose_line_words: int
    label_title: re.Pattern
    prose_title: re.Pattern
    min_unnumbered: int
    max_unnumbered_words: int
    standard_titles: tuple[str, re.Pattern]
    file_numbers: tuple[str, re.Pattern, int, int]  # (rule id, pattern, fewest items, title lines above)
    title_furniture: re.Pattern


@cache
def rules() -> Rules:
    data = load_yaml(RULE_FILE)

    def compiled(section):
        return [(e["id"], compile_pattern(RULE_FILE, e)) for e in data[section]]

    def regex(key):
        return compile_pattern(RULE_FILE, {"pattern": data[key]})

    return Rules(
        compiled("single_item_page"), compiled("form_items"), compiled("numbered_items"),
        compiled("last_resort_items"), compiled("sub_items"),
        [(e["id"], compile_pattern(RULE_FILE, e), e.get("min_run", 2)) for e in data["lettered_items"]],
        regex("paragraph_opener"), data["max_step"], data["max_heading_chars"],
        regex("title_word"), regex("contents_line"), regex("inline_title_end"), regex("caps_title_end"), regex("sub_title_end"),
        data["inline_title_chars"],
        (data["unnumbered_headings"]["id"], compile_pattern(RULE_FILE, data["unnumbered_headings"]),
         compile_pattern(RULE_FILE, {"pattern": data["unnumbered_headings"]["paragraph_title"]})),
        (data["caps_headings"]["id"], compile_pattern(RULE_FILE, data["caps_headings"]),
         data["caps_headings"]["max_words"], data["caps_headings"]["max_printed"],
         compile_pattern(RULE_FILE, {"pattern": data["caps_headings"]["items_not_labels"]}),
         compile_pattern(RULE_FILE, {"pattern": data["caps_headings"]["title_words"]})),
        data["prose_line_words"],
        regex("label_title"), regex("prose_title"), data["min_unnumbered_headings"],
        data["max_unnumbered_words"],
        (data["standard_titles"]["id"], compile_pattern(RULE_FILE, data["standard_titles"])),
        (data["file_number_items"]["id"], compile_pattern(RULE_FILE, data["file_number_items"]),
         data["file_number_items"]["min_items"], data["file_number_items"]["title_lines"]),
        regex("title_furniture"),
    )
