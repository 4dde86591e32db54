"""French, accent-insensitive text search configurations for PostgreSQL (no-op elsewhere).

`french_unaccent` strips accents then stems in French, so that « television » finds
« télévision » and « auditions » finds « audition »; `simple_unaccent` serves autocomplete
(no stemming, no accents). Both are named in settings.WAGTAILSEARCH_BACKENDS. Without the
`unaccent` extension (it needs a privileged role), the configurations are created without it
and a message says how to fix it: searching works, accents then count.
"""

import sys

from django.db import DatabaseError, migrations, transaction

UNACCENT_HELP = (
    "\n  The PostgreSQL extension « unaccent » could not be created ({error}).\n"
    "  Search will work but will be accent-sensitive. Ask a database superuser to run\n"
    "    CREATE EXTENSION unaccent;\n"
    "  then: python manage.py migrate search zero && python manage.py migrate search "
    "&& python manage.py update_index\n"
)


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            has_unaccent = True
        except DatabaseError as error:
            sys.stderr.write(UNACCENT_HELP.format(error=str(error).strip()))
            has_unaccent = False
        for name, copied, dictionary in (
            ("french_unaccent", "french", "french_stem"),
            ("simple_unaccent", "simple", "simple"),
        ):
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {copied})")
            if has_unaccent:
                cursor.execute(
                    f"ALTER TEXT SEARCH CONFIGURATION {name} "
                    f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}"
                )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent")
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_configurations, drop_configurations, elidable=False)]
