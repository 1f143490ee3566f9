"""A host's IDNA form is worked out once, not for every address on it: a ClaimReview export
checks the fact-check address of each of its claims, all on the publisher's host, and
IDNA's nameprep of that same host was four fifths of the check (`export --all --format
claimreview` took twice as long as HTML on a year's workspace)."""

from __future__ import annotations

import pytest

from factcheck_app.domain import urls
from factcheck_app.domain.errors import InvalidSourceUrl


def test_the_same_host_is_prepared_once(monkeypatch: pytest.MonkeyPatch) -> None:
    prepared: list[str] = []
    real = urls.nameprep

    def nameprep(label: str) -> str:
        prepared.append(label)
        return real(label)

    monkeypatch.setattr(urls, "nameprep", nameprep)
    for number in range(1, 51):
        url = f"https://checks.once-per-host.example/budget-vote#claim-{number}"
        assert urls.normalize_url(url) == url

    assert prepared.count("once-per-host") <= 1


def test_a_host_refused_is_refused_every_time() -> None:
    for _ in range(2):  # not remembered as good
        with pytest.raises(InvalidSourceUrl, match="invisible character"):
            urls.normalize_url("https://exa\u2067mple-once.org/a")
