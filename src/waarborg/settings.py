"""The one settings object.

Everything configurable lives here and reaches the code through constructors.
Nothing is read at import time: the CLI (or a test) builds a :class:`Settings`,
either directly or with :meth:`Settings.from_env`, and passes it down.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from waarborg._exceptions import ConfigurationError

ENV_PREFIX = "WAARBORG_"


class SmtpSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    host: str = "127.0.0.1"
    port: int = 25
    username: str | None = None
    password: SecretStr | None = None
    starttls: bool = False
    ssl: bool = False
    timeout_seconds: float = 10.0
    sender: str = "privacy@localhost"


class Settings(BaseModel):
    """Runtime configuration of one waarborg installation."""

    model_config = ConfigDict(frozen=True)

    data_dir: Path = Path("var")
    db_url: str | None = Field(
        default=None, description="waarborg's own store; defaults to SQLite in data_dir"
    )
    register_path: Path | None = None
    systems_path: Path | None = None
    secret_key: SecretStr | None = Field(
        default=None,
        description="signs links and keys identity hashes; generated into data_dir when unset",
    )
    base_url: str = "http://127.0.0.1:8000"
    host: str = "127.0.0.1"
    port: int = 8000
    language: Literal["nl", "en"] = "nl"
    smtp: SmtpSettings = SmtpSettings()
    jobs_backend: Literal["inline", "procrastinate"] = "inline"
    retention_sweep_interval_hours: float = 24.0
    verification_link_minutes: int = 60
    package_download_limit: int = 3
    package_ttl_days: int = 7
    admin_session_minutes: int = 30
    secure_cookies: bool = False
    node_modules: Path | None = Field(
        default=None,
        description="where `npm ci` installed the cookie banner library; default: the "
        "node_modules directory of the source checkout",
    )

    @property
    def store_url(self) -> str:
        return self.db_url or f"sqlite:///{(self.data_dir / 'waarborg.db').resolve()}"

    def secret(self) -> bytes:
        """The installation secret; created once in ``data_dir`` if none was configured."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value().encode()
        key_file = self.data_dir / "secret.key"
        if not key_file.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(48))
            key_file.chmod(0o600)
        return key_file.read_text().strip().encode()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``WAARBORG_*`` variables; explicit overrides win.

        ``WAARBORG_SMTP_HOST`` and friends fill the nested SMTP settings.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        smtp: dict[str, Any] = {}
        for key, raw in env.items():
            if not key.startswith(ENV_PREFIX):
                continue
            name = key[len(ENV_PREFIX) :].lower()
            if name.startswith("smtp_"):
                smtp[name[5:]] = raw
            elif name in cls.model_fields:
                values[name] = raw
        if smtp:
            values["smtp"] = smtp
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls.model_validate(values)
        except ValueError as exc:
            raise ConfigurationError(f"invalid WAARBORG_* setting: {exc}") from exc
