"""Rules: the YAML rule and vocabulary files in this folder → validated, compiled rules, loaded once.

Rules are data: YAML files of patterns and vocabularies. A malformed entry fails at load time
with an `InvalidRuleFile` naming the file and line, never later as a wrong answer.
"""

import re
from functools import cache
from pathlib import Path

import yaml

from extract.errors import InvalidRuleFile

RULES_DIR = Path(__file__).parent


def _fail(path: Path, line: int, what: str) -> InvalidRuleFile:
    return InvalidRuleFile(f"{path}:{line}: {what}; fix that entry of the rule file")


@cache
def load_yaml(name: str) -> dict:
    """A YAML rule file → its mapping, each list entry a dict with its source line as `_line`."""
    path = RULES_DIR / name
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidRuleFile(f"{path}: cannot be read as YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise _fail(path, 1, "the file must be a mapping of sections")
    _no_words_read_as_booleans(path, root)
    for key_node, value_node in root.value:
        entries = data[key_node.value]
        if isinstance(entries, list):
            for node, entry in zip(value_node.value, entries):
                if isinstance(entry, dict):
                    entry["_line"] = node.start_mark.line + 1
    return data


BOOL_TAG = "tag:yaml.org,2002:bool"


def _no_words_read_as_booleans(path: Path, node: yaml.Node) -> None:
    """A vocabulary word YAML reads as a boolean (on, no, yes, off) would be lost from its list: quote it."""
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [value for _, value in node.value]
        for key, _ in node.value:
            if key.tag == BOOL_TAG:
                raise _fail(path, key.start_mark.line + 1, f"the key {key.value!r} is read as a boolean; quote it")
    else:
        return
    for child in children:
        if isinstance(node, yaml.SequenceNode) and child.tag == BOOL_TAG:
            raise _fail(path, child.start_mark.line + 1, f"the word {child.value!r} is read as a boolean; quote it")
        _no_words_read_as_booleans(path, child)


def compile_pattern(name: str, entry: dict, key: str = "pattern", flags: int = 0) -> re.Pattern:
    """Compile one entry's regex, failing with the rule's file and line."""
    try:
        return re.compile(entry[key], flags)
    except (KeyError, TypeError, re.error) as exc:
        raise _fail(RULES_DIR / name, entry.get("_line", 0), f"bad {key!r} ({exc})") from exc


def require(name: str, entry: dict, *keys: str) -> None:
    missing = [key for key in keys if key not in entry]
    if missing:
        raise _fail(RULES_DIR / name, entry.get("_line", 0), f"missing {', '.join(missing)}")
