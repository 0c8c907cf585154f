"""The canonical, normalised register as JSON.

Short forms are expanded (``legal_basis: consent`` becomes a mapping, retention
rules get every field, names get both languages), defaults are filled in, and
keys keep the model's order, so the same register always gives the same bytes.
The result loads again with :func:`waarborg.register.load_register` (JSON is
YAML) and exports to the identical bytes: it is what a statement version hashes.
"""

from __future__ import annotations

import json
from typing import Any

from waarborg.register import Register


def canonical_data(register: Register) -> dict[str, Any]:
    """The register as plain data; ``None`` values are left out (they are defaults)."""
    data: dict[str, Any] = register.model_dump(mode="json", exclude_none=True)
    return data


def canonical_json(register: Register) -> str:
    return json.dumps(canonical_data(register), ensure_ascii=False, indent=2) + "\n"
