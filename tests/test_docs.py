"""The README and docs/ stay honest: every command documented, every example runs."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from waarborg.check import all_checks
from waarborg.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CONSOLE = re.compile(r"```console\n(.*?)```", re.DOTALL)
# A command line may end in "# exit N" when the example exits with N on purpose.
EXIT_MARKER = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")


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


def split_exit_marker(command: str) -> tuple[str, int]:
    """``waarborg check x  # exit 1`` → (``waarborg check x``, 1); no marker means 0."""
    marker = EXIT_MARKER.search(command)
    if marker is None:
        return command, 0
    return command[: marker.start()], int(marker.group(1))


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
    command_line, exit_code = split_exit_marker(command)
    args = shlex.split(command_line)
    assert args[0] == "waarborg", f"{doc}: examples run the waarborg command"
    result = CliRunner().invoke(app, args[1:])
    assert result.exit_code == exit_code, (
        f"{doc}: `{command}` exited {result.exit_code}:\n{result.output}"
    )
    for line in expected:
        assert line in result.output, f"{doc}: `{command}` did not print {line!r}"


def test_exit_marker_names_the_expected_status() -> None:
    assert split_exit_marker("waarborg check x.yaml  # exit 1") == ("waarborg check x.yaml", 1)
    assert split_exit_marker("waarborg validate x.yaml") == ("waarborg validate x.yaml", 0)


def documented_checks() -> dict[str, str]:
    """check id → its section of docs/checks.md."""
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    parts = re.split(r"^### (\S+)\n", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_check_is_documented() -> None:
    missing = {c.id for c in all_checks()} - set(documented_checks())
    assert not missing, f"document these in docs/checks.md: {sorted(missing)}"


def test_documented_checks_exist() -> None:
    unknown = set(documented_checks()) - {c.id for c in all_checks()}
    assert not unknown, f"docs/checks.md names checks that do not exist: {sorted(unknown)}"


def test_checks_doc_gives_the_severity_and_reference_of_each_check() -> None:
    sections = documented_checks()
    for check in all_checks():
        section = sections.get(check.id, "")
        assert f"- severity: {check.severity}\n" in section, check.id
        assert f"- reference: {check.reference}\n" in section, check.id
        assert "```yaml" in section, f"{check.id} needs an example"
