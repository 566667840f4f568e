"""The web dashboard at ``/``: our static files, the npm-installed map libraries, and the basemap.

Every file is served by name from an allow-list built once (our ``static/`` folder, a fixed
table of vendor files, the two boundary files), so no request path ever reaches the file
system: ``/static/../../etc/passwd`` is simply not a key. The vendor libraries (Leaflet,
Leaflet.markercluster) come from ``npm ci --prefix web``; when they are missing, ``/`` answers
a page naming that command instead of a broken map.

Nothing loads from the network unless a tile URL is configured (``RASID_TILE_URL``, e.g.
``https://tile.openstreetmap.org/{z}/{x}/{y}.png``); then, and only then, the dashboard page's
Content-Security-Policy also allows images from that host.

``/api/documents/{id}/figures`` adds what the store does not keep as spans (numbers and dates),
found again by the same pipeline stages that extracted them, so the article view can highlight them.
"""

from __future__ import annotations

import mimetypes
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rasid.serve.errors import json_response, not_found
from rasid.serve.settings import settings_of

router = APIRouter(include_in_schema=False)
api_router = APIRouter(tags=["documents"])

STATIC = Path(__file__).resolve().parent / "static"
INSTALL_COMMAND = "npm ci --prefix web"
# Public name under /vendor/ -> path inside node_modules. Only these are served.
VENDOR_FILES = {
    "leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "leaflet/images/layers.png": "leaflet/dist/images/layers.png",
    "leaflet/images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "leaflet/images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "leaflet/images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "leaflet/images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "markercluster/leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "markercluster/MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "markercluster/MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
}
BOUNDARIES = ("countries.geojson", "admin1.geojson")
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".json": "application/json", ".geojson": "application/geo+json", ".html": "text/html; charset=utf-8",
         ".png": "image/png", ".svg": "image/svg+xml"}

MISSING_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rasid: dashboard not installed</title></head>
<body><h1>The dashboard's map libraries are not installed</h1>
<p>rasid serves its web dashboard with Leaflet from the npm registry, installed next to the code.
Run this in the repository, then reload:</p>
<pre>{command}</pre>
<p>Looked in: <code>{where}</code>. The JSON API works without it: see <a href="/docs">/docs</a>.</p>
</body></html>
"""


def node_modules() -> Path:
    """Where ``npm ci --prefix web`` put the packages (``RASID_NODE_MODULES`` overrides)."""
    override = os.environ.get("RASID_NODE_MODULES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3] / "web" / "node_modules"


def vendor_missing(where: Path) -> list[str]:
    return [name for name, path in VENDOR_FILES.items() if not (where / path).is_file()]


@cache
def static_files() -> dict[str, Path]:
    """Our own files by their path under ``static/`` (the allow-list)."""
    return {p.relative_to(STATIC).as_posix(): p for p in STATIC.rglob("*") if p.is_file()}


def _type_of(name: str) -> str:
    suffix = Path(name).suffix
    return TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _file(path: Path, name: str, cache_control: str = "no-cache") -> Response:
    return Response(path.read_bytes(), media_type=_type_of(name), headers={"cache-control": cache_control})


def tile_url() -> str | None:
    """The configured tile URL template, when it is a plain http(s) URL with {z}, {x} and {y}."""
    value = os.environ.get("RASID_TILE_URL", "").strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc or not all(k in value for k in ("{z}", "{x}", "{y}")):
        raise ValueError(f"RASID_TILE_URL must be an http(s) URL with {{z}}, {{x}} and {{y}}: {value!r}")
    if any(c in value for c in "'\";, \n"):
        raise ValueError("RASID_TILE_URL must not contain quotes, commas, semicolons or spaces")
    return value


def tile_origin(url: str) -> str:
    """The CSP source for a tile template: ``https://{s}.tile.example.org`` -> ``https://*.tile.example.org``."""
    parts = urlsplit(url)
    host = parts.netloc.replace("{s}.", "*.")
    return f"{parts.scheme}://{host}"


@router.get("/")
def index() -> Response:
    where = node_modules()
    if vendor_missing(where):
        page = MISSING_PAGE.format(command=INSTALL_COMMAND, where=where)
        return Response(page, status_code=503, media_type="text/html; charset=utf-8")
    return _file(STATIC / "index.html", "index.html")


@router.get("/static/{name:path}")
def static(name: str) -> Response:
    path = static_files().get(name)
    if path is None:
        raise not_found("file")
    return _file(path, name)


@router.get("/vendor/{name:path}")
def vendor(name: str) -> Response:
    relative = VENDOR_FILES.get(name)
    path = node_modules() / relative if relative else None
    if path is None or not path.is_file():
        raise not_found("file")
    return _file(path, name, "public, max-age=86400")


@router.get("/boundaries/{name}")
def boundaries(name: str) -> Response:
    if name not in BOUNDARIES:
        raise not_found("file")
    data = resources.files("rasid.data").joinpath("boundaries").joinpath(name).read_bytes()
    return Response(data, media_type=_type_of(name), headers={"cache-control": "public, max-age=86400"})


@router.get("/dashboard/config.json")
def config(request: Request) -> Response:
    settings = settings_of(request)
    return json_response({"tile_url": tile_url(), "read_only": settings.read_only,
                          "boundaries": [f"/boundaries/{n}" for n in BOUNDARIES]})


@api_router.get("/api/documents/{doc_id}/figures",
                summary="Numbers and dates in a document's text, with their character spans")
def figures(request: Request, doc_id: str) -> Response:
    from rasid.pipeline import DEFAULT_STAGES, Pipeline
    from rasid.store.ingest import stored_document

    with settings_of(request).db() as conn:
        document = stored_document(conn, doc_id)
    if document is None:
        raise not_found("document")
    result = _figures_pipeline(Pipeline, DEFAULT_STAGES)(document)
    out: dict[str, list[dict[str, Any]]] = {
        "quantities": [{"start": q.span.start, "end": q.span.end, "text": q.text, "value": q.value,
                        "category": q.category} for q in result.quantities],
        "times": [{"start": t.span.start, "end": t.span.end, "text": t.text, "value": t.value,
                   "precision": t.precision} for t in result.times],
    }
    return json_response(out)


@cache
def _figures_pipeline(pipeline: Any, stages: Any) -> Any:
    """Only the stages numbers and dates need (a fraction of a full extraction)."""
    wanted = ("language", "normalize", "sentences", "quantities", "dates")
    return pipeline([s for s in stages if s.name in wanted])


class TileCSP:
    """Lets the dashboard page load images from the configured tile host, and nothing else changes."""

    def __init__(self, app: ASGIApp, origin: str) -> None:
        self.app = app
        self.origin = origin.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != "/":
            await self.app(scope, receive, send)
            return

        async def widened(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = []
                for key, value in message.get("headers", []):
                    if key.lower() == b"content-security-policy":
                        value = value + b"; img-src 'self' data: " + self.origin
                    headers.append((key, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, widened)


def install(app: FastAPI) -> None:
    """Add the dashboard to an app; call after the security middleware so the tile rule wraps it."""
    app.include_router(api_router)
    app.include_router(router)
    url = tile_url()
    if url:
        app.add_middleware(TileCSP, origin=tile_origin(url))
