from django import template

register = template.Library()


@register.filter
def minutes(duration):
    """A timedelta as a whole number of minutes, rounded up: the lockout page's wait."""
    return -(-int(duration.total_seconds()) // 60)
