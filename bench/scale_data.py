"""A large, realistic data set on top of the demo content, for load benchmarks.

`bench/generate_scale_data.py` calls `generate()` (bench/load builds its database with it).
Everything is inserted in bulk (pages with
computed treebeard paths, hearing rows, comments with django-comments-xtd's threading fields
computed here), with a fixed seed, from the words and names of the demo helpers:

- N hearings under « Auditions » (slug `echelle-00001`...), each with 1 to 3 organisms (the demo
  organisms and a few hundred more made by `get_or_create_organism`), a summary and a transcript;
- M comments: exactly 500 published ones on the first of these hearings, exactly 2,000 on a new
  question (`consultation-a-grande-echelle`), the rest spread with a long tail over the other new
  hearings and the demo questions (most hearings get a few or none, a few get hundreds); about 3 %
  of that tail does not count (awaiting confirmation, or removed by the moderation).

Comments are threaded like real ones: about half are replies, to depth 2, and `thread_id`,
`parent_id`, `level`, `order` and `nested_count` are those `XtdComment.save()` would compute.
"""

import datetime
import random
import time
from bisect import bisect
from collections import Counter
from itertools import accumulate

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from discussion.demo import DEMO_NAMES, DEMO_TEXTS
from discussion.models import DiscussionComment
from frontcache import fragments
from hearings.demo import (
    FIRST_NAMES,
    LAST_NAMES,
    NAME_PATTERNS,
    PLACES,
    ROLES,
    SECTOR_COMPLEMENTS,
    get_or_create_hearing_index,
    get_or_create_organism,
)
from hearings.models import HearingIndexPage, HearingOrganism, HearingPage, Organism
from hearings.taxonomy_terms import FAMILIES, NATURES, SECTORS
from home.demo import get_home_page, get_or_create_child_page
from questions.demo import question_body
from questions.models import QuestionIndexPage, QuestionPage
from questions.subscriptions import publication_mails_suspended

SLUG_PREFIX = "echelle-"
EMAIL_DOMAIN = "echelle.culture-acte2.invalid"
BIG_HEARING_COMMENTS = 500
BIG_QUESTION_COMMENTS = 2000
BIG_QUESTION_SLUG = "consultation-a-grande-echelle"
# Share of the remaining comments that go to the demo questions; the rest go to the new hearings.
QUESTION_SHARE = 0.08
# No hearing of the tail gets more comments than this (the 500-comment hearing stays the largest).
TAIL_CAP = 400
REPLY_SHARE = 0.5
UNCONFIRMED_SHARE = 0.02
REMOVED_SHARE = 0.01
FIRST_DAY = datetime.date(2012, 9, 3)
LAST_DAY = datetime.date(2013, 3, 29)
PROGRESS_REPORT_DAY = datetime.date(2012, 12, 6)  # before it hearings are held, after it planned
BATCH = 2000

TOPICS = [
    "la rémunération des auteurs", "la copie privée", "la chronologie des médias", "l’offre légale",
    "le prix unique du livre numérique", "la réponse graduée", "le financement de la création",
    "la gestion collective", "les quotas radio", "la neutralité du réseau", "la TVA sur le livre numérique",
    "l’exception culturelle", "les plateformes de vidéo à la demande", "le streaming musical",
    "la numérisation du patrimoine", "les droits voisins", "la fiscalité des services en ligne",
]  # fmt: skip
SENTENCES = [
    "Nous constatons une forte croissance des usages en ligne depuis deux ans.",
    "Les revenus ne suivent pas cette croissance et les auteurs en sont les premières victimes.",
    "Une régulation adaptée doit tenir compte de la diversité des acteurs.",
    "Les petits éditeurs indépendants n’ont pas les moyens de négocier avec les grandes plateformes.",
    "Le public demande des catalogues complets, à un prix raisonnable et sans contrainte technique.",
    "Nous proposons une concertation entre les ayants droit, les opérateurs et les pouvoirs publics.",
    "La mission devrait examiner les expériences menées dans d’autres pays européens.",
    "Il faut distinguer la contrefaçon commerciale des usages non marchands.",
    "La transparence des comptes et des clés de répartition est une condition de la confiance.",
    "Nos adhérents attendent des mesures concrètes avant la fin de l’année.",
]


