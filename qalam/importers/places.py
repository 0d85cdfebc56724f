"""Where bulk-inserted articles go in the page tree: their paths, counted out in Python
after a rubric's last child with treebeard's own alphabet, and their slugs, free among their
siblings. Both are read once a run per rubric and kept up to date by the writer."""

from django.db import connection

from wagtail.models import Page

from treebeard.numconv import NumConv

from qalam.lang.slugs import free_slug


class Places:
    def __init__(self):
        self.steps = NumConv(Page.alphabet)
        self.last_step, self.taken = {}, {}

    def next_path(self, rubric):
        if rubric.pk not in self.last_step:
            last = rubric.get_last_child()
            step = last.path[-Page.steplen :] if last else "0"
            self.last_step[rubric.pk] = self.steps.str2int(step)
        self.last_step[rubric.pk] += 1
        return rubric.path + self.steps.int2str(self.last_step[rubric.pk]).rjust(Page.steplen, "0")

    def took_path(self, rubric, article):
        """Wagtail gave an article a path: the bulk path counts on after it."""
        if rubric.pk in self.last_step:
            step = self.steps.str2int(article.path[-Page.steplen :])
            self.last_step[rubric.pk] = max(self.last_step[rubric.pk], step)

    def slugs(self, rubric):
        """The slugs taken under a rubric."""
        if rubric.pk not in self.taken:
            self.taken[rubric.pk] = set(rubric.get_children().values_list("slug", flat=True))
        return self.taken[rubric.pk]

    def take_slug(self, rubric, base):
        """`base`, or `base-2`, `base-3`… when an article of the rubric has it."""
        taken = self.slugs(rubric)
        slug = free_slug(base, taken)
        taken.add(slug)
        return slug


def insert_own_rows(articles):
    """The rows of the articles' own tables (the stories' and the articles'), their base page
    rows being in: Django's bulk_create refuses a model that inherits another's table, and
    saving them one by one costs a round trip each."""
    model = type(articles[0])
    below_page = [
        table for table in [*reversed(model._meta.get_parent_list()), model] if table is not Page
    ]
    with connection.cursor() as cursor:
        for table in below_page:
            for article in articles:  # each table's link to the one above: the page's id
                setattr(article, table._meta.pk.attname, article.pk)
            fields = table._meta.local_concrete_fields
            name = connection.ops.quote_name(table._meta.db_table)
            columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
            row = "(" + ", ".join(["%s"] * len(fields)) + ")"
            values = [
                field.get_db_prep_save(field.pre_save(article, True), connection)
                for article in articles
                for field in fields
            ]
            cursor.execute(
                f"INSERT INTO {name} ({columns}) VALUES {', '.join([row] * len(articles))}",  # noqa: S608
                values,
            )
    for article in articles:
        article._state.adding, article._state.db = False, connection.alias
