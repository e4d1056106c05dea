from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """
    DRF's throttle of anonymous clients, with its rate read from the
    API_ANON_RATE setting at each request (DRF reads its own rates once, at
    import), so that the environment and tests can set it.
    """

    def get_rate(self):
        return settings.API_ANON_RATE or None
