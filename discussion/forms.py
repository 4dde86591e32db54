from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from discussion.models import STATES, PersonalDataRequest, RemovalReason, VisitorReaction

# The largest id of an integer column on every backend: a larger one names no comment, and
# sending it to the database would raise (OverflowError on SQLite) instead of finding nothing.
MAX_COMMENT_ID = 2**31 - 1


def comment_id(value):
    """The comment id written in `value` (ASCII digits, within the column's range), else None."""
    if not (isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 10):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_COMMENT_ID else None


class CommentIdConverter:
    """A comment id in a URL: a number the id column can hold, else the URL matches nothing (404)."""

    regex = "[0-9]{1,10}"

    def to_python(self, value):
        number = comment_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)


class CommentForm(XtdCommentForm):
    """The public comment form: the honeypot, timestamp and security hash of django_comments."""

    # The column holds 254 characters (RFC 5321's limit); django_comments' field has no limit.
    email = forms.EmailField(max_length=254)
    # 0 for a new thread; bounded so that no value reaches the database it could not hold.
    reply_to = forms.IntegerField(
        required=True, initial=0, min_value=0, max_value=MAX_COMMENT_ID, widget=forms.HiddenInput()
    )
    paragraph = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No author link: fewer spam links, and nothing to show beside the name.
        del self.fields["url"]
        self.fields["name"].label = _("Nom ou pseudonyme")
        self.fields["name"].help_text = _("Affiché avec votre commentaire.")
        self.fields["name"].widget = forms.TextInput(attrs={"autocomplete": "name", "class": "fr-input"})
        self.fields["email"].label = _("Adresse électronique")
        self.fields["email"].help_text = _(
            "Jamais affichée. Elle sert à confirmer votre commentaire (un lien vous est envoyé)."
        )
        self.fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email", "class": "fr-input"})
        self.fields["comment"].label = _("Commentaire")
        self.fields["comment"].help_text = _(
            "Texte simple, 3 000 caractères au plus ; les adresses web deviennent des liens."
        )
        self.fields["comment"].widget = forms.Textarea(attrs={"rows": 6, "class": "fr-input"})
        self.fields["followup"].label = _("Me prévenir par courriel des nouveaux commentaires sur cette page")
        self.fields["followup"].widget.attrs = {}
        self.fields["honeypot"].label = _("Laissez ce champ vide")
        self.fields["honeypot"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_paragraph(self):
        """The paragraph commented, on a page commented paragraph by paragraph: one of the keys
        the page offers now (`commentable_paragraphs()`), else nothing (reply_to is cleaned
        before it)."""
        value = self.cleaned_data.get("paragraph", "")
        offered = getattr(self.target_object, "commentable_paragraphs", None)
        if offered is None or self.cleaned_data.get("reply_to"):
            return ""  # a reply takes its thread's paragraph (services.create_comment)
        if value not in offered():
            # A form error, not the hidden field's: the form page shows it above the fields.
            self.add_error(
                None,
                _("Ce paragraphe n’existe plus ou a changé depuis l’ouverture de la page : rechargez-la."),
            )
            return ""
        return value

    def clean_comment(self):
        text = self.cleaned_data["comment"].strip()
        if not text:
            raise forms.ValidationError(_("Le commentaire est vide."))
        return text

    def clean(self):
        return super(XtdCommentForm, self).clean()


class TargetForm(forms.Form):
    """The page a comment is posted on, as django_comments' form sends it ("app.model", pk)."""

    content_type = forms.RegexField(regex=r"^[a-z0-9_]+\.[a-z0-9_]+$", max_length=100)
    object_pk = forms.IntegerField(min_value=1)


class ThreadPageForm(forms.Form):
    commentaires = forms.IntegerField(min_value=1, required=False)


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Pourquoi signalez-vous ce commentaire ?"),
        choices=VisitorReaction.FlagReason.choices,
        widget=forms.RadioSelect,
    )


class RemovalForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Motif du retrait"), choices=RemovalReason.choices, widget=forms.RadioSelect
    )


class BulkForm(forms.Form):
    ACTIONS = [("approve", _("Approuver")), ("remove", _("Retirer"))]

    action = forms.ChoiceField(
        choices=ACTIONS,
        error_messages={"required": _("Choisissez l’action à appliquer aux commentaires cochés.")},
    )
    reason = forms.ChoiceField(choices=[("", "—"), *RemovalReason.choices], required=False)
    selected = forms.TypedMultipleChoiceField(coerce=int, choices=[])

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].choices = [(pk, pk) for pk in choices]

    def clean(self):
        data = super().clean()
        if data.get("action") == "remove" and not data.get("reason"):
            self.add_error("reason", _("Choisissez le motif du retrait."))
        return data


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("Adresse électronique de la personne"))
    action = forms.ChoiceField(
        label=_("Action"), choices=PersonalDataRequest.Action.choices, widget=forms.RadioSelect
    )


