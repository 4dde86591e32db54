import io

import pytest
from django.utils.translation import gettext_lazy

from hardening import spreadsheet


@pytest.mark.parametrize("text", ["=1+1", "+33 1 23", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert spreadsheet.safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Sacem", "a=b", "", 3, -3, 2.5, None])
def test_other_cells_are_left_alone(value):
    assert spreadsheet.safe_cell(value) == value


def test_the_writer_neutralises_every_cell_and_lazy_text():
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["=A1", gettext_lazy("@x"), -1, "ok"])
    writer.writerows([["+1"]])
    assert buffer.getvalue() == "'=A1;'@x;-1;ok\n'+1\n"
