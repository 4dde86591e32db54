"""Load benchmark of the production stack on PostgreSQL: 10,000 hearings, 200,000 comments.

Run by `bench/load`. Builds (or reuses) the database `bench_scale` with the demo content and
`bench/generate_scale_data.py`, collects the static files, starts gunicorn with the production
settings and Redis (the fragments, and the counters in a database of their own), and Varnish in
front of it as production runs it (deploy/varnish/default.vcl, only the backend address changed),
purged by Wagtail. Then loads it from this process with wrk on loopback: requests per second and
p50/p95 latency per page uncached (straight to gunicorn, a new query string each time) and cached
(through Varnish), a static file as gunicorn's ceiling, comment posts, and the memory of each
worker over 20,000 requests. Prints a table and PASS / NOT MET per target.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import redis
from benchdb import cpu_model, ensure_database

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
GUNICORN = str(BASE_DIR / ".venv" / "bin" / "gunicorn")
LUA = str(Path(__file__).resolve().parent / "load.lua")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_scale"
DEFAULT_REDIS = "redis://127.0.0.1:6379/11"
DEFAULT_REDIS_COUNTERS = "redis://127.0.0.1:6379/12"
VCL = BASE_DIR / "deploy" / "varnish" / "default.vcl"
HOST = "127.0.0.1"

# (label, path): the pages the issue lists. The combined filter: a sector, a status and a month.
PAGES = [
    ("Accueil", "/"),
    ("Auditions, 1re page", "/auditions/"),
    ("Auditions, filtre combiné", "/auditions/?secteur=musique&statut=realisee&mois=2012-11"),
    ("Audition, 500 commentaires", "/auditions/echelle-00001/"),
    ("Question, 2 000 commentaires", "/questions/consultation-a-grande-echelle/"),
    ("Recherche", "/recherche/?q=copie+priv%C3%A9e"),
    ("Chiffres clés", "/chiffres-cles/"),
]
UNCACHED_P95_MS = 100
POST_P95_MS = 150
# Cached pages through Varnish: at least this many times the in-process page cache they replace
# (--baseline-cached-rps, measured on the previous code one run before, on the same machine).
CACHED_TIMES_BASELINE = 5
RSS_LIMIT_MB = 250
RSS_FLAT_MB = 5


def log(text=""):
    print(text, flush=True)


def production_env(options, static_root):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mission_site.settings.production",
        DATABASE_URL=options.database_url,
        SECRET_KEY=secrets.token_urlsafe(60),
        # localhost: the Host of Varnish's health probe (deploy/varnish/default.vcl).
        ALLOWED_HOSTS=f"{HOST},localhost",
        WAGTAILADMIN_BASE_URL=f"https://{HOST}:{options.port}",
        REDIS_URL=options.redis_url,
        REDIS_COUNTERS_URL=options.redis_counters_url,
        FRONTEND_CACHE_URL=f"http://{HOST}:{options.varnish_port}",
        STATIC_ROOT=str(static_root),
        # Tasks (search documents of new comments) run in the request, as when these figures were taken.
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        # The confirmation mail of each posted comment is built but not sent (no SMTP server here).
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        # The comment posts come from many clients, told apart by X-Forwarded-For as behind one
        # proxy (otherwise the limit of 5 posts a minute per client stops the bench at once).
        TRUSTED_PROXY_COUNT="1",
        LOG_LEVEL="ERROR",
    )
    return env


def manage(env, *args):
    return run_python(env, "manage.py", *args)


def run_python(env, script, *args):
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own scripts
        [PYTHON, script, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"{script} {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout, time.perf_counter() - started


def prepare(options, env):
    ensure_database(options.database_url, options.rebuild, log=log)
    _out, seconds = manage(env, "migrate", "--noinput", "-v0")
    log(f"migrate: {seconds:.1f} s")
    _out, seconds = manage(env, "collectstatic", "--noinput", "-v0")
    log(f"collectstatic (to {env['STATIC_ROOT']}): {seconds:.1f} s")
    out, seconds = manage(env, "load_demo_content", "--site", f"{HOST}:{options.port}")
    log(f"load_demo_content: {seconds:.1f} s ({out.strip().splitlines()[-1]})")
    out, seconds = run_python(
        env,
        "bench/generate_scale_data.py",
        "--hearings",
        str(options.hearings),
        "--comments",
        str(options.comments),
    )
    for line in out.strip().splitlines():
        log(f"  {line}")
    log(f"generate_scale_data: {seconds:.1f} s")
    flush_cache(options)


def flush_cache(options):
    """Empty the bench's Redis databases (their own numbers: nothing else lives there)."""
    for url in (options.redis_url, options.redis_counters_url):
        redis.Redis.from_url(url).flushdb()


