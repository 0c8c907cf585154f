"""Bad systems maps and unreachable databases: clear errors that name the place."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.shops import ROOT, TODAY, bikes, business_url, woocommerce
from waarborg import SystemsMapError, SystemUnavailableError
from waarborg.register import load_register
from waarborg.systems import parse_systems
from waarborg.systems.collect import collect
from waarborg.systems.connect import Connector
from waarborg.systems.found import Identity
from waarborg.testdata.custom import custom_map

REGISTER = load_register(ROOT / "examples" / "weservit" / "register.yaml")
GOOD = """\
systems:
  shop:
    url_env: SHOP_URL
    tables:
      customers:
        primary_key: id
        activities: [account]
        identity: {email: email}
        columns: {email: email, name: naw}
        erasure: delete
      orders:
        primary_key: id
        activities: [order-handling]
        anchor: placed
        references: [{column: customer_id, to: customers.id}]
        columns: {ip: ip-address}
        erasure: {retain: fiscal, mask: {ip: truncate-ip}}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(SystemsMapError) as caught:
        parse_systems(text, REGISTER, "systems.yaml")
    return [p.render("en") for p in caught.value.problems]


def test_a_good_map_loads() -> None:
    systems = parse_systems(GOOD, REGISTER, "systems.yaml")
    orders = systems.systems["shop"].tables["orders"]
    assert orders.erasure.action == "retain" and orders.erasure.retain == "fiscal"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("name: naw", "name: nickname", "systems.yaml:9:39: unknown data category 'nickname'"),
        ("[order-handling]", "[orders]", "systems.yaml:13:22: unknown activity 'orders'"),
        ("retain: fiscal", "retain: tax", "systems.yaml:17:27: unknown retention obligation"),
        ("to: customers.id", "to: clients.id", "systems.yaml:15:48: reference to table 'clients'"),
        (
            "truncate-ip",
            "mask-ip",
            "systems.yaml:17:46: systems.shop.tables.orders.erasure.mask.ip",
        ),
        ("erasure: delete", "erasure: keep", "systems.yaml:10:18:"),
        ("url_env: SHOP_URL", "url_env: mysql://u:geheim@db/shop", "systems.yaml:3:14: url_env"),
        ("        anchor: placed\n", "", "systems.yaml:16:18: retained rows need an anchor"),
    ],
)
def test_each_problem_names_its_place(old: str, new: str, expected: str) -> None:
    found = problems(GOOD.replace(old, new))
    assert any(p.startswith(expected) for p in found), found
    assert not any("geheim" in p for p in found)


def test_a_reference_cycle_without_identity_is_named() -> None:
    text = GOOD + (
        "      a:\n        primary_key: id\n        activities: [account]\n"
        "        references: [{column: b_id, to: b.id}]\n        erasure: delete\n"
        "      b:\n        primary_key: id\n        activities: [account]\n"
        "        references: [{column: a_id, to: a.id}]\n        erasure: delete\n"
    )
    found = problems(text)
    assert any(
        p.startswith("systems.yaml:18:7: table 'a' cannot be reached") and "cycle" in p
        for p in found
    ), found
    assert any(p.startswith("systems.yaml:23:7: table 'b' cannot be reached") for p in found)


def test_a_map_in_dutch() -> None:
    with pytest.raises(SystemsMapError) as caught:
        parse_systems(GOOD.replace("[account]", "[acount]"), REGISTER, "systems.yaml")
    assert "onbekende activiteit 'acount'" in caught.value.render("nl")


def test_unknown_table_and_column_in_the_database(tmp_path: Path) -> None:
    with business_url("sqlite", tmp_path) as url:
        shop = woocommerce(url, customers=2)
        yaml = _shop_yaml(shop)
        broken = yaml.replace("wp_usermeta:", "wp_usermetta:", 1).replace(
            "display_name: {", "displayname: {", 1
        )
        systems = parse_systems(broken, shop.register, "systems.yaml")
        with pytest.raises(SystemsMapError) as caught:
            Connector.open(systems, "shop", shop.env)
        rendered = caught.value.render("en")
        assert "table 'wp_usermetta' is not in the database of system 'shop'" in rendered
        assert "column 'displayname' is not in table 'wp_users'" in rendered
        assert "systems.yaml:" in rendered


