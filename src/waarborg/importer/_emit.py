"""Writing the draft register as YAML with the source of each value as a comment.

PyYAML cannot write comments, so this small writer emits the plain data itself
(mappings, lists, scalars quoted by PyYAML) and puts the trace of a value at the
end of its line: confidence, source line and the sentence it was read from.
Values below :data:`~waarborg.importer._model.LOW_CONFIDENCE` get a ⚠ CHECK mark.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import yaml

from waarborg.importer._model import Trace

Path = tuple[str | int, ...]
_WIDTH = 92


def emit(data: Mapping[str, Any], traces: list[Trace], header: list[str]) -> str:
    by_path = {trace.path: trace for trace in traces}
    lines = [f"# {line}" if line else "#" for line in header]
    writer = _Writer(by_path)
    writer.mapping(data, (), 0)
    return "\n".join([*lines, *writer.lines]) + "\n"


class _Writer:
    def __init__(self, traces: dict[Path, Trace]):
        self.traces = traces
        self.lines: list[str] = []
        self._last_sentence: int | None = None

    def comment(self, path: Path) -> str:
        trace = self.traces.get(path)
        if trace is None:
            return ""
        mark = "⚠ CHECK " if trace.low else ""
        parts = [f"{mark}{trace.confidence:.2f}"]
        if trace.sentence is not None:
            parts.append(f"line {trace.sentence.line}")
            if trace.sentence.id != self._last_sentence:
                quoted = trace.sentence.text.replace("\n", " ")
                quoted = quoted if len(quoted) <= 90 else quoted[:87] + "…"
                parts.append(f'"{quoted}"')
            self._last_sentence = trace.sentence.id
        if trace.note:
            parts.append(trace.note)
        return "  # " + " · ".join(parts)

    def mapping(self, data: Mapping[str, Any], path: Path, indent: int, first: str = "") -> None:
        pad = " " * indent
        for number, (key, value) in enumerate(data.items()):
            prefix = first if number == 0 and first else pad
            self.entry(f"{prefix}{key}:", value, (*path, key), indent)

    def entry(self, head: str, value: Any, path: Path, indent: int) -> None:
        if isinstance(value, Mapping) and value:
            self.lines.append(head + self.comment(path))
            self.mapping(value, path, indent + 2)
        elif isinstance(value, list) and value and not _flow(value, path, self.traces):
            self.lines.append(head + self.comment(path))
            self.sequence(value, path, indent + 2)
        elif isinstance(value, str) and len(value) + len(head) > _WIDTH:
            self.lines.append(f"{head} >-{self.comment(path)}")
            wrapped = textwrap.wrap(value, _WIDTH - indent - 2, break_on_hyphens=False)
            self.lines.extend(" " * (indent + 2) + line for line in wrapped)
        else:
            self.lines.append(f"{head} {_scalar(value)}{self.comment(path)}")

    def sequence(self, items: list[Any], path: Path, indent: int) -> None:
        pad = " " * indent
        for index, item in enumerate(items):
            item_path = (*path, index)
            if isinstance(item, Mapping) and item:
                start = len(self.lines)
                self.mapping(item, item_path, indent + 2, first=f"{pad}- ")
                self.lines[start] += self.comment(item_path)
            else:
                self.lines.append(f"{pad}- {_scalar(item)}{self.comment(item_path)}")


def _flow(value: list[Any], path: Path, traces: dict[Path, Trace]) -> bool:
    """Short lists without traces of their own stay on one line."""
    simple = all(not isinstance(v, Mapping | list) for v in value)
    traced = any((*path, i) in traces for i in range(len(value)))
    return simple and not traced


def _scalar(value: Any) -> str:
    if isinstance(value, list | dict):
        text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    else:
        text = yaml.safe_dump(value, allow_unicode=True, width=10**6)
    return text.removesuffix("\n").removesuffix("\n...").strip()
