"""The page editor when the database refuses a save (SQLite's « database is locked » after its busy
timeout, a PostgreSQL that went away): Wagtail's own error message above the form as it was posted,
every field still filled in, instead of the public 503 page that lost what the editor typed.

Wired through Wagtail's PageViewSet (its edit_view_class and add_view_class), registered for
`Page`, so that every page type without a viewset of its own gets it.
"""

from django.contrib import messages
from django.db import transaction
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from hardening.middleware import DATABASE_ERRORS

SAVE_FAILED = (
    "La page n’a pas pu être enregistrée : la base de données est momentanément occupée ou "
    "indisponible. Rien n’a été enregistré ni publié ; vos saisies sont conservées ci-dessous. "
    "Enregistrez ou publiez à nouveau dans un instant."
)


class DatabaseErrorKeepsTheForm:
    """The whole save (or publish) in one transaction: when the database fails, nothing of it is
    kept, and the editor gets the form back as Wagtail shows it after a validation error."""

    save_refused = False

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except DATABASE_ERRORS:
            self.save_refused = True
            if self.expects_json_response:  # the editor's autosave: Wagtail's script shows the message
                return self.json_error_response("database_unavailable", SAVE_FAILED)
            messages.error(self.request, SAVE_FAILED)
            self.has_unsaved_changes = True
            return self.render_to_response(self.get_context_data())


class PageEditView(DatabaseErrorKeepsTheForm, EditView):
    def get_editing_sessions(self):
        # Wagtail records the editor's session (a database write) each time it draws the form; the
        # database that just refused the save would refuse it too. The next load records it.
        if self.save_refused:
            return None
        return super().get_editing_sessions()


class PageCreateView(DatabaseErrorKeepsTheForm, CreateView):
    pass


class SafePageViewSet(PageViewSet):
    model = Page
    edit_view_class = PageEditView
    add_view_class = PageCreateView
