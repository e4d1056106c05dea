"""Old slugs are kept when a curator changes an entry's slug (see OldSlug)."""

from django.contrib.contenttypes.models import ContentType

from core.models import OldSlug, Publishable


def remember_old_slug(sender, instance, raw=False, **kwargs):
    """
    pre_save, for every model: when a Publishable entry's slug changes, its
    old slug is kept for the redirect. Whichever entry now holds a slug
    answers at it, so the slug's own old record, if any, is dropped.
    Loading fixtures (raw) writes nothing.
    """
    if raw or not issubclass(sender, Publishable):
        return
    previous = None
    if instance.pk is not None:
        previous = (
            sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )
        if previous == instance.slug:
            return
    content_type = ContentType.objects.get_for_model(sender)
    if previous:
        OldSlug.objects.update_or_create(
            content_type=content_type, slug=previous, defaults={"object_id": instance.pk}
        )
    OldSlug.objects.filter(content_type=content_type, slug=instance.slug).delete()
