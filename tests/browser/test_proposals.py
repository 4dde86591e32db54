"""The proposals in a browser: an editor creates a proposal, links its sources, posts an update
and its followers are mailed; a visitor follows a proposal, finds where their comment is cited,
and comments a paragraph of a text in consultation."""

import re

from django.core import mail
from playwright.sync_api import expect

from discussion.demo import create_comment
from hearings.models import ActorFamily, OrganismNature, Sector
from hearings.taxonomy_terms import ensure_terms
from proposals.demo import get_or_create_consultation_text, get_or_create_proposal, get_or_create_report
from proposals.models import CitedComment, ProposalFollower, ProposalPage
from tests.browser.test_comments import confirm_from_last_mail
from tests.discussion.conftest import make_hearing

THIRD_PARTY_ADMIN = re.compile(r"gravatar\.com|wagtail\.org|ERR_NAME_NOT_RESOLVED")
TERM_MODELS = {"OrganismNature": OrganismNature, "ActorFamily": ActorFamily, "Sector": Sector}
LINK = re.compile(r"https?://\S+/suivi-des-propositions/\S+/")


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def log_in(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("redactrice", "redactrice@example.org", "mot-de-passe-test")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "redactrice")
    page.fill("#id_password", "mot-de-passe-test")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def choose_page(page, chooser, title):
    """Open a page chooser and pick `title` through the modal's search."""
    page.locator(f"{chooser} .unchosen [data-chooser-action-choose]").click()
    modal = page.locator(".modal")
    modal.locator("input[name=q]").fill(title)
    modal.get_by_role("link", name=title).first.click()


def test_editor_creates_a_proposal_links_sources_and_posts_an_update(
    live_server, page, transactional_db, django_user_model, settings
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    ensure_terms(TERM_MODELS.get)
    hearing = make_hearing(slug="audition-musiciens", title="Audition des musiciens")
    report, _ = get_or_create_report(hearing.get_parent().get_parent())
    comment = create_comment(hearing, "Un fonds pour la musique en ligne serait utile.", name="Claire")
    log_in(page, live_server, django_user_model)

    page.goto(f"{live_server.url}/admin/pages/add/proposals/proposalpage/{report.pk}/")
    page.fill("#id_title", "Créer un fonds pour la musique en ligne")
    page.fill("#id_number", "12")
    page.select_option("#id_status", "retenue")
    page.locator("#id_theme-chooser .unchosen [data-chooser-action-choose]").click()
    page.locator(".modal").get_by_role("link", name="Musique", exact=True).click()
    expect(page.locator("#id_theme")).not_to_have_value("")
    page.fill("#id_lead_body", "Ministère de la Culture et de la Communication")
    page.locator("[data-contentpath='text'] [contenteditable='true']").fill(
        "Un fonds alimenté par le numérique."
    )
    page.locator("#id_sources-ADD").click()
    choose_page(page, "#id_sources-0-page-chooser", "Audition des musiciens")
    expect(page.locator("#id_sources-0-page")).not_to_have_value("")
    page.locator("#id_cited_comments-ADD").click()
    page.locator("#id_cited_comments-0-comment-chooser .unchosen [data-chooser-action-choose]").click()
    modal = page.locator(".modal")
    modal.get_by_label("Page commentée (titre)").fill("musiciens")
    modal.get_by_role("link", name=re.compile("Un fonds pour la musique")).click()
    expect(page.locator("#id_cited_comments-0-comment")).to_have_value(str(comment.pk))
    page.locator('button[name="action-publish"]').evaluate("button => button.click()")
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))

    proposal = ProposalPage.objects.get(number=12)
    assert proposal.live and CitedComment.objects.get(proposal=proposal).comment_id == comment.pk
    ProposalFollower.objects.create(proposal=proposal, email="suiveur@example.org").confirm()

    # The update, in « Suivi des propositions ».
    page.goto(live_server.url + "/admin/propositions/suivi/new/")
    choose_page(page, "#id_proposal-chooser", "Créer un fonds pour la musique en ligne")
    page.fill("#id_date", "2013-09-01")
    page.keyboard.press("Escape")
    page.fill("#id_text", "Le décret créant le fonds est publié.")
    page.fill("#id_link_url", "https://www.legifrance.gouv.fr/exemple")
    page.fill("#id_link_label", "Décret n° 2013-1")
    page.locator("form button[type=submit]", has_text=re.compile("Créer|Enregistrer")).first.click()
    page.wait_for_url(re.compile(r".*/admin/propositions/suivi/$"))
    assert [message.to for message in mail.outbox] == [["suiveur@example.org"]]
    assert "Le décret créant le fonds est publié." in mail.outbox[0].body

    page.problems.clear()
    page.goto(live_server.url + proposal.url)
    sources = page.locator("#sources")
    expect(sources.get_by_role("link", name="Audition des musiciens", exact=True)).to_be_visible()
    expect(sources.get_by_text("Un fonds pour la musique en ligne serait utile.")).to_be_visible()
    expect(page.locator("#suivi").get_by_role("link", name="Décret n° 2013-1")).to_be_visible()
    page.goto(live_server.url + hearing.url)
    expect(
        page.locator(f"#c{comment.pk}").get_by_role("link", name="Cité dans la proposition n° 12")
    ).to_be_visible()
    assert [problem for problem in page.problems if not THIRD_PARTY_ADMIN.search(problem)] == []


