"""Published comments per page, kept by database triggers in `stats_publishedcommentcount`.

A comment counts when `discussion.counts.published_comment_rows()` returns it: its base row (table
`django_comments`) is public and not removed, and no row of `discussion_discussioncomment` hides it
by flags. Those facts live in two tables, written by views, the admin, queryset updates and bulk
inserts; triggers on both tables see every write, so the count is kept in the transaction that
changes a comment, by the database, whatever the code path. A comment names its page by a text
`object_pk`; the count is kept under the page id it spells (`object_pk` = the id as text, as the
figures compare them).

Each trigger adds the difference the written row makes (−1, 0 or +1) with an atomic
`INSERT … ON CONFLICT DO UPDATE SET comments = comments + delta`: concurrent comments on one page
each add their own. When the flags of a comment change, the trigger reads its base row
`FOR SHARE`, so that a concurrent publication of the same comment is seen (PostgreSQL); SQLite
runs one writer at a time. Writers must then lock a comment's base row before its flags' row, as
saving the model does: `discussion.services.lock_base_row` (a write starting on the flags' row
would deadlock against a moderator saving the same comment).

The SQL is written once here and installed by migration 0002 (PostgreSQL and SQLite, the two
databases of the project); `rebuild()` recounts everything (`manage.py rebuild_comment_counts`).
"""

from django.db import connection, transaction

TABLE = "stats_publishedcommentcount"

# No input reaches any SQL of this module: table and column names only.
HIDDEN = (
    "EXISTS (SELECT 1 FROM discussion_discussioncomment d WHERE d.xtdcomment_ptr_id = {row}.id "
    "AND d.hidden_by_flags)"
)


def published(row):
    return f"({row}.is_public AND NOT {row}.is_removed AND NOT {HIDDEN.format(row=row)})"


def spells_page_id(row, vendor):
    """Whether `object_pk` is a page id as Django writes it (no sign, no leading zero, an int4)."""
    if vendor == "postgresql":
        return f"({row}.object_pk ~ '^[1-9][0-9]{{0,8}}$')"
    return (
        f"({row}.object_pk GLOB '[1-9]*' AND {row}.object_pk NOT GLOB '*[^0-9]*' "
        f"AND length({row}.object_pk) <= 9)"
    )


def page_id(row, vendor):
    cast = "integer" if vendor == "postgresql" else "INTEGER"
    return f"CAST({row}.object_pk AS {cast})"


UPSERT = (
    f"INSERT INTO {TABLE} (page_id, comments) {{source}} "
    f"ON CONFLICT (page_id) DO UPDATE SET comments = {TABLE}.comments + excluded.comments"
)


def rebuild_sql(vendor):
    counted = f"{published('c')} AND {spells_page_id('c', vendor)}"
    source = f"SELECT {page_id('c', vendor)}, COUNT(*) FROM django_comments c WHERE {counted} GROUP BY 1"  # noqa: S608
    return UPSERT.format(source=source)


def _base_of(comment_id, vendor):
    """The base row of a comment, when it is public, not removed, and on a page."""
    return (
        f"FROM django_comments c WHERE c.id = {comment_id} AND c.is_public AND NOT c.is_removed "  # noqa: S608
        f"AND {spells_page_id('c', vendor)}"
    )


POSTGRESQL_TRIGGERS = f"""
CREATE FUNCTION stats_add_published_comments(counted_page integer, delta integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    {UPSERT.format(source="VALUES (counted_page, delta)")};
END $$;

CREATE FUNCTION stats_count_comment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_published boolean := false;
    is_published boolean := false;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.id = NEW.id AND OLD.is_public = NEW.is_public
            AND OLD.is_removed = NEW.is_removed AND OLD.object_pk = NEW.object_pk THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        was_published := {published("OLD")} AND {spells_page_id("OLD", "postgresql")};
    END IF;
    IF TG_OP <> 'DELETE' THEN
        is_published := {published("NEW")} AND {spells_page_id("NEW", "postgresql")};
    END IF;
    IF was_published THEN
        PERFORM stats_add_published_comments({page_id("OLD", "postgresql")}, -1);
    END IF;
    IF is_published THEN
        PERFORM stats_add_published_comments({page_id("NEW", "postgresql")}, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION stats_count_comment_flags() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    counted_page integer;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.xtdcomment_ptr_id = NEW.xtdcomment_ptr_id
            AND OLD.hidden_by_flags = NEW.hidden_by_flags THEN
        RETURN NULL;
    END IF;
    -- A hiding row going away lets its comment count again; a new one stops it.
    IF TG_OP <> 'INSERT' AND OLD.hidden_by_flags THEN
        SELECT {page_id("c", "postgresql")} INTO counted_page
            {_base_of("OLD.xtdcomment_ptr_id", "postgresql")} FOR SHARE;
        IF FOUND THEN
            PERFORM stats_add_published_comments(counted_page, 1);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.hidden_by_flags THEN
        SELECT {page_id("c", "postgresql")} INTO counted_page
            {_base_of("NEW.xtdcomment_ptr_id", "postgresql")} FOR SHARE;
        IF FOUND THEN
            PERFORM stats_add_published_comments(counted_page, -1);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER stats_count_comment AFTER INSERT OR UPDATE OR DELETE ON django_comments
    FOR EACH ROW EXECUTE FUNCTION stats_count_comment();
CREATE TRIGGER stats_count_comment_flags AFTER INSERT OR UPDATE OR DELETE ON discussion_discussioncomment
    FOR EACH ROW EXECUTE FUNCTION stats_count_comment_flags();
"""  # noqa: S608

POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS stats_count_comment ON django_comments;
DROP TRIGGER IF EXISTS stats_count_comment_flags ON discussion_discussioncomment;
DROP FUNCTION IF EXISTS stats_count_comment();
DROP FUNCTION IF EXISTS stats_count_comment_flags();
DROP FUNCTION IF EXISTS stats_add_published_comments(integer, integer);
"""


def _counted(row):
    return f"{published(row)} AND {spells_page_id(row, 'sqlite')}"


def _sqlite_add(row, delta):
    return UPSERT.format(source=f"VALUES ({page_id(row, 'sqlite')}, {delta})") + ";"


def _sqlite_add_to_base(comment_id, delta):
    # SQLite needs a WHERE in an INSERT … SELECT followed by ON CONFLICT: there is one.
    source = f"SELECT {page_id('c', 'sqlite')}, {delta} {_base_of(comment_id, 'sqlite')}"
    return UPSERT.format(source=source) + ";"


SAME_PAGE = "OLD.object_pk = NEW.object_pk"
SQLITE_TRIGGERS = [
    (
        "stats_comment_inserted",
        f"AFTER INSERT ON django_comments WHEN {_counted('NEW')}",
        _sqlite_add("NEW", 1),
    ),
    (
        "stats_comment_deleted",
        f"AFTER DELETE ON django_comments WHEN {_counted('OLD')}",
        _sqlite_add("OLD", -1),
    ),
    (
        "stats_comment_unpublished",
        f"AFTER UPDATE ON django_comments WHEN {_counted('OLD')} AND NOT ({_counted('NEW')} AND {SAME_PAGE})",
        _sqlite_add("OLD", -1),
    ),
    (
        "stats_comment_published",
        f"AFTER UPDATE ON django_comments WHEN {_counted('NEW')} AND NOT ({_counted('OLD')} AND {SAME_PAGE})",
        _sqlite_add("NEW", 1),
    ),
    (
        "stats_comment_hidden_inserted",
        "AFTER INSERT ON discussion_discussioncomment WHEN NEW.hidden_by_flags",
        _sqlite_add_to_base("NEW.xtdcomment_ptr_id", -1),
    ),
    (
        "stats_comment_hidden_deleted",
        "AFTER DELETE ON discussion_discussioncomment WHEN OLD.hidden_by_flags",
        _sqlite_add_to_base("OLD.xtdcomment_ptr_id", 1),
    ),
    (
        "stats_comment_unhidden",
        "AFTER UPDATE ON discussion_discussioncomment WHEN OLD.hidden_by_flags "
        "AND NOT (NEW.hidden_by_flags AND OLD.xtdcomment_ptr_id = NEW.xtdcomment_ptr_id)",
        _sqlite_add_to_base("OLD.xtdcomment_ptr_id", 1),
    ),
    (
        "stats_comment_hidden",
        "AFTER UPDATE ON discussion_discussioncomment WHEN NEW.hidden_by_flags "
        "AND NOT (OLD.hidden_by_flags AND OLD.xtdcomment_ptr_id = NEW.xtdcomment_ptr_id)",
        _sqlite_add_to_base("NEW.xtdcomment_ptr_id", -1),
    ),
]


def install(schema_editor):
    """Create the triggers (PostgreSQL or SQLite) and count the comments already there."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_TRIGGERS)
    elif vendor == "sqlite":
        for name, when, body in SQLITE_TRIGGERS:
            schema_editor.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    else:
        raise NotImplementedError(f"Published comment counts need triggers written for {vendor}")
    schema_editor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
    schema_editor.execute(rebuild_sql(vendor))


def uninstall(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP)
    else:
        for name, _when, _body in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def rebuild():
    """Recount every page's published comments from the comment tables; returns the total.

    On PostgreSQL the comment tables are locked against writes meanwhile (readers go on), so that
    no comment published during the recount is lost or counted twice."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("LOCK TABLE django_comments, discussion_discussioncomment IN SHARE MODE")
            cursor.execute(f"LOCK TABLE {TABLE} IN EXCLUSIVE MODE")
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        cursor.execute(rebuild_sql(connection.vendor))
        cursor.execute(f"SELECT COALESCE(SUM(comments), 0) FROM {TABLE}")  # noqa: S608
        return cursor.fetchone()[0]
