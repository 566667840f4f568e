"""``/docs``: the interactive API documentation, served whole by this server so it works offline.

FastAPI's default page loads Swagger UI from a CDN. Here its script and
style come from the ``swagger-ui-py`` package (the Swagger UI distribution,
Apache-2.0, shipped with its licence) through ``/docs/assets/``, and the
page's one inline script is allowed by its SHA-256 hash, so the docs CSP
names no other host and needs no ``'unsafe-inline'`` for scripts. Only the
three files the page uses are served, never the package folder.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from functools import cache
from pathlib import Path

from fastapi import FastAPI, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from rasid.serve.errors import not_found

DOCS_URL = "/docs"
ASSETS_URL = "/docs/assets/"
OPENAPI_URL = "/openapi.json"
TITLE = "rasid API"
ASSETS = {"swagger-ui-bundle.js": "text/javascript; charset=utf-8", "swagger-ui.css": "text/css; charset=utf-8",
          "favicon-32x32.png": "image/png"}
# No online validator badge: it would fetch from a third-party host.
PARAMETERS = {"validatorUrl": None}
MISSING = ("<!DOCTYPE html><title>rasid API</title><p>The interactive documentation needs Swagger UI: "
           "<code>pip install 'rasid[serve]'</code>. The schema itself is at <a href=\"/openapi.json\">"
           "/openapi.json</a>.</p>")


@cache
def assets_dir() -> Path | None:
    """Swagger UI's files inside the installed ``swagger_ui`` package (found without importing it)."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "static"
    return folder if all((folder / name).is_file() for name in ASSETS) else None


def page() -> str:
    """The docs page: FastAPI's Swagger UI page pointed at the local assets."""
    if assets_dir() is None:
        return MISSING
    response = get_swagger_ui_html(
        openapi_url=OPENAPI_URL, title=TITLE, swagger_js_url=ASSETS_URL + "swagger-ui-bundle.js",
        swagger_css_url=ASSETS_URL + "swagger-ui.css", swagger_favicon_url=ASSETS_URL + "favicon-32x32.png",
        swagger_ui_parameters=PARAMETERS)
    return bytes(response.body).decode()


def csp(html: str) -> bytes:
    """A CSP for ``html``: everything from this server, its inline scripts by hash.

    Swagger UI sets style attributes from script, hence ``'unsafe-inline'`` for styles only; its icons
    are inline SVG and ``data:`` images.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL))
    return (f"default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            "base-uri 'none'; form-action 'self'").replace("  ", " ").encode()


PAGE = page()
CSP = csp(PAGE)


def install(app: FastAPI) -> None:
    """Add ``/docs`` and its assets to an app made with ``docs_url=None``."""

    @app.get(DOCS_URL, include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(PAGE, status_code=200 if assets_dir() else 503)

    @app.get(ASSETS_URL + "{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        folder = assets_dir()
        if name not in ASSETS or folder is None:
            raise not_found("file")
        return FileResponse(folder / name, media_type=ASSETS[name],
                            headers={"cache-control": "public, max-age=86400"})
