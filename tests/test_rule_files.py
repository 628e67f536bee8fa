"""The rule files load, and one that would lose a word to YAML's booleans is refused."""

import pytest

import extract.rules as rules
from extract.errors import InvalidRuleFile


@pytest.mark.parametrize("name", sorted(p.name for p in rules.RULES_DIR.glob("*.yaml")))
def test_every_rule_file_loads(name):
    assert isinstance(rules.load_yaml(name), dict)


@pytest.mark.parametrize("text, line", [
    ("small_words: [and, of, on, in]\n", 1),  # "on" would be True: "Leigh On Mendip" kept its capital
    ("votes:\n  for: [aye]\n  no: against\n", 3),  # a key "no" would be False
])
def test_a_word_yaml_reads_as_a_boolean_is_refused_with_its_line(tmp_path, monkeypatch, text, line):
    (tmp_path / "words.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.load_yaml.cache_clear()
    try:
        with pytest.raises(InvalidRuleFile, match=rf"words\.yaml:{line}: the (?:word|key) '(?:on|no)' is read as a boolean"):
            rules.load_yaml("words.yaml")
    finally:
        rules.load_yaml.cache_clear()