class Varnish:
    """varnishd with the production VCL in front of gunicorn, on loopback."""

    def __init__(self, options):
        self.options = options
        self.process = None
        self.workdir = Path(tempfile.mkdtemp(prefix="bench-load-varnish-"))

    def start(self):
        varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
        if not os.access(varnishd, os.X_OK):
            sys.exit("varnishd is not installed (apt-get install varnish): bench/load measures through it")
        text = VCL.read_text()
        if '.port = "8000";' not in text:
            sys.exit(f"{VCL}: no backend port to point at gunicorn")
        vcl = self.workdir / "default.vcl"
        vcl.write_text(text.replace('.port = "8000";', f'.port = "{self.options.port}";'))
        self.process = subprocess.Popen(  # noqa: S603 - Debian's varnishd and our arguments
            [varnishd, "-F", "-j", "none", "-n", str(self.workdir / "instance"), "-f", str(vcl),
             "-a", f"{HOST}:{self.options.varnish_port}", "-T", "none", "-s",
             f"malloc,{self.options.varnish_memory}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if (
                    request("GET", self.options.varnish_port, "/robots.txt", site_port=self.options.port)[0]
                    == 200
                ):
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        sys.exit("varnishd did not answer within 30 s")

    def stop(self):
        stop_group(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)


def stop_group(process):
    """SIGTERM to a process group started with start_new_session, SIGKILL after 20 s."""
    if process and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


class Server:
    """gunicorn with the production settings, on loopback."""

    def __init__(self, options, env):
        self.options, self.env = options, env
        self.process = None

    def start(self):
        command = [
            GUNICORN,
            "mission_site.wsgi",
            "--bind",
            f"{HOST}:{self.options.port}",
            "--workers",
            str(self.options.workers),
            "--worker-class",
            self.options.worker_class,
            "--access-logfile",
            "-" if self.options.access_log else "/dev/null",
            "--log-level",
            "warning",
        ]
        if self.options.worker_class == "gthread":
            command += ["--threads", str(self.options.threads)]
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn
            command, cwd=BASE_DIR, env=self.env, start_new_session=True
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                status, _body, _headers = request("GET", self.options.port, "/robots.txt")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        sys.exit("gunicorn did not answer within 60 s")

    def workers(self):
        """The worker processes' ids (children of the gunicorn master)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return sorted(int(pid) for pid in children)

    def stop(self):
        stop_group(self.process)


def cpu_seconds(pids):
    """{pid: user and system CPU seconds} of these processes (those that have exited are left out)."""
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def cpu_used(before, after):
    """CPU used between two readings: processes started since count from zero, those that have
    exited since (a connection closed after CONN_MAX_AGE) are left out, a slight underestimate."""
    return sum(value - before.get(pid, 0) for pid, value in after.items())


def postgres_cpu_seconds(options):
    """CPU seconds of PostgreSQL so far: the bench database's connections alive now, plus every
    server process that has exited (the postmaster's reaped children: connections closed after
    CONN_MAX_AGE, but also autovacuum workers and this meter's own connection, a slight
    overestimate). Two readings' difference counts a connection that opened or closed between
    them for exactly the CPU it used in between."""
    with psycopg.connect(options.database_url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
        # Read while this connection's server process is alive: its parent is the postmaster.
        fields = Path(f"/proc/{connection.info.backend_pid}/stat").read_text().rsplit(")", 1)[1].split()
    postmaster = int(fields[1])
    reaped = Path(f"/proc/{postmaster}/stat").read_text().rsplit(")", 1)[1].split()
    children = (int(reaped[13]) + int(reaped[14])) / os.sysconf("SC_CLK_TCK")
    return sum(cpu_seconds([row[0] for row in rows]).values()) + children


class CpuMeter:
    """CPU used per request by the gunicorn workers and by PostgreSQL: unlike latencies, it hardly
    depends on what else the machine runs."""

    def __init__(self, options, server):
        self.options, self.server = options, server

    def start(self):
        self.workers = self.server.workers()
        self.before = cpu_seconds(self.workers), postgres_cpu_seconds(self.options)

    def stop(self, figures):
        requests = max(figures["requests"], 1)
        figures["cpu_python"] = cpu_used(self.before[0], cpu_seconds(self.workers)) * 1000 / requests
        figures["cpu_postgres"] = (postgres_cpu_seconds(self.options) - self.before[1]) * 1000 / requests
        return figures


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def request(method, port, path, body=None, headers=None, site_port=None):
    """One request to `port` (gunicorn or Varnish) for the site at HOST:`site_port` (the Wagtail
    site's address, under which Varnish stores pages and Wagtail purges them)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    all_headers = {"X-Forwarded-Proto": "https", "Host": f"{HOST}:{site_port or port}", **(headers or {})}
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    content = response.read()
    result = response.status, content, response.headers
    connection.close()
    return result


def wrk(options, path, seconds=None, vary=False, connections=None, port=None):
    """One wrk run against gunicorn, or Varnish when `port` says so; returns its figures (rps,
    p50, p95, p99 in ms, requests, errors)."""
    env = dict(os.environ, BENCH_VARY="1" if vary else "0")
    if isinstance(path, list):
        env["BENCH_PATHS"] = "\n".join(path)
        path = path[0]
    command = [
        "wrk",
        "-t1",
        f"-c{connections or options.connections}",
        f"-d{seconds or options.duration}s",
        "--timeout",
        "10s",
        "-s",
        LUA,
        "-H",
        "X-Forwarded-Proto: https",
        "-H",
        f"Host: {HOST}:{options.port}",
        f"http://{HOST}:{port or options.port}{path}",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    found = re.search(r"^BENCH (\{.*\})$", result.stdout, re.MULTILINE)
    if not found:
        sys.exit(f"wrk gave no figures:\n{result.stdout}\n{result.stderr}")
    return json.loads(found.group(1))


def check_page(options, path, expect=None, port=None):
    status, body, headers = request("GET", port or options.port, path, site_port=options.port)
    text = body.decode("utf-8", "replace")
    if status != 200 or (expect and expect not in text):
        sys.exit(f"GET {path}: {status}, expected 200{' with ' + expect if expect else ''}")
    return text, headers


def static_path(options):
    manifest = json.loads((Path(options.static_root) / "staticfiles.json").read_text())
    hashed = manifest["paths"]["dsfr/dist/dsfr.min.css"]
    return f"/static/{hashed}"


# --- comment posts --------------------------------------------------------------------------------

FORM_RE = re.compile(r'<form[^>]*action="/commentaires/publier/"[^>]*>(.*?)</form>', re.S)
INPUT_RE = re.compile(r"<input\b([^>]*)>", re.S)
ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')


def comment_form(options, path):
    """The hidden fields of the comment form of a page, and the CSRF cookie to send with them."""
    status, body, headers = request("GET", options.port, path)
    found = FORM_RE.search(body.decode())
    if status != 200 or not found:
        sys.exit(f"No comment form on {path} ({status})")
    fields = {}
    for attributes in INPUT_RE.findall(found.group(1)):
        attrs = dict(ATTR_RE.findall(attributes))
        if attrs.get("type") == "hidden" and "name" in attrs:
            fields[attrs["name"]] = unescape(attrs.get("value", ""))
    cookies = [value.split(";", 1)[0] for key, value in headers.items() if key.lower() == "set-cookie"]
    if not fields.get("csrfmiddlewaretoken"):
        # A page an anonymous visitor gets carries no token: its script fetches the visitor's own
        # from the URL in `data-jeton-url`, as this client does.
        token_url = re.search(r'data-jeton-url="([^"]+)"', body.decode())
        if not token_url:
            sys.exit(f"No CSRF token nor token URL in the comment form of {path}")
        status, token_body, token_headers = request("GET", options.port, unescape(token_url.group(1)))
        if status != 200:
            sys.exit(f"GET {token_url.group(1)}: {status}")
        cookies += [v.split(";", 1)[0] for k, v in token_headers.items() if k.lower() == "set-cookie"]
        fields["csrfmiddlewaretoken"] = json.loads(token_body)["jeton"]
    return fields, "; ".join(cookies)


def post_comments(options, path, total, concurrency):
    fields, cookie = comment_form(options, path)
    timings, statuses = [], {}
    lock = threading.Lock()
    counter = iter(range(total))

    def worker():
        for number in counter:
            data = dict(
                fields,
                name=f"Banc d’essai {number}",
                email=f"banc{number}@bench.invalid",
                comment=f"Contribution de test de charge numéro {number} sur la copie privée.",
                honeypot="",
            )
            body = urlencode(data)
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Origin": f"https://{HOST}:{options.port}",
                "Referer": f"https://{HOST}:{options.port}{path}",
                "X-Forwarded-For": f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}",
            }
            started = time.perf_counter()
            status, _content, _headers = request(
                "POST", options.port, "/commentaires/publier/", body, headers
            )
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.perf_counter() - started
    timings.sort()
    return {
        "rps": len(timings) / duration,
        "p50": statistics.median(timings),
        "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
        "requests": len(timings),
        "statuses": statuses,
    }


# --- the run --------------------------------------------------------------------------------------


def fmt(figures):
    cpu = ""
    if "cpu_python" in figures:
        cpu = f"   CPU/req python {figures['cpu_python']:5.1f} ms, postgres {figures['cpu_postgres']:5.1f} ms"
    return cpu_prefix(figures) + cpu


def cpu_prefix(figures):
    return (
        f"{figures['rps']:8.1f} req/s   p50 {figures['p50']:7.1f} ms   p95 {figures['p95']:7.1f} ms"
        f"   ({figures['requests']} requests"
        f"{', ' + str(figures['errors']) + ' errors' if figures.get('errors') else ''})"
    )


def run(options, server):
    results = {"pages": {}, "cached": {}}
    static = static_path(options)
    check_page(options, static)
    log(f"\nStatic file (the ceiling), {static}:")
    results["static"] = wrk(options, static)
    log(f"  {fmt(results['static'])}")

    # Warm every worker (templates compiled, Wagtail's per-process caches filled) before measuring.
    for _round in range(3 * options.workers):
        for _label, path in PAGES:
            request("GET", options.port, path + ("&" if "?" in path else "?") + f"banc=chauffe-{_round}")
    log("\nUncached (a new query string on each request: the real view and database every time):")
    meter = CpuMeter(options, server)
    for label, path in PAGES:
        check_page(options, path)
        meter.start()
        figures = meter.stop(wrk(options, path, vary=True))
        results["pages"][label] = figures
        log(f"  {label:30} {fmt(figures)}")

    log("\nCached (anonymous, through Varnish; X-Cache of the answer after one request):")
    for label, path in PAGES:
        check_page(options, path, port=options.varnish_port)  # stores it
        _text, headers = check_page(options, path, port=options.varnish_port)
        meter.start()
        figures = meter.stop(wrk(options, path, port=options.varnish_port))
        figures["x_cache"] = headers.get("X-Cache", "absent")
        results["cached"][label] = figures
        log(f"  {label:30} {fmt(figures)}  X-Cache {figures['x_cache']}")

    # Straight to gunicorn: Varnish passes every POST on unchanged.
    log(f"\nComment posts ({options.posts} posts, {options.post_concurrency} clients):")
    meter.start()
    results["posts"] = meter.stop(
        post_comments(options, PAGES[3][1], options.posts, options.post_concurrency)
    )
    log(f"  {fmt(results['posts'])}  statuses {results['posts']['statuses']}")

    workers = server.workers()
    paths = [path for _label, path in PAGES]
    # Segments of about `step` requests: wrk runs for the time the mix needs at the rate measured
    # above (stopping wrk after a count of responses left sync workers waiting on open sockets).
    step = options.memory_requests // 10
    mix_rps = len(PAGES) / sum(1 / max(results["pages"][label]["rps"], 0.1) for label, _path in PAGES)
    seconds = max(2, round(step / mix_rps))
    log(
        f"\nMemory: {options.memory_requests} requests mixing the pages uncached, in segments of "
        f"{seconds} s (~{step} requests); RSS of each worker (MB):"
    )
    series = {pid: [rss_mb(pid)] for pid in workers}
    counts = [0]
    log(f"  {'requests':>9} " + " ".join(f"{'w' + str(pid):>9}" for pid in workers))
    log(f"  {0:>9} " + " ".join(f"{series[pid][-1]:9.1f}" for pid in workers))
    while counts[-1] < options.memory_requests:
        figures = wrk(options, paths, seconds=seconds, vary=True)
        if figures["requests"] == 0:
            sys.exit("The server stopped answering during the memory run")
        counts.append(counts[-1] + figures["requests"])
        if server.workers() != workers:
            sys.exit("A gunicorn worker was restarted during the memory run")
        for pid in workers:
            series[pid].append(rss_mb(pid))
        log(f"  {counts[-1]:>9} " + " ".join(f"{series[pid][-1]:9.1f}" for pid in workers))
    results["memory"] = series
    return results


def verdicts(results, options):
    rows = []
    for label, figures in results["pages"].items():
        rows.append(
            (
                f"{label}, non caché : p95 < {UNCACHED_P95_MS} ms",
                f"{figures['p95']:.1f} ms",
                figures["p95"] < UNCACHED_P95_MS,
            )
        )
    baseline = options.baseline_cached_rps
    for label, figures in results["cached"].items():
        hit = figures.get("x_cache") == "HIT"
        if baseline:
            name = f"{label}, Varnish : ≥ {CACHED_TIMES_BASELINE} × {baseline:.0f} req/s"
            ok = hit and figures["rps"] >= CACHED_TIMES_BASELINE * baseline
        else:
            name = f"{label}, Varnish : servi du cache (--baseline-cached-rps pour la cible)"
            ok = hit
        rows.append(
            (name, f"{figures['rps']:.0f} req/s" + ("" if hit else f", X-Cache {figures.get('x_cache')}"), ok)
        )
    posts = results["posts"]
    ok_posts = posts["statuses"].get(200, 0) == posts["requests"]
    rows.append(
        (
            f"Publier un commentaire : p95 < {POST_P95_MS} ms",
            f"{posts['p95']:.1f} ms",
            posts["p95"] < POST_P95_MS and ok_posts,
        )
    )
    for pid, series in results["memory"].items():
        growth = series[-1] - series[1]
        rows.append(
            (
                f"Worker {pid} : RSS < {RSS_LIMIT_MB} MB, stable",
                f"{max(series):.0f} MB max, {growth:+.1f} MB",
                max(series) < RSS_LIMIT_MB and abs(growth) <= RSS_FLAT_MB,
            )
        )
    return rows


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rebuild", action="store_true", help="drop the bench database and build it again")
    parser.add_argument("--hearings", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8104")))
    parser.add_argument("--varnish-port", type=int, default=int(os.environ.get("BENCH_VARNISH_PORT", "8105")))
    parser.add_argument("--varnish-memory", default="256m", help="Varnish storage (default 256m)")
    parser.add_argument(
        "--baseline-cached-rps",
        type=float,
        default=0,
        help="req/s of the cached pages before Varnish (the in-process page cache), for the target",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3 for 2 cores)")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=2, help="threads per gthread worker")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default 4)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page (default 10)")
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--post-concurrency", type=int, default=4)
    parser.add_argument("--memory-requests", type=int, default=20_000)
    parser.add_argument("--access-log", action="store_true")
    parser.add_argument("--skip-build", action="store_true", help="trust the database as it is")
    options = parser.parse_args()
    options.database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    options.redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    options.redis_counters_url = os.environ.get("BENCH_REDIS_COUNTERS_URL", DEFAULT_REDIS_COUNTERS)
    options.static_root = tempfile.mkdtemp(prefix="bench-load-static-")

    log(
        f"bench/load — {time.strftime('%Y-%m-%d %H:%M %Z')} — {os.cpu_count()} CPUs ({cpu_model()}) — "
        f"load {os.getloadavg()[0]:.2f}"
    )
    env = production_env(options, options.static_root)
    server = Server(options, env)
    varnish = Varnish(options)
    try:
        if options.skip_build:
            manage(env, "collectstatic", "--noinput", "-v0")
            flush_cache(options)
        else:
            prepare(options, env)
        server.start()
        varnish.start()
        log(
            f"gunicorn: {options.workers} {options.worker_class} workers"
            f"{' × ' + str(options.threads) + ' threads' if options.worker_class == 'gthread' else ''}"
            f" on {HOST}:{options.port}, Varnish ({options.varnish_memory}) on {HOST}:{options.varnish_port};"
            f" wrk -t1 -c{options.connections} -d{options.duration}s; "
            f"load {os.getloadavg()[0]:.2f}"
        )
        started = time.perf_counter()
        results = run(options, server)
        log(f"\nRun took {time.perf_counter() - started:.0f} s; load {os.getloadavg()[0]:.2f}")
    finally:
        varnish.stop()
        server.stop()
        shutil.rmtree(options.static_root, ignore_errors=True)

    log("\nTargets:")
    failed = 0
    for name, figure, ok in verdicts(results, options):
        failed += not ok
        log(f"  {'PASS   ' if ok else 'NOT MET'}  {name:58} {figure}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
