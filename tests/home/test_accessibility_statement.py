import re

CONFORMITY_LEVELS = "non conforme|partiellement conforme|totalement conforme"


def test_accessibility_statement_follows_the_rgaa_model(client, mission_site):
    html = client.get("/accessibilite/").content.decode()

    headings = re.findall(r"<h2>(.*?)</h2>", html)
    for section in (
        "État de conformité",
        "Ce qui est vérifié, et comment",
        "Contenus non accessibles",
        "Retour d’information et contact",
        "Voies de recours",
    ):
        assert section in headings
    assert "aucun audit de conformité" in html
    for check in ("axe-core", "Nu Html Checker", "clavier", "320 pixels", "zoom de 200 %"):
        assert check in html
    assert 'href="mailto:accessibilite@culture-acte2.fr"' in html
    assert "Défenseur des droits" in html


def test_footer_link_announces_the_level_of_the_statement(client, mission_site):
    statement = client.get("/accessibilite/").content.decode()
    stated = re.search(rf"est <b>({CONFORMITY_LEVELS})</b> avec le référentiel", statement).group(1)

    for url in ("/", "/la-mission/", "/plan-du-site/"):
        html = client.get(url).content.decode()
        footer = html[html.index('id="footer"') :]
        announced = re.search(rf'href="/accessibilite/">Accessibilité : ({CONFORMITY_LEVELS})</a>', footer)
        assert announced.group(1) == stated == "non conforme", url
