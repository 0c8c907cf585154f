"""Shielded ID copies, only where the register asks for one, stored encrypted.

AP guidance ("Kopie van uw ID-bewijs"): ask for a copy of an ID only when there is
no less intrusive way, and then only a shielded one (BSN and photo made
invisible). waarborg takes one only where ``rights.verification.id_copy.required``,
accepts JPEG, PNG or PDF up to ``MAX_BYTES``, encrypts it at rest (Fernet, key
derived from the installation secret), lets the privacy contact read it through
:func:`read_copy` (audit-logged by the caller), and deletes it when the request
closes (:func:`waarborg.rights.workflow.close`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from pathlib import Path

from cryptography.fernet import Fernet

from waarborg._exceptions import InputError
from waarborg.i18n import N_
from waarborg.rights.workflow_links import Desk

MAX_BYTES = 5 * 1024 * 1024
MAGIC = {
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
    "application/pdf": b"%PDF-",
}


def media_type(data: bytes) -> str:
    """The kind of file ``data`` is, by its first bytes; InputError for anything else."""
    if not data:
        raise InputError.translatable(N_("add a shielded copy of your ID"), field="id_copy")
    if len(data) > MAX_BYTES:
        raise InputError.translatable(
            N_("the copy of your ID may be at most 5 MB"), field="id_copy"
        )
    for kind, magic in MAGIC.items():
        if data.startswith(magic):
            return kind
    raise InputError.translatable(
        N_("the copy of your ID must be a JPEG, PNG or PDF file"), field="id_copy"
    )


def _fernet(secret: bytes) -> Fernet:
    key = hmac.new(secret, b"waarborg.id-copy", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def copy_file(desk: Desk, ref: str) -> Path:
    return desk.package_dir.parent / "id-copies" / f"{ref}.bin"


def store_copy(desk: Desk, ref: str, data: bytes) -> str:
    """Encrypt and keep the copy for request ``ref``; returns its media type."""
    kind = media_type(data)
    path = copy_file(desk, ref)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(_fernet(desk.secret).encrypt(data))
    partial.chmod(0o600)
    partial.replace(path)
    return kind


def read_copy(desk: Desk, ref: str) -> bytes | None:
    """The decrypted copy, for the privacy contact; None when there is none (any more)."""
    path = copy_file(desk, ref)
    if not path.exists():
        return None
    return _fernet(desk.secret).decrypt(path.read_bytes())


def remove_copy(desk: Desk, ref: str) -> None:
    copy_file(desk, ref).unlink(missing_ok=True)
