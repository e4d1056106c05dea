"""`manage.py seed` fills a new archive once and never overwrites curators' work."""

from io import StringIO

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from articles.models import Article, Review
from films.models import Claim, Film, Track

pytestmark = pytest.mark.django_db


def run_seed():
    call_command("seed", stdout=StringIO())


def test_seed_loads_the_record_into_an_empty_archive():
    run_seed()
    assert Film.objects.filter(slug="crossing").exists()
    assert Track.objects.count() == 22
    assert Article.objects.count() == 6


def test_seed_again_keeps_a_curators_edit():
    run_seed()
    Film.objects.filter(slug="crossing").update(tagline="Edited by a curator")
    Track.objects.filter(position=22).delete()
    run_seed()
    assert Film.objects.get(slug="crossing").tagline == "Edited by a curator"
    assert Track.objects.count() == 21


def test_seed_does_nothing_after_curators_emptied_the_archive(admin_user):
    run_seed()
    film = Film.objects.get(slug="crossing")
    LogEntry.objects.create(
        user=admin_user,
        content_type=ContentType.objects.get_for_model(film),
        object_id=str(film.pk),
        object_repr=str(film),
        action_flag=ADDITION,
    )
    for model in (Claim, Review, Film):
        model.objects.all().delete()
    run_seed()
    assert not Film.objects.exists()
