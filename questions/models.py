"""The participatory blog: questions put to the public, and the people who follow them by email."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from discussion.counts import comment_counts
from discussion.models import CommentableMixin
from frontcache.routes import PurgedRoutesMixin
from hearings.models import HearingPage
from home.blocks import BodyBlock
from home.clock import today as site_today
from optin.addresses import DoubleOptIn, normalize_email

QUESTIONS_PER_PAGE = 10


# --- Pages ------------------------------------------------------------------------------------


class QuestionQuerySet(PageQuerySet):
    def open(self, today=None):
        today = today or site_today()
        return self.filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))


class QuestionIndexPage(PurgedRoutesMixin, RoutablePageMixin, Page):
    """« Le blog participatif »: the questions put to the public, and the subscribe block."""

    # A purge of the page also purges these (frontcache/routes.py).
    purged_routes = ("feed",)

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["questions.QuestionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("blog participatif")
        verbose_name_plural = _("blogs participatifs")

    def get_context(self, request, *args, **kwargs):
        from questions.forms import QuestionSortForm

        context = super().get_context(request, *args, **kwargs)
        form = QuestionSortForm(request.GET)
        sort, page_number = form.cleaned_sort_and_page()
        questions = list(
            QuestionPage.objects.live().public().descendant_of(self).order_by("-asked_on", "-pk")
        )
        counts = comment_counts(questions)
        for question in questions:
            question.comment_count = counts.get(question.pk, 0)
        if sort == QuestionSortForm.MOST_COMMENTED:
            # sorted() is stable: equal counts keep the newest first.
            questions.sort(key=lambda question: question.comment_count, reverse=True)
        context.update(
            sort_form=form,
            sort=sort,
            questions=Paginator(questions, QUESTIONS_PER_PAGE).get_page(page_number),
            subscriber_count=Subscriber.objects.counted().count(),
            follow_block_shown=True,
        )
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from questions.feeds import QuestionFeed

        return QuestionFeed(self)(request)


class QuestionPage(CommentableMixin, Page):
    """A question put to the public; its title is the question itself."""

    class Theme(models.TextChoices):
        PRACTICES = "pratiques", _("Pratiques culturelles numériques")
        ACCESS = "acces", _("Accès aux œuvres et offre légale")
        CREATORS = "createurs", _("Rémunération des créateurs")
        FUNDING = "financement", _("Financement de la création")
        COPYRIGHT = "droit-auteur", _("Droit d’auteur et contrefaçon")
        POLICY = "politique", _("Politique culturelle")

    introduction = models.TextField(
        _("introduction"), help_text=_("Quelques lignes qui posent la question, affichées dans les listes.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)
    theme = models.CharField(_("thème"), max_length=30, choices=Theme.choices)
    asked_on = models.DateField(_("posée le"), default=datetime.date.today)
    closes_on = models.DateField(
        _("close le"),
        null=True,
        blank=True,
        help_text=_("Dernier jour pour répondre ; laisser vide pour une question ouverte sans limite."),
    )

    objects = PageManager.from_queryset(QuestionQuerySet)()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldRowPanel([FieldPanel("asked_on"), FieldPanel("closes_on")]),
            ],
            heading=_("La question"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("related_hearings", heading=_("Auditions liées"), label=_("audition liée")),
        *CommentableMixin.comment_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction", boost=2),
        index.SearchField("body"),
        index.FilterField("theme"),
        index.FilterField("asked_on"),
        index.FilterField("closes_on"),
    ]

    api_fields = [
        APIField("theme"),
        APIField("asked_on"),
        APIField("closes_on"),
        APIField("introduction"),
        APIField("published_comment_count"),
    ]

    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def is_open(self, today=None):
        return self.closes_on is None or self.closes_on >= (today or site_today())

    def comments_are_open(self, now=None):
        # A closed question takes no more answers, whatever its comment settings say.
        today = timezone.localdate(now) if now else None  # a given instant is read as is
        return self.is_open(today) and super().comments_are_open(now)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = list(self.related_hearings.all())
        # public() reads the view restrictions at once: not worth a query without links.
        visible = (
            HearingPage.objects.live().public().in_bulk([link.hearing_id for link in links]) if links else {}
        )
        context["related_hearing_pages"] = [
            visible[link.hearing_id] for link in links if link.hearing_id in visible
        ]
        context["comment_count"] = comment_counts([self]).get(self.pk, 0)
        return context


class QuestionRelatedHearing(Orderable):
    page = ParentalKey(QuestionPage, on_delete=models.CASCADE, related_name="related_hearings")
    hearing = models.ForeignKey(
        "hearings.HearingPage", verbose_name=_("audition"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("hearing")]

    class Meta(Orderable.Meta):
        verbose_name = _("audition liée")
        verbose_name_plural = _("auditions liées")


# --- Subscribers ------------------------------------------------------------------------------


class SubscriberQuerySet(models.QuerySet):
    def counted(self):
        """Counted subscribers (PRODUCT.md, counting rules): confirmed and not unsubscribed."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def pending(self):
        return self.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True)

    def unsubscribed(self):
        return self.filter(unsubscribed_at__isnull=False)


class Subscriber(DoubleOptIn, models.Model):
    """Someone who asked to be mailed when a question or a hearing is published.

    Only what the service needs is kept: the address and the dates of the three steps (no name,
    no IP address, no token: links are signed, not stored)."""

    class State(models.TextChoices):
        PENDING = "attente", _("En attente de confirmation")
        CONFIRMED = "confirme", _("Confirmé")
        UNSUBSCRIBED = "desabonne", _("Désabonné")

    # Unique once normalised (save() lowercases it): asking twice can only ever find the same row.
    email = models.EmailField(_("adresse électronique"), max_length=254, unique=True)
    requested_at = models.DateTimeField(_("demande"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmation"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désabonnement"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("abonné")
        verbose_name_plural = _("abonnés")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def state(self):
        if self.unsubscribed_at:
            return self.State.UNSUBSCRIBED
        if self.confirmed_at:
            return self.State.CONFIRMED
        return self.State.PENDING

    def state_label(self):
        return self.State(self.state).label

    state_label.short_description = _("état")


class NotificationSent(models.Model):
    """The record that subscribers were told about a page, so that re-publishing mails no one."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)
    recipient_count = models.PositiveIntegerField(_("destinataires"), null=True, blank=True)
    completed_at = models.DateTimeField(_("envoi terminé"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(_("envois échoués"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("annonce aux abonnés")
        verbose_name_plural = _("annonces aux abonnés")

    def __str__(self):
        return str(self.page)

    def state_label(self):
        if self.completed_at:
            return _("Envoyée")
        if self.failed_attempts:
            return _("En échec, nouvel essai prévu")
        return _("En cours d’envoi")

    state_label.short_description = _("état")


class AnnouncementMail(models.Model):
    """One subscriber's mail about one page, recorded once it has left: a retry after a failure
    mails only those who have none, and nobody twice."""

    notification = models.ForeignKey(NotificationSent, on_delete=models.CASCADE, related_name="mails")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "subscriber"], name="one_announcement_per_subscriber"
            )
        ]

    def __str__(self):
        return f"{self.page_id} ({self.created_at:%Y-%m-%d})"


def newest_open_questions(today=None, limit=6):
    """The newest open questions (the home page's block), without their counts: one query."""
    return list(QuestionPage.objects.live().public().open(today).order_by("-asked_on", "-pk")[:limit])
