"""The README tells the truth: its Python example runs, and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from racecard.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_python_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_every_command_is_in_the_readme_and_has_help() -> None:
    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert "extract" in names and "demo" in names
    for name in names:
        assert f"`racecard {name}" in README, f"racecard {name} is not documented in README.md"
        assert group.commands[name].help, f"racecard {name} has no help text"  # type: ignore[attr-defined]


def test_quick_start_is_two_make_targets() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^make (\w+)", quick, re.M)
    assert commands == ["demo", "test"]
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
