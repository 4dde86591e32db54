"""Add the scale data set of the benchmarks on top of the demo content (bench/scale_data.py).

    .venv/bin/python manage.py load_demo_content
    .venv/bin/python bench/generate_scale_data.py [--hearings 10000] [--comments 200000]
        [--seed 2012] [--no-index]

The database and settings are those of manage.py (DATABASE_URL, DJANGO_SETTINGS_MODULE).
"""

import argparse
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hearings", type=int, default=10_000, help="hearings to add (default 10,000)")
    parser.add_argument(
        "--comments", type=int, default=200_000, help="comments to add (default 200,000, at least 2,500)"
    )
    parser.add_argument("--seed", type=int, default=2012, help="random seed (default 2012)")
    parser.add_argument(
        "--no-index", action="store_true", help="do not add the new hearings to the search index"
    )
    return parser.parse_args(argv)


def main(argv=None):
    options = parse_arguments(argv)
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mission_site.settings.dev")
    # Whatever the generator leaves to tasks runs now, not in a worker that may not be running.
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()
    from bench.scale_data import ScaleDataError, generate

    started = time.perf_counter()
    try:
        result = generate(
            hearings=options.hearings,
            comments=options.comments,
            seed=options.seed,
            index=not options.no_index,
        )
    except ScaleDataError as error:
        sys.exit(str(error))
    print(
        f"Scale data: {result['hearings']} hearings, {result['comments']} comments "
        f"({result['published']} published) in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
