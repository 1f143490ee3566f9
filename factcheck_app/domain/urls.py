"""Source URL policy: only http and https addresses are ever stored or opened."""

from __future__ import annotations

from urllib.parse import urlsplit

from factcheck_app.domain.errors import InvalidSourceUrl

ALLOWED_SCHEMES = ("http", "https")


def validate_source_url(raw: str) -> str:
    """Return the cleaned URL, or raise InvalidSourceUrl saying why it is refused."""
    url = raw.strip()
    if not url:
        raise InvalidSourceUrl("A source needs a URL (http:// or https://).")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise InvalidSourceUrl("A source URL cannot contain spaces or control characters.")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"“{parts.scheme}:”" if parts.scheme else "no scheme"
        raise InvalidSourceUrl(
            f"Only http:// and https:// links can be sources; this one has {shown}."
        )
    if not parts.hostname:
        raise InvalidSourceUrl("The source URL has no host name (e.g. https://example.org/page).")
    return url