def scale_hearings():
    return HearingPage.objects.filter(slug__startswith=SLUG_PREFIX)


def scale_comments():
    return DiscussionComment.objects.filter(user_email__endswith="@" + EMAIL_DOMAIN)


class ScaleDataError(Exception):
    """The data set cannot be built (the message says why and what to do)."""


def generate(hearings=10_000, comments=200_000, seed=2012, index=True, log=print):
    """Build the data set; returns {"hearings", "comments", "published"}. Does nothing when the
    same data set is already there; refuses when another one is."""
    minimum = BIG_HEARING_COMMENTS + BIG_QUESTION_COMMENTS
    if hearings < 2 or comments < minimum:
        raise ScaleDataError(f"At least 2 hearings and {minimum} comments (500 + 2,000) are needed.")
    existing_hearings, existing_comments = scale_hearings().count(), scale_comments().count()
    if existing_hearings or existing_comments:
        if (existing_hearings, existing_comments) == (hearings, comments):
            log(f"Scale data already there: {hearings} hearings, {comments} comments. Nothing done.")
            return summary()
        raise ScaleDataError(
            f"Another scale data set is already there ({existing_hearings} hearings, "
            f"{existing_comments} comments): build it in a fresh database."
        )
    home = get_home_page()
    hearing_index = HearingIndexPage.objects.child_of(home).first()
    question_index = QuestionIndexPage.objects.child_of(home).first()
    if hearing_index is None or question_index is None or not QuestionPage.objects.exists():
        raise ScaleDataError("The demo content is missing: run `manage.py load_demo_content` first.")

    rng = random.Random(seed)
    with transaction.atomic():
        started = time.perf_counter()
        organisms = _organisms(rng, max(hearings // 20, 20))
        log(f"Organisms: {len(organisms)} ({time.perf_counter() - started:.1f} s)")

        started = time.perf_counter()
        hearing_pks = _hearings(rng, get_or_create_hearing_index(home)[0], hearings, organisms)
        log(f"Hearings: {len(hearing_pks)} created ({time.perf_counter() - started:.1f} s)")

        started = time.perf_counter()
        with publication_mails_suspended():
            big_question, _ = get_or_create_child_page(
                question_index,
                QuestionPage,
                BIG_QUESTION_SLUG,
                title="Quelle culture voulez-vous à l’ère numérique ? La grande consultation",
                theme=QuestionPage.Theme.POLICY,
                asked_on=datetime.date(2012, 10, 1),
                introduction="Une consultation ouverte à tous, sur toutes les questions de la mission.",
                body=question_body(QuestionPage.Theme.POLICY),
            )
        questions = list(QuestionPage.objects.exclude(pk=big_question.pk).order_by("pk"))
        plan = _comment_plan(rng, hearing_pks, questions, big_question, comments)
        created = _comments(rng, plan)
        log(f"Comments: {created} created ({time.perf_counter() - started:.1f} s)")

    # Rows inserted in bulk send no signal: renew the cached fragments.
    fragments.renew()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if index:
        started = time.perf_counter()
        _index_hearings(hearing_pks)
        log(f"Search index: {len(hearing_pks)} hearings ({time.perf_counter() - started:.1f} s)")
    return summary()


def summary():
    return {
        "hearings": scale_hearings().count(),
        "comments": scale_comments().count(),
        "published": scale_comments().published().count(),
    }


def _organisms(rng, count):
    """The demo organisms and `count` new ones, through the demo helper (a few hundred rows)."""
    organisms = list(Organism.objects.exclude(slug__startswith=SLUG_PREFIX).order_by("pk"))
    for number in range(1, count + 1):
        nature = NATURES[number % len(NATURES)][0]
        family = FAMILIES[number % len(FAMILIES)][0]
        sectors = [SECTORS[number % len(SECTORS)][0]]
        if number % 3 == 0:
            sectors.append(SECTORS[(number * 7 + 3) % len(SECTORS)][0])
        if nature == "personnalite-qualifiee":
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        else:
            pattern = rng.choice(NAME_PATTERNS[nature])
            name = pattern.format(de=SECTOR_COMPLEMENTS[sectors[0]], place=rng.choice(PLACES))
        organism, _ = get_or_create_organism(
            f"{name} ({number})", nature, family, sectors, slug=f"{SLUG_PREFIX}{number:05d}"
        )
        organisms.append(organism)
    return organisms


def _hearing_dates(rng, count):
    days = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return sorted(
        timezone.make_aware(datetime.datetime.combine(rng.choice(days), datetime.time(rng.randint(9, 18))))
        for _ in range(count)
    )


def _status(rng, when):
    draw = rng.random()
    if when.date() < PROGRESS_REPORT_DAY:
        return (
            HearingPage.Status.HELD
            if draw < 0.9
            else (HearingPage.Status.CANCELLED if draw < 0.95 else HearingPage.Status.DECLINED)
        )
    return HearingPage.Status.PLANNED if draw < 0.95 else HearingPage.Status.DECLINED


def _transcript(rng, names):
    paragraphs = []
    for turn in range(rng.randint(6, 12)):
        speaker = "Pierre Lescure" if turn % 2 == 0 else rng.choice(names)
        words = " ".join(rng.sample(SENTENCES, 3))
        paragraphs.append(
            f"<p><b>{speaker}</b> : Sur {rng.choice(TOPICS)}, {words[0].lower()}{words[1:]}</p>"
        )
    return "".join(paragraphs)


def _hearings(rng, index, count, organisms):
    """`count` published hearings under `index`, inserted in bulk; returns their page ids in order
    (the first one is held, for the 500 comments)."""
    index = Page.objects.get(pk=index.pk)
    last_child = index.get_last_child()
    first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    content_type = ContentType.objects.get_for_model(HearingPage)
    now = timezone.now()
    pages, hearings = [], []
    for number, when in enumerate(_hearing_dates(rng, count)):
        heard = rng.sample(organisms, rng.choices([1, 2, 3], weights=[80, 15, 5])[0])
        names = " et ".join(organism.name for organism in heard)
        status = HearingPage.Status.HELD if number == 0 else _status(rng, when)
        interview = rng.random() < 0.1
        title = f"Entretien avec {names}" if interview else f"Audition de {names}"
        slug = f"{SLUG_PREFIX}{number + 1:05d}"
        published = (
            when + datetime.timedelta(days=2)
            if status == HearingPage.Status.HELD
            else (when - datetime.timedelta(days=10))
        )
        pages.append(
            Page(
                title=title[:255],
                draft_title=title[:255],
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, first_step + number),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=min(published, now),
                last_published_at=min(published, now),
                locale_id=index.locale_id,
            )
        )
        held = status == HearingPage.Status.HELD
        hearings.append(
            (
                HearingPage(
                    kind=HearingPage.Kind.INTERVIEW if interview else HearingPage.Kind.HEARING,
                    hearing_date=when,
                    status=status,
                    summary=(
                        f"La mission a entendu {names} sur {rng.choice(TOPICS)} et {rng.choice(TOPICS)}. "
                        "Compte rendu illustratif."
                        if held
                        else f"Audition de {names}."
                    ),
                    body=[],
                    transcript=_transcript(rng, [o.name for o in heard]) if held else "",
                    video_url=f"https://www.dailymotion.com/video/x{number:06d}" if held else "",
                ),
                heard,
            )
        )
    pages = Page.objects.bulk_create(pages, batch_size=BATCH)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    for page, (hearing, _heard) in zip(pages, hearings, strict=True):
        hearing.page_ptr_id = hearing.pk = page.pk
    fields = HearingPage._meta.local_concrete_fields
    rows = [hearing for hearing, _heard in hearings]
    for start in range(0, len(rows), BATCH):
        HearingPage.objects._insert(rows[start : start + BATCH], fields=fields)
    HearingOrganism.objects.bulk_create(
        (
            HearingOrganism(
                page_id=hearing.pk,
                organism=organism,
                sort_order=order,
                speakers=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, {rng.choice(ROLES)}",
            )
            for hearing, heard in hearings
            for order, organism in enumerate(heard)
        ),
        batch_size=BATCH,
    )
    return [page.pk for page in pages]


def _comment_plan(rng, hearing_pks, questions, big_question, total):
    """[(content type id, page id, first day, number of comments, exact)]: the two exact pages,
    then the long tail over the other hearings and the questions."""
    hearing_type = ContentType.objects.get_for_model(HearingPage).pk
    question_type = ContentType.objects.get_for_model(QuestionPage).pk
    dates = dict(HearingPage.objects.filter(pk__in=hearing_pks).values_list("pk", "hearing_date"))
    plan = [
        (hearing_type, hearing_pks[0], dates[hearing_pks[0]], BIG_HEARING_COMMENTS, True),
        (question_type, big_question.pk, _day_start(big_question.asked_on), BIG_QUESTION_COMMENTS, True),
    ]
    tail = total - BIG_HEARING_COMMENTS - BIG_QUESTION_COMMENTS
    to_questions = round(tail * QUESTION_SHARE) if questions else 0
    # A long tail: weights drawn from a Pareto law, a third of the hearings get nothing.
    others = hearing_pks[1:]
    weights = [0.0 if rng.random() < 0.33 else rng.paretovariate(1.2) for _ in others] if others else []
    counts = _spread(rng, others, weights, tail - to_questions, TAIL_CAP) if others else Counter()
    if not others:
        to_questions = tail
    for pk in others:
        if counts[pk]:
            plan.append((hearing_type, pk, dates[pk], counts[pk], False))
    question_counts = _spread(rng, questions, [rng.uniform(0.5, 1.5) for _ in questions], to_questions, None)
    for question in questions:
        if question_counts[question]:
            plan.append(
                (question_type, question.pk, _day_start(question.asked_on), question_counts[question], False)
            )
    return plan


def _spread(rng, items, weights, total, cap):
    """Draw `total` items by weight, none more than `cap` times (the excess goes elsewhere)."""
    counts = Counter()
    remaining = total
    weights = list(weights)
    while remaining:
        cumulative = list(accumulate(weights))
        if not cumulative or cumulative[-1] <= 0:
            weights = [1.0] * len(items)
            cumulative = list(accumulate(weights))
        for _ in range(remaining):
            counts[items[bisect(cumulative, rng.random() * cumulative[-1])]] += 1
        remaining = 0
        if cap is not None:
            for position, item in enumerate(items):
                if counts[item] > cap:
                    remaining += counts[item] - cap
                    counts[item] = cap
                if counts[item] >= cap:
                    weights[position] = 0.0
    return counts


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _comments(rng, plan):
    """Insert the planned comments in batches of pages; returns the number created."""
    created, batch = 0, []
    for item in plan:
        batch.append(item)
        if sum(entry[3] for entry in batch) >= 20_000:
            created += _insert_comments(rng, batch)
            batch = []
    if batch:
        created += _insert_comments(rng, batch)
    return created


def _page_comments(rng, content_type_id, page_pk, start, count, exact):
    """The comments of one page, in time order, as (Comment row, parent position or None, state)."""
    span = 60 * 24 * 3600
    stamps = sorted(rng.uniform(0, span) for _ in range(count))
    levels, rows = [], []
    for position, offset in enumerate(stamps):
        parent = None
        if position and rng.random() < REPLY_SHARE:
            candidates = [
                p
                for p in range(max(0, position - 8), position)
                if levels[p] < settings.COMMENTS_XTD_MAX_THREAD_LEVEL
            ]
            parent = rng.choice(candidates) if candidates else None
        levels.append(0 if parent is None else levels[parent] + 1)
        state = "published"
        if not exact:
            draw = rng.random()
            if draw < UNCONFIRMED_SHARE:
                state = "unconfirmed"
            elif draw < UNCONFIRMED_SHARE + REMOVED_SHARE:
                state = "removed"
        name = rng.choice(DEMO_NAMES)
        when = start + datetime.timedelta(seconds=offset)
        rows.append(
            (
                Comment(
                    content_type_id=content_type_id,
                    object_pk=str(page_pk),
                    site_id=settings.SITE_ID,
                    user_name=name,
                    user_email=f"contributeur{rng.randrange(1, 20_000)}@{EMAIL_DOMAIN}",
                    user_url="",
                    comment=rng.choice(DEMO_TEXTS),
                    submit_date=when,
                    is_public=state != "unconfirmed",
                    is_removed=state == "removed",
                ),
                parent,
                state,
            )
        )
    return rows


def _insert_comments(rng, plan):
    page_rows = [_page_comments(rng, *item) for item in plan]
    bases = Comment.objects.bulk_create([row[0] for rows in page_rows for row in rows], batch_size=BATCH)
    assert all(base.pk for base in bases), "the database must return the ids of bulk-inserted rows"
    threaded, extra = [], []
    for rows in page_rows:
        ids = [row[0].pk for row in rows]
        fields = thread_fields([row[1] for row in rows])
        for (base, parent, state), (root, level, order, nested) in zip(rows, fields, strict=True):
            threaded.append(
                XtdComment(
                    comment_ptr_id=base.pk,
                    thread_id=ids[root],
                    parent_id=base.pk if parent is None else ids[parent],
                    level=level,
                    order=order,
                    followup=False,
                    nested_count=nested,
                )
            )
            extra.append(
                DiscussionComment(
                    xtdcomment_ptr_id=base.pk,
                    confirmed_at=None if state == "unconfirmed" else base.submit_date,
                    published_at=None if state == "unconfirmed" else base.submit_date,
                    removal_reason="hors-sujet" if state == "removed" else "",
                )
            )
    for model, objects in ((XtdComment, threaded), (DiscussionComment, extra)):
        fields = model._meta.local_concrete_fields
        for start in range(0, len(objects), BATCH):
            model.objects._insert(objects[start : start + BATCH], fields=fields)
    return len(bases)


def thread_fields(parents):
    """For comments in time order, each given by the position of its parent (None for a new
    thread), the (position of the thread's first comment, level, order, nested count) that
    XtdComment.save() computes one comment at a time: `order` numbers a thread in pre-order with
    replies in time order, `nested_count` counts every reply below a comment."""
    roots, levels, children = [], [], {}
    for position, parent in enumerate(parents):
        roots.append(position if parent is None else roots[parent])
        levels.append(0 if parent is None else levels[parent] + 1)
        if parent is not None:
            children.setdefault(parent, []).append(position)
    orders, nested = [0] * len(parents), [0] * len(parents)
    for position, parent in enumerate(parents):
        if parent is not None:
            continue
        counter, stack = 0, [position]
        while stack:  # pre-order walk of one thread
            current = stack.pop()
            counter += 1
            orders[current] = counter
            stack.extend(reversed(children.get(current, [])))
    for position in reversed(range(len(parents))):  # replies come after their parent
        parent = parents[position]
        if parent is not None:
            nested[parent] += nested[position] + 1
    return [
        (roots[position], levels[position], orders[position], nested[position])
        for position in range(len(parents))
    ]


def _index_hearings(pks):
    from wagtail.search.backends import get_search_backend

    search_index = get_search_backend().get_index_for_model(HearingPage)
    for start in range(0, len(pks), 500):
        batch = list(HearingPage.get_indexed_objects().filter(pk__in=pks[start : start + 500]))
        search_index.add_items(HearingPage, batch)
