"""
A synthetic archive, far larger than the seed record, for measuring pages at scale.

Built on top of the seed record (`manage.py seed`) by `manage.py make_bench_data`:
every row it adds has a slug starting with `bench-`, so the seed's own pages stay
what they are, only with much more around them. At the full size (100,000 articles,
10,000 people) the film Crossing is linked to 10,006 articles and 1,001 reviews and
has 505 more cast, and its director is mentioned in 1,005 articles; every figure
scales with the sizes asked for (see `Plan`).

The generator is seeded, so two builds of one size hold the same rows.
"""

import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from articles.models import Article, Publication, PublicationKind, Review
from core.models import Status
from crossing_archive.lib import hangul
from crossing_archive.lib.ratings import normalised_score
from films.models import (
    Credit,
    Department,
    Film,
    NameKind,
    Person,
    PersonName,
    Role,
    Track,
)
from public.cache import bump
from search.index import rebuild

SLUG_PREFIX = "bench-"
FILM_SLUG = "crossing"
DIRECTOR_SLUG = "kim-tae-kyun"
RANDOM_SEED = 2008
BATCH = 2000

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허노심하곽성차주우구민"
GIVEN = "민서지현수영준태균성철명인표은주우진혜경동훈상호재석용선희정미연나아윤하도"
WORDS = (
    "film director actor screening festival premiere audience camera scene story refugee "
    "border defector family father son mother village winter river crossing soundtrack "
    "producer critic review drama thriller release theatre box office record interview "
    "season award jury documentary city night train letter journey memory hope silence"
).split()
KOREAN_WORDS = (
    "영화 감독 배우 상영 관객 이야기 가족 아버지 아들 국경 겨울 기차 편지 기억 희망"
).split()
CITIES = (
    "Seoul Busan Incheon Daegu Gwangju Daejeon Ulsan Suwon Jeonju Tokyo Osaka Beijing "
    "Shanghai Hong-Kong Taipei Manila Bangkok Sydney London Paris Berlin Toronto Chicago "
    "Boston Denver Seattle Houston Atlanta Dallas Miami"
).split()
MASTHEADS = "Times Herald Daily Post Tribune Journal Review Weekly Gazette Observer".split()


