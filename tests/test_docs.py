"""Docs are tested: every CLI command and option appears in the README."""

from pathlib import Path

import click

from extract.commands.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_make_run_and_make_test():
    opening = README[:1500]
    assert "make run" in opening and "make test" in opening


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for name, command in main.commands.items():
        if f"minutes {name}" not in README:
            missing.append(f"minutes {name}")
        for param in command.params:
            if isinstance(param, click.Option):
                missing.extend(opt for opt in param.opts if opt.startswith("--") and opt not in README)
    assert not missing, f"not documented in README.md: {missing}"


def test_no_command_help_is_cut_short_on_an_80_column_terminal():
    from click.testing import CliRunner

    listing = CliRunner().invoke(main, ["--help"], terminal_width=80).output
    assert "...\n" not in listing.split("Commands:")[1] and all(f"  {name} " in listing for name in main.commands)
    exported = CliRunner().invoke(main, ["export", "--help"], terminal_width=80).output
    assert all(table in exported for table in ("metrics", "attendees", "evidence", "metric_facts"))
