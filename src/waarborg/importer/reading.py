"""Reading a statement from a file: plain text, an HTML page, a PDF or a DOCX.

Each format becomes the same list of blocks, so everything after this module is
format-blind. HTML and DOCX say which lines are headings and list items; plain
text and PDF leave that to :mod:`waarborg.importer._blocks`. A file we cannot
read is a :class:`~waarborg.StatementFileError`, never a traceback.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from waarborg._exceptions import StatementFileError
from waarborg.i18n import N_
from waarborg.importer._blocks import Block, BlockKind, clean, finish, text_blocks

_HTML_SKIP = ("script", "style", "nav", "noscript", "form", "button", "svg", "template")
_HTML_BLOCKS = {"p", "li", "td", "th", "dd", "dt", "address", "blockquote", "pre"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def read_blocks(path: Path) -> list[Block]:
    """The blocks of the statement in ``path``, whatever its format."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StatementFileError(
            str(path), N_("cannot read the file: {reason}"), reason=exc.strerror or str(exc)
        ) from None
    if not data.strip():
        raise StatementFileError(str(path), N_("the file is empty"))
    kind = _format(path, data)
    if kind == "pdf":
        blocks = text_blocks(_pdf_text(path, data))
    elif kind == "docx":
        blocks = _docx_blocks(path, data)
    elif kind == "html":
        blocks = html_blocks(_decode(path, data))
    else:
        blocks = text_blocks(_decode(path, data))
    if not any(b.text for b in blocks):
        raise StatementFileError(str(path), N_("no text found in the file (a scanned image?)"))
    return blocks


def _format(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return "pdf"
    if suffix == ".docx" or (data.startswith(b"PK") and suffix not in (".txt", ".md")):
        return "docx"
    head = data[:2048].lower()
    if suffix in (".html", ".htm") or b"<html" in head or b"<!doctype html" in head:
        return "html"
    if suffix in ("", ".txt", ".md", ".text"):
        return "text"
    if b"\x00" in data[:4096]:
        raise StatementFileError(
            str(path),
            N_("unknown format {suffix}: use a .txt, .html, .pdf or .docx file"),
            suffix=suffix,
        )
    return "text"


def _decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StatementFileError(str(path), N_("the file is not text in UTF-8 or Windows-1252"))


def _pdf_text(path: Path, data: bytes) -> str:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        return str(extract_text(io.BytesIO(data)))
    except (PDFSyntaxError, PSException, ValueError, TypeError, KeyError, AssertionError):
        raise StatementFileError(str(path), N_("cannot read this PDF; is it damaged?")) from None
    except Exception as exc:  # pdfminer raises many private types for broken files
        if type(exc).__module__.startswith("pdfminer"):
            raise StatementFileError(
                str(path), N_("cannot read this PDF; is it damaged?")
            ) from None
        raise


def _docx_blocks(path: Path, data: bytes) -> list[Block]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise StatementFileError(
            str(path), N_("cannot read this DOCX; is it a Word document?")
        ) from None
    blocks: list[Block] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        text = clean(paragraph.text).strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        lead = _run_in_heading("".join(r.text for r in paragraph.runs[:1] if r.bold), text)
        if lead is not None and not style.lower().startswith(("heading", "kop", "title")):
            blocks.append(Block("heading", lead[0], number, 4, [lead[0]]))
            text = lead[1]
        blocks.append(_docx_block(text, style, number))
    for table in document.tables:
        for row in table.rows:
            cells = [clean(cell.text).strip() for cell in row.cells]
            line = " — ".join(c for c in cells if c)
            if line:
                blocks.append(Block("para", line, len(blocks) + 1, lines=[line]))
    return finish(blocks)


def _docx_block(text: str, style: str, number: int) -> Block:
    lowered = style.lower()
    if lowered.startswith(("heading", "kop", "title", "titel")):
        digits = "".join(c for c in style if c.isdigit())
        return Block("heading", text, number, int(digits) if digits else 1, [text])
    if "list" in lowered or "lijst" in lowered:
        return Block("item", text, number, lines=[text])
    return Block("para", text, number, lines=[text])


def html_blocks(markup: str) -> list[Block]:
    """Blocks of an HTML page: headings and list items as the page marks them."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(list(_HTML_SKIP)):
        tag.decompose()
    root: Any = soup.body or soup
    blocks: list[Block] = []
    for element in root.find_all(True):
        name = element.name
        if name not in _HEADINGS and name not in _HTML_BLOCKS and name != "div":
            continue
        if name == "div" and element.find(list(_HTML_BLOCKS | set(_HEADINGS) | {"div"})):
            continue
        if element.find_parent(list(_HTML_BLOCKS | set(_HEADINGS))) is not None:
            continue
        lines = _element_lines(element)
        if not lines:
            continue
        line_no = int(getattr(element, "sourceline", 0) or 0)
        first = element.find(["strong", "b"])
        lead = _run_in_heading(first.get_text(" ") if first else "", " ".join(lines))
        if name == "p" and lead is not None and lines[0].startswith(lead[0]):
            blocks.append(Block("heading", lead[0], line_no, 4, [lead[0]]))
            lines = [lines[0][len(lead[0]) :].lstrip(" .:"), *lines[1:]]
        if name in _HEADINGS:
            blocks.append(Block("heading", " ".join(lines), line_no, _HEADINGS[name], lines))
        else:
            kind: BlockKind = "item" if name == "li" else "para"
            blocks.append(Block(kind, " ".join(lines), line_no, lines=lines))
    return finish(blocks)


def _run_in_heading(bold: str, text: str) -> tuple[str, str] | None:
    """'**Fotoshoots boeken.** Als je een fotoshoot boekt, …': a heading run into its
    paragraph. Returns (heading, rest of the paragraph) or None."""
    label = " ".join(clean(bold).split()).rstrip(" .:")
    if not label or len(label.split()) > 6 or not text.startswith(label):
        return None
    rest = text[len(label) :].lstrip(" .:")
    return (label, rest) if rest else None


def _element_lines(element: Any) -> list[str]:
    for br in element.find_all("br"):
        br.replace_with("\n")
    text = clean(element.get_text(" "))
    return [" ".join(part.split()) for part in text.split("\n") if part.strip()]
