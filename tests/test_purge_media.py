import datetime
import io
import os
import time

import pytest
import reversion
from django.core.management import call_command
from reversion.models import Revision, Version

from tests.factories import make_film_image, make_person_image


@pytest.fixture
def media(settings, tmp_path):
    """An empty media folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_of(image):
    """The original and the smaller copies, as stored."""
    return {image.image.name, *(copy["name"] for copy in image.renditions)}


def age_files(root, hours=2):
    """Makes every file under root look written `hours` ago (purge_media spares new files)."""
    then = time.time() - hours * 3600
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(folder, name), (then, then))


def purge(*args):
    out = io.StringIO()
    call_command("purge_media", *args, stdout=out)
    return out.getvalue()


def on_disk(root):
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


@pytest.mark.django_db
def test_deleting_an_image_keeps_its_files(media):
    image = make_film_image()
    names = files_of(image)
    image.delete()

    assert image.renditions  # an 800-pixel picture has smaller copies
    assert on_disk(media) == names


@pytest.mark.django_db
def test_files_no_row_uses_are_listed_but_kept_without_delete(media):
    kept = make_film_image()
    gone = make_person_image()
    gone_files = files_of(gone)
    gone.delete()
    age_files(media)

    output = purge()

    assert {line for line in output.splitlines()[:-1]} == gone_files
    assert f"{len(gone_files)} files" in output
    assert gone_files | files_of(kept) == on_disk(media)


@pytest.mark.django_db
def test_delete_removes_only_files_no_row_uses(media):
    kept = make_film_image()
    gone = make_film_image()
    gone.delete()
    age_files(media)

    purge("--delete")

    assert on_disk(media) == files_of(kept)


@pytest.mark.django_db
def test_new_files_are_spared(media):
    """A file just written may belong to an upload whose row is not committed yet."""
    image = make_film_image()
    image.delete()

    purge("--delete")

    assert on_disk(media) == files_of(image)


@pytest.mark.django_db
def test_files_of_a_deleted_image_stay_while_a_revision_names_them(media):
    with reversion.create_revision():
        image = make_film_image()
    names = files_of(image)
    image.delete()
    age_files(media)

    purge("--delete")

    assert on_disk(media) == names
    assert Version.objects.get_deleted(type(image)).count() == 1


@pytest.mark.django_db
def test_pruning_old_revisions_frees_the_files_only_they_named(media):
    with reversion.create_revision():
        old = make_film_image()
    Revision.objects.update(date_created=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    with reversion.create_revision():
        recent = make_film_image()
    old_files, recent_files = files_of(old), files_of(recent)
    old.delete()
    recent.delete()
    age_files(media)

    listed = purge("--prune-revisions", "30")
    assert on_disk(media) == old_files | recent_files
    assert Revision.objects.count() == 2
    assert set(listed.splitlines()[:-1]) == old_files

    purge("--prune-revisions", "30", "--delete")
    assert on_disk(media) == recent_files
    assert Revision.objects.count() == 1
