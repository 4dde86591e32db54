"""Snippet delete views that refuse to delete a taxonomy term or an organism in use.

A term is protected on the organism's foreign keys, but not on its sectors (a many-to-many
relation, which Django would silently empty): the refusal is therefore decided here, from each
model's `usage()`, with a message that names where the object is used.
"""

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.snippets.views.snippets import DeleteView

SHOWN_USES = 10


def usage_message(obj):
    """A French sentence naming where `obj` is used, or None when it is not used."""
    uses = list(obj.usage()[: SHOWN_USES + 1])
    if not uses:
        return None
    count = obj.usage().count() if len(uses) > SHOWN_USES else len(uses)
    names = ", ".join(f"« {use} »" for use in uses[:SHOWN_USES])
    if count > SHOWN_USES:
        names += _(" et %(more)d autre(s)") % {"more": count - SHOWN_USES}
    what = _("organisme(s)") if obj.usage().model._meta.model_name == "organism" else _("audition(s)")
    return _(
        "« %(object)s » ne peut pas être supprimé : %(count)d %(what)s l’utilise(nt) : %(names)s. "
        "Modifiez-les d’abord."
    ) % {"object": obj, "count": count, "what": what, "names": names}


class ProtectedDeleteView(DeleteView):
    """Refuses, with a message naming the uses, to delete an object still in use."""

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        refusal = self.refusal()
        if refusal:
            return refusal
        try:
            return super().post(request, *args, **kwargs)
        except ProtectedError:
            # Something came to use it between the check and the deletion.
            messages.error(
                request,
                _("« %(object)s » est utilisé ailleurs et ne peut pas être supprimé.")
                % {"object": self.object},
            )
            return redirect(self.edit_url())

    def refusal(self):
        message = usage_message(self.object)
        if message is None:
            return None
        messages.error(self.request, message)
        return redirect(self.edit_url())

    def edit_url(self):
        return AdminURLFinder(self.request.user).get_edit_url(self.object) or reverse("wagtailadmin_home")
