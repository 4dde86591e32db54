"""Every public input gets the hostile corpus: never a 500, never a payload reflected unescaped.

Each feature adds its URLs and parameter names to TARGETS (one line each).
"""

from urllib.parse import quote

import pytest
from django.test import Client

from tests.hardening.hostile import HOSTILE_VALUES, REFLECTION_MARKERS

# (path, query-string parameter names the view reads)
TARGETS = [
    ("/", ["page", "q"]),
    ("/la-mission/", ["page"]),
    ("/plan-du-site/", ["page"]),
    ("/robots.txt", ["x"]),
    ("/sitemap.xml", ["p"]),
]

# Paths built from hostile values: routing must answer 4xx, never 500.
PATH_PREFIXES = ["/", "/la-mission/"]

RAW_QUERY_STRINGS = ["%ff%fe", "page=%ff", "%00=%00", "page=1&page=2&page=abc", "=&&==&", "page[]=1"]


def _assert_safe(response, value, where):
    assert response.status_code < 500, f"{where}: {response.status_code}"
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        html = response.content.decode("utf-8", "replace")
        for marker in REFLECTION_MARKERS:
            if marker in value:
                assert marker not in html, f"{where}: payload reflected unescaped"


@pytest.fixture
def hostile_client(mission_site):
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path, params", TARGETS, ids=[path for path, _ in TARGETS])
def test_query_strings(hostile_client, path, params, hostile_report):
    for name in params:
        for value in HOSTILE_VALUES:
            response = hostile_client.get(path, {name: value})
            hostile_report.append(path)
            _assert_safe(response, value, f"GET {path}?{name}={value[:40]!r}")
        for raw in RAW_QUERY_STRINGS:
            response = hostile_client.get(f"{path}?{raw}")
            hostile_report.append(path)
            _assert_safe(response, raw, f"GET {path}?{raw}")


@pytest.mark.parametrize("prefix", PATH_PREFIXES)
def test_paths(hostile_client, prefix, hostile_report):
    for value in HOSTILE_VALUES:
        if not value.strip("/"):
            continue
        path = prefix + quote(value, safe="") + "/"
        response = hostile_client.get(path)
        hostile_report.append(path)
        _assert_safe(response, value, f"GET {path[:60]!r}")
    for raw in ["%ff/", "%c0%af/", "%00/", "a%00b/"]:
        response = hostile_client.get(prefix + raw)
        hostile_report.append(prefix + raw)
        assert response.status_code < 500, f"GET {prefix + raw}: {response.status_code}"
