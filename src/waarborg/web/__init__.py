"""FastAPI: the JSON API, the public pages, the privacy centre and the admin console.

``create_app(settings, store=store, sites=[open_site(store, register)])`` builds
the application; ``waarborg serve`` and ``waarborg demo`` run it under uvicorn.
"""

from waarborg.web.app import ROUTERS, create_app
from waarborg.web.site import Site, Sites, open_site

__all__ = ["ROUTERS", "Site", "Sites", "create_app", "open_site"]
