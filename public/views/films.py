from itertools import groupby

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.views.generic import DetailView, ListView

from articles.models import Article, Document, Review
from core.models import picked_rows
from crossing_archive.lib.hangul import contains_hangul, romanize_rr
from crossing_archive.lib.tracklist import group_credits, position_ranges
from films.models import (
    DEPARTMENT_ORDER,
    Claim,
    CompanyCredit,
    CompanyRole,
    Credit,
    Department,
    Fact,
    Film,
    FilmImage,
    ImageKind,
    Person,
    Role,
    TitleKind,
    Track,
    TrackCredit,
)
from public.filters import filter_linked
from public.timeline import coverage_timeline
from public.views.old_slugs import OldSlugRedirectMixin
from public.views.press import paginate

LATEST_PRESS = 5
# The cast the film page's header names; the rest follow in the cast list.
TOP_BILLED = 3

# The film page shows this many credits of each department, the cast in
# billing order, and links to the full cast and crew page for the rest.
CREDITS_SHOWN = 20
# The full cast and crew page lists this many credits a page.
CAST_PER_PAGE = 100
# The home page's grid of films: a page stays small however many films the archive holds.
FILMS_PER_PAGE = 24

# The film and person pages show this many reviews and mentions, the newest,
# and link to the list of them all (/reviews/?film=, /press/?person=).
LIST_SHOWN = 20


def published_count(queryset, field):
    """The number of `queryset` rows whose `field` is the outer row: a subquery, no query."""
    counted = (
        queryset.order_by()
        .filter(**{field: OuterRef("pk")})
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted), 0)


def credit_order():
    """Departments in their declared order, then billing order, role and name."""
    return [
        Case(
            *(
                When(department=department, then=Value(index))
                for department, index in DEPARTMENT_ORDER.items()
            ),
            default=Value(len(DEPARTMENT_ORDER)),
            output_field=IntegerField(),
        ),
        F("billing_order").asc(nulls_last=True),
        "role",
        "person__name",
        "pk",
    ]


def shown_credits():
    """
    The film page's credits: the first CREDITS_SHOWN of each department
    (the cast is one) in credit_order(), numbered by a window function so
    that one query bounds every department.
    """
    order = credit_order()[1:]
    return (
        Credit.objects.published()
        .select_related("person", "credited_as")
        .annotate(
            department_rank=Window(
                RowNumber(), partition_by=[F("film_id"), F("department")], order_by=order
            )
        )
        .filter(department_rank__lte=CREDITS_SHOWN)
        .order_by(*order)
    )


def published_sources():
    """
    Prefetches for the three source fields every Attested row has, keeping
    only what visitors may see: documents have no drafts.
    """
    return [
        Prefetch(
            "found_in_articles",
            queryset=Article.objects.published().select_related("publication"),
        ),
        Prefetch("found_in_reviews", queryset=Review.objects.published().select_related("film")),
        Prefetch("found_in_documents", queryset=Document.objects.select_related("parent")),
    ]


def enum_position(choices):
    """A sort key that follows a TextChoices' declared order, unknown values last."""
    order = {value: index for index, value in enumerate(choices.values)}
    return lambda value: order.get(value, len(order))


def visible_claims():
    """Ranked claims whose source visitors may see (every claim cites exactly one)."""
    return (
        Claim.objects.published()
        .ranked()
        .select_related(
            "article__publication", "review__film", "review__publication", "document__parent"
        )
    )


def group_claims(claims):
    """
    The claims as (fact label, first claim, other claims) in the order facts
    are declared; the first is the preferred one when a curator chose one.
    """
    by_fact = {}
    for claim in claims:
        by_fact.setdefault(claim.fact, []).append(claim)
    return [
        (Fact(fact).label, rows[0], rows[1:])
        for fact, rows in sorted(by_fact.items(), key=lambda item: enum_position(Fact)(item[0]))
    ]


