"""The RGAA 4.1 self-audit, kept in the repository as data and read by the statement page.

- `audit/grille-rgaa-4.1.csv`: the 106 criteria (number, theme, title), one column per sample page
  with its result (C conforme, NC non conforme, NA non applicable), and the reason (« justification »);
- `audit/audit.toml`: the audit's date, method and tools, the sample pages (column, label, address,
  the page types or views it stands for), the derogations, the contents not subject to the law and
  the action plan.

The rate follows the RGAA method: a criterion is non conformant if it fails on one page of the
sample, conformant if it passes on at least one page and fails on none, not applicable otherwise;
the rate is conformant criteria / (conformant + non conformant).
"""

import csv
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

AUDIT_DIR = Path(__file__).resolve().parent / "audit"
GRID = AUDIT_DIR / "grille-rgaa-4.1.csv"
METADATA = AUDIT_DIR / "audit.toml"
RESULTS = {"C", "NC", "NA"}
FIXED_COLUMNS = ("critere", "thematique", "intitule")
REASON_COLUMN = "justification"


class AuditGridError(ValueError):
    pass


@dataclass(frozen=True)
class Criterion:
    number: str
    theme: str
    title: str
    results: dict  # sample page key -> "C" | "NC" | "NA"
    reason: str

    @property
    def result(self):
        values = set(self.results.values())
        if "NC" in values:
            return "NC"
        return "C" if "C" in values else "NA"

    @property
    def ordered_results(self):
        return list(self.results.values())

    @property
    def failing_pages(self):
        return [key for key, value in self.results.items() if value == "NC"]


@dataclass(frozen=True)
class Audit:
    date: object
    method: str
    tools: list
    pages: list  # [{"key", "label", "url", "types"}]
    criteria: list
    derogations: list
    exempt: list
    schedule: list

    def count(self, result):
        return sum(1 for criterion in self.criteria if criterion.result == result)

    @property
    def count_conformant(self):
        return self.count("C")

    @property
    def count_non_conformant(self):
        return self.count("NC")

    @property
    def count_not_applicable(self):
        return self.count("NA")

    @property
    def rate(self):
        applicable = self.count("C") + self.count("NC")
        return round(100 * self.count("C") / applicable, 1) if applicable else 100.0

    @property
    def level(self):
        """The RGAA's wording: totalement (100 %), partiellement (50 % or more) or non conforme."""
        if self.rate == 100:
            return "totalement conforme"
        return "partiellement conforme" if self.rate >= 50 else "non conforme"

    @property
    def non_conformities(self):
        labels = {page["key"]: page["label"] for page in self.pages}
        return [
            (criterion, [labels[key] for key in criterion.failing_pages])
            for criterion in self.criteria
            if criterion.result == "NC"
        ]

    def covered_types(self):
        return {page_type for page in self.pages for page_type in page["types"]}


def read_audit(grid_path=GRID, metadata_path=METADATA):
    """The audit, checked: 106 criteria, one column per sample page, each cell C, NC or NA."""
    metadata = tomllib.loads(Path(metadata_path).read_text(encoding="utf-8"))
    keys = [page["key"] for page in metadata["pages"]]
    with open(grid_path, newline="", encoding="utf-8") as grid:
        reader = csv.DictReader(grid)
        expected = [*FIXED_COLUMNS, *keys, REASON_COLUMN]
        if reader.fieldnames != expected:
            raise AuditGridError(f"{grid_path}: columns {reader.fieldnames}, expected {expected}")
        criteria = []
        for line, row in enumerate(reader, start=2):
            results = {key: row[key].strip() for key in keys}
            wrong = {key: value for key, value in results.items() if value not in RESULTS}
            if wrong:
                raise AuditGridError(f"{grid_path}, line {line} ({row['critere']}): not C/NC/NA: {wrong}")
            if not row[REASON_COLUMN].strip():
                raise AuditGridError(f"{grid_path}, line {line} ({row['critere']}): no reason given")
            reason = row[REASON_COLUMN].strip()
            criteria.append(Criterion(row["critere"], row["thematique"], row["intitule"], results, reason))
    if len(criteria) != 106 or len({criterion.number for criterion in criteria}) != 106:
        raise AuditGridError(f"{grid_path}: {len(criteria)} criteria, RGAA 4.1 has 106")
    return Audit(
        date=metadata["date"],
        method=metadata["method"],
        tools=metadata["tools"],
        pages=metadata["pages"],
        criteria=criteria,
        derogations=metadata.get("derogations", []),
        exempt=metadata.get("exempt", []),
        schedule=metadata.get("schedule", []),
    )


@cache
def current_audit():
    """The audit in the repository, read once per process."""
    return read_audit()
