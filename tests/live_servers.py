"""Real server processes for the tests that need them: a throw-away PostgreSQL cluster of the
test's own (initdb + pg_ctl) and gunicorn serving the site. Used by the database outage test
(tests/hardening) and the scale-out test (tests/scaling)."""

import contextlib
import glob
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
CLUSTER_PREFIX = "mission-pg-outage-"
# A cluster left behind by a run that was killed is stopped and removed by the next run, once
# it is surely not another run's (a run takes well under a minute).
STALE_AFTER_SECONDS = 15 * 60


def require(condition, reason):
    if condition:
        return
    if os.environ.get("REQUIRE_BROWSER_TESTS") or os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: this test of real server processes is required in CI")
    pytest.skip(f"{reason}: test of real server processes skipped")


def postgres_bindir():
    """The directory of initdb and pg_ctl: pg_config's, or the newest of Debian's."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(result.stdout.strip())
    debian = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted(debian, key=lambda path: int(re.sub(r"\D", "", path) or 0), reverse=True)
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb")).parent))
    for directory in candidates:
        if directory and all(os.access(Path(directory) / tool, os.X_OK) for tool in ("initdb", "pg_ctl")):
            return Path(directory)
    return None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster in a temporary directory, run by pg_ctl.

    PostgreSQL refuses to run as root: as root (CI), its programs run as the `postgres` user.
    """

    def __init__(self, bindir, base):
        self.bindir = bindir
        self.base = base
        self.data = base / "data"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, *args, check=True):
        return subprocess.run(
            [*self.as_postgres, *args], capture_output=True, text=True, check=check, timeout=60
        )

    def init(self):
        self.run(
            self.bindir / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip

    def start(self):
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(self.bindir / "pg_ctl", "-D", self.data, "-l", self.base / "server.log", "-o", options,
                 "-w", "-t", "30", "start")  # fmt: skip

    def stop(self, mode="fast", check=True):
        return self.run(self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=check)


def remove_cluster(bindir, base, as_postgres):
    if (base / "data" / "postmaster.pid").exists():
        subprocess.run(
            [*as_postgres, bindir / "pg_ctl", "-D", base / "data", "-m", "immediate", "-w", "stop"],
            capture_output=True,
            check=False,
            timeout=60,
        )
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def throwaway_cluster():
    bindir = postgres_bindir()
    require(bindir is not None, "PostgreSQL's initdb and pg_ctl are not installed")
    if os.geteuid() == 0:
        require(shutil.which("runuser"), "runuser is missing (PostgreSQL cannot run as root)")
        try:
            postgres_user = pwd.getpwnam("postgres")
        except KeyError:
            postgres_user = None
        require(postgres_user is not None, "there is no postgres user to run PostgreSQL as")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    for stale in Path(tempfile.gettempdir()).glob(f"{CLUSTER_PREFIX}*"):
        if time.time() - stale.stat().st_mtime > STALE_AFTER_SECONDS:
            remove_cluster(bindir, stale, as_postgres)

    base = Path(tempfile.mkdtemp(prefix=CLUSTER_PREFIX))
    if os.geteuid() == 0:
        os.chown(base, postgres_user.pw_uid, postgres_user.pw_gid)
    cluster = Cluster(bindir, base)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        remove_cluster(bindir, base, as_postgres)


def site_environment(cluster):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "SEARCH_URL", "TASKS_BACKEND"}
    }
    environment.update(
        DATABASE_URL=cluster.url,
        DJANGO_SETTINGS_MODULE="mission_site.settings.test",
        # The production value (mission_site/settings/production.py): connections outlive requests,
        # so the server holds connections that the outage breaks. Health checks are always on.
        CONN_MAX_AGE="60",
    )
    return environment


def run_manage(environment, *args):
    """`manage.py args` in a process of its own with exactly `environment`; its CompletedProcess."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def manage(environment, *args):
    result = run_manage(environment, *args)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


@contextlib.contextmanager
def gunicorn(environment, log_path, workers=2, ready_path="/"):
    """gunicorn serving the site with this environment on a free port, until the block ends;
    it counts as started once `ready_path` answers 200."""
    port = free_port()
    log = open(log_path, "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "gunicorn", "mission_site.wsgi", "--workers", str(workers), "--timeout", "30",
         "--bind", f"127.0.0.1:{port}"],
        cwd=PROJECT_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    server.url = f"http://127.0.0.1:{port}"
    server.log_path = log_path
    try:
        wait_until_answering(server, server.url + ready_path, log_path, "gunicorn", expected=200)
        yield server
    finally:
        stop_process_group(server)
        log.close()


def wait_until_answering(process, url, log_path, name, expected=None):
    """Return once `url` answers (with status `expected` when given); fail with the end of the
    process's log if it exits or 30 s pass."""
    deadline = time.monotonic() + 30
    while (status := get(url)[0]) is None or (expected is not None and status != expected):
        assert process.poll() is None, f"{name} exited:\n{log_path.read_text()[-4000:]}"
        assert time.monotonic() < deadline, f"{name} did not answer:\n{log_path.read_text()[-4000:]}"
        time.sleep(0.1)


def stop_process_group(process):
    """SIGTERM to the process group started with start_new_session, SIGKILL after 10 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def site_server(throwaway_cluster):
    """gunicorn with two workers, serving the site from the throw-away cluster."""
    environment = site_environment(throwaway_cluster)
    manage(environment, "migrate", "--noinput")
    manage(
        environment,
        "shell",
        "-c",
        "from home.demo import load_mission_pages; load_mission_pages()",
    )
    with gunicorn(environment, throwaway_cluster.base / "gunicorn.log") as server:
        yield server


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url, data=None, headers=None):
    """(status, headers, body) of a GET, or of a POST when data is given; never follows redirects."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    # Only ever the test server's http:// URL.
    request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return None, {}, ""


def worker_pids(server):
    return set(Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split())


def post_with_csrf(url, fields):
    """A form POST that passes the CSRF check, so that the view itself answers."""
    token = secrets.token_hex(16)  # 32 characters: a valid unmasked CSRF secret
    return get(url, {**fields, "csrfmiddlewaretoken": token}, {"Cookie": f"csrftoken={token}"})
