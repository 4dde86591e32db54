"""Uploads through the real admin views, as an editor of « Équipe communication ».

Every refused file gets a clear French message and leaves nothing behind (no object, no file in
the media directory), through each of Wagtail's three upload views: the « Ajouter » form, the
multiple upload (AJAX) and the chooser's upload tab. Documents are always served as attachments.
"""

import html
import io
import json
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import UploadedFile

MB = 1024 * 1024


def png_of(width, height):
    """A black-and-white PNG of any dimensions, built by hand: tens of kilobytes, whatever its size."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit per pixel, greyscale
    rows = zlib.compress(b"\0" * ((width + 7) // 8 + 1) * height, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def small_png():
    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), "steelblue").save(out, "PNG")
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


# What each refused image is: file name, content (built when needed: some are big), message.
REFUSED_IMAGES = {
    # A valid PNG padded past 10 MB (bytes after the end of a PNG are ignored by readers).
    "too heavy": (
        "lourde.png",
        lambda: small_png() + b"\0" * (11 * MB),
        "Ce fichier est trop gros (11,0 Mio). La taille de fichier maximale est de 10,0 Mio.",
    ),
    "too many pixels": (
        "immense.png",
        lambda: png_of(8000, 6000),
        "Cette image mesure 8 000 × 6 000 pixels, soit 48 mégapixels : le maximum est de 40 mégapixels.",
    ),
    # Past twice Pillow's own limit: its size cannot even be read safely.
    "decompression bomb": (
        "bombe.png",
        lambda: png_of(20_000, 20_000),
        "Cette image compte beaucoup trop de pixels : le maximum est de 40 mégapixels.",
    ),
    "SVG": (
        "dessin.svg",
        lambda: SVG,
        "Format d'image non supporté. Formats supportés : GIF, JPG, JPEG, PNG, WEBP.",
    ),
    "SVG renamed .png": (
        "dessin.png",
        lambda: SVG,
        "Ce fichier n’est pas une image .png valide : son contenu ne correspond pas à son extension.",
    ),
    "HTML as an image": ("page.html", lambda: HTML, "Format d'image non supporté."),
    "HTML renamed .png": ("page.png", lambda: HTML, "Ce fichier n’est pas une image .png valide"),
    "text renamed .png": (
        "notes.png",
        lambda: b"Compte rendu de l'audition du 21 novembre.\n",
        "Téléversez une image valide. Le fichier que vous avez transféré n’est pas une image ou bien est "
        "corrompu.",
    ),
}


@pytest.fixture
def editor(client, db):
    """A client logged in as a member of « Équipe communication » (not a superuser)."""
    user = get_user_model().objects.create_user("communicante", password="x")
    user.groups.add(Group.objects.get(name="Équipe communication"))
    client.force_login(user)
    return client


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def plain(text):
    """Text as an editor reads it: entities decoded, non-breaking spaces as spaces."""
    return re.sub(r"[\xa0\u202f]", " ", html.unescape(text))


def upload(client, kind, view, name, content):
    """Upload through one of the admin views; returns (accepted, text shown to the editor)."""
    file = SimpleUploadedFile(name, content)
    if view == "single":
        response = client.post(f"/admin/{kind}s/add/", {"title": "Essai", "file": file})
        assert response.status_code in (200, 302)
        return response.status_code == 302, plain(response.content.decode())
    if view == "multiple":
        response = client.post(
            f"/admin/{kind}s/multiple/add/", {"files[]": file}, headers={"x-requested-with": "XMLHttpRequest"}
        )
        assert response.status_code == 200
        data = response.json()
        return data["success"], plain(data.get("error_message", ""))
    prefix = f"{kind}-chooser-upload"
    response = client.post(
        f"/admin/{kind}s/chooser/create/", {f"{prefix}-title": "Essai", f"{prefix}-file": file}
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    return data["step"] != "reshow_creation_form", plain(data.get("htmlFragment", ""))


VIEWS = ["single", "multiple", "chooser"]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("case", REFUSED_IMAGES)
def test_a_refused_image_gets_a_french_message_and_nothing_is_stored(editor, view, case):
    name, content, message = REFUSED_IMAGES[case]
    before = media_files()
    accepted, shown = upload(editor, "image", view, name, content())
    assert not accepted
    assert message in shown
    assert not Image.objects.exists() and not UploadedFile.objects.exists()
    assert media_files() == before


@pytest.mark.parametrize("view", VIEWS)
def test_a_good_image_is_accepted_by_the_same_views(editor, view):
    accepted, shown = upload(editor, "image", view, "affiche.png", small_png())
    assert accepted, shown
    assert Image.objects.exists() or UploadedFile.objects.exists()


REFUSED_DOCUMENTS = {
    "too heavy": (
        "rapport.pdf",
        b"%PDF-1.4\n" + b"0" * (21 * MB),
        "Ce fichier est trop gros (21,0 Mio). La taille de fichier maximale est de 20,0 Mio.",
    ),
    "HTML": (
        "page.html",
        HTML,
        "L'extension de fichier « html » n’est pas autorisée. "
        "Les extensions autorisées sont :  csv, docx, odt, ods, pdf, pptx, rtf, txt, xlsx, zip.",
    ),
    "SVG": ("dessin.svg", SVG, "L'extension de fichier « svg » n’est pas autorisée."),
}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("case", REFUSED_DOCUMENTS)
def test_a_refused_document_gets_a_french_message_and_nothing_is_stored(editor, view, case):
    name, content, message = REFUSED_DOCUMENTS[case]
    before = media_files()
    accepted, shown = upload(editor, "document", view, name, content)
    assert not accepted
    assert message in shown
    # Only the real reason: not also Wagtail's check of an extension the refused file never got.
    assert case != "too heavy" or "extension" not in shown
    assert not Document.objects.exists() and not UploadedFile.objects.exists()
    assert media_files() == before


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("name", "content"), [("notes.txt", HTML), ("rapport.pdf", b"%PDF-1.4\n%%EOF\n")])
def test_documents_are_always_served_as_attachments(editor, client, view, name, content):
    """Even a text file holding HTML is downloaded, never rendered by the browser on our origin."""
    accepted, shown = upload(editor, "document", view, name, content)
    assert accepted, shown
    document = Document.objects.get()
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response["Content-Type"].startswith(("text/html", "image/svg"))
    assert b"".join(response.streaming_content) == content


def test_editing_an_image_without_a_new_file_keeps_it(editor):
    """The upload field the refusal messages come from must not make the file mandatory on edit."""
    assert upload(editor, "image", "single", "affiche.png", small_png())[0]
    image = Image.objects.get()
    form = editor.get(f"/admin/images/{image.pk}/").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "file"}
    response = editor.post(
        f"/admin/images/{image.pk}/", {**data, "title": "Affiche de la mission", "tags": ""}
    )
    assert response.status_code == 302, plain(response.content.decode())[:3000]
    image.refresh_from_db()
    assert image.title == "Affiche de la mission" and image.file.name == form.initial["file"].name
