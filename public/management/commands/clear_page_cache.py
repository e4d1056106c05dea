from django.core.management.base import BaseCommand

from public.cache import bump


class Command(BaseCommand):
    help = (
        "Start a new page-cache generation: every server stops serving the pages it "
        "cached. make serve runs it at each start, so a release never serves the pages "
        "of the one before; the cache is shared, so one run serves every app server."
    )

    def handle(self, *args, **options):
        bump()
        self.stdout.write("The page cache starts afresh.")
