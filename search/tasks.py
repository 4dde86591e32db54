"""Rewriting search documents through the configured task backend (django-tasks): at once with
the default immediate backend, by `manage.py db_worker` with the database backend."""

from django_tasks import task

from search import documents


@task()
def rebuild_page_documents(page_id):
    documents.rebuild_page(page_id)


@task()
def rebuild_comment_document(comment_id):
    documents.rebuild_comment(comment_id)
