"""schemathesis over every operation of the OpenAPI schema, in-process, on real ingested articles.

Bounded (a few generated requests per operation) so that it runs in CI; ``bench/faults.py``'s
``web_report`` runs the same checks with many more examples. Checks: no 5xx, and every status code,
content type and response body is one the schema documents.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from bench_modules import load_bench

pytest.importorskip("schemathesis")

EXAMPLES = 8


@pytest.fixture(scope="module")
def faults() -> ModuleType:
    return load_bench("faults.py")


def test_no_server_errors_and_every_response_matches_the_schema(faults: ModuleType, db_copy: Path,
                                                                api_key: str) -> None:
    from rasid.serve import create_app

    app = create_app(db_copy, api_keys=[api_key], max_body_bytes=200_000)
    report = faults.schemathesis_run(app, EXAMPLES, headers={"X-API-Key": api_key})
    assert report["operations_tested"] >= 10
    assert {"GET /api/events", "POST /api/documents", "POST /api/events/{cluster_id}/review"} <= set(report["operations"])
    assert report["examples"] >= report["operations_tested"] * 2
    assert report["failures"] == {}, report["failure_samples"]
    assert faults.integrity(db_copy) == "ok"


def test_the_run_reports_a_server_error(faults: ModuleType, db_copy: Path) -> None:
    """The harness is not blind: a route that fails with a 500 is counted, by kind and operation."""
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/boom")
    def boom(n: int) -> dict[str, int]:
        return {"n": 1 // (n - n)}

    report = faults.schemathesis_run(app, 3)
    assert report["operations"] == ["GET /boom"]
    assert any(kind.startswith("Server error") and kind.endswith("@ GET /boom") for kind in report["failures"]), report["failures"]