def _shop_yaml(shop: object) -> str:
    from waarborg.systems.presets import preset_map, render_preset

    data, notes = preset_map("woocommerce", register=shop.register)  # type: ignore[attr-defined]
    return render_preset(data, notes, "woocommerce")


def test_missing_variable_and_bad_url_name_the_url_env_line() -> None:
    systems = parse_systems(GOOD, REGISTER, "systems.yaml")
    with pytest.raises(SystemsMapError, match=r"systems.yaml:3:14: environment variable SHOP_URL"):
        Connector.open(systems, "shop", {})
    with pytest.raises(SystemsMapError, match="does not hold a database URL") as caught:
        Connector.open(systems, "shop", {"SHOP_URL": "oracle+nope://user:geheim@host/db"})
    assert "geheim" not in caught.value.render("en")


def test_unreachable_databases_fail_clearly(tmp_path: Path) -> None:
    systems = parse_systems(GOOD, REGISTER, "systems.yaml")
    with pytest.raises(SystemUnavailableError, match="system 'shop' cannot be reached"):
        Connector.open(systems, "shop", {"SHOP_URL": f"sqlite:///{tmp_path / 'missing.db'}"})
    assert not (tmp_path / "missing.db").exists()
    url = "postgresql+psycopg://nobody:geheim@127.0.0.1:1/none?connect_timeout=2"
    with pytest.raises(SystemUnavailableError) as caught:
        Connector.open(systems, "shop", {"SHOP_URL": url})
    assert "geheim" not in caught.value.render("nl")
    assert "niet bereikbaar" in caught.value.render("nl")


def test_a_database_that_goes_away_mid_request(tmp_path: Path) -> None:
    with business_url("sqlite", tmp_path) as url:
        shop = woocommerce(url, customers=2)
        connector = Connector.open(shop.systems, "shop", shop.env)
        with sa.create_engine(url).begin() as connection:
            connection.exec_driver_sql("DROP TABLE wp_users")
        with pytest.raises(SystemUnavailableError, match="system 'shop'"):
            collect(connector, [Identity("email", shop.data.person(0).email)])
        connector.dispose()
    assert TODAY.year == 2026


def test_a_not_null_date_masked_without_a_strategy_is_named(tmp_path: Path) -> None:
    with business_url("sqlite", tmp_path) as url:
        shop = bikes(url, customers=2)
        text = custom_map("account", "order-handling", "contact-form", "newsletter").replace(
            "columns: {ip: ip-address, at: account-activity}\n        erasure: delete",
            "columns: {ip: ip-address, at: account-activity}\n        erasure: mask",
        )
        systems = parse_systems(text, shop.register, "systems.yaml")
        with pytest.raises(SystemsMapError, match="column 'at' cannot be NULL"):
            Connector.open(systems, "bikes", shop.env)
        fixed = text.replace("erasure: mask", "erasure: {mask: {at: date-to-month}}")
        Connector.open(parse_systems(fixed, shop.register, "systems.yaml"), "bikes", shop.env)


EVENTS = GOOD.replace(
    "        columns: {email: email, name: naw}\n",
    "        columns: {email: email, name: naw}\n        events: {account-closed: id}\n",
)


def test_an_event_anchor_loads() -> None:
    systems = parse_systems(EVENTS, REGISTER, "systems.yaml")
    assert systems.systems["shop"].tables["customers"].events == {"account-closed": "id"}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "account-closed:",
            "acount-closed:",
            "systems.yaml:10:18: unknown retention anchor 'acount-closed'",
        ),
        ("account-closed: id", "account-closed: orders.id", "systems.yaml:10:34: events name"),
    ],
)
def test_event_anchor_problems_name_their_place(old: str, new: str, expected: str) -> None:
    found = problems(EVENTS.replace(old, new))
    assert any(p.startswith(expected) for p in found), found


def test_an_event_column_missing_from_the_database(tmp_path: Path) -> None:
    with business_url("sqlite", tmp_path) as url:
        shop = bikes(url, customers=2)
        text = custom_map("account", "order-handling", "contact-form", "newsletter")
        events = "        events: {account-closed: klant_id}\n"
        broken = text.replace("        erasure:\n", events + "        erasure:\n", 1)
        systems = parse_systems(broken, shop.register, "systems.yaml")
        with pytest.raises(SystemsMapError) as caught:
            Connector.open(systems, next(iter(systems.systems)), shop.env)
        assert "column 'klant_id' is not in table" in caught.value.render("en")
