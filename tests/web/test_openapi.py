"""Schemathesis against /openapi.json: generated requests, valid and invalid, never
make a server error. Bounded (a few examples per operation) to stay fast."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error


# Schemathesis's own pytest plugin does not run under pytest 9, so each operation
# gets a hypothesis test of its own here.
SETTINGS = settings(max_examples=6, deadline=None, database=None, derandomize=True,
                    phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))


def test_no_server_errors(client):
    api = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:
        @SETTINGS
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(checks=[not_a_server_error])

        check()


def test_schema_lists_the_required_routes(client):
    paths = set(client.app.openapi()["paths"])
    assert {"/api/actors", "/api/actors/{actor_id}", "/api/events", "/api/documents/{doc_id}",
            "/api/graph", "/api/search"} <= paths