class PageField(forms.ModelChoiceField):
    """A page id as Wagtail's page chooser sends it; text that is not an id is refused as an
    unknown page, before it reaches the database or the chooser's rendering."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if comment_id(str(value)) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, str) and comment_id(value) is None:
            return None
        return super().prepare_value(value)


class ExportForm(forms.Form):
    """The query string of the rapporteurs' export (discussion/export.py): section, page, date
    range, state and format. The page comes from Wagtail's page chooser (a searchable modal), so
    that the form stays small whatever the number of pages."""

    ALL_STATES = "tous"

    section = forms.ChoiceField(label=_("Section"), required=False)
    page = PageField(
        label=_("Page commentée"),
        queryset=Page.objects.all(),
        required=False,
        help_text=_("Laissez vide pour toutes les pages de la section."),
        error_messages={"invalid_choice": _("Choisissez une page commentable.")},
    )
    du = forms.DateField(
        label=_("Du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Indiquez une date au format AAAA-MM-JJ.")},
    )
    au = forms.DateField(
        label=_("Au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Indiquez une date au format AAAA-MM-JJ.")},
    )
    etat = forms.ChoiceField(
        label=_("État des commentaires"),
        choices=[*STATES, (ALL_STATES, _("tous les états"))],
        initial="publie",
        required=False,
        help_text=_("« publié » : le texte que le public a lu."),
        error_messages={"invalid_choice": _("Choisissez un état dans la liste.")},
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("html", _("Document HTML lisible (fils de discussion, imprimable)")),
            ("csv", _("Tableur CSV")),
        ],
        initial="html",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez un format."),
            "invalid_choice": _("Choisissez le format HTML ou CSV."),
        },
    )
    telecharger = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from discussion import export  # noqa: PLC0415 (the page models are loaded by then)

        super().__init__(*args, **kwargs)
        self.sections = {key: model for key, label, model in export.sections()}
        self.fields["section"].choices = [
            ("", _("Toutes les sections")),
            *[(key, label) for key, label, model in export.sections()],
        ]
        self.fields["section"].error_messages["invalid_choice"] = _("Choisissez une section dans la liste.")
        self.fields["page"].widget = AdminPageChooser(target_models=list(self.sections.values()))

    def clean_page(self):
        page = self.cleaned_data["page"]
        if page is not None and page.specific_class not in self.sections.values():
            raise forms.ValidationError(_("Choisissez une page commentable : audition, question…"))
        return page

    def clean(self):
        data = super().clean()
        if data.get("du") and data.get("au") and data["du"] > data["au"]:
            self.add_error("au", _("La date de fin précède la date de début."))
        return data

    def filters(self):
        """The keyword arguments of export.contributions()."""
        data = self.cleaned_data
        state = data["etat"] or "publie"
        return {
            "section": self.sections.get(data["section"]),
            "page": data["page"],
            "start": data["du"],
            "end": data["au"],
            "state": None if state == self.ALL_STATES else state,
        }

    def file_stem(self):
        data = self.cleaned_data
        if data["page"] is not None:
            return f"contributions-{data['page'].slug}"
        return f"contributions-{data['section'] or 'toutes-les-pages'}"

    def section_label(self):
        return dict(self.fields["section"].choices).get(self.cleaned_data.get("section"), "")

    def summary(self):
        """The filters in words, at the top of the document: « Auditions — du 1 octobre 2012… »."""
        data = self.cleaned_data
        parts = [str(self.section_label()) if data["section"] else str(_("Toutes les sections"))]
        if data["du"]:
            parts.append(str(_("depuis le %(date)s")) % {"date": date_format(data["du"])})
        if data["au"]:
            parts.append(str(_("jusqu’au %(date)s")) % {"date": date_format(data["au"])})
        state = data["etat"] or "publie"
        parts.append(str(_("état : %(state)s")) % {"state": dict(self.fields["etat"].choices)[state]})
        return " — ".join(parts)


class QueuePageForm(forms.Form):
    """The « page commentée » filter of the moderation queue, through Wagtail's page chooser."""

    page_commentee = PageField(label=_("Page commentée"), queryset=Page.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        from discussion.moderation import commentable_models  # noqa: PLC0415

        super().__init__(*args, **kwargs)
        self.fields["page_commentee"].widget = AdminPageChooser(target_models=commentable_models())
