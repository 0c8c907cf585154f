"""The README and docs/ stay honest: every command documented, every example runs."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from waarborg.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)


def command_paths() -> Iterator[str]:
    """Every leaf command as users type it, e.g. 'audit verify'."""
    root = typer.main.get_command(app)

    def walk(group: object, prefix: str) -> Iterator[str]:
        commands = getattr(group, "commands", {})
        for name, command in commands.items():
            if getattr(command, "hidden", False):
                continue
            if getattr(command, "commands", None):
                yield from walk(command, f"{prefix}{name} ")
            else:
                yield f"{prefix}{name}"

    yield from walk(root, "")


def console_examples() -> Iterator[tuple[str, str, list[str]]]:
    """(doc file, command line, expected output lines) for each ``$ waarborg`` line."""
    for doc in DOCS:
        for block in CONSOLE.findall(doc.read_text(encoding="utf-8")):
            command, expected = None, []
            for line in [*block.splitlines(), "$"]:
                if line.startswith("$"):
                    if command:
                        yield doc.name, command, expected
                    command, expected = line[1:].strip() or None, []
                elif command and line.strip():
                    expected.append(line.strip())


def test_every_command_is_documented() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [c for c in command_paths() if f"### waarborg {c}\n" not in text]
    assert not missing, f"document these in docs/cli.md: {missing}"


def test_documented_commands_exist() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    documented = re.findall(r"^### waarborg (.+)$", text, re.MULTILINE)
    assert set(documented) <= set(command_paths())


EXAMPLES = list(console_examples())


@pytest.mark.parametrize(
    ("doc", "command", "expected"), EXAMPLES, ids=[f"{d}:{c}" for d, c, _ in EXAMPLES]
)
def test_console_example_runs(
    doc: str, command: str, expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)
    assert args[0] == "waarborg", f"{doc}: examples run the waarborg command"
    result = CliRunner().invoke(app, args[1:])
    assert result.exit_code == 0, f"{doc}: `{command}` failed:\n{result.output}"
    for line in expected:
        assert line in result.output, f"{doc}: `{command}` did not print {line!r}"
