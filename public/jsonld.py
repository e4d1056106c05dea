"""
schema.org descriptions of the public pages (Movie and its soundtrack,
Person, NewsArticle, Review), for JSON-LD data blocks. Each function reads
only what the page's view prefetched (the `visible_*` and `*_rows` lists),
so it runs no query and shows no draft.

Nothing is filled in that the record does not hold: a property is left out
when its value is unknown.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from films.models import CompanyRole, DatePrecision, Fact, LinkKind, Rank, Role, TrackRole

CONTEXT = "https://schema.org"
DIRECTORS = {Role.DIRECTOR, Role.CO_DIRECTOR}
PRODUCERS = {Role.PRODUCER, Role.EXECUTIVE_PRODUCER, Role.CO_PRODUCER}
MUSIC = {Role.MUSIC, Role.COMPOSER}
# Links that are the film itself elsewhere (sameAs), not pages about it.
SAME_AS_LINKS = {LinkKind.OFFICIAL, LinkKind.DATABASE}


def absolute(request, url):
    return request.build_absolute_uri(url)


def compact(data):
    """The dict without the properties whose value is unknown (None, '' or [])."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def person_reference(person, request):
    url = absolute(request, person.get_absolute_url())
    return {"@type": "Person", "@id": f"{url}#person", "name": person.name, "url": url}


def film_reference(film, request):
    url = absolute(request, film.get_absolute_url())
    return {"@type": "Movie", "@id": f"{url}#film", "name": film.title, "url": url}


def image_object(image, request):
    if image is None:
        return None
    return compact(
        {
            "@type": "ImageObject",
            "contentUrl": absolute(request, image.image.url),
            "url": absolute(request, image.image.url),
            "width": image.width or None,
            "height": image.height or None,
            "caption": image.caption or image.alt_text,
            "creditText": image.credit,
        }
    )


def iso_duration(value):
    """A timedelta as an ISO 8601 duration: PT3M25S."""
    seconds = int(value.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else ""]
    parts.append(f"{seconds}S" if seconds or not (hours or minutes) else "")
    return "PT" + "".join(parts)


def claimed_date(claim):
    """A claim's date at the precision its source gave: 2008, 2008-06 or 2008-06-26."""
    date = claim.date_start
    if claim.date_precision == DatePrecision.YEAR:
        return f"{date.year:04d}"
    if claim.date_precision == DatePrecision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def release_date(film):
    """
    The release date a curator marked as preferred, or None: the documents
    disagree, and choosing among unranked claims would be a guess.
    """
    for claim in film.visible_claims:
        if claim.fact == Fact.RELEASE_DATE and claim.rank == Rank.PREFERRED and claim.date_start:
            return claimed_date(claim)
    return None


def movie_data(film, request):
    url = absolute(request, film.get_absolute_url())
    credits = film.visible_credits
    titles = dict.fromkeys(
        row.title for row in film.title_rows if row.title not in (film.title, "")
    )
    if film.original_title and film.original_title != film.title:
        titles = {film.original_title: None, **titles}
    reviews = film.visible_reviews

    def people(roles):
        return [
            person_reference(credit.person, request) for credit in credits if credit.role in roles
        ]

    return compact(
        {
            "@type": "Movie",
            "@id": f"{url}#film",
            "url": url,
            "name": film.title,
            "alternateName": list(titles),
            "inLanguage": film.original_language if film.original_language != "und" else "",
            "datePublished": release_date(film),
            "duration": f"PT{film.runtime_minutes}M" if film.runtime_minutes else None,
            "description": film.synopsis,
            "image": image_object(film.poster_image, request),
            "director": people(DIRECTORS),
            "actor": people({Role.ACTOR}),
            "producer": people(PRODUCERS),
            "musicBy": people(MUSIC),
            "productionCompany": [
                compact({"@type": "Organization", "name": row.company.name, "url": row.company.url})
                for row in film.company_rows
                if row.role == CompanyRole.PRODUCTION
            ],
            "sameAs": [link.url for link in film.link_rows if link.kind in SAME_AS_LINKS],
            "review": [review_data(review, request, nested=True) for review in reviews],
            "aggregateRating": aggregate_rating(reviews),
        }
    )


def soundtrack_data(film, request):
    """The soundtrack as a MusicAlbum of MusicRecordings, or None without tracks."""
    tracks = film.track_rows
    if not tracks:
        return None
    url = absolute(request, film.get_absolute_url())
    return {
        "@type": "MusicAlbum",
        "@id": f"{url}#soundtrack",
        # The documents give no album title: this names what it is.
        "name": _("Soundtrack of %(film)s") % {"film": film.title},
        "url": f"{url}#soundtrack",
        "albumProductionType": "https://schema.org/SoundtrackAlbum",
        "numTracks": len(tracks),
        "track": [recording_data(track, request) for track in tracks],
    }