def test_visitor_follows_finds_their_cited_comment_and_comments_a_paragraph(
    live_server, page, transactional_db
):
    ensure_terms(TERM_MODELS.get)
    hearing = make_hearing(slug="audition-musiciens", title="Audition des musiciens")
    home = hearing.get_parent().get_parent()
    report, _ = get_or_create_report(home)
    proposal, _ = get_or_create_proposal(
        report, 12, "Créer un fonds pour la musique en ligne", "musique", "Ministère"
    )
    comment = create_comment(
        hearing, "Mon idée de fonds pour la musique.", name="Léa", email="lea@example.org"
    )
    proposal.cited_comments.add(CitedComment(comment=comment))
    proposal.save_revision().publish()
    text, _ = get_or_create_consultation_text(home)

    # Follow the proposal: the mailed link's page asks for a click before anything is recorded.
    page.goto(live_server.url + proposal.url)
    page.locator("form.proposal-follow").get_by_label("Adresse électronique").fill("lea@example.org")
    page.get_by_role("button", name="Suivre cette proposition").click()
    assert page.locator("h1").inner_text() == "Vérifiez votre messagerie"
    link = next(url for url in LINK.findall(mail.outbox[-1].body) if "/confirmer/" in url)
    page.goto(live_server.url + path_of(link))
    assert not ProposalFollower.objects.get().is_confirmed
    page.get_by_role("button", name="Confirmer").click()
    assert page.locator("h1").inner_text() == "Suivi confirmé"
    assert ProposalFollower.objects.get().is_confirmed

    # Where my comment was cited: on my comment, a link to the proposal.
    page.goto(f"{live_server.url}{hearing.url}#c{comment.pk}")
    page.locator(f"#c{comment.pk}").get_by_role("link", name="Cité dans la proposition n° 12").click()
    page.wait_for_url(live_server.url + proposal.url)
    expect(page.locator("#sources").get_by_text("Mon idée de fonds pour la musique.")).to_be_visible()

    # Comment the second paragraph of the text in consultation, with the keyboard.
    page.goto(live_server.url + text.url)
    link = page.get_by_role("link", name="Commenter le paragraphe 2 (0 commentaire)")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*\?paragraphe=.*#fil$"))
    thread = page.locator("#fil")
    expect(thread.get_by_role("heading", name="Commentaires du paragraphe 2")).to_be_visible()
    form = thread.locator("form.discussion-form")
    form.get_by_label("Nom ou pseudonyme").fill("Léa")
    form.get_by_label("Adresse électronique").fill("lea@example.org")
    form.get_by_label("Commentaire (obligatoire)").fill("Et les bibliothèques ?")
    form.get_by_role("button", name="Publier le commentaire").click()
    assert page.locator("h1").inner_text() == "Confirmez votre commentaire"
    confirm_from_last_mail(page, live_server)
    page.goto(live_server.url + text.url)
    expect(page.get_by_role("link", name="Commenter le paragraphe 2 (1 commentaire)")).to_be_visible()
    page.get_by_role("link", name="Commenter le paragraphe 2 (1 commentaire)").click()
    expect(page.locator("#fil").get_by_text("Et les bibliothèques ?")).to_be_visible()
    page.get_by_role("link", name="Commenter le paragraphe 1 (0 commentaire)").click()
    expect(page.locator("#fil").get_by_text("Et les bibliothèques ?")).to_have_count(0)
    # Requests cut short by the next navigation (the visit beacon, the theme's artwork: clicks
    # follow each other at once) are not defects of these pages; script errors are.
    assert [problem for problem in page.problems if not problem.startswith("request failed")] == []
