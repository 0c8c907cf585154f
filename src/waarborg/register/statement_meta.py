"""Facts about the published statement itself."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from waarborg.register._base import LocalText, Slug, StrictModel

Language = Literal["nl", "en"]
_BOTH: list[Language] = ["nl", "en"]


class ExtraSection(StrictModel):
    """A section the company wants in its statement that the model has no place for."""

    id: Slug
    title: LocalText
    text: LocalText | None = None


class ChangeNotice(StrictModel):
    by_email: bool = False
    on_website: bool = True
    description: LocalText | None = None


class StatementMeta(StrictModel):
    title: LocalText | None = None
    version: str
    effective_date: date
    languages: list[Language] = Field(default_factory=lambda: _BOTH.copy(), min_length=1)
    url: str | None = None
    intro: LocalText | None = None
    changes: ChangeNotice = ChangeNotice()
    sections: list[ExtraSection] = Field(default_factory=list)
