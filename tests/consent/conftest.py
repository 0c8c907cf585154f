"""The web app fixtures of tests/web (two organisations, a key each), for consent tests."""

from tests.web.conftest import served, sqlite_served

__all__ = ["served", "sqlite_served"]
