import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossing_archive.settings")
application = get_wsgi_application()

# Refuse to serve rather than fail on the first request that signs something
# (Django raises ImproperlyConfigured when the key is read and empty).
try:
    settings.SECRET_KEY  # noqa: B018
except ImproperlyConfigured:
    raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).") from None
