"""Import an existing Dutch privacy statement into a draft register.

``import_statement(path_or_text)`` reads plain text, HTML, PDF or DOCX, finds
the sections in the common Dutch styles, maps the phrases it knows (see
``lexicon.yaml``) to taxonomy ids, and returns an :class:`ImportResult`: the
draft register (validated), its YAML with the source sentence of every value,
the traces, and the sentences it could not place. ``render_report`` turns a
result into the Markdown report.
"""

from waarborg.importer.api import ImportResult, import_statement
from waarborg.importer.report import render_report

__all__ = ["ImportResult", "import_statement", "render_report"]
