"""The organisations one server serves: each a register, its compiled form and its row.

One installation may serve several companies; each is a :class:`Site`. The first
one is the default: ``/privacy`` and an API call without a
``Waarborg-Organisation`` header address it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from waarborg._exceptions import ConfigurationError, NotFoundError
from waarborg.decide import CompiledRegister, compile_register
from waarborg.register import Register
from waarborg.store import Store, organisation_slug
from waarborg.systems.model import SystemsMap


@dataclass(frozen=True)
class Site:
    slug: str
    organisation_id: int
    register: Register
    compiled: CompiledRegister
    systems: SystemsMap | None = None
    """The company's connected databases; without them requests wait for the privacy
    contact instead of being carried out by the ``handle-request`` job."""
    environ: Mapping[str, str] = field(default_factory=dict)
    """Where the systems map's ``url_env`` variables are looked up."""

    @property
    def name(self) -> str:
        return self.register.organisation.display_name()


def open_site(
    store: Store,
    register: Register,
    systems: SystemsMap | None = None,
    environ: Mapping[str, str] | None = None,
) -> Site:
    """The site for ``register``, its organisation created in the store on first use."""
    slug = organisation_slug(register.organisation.name)
    organisation_id = store.ensure_organisation(register.organisation.name, slug)
    return Site(
        slug,
        organisation_id,
        register,
        compile_register(register),
        systems,
        dict(environ or {}),
    )


class Sites:
    """Lookup by slug and by organisation id; the first site is the default."""

    def __init__(self, sites: Iterable[Site]):
        self._by_slug = {site.slug: site for site in sites}
        if not self._by_slug:
            raise ConfigurationError("serve at least one register")
        self.default = next(iter(self._by_slug.values()))
        self._by_org = {site.organisation_id: site for site in self._by_slug.values()}

    def __iter__(self) -> Iterator[Site]:
        return iter(self._by_slug.values())

    def get(self, slug: str | None) -> Site:
        if slug is None:
            return self.default
        found = self._by_slug.get(slug)
        if found is None:
            raise NotFoundError("no such organisation")
        return found

    def by_organisation(self, organisation_id: int) -> Site | None:
        return self._by_org.get(organisation_id)
