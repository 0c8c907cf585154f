"""Debian's Chromium driven by Playwright, with the flags the cookie scanner uses."""

from __future__ import annotations

from waarborg.consent.scanner import CHROMIUM, CHROMIUM_ARGS

__all__ = ["CHROMIUM", "CHROMIUM_ARGS"]
