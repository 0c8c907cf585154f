"""`waarborg scan URL`: which cookies a site really sets, before and after consent."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from waarborg._exceptions import ConfigurationError, InputError
from waarborg.cli._app import app, say, state
from waarborg.cli.systems_cmds import register_path
from waarborg.consent.scan_report import assess, render_html, render_json
from waarborg.consent.scanner import CHROMIUM, scan_site
from waarborg.i18n import N_
from waarborg.register import load_register


@app.command("scan")
def scan(
    url: Annotated[str, typer.Argument(help="The site's address, e.g. https://www.example.nl/.")],
    pages: Annotated[
        int, typer.Option("--pages", min=1, max=200, help="How many of its pages to visit.")
    ] = 1,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the report: a .json or an .html file."),
    ] = None,
    register: Annotated[
        Path | None, typer.Option("--register", help="The register (default: register.yaml).")
    ] = None,
) -> None:
    """Visit the site in headless Chromium without and with consent; report every cookie,
    localStorage key and third-party request against the register.

    Exits with status 1 when something is wrong (undeclared, or set before consent).
    """
    if not url.startswith(("http://", "https://")):
        raise InputError("give an http:// or https:// address", field="url")
    if not CHROMIUM.exists():
        raise ConfigurationError(f"{CHROMIUM} is missing; install Debian's chromium package")
    loaded = load_register(register_path(register))
    before, after = scan_site(url, pages=pages)
    report = assess(loaded, url, before, after)
    if output is not None:
        text = render_json(report) if output.suffix == ".json" else render_html(report, state.lang)
        output.write_text(text, encoding="utf-8")
    say(
        N_("{url}: {pages} page(s), {before} thing(s) before consent, {after} after accepting"),
        url=url,
        pages=len(before.pages),
        before=len(before.seen),
        after=len(after.seen),
    )
    for finding in report.findings:
        say(N_("  {kind} {name}: {problem}"), kind=finding.kind, name=finding.name,
            problem=finding.message(state.lang))  # fmt: skip
    if not report.problems:
        say(N_("Nothing wrong found."))
    raise typer.Exit(1 if report.problems else 0)
