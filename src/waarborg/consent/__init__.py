"""Consent with proof: records (:mod:`.records`), the cookie banner (:mod:`.banner`,
:mod:`.choices`), the newsletter and marketing preferences (:mod:`.newsletter`,
:mod:`.channels`, :mod:`.links`) and the cookie scanner (:mod:`.scanner`,
:mod:`.scan_report`). The web routes that use them live in ``waarborg.web``."""
