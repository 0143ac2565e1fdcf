"""Shared test settings: in CI (``CI`` set) Hypothesis replays a fixed set of examples, so a
submission's result does not depend on luck; locally every run explores new examples."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
