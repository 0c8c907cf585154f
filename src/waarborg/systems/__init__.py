"""Reaching the company's own databases: the systems map, connectors, discovery.

``load_systems`` reads and checks ``systems.yaml``; :class:`Connector` opens one
system (SQLite, PostgreSQL, MySQL/MariaDB) and collects a person's rows by
walking the map's references; ``presets`` write maps for WooCommerce and WHMCS;
``discover`` finds personal data the map does not mention.
"""

from waarborg.systems.loader import load_systems, parse_systems
from waarborg.systems.model import (
    ColumnSpec,
    Erasure,
    Fixed,
    IdentitySpec,
    MetaSpec,
    Reference,
    System,
    SystemsMap,
    Table,
)

__all__ = [
    "ColumnSpec",
    "Erasure",
    "Fixed",
    "IdentitySpec",
    "MetaSpec",
    "Reference",
    "System",
    "SystemsMap",
    "Table",
    "load_systems",
    "parse_systems",
]
