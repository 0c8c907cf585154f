"""Shared building blocks for the register models."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$", max_length=80),
]
"""Identifier used in the register: lower case, digits and hyphens (``order-handling``)."""

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class StrictModel(BaseModel):
    """Unknown keys are errors: a typo in the register must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class LocalText(StrictModel):
    """A text a person reads, in Dutch and English; a plain string is Dutch."""

    nl: str | None = None
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_dutch(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"nl": value}
        return value

    def get(self, lang: str) -> str:
        """The text in ``lang``; the register validator guarantees it exists."""
        text = self.nl if lang == "nl" else self.en
        if text is None:
            raise KeyError(f"no {lang} text")
        return text

    def languages(self) -> set[str]:
        return {lang for lang in ("nl", "en") if getattr(self, lang) is not None}

    def texts(self) -> list[str]:
        return [t for t in (self.nl, self.en) if t is not None]


class LocalName(LocalText):
    """A name such as 'Mollie': a plain string stands for every language."""

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_dutch(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"nl": value, "en": value}
        return value
