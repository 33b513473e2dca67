"""body-string.quirks.json: the operations of body-string.json in the shapes of AutoRest's "quirks"
variant, driven by the tests of test_body_string.py (imported, so collected again here
with this GROUP) against the same routes."""

from __future__ import annotations

import test_body_string as base
from test_body_string import *  # noqa: F401,F403

GROUP = "body-string.quirks"

KNOWN_GAPS: dict[str, str] = dict(getattr(base, "KNOWN_GAPS", {}))
KNOWN_GAPS.update(
    {
        "test_get_not_provided": (
            "deliberate: an empty 200 body for a schema not declared nullable is an error, not None (AutoRest treats every response body as nullable; our return types stay non-optional)"
        ),
        "test_get_null_base64_url_encoded": (
            "deliberate: an empty 200 body for a schema not declared nullable is an error, not None (the quirks file drops the x-nullable the plain file has)"
        ),
    }
)
