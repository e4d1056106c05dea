"""Request hygiene that holds for every address, public, admin and API alike."""

from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest


class RejectNulMiddleware:
    """
    Answers 400 to a request whose path holds a NUL byte, raw or
    percent-encoded. No address has a use for one, and PostgreSQL refuses it
    in a text value, so a slug with one would otherwise be a server error
    wherever a URL captures it unchecked (the API's lookups). Query
    parameters go through forms, which refuse NUL with a message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if "\x00" in path or b"\x00" in unquote_to_bytes(path):
            return HttpResponseBadRequest(
                "Bad request: an address may not contain a NUL character.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
