"""The database search backend, with an accent-insensitive configuration for autocomplete too.

modelsearch's PostgreSQL backend hard-codes the `simple` configuration for autocomplete, so that
« tele » would not complete « télévision »; AUTOCOMPLETE_CONFIG names a configuration that also
strips accents (created by search/migrations/0001). Other databases ignore it.
"""

from modelsearch.backends.database import SearchBackend as database_search_backend


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up in a backend module
    autocomplete_config = params.pop("AUTOCOMPLETE_CONFIG", None)
    backend = database_search_backend(params)
    if autocomplete_config and hasattr(backend, "autocomplete_config"):
        backend.autocomplete_config = autocomplete_config
    return backend
