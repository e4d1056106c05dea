"""Rating arithmetic: a rating as published, on its scale, as a 0-100 score."""

from decimal import ROUND_HALF_UP, Decimal


def normalised_score(rating, scale):
    """
    The rating as a whole number from 0 to 100, or None when either the rating
    or its scale is unknown: a scale is never guessed.

    >>> normalised_score(Decimal("2.5"), Decimal("4"))
    63
    """
    if rating is None or scale is None:
        return None
    rating, scale = Decimal(rating), Decimal(scale)
    if scale <= 0 or rating < 0 or rating > scale:
        raise ValueError(f"rating {rating} is not on a scale of 0 to {scale}")
    return int((rating / scale * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def format_rating(rating, scale=None):
    """'2.5' or '2.5/4': a rating as published, without trailing zeros."""
    if rating is None:
        return ""
    text = _plain(rating)
    return f"{text}/{_plain(scale)}" if scale is not None else text


def _plain(number):
    text = format(Decimal(number).normalize(), "f")
    return text
