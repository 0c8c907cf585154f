"""YAML reading that remembers where every value came from.

PyYAML's composer gives nodes with marks; we build plain Python data from them
and keep, for every path into the data, the position of its value and its key.
Validation errors can then name ``file:line:column`` instead of a Python path.
Duplicate keys, which PyYAML would silently overwrite, are reported as problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from waarborg._exceptions import Position, Problem

PathKey = tuple[str | int, ...]


@dataclass
class LocatedDocument:
    """Plain data plus the source position of every value and key in it."""

    file: str
    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: Iterable[str | int], *, key: bool = False) -> Position | None:
        """Where ``path`` is; falls back to the closest enclosing value that exists."""
        parts = tuple(path)
        while True:
            table = self.keys if key and parts in self.keys else self.values
            if parts in table:
                return table[parts]
            if not parts:
                return None
            parts = parts[:-1]
            key = False

    def has(self, path: Iterable[str | int]) -> bool:
        return tuple(path) in self.values

    def find(self, pattern: Iterable[str | int | None]) -> Iterator[tuple[PathKey, Any]]:
        """Every (path, value) matching ``pattern``; ``None`` in a pattern matches any
        list index or mapping key. Works on raw data, so it runs even when the
        document does not validate."""
        yield from _find(self.data, (), tuple(pattern))


def _find(
    data: Any, path: PathKey, pattern: tuple[str | int | None, ...]
) -> Iterator[tuple[PathKey, Any]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if isinstance(data, list):
        indices = range(len(data)) if head is None else [head] if isinstance(head, int) else []
        for index in indices:
            if 0 <= index < len(data):
                yield from _find(data[index], (*path, index), rest)
    elif isinstance(data, dict):
        keys = list(data) if head is None else [head] if head in data else []
        for key in keys:
            yield from _find(data[key], (*path, key), rest)


class _Builder:
    def __init__(self, file: str):
        self.file = file
        self.values: dict[PathKey, Position] = {}
        self.keys: dict[PathKey, Position] = {}
        self.problems: list[Problem] = []
        self._scalars = SafeConstructor()

    def pos(self, node: Node) -> Position:
        mark = node.start_mark
        return Position(self.file, mark.line + 1, mark.column + 1)

    def build(self, node: Node, path: PathKey) -> Any:
        self.values[path] = self.pos(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if not isinstance(node, ScalarNode):  # pragma: no cover - the composer yields no other
            raise TypeError(f"unexpected YAML node {node!r}")
        try:
            return self._scalars.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            self.problems.append(
                Problem(
                    self.pos(node),
                    "cannot read value: {detail}",
                    {"detail": str(exc)},
                    value=repr(node.value),
                )
            )
            return node.value

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    Problem(self.pos(key_node), "YAML merge keys (<<) are not supported")
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.append(Problem(self.pos(key_node), "keys must be plain text"))
                continue
            key = str(self._scalars.construct_object(key_node))
            if key in result:
                first = self.keys[(*path, key)]
                self.problems.append(
                    Problem(
                        self.pos(key_node),
                        "duplicate key {key!r} (first at line {line}); remove one of them",
                        {"key": key, "line": first.line},
                    )
                )
                continue
            self.keys[(*path, key)] = self.pos(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result


def load_located(text: str, file: str) -> LocatedDocument:
    """Parse ``text``; syntax errors become problems, never exceptions."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = Position(file, mark.line + 1, mark.column + 1) if mark else None
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        problem = Problem(
            position,
            "YAML syntax error: {detail}; fix the indentation or quoting here",
            {"detail": detail},
        )
        return LocatedDocument(file, None, problems=[problem])
    except yaml.YAMLError as exc:
        problem = Problem(None, "YAML error: {detail}", {"detail": str(exc)})
        return LocatedDocument(file, None, problems=[problem])
    if node is None:
        return LocatedDocument(file, None)
    builder = _Builder(file)
    data = builder.build(node, ())
    return LocatedDocument(file, data, builder.values, builder.keys, builder.problems)


def read_located(path: Path) -> LocatedDocument:
    return load_located(path.read_text(encoding="utf-8"), str(path))
