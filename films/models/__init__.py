"""
The films app's models, one module per subject. Everything is importable from
films.models, as Django and the rest of the project expect.
"""

from core.models import (
    LanguageCode,
    NaturalKeyManager,
    Publishable,
    PublishableQuerySet,
    SlugQuerySet,
    Status,
)
from films.models.base import Attested
from films.models.claims import (
    RANK_ORDER,
    Claim,
    ClaimManager,
    ClaimQuerySet,
    DatePrecision,
    Fact,
    Rank,
)
from films.models.credits import (
    DEPARTMENT_ORDER,
    ROLE_DEPARTMENTS,
    Company,
    CompanyCredit,
    CompanyRole,
    Credit,
    Department,
    Role,
)
from films.models.films import Film, FilmLink, FilmTitle, LinkKind, TitleKind
from films.models.images import (
    ArchiveImage,
    FilmImage,
    ImageKind,
    ImageRendition,
    PersonImage,
    image_upload_to,
)
from films.models.people import NameKind, Person, PersonName
from films.models.soundtrack import Track, TrackCredit, TrackRole

__all__ = [
    "DEPARTMENT_ORDER",
    "RANK_ORDER",
    "ROLE_DEPARTMENTS",
    "ArchiveImage",
    "Attested",
    "Claim",
    "ClaimManager",
    "ClaimQuerySet",
    "Company",
    "CompanyCredit",
    "CompanyRole",
    "Credit",
    "DatePrecision",
    "Department",
    "Fact",
    "Film",
    "FilmImage",
    "FilmLink",
    "FilmTitle",
    "ImageKind",
    "ImageRendition",
    "LanguageCode",
    "LinkKind",
    "NameKind",
    "NaturalKeyManager",
    "Person",
    "PersonImage",
    "PersonName",
    "Publishable",
    "PublishableQuerySet",
    "Rank",
    "Role",
    "SlugQuerySet",
    "Status",
    "TitleKind",
    "Track",
    "TrackCredit",
    "TrackRole",
    "image_upload_to",
]
