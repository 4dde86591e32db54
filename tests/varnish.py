"""A real varnishd running deploy/varnish/default.vcl in front of a server of the test's own, for
the tests of what a shared cache does with the site's answers (tests/frontcache/test_varnish.py).

Skipped with a message when varnishd is not installed, unless REQUIRE_VARNISH=1 (.ci/run installs
Debian's varnish and sets it), where it fails. `make test` needs no Varnish.
"""

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.live_servers import free_port, stop_process_group, wait_until_answering

PROJECT_DIR = Path(__file__).resolve().parents[1]
VCL = PROJECT_DIR / "deploy" / "varnish" / "default.vcl"


def varnishd_binary():
    found = shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if os.access("/usr/sbin/varnishd", os.X_OK) else None
    )
    if found is None:
        if os.environ.get("REQUIRE_VARNISH") == "1":
            pytest.fail("varnishd is not installed, and REQUIRE_VARNISH=1 requires the Varnish tests")
        pytest.skip("varnishd is not installed (apt-get install varnish): Varnish tests skipped")
    return found


def vcl_for(backend_port):
    """The production VCL, with the backend address changed to this test's server."""
    text = VCL.read_text()
    assert '.port = "8000";' in text
    return text.replace('.port = "8000";', f'.port = "{backend_port}";')


@contextlib.contextmanager
def varnishd(backend_port, workdir):
    """varnishd in the foreground on a free port, until the block ends; `.url` is its address."""
    binary = varnishd_binary()
    workdir.mkdir(parents=True, exist_ok=True)
    vcl_path = workdir / "default.vcl"
    vcl_path.write_text(vcl_for(backend_port))
    port = free_port()
    log_path = workdir / "varnishd.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - Debian's varnishd and our arguments
        [binary, "-F", "-j", "none", "-n", str(workdir / "instance"), "-f", str(vcl_path),
         "-a", f"127.0.0.1:{port}", "-T", "none", "-s", "malloc,64m", "-p", "ban_lurker_sleep=0.01"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    process.url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(process, process.url + "/robots.txt", log_path, "varnishd")
        yield process
    finally:
        stop_process_group(process)
        log.close()


@pytest.fixture
def varnish(live_server, settings, tmp_path):
    """Varnish in front of pytest-django's live server, purged by Wagtail."""
    from urllib.parse import urlsplit

    with varnishd(urlsplit(live_server.url).port, tmp_path / "varnish") as process:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": process.url,
            }
        }
        yield process
