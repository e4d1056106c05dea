"""
What a CSV or JSON file of publications or articles holds, for bulk import
and export (see curation/resources.py for the shared machinery). Related
entries are named by their slugs; models of other apps are named by label.
"""

from import_export import fields, widgets
from import_export.instance_loaders import CachedInstanceLoader

from articles.models import Article, Document, Publication
from curation.resources import ArchiveResource, SlugsWidget, SlugWidget


class PublicationResource(ArchiveResource):
    class Meta:
        model = Publication
        fields = ["slug", "name", "kind", "url", "country", "language", "note"]
        import_id_fields = ["slug"]
        instance_loader_class = CachedInstanceLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class ArticleResource(ArchiveResource):
    publication = fields.Field(
        attribute="publication", column_name="publication", widget=SlugWidget(Publication)
    )
    date = fields.Field(attribute="date", column_name="date", widget=widgets.DateWidget("%Y-%m-%d"))
    authors = fields.Field(
        attribute="authors", column_name="authors", widget=SlugsWidget("films.Person")
    )
    films = fields.Field(attribute="films", column_name="films", widget=SlugsWidget("films.Film"))
    people = fields.Field(
        attribute="people", column_name="people", widget=SlugsWidget("films.Person")
    )
    via = fields.Field(attribute="via", column_name="via", widget=SlugWidget(Document))

    class Meta:
        model = Article
        fields = [
            "slug",
            "title",
            "publication",
            "date",
            "byline",
            "authors",
            "url",
            "language",
            "text",
            "films",
            "people",
            "via",
            "source_line",
            "provenance_note",
            "status",
            "published_at",
        ]
        import_id_fields = ["slug"]
        instance_loader_class = CachedInstanceLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
