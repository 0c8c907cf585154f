"""A separate process that erases one person and reports each system as it commits;
``test_resume`` kills it with SIGKILL halfway.

    python -m tests.rights.erase_child '<json: register, systems, env, store, email>'
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping

from tests.rights.helpers import SECRET
from tests.rights.ledger import RecordingLedger
from tests.shops import TODAY
from waarborg.register import load_register
from waarborg.rights.execute import Fulfilment
from waarborg.store import Store
from waarborg.systems import load_systems
from waarborg.systems.apply import Changes
from waarborg.systems.found import Identity


def main(config: Mapping[str, str]) -> None:
    register = load_register(config["register"])
    systems = load_systems(config["systems"], register)
    store = Store(config["store"])
    store.upgrade()
    organisation = store.ensure_organisation(register.organisation.name)
    service = Fulfilment.open(
        register,
        systems,
        json.loads(config["env"]),
        store=store,
        ledger=RecordingLedger(organisation, SECRET),
        secret=SECRET,
        organisation_id=organisation,
        today=TODAY,
    )

    def report(system: str, changes: Mapping[str, Changes]) -> None:
        print(f"done {system}", flush=True)

    outcome = service.erase([Identity("email", config["email"])], progress=report)
    print(f"finished resumed={outcome.resumed}", flush=True)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
