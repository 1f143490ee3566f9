import pytest

from factcheck_app.domain.errors import InvalidSourceUrl
from factcheck_app.domain.urls import validate_source_url


@pytest.mark.parametrize(
    "url",
    ["https://example.org/report", "http://mfa.gov.tr/x?y=1", "  HTTPS://Example.org/a  "],
)
def test_http_and_https_are_accepted(url: str) -> None:
    assert validate_source_url(url) == url.strip()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "\tjavascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "VBScript:msgbox(1)",
        "ftp://example.org/file",
        "example.org/no-scheme",
        "https://",
        "",
        "https://exa mple.org",
    ],
)
def test_everything_else_is_refused_with_a_reason(url: str) -> None:
    with pytest.raises(InvalidSourceUrl) as error:
        validate_source_url(url)
    assert str(error.value)
