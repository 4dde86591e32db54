"""Admin screens when the database refuses a save (SQLite's « database is locked » after its busy
timeout, a PostgreSQL lock timeout, a database that went away).

Wagtail's edit and create views (pages, snippets, the project's model viewsets) take
`DatabaseErrorKeepsTheForm`: the save runs in one transaction, and when the database fails nothing
of it is kept and the form comes back as Wagtail shows it after a validation error, every field
still filled in, with a French message above it. The screens without a view class of their own to
plug it into (images, documents, settings, wagtail-modeladmin, the project's own admin views) are
answered by hardening.middleware.AdminDatabaseErrorMiddleware: the admin's 503 page, which says
that nothing was saved and leads back to the form.
"""

import logging

from django.contrib import messages
from django.db import transaction
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views import snippets

from hardening.middleware import DATABASE_ERRORS

logger = logging.getLogger(__name__)

SAVE_REFUSED = (
    "L’enregistrement n’a pas pu se faire : la base de données est momentanément occupée ou "
    "indisponible. Rien n’a été enregistré ; vos saisies sont conservées ci-dessous. "
    "Enregistrez à nouveau dans un instant."
)


class DatabaseErrorKeepsTheForm:
    """For Wagtail's edit and create views: the whole save in one transaction; when the database
    fails, the form as it was posted with `save_refused_message` above it."""

    save_refused_message = SAVE_REFUSED
    save_refused = False

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except DATABASE_ERRORS:
            logger.warning("Admin save refused by the database: form shown again", exc_info=True)
            self.save_refused = True
            if self.expects_json_response:  # the editor's autosave: Wagtail's script shows the message
                return self.json_error_response("database_unavailable", self.save_refused_message)
            messages.error(self.request, self.save_refused_message)
            self.has_unsaved_changes = True
            return self.render_to_response(self.get_context_data())

    def get_editing_sessions(self):
        # Wagtail records the editor's session (a database write) each time it draws the form; a
        # database that refuses writes must not cost the editor the form (after a refused save,
        # or a validation error, or on opening it). The next load records the session.
        if self.save_refused:
            return None
        try:
            with transaction.atomic():
                return super().get_editing_sessions()
        except DATABASE_ERRORS:
            return None


class SnippetEditView(DatabaseErrorKeepsTheForm, snippets.EditView):
    pass


class SnippetCreateView(DatabaseErrorKeepsTheForm, snippets.CreateView):
    pass


class SnippetCopyView(DatabaseErrorKeepsTheForm, snippets.CopyView):
    pass


class SafeSnippetViewSet(snippets.SnippetViewSet):
    """The project's snippet viewsets derive from it: their forms survive a refused save."""

    edit_view_class = SnippetEditView
    add_view_class = SnippetCreateView
    copy_view_class = SnippetCopyView


class ModelEditView(DatabaseErrorKeepsTheForm, EditView):
    pass


class ModelCreateView(DatabaseErrorKeepsTheForm, CreateView):
    pass


class SafeModelViewSet(ModelViewSet):
    """The project's model viewsets derive from it: their forms survive a refused save."""

    edit_view_class = ModelEditView
    add_view_class = ModelCreateView
