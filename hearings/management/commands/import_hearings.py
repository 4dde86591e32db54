from django.core.management.base import BaseCommand, CommandError

from hearings.importer import HearingImportError, import_hearings
from hearings.models import HearingIndexPage


class Command(BaseCommand):
    help = (
        "Importe la liste des auditions d’un fichier CSV (colonnes décrites dans docs/import.md). "
        "Toutes les lignes sont vérifiées d’abord : à la moindre erreur, rien n’est importé."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="Fichier CSV en UTF-8, séparé par des virgules ou des points-virgules."
        )

    def handle(self, *args, file, **options):
        index = HearingIndexPage.objects.first()
        if index is None:
            raise CommandError("Aucune page « Auditions » : créez-la d’abord (load_demo_content le fait).")
        try:
            with open(file, "rb") as handle:
                text = handle.read().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"Impossible de lire {file} : {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file} n’est pas en UTF-8 (octet {error.start}) : rien n’a été importé."
            ) from error
        try:
            stats = import_hearings(index, text)
        except HearingImportError as error:
            raise CommandError(
                f"{len(error.errors)} erreur(s), rien n’a été importé :\n" + "\n".join(error.errors)
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Auditions : {stats['created']} créées, {stats['updated']} mises à jour, "
                f"{stats['unchanged']} inchangées. Organismes : {stats['organisms_created']} créés, "
                f"{stats['organisms_updated']} mis à jour."
            )
        )
