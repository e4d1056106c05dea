from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from crossing_archive import benchdata
from films.models import Film


class Command(BaseCommand):
    help = (
        "Add a synthetic archive for benchmarks on top of the seed record (loaded first "
        "when the archive is empty): --articles articles, --people people, with about one "
        "publication for twenty articles. Does nothing when the synthetic rows are there "
        "already. See bench/README.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--people", type=int, default=10_000)

    def handle(self, *args, articles, people, verbosity=1, **options):
        if articles < 1 or people < 3:
            raise CommandError("Give at least 1 article and 3 people.")
        if benchdata.already_built():
            self.stdout.write("The benchmark data is already there: nothing added.")
            return
        if not Film.objects.filter(slug=benchdata.FILM_SLUG).exists():
            call_command("seed", verbosity=verbosity, stdout=self.stdout)
        if not Film.objects.filter(slug=benchdata.FILM_SLUG).exists():
            raise CommandError(
                "The benchmark data goes on top of the seed record, and this archive has "
                "entries but not the seed's film: use an empty database."
            )
        plan = benchdata.Plan(articles=articles, people=people)
        benchdata.build(plan, stdout=self.stdout if verbosity else None)
        self.stdout.write(
            self.style.SUCCESS(f"Benchmark data added: {articles} articles, {people} people.")
        )
