"""The commentable page mixin and the comment model.

A comment is *published* when its email was confirmed (or its author logged in), a moderator did
not hold it, it is not removed and not hidden by flags: `PUBLISHED` is the one definition that the
threads, the counts and the admin share.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from frontcache.fragments import cached as editorial_cached
from home.blocks import BodyBlock

PUBLISHED = Q(is_public=True, is_removed=False, hidden_by_flags=False)
# Shown in a thread: published now, or published once and then removed or hidden (a placeholder
# keeps the thread readable).
SHOWN = Q(published_at__isnull=False)
# Flagged and waiting for a moderator: hidden by flags, or flagged and not yet reviewed.
FLAGGED = Q(hidden_by_flags=True) | Q(flag_count__gt=0, flags_reviewed=False)


class CommentableMixin(models.Model):
    """Gives a page type public comments: add it to the bases and `comment_panels` to its panels."""

    comments_open = models.BooleanField(_("commentaires ouverts"), default=True)
    comments_close_at = models.DateTimeField(
        _("fermeture des commentaires"),
        null=True,
        blank=True,
        help_text=_("Après cette date, le formulaire est remplacé par « Les commentaires sont fermés »."),
    )
    comments_premoderated = models.BooleanField(
        _("modération a priori"),
        default=False,
        help_text=_("Chaque commentaire attend la décision d’un modérateur avant d’être publié."),
    )

    comment_panels = [
        MultiFieldPanel(
            [
                FieldPanel("comments_open"),
                FieldPanel("comments_close_at"),
                FieldPanel("comments_premoderated"),
            ],
            heading=_("Commentaires"),
        )
    ]

    class Meta:
        abstract = True

    def get_absolute_url(self):
        # django-comments-xtd and django_comments call it; Wagtail pages only have get_url().
        return self.get_url()

    @property
    def published_comment_count(self):
        """The page's published comments (one query: listings use discussion.counts instead)."""
        from discussion.counts import comment_counts  # noqa: PLC0415 - counts imports this module

        return comment_counts([self])[self.pk]

    def comments_are_open(self, now=None):
        if not self.comments_open:
            return False
        now = now or timezone.now()
        return self.comments_close_at is None or now < self.comments_close_at


class RemovalReason(models.TextChoices):
    OFF_TOPIC = "hors-sujet", _("hors sujet")
    ABUSIVE = "injurieux", _("injurieux")
    ADVERTISING = "publicite", _("publicité")
    PERSONAL_DATA = "donnees-personnelles", _("données personnelles")
    OTHER = "autre", _("autre")


# What each removal reason means, as the participation charter states it: the moderators choose
# from RemovalReason, the charter lists these rules, and a removed comment links to its rule.
REMOVAL_RULES = {
    RemovalReason.OFF_TOPIC: _(
        "Le commentaire ne porte pas sur le sujet de la page (audition, question ou déplacement) : "
        "les échanges restent utiles à la mission quand chacun répond à ce qui est en discussion."
    ),
    RemovalReason.ABUSIVE: _(
        "Insultes, propos haineux, diffamatoires, discriminatoires ou menaçants, envers quiconque, "
        "y compris les organismes auditionnés et les autres participants."
    ),
    RemovalReason.ADVERTISING: _(
        "Promotion commerciale, liens publicitaires, messages répétés ou automatiques (spam)."
    ),
    RemovalReason.PERSONAL_DATA: _(
        "Adresse électronique, numéro de téléphone, adresse postale ou toute information permettant "
        "d’identifier une personne sans son accord, y compris vous-même."
    ),
    RemovalReason.OTHER: _(
        "Tout autre contenu contraire à la loi (contrefaçon, atteinte à la vie privée, incitation "
        "à commettre un délit) ; la modération en précise alors la raison si on la lui demande."
    ),
}


def removal_rule_anchor(reason):
    """The charter's anchor of a removal reason's rule: « motif-hors-sujet »."""
    return f"motif-{reason or RemovalReason.OTHER}"


