"""Admin leftovers in English or broken French, fixed the framework's way (locale/ of the project,
panel labels, a data migration for Wagtail's « Root »)."""

import re

from tests.discussion.conftest import make_hearing


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    html = re.sub(r'(class|id|for|name|data-[a-z-]+)="[^"]*"', " ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_login_form_is_french(client, db):
    text = visible_text(client.get("/admin/login/"))
    assert "Mot de passe" in text and "Password" not in text


def test_hearing_edit_form_reads_french(admin_client, db):
    hearing = make_hearing(title="Audition de l’Observatoire de la musique")
    text = visible_text(admin_client.get(f"/admin/pages/{hearing.pk}/edit/"))
    assert "Modification : Audition" in text and "Modification de Audition" not in text
    assert "Ajouter : organisme auditionné" in text and "Ajouter un(e)" not in text
    assert "Organismes auditionnés" in text  # the panel's heading
    assert "Identifiant dans l’adresse" in text and "Slug" not in text
    assert "Root" not in text


def test_root_page_search_and_export_form(admin_client, db):
    hearing = make_hearing(title="Audition de l’Observatoire de la musique")
    assert "Racine" in visible_text(admin_client.get("/admin/pages/"))
    assert "Root" not in visible_text(admin_client.get(f"/admin/pages/{hearing.get_parent().pk}/"))
    text = visible_text(admin_client.get("/admin/pages/search/", {"q": "Observatoire"}))
    assert re.search(r"1-1 sur 1 pages?\b", text) and "None" not in text
    text = visible_text(admin_client.get("/admin/contributions/export/"))
    assert "(threads)" not in text and "fils de discussion" in text
