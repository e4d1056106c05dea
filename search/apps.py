from functools import partial

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core import batching
        from curation.admin import register_indexed_search
        from search import index
        from search.engine import first_matching_ids
        from search.models import Kind

        index.connect_signals()
        batching.register(index.deferred)
        # The admin's search of articles' and reviews' text: the index, not a LIKE over
        # every text (a second at 100,000 articles on PostgreSQL).
        for label, kind in [("articles.Article", Kind.ARTICLE), ("articles.Review", Kind.REVIEW)]:
            register_indexed_search(label, ["text"], partial(first_matching_ids, kind))
