"""Snippet delete views that refuse to delete a taxonomy term or an organism in use, and the
hearing spreadsheet import screen (below).

A term is protected on the organism's foreign keys, but not on its sectors (a many-to-many
relation, which Django would silently empty): the refusal is therefore decided here, from each
model's `usage()`, with a message that names where the object is used.
"""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.snippets.views.snippets import DeleteView

from hardening.middleware import DATABASE_ERRORS
from hearings import importer
from hearings.models import HearingIndexPage
from home.typography import agree

SHOWN_USES = 10


def usage_message(obj):
    """A French sentence naming where `obj` is used, or None when it is not used."""
    uses = list(obj.usage()[: SHOWN_USES + 1])
    if not uses:
        return None
    count = obj.usage().count() if len(uses) > SHOWN_USES else len(uses)
    names = ", ".join(f"« {use} »" for use in uses[:SHOWN_USES])
    if count > SHOWN_USES:
        names += " et " + agree(count - SHOWN_USES, "autre")
    what = "organisme" if obj.usage().model._meta.model_name == "organism" else "audition"
    uses_it = _("l’utilise") if count < 2 else _("l’utilisent")
    return _(
        "« %(object)s » ne peut pas être supprimé : %(uses)s %(uses_it)s : %(names)s. "
        "Modifiez-%(them)s d’abord."
    ) % {
        "object": obj,
        "uses": agree(count, what),
        "uses_it": uses_it,
        "names": names,
        "them": "le" if count < 2 else "les",
    }


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


# --- The hearing spreadsheet import screen ------------------------------------------------------
# Upload, preview (each row's action or errors), then apply all or nothing, through the same
# functions as `manage.py import_hearings` (hearings/importer.py).

IMPORT_MAX_BYTES = 2 * 1024 * 1024
TEMPLATE_FILE = Path(__file__).resolve().parent / "fixtures" / "auditions_exemple.csv"
COLUMN_HELP = [
    (
        "identifiant",
        True,
        "La clé stable de l’audition et son adresse : /auditions/<identifiant>/ (lettres, chiffres, tirets).",
    ),
    ("titre", False, "Le titre de la page ; « Audition de <organismes> » s’il est vide."),
    ("date", True, "2012-11-21 10:00 (ou 21/11/2012 10:00, ou la date seule), heure de Paris."),
    ("type", False, "audition (par défaut) ou entretien."),
    ("statut", True, "prevue, realisee, annulee ou declinee (ou leur libellé : « Prévue »…)."),
    (
        "organismes",
        True,
        "Les organismes entendus, dans l’ordre, séparés par « ; ». Un nom inconnu crée l’organisme.",
    ),
    (
        "nature",
        False,
        "Pour un nouvel organisme : nature (identifiant ou nom) ; une pour tous, "
        "ou une par organisme séparées par « ; ».",
    ),
    ("famille", False, "Pour un nouvel organisme : famille d’acteurs ; même règle que nature."),
    (
        "secteurs",
        False,
        "Pour un nouvel organisme : secteurs séparés par « , » ; un groupe pour tous, "
        "ou un par organisme séparés par « ; ».",
    ),
    ("resume", False, "Le résumé (plusieurs paragraphes possibles)."),
    (
        "video",
        False,
        "L’adresse de la vidéo (YouTube, Dailymotion, Vimeo intégrées ; les autres deviennent un lien).",
    ),
]
ACTION_LABELS = {
    "create": gettext_lazy("création"),
    "update": gettext_lazy("mise à jour"),
    "unchanged": gettext_lazy("inchangée"),
}


class HearingImportForm(forms.Form):
    fichier = forms.FileField(
        label=gettext_lazy("Fichier CSV des auditions"),
        help_text=gettext_lazy("UTF-8, séparé par des virgules ou des points-virgules, 2 Mo au plus."),
        error_messages={"required": gettext_lazy("Choisissez le fichier CSV à importer.")},
    )

    def clean_fichier(self):
        upload = self.cleaned_data["fichier"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                gettext_lazy("Le fichier dépasse 2 Mo : découpez-le en plusieurs fichiers.")
            )
        return decode_csv(upload.read())


class HearingImportApplyForm(forms.Form):
    """The previewed file, sent back as text: it is checked again in full before anything is saved."""

    contenu = forms.CharField(widget=forms.HiddenInput, strip=False, max_length=IMPORT_MAX_BYTES)


