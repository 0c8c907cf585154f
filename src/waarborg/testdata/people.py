"""Generated Dutch people whose data passes the validators a real shop would use.

Faker ``nl_NL`` gives good names, streets and cities, but some of its postcodes use
the letter pairs SA/SD/SS that PostNL never issues, half its phone numbers are not
valid and its IBAN bank codes are random letters. So postcodes, mobile numbers,
IBANs (real Dutch bank codes, correct mod-97 check digits) and BSNs (11-proef) are
built here, and phone numbers and IBANs are derived from the person's index so no
two people share one. Everything depends only on the seed and the index, so a
person can be regenerated on its own and a fixture is reproducible.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from faker import Faker
from stdnum import iban as stdnum_iban

BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ")
MAIL_DOMAINS = ("example.nl", "voorbeeld.nl", "mail.example.com", "post.example.org")
_POOL = 800
_BAD_PAIRS = ("SA", "SD", "SS")
_OCTETS = ((11, 223), (0, 255), (0, 255), (1, 254))


@dataclass(frozen=True)
class Person:
    """One generated customer; ``index`` is its place in the generated population."""

    index: int
    first_name: str
    last_name: str
    email: str
    phone: str
    street: str
    house_number: int
    postcode: str
    city: str
    iban: str
    bsn: str
    date_of_birth: date
    ip: str
    company: str | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def address_line(self) -> str:
        return f"{self.street} {self.house_number}"

    def traces(self) -> list[str]:
        """Values that identify this person on their own (for "no trace left" checks)."""
        return [self.email, self.phone, self.iban, self.bsn, self.ip]


@cache
def _pools(seed: int) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    firsts = [fake.first_name() for _ in range(_POOL)]
    lasts = [fake.last_name() for _ in range(_POOL)]
    streets = [fake.street_name() for _ in range(_POOL)]
    cities = [fake.city() for _ in range(_POOL)]
    companies = [fake.company() for _ in range(_POOL // 4)]
    return firsts, lasts, streets, cities, companies


def person(index: int, seed: int = 1) -> Person:
    """The ``index``-th person of the population generated with ``seed``."""
    firsts, lasts, streets, cities, companies = _pools(seed)
    rng = random.Random(seed * 1_000_003 + index)
    first, last = rng.choice(firsts), rng.choice(lasts)
    local = _ascii(f"{first}.{last}").lower().replace(" ", "")
    return Person(
        index=index,
        first_name=first,
        last_name=last,
        email=f"{local}.{index}@{rng.choice(MAIL_DOMAINS)}",
        phone=_mobile(index, seed),
        street=rng.choice(streets),
        house_number=rng.randint(1, 250),
        postcode=_postcode(rng),
        city=rng.choice(cities),
        iban=_iban(index, seed, rng),
        bsn=_bsn(rng),
        date_of_birth=date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 55)),
        ip=".".join(str(rng.randint(low, high)) for low, high in _OCTETS),
        company=rng.choice(companies) if rng.random() < 0.2 else None,
    )


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _postcode(rng: random.Random) -> str:
    while True:
        letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(2))
        if letters not in _BAD_PAIRS:
            return f"{rng.randint(1000, 9999)} {letters}"


def _mobile(index: int, seed: int) -> str:
    """06-1xxxxxxx … 06-5xxxxxxx, unique per index (up to 50 million people)."""
    number = (seed * 7_919 + index * 104_729) % 50_000_000
    return f"06-{10_000_000 + number:08d}"


def _iban(index: int, seed: int, rng: random.Random) -> str:
    account = f"{(seed * 1_000_000 + index) % 10**10:010d}"
    bban = rng.choice(BANKS) + account
    return "NL" + stdnum_iban.calc_check_digits("NL00" + bban) + bban


def _bsn(rng: random.Random) -> str:
    """Nine digits passing the 11-proef (weights 9..2 and -1)."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)
