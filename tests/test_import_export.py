"""
Bulk import of articles and publications (admin dry run, confirmation,
management command) and export of any filtered changelist.
"""

import csv
import datetime
import io
import json

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from reversion.models import Version

from articles.models import Article, Publication
from core.models import Status
from films.models import Film
from search.models import Kind, SearchEntry
from tests.factories import admin_url, make_article, make_film, make_publication

pytestmark = pytest.mark.django_db

COLUMNS = ["slug", "title", "publication", "date", "byline", "url", "language", "text", "films"]
BAD_ROWS = {
    5: ({"title": ""}, "title: This field cannot be blank."),
    100: ({"date": "2008-02-30"}, "date: "),
    200: (
        {"publication": "no-such-paper"},
        "publication: No publication has the slug “no-such-paper”.",
    ),
    300: ({"text": ""}, "text: This field cannot be blank."),
    400: ({"url": "not a web address"}, "url: Enter a valid URL."),
    500: ({"language": "xx"}, "language: Value 'xx' is not a valid choice."),
    600: ({"films": "crossing|no-such-film"}, "films: No film has the slug “no-such-film”."),
    700: ({"slug": "Not a slug!"}, "slug: Enter a valid “slug”"),
    800: ({"status": "live"}, "status: Value 'live' is not a valid choice."),
    900: ({"byline": "x" * 301}, "byline: Ensure this value has at most 300 characters"),
}


@pytest.fixture
def archive(db):
    make_publication(slug="korea-herald", name="The Korea Herald")
    make_film(slug="crossing", title="Crossing")


def article_rows(count, bad=BAD_ROWS):
    rows = []
    for number in range(1, count + 1):
        row = {
            "slug": f"article-{number}",
            "title": f"Article {number}",
            "publication": "korea-herald",
            "date": "2008-06-05",
            "byline": f"By Reporter {number}",
            "url": f"https://example.org/{number}",
            "language": "en",
            "text": f"The full text of article {number}.",
            "films": "crossing",
            "status": "",
        }
        row.update(bad.get(number, ({}, ""))[0])
        rows.append(row)
    return rows


