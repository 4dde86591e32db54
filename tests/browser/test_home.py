from home.demo import load_mission_pages


def test_home_page_navigation_leads_to_the_mission(live_server, page, transactional_db):
    load_mission_pages()

    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Mission culture-acte 2"
    assert page.title().startswith("Accueil")

    page.locator("#fr-navigation").get_by_role("link", name="La mission").click()
    page.wait_for_url(live_server.url + "/la-mission/")
    assert page.locator("h1").inner_text() == "La mission"
    assert page.locator("#fr-navigation [aria-current=page]").inner_text() == "La mission"
    assert page.problems == []


def test_phone_menu_opens_and_leads_to_the_mission(live_server, page, transactional_db):
    load_mission_pages()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Menu").click()
    page.locator("#fr-navigation").get_by_role("link", name="La mission").click()
    page.wait_for_url(live_server.url + "/la-mission/")
    assert page.problems == []
