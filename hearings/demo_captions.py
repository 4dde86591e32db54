"""The demo's captions: a short WebVTT file, generated here, for one hearing's video."""

import datetime

from django.core.files.base import ContentFile

from hearings.captions import timestamp

CAPTIONED_SLUG = "observatoire-national-de-la-musique-2012-10-01"
# (voice, text): the opening minutes of the hearing, made up like the rest of the demo.
CUES = [
    ("Pierre Lescure", "Bonjour à tous, et merci d’avoir répondu à l’invitation de la mission."),
    ("Pierre Lescure", "Nous commençons cette série d’auditions par la musique enregistrée."),
    (
        "Pierre Lescure",
        "Vous avez la parole pour une dizaine de minutes, puis nous vous poserons nos questions.",
    ),
    (
        "Observatoire national de la musique",
        "Merci. Nous suivons chaque année les ventes physiques et numériques.",
    ),
    ("Observatoire national de la musique", "En 2012, le numérique représente près d’un quart du marché."),
    (
        "Observatoire national de la musique",
        "Le streaming progresse, mais la rémunération des artistes reste faible.",
    ),
    (
        "Observatoire national de la musique",
        "Nous proposons de publier chaque année les taux de rémunération par plateforme.",
    ),
    ("Pierre Lescure", "Cette transparence serait-elle acceptée par les plateformes ?"),
    (
        "Observatoire national de la musique",
        "Certaines la pratiquent déjà ; une obligation légale n’est pas exclue.",
    ),
    ("Pierre Lescure", "Merci. Nous y reviendrons lors de la table ronde de décembre."),
]
CUE_SECONDS = 5
PAUSE_AFTER = {2, 6}  # a pause after these cues: the transcript starts a new paragraph


def demo_webvtt():
    lines, start = (
        ["WEBVTT", "", "NOTE Sous-titres de démonstration, inventés comme le reste du contenu.", ""],
        0.0,
    )
    for number, (voice, text) in enumerate(CUES):
        end = start + CUE_SECONDS
        lines += [str(number + 1), f"{_vtt_time(start)} --> {_vtt_time(end - 0.5)}", f"<v {voice}>{text}", ""]
        start = end + (3 if number in PAUSE_AFTER else 0)
    return "\n".join(lines)


def _vtt_time(seconds):
    whole = int(seconds)
    return (
        f"{whole // 3600:02d}:{timestamp(whole % 3600).zfill(5)}.{int(round((seconds - whole) * 1000)):03d}"
    )


def attach_demo_captions():
    """French captions and a duration for the demo hearing CAPTIONED_SLUG (idempotent)."""
    from hearings.models import HearingCaption, HearingPage

    hearing = HearingPage.objects.filter(slug=CAPTIONED_SLUG).first()
    if hearing is None or hearing.captions.exists():
        return ""
    caption = HearingCaption(page=hearing, language=HearingCaption.Language.FRENCH)
    caption.file.save(
        "observatoire-national-de-la-musique-fr.vtt", ContentFile(demo_webvtt().encode()), save=False
    )
    caption.save()
    hearing.video_duration = datetime.timedelta(minutes=1, seconds=3)
    hearing.save(update_fields=["video_duration"])
    return ", captions: 1"
