"""
Middleware of the project's own: the interface language read from the
address, response headers for every page, and static files (see MIDDLEWARE
in settings).
"""

from django.conf import settings
from django.utils import translation
from whitenoise.middleware import WhiteNoiseMiddleware


class PathLanguageMiddleware:
    """
    Activates the language the path's prefix names (/ko/…), English otherwise.

    Django's LocaleMiddleware falls back to the language cookie and the
    Accept-Language header for unprefixed paths, so that / could answer in
    Korean to one visitor and in English to the next, and it adds
    `Vary: Accept-Language` to say so. Here an address always shows one
    language, whoever asks: a shared cache may keep it, and a link to it
    shows what its author saw.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        language = language or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # For this request only: the thread's language is left as it was found.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


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
