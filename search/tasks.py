"""Rewriting search documents through the task backend (django-tasks): by `manage.py db_worker`
with the database backend (docs/tasks.md), at once in the tests."""

from django_tasks import task

from search import documents


@task()
def rebuild_page_documents(page_id):
    documents.rebuild_page(page_id)


@task()
def rebuild_comment_document(comment_id):
    documents.rebuild_comment(comment_id)