@dataclass(frozen=True)
class Plan:
    """How many rows of each kind a build adds; the proportions are those of the full size."""

    articles: int
    people: int

    @property
    def publications(self):
        # About 5,000 sources at 100,000 articles, as the press list's filter must handle.
        return max(30, self.articles // 20)

    @property
    def films(self):
        return max(5, self.people // 50)

    @property
    def film_articles(self):
        """Articles linked to Crossing (one in ten), on top of the seed's."""
        return len(range(1, self.articles, 10))

    @property
    def director_articles(self):
        """Articles that mention Crossing's director (one in a hundred)."""
        return len(range(1, self.articles, 100))

    @property
    def reviews(self):
        return self.articles // 100

    @property
    def extra_cast(self):
        return min(self.people, self.people * 505 // 10_000)

    @staticmethod
    def is_korean(n):
        return n % 10 == 0

    @staticmethod
    def is_draft(n):
        """A tenth of articles and reviews, and a twentieth of people, are drafts."""
        return n % 10 == 5

    @staticmethod
    def is_draft_person(n):
        return n % 20 == 7


def already_built():
    return Article.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def build(plan, stdout=None):
    """Adds the plan's rows and rebuilds the search index. Needs the seed's film and director."""

    def say(message):
        if stdout is not None:
            stdout.write(message)

    rng = random.Random(RANDOM_SEED)
    started = time.monotonic()
    with transaction.atomic():
        film = Film.objects.get(slug=FILM_SLUG)
        director = Person.objects.get(slug=DIRECTOR_SLUG)
        # The seed's papers first: they write the most, as the largest papers would, so a
        # filter by one of them asks the same of the seed record and of the large archive.
        publications = [*Publication.objects.order_by("pk"), *add_publications(plan, rng)]
        films = add_films(plan, rng)
        people, spellings = add_people(plan, rng)
        add_credits(plan, film, films, people)
        add_articles(plan, rng, film, director, films, publications, people, spellings)
        add_reviews(plan, rng, film, publications, people)
        # bulk_create sends no signals: the cached pages are out of date all the same.
        transaction.on_commit(bump)
    say(f"Rows added in {time.monotonic() - started:.0f} s.")
    started = time.monotonic()
    with transaction.atomic():
        entries = rebuild()
    say(f"Search index rebuilt in {time.monotonic() - started:.0f} s: {entries} entries.")


def add_publications(plan, rng):
    kinds = PublicationKind.values
    return Publication.objects.bulk_create(
        (
            Publication(
                name=f"The {CITIES[n % len(CITIES)]} {MASTHEADS[n // len(CITIES) % 10]} {n}",
                slug=f"{SLUG_PREFIX}pub-{n}",
                kind=rng.choice(kinds),
                country="KR" if n % 3 else "US",
            )
            for n in range(plan.publications)
        ),
        batch_size=BATCH,
    )


def add_films(plan, rng):
    films = Film.objects.bulk_create(
        (
            Film(
                title=f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {n}",
                slug=f"{SLUG_PREFIX}film-{n}",
                year=1990 + n % 35,
                status=Status.PUBLISHED,
            )
            for n in range(plan.films)
        ),
        batch_size=BATCH,
    )
    Track.objects.bulk_create(
        (
            Track(film=film, position=p, title=f"{rng.choice(KOREAN_WORDS)} {p}")
            for film in films
            for p in range(1, 11)
        ),
        batch_size=BATCH,
    )
    return films


def korean_name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def press_spelling(rr):
    """A spelling as newspapers vary it: eo → u, hyphen → space, capitalised surname."""
    surname, _, given = rr.partition(" ")
    given = given.replace("eo", "u").replace("-", " ").title()
    return f"{surname.upper()} {given}"


# The order of each person's spellings in `spellings`: RR, MR, press, Hangul.
SPELLING_KINDS = [NameKind.REVISED, NameKind.MCCUNE_REISCHAUER, NameKind.PUBLISHED, NameKind.HANGUL]


def add_people(plan, rng):
    people, spellings = [], []
    for n in range(plan.people):
        hangul_name = korean_name(rng)
        rr = hangul.romanize_name_rr(hangul_name)
        people.append(
            Person(
                name=rr,
                name_hangul=hangul_name,
                slug=f"{SLUG_PREFIX}person-{n}",
                status=Status.DRAFT if plan.is_draft_person(n) else Status.PUBLISHED,
            )
        )
        mr = hangul.romanize_name_mr(hangul_name)
        spellings.append([rr, mr, press_spelling(rr), hangul_name])
    people = Person.objects.bulk_create(people, batch_size=BATCH)
    PersonName.objects.bulk_create(
        (
            PersonName(person=person, name=name, kind=kind)
            for person, forms in zip(people, spellings, strict=True)
            for name, kind in zip(forms, SPELLING_KINDS, strict=True)
        ),
        batch_size=BATCH,
    )
    return people, spellings


def add_credits(plan, film, films, people):
    """Each person acts in one of the synthetic films; the first few also in Crossing."""
    cast = Department.CAST  # bulk_create skips Credit.save(), which sets the department
    credits = [
        Credit(
            film=films[n % len(films)],
            person=person,
            role=Role.ACTOR,
            department=cast,
            character=f"Character {n}",
        )
        for n, person in enumerate(people)
    ]
    published = [p for n, p in enumerate(people) if not plan.is_draft_person(n)]
    credits += [
        Credit(film=film, person=person, role=Role.ACTOR, department=cast, character=f"Extra {n}")
        for n, person in enumerate(published[: plan.extra_cast])
    ]
    Credit.objects.bulk_create(credits, batch_size=BATCH)


def skewed_index(rng, size):
    """An index in range(size) where low ones are far more likely: a few papers write most."""
    return min(int(size * rng.random() ** 3), size - 1)


def random_date(rng, first_year, last_year):
    start = datetime.date(first_year, 1, 1)
    days = (datetime.date(last_year, 12, 31) - start).days
    return start + datetime.timedelta(days=rng.randrange(days + 1))


def add_articles(plan, rng, film, director, films, publications, people, spellings):
    ArticleFilm, ArticlePerson = Article.films.through, Article.people.through
    for first in range(0, plan.articles, BATCH):
        numbers = range(first, min(first + BATCH, plan.articles))
        mentions = {n: rng.sample(range(len(people)), 3) for n in numbers}
        articles = Article.objects.bulk_create(
            article(plan, rng, n, publications, spellings, mentions[n]) for n in numbers
        )
        film_links, person_links = [], []
        for n, saved in zip(numbers, articles, strict=True):
            about_film = film if n % 10 == 1 else films[n % len(films)]
            film_links.append(ArticleFilm(article_id=saved.pk, film_id=about_film.pk))
            person_links += [
                ArticlePerson(article_id=saved.pk, person_id=people[i].pk) for i in mentions[n]
            ]
            if n % 100 == 1:
                person_links.append(ArticlePerson(article_id=saved.pk, person_id=director.pk))
        ArticleFilm.objects.bulk_create(film_links)
        ArticlePerson.objects.bulk_create(person_links)


def article(plan, rng, n, publications, spellings, mentioned):
    korean = plan.is_korean(n)
    # Crossing's coverage clusters around its release (June 2008).
    date = random_date(rng, 2008, 2009) if n % 10 == 1 else random_date(rng, 1998, 2025)
    return Article(
        title=article_title(rng, spellings, mentioned, korean),
        slug=f"{SLUG_PREFIX}article-{n}",
        publication=publications[skewed_index(rng, len(publications))],
        date=date,
        language="ko" if korean else "en",
        text=article_text(rng, spellings, mentioned, korean),
        status=Status.DRAFT if plan.is_draft(n) else Status.PUBLISHED,
    )


def article_title(rng, spellings, mentioned, korean):
    name = spellings[mentioned[0]][3 if korean else 2]
    if korean:
        return f"{name} {rng.choice(KOREAN_WORDS)} {rng.choice(KOREAN_WORDS)}"
    return f"{name} on {rng.choice(WORDS)} and {rng.choice(WORDS)}".title()


def article_text(rng, spellings, mentioned, korean):
    """Twelve sentences in four paragraphs, each naming one of the people mentioned."""
    sentences = []
    for sentence in range(12):
        if korean:
            words = rng.choices(KOREAN_WORDS, k=8)
            words.insert(2, spellings[mentioned[sentence % 3]][3] + "은")
            sentences.append(" ".join(words) + ".")
        else:
            words = rng.choices(WORDS, k=14)
            words.insert(5, spellings[mentioned[sentence % 3]][sentence % 3])
            sentences.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, 12, 3))


def add_reviews(plan, rng, film, publications, people):
    scale = Decimal(5)
    reviews = []
    for n in range(plan.reviews):
        rating = Decimal(rng.randrange(11)) / 2 if n % 3 else None
        reviews.append(
            Review(
                film=film,
                title=f"Review: {rng.choice(WORDS)} and {rng.choice(WORDS)}".title(),
                slug=f"{SLUG_PREFIX}review-{n}",
                publication=publications[skewed_index(rng, len(publications))],
                author=people[n % len(people)] if n % 2 else None,
                date=random_date(rng, 2008, 2010),
                text=" ".join(rng.choices(WORDS, k=120)).capitalize() + ".",
                rating=rating,
                rating_scale=scale if rating is not None else None,
                # bulk_create skips Review.save(), which computes the score.
                score=normalised_score(rating, scale) if rating is not None else None,
                status=Status.DRAFT if plan.is_draft(n) else Status.PUBLISHED,
            )
        )
    Review.objects.bulk_create(reviews, batch_size=BATCH)
