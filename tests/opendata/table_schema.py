"""A small validator of CSV files against their Table Schema (frictionless-py is not installed
here): what the « Données ouvertes » files use of the spec, checked the way the spec reads it."""

import csv
import datetime
import io
import re

YEARMONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def cell_error(value, descriptor):
    """None if `value` (a CSV cell, "" for missing) conforms to the field `descriptor`, else why."""
    if value == "":
        if descriptor.get("constraints", {}).get("required"):
            return "required value missing"
        return None
    kind = descriptor["type"]
    try:
        if kind == "string":
            return None
        if kind == "integer":
            if not re.fullmatch(r"-?\d+", value):
                return "not an integer"
        elif kind == "number":
            float(value)
        elif kind == "boolean":
            if value not in descriptor.get("trueValues", ["true"]) + descriptor.get("falseValues", ["false"]):
                return "not a boolean"
        elif kind == "date":
            datetime.date.fromisoformat(value)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return "not YYYY-MM-DD"
        elif kind == "datetime":
            moment = datetime.datetime.strptime(value, descriptor.get("format", "%Y-%m-%dT%H:%M:%SZ"))
            if descriptor.get("format", "").endswith("%z") and moment.tzinfo is None:
                return "no offset"
        elif kind == "yearmonth":
            if not YEARMONTH.match(value):
                return "not YYYY-MM"
        else:
            return f"unknown type {kind}"
    except ValueError as error:
        return str(error)
    return None


def validate_csv(text, schema):
    """The list of errors of the CSV `text` against `schema` (empty when valid)."""
    errors = []
    rows = list(csv.reader(io.StringIO(text)))
    names = [field["name"] for field in schema["fields"]]
    if not rows or rows[0] != names:
        return [f"header {rows[0] if rows else None} != {names}"]
    keys = set()
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(names):
            errors.append(f"row {number}: {len(row)} cells for {len(names)} fields")
            continue
        for value, descriptor in zip(row, schema["fields"], strict=True):
            error = cell_error(value, descriptor)
            if error:
                errors.append(f"row {number}, {descriptor['name']}={value!r}: {error}")
        if schema.get("primaryKey"):
            key = tuple(row[names.index(name)] for name in schema["primaryKey"])
            if key in keys:
                errors.append(f"row {number}: primary key {key} repeated")
            keys.add(key)
    return errors


def validate_package(package):
    """Errors of the descriptor itself (the parts of the Data Package spec tools rely on)."""
    errors = []
    for key in ("name", "resources", "licenses"):
        if key not in package:
            errors.append(f"missing {key}")
    for resource in package.get("resources", []):
        for key in ("name", "path", "schema"):
            if key not in resource:
                errors.append(f"resource without {key}")
        if not re.fullmatch(r"[a-z0-9._-]+", resource.get("name", "")):
            errors.append(f"resource name {resource.get('name')!r}")
        for field in resource.get("schema", {}).get("fields", []):
            if not {"name", "type"} <= set(field):
                errors.append(f"{resource.get('name')}: field without name or type")
    return errors
