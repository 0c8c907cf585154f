"""The privacy statement: rendering a register (nl/en, HTML/Markdown), immutable
versions with a content hash, and the diff between two registers or versions."""

from waarborg.statement.diff import Change, RegisterDiff, diff_registers
from waarborg.statement.diff_report import describe_diff
from waarborg.statement.render import FORMATS, RenderedStatement, phrases, render_statement
from waarborg.statement.versions import StatementVersion, build_version, content_hash

__all__ = [
    "FORMATS",
    "Change",
    "RegisterDiff",
    "RenderedStatement",
    "StatementVersion",
    "build_version",
    "content_hash",
    "describe_diff",
    "diff_registers",
    "phrases",
    "render_statement",
]
