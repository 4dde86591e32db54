from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import DocumentBlock, ImageBlock, QuoteBlock


class VideoBlock(blocks.StructBlock):
    """A video hosted elsewhere, with its transcript.

    Rendered without oEmbed: the page never fetches anything from the provider at render time.
    """

    url = blocks.URLBlock(label=_("Adresse de la vidéo"))
    title = blocks.CharBlock(label=_("Titre de la vidéo"), max_length=255)
    transcript = blocks.RichTextBlock(
        label=_("Transcription"), required=False, features=["bold", "italic", "ol", "ul", "link"]
    )

    class Meta:
        icon = "media"
        label = _("Vidéo")
        template = "blocks/video_block.html"


class HearingBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Texte"),
        features=["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph_block.html",
    )
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()
    image = ImageBlock()
