"""Admin1 is compared through ACLED's spellings: the gold files themselves use two."""

from __future__ import annotations

import pytest

from rasid.evaluate.scores import same_admin1
from rasid.understand.places import canonical_admin1


@pytest.mark.parametrize(
    ("written", "acled"),
    [("Daraa", "Dar'a"), ("Al-Qadissiya", "Al-Qadisiyah"), ("Al-Hasakeh", "Al-Hasakah"), ("Hama", "Hama")],
)
def test_spellings_map_to_acled_names(written: str, acled: str) -> None:
    assert canonical_admin1(written) == acled


def test_unknown_names_are_kept_and_distinct_divisions_differ() -> None:
    assert canonical_admin1("Atlantis") == "Atlantis"
    assert not same_admin1("Hama", "Homs")
    assert not same_admin1("Hama", None)
    assert same_admin1(None, None)
    assert same_admin1("Daraa", "Dar'a")
