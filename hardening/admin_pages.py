"""The page editor when the database refuses a save (SQLite's « database is locked » after its busy
timeout, a PostgreSQL that went away): Wagtail's own error message above the form as it was posted,
every field still filled in, instead of the public 503 page that lost what the editor typed.

Wired through Wagtail's PageViewSet (its edit_view_class and add_view_class), registered for
`Page`, so that every page type without a viewset of its own gets it. The same mixin serves the
snippets and the project's model viewsets (hardening/admin_saves.py).
"""

from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from hardening.admin_saves import DatabaseErrorKeepsTheForm

SAVE_FAILED = (
    "La page n’a pas pu être enregistrée : la base de données est momentanément occupée ou "
    "indisponible. Rien n’a été enregistré ni publié ; vos saisies sont conservées ci-dessous. "
    "Enregistrez ou publiez à nouveau dans un instant."
)


class PageEditView(DatabaseErrorKeepsTheForm, EditView):
    save_refused_message = SAVE_FAILED


class PageCreateView(DatabaseErrorKeepsTheForm, CreateView):
    save_refused_message = SAVE_FAILED


class SafePageViewSet(PageViewSet):
    model = Page
    edit_view_class = PageEditView
    add_view_class = PageCreateView