def recording_data(track, request):
    def people(roles):
        return [
            person_reference(credit.person, request)
            for credit in track.visible_credits
            if credit.role in roles
        ]

    composers, lyricists = people({TrackRole.COMPOSER}), people({TrackRole.LYRICIST})
    composition = (
        compact(
            {
                "@type": "MusicComposition",
                "name": track.title,
                "composer": composers,
                "lyricist": lyricists,
            }
        )
        if composers or lyricists
        else None
    )
    return compact(
        {
            "@type": "MusicRecording",
            "@id": absolute(request, track.get_absolute_url()),
            "url": absolute(request, track.get_absolute_url()),
            "name": track.title,
            "alternateName": [name for name in (track.transliteration, track.translation) if name],
            "position": track.position,
            "duration": iso_duration(track.length) if track.length else None,
            "byArtist": people({TrackRole.ARTIST, TrackRole.PERFORMER}),
            "contributor": people({TrackRole.ARRANGER}),
            "recordingOf": composition,
        }
    )


def film_page_data(film, request):
    """The film page's JSON-LD: the Movie, and its soundtrack when it has one."""
    graph = [movie_data(film, request)]
    soundtrack = soundtrack_data(film, request)
    if soundtrack:
        graph.append(soundtrack)
    return {"@context": CONTEXT, "@graph": graph}


def person_page_data(person, request):
    url = absolute(request, person.get_absolute_url())
    names = dict.fromkeys(row.name for row in person.name_rows if row.name != person.name)
    return {
        "@context": CONTEXT,
        **compact(
            {
                "@type": "Person",
                "@id": f"{url}#person",
                "url": url,
                "name": person.name,
                "alternateName": list(names),
                "description": person.bio,
                "image": image_object(person.photo_image, request),
            }
        ),
    }


# ---------------------------------------------------------------------------
# Press
# ---------------------------------------------------------------------------


def number(value):
    """A Decimal as a JSON number: 4 rather than 4.00, 2.5 rather than "2.50"."""
    value = Decimal(value).normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def organization(publication):
    if publication is None:
        return None
    return compact({"@type": "Organization", "name": publication.name, "url": publication.url})


def rating_data(review):
    """
    The review's rating on its stated scale, or None when the scale is not
    stated: schema.org takes a Rating without bestRating as out of 5, which
    would claim a scale the publication never gave. The archive counts a
    scale from 0 (see crossing_archive.lib.ratings), hence worstRating 0.
    """
    if review.rating is None or review.rating_scale is None:
        return None
    return {
        "@type": "Rating",
        "ratingValue": number(review.rating),
        "bestRating": number(review.rating_scale),
        "worstRating": 0,
    }


def aggregate_rating(reviews):
    """
    The mean of the 0-100 scores of the reviews whose scale is known, or
    None when there is none: ratings on unstated scales cannot be averaged.
    """
    scores = [review.score for review in reviews if review.score is not None]
    if not scores:
        return None
    return {
        "@type": "AggregateRating",
        "ratingValue": round(sum(scores) / len(scores), 1),
        "bestRating": 100,
        "worstRating": 0,
        "ratingCount": len(scores),
    }


def review_data(review, request, nested=False):
    """A Review; `nested` leaves out the film, for a review inside its Movie."""
    url = absolute(request, review.get_absolute_url())
    author = review.author if review.author and review.author.is_published else None
    return compact(
        {
            "@type": "Review",
            "@id": f"{url}#review",
            "url": url,
            "name": review.title,
            "itemReviewed": None if nested else film_reference(review.film, request),
            "author": person_reference(author, request) if author else None,
            "creditText": review.byline,
            "publisher": organization(review.publication),
            "datePublished": review.date.isoformat() if review.date else None,
            "inLanguage": review.language if review.language != "und" else "",
            "sameAs": review.url,
            "reviewRating": rating_data(review),
        }
    )


def review_page_data(review, request):
    return {"@context": CONTEXT, **review_data(review, request)}


def article_page_data(article, request):
    url = absolute(request, article.get_absolute_url())
    return {
        "@context": CONTEXT,
        **compact(
            {
                "@type": "NewsArticle",
                "@id": f"{url}#article",
                "url": url,
                "headline": article.title,
                "datePublished": article.date.isoformat(),
                "inLanguage": article.language if article.language != "und" else "",
                "author": [person_reference(person, request) for person in article.visible_authors],
                "creditText": article.byline,
                "publisher": organization(article.publication),
                "sameAs": article.url,
                "about": [film_reference(film, request) for film in article.visible_films],
                "mentions": [
                    person_reference(person, request) for person in article.visible_people
                ],
            }
        ),
    }
