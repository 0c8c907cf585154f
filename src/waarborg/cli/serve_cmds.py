"""`waarborg serve` and `waarborg demo`: the web server (uvicorn) over the library."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from waarborg.cli._app import app, say, state
from waarborg.register import load_register
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.systems.loader import load_systems
from waarborg.web import Site, create_app, open_site, server

HostOption = Annotated[
    str | None, typer.Option("--host", help="Address to listen on (default 127.0.0.1).")
]
PortOption = Annotated[int | None, typer.Option("--port", help="Port (default 8000).")]


def _run(settings: Settings, store: Store, sites: list[Site], host: str, port: int) -> None:
    server.serve(create_app(settings, store=store, sites=sites), host, port)


def _urls(base: str, site: Site) -> None:
    say("{name} is served at {base}", name=site.name, base=base)
    say("  privacy statement: {base}/privacy (English: {base}/en/privacy)", base=base)
    say("  privacy centre:    {base}/privacy-centre", base=base)
    say("  admin console:     {base}/admin", base=base)
    say("  API:               {base}/api (OpenAPI: {base}/api/openapi.json)", base=base)


@app.command()
def serve(
    register: Annotated[
        list[Path] | None,
        typer.Option(
            "--register",
            help="A register to serve; repeat for several organisations (the first is the "
            "default). Default: WAARBORG_REGISTER_PATH.",
        ),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help="URL of waarborg's own database.")] = None,
    host: HostOption = None,
    port: PortOption = None,
) -> None:
    """Serve the statement, privacy centre, admin console and API (migrates the store first)."""
    settings = state.settings(db_url=db)
    paths = register or ([settings.register_path] if settings.register_path else [])
    if not paths:
        raise typer.BadParameter("give --register PATH", param_hint="--register")
    registers = [load_register(path) for path in paths]
    store = Store.from_settings(settings)
    store.upgrade()
    sites = [open_site(store, loaded) for loaded in registers]
    if settings.systems_path is not None:
        # The systems map belongs to the first (default) register; the privacy centre
        # then carries out verified requests on its databases (URLs from the environment).
        systems = load_systems(settings.systems_path, registers[0])
        sites[0] = open_site(store, registers[0], systems, os.environ)
    bind_host, bind_port = host or settings.host, port or settings.port
    _urls(f"http://{bind_host}:{bind_port}", sites[0])
    _run(settings, store, sites, bind_host, bind_port)


@app.command()
def demo(host: HostOption = None, port: PortOption = None) -> None:
    """Serve Weservit's example register with a made-up business database (`make run`)."""
    from waarborg.demo import prepare_demo

    settings = state.settings()
    say("Preparing the demo in {path} …", path=str(settings.data_dir))
    prepared = prepare_demo(settings)
    bind_host, bind_port = host or settings.host, port or settings.port
    _urls(f"http://{bind_host}:{bind_port}", prepared.site)
    say("  business database: {path}", path=str(prepared.business_db))
    say("API key of the demo webshop (new at every start):")
    typer.echo(f"  {prepared.api_key}")
    login = prepared.login
    say("Admin console {url}/admin (new at every start):", url=f"http://{bind_host}:{bind_port}")
    say("  username {username}, password {password}", username=login.username,
        password=login.password)  # fmt: skip
    say("  TOTP secret {secret} (for an authenticator app, or: {uri})", secret=login.totp_secret,
        uri=login.uri)  # fmt: skip
    _run(settings, prepared.store, [prepared.site], bind_host, bind_port)
