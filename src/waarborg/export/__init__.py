"""The register in other formats: canonical JSON, W3C DPV (JSON-LD, Turtle),
fideslang, and the Art. 30 table (xlsx, csv)."""

from collections.abc import Callable

from waarborg.export.canonical import canonical_data, canonical_json
from waarborg.export.dpv import dpv_graph, dpv_jsonld, dpv_turtle
from waarborg.export.fideslang import fideslang_manifest, fideslang_yaml
from waarborg.export.table import HEADERS, register_csv, register_rows, register_xlsx
from waarborg.register import Register

EXPORTS: dict[str, Callable[[Register], str | bytes]] = {
    "json": canonical_json,
    "dpv-jsonld": dpv_jsonld,
    "dpv-turtle": dpv_turtle,
    "fideslang": fideslang_yaml,
    "xlsx": register_xlsx,
    "csv": register_csv,
}

__all__ = [
    "EXPORTS",
    "HEADERS",
    "canonical_data",
    "canonical_json",
    "dpv_graph",
    "dpv_jsonld",
    "dpv_turtle",
    "fideslang_manifest",
    "fideslang_yaml",
    "register_csv",
    "register_rows",
    "register_xlsx",
]