class ParticipationCharterPage(Page):
    """« Charte de participation »: what is welcome, what is removed and why (the rules above,
    which the moderators choose from), how long data is kept and how to have it erased.

    It lives here because it states this app's rules and the comment form links to it."""

    introduction = models.TextField(_("introduction"), blank=True)
    welcome = StreamField(BodyBlock(), verbose_name=_("ce qui est bienvenu"), blank=True)
    personal_data = StreamField(
        BodyBlock(),
        verbose_name=_("données personnelles, conservation et effacement"),
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("welcome"),
        FieldPanel("personal_data"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("welcome"),
        index.SearchField("personal_data"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("charte de participation")
        verbose_name_plural = _("chartes de participation")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["removal_rules"] = [
            {"anchor": removal_rule_anchor(value), "label": label, "rule": REMOVAL_RULES[value]}
            for value, label in RemovalReason.choices
        ]
        return context


def charter_url():
    """The charter's address (None before it is published), cached until the next edit."""

    def find():
        page = ParticipationCharterPage.objects.live().public().first()
        return page.get_url() if page else None

    return editorial_cached("participation-charter-url", find)


class DiscussionCommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(PUBLISHED)

    def for_page(self, page):
        return self.filter(object_pk=str(page.pk))


class DiscussionComment(XtdComment):
    """A comment with what our moderation needs; the threading comes from XtdComment."""

    confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True, db_index=True)
    removal_reason = models.CharField(
        _("motif du retrait"), max_length=30, choices=RemovalReason.choices, blank=True
    )
    hidden_by_flags = models.BooleanField(
        _("masqué après signalements"),
        default=False,
        help_text=_("Signalé par plusieurs visiteurs : masqué jusqu’à la décision d’un modérateur."),
    )
    flags_reviewed = models.BooleanField(_("signalements examinés"), default=False)
    flag_count = models.PositiveIntegerField(_("signalements"), default=0)
    like_count = models.PositiveIntegerField(_("« j’aime »"), default=0)
    is_mission_answer = models.BooleanField(_("réponse de la mission"), default=False)
    is_remarkable = models.BooleanField(_("contribution remarquable"), default=False)
    # On a page commented paragraph by paragraph (proposals.ConsultationTextPage): « <paragraph
    # key>:<version> », the paragraph and the version of its text the comment was written on.
    paragraph = models.CharField(_("paragraphe commenté"), max_length=64, blank=True, default="")

    objects = DiscussionCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")
        ordering = ["thread_id", "order"]
        permissions = [("moderate_comment", _("Peut modérer les commentaires"))]
        indexes = [
            # The few flagged comments (the queue's « signalés », the dashboard's count): without
            # it the queue walked every comment in date order to find its page of them.
            models.Index(
                fields=["xtdcomment_ptr"],
                condition=FLAGGED,
                name="discussion_flagged",
            ),
        ]

    def __str__(self):
        return f"{self.user_name} : {self.comment[:60]}"

    def get_absolute_url(self, anchor_pattern="#c%(id)s"):
        page = self.content_object
        return (page.get_url() if page else "/") + anchor_pattern % {"id": self.pk}

    def get_reply_url(self):
        from django.urls import reverse  # noqa: PLC0415

        return reverse("discussion:reply", kwargs={"comment_id": self.pk})

    @property
    def public_name(self):
        """The name the public reads: on a « Réponse de la mission », the mission's signature
        (home.MissionSettings, « La mission culture-acte 2 » by default); the editor who wrote it
        is named in the admin only. Otherwise the author's name."""
        if self.is_mission_answer:
            from home.models import DEFAULT_MISSION_SIGNATURE, MissionSettings  # noqa: PLC0415

            return MissionSettings.current().mission_signature or DEFAULT_MISSION_SIGNATURE
        return self.user_name

    @property
    def is_published(self):
        return self.is_public and not self.is_removed and not self.hidden_by_flags

    @property
    def state(self):
        if self.is_removed:
            return "retire"
        if self.confirmed_at is None:
            return "non-confirme"
        if self.hidden_by_flags or (self.flag_count and not self.flags_reviewed):
            return "signale"
        if not self.is_public:
            return "a-moderer"
        return "publie"

    def get_state_display(self):
        return dict(STATES)[self.state]

    def publish(self, now=None):
        self.is_public = True
        self.is_removed = False
        self.removal_reason = ""
        self.hidden_by_flags = False
        if self.published_at is None:
            self.published_at = now or timezone.now()


STATES = [
    ("a-moderer", _("à modérer")),
    ("publie", _("publié")),
    ("signale", _("signalé")),
    ("retire", _("retiré")),
    ("non-confirme", _("adresse non confirmée")),
]

STATE_FILTERS = {
    "a-moderer": Q(is_public=False, is_removed=False, confirmed_at__isnull=False),
    "publie": PUBLISHED,
    "signale": Q(is_removed=False) & FLAGGED,
    "retire": Q(is_removed=True),
    "non-confirme": Q(confirmed_at__isnull=True, is_removed=False),
}


class VisitorReaction(models.Model):
    """A like or a flag, counted once per visitor without storing the visitor's address.

    `visitor` is a keyed hash of the client address (or user id) and the comment id: stable for
    the same visitor on the same comment, useless to track anyone across comments.
    """

    class Kind(models.TextChoices):
        LIKE = "like", _("j’aime")
        FLAG = "flag", _("signalement")

    class FlagReason(models.TextChoices):
        SPAM = "publicite", _("publicité ou spam")
        ABUSIVE = "injurieux", _("propos injurieux ou haineux")
        PERSONAL_DATA = "donnees-personnelles", _("données personnelles")
        OFF_TOPIC = "hors-sujet", _("hors sujet")
        OTHER = "autre", _("autre")

    comment = models.ForeignKey(
        DiscussionComment, on_delete=models.CASCADE, related_name="reactions", verbose_name=_("commentaire")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    visitor = models.CharField(_("visiteur (empreinte)"), max_length=64)
    reason = models.CharField(_("motif"), max_length=30, choices=FlagReason.choices, blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("réaction")
        verbose_name_plural = _("réactions")
        constraints = [
            models.UniqueConstraint(fields=["comment", "kind", "visitor"], name="one_reaction_per_visitor")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.comment_id}"


class PersonalDataRequest(models.Model):
    """The log of RGPD requests: which action, how many comments, by whom; the email is hashed."""

    class Action(models.TextChoices):
        ANONYMISE = "anonymiser", _("anonymiser")
        DELETE = "supprimer", _("supprimer")

    email_hash = models.CharField(_("empreinte de l’adresse"), max_length=64)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    comment_count = models.PositiveIntegerField(_("commentaires traités"))
    done_by = models.CharField(_("fait par"), max_length=150)
    done_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("demande RGPD")
        verbose_name_plural = _("demandes RGPD")
        ordering = ["-done_at"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.comment_count}) — {self.done_at:%d/%m/%Y}"
