"""The address a request came from, for django-axes (settings.AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings


def client_ip(request):
    """
    REMOTE_ADDR, or the address the proxy in front put in CLIENT_IP_HEADER.

    A header is trusted only when the operator names it: a client can send any
    header, and only a proxy that sets it (not appends to it) makes it true. For
    X-Forwarded-For, the last address is the one the nearest proxy added.
    """
    header = settings.CLIENT_IP_HEADER
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        addresses = [a.strip() for a in request.META.get(key, "").split(",") if a.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR")