def decode_csv(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise forms.ValidationError(
            _("Le fichier n’est pas en UTF-8 (octet %(position)s) : enregistrez-le en « CSV UTF-8 ».")
            % {"position": error.start}
        ) from error


def hearing_index_or_404():
    index = HearingIndexPage.objects.first()
    if index is None:
        raise Http404("Aucune page « Auditions »")
    return index


def require_import_permission(user, index):
    if not index.permissions_for_user(user).can_publish_subpage():
        raise PermissionDenied


def import_screen(request):
    """GET: the upload form and the column help; POST: the preview of the uploaded file."""
    index = hearing_index_or_404()
    require_import_permission(request.user, index)
    form = HearingImportForm(request.POST, request.FILES) if request.method == "POST" else HearingImportForm()
    context = {"form": form, "columns": COLUMN_HELP, "index": index}
    if request.method != "POST":
        return TemplateResponse(request, "hearings/admin/import.html", context)
    if not form.is_valid():
        return TemplateResponse(request, "hearings/admin/import.html", context, status=400)
    return preview_response(request, index, form.cleaned_data["fichier"], context)


def preview_response(request, index, text, context, status=200):
    try:
        rows = importer.preview(index, text)
    except importer.HearingImportError as error:
        context["file_errors"] = error.errors
        return TemplateResponse(request, "hearings/admin/import.html", context, status=400)
    for row in rows:
        row.action_label = ACTION_LABELS.get(row.action, "")
    errors = sum(1 for row in rows if row.errors)
    context.update(
        {
            "rows": rows,
            "error_count": errors,
            "counts": [
                count_label(sum(1 for row in rows if row.action == key), key) for key in ACTION_LABELS
            ],
            "apply_form": None if errors else HearingImportApplyForm(initial={"contenu": text}),
        }
    )
    return TemplateResponse(request, "hearings/admin/import.html", context, status=400 if errors else status)


COUNT_LABELS = {
    "create": ("création", "créations"),
    "update": ("mise à jour", "mises à jour"),
    "unchanged": ("inchangée", "inchangées"),
}


def count_label(count, action):
    """« 0 création », « 1 mise à jour », « 5 inchangées »: French takes the singular for 0 and 1."""
    singular, plural = COUNT_LABELS[action]
    return f"{count} {plural if count > 1 else singular}"


@require_POST
def import_apply(request):
    """Imports the previewed file, all or nothing, with import_hearings() as the command does."""
    index = hearing_index_or_404()
    require_import_permission(request.user, index)
    form = HearingImportApplyForm(request.POST)
    context = {"form": HearingImportForm(), "columns": COLUMN_HELP, "index": index}
    if not form.is_valid():
        messages.error(request, _("Le fichier à importer manque : chargez-le de nouveau."))
        return redirect("hearings_admin_import")
    try:
        stats = importer.import_hearings(index, form.cleaned_data["contenu"])
    except importer.HearingImportError:
        # The data changed since the preview (a term deleted...): show the rows again, with their errors.
        messages.error(request, _("Le fichier ne peut plus être importé tel quel : rien n’a été importé."))
        return preview_response(request, index, form.cleaned_data["contenu"], context, status=400)
    except DATABASE_ERRORS:
        # The import is one transaction: nothing of it was kept. The preview comes back with its
        # button, so that the team imports the checked file again without choosing it again.
        messages.error(
            request,
            _(
                "L’import n’a pas pu se faire : la base de données est momentanément occupée ou "
                "indisponible. Rien n’a été importé ; importez à nouveau ce fichier dans un instant."
            ),
        )
        return preview_response(request, index, form.cleaned_data["contenu"], context, status=503)
    messages.success(
        request,
        _("Import terminé : %(hearings)s ; organismes : %(organisms)s.")
        % {
            "hearings": ", ".join(
                [
                    agree(stats["created"], "audition créée"),
                    agree(stats["updated"], "mise à jour", "mises à jour"),
                    agree(stats["unchanged"], "inchangée"),
                ]
            ),
            "organisms": ", ".join(
                [agree(stats["organisms_created"], "créé"), agree(stats["organisms_updated"], "mis à jour")]
            ),
        },
    )
    return redirect("wagtailadmin_explore", index.pk)


def import_template(request):
    """The template file: the columns and example rows (hearings/fixtures/auditions_exemple.csv)."""
    require_import_permission(request.user, hearing_index_or_404())
    response = HttpResponse(
        "\ufeff" + TEMPLATE_FILE.read_text(encoding="utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="modele-import-auditions.csv"'
    return response
