import re

from accessibility.audit import current_audit

CONFORMITY_LEVELS = "non conforme|partiellement conforme|totalement conforme"


def test_accessibility_statement_follows_the_rgaa_model(client, mission_site):
    html = client.get("/accessibilite/").content.decode()

    headings = re.findall(r"<h2>(.*?)</h2>", html)
    for section in (
        "État de conformité",
        "Contenus non accessibles",
        "Établissement de cette déclaration",
        "Ce qui est vérifié à chaque modification",
        "Retour d’information et contact",
        "Voies de recours",
    ):
        assert section in headings
    for check in ("axe-core", "Nu Html Checker", "clavier", "320 pixels", "zoom de 200 %"):
        assert check in html
    assert 'href="mailto:accessibilite@culture-acte2.fr"' in html
    assert "Défenseur des droits" in html


def test_statement_shows_the_rate_non_conformities_and_date_of_the_audit_grid(client, mission_site):
    audit = current_audit()
    html = client.get("/accessibilite/").content.decode()

    rate = f"{audit.rate:g}".replace(".", ",")
    assert f"révèle que <b>{rate} %</b> des critères du RGAA version 4.1 sont respectés" in html
    assert f'<time datetime="{audit.date:%Y-%m-%d}">' in html
    assert audit.non_conformities  # the grid is honest: the site is not totally conformant
    for criterion, pages in audit.non_conformities:
        assert f"<b>Critère {criterion.number}</b>" in html
        assert f"Pages concernées : {', '.join(pages)}." in html
    assert html.count('<th scope="row">') == 106  # the whole grid, one row per criterion
    for sample in audit.pages:
        assert f'<a href="{sample["url"]}">' in html


def test_footer_link_announces_the_level_of_the_statement(client, mission_site):
    statement = client.get("/accessibilite/").content.decode()
    stated = re.search(rf"est <b>({CONFORMITY_LEVELS})</b> avec le référentiel", statement).group(1)

    for url in ("/", "/la-mission/", "/plan-du-site/"):
        html = client.get(url).content.decode()
        footer = html[html.index('id="footer"') :]
        announced = re.search(rf'href="/accessibilite/">Accessibilité : ({CONFORMITY_LEVELS})</a>', footer)
        assert announced.group(1) == stated == current_audit().level, url
