"""Fetching pages and feeds over HTTP(S), politely and within limits.

Every request names rasid in its User-Agent (``rasid/<version>``), gives up
after a timeout, and stops reading past a size limit: a news page is a few
hundred kilobytes, so anything far larger is not an article. Only ``http``
and ``https`` URLs are fetched (no ``file:`` or ``ftp:`` through this door).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from rasid import __version__

USER_AGENT = f"rasid/{__version__} (+https://github.com/rasid; news event extraction)"
TIMEOUT_S = 20.0
MAX_BYTES = 10 * 1024 * 1024
_CHUNK = 64 * 1024


class FetchError(RuntimeError):
    """A URL that could not be fetched, with the reason in one line."""


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    data: bytes


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Fetched:
    """GET ``url``; raises :class:`FetchError` on a bad scheme, HTTP error, timeout or oversize body."""
    if not is_url(url):
        raise FetchError(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers: Message = response.headers
            declared = headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url}: {int(declared):,} bytes is over the limit of {max_bytes:,}")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url}: more than {max_bytes:,} bytes; not read")
                chunks.append(chunk)
            return Fetched(response.geturl(), headers.get_content_type(), b"".join(chunks))
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchError(f"{url}: {error.reason}") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except OSError as error:
        raise FetchError(f"{url}: {error.strerror or error}") from None
