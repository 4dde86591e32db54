import pytest

from home.demo import load_mission_pages


@pytest.fixture
def mission_site(db):
    """The home page and the mission pages of the demo content."""
    home, pages = load_mission_pages()
    return home, pages
