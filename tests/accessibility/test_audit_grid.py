"""The RGAA self-audit grid (accessibility/audit/): every page type has its column, every cell is
C, NC or NA with a reason, and the rate follows the RGAA method."""

import csv

import pytest

from accessibility.audit import GRID, METADATA, AuditGridError, read_audit
from tests.accessibility.pages import demo_page_of, load_demo_site, public_page_models
from tests.accessibility.test_pages import WITHOUT_DEMO_PAGE


def test_every_page_type_has_a_column_in_the_audit_grid(db):
    load_demo_site()
    covered = read_audit().covered_types()
    for model in public_page_models():
        label = model._meta.label
        if label in WITHOUT_DEMO_PAGE:
            continue  # nothing to audit yet; test_pages fails once its demo page exists
        assert label in covered, f"{label} has no column in {GRID.name}: audit a page of it ({METADATA.name})"
        assert demo_page_of(model) is not None


def test_each_sample_page_answers(client, db):
    load_demo_site()
    for sample in read_audit().pages:
        assert client.get(sample["url"]).status_code == 200, sample["url"]


def write_grid(path, rows, keys=("a", "b")):
    with open(path, "w", newline="", encoding="utf-8") as grid:
        writer = csv.writer(grid)
        writer.writerow(["critere", "thematique", "intitule", *keys, "justification"])
        writer.writerows(rows)


def metadata(path, keys=("a", "b")):
    pages = "".join(
        f'[[pages]]\nkey = "{key}"\nlabel = "{key}"\nurl = "/{key}/"\ntypes = []\n' for key in keys
    )
    path.write_text(f'date = 2026-12-05\nmethod = "m"\ntools = []\n{pages}', encoding="utf-8")
    return path


def criteria_rows(results):
    """106 rows: the given (a, b) results first, then criteria not applicable anywhere."""
    rows = [[f"1.{n}", "Images", f"Critère {n}", a, b, "raison"] for n, (a, b) in enumerate(results, start=1)]
    return rows + [[f"13.{n}", "Consultation", "x", "NA", "NA", "raison"] for n in range(1, 107 - len(rows))]


def test_rate_follows_the_rgaa_method(tmp_path):
    # C on one page and NA on the other is conformant; NC on any page is non conformant.
    grid = tmp_path / "grille.csv"
    write_grid(grid, criteria_rows([("C", "NA"), ("C", "C"), ("C", "NC"), ("NA", "C")]))

    audit = read_audit(grid, metadata(tmp_path / "audit.toml"))

    assert (audit.count("C"), audit.count("NC"), audit.count("NA")) == (3, 1, 102)
    assert audit.rate == 75.0 and audit.level == "partiellement conforme"
    assert [(criterion.number, pages) for criterion, pages in audit.non_conformities] == [("1.3", ["b"])]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (criteria_rows([("C", "OK")]), "not C/NC/NA"),
        ([[*row[:5], ""] for row in criteria_rows([])], "no reason given"),
        (criteria_rows([])[:105], "105 criteria"),
    ],
)
def test_a_malformed_grid_is_refused(tmp_path, rows, message):
    grid = tmp_path / "grille.csv"
    write_grid(grid, rows)
    with pytest.raises(AuditGridError, match=message):
        read_audit(grid, metadata(tmp_path / "audit.toml"))


def test_a_sample_page_without_its_column_is_refused(tmp_path):
    grid = tmp_path / "grille.csv"
    write_grid(grid, criteria_rows([]))
    with pytest.raises(AuditGridError, match="columns"):
        read_audit(grid, metadata(tmp_path / "audit.toml", keys=("a", "b", "c")))
