"""Running test workers at the same moment, to make database writes race."""

import threading

from django.db import connection


def run_at_once(workers, timeout=300):
    """Start every worker (a callable) behind one barrier, so that they really overlap; each
    thread closes its own database connection. Returns the errors they raised, as repr()."""
    barrier = threading.Barrier(len(workers))
    errors = []

    def run(worker):
        try:
            barrier.wait(timeout=30)
            worker()
        except Exception as error:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a worker never finished"
    return errors