def as_csv(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def choice(form, field, label):
    """The value of the choice of `form[field]` whose label is `label`."""
    return next(value for value, text in form.fields[field].choices if text.lower() == label)


def preview(client, model, data, name="articles.csv", file_format="csv"):
    """Uploads a file to the model's import page: the dry run."""
    url = admin_url(model, "import")
    form = client.get(url).context["form"]
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    response = client.post(
        url, {"import_file": upload, "format": choice(form, "format", file_format)}
    )
    assert response.status_code == 200
    return response


def confirm(client, model, preview_response):
    confirm_form = preview_response.context["confirm_form"]
    response = client.post(admin_url(model, "process_import"), confirm_form.initial)
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_1000_articles_with_10_bad_rows_import_990_and_report_each_refusal(curator_client, archive):
    data = as_csv(article_rows(1000))

    dry_run = preview(curator_client, Article, data)
    result = dry_run.context["result"]
    assert not Article.objects.exists()
    assert (result.totals["new"], result.totals["invalid"]) == (990, 10)
    refused = {row.number: row for row in result.invalid_rows}
    assert sorted(refused) == sorted(BAD_ROWS)
    html = dry_run.content.decode()
    for number, (_, reason) in BAD_ROWS.items():
        reasons = " ".join(
            f"{field}: {message}"
            for field, messages in refused[number].error_dict.items()
            for message in messages
        )
        assert reason in reasons, (number, reasons)
    assert "990 to create, 0 to update, 0 unchanged, 10 refused." in html

    messages = confirm(curator_client, Article, dry_run)
    assert Article.objects.count() == 990
    assert "Import finished: 990 new, 0 updated, 0 unchanged, 10 refused." in messages
    assert any(
        message.startswith("Row 5: title: This field cannot be blank.") for message in messages
    )
    assert set(Article.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert Article.objects.get(slug="article-1").films.get().slug == "crossing"

    again = preview(curator_client, Article, data)
    assert again.context["result"].totals["skip"] == 990
    messages = confirm(curator_client, Article, again)
    assert "Import finished: 0 new, 0 updated, 990 unchanged, 10 refused." in messages
    assert Article.objects.count() == 990


def test_a_dry_run_shows_each_row_and_saves_nothing(curator_client, archive):
    make_article(slug="article-2", title="Old title", publication=Publication.objects.get())
    rows = article_rows(3, bad={3: ({"title": ""}, "")})
    response = preview(curator_client, Article, as_csv(rows))
    outcomes = [row.import_type for row in response.context["result"].rows]
    assert outcomes == ["new", "update", "invalid"]
    html = response.content.decode()
    for text in ["Created", "Updated", "Refused", "This field cannot be blank."]:
        assert text in html
    assert Article.objects.get(slug="article-2").title == "Old title"
    assert Article.objects.count() == 1


def test_an_import_is_one_revision_in_history(curator_client, archive):
    confirm(curator_client, Article, preview(curator_client, Article, as_csv(article_rows(3, {}))))
    versions = Version.objects.get_for_model(Article)
    assert versions.count() == 3
    revision = versions.first().revision
    assert (revision.user.username, revision.comment) == ("curator", "Imported from articles.csv.")


def test_a_curator_cannot_publish_by_import(curator_client, archive):
    rows = article_rows(2, bad={2: ({"status": "published"}, "")})
    response = preview(curator_client, Article, as_csv(rows))
    [refused] = response.context["result"].invalid_rows
    assert refused.number == 2
    assert "Only an Editor may publish" in str(refused.error_dict["status"])


def test_a_curator_cannot_unpublish_by_import(curator_client, archive):
    make_article(slug="article-1", status=Status.PUBLISHED, publication=Publication.objects.get())
    rows = article_rows(1, bad={1: ({"status": "draft"}, "")})
    [refused] = preview(curator_client, Article, as_csv(rows)).context["result"].invalid_rows
    assert "status" in refused.error_dict


def test_an_editor_publishes_by_import(editor_client, archive):
    rows = article_rows(2, bad={2: ({"status": "published"}, "")})
    confirm(editor_client, Article, preview(editor_client, Article, as_csv(rows)))
    assert Article.objects.get(slug="article-2").status == Status.PUBLISHED


def test_publications_are_imported_from_json(curator_client):
    rows = [
        {"slug": "korea-herald", "name": "The Korea Herald", "kind": "newspaper", "country": "KR"},
        {"slug": "kbs-world", "name": "KBS World", "kind": "broadcaster"},
        {"slug": "", "name": "No slug"},
    ]
    data = json.dumps(rows).encode()
    response = preview(curator_client, Publication, data, name="sources.json", file_format="json")
    confirm(curator_client, Publication, response)
    assert sorted(Publication.objects.values_list("slug", flat=True)) == [
        "kbs-world",
        "korea-herald",
    ]


def test_the_command_imports_with_progress_and_reports_refused_rows(archive, tmp_path):
    path = tmp_path / "articles.csv"
    path.write_bytes(as_csv(article_rows(20, bad={7: ({"publication": "nowhere"}, "")})))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_records", "articles", str(path), stdout=out, stderr=err)
    assert Article.objects.count() == 19
    report = out.getvalue()
    assert "Row 7 refused: publication: No publication has the slug “nowhere”." in report
    assert "Imported: 19 new, 0 updated, 0 unchanged, 1 refused." in report
    assert "20/20 rows" in err.getvalue()
    assert Version.objects.get_for_model(Article).count() == 19

    out = io.StringIO()
    call_command("import_records", "articles", str(path), "--no-progress", stdout=out)
    assert "Imported: 0 new, 0 updated, 19 unchanged, 1 refused." in out.getvalue()


def test_imported_entries_are_in_the_search_index(curator_client, archive, tmp_path):
    # The index is updated once the whole file is in (search.index.deferred).
    path = tmp_path / "articles.csv"
    path.write_bytes(as_csv(article_rows(3, {})))
    call_command("import_records", "articles", str(path), "--dry-run", stdout=io.StringIO())
    assert not SearchEntry.objects.filter(kind=Kind.ARTICLE).exists()
    call_command("import_records", "articles", str(path), "--no-progress", stdout=io.StringIO())
    indexed = SearchEntry.objects.filter(kind=Kind.ARTICLE, body=False)
    assert sorted(indexed.values_list("text", flat=True)) == ["Article 1", "Article 2", "Article 3"]
    assert set(indexed.values_list("object_id", flat=True)) == set(
        Article.objects.values_list("pk", flat=True)
    )


def test_the_commands_dry_run_saves_nothing(archive, tmp_path):
    path = tmp_path / "articles.csv"
    path.write_bytes(as_csv(article_rows(5, {})))
    out = io.StringIO()
    call_command(
        "import_records", "articles", str(path), "--dry-run", stdout=out, stderr=io.StringIO()
    )
    assert "Would import: 5 new" in out.getvalue()
    assert not Article.objects.exists()


def exported_rows(client, model, query=""):
    url = admin_url(model, "export") + query
    form = client.get(url).context["form"]
    data = {"format": choice(form, "format", "csv")}
    data.update(
        {name: "on" for name, field in form.fields.items() if hasattr(field, "resource_name")}
    )
    if "resource" in form.fields:
        data["resource"] = form.fields["resource"].initial or "0"
    response = client.post(url, data)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_filtered_changelist_exports_only_its_rows(curator_client, archive):
    publication = Publication.objects.get()
    make_article(slug="shown", status=Status.PUBLISHED, publication=publication)
    make_article(slug="left-out", publication=publication)
    rows = exported_rows(curator_client, Article, "?status__exact=published")
    assert [row["slug"] for row in rows] == ["shown"]
    assert rows[0]["publication"] == "korea-herald"


def test_an_exported_file_imports_back_unchanged(curator_client, archive):
    publication = Publication.objects.get()
    draft = make_article(slug="draft", publication=publication, byline="By Lee Eun-joo")
    draft.films.add(Film.objects.get())
    make_article(
        slug="published",
        publication=publication,
        status=Status.PUBLISHED,
        published_at=datetime.datetime(2008, 6, 5, 9, 30, tzinfo=datetime.UTC),
    )
    rows = exported_rows(curator_client, Article)
    response = preview(curator_client, Article, as_csv(rows))
    assert [row.import_type for row in response.context["result"].rows] == ["skip", "skip"]


def test_an_export_of_a_search_holds_every_match_past_the_lists_cap(
    curator_client, archive, monkeypatch
):
    monkeypatch.setattr("curation.admin.SEARCH_CAP", 2)
    publication = Publication.objects.get()
    for n in range(3):
        make_article(slug=f"defector-{n}", title=f"Defector {n}", publication=publication)
    rows = exported_rows(curator_client, Article, "?q=defector")
    assert sorted(row["slug"] for row in rows) == ["defector-0", "defector-1", "defector-2"]


def test_an_export_of_a_filtered_search_holds_every_match_of_its_text(curator_client, archive):
    publication = Publication.objects.get()
    for n in range(2):
        make_article(
            slug=f"published-{n}",
            status=Status.PUBLISHED,
            publication=publication,
            text="A defector spoke.",
        )
    # Newer matches that the filter leaves out: they must not crowd out the older ones.
    for n in range(3):
        make_article(slug=f"draft-{n}", publication=publication, text="A defector spoke.")
    rows = exported_rows(curator_client, Article, "?status__exact=published&q=defector")
    assert sorted(row["slug"] for row in rows) == ["published-0", "published-1"]