def soundtrack(tracks):
    """
    The listing as a reader takes it in: credits most tracks share, said once
    (crossing_archive.lib.tracklist), and each track with its own credits.
    The tracks must come from Track.objects.with_credits().
    """
    shared, per_track = group_credits(
        [(track.position, track.visible_credits) for track in tracks],
        key=lambda credit: (credit.person_id, credit.role, credit.credited_as_id),
    )
    uncredited = [row.position for row in per_track if row.uncredited] if shared else []
    romanized = [archive_romanization(track) for track in tracks]
    return {
        "shared_credits": shared,
        "rows": list(zip(tracks, per_track, romanized, strict=True)),
        "uncredited": uncredited,
        "uncredited_ranges": position_ranges(uncredited),
        "has_lengths": any(track.length for track in tracks),
        "archive_romanizations": any(romanized),
    }


def archive_romanization(track):
    """
    The Revised Romanization the archive generates for a Hangul track title
    no source transliterated; empty when a source gave one or there is no Hangul.
    """
    if track.transliteration or not contains_hangul(track.title):
        return ""
    text = romanize_rr(track.title)
    return text[:1].upper() + text[1:]


class HomeView(ListView):
    """/: the published films, newest first, FILMS_PER_PAGE a page."""

    template_name = "films/home.html"

    def get_queryset(self):
        posters = FilmImage.objects.filter(kind=ImageKind.POSTER)
        return Film.objects.published().prefetch_related(Prefetch("images", queryset=posters))

    def get_context_data(self, **kwargs):
        page, page_problem = paginate(self.request, self.object_list, per_page=FILMS_PER_PAGE)
        return super().get_context_data(
            films=list(page),
            page_obj=page,
            problems=[{"message": page_problem}] if page_problem else [],
            **kwargs,
        )


