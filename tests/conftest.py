from collections import Counter

import pytest
from django.core.cache import caches
from django.test import override_settings

from home.demo import load_mission_pages

# Real server processes (throw-away PostgreSQL cluster, gunicorn, varnishd) for the tests that need them.
pytest_plugins = ["tests.live_servers", "tests.varnish"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: rate-limit counters and visit digests of one test
    must not spill into the next (they share the process's local-memory cache)."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session", autouse=True)
def media_root_of_the_run(django_test_environment, tmp_path_factory):
    """Uploads go to a folder of this run and this process: `make test` runs the suite in several
    processes (pytest-xdist), and the upload tests compare the files present before and after,
    which the uploads of another worker, or of another run in the same checkout, would upset."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture
def mission_site(db):
    """The home page and the mission pages of the demo content."""
    home, pages = load_mission_pages()
    return home, pages


# What the end-of-run sections print. Under pytest-xdist the tests run in worker processes: each
# worker hands its part to the controller (`workeroutput`), which prints the whole.
ACCESSIBILITY_REPORT = pytest.StashKey[dict]()  # position of the test in the run -> its lines
HOSTILE_REQUESTS = pytest.StashKey[Counter]()  # the hostile-input suite's requests: GET, POST, 5xx


@pytest.fixture
def accessibility_report(request):
    """Lines for the « accessibility report » section printed at the end of the run: the pages
    checked and what the checkers found, even when the tests pass. Printed in the order of the
    tests, whichever process ran them."""
    reports = request.config.stash.setdefault(ACCESSIBILITY_REPORT, {})
    return reports.setdefault(request.session.items.index(request.node), [])


@pytest.fixture
def hostile_report(request):
    """Counts the requests the hostile-input suite sends, by method, and those answered 5xx; the
    figures are printed at the end of the run (`.ci/run` shows them)."""
    return HostileReport(request.config.stash.setdefault(HOSTILE_REQUESTS, Counter()))


class HostileReport:
    def __init__(self, counts):
        self.counts = counts

    def record(self, method, response):
        self.counts[method] += 1
        if response.status_code >= 500:
            self.counts["5xx"] += 1


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker
        stash = session.config.stash
        workeroutput["accessibility_report"] = [
            [position, lines] for position, lines in stash.get(ACCESSIBILITY_REPORT, {}).items()
        ]
        workeroutput["hostile_requests"] = dict(stash.get(HOSTILE_REQUESTS, Counter()))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """xdist's controller: gathers what a worker collected for the end-of-run sections."""
    output = getattr(node, "workeroutput", None) or {}
    reports = node.config.stash.setdefault(ACCESSIBILITY_REPORT, {})
    for position, lines in output.get("accessibility_report", []):
        reports[position] = lines
    node.config.stash.setdefault(HOSTILE_REQUESTS, Counter()).update(output.get("hostile_requests", {}))


def pytest_terminal_summary(terminalreporter, config):
    reports = config.stash.get(ACCESSIBILITY_REPORT, {})
    lines = [line for position in sorted(reports) for line in reports[position]]
    if lines:
        terminalreporter.section("accessibility report")
        for line in lines:
            terminalreporter.write_line(line)
    counts = config.stash.get(HOSTILE_REQUESTS, Counter())
    if counts["GET"] or counts["POST"]:
        terminalreporter.section("hostile-input suite")
        terminalreporter.write_line(
            f"{counts['GET'] + counts['POST']:,} hostile requests: {counts['POST']:,} POST, "
            f"{counts['GET']:,} GET; {counts['5xx']} answered 5xx (failures)"
        )


@pytest.fixture
def reference_date(db):
    """Sets the site's reference date (home.MissionSettings, read by home/clock.py): the day the
    site is read at, for tests whose content is dated in 2012."""

    def set_reference_date(day):
        from wagtail.models import Site

        from home.models import MissionSettings

        mission_settings = MissionSettings.for_site(Site.objects.get(is_default_site=True))
        mission_settings.reference_date = day
        mission_settings.save()

    return set_reference_date
