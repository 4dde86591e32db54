import pytest
from django.core.cache import cache

from home.demo import load_mission_pages

# Real server processes (throw-away PostgreSQL cluster, gunicorn) for the tests that need them.
pytest_plugins = ["tests.live_servers"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: rate-limit counters and visit digests of one test
    must not spill into the next (they share the process's local-memory cache)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mission_site(db):
    """The home page and the mission pages of the demo content."""
    home, pages = load_mission_pages()
    return home, pages


ACCESSIBILITY_REPORT = pytest.StashKey[list]()


@pytest.fixture
def accessibility_report(request):
    """Lines for the « accessibility report » section printed at the end of the run: the pages
    checked and what the checkers found, even when the tests pass."""
    return request.config.stash.setdefault(ACCESSIBILITY_REPORT, [])


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(ACCESSIBILITY_REPORT, [])
    if lines:
        terminalreporter.section("accessibility report")
        for line in lines:
            terminalreporter.write_line(line)
