"""axe-core, from the project's node_modules (package.json pins it), run inside a Playwright page."""

import json
import os
from pathlib import Path

import pytest

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_or_skip():
    if not AXE_SCRIPT.exists():
        reason = f"{AXE_SCRIPT} is missing: run `npm ci` (make test does it when node_modules is missing)"
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE_SCRIPT


def axe_version():
    return json.loads((AXE_SCRIPT.parent / "package.json").read_text())["version"]


def run_axe(page, tags=WCAG_21_AA_TAGS):
    """The violations axe-core finds in the page as it is now (WCAG 2.1 A and AA rules)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's debugging protocol, which the site's Content-Security-Policy
        # does not govern (an injected <script> tag would be refused, as it should be).
        page.evaluate(AXE_SCRIPT.read_text() + "\n;undefined")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        tags,
    )
    return result["violations"]


def describe_violation(violation):
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    more = len(violation["nodes"]) - 5
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} — {targets}" + (
        f" (+{more})" if more > 0 else ""
    )