class FilmDetailView(OldSlugRedirectMixin, DetailView):
    template_name = "films/film_detail.html"
    context_object_name = "film"

    def get_queryset(self):
        return (
            Film.objects.published()
            .with_titles_and_links()
            .select_related("synopsis_source__publication")
            .annotate(
                reviews_total=published_count(Review.objects.published(), "film"),
                credits_total=published_count(Credit.objects.published(), "film"),
            )
            .prefetch_related(
                "images",
                Prefetch("claims", queryset=visible_claims(), to_attr="visible_claims"),
                Prefetch("credits", queryset=shown_credits(), to_attr="visible_credits"),
                Prefetch(
                    "company_credits",
                    queryset=CompanyCredit.objects.select_related("company"),
                    to_attr="company_rows",
                ),
                Prefetch(
                    "tracks",
                    queryset=Track.objects.with_credits().select_related("source__parent"),
                    to_attr="track_rows",
                ),
                Prefetch(
                    "reviews",
                    queryset=Review.objects.published()
                    .select_related("publication", "author")
                    .defer("text")
                    .order_by(F("date").desc(nulls_last=True), "title", "pk")[:LIST_SHOWN],
                    to_attr="visible_reviews",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        film = self.object
        cast = [credit for credit in film.visible_credits if credit.role == Role.ACTOR]
        crew = [credit for credit in film.visible_credits if credit.role != Role.ACTOR]
        crew.sort(key=lambda credit: DEPARTMENT_ORDER.get(credit.department, len(Department)))
        companies = sorted(
            film.company_rows,
            key=lambda row: (enum_position(CompanyRole)(row.role), row.company.name),
        )
        track_sources = {track.source for track in film.track_rows if track.source}
        synopsis_source = film.synopsis_source
        if synopsis_source and not synopsis_source.is_published:
            synopsis_source = None
        facts = group_claims(film.visible_claims)
        press = filter_linked(Article.objects.published(), "films", film)
        # A plain LIMIT rather than a sliced prefetch, which numbers every
        # article about the film with a window function before keeping five.
        newest = press.order_by("-date", "title")[:LATEST_PRESS]
        rows = Article.objects.select_related("publication").order_by("-date", "title")
        film.latest_press = list(picked_rows(rows, newest))
        return super().get_context_data(
            titles=sorted(film.title_rows, key=lambda row: enum_position(TitleKind)(row.kind)),
            facts=facts,
            release=next(
                (first for label, first, _others in facts if first.fact == Fact.RELEASE_DATE), None
            ),
            directors=[
                credit
                for credit in film.visible_credits
                if credit.role in (Role.DIRECTOR, Role.CO_DIRECTOR)
            ],
            top_cast=cast[:TOP_BILLED],
            cast=cast,
            credits_hidden=film.credits_total - len(film.visible_credits),
            crew=[
                (Department(department).label, list(credits))
                for department, credits in groupby(crew, key=lambda credit: credit.department)
            ],
            companies=companies,
            tracks=film.track_rows,
            soundtrack=soundtrack(film.track_rows),
            track_source=track_sources.pop() if len(track_sources) == 1 else None,
            synopsis_source=synopsis_source,
            # One grouped query over all the film's press, skipped when it has none.
            timeline=(
                coverage_timeline(press, remembered_as=("film", film.pk))
                if film.latest_press
                else None
            ),
            **kwargs,
        )


class FilmCastView(OldSlugRedirectMixin, DetailView):
    """
    /films/<slug>/cast/: every published credit of the film, cast first and
    then the crew by department, CAST_PER_PAGE a page.
    """

    template_name = "films/film_cast.html"
    context_object_name = "film"
    url_name = "film_cast"

    def get_queryset(self):
        return Film.objects.published()

    def get_context_data(self, **kwargs):
        credits = (
            Credit.objects.published()
            .filter(film=self.object)
            .select_related("person", "credited_as")
            .order_by(*credit_order())
        )
        page, page_problem = paginate(self.request, credits, per_page=CAST_PER_PAGE)
        return super().get_context_data(
            page_obj=page,
            problems=[{"message": page_problem}] if page_problem else [],
            departments=[
                (Department(department).label, department, list(rows))
                for department, rows in groupby(page, key=lambda credit: credit.department)
            ],
            **kwargs,
        )


class PersonDetailView(OldSlugRedirectMixin, DetailView):
    template_name = "films/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return (
            Person.objects.published()
            .with_names(*published_sources())
            .annotate(mentions_total=published_count(Article.objects.published(), "people"))
            .prefetch_related(
                "images",
                Prefetch(
                    "credits",
                    queryset=Credit.objects.published()
                    .select_related("film", "credited_as")
                    .order_by(
                        F("film__year").desc(nulls_last=True), "film__title", "billing_order"
                    ),
                    to_attr="visible_credits",
                ),
                Prefetch(
                    "track_credits",
                    queryset=TrackCredit.objects.published()
                    .select_related("track__film", "credited_as")
                    .order_by(
                        F("track__film__year").desc(nulls_last=True),
                        "track__film__title",
                        "track__position",
                        "role",
                    ),
                    to_attr="visible_track_credits",
                ),
                Prefetch(
                    "articles_written",
                    queryset=Article.objects.published().select_related("publication"),
                    to_attr="visible_articles_written",
                ),
                Prefetch(
                    "reviews_written",
                    queryset=Review.objects.published().select_related("film", "publication"),
                    to_attr="visible_reviews_written",
                ),
                Prefetch(
                    "mentioned_in",
                    queryset=Article.objects.published()
                    .select_related("publication")
                    .defer("text")
                    .order_by("-date", "title", "pk")[:LIST_SHOWN],
                    to_attr="visible_mentions",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        person = self.object
        credits = sorted(person.visible_credits, key=lambda c: enum_position(Role)(c.role))
        return super().get_context_data(
            names=person.name_rows,
            filmography=[
                (Role(role).label, list(rows))
                for role, rows in groupby(credits, key=lambda credit: credit.role)
            ],
            track_credits=person.visible_track_credits,
            **kwargs,
        )
