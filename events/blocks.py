import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

PARIS = ZoneInfo("Europe/Paris")

# A session without an end time is shown, and put in the calendar, as lasting this long.
DEFAULT_SESSION_DURATION = datetime.timedelta(hours=2)


class Audience(blocks.ChoiceBlock):
    LOCAL_ACTORS = "acteurs-locaux"
    STUDENTS = "etudiants"
    GENERAL_PUBLIC = "grand-public"
    CHOICES = [
        (LOCAL_ACTORS, _("Acteurs locaux")),
        (STUDENTS, _("Étudiants")),
        (GENERAL_PUBLIC, _("Grand public")),
    ]

    def __init__(self, **kwargs):
        super().__init__(choices=self.CHOICES, **kwargs)


class VenueBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Lieu"), max_length=200)
    address = blocks.TextBlock(
        label=_("Adresse"), required=False, help_text=_("Numéro, rue, code postal et ville.")
    )

    class Meta:
        icon = "site"
        label = _("Lieu")


def in_paris(moment):
    """`moment` in Paris time: the admin saves aware datetimes; naive ones are taken as Paris time."""
    if moment is None:
        return None
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=PARIS)
    return moment.astimezone(PARIS)


class SessionStructValue(blocks.StructValue):
    def starts_at_paris(self):
        return in_paris(self.get("starts_at"))

    def ends_at_paris(self):
        starts_at = self.starts_at_paris()
        if starts_at is None:
            return None
        ends_at = self.get("ends_at")
        if ends_at is None:
            return starts_at + DEFAULT_SESSION_DURATION
        return datetime.datetime.combine(starts_at.date(), ends_at, tzinfo=PARIS)

    def audience_label(self):
        return dict(Audience.CHOICES).get(self.get("audience"), "")

    def location(self):
        venue = self.get("venue") or {}
        parts = [venue.get("name", "")] + (venue.get("address", "") or "").splitlines()
        return ", ".join(part.strip() for part in parts if part and part.strip())


class SessionBlock(blocks.StructBlock):
    """One session of a trip's programme: a meeting, a lecture with students, a public debate."""

    starts_at = blocks.DateTimeBlock(label=_("Date et heure de début"))
    ends_at = blocks.TimeBlock(
        label=_("Heure de fin"),
        required=False,
        help_text=_("Le même jour. Laisser vide pour une durée de deux heures."),
    )
    title = blocks.CharBlock(label=_("Intitulé"), max_length=200)
    venue = VenueBlock()
    audience = Audience(label=_("Public"), default=Audience.LOCAL_ACTORS)
    description = blocks.TextBlock(label=_("Description"), required=False)
    registration_url = blocks.URLBlock(
        label=_("Lien d’inscription"),
        required=False,
        help_text=_("Laisser vide si l’accès est libre ou sur invitation."),
    )
    capacity = blocks.IntegerBlock(
        label=_("Nombre de places"), required=False, min_value=1, help_text=_("Laisser vide si sans limite.")
    )

    def clean(self, value):
        value = super().clean(value)
        starts_at, ends_at = value.get("starts_at"), value.get("ends_at")
        if starts_at and ends_at and ends_at <= in_paris(starts_at).time():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "ends_at": ValidationError(_("L’heure de fin doit être postérieure à l’heure de début."))
                }
            )
        return value

    class Meta:
        icon = "date"
        label = _("Séance")
        template = "blocks/session_block.html"
        value_class = SessionStructValue


class ProgrammeBlock(blocks.StreamBlock):
    session = SessionBlock()
