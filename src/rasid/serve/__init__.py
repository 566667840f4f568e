"""The REST API over the corpus store: :func:`create_app` builds it, ``rasid serve`` runs it."""

from rasid.serve.app import create_app

__all__ = ["create_app"]
