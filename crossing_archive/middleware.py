"""Response headers and static files for every page (see MIDDLEWARE in settings)."""

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware


class PermissionsPolicyMiddleware:
    """Turns off, with a Permissions-Policy header, the browser features no page uses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """
    Whitenoise, with files under content-hashed names cached for a year (whitenoise's
    own default is ten): a changed file gets a new name, so no cache ever serves a
    stale one.
    """

    FOREVER = 365 * 24 * 60 * 60
