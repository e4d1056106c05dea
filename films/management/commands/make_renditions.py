from django.core.management.base import BaseCommand

from films.models import FilmImage, PersonImage


class Command(BaseCommand):
    help = (
        "Make the smaller copies (for srcset) of images that have none: images moved from the "
        "former poster and photo fields, or stored before copies were made."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Remake every image's copies.")

    def handle(self, *args, all=False, **options):
        made = failed = 0
        for model in (FilmImage, PersonImage):
            # Stored without copies: their size was never read either.
            images = model.objects.all() if all else model.objects.filter(width=0)
            for image in images.iterator():
                try:
                    image.make_renditions()
                except (OSError, ValueError) as error:
                    failed += 1
                    self.stderr.write(f"{model._meta.verbose_name} {image.pk}: {error}")
                    continue
                image.save(update_fields=["renditions", "width", "height"])
                made += 1
        self.stdout.write(f"{made} images given smaller copies, {failed} could not be read.")
