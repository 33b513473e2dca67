"""httpInfrastructure.quirks.json: the operations of httpInfrastructure.json in the shapes of AutoRest's "quirks"
variant, driven by the tests of test_http_infrastructure.py (imported, so collected again here
with this GROUP) against the same routes."""

from __future__ import annotations

import test_http_infrastructure as base
from test_http_infrastructure import *  # noqa: F401,F403

GROUP = "httpInfrastructure.quirks"

KNOWN_GAPS: dict[str, str] = dict(getattr(base, "KNOWN_GAPS", {}))
KNOWN_GAPS.update(
    {
        "test_default_a_400_none": (
            "known gap: a `default` that is the operation's only answer is read as its success answer; a 400 is an ApiError whose body is not parsed with the default's schema (A)"
        ),
    }
)
