"""A written contribution's download link (DSFR's fr-link--download): its icon follows the label and
never lands on the format and size (fr-link__detail) shown under it, whatever the column's width."""

from hearings.demo import attach_contribution
from hearings.models import HearingOrganism
from tests.discussion.conftest import make_hearing

TITLE = "Contribution écrite de l’Observatoire national de la musique"

# Every client rectangle of the link's lines (the last one holds the icon) against the detail's.
OVERLAPS_AT_WIDTHS = """(link, [from, to]) => {
  const detail = link.querySelector(".fr-link__detail");
  const item = link.closest("li");
  const widths = [];
  for (let width = from; width <= to; width += 1) {
    item.style.width = width + "px";
    const d = detail.getBoundingClientRect();
    const lines = [...link.getClientRects()];
    const icon = lines[lines.length - 1];
    if (icon.left < d.right && d.left < icon.right && icon.top < d.bottom && d.top < icon.bottom) {
      widths.push(width);
    }
  }
  return widths;
}"""


def test_the_download_icon_never_covers_the_format_and_size(live_server, page, transactional_db):
    hearing = make_hearing(title="Audition de l’Observatoire national de la musique")
    organism = HearingOrganism.objects.get(page=hearing).organism
    organism.name = "Observatoire national de la musique"
    organism.save()
    attach_contribution(hearing, organism, title=TITLE)
    for viewport in (1280, 390):
        page.set_viewport_size({"width": viewport, "height": 900})
        page.goto(live_server.url + hearing.url)
        link = page.locator("a.fr-link--download[download]").first
        link.wait_for()
        assert "PDF" in link.locator(".fr-link__detail").inner_text()
        # The title names the organism already: it is not added a second time.
        assert link.locator(".download-link__label").inner_text() == TITLE
        assert link.evaluate(OVERLAPS_AT_WIDTHS, [150, 700]) == []
