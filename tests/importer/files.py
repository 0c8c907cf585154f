"""Statement files in every format the importer reads, made on the spot for tests."""

from __future__ import annotations

from pathlib import Path

# (file name, content, message in English, message in Dutch)
BAD_FILES = [
    ("leeg.txt", b"  \n\n ", "the file is empty", "het bestand is leeg"),
    ("kapot.pdf", b"%PDF-1.4\nno pdf at all", "cannot read this PDF", "kan deze PDF niet lezen"),
    ("kapot.docx", b"PK\x03\x04 not a zip", "cannot read this DOCX", "kan dit DOCX-bestand"),
    (
        "plaatje.bin",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "unknown format .bin",
        "onbekend formaat",
    ),
]


def make_pdf(path: Path, text: str) -> Path:
    """A real one-page PDF (Helvetica, WinAnsi) with ``text``; blank lines separate blocks."""

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = []
    for line in text.splitlines():
        shown.append(f"({escape(line)}) '" if line.strip() else "T*")
    stream = ("BT /F1 10 Tf 40 800 Td 13 TL " + " ".join(shown) + " ET").encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R"
        b" >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def make_docx(path: Path, title: str, sections: list[tuple[str, list[str]]]) -> Path:
    """A Word document with a title, 'Heading 2' headings and body paragraphs."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    for heading, paragraphs in sections:
        document.add_heading(heading, level=2)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    document.save(str(path))
    return path
