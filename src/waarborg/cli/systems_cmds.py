"""`waarborg systems …`: write, check and explore the systems map."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from waarborg._exceptions import InputError
from waarborg.cli._app import app, say, state
from waarborg.register import Register, load_register
from waarborg.systems import SystemsMap, load_systems
from waarborg.systems.connect import Connector, system_url
from waarborg.systems.discover import discover
from waarborg.systems.presets import preset_map, render_preset

systems_app = typer.Typer(
    help="The systems map: which databases hold personal data, and where.",
    no_args_is_help=True,
)
app.add_typer(systems_app, name="systems")

RegisterOption = Annotated[
    Path | None,
    typer.Option("--register", help="The register (default: ./register.yaml)."),
]
SystemsOption = Annotated[
    Path | None,
    typer.Option("--systems", help="The systems map (default: systems.yaml next to the register)."),
]


class Storage(StrEnum):
    both = "both"
    hpos = "hpos"
    legacy = "legacy"


class Preset(StrEnum):
    woocommerce = "woocommerce"
    whmcs = "whmcs"


def register_path(register: Path | None) -> Path:
    settings = state.settings()
    return register or settings.register_path or Path("register.yaml")


def systems_path(systems: Path | None, register: Path) -> Path:
    settings = state.settings()
    return systems or settings.systems_path or register.parent / "systems.yaml"


def load_both(register: Path | None, systems: Path | None) -> tuple[Register, SystemsMap]:
    """The register and the systems map checked against it."""
    chosen = register_path(register)
    loaded = load_register(chosen)
    return loaded, load_systems(systems_path(systems, chosen), loaded)


@systems_app.command("init")
def init(
    preset: Annotated[Preset, typer.Option("--preset", help="The software the database is of.")],
    prefix: Annotated[
        str | None, typer.Option("--prefix", help="Table prefix (WooCommerce; default wp_).")
    ] = None,
    register: Annotated[
        Path | None,
        typer.Option("--register", help="Pick activity ids from this register."),
    ] = None,
    url_env: Annotated[
        str | None,
        typer.Option("--url-env", help="Environment variable that will hold the database URL."),
    ] = None,
    storage: Annotated[
        Storage,
        typer.Option(
            "--storage", help="WooCommerce order storage: both (compatibility mode), hpos, legacy."
        ),
    ] = Storage.both,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of to the screen.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a systems map for WooCommerce or WHMCS, to review and adapt."""
    loaded = load_register(register) if register else None
    data, notes = preset_map(
        preset.value, prefix=prefix, register=loaded, url_env=url_env, storage=storage.value
    )
    text = render_preset(data, notes, preset.value)
    if output is None:
        typer.echo(text, nl=False)
        return
    if output.exists() and not force:
        raise InputError("the output file exists; use --force to overwrite it", field="output")
    output.write_text(text, encoding="utf-8")
    say("{path}: systems map for {preset} written", path=str(output), preset=preset.value)
    for note in notes:
        say("note: {note}", note=note)


@systems_app.command("validate")
def validate(
    register: RegisterOption = None,
    systems: SystemsOption = None,
    connect: Annotated[
        bool,
        typer.Option("--connect", help="Also open every database and check tables and columns."),
    ] = False,
) -> None:
    """Check the systems map against the register (and, with --connect, the databases)."""
    _, loaded = load_both(register, systems)
    if connect:
        for system_id in loaded.systems:
            Connector.open(loaded, system_id, os.environ).dispose()
    tables = sum(len(s.tables) for s in loaded.systems.values())
    say(
        "{path}: valid systems map with {systems} system(s) and {tables} table(s)",
        path=loaded.source_file,
        systems=len(loaded.systems),
        tables=tables,
    )


@systems_app.command("discover")
def discover_cmd(
    register: RegisterOption = None,
    systems: SystemsOption = None,
    sample: Annotated[int, typer.Option("--sample", help="Rows sampled per table.")] = 200,
    threshold: Annotated[
        float, typer.Option("--threshold", help="Share of values that must match (0-1).")
    ] = 0.5,
) -> None:
    """Find columns holding personal data that the systems map does not mention.

    Values are sampled but never shown; the report gives only counts.
    """
    _, loaded = load_both(register, systems)
    found = 0
    for system_id, system in loaded.systems.items():
        url = system_url(loaded, system_id, os.environ)
        for finding in discover(system_id, system, url, sample=sample, threshold=threshold):
            found += 1
            if finding.matched:
                say(
                    "{place}: {kind} in {matched} of {sampled} sampled values; "
                    "suggested category {category}",
                    place=finding.place,
                    kind=finding.kind,
                    matched=finding.matched,
                    sampled=finding.sampled,
                    category=finding.category,
                )
            else:
                say(
                    "{place}: named like {kind}; suggested category {category}",
                    place=finding.place,
                    kind=finding.kind,
                    category=finding.category,
                )
    if not found:
        say("no unmapped personal data found")
    raise typer.Exit(1 if found else 0)
