"""How hard the property tests try (hypothesis examples per test).

The everyday and CI runs cap every property test at ``CAP`` examples so the
whole suite stays under two minutes on two cores; a thorough run asks for each
test's full count:

    ARGMAP_TEST_PROFILE=thorough python -m pytest tests/test_eval_encoding.py
"""

from __future__ import annotations

import os

__all__ = ["PROFILE", "CAP", "examples"]

PROFILE = os.environ.get("ARGMAP_TEST_PROFILE", "quick")
CAP = 200


def examples(wanted: int) -> int:
    """``wanted`` examples in a thorough run, at most ``CAP`` otherwise."""
    return wanted if PROFILE == "thorough" else min(wanted, CAP)
