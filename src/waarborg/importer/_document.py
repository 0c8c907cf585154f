"""Blocks → sections → sentences: the statement as the extractors see it.

A heading directly followed by another heading is a *group* ("Payment
processors" above "Mollie"); the group stays until the next group or a heading
whose topic is known (rights, cookies, retention, …). Every sentence gets an id
so the importer can say which ones it used and report the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from waarborg.importer._blocks import Block, split_sentences
from waarborg.importer._lexicon import lexicon, normalise


@dataclass(frozen=True)
class Sentence:
    """One sentence (or list item) of the statement and where it stands."""

    id: int
    text: str
    line: int
    section: int
    item: bool = False
    block: int = 0

    @property
    def norm(self) -> str:
        return normalise(self.text)


@dataclass
class Section:
    index: int
    title: str
    line: int
    group: str | None = None
    topic: str | None = None
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def paragraphs(self) -> list[list[Sentence]]:
        """Sentences grouped by paragraph; a list item belongs to the paragraph before it."""
        groups: list[list[Sentence]] = []
        last_line = -1
        for sentence in self.sentences:
            new_block = sentence.line != last_line
            if not groups or (new_block and not sentence.item):
                groups.append([])
            groups[-1].append(sentence)
            last_line = sentence.line
        return groups


@dataclass
class Document:
    sections: list[Section]
    sentences: list[Sentence]
    empty_headings: list[tuple[str, int]]
    title: str | None
    blocks: list[Block]

    def section_of(self, sentence: Sentence) -> Section:
        return self.sections[sentence.section]

    def by_topic(self, *topics: str) -> list[Section]:
        return [s for s in self.sections if s.topic in topics]


def build_document(blocks: list[Block]) -> Document:
    sections = [Section(0, "", blocks[0].line if blocks else 1)]
    empty: list[tuple[str, int]] = []
    pending: list[Block] = []
    group: str | None = None
    title: str | None = None
    for block in blocks:
        if block.kind == "heading":
            if title is None and not any(s.blocks for s in sections) and _is_title(block.text):
                title = block.text
                continue
            pending.append(block)
            continue
        if pending:
            group = _open_section(sections, pending, group, empty)
            pending = []
        sections[-1].blocks.append(block)
    for block in pending:
        empty.append((block.text, block.line))
    sentences = _number_sentences(sections)
    return Document(sections, sentences, empty, title, blocks)


def _is_title(text: str) -> bool:
    return lexicon().section_topic(normalise(text)) == "title"


def _open_section(
    sections: list[Section], headings: list[Block], group: str | None, empty: list[tuple[str, int]]
) -> str | None:
    """Start a section under the last of ``headings``; the one before it is a group."""
    head = headings[-1]
    topic = lexicon().section_topic(normalise(head.text))
    if len(headings) >= 2:
        group = headings[-2].text
        empty.extend((h.text, h.line) for h in headings[:-2])
    elif topic is not None:
        group = None
    group_topic = lexicon().section_topic(normalise(group)) if group else None
    sections.append(Section(len(sections), head.text, head.line, group, topic or group_topic))
    return group


def _line_starts(block: Block) -> list[int]:
    """Where each source line of a block starts in its joined text (lines joined by one space)."""
    starts, position = [], 0
    for raw in block.lines or [block.text]:
        starts.append(position)
        position += len(raw) + 1
    return starts


def _number_sentences(sections: list[Section]) -> list[Sentence]:
    everything: list[Sentence] = []
    for section in sections:
        for block_index, block in enumerate(section.blocks):
            parts = split_sentences(block.text) if block.kind != "heading" else [block.text]
            lines = _line_starts(block)
            offset = 0
            for part in parts:
                offset = max(block.text.find(part, offset), offset)
                line = block.line + sum(1 for start in lines[1:] if start <= offset)
                sentence = Sentence(
                    len(everything), part, line, section.index, block.kind == "item", block_index
                )
                section.sentences.append(sentence)
                everything.append(sentence)
    return everything
