from wagtail.models import ReferenceIndex

from django_tasks import task

from qalam.articles.models import ArticlePage


@task()
def update_references(ids):
    """Wagtail's reference index (what uses an image, an author…) for imported articles: one
    task a batch, where Wagtail's own task takes one article and one queue row each."""
    for article in ArticlePage.objects.filter(pk__in=ids).iterator(chunk_size=100):
        ReferenceIndex.create_or_update_for_object(article)
