"""waarborg keeps the promises of a privacy statement.

The public API is what this module exports; modules whose names start with an
underscore are implementation details.
"""

from waarborg._exceptions import (
    AuthenticationError,
    ConfigurationError,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    Position,
    Problem,
    RateLimitedError,
    RegisterError,
    SourceError,
    StatementFileError,
    SystemsMapError,
    SystemUnavailableError,
    WaarborgError,
)
from waarborg.check import Finding, run_checks
from waarborg.register import Register, load_register, parse_register
from waarborg.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "AuthenticationError",
    "ConfigurationError",
    "ConflictError",
    "Finding",
    "InputError",
    "NotFoundError",
    "PermissionDeniedError",
    "Position",
    "Problem",
    "RateLimitedError",
    "Register",
    "RegisterError",
    "Settings",
    "SourceError",
    "StatementFileError",
    "SystemUnavailableError",
    "SystemsMapError",
    "WaarborgError",
    "__version__",
    "load_register",
    "parse_register",
    "run_checks",
]
