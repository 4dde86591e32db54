"""The database of a benchmark, shared by bench/search and bench/load (run as scripts, so this
module is imported from the bench/ folder)."""

from urllib.parse import urlparse

import psycopg


def ensure_database(url, rebuild, log=print):
    """Create the bench database if it does not exist; `rebuild` starts from an empty one
    (deleting 10,000 pages through Wagtail would take longer than building them)."""
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if rebuild:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
            log(f"Created database {name}")


def vacuum_analyze(url):
    """VACUUM ANALYZE the bench database (outside a transaction, as VACUUM requires)."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def cpu_model():
    """The processor's name (/proc/cpuinfo), printed with the figures: the same code runs twice
    as fast on some machines of this kind as on others."""
    try:
        for line in open("/proc/cpuinfo"):  # noqa: SIM115 - read at once
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown processor"
