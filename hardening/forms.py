"""Upload forms of the admin: Wagtail's, with clearer French messages for refused files.

Wired by WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE, so that the single
upload, the multiple upload and the chooser's upload all use them.
"""

import copy

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


def megapixels(pixels):
    return f"{pixels / 1_000_000:.1f}".removesuffix(".0").replace(".", ",")


def grouped(number):
    return number_format(number, force_grouping=True)


class ImageUploadField(WagtailImageField):
    """Says which dimensions are refused, and why, rather than raw pixel counts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's message names the format it found: « svg » for any text starting with « < »
        # (an HTML page renamed .png), which misleads more than it helps.
        self.error_messages["invalid_image_known_format"] = (
            "Ce fichier n’est pas une image .%(extension)s valide : son contenu ne correspond pas à son "
            f"extension. Formats acceptés : {self.supported_formats_text}."
        )

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError as error:
            if error.code != "file_too_many_pixels":
                raise
            raise ValidationError(self.too_many_pixels_message(f), code="file_too_many_pixels") from None

    def too_many_pixels_message(self, f):
        maximum = f"le maximum est de {megapixels(self.max_image_pixels)} mégapixels"
        advice = "Réduisez ses dimensions avant de l’envoyer."
        try:
            width, height = f.image.get_size()
            frames = f.image.get_frame_count()
        except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
            return f"Cette image compte beaucoup trop de pixels : {maximum}. {advice}"
        size = f"{grouped(width)} × {grouped(height)} pixels"
        if frames > 1:
            total = megapixels(width * height * frames)
            return (
                f"Cette animation compte {frames} images de {size}, soit {total} mégapixels : {maximum}. "
                + advice
            )
        return (
            f"Cette image mesure {size}, soit {megapixels(width * height)} mégapixels : {maximum}. {advice}"
        )


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = ImageUploadField(
                label=field.label, required=field.required, widget=field.widget
            )


class DocumentForm(BaseDocumentForm):
    def _post_clean(self):
        # Wagtail's Document.clean() checks the extension of the file on the instance; when the
        # upload was already refused (too big) there is none, and it would add a confusing
        # « L’extension de fichier «  » n’est pas autorisée » under the real reason.
        refused = copy.copy(self._errors.get("file"))
        super()._post_clean()
        if refused:
            self._errors["file"] = refused
