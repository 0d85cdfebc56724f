"""Categories → rubrics with their hierarchy, tags → tags, WordPress users → authors, from
the export's head; each answers at its old archive address too."""

import collections

from django.utils import translation

from wagtail.coreutils import find_available_slug

from qalam.authors.models import Author
from qalam.rubrics.models import RubricPage
from qalam.tags.models import Tag

from .content import plain_text, slug_of
from .wxr import Term

TAG_LENGTH = Tag._meta.get_field("name").max_length


class Taxonomy:
    def __init__(self, importer, used_categories):
        self.importer = importer
        self.keys, self.report = importer.keys, importer.report
        self.home, self.writer = importer.home, importer.writer
        self.used = used_categories  # category slug → posts in it
        self.rubrics = {}  # category slug → RubricPage
        self.term_ids = {}  # category slug → term ID
        self.logins = {}  # author login → author name

    def setup(self, channel):
        categories = [term for term in channel.terms if term.taxonomy == "category"]
        self.make_rubrics(categories)
        self.make_tags([term for term in channel.terms if term.taxonomy == "post_tag"])
        self.make_authors(channel.authors)
        others = collections.Counter(
            term.taxonomy for term in channel.terms if term.taxonomy not in ("category", "post_tag")
        )
        for taxonomy, count in sorted(others.items()):
            self.report.warn("terms", None, f"«{taxonomy}»: {count} terms not imported")

    def make_rubrics(self, categories):
        by_slug = {term.slug: term for term in categories}
        children = collections.defaultdict(list)
        for term in categories:
            children[term.parent].append(term.slug)

        def used(slug):
            return bool(self.used.get(slug)) or any(used(child) for child in children[slug])

        known = self.keys.find("category", [term.id for term in categories])
        existing = RubricPage.objects.in_bulk([object_id for object_id, _ in known.values()])

        def make(term, trail):
            if term.slug in self.rubrics:
                return self.rubrics[term.slug]
            parent_term = by_slug.get(term.parent)
            if parent_term and parent_term.slug not in trail:
                parent = make(parent_term, (*trail, term.slug))
            else:
                parent = self.home
            rubric = existing.get(known.get(term.id, (None,))[0])
            rubric = self.rubric(
                term, parent, rubric, in_menu=parent is self.home and used(term.slug)
            )
            self.rubrics[term.slug], self.term_ids[term.slug] = rubric, term.id
            self.keys.remember("category", [(term.id, rubric.pk, "")])
            path = "/".join(t.slug for t in self.ancestry(term, by_slug))
            self.importer.redirect(f"/category/{path}/", rubric)
            self.importer.redirect(f"/?cat={term.id}", rubric)
            return rubric

        for term in categories:
            make(term, ())

    def ancestry(self, term, by_slug):
        chain = [term]
        while chain[-1].parent in by_slug and by_slug[chain[-1].parent] not in chain:
            chain.append(by_slug[chain[-1].parent])
        return reversed(chain)

    def rubric(self, term, parent, rubric, in_menu):
        title = plain_text(term.name)[:255] or term.slug
        description = plain_text(term.description)[:1000]
        slug = slug_of(term.slug) or slug_of(title)
        if rubric is None:
            rubric = RubricPage.objects.child_of(parent).filter(slug=slug).first()
        if rubric is None:
            rubric = RubricPage(
                title=title,
                slug=find_available_slug(parent, slug),
                description=description,
                locale=self.home.locale,
                show_in_menus=in_menu,
            )
            parent.add_child(instance=rubric)
            self.report.count("rubrics", "created")
        elif (rubric.title, rubric.description) != (title, description):
            rubric.title, rubric.description = title, description
            rubric.save_revision().publish()
            self.report.count("rubrics", "updated")
        else:
            self.report.count("rubrics", "unchanged")
        return rubric

    def rubric_of(self, item):
        """The post's rubric: Yoast's primary category when it names one of the post's, or
        the one WordPress builds the post's address from (the lowest term ID)."""
        categories = [slug for slug, _ in item.terms_of("category")]
        for slug, name in item.terms_of("category"):
            if slug not in self.rubrics:  # a category the head did not declare
                term = Term(taxonomy="category", id=0, slug=slug, name=name)
                self.rubrics[slug] = self.rubric(term, self.home, None, in_menu=True)
                self.term_ids[slug] = 0
        if not categories:
            return self.uncategorised()
        primary = item.meta.get("_yoast_wpseo_primary_category", "").strip()
        for slug in categories:
            if primary and str(self.term_ids.get(slug)) == primary:
                return self.rubrics[slug]
        return self.rubrics[min(categories, key=lambda slug: self.term_ids[slug] or 1 << 62)]

    def uncategorised(self):
        by_id = {term_id: slug for slug, term_id in self.term_ids.items()}
        if 1 in by_id:  # WordPress's own default category
            return self.rubrics[by_id[1]]
        with translation.override(self.importer.language):
            name = translation.gettext("Uncategorised")
        term = Term(taxonomy="category", id=0, slug=slug_of(name), name=name)
        self.rubrics[term.slug] = self.rubric(term, self.home, None, in_menu=False)
        self.term_ids[term.slug] = 1
        return self.rubrics[term.slug]

    def tags_of(self, item, rubric):
        """The post's tags, and its other categories as tags: an article has one rubric."""
        names = [plain_text(name)[:TAG_LENGTH] for _, name in item.terms_of("post_tag")]
        names += [
            plain_text(name)[:TAG_LENGTH]
            for slug, name in item.terms_of("category")
            if self.rubrics.get(slug) is not rubric
        ]
        for name in names:
            if name and name.casefold() not in self.writer.tags:  # not among the head's tags
                tag = Tag.objects.filter(name__iexact=name).first()
                self.report.count("tags", "unchanged" if tag else "created")
                self.writer.tag(name)
        return [name for name in names if name]

    def make_tags(self, terms):
        known = self.keys.find("tag", [term.id for term in terms])
        existing = Tag.objects.in_bulk([object_id for object_id, _ in known.values()])
        for term in terms:
            name = plain_text(term.name)[:TAG_LENGTH]
            if not name:
                continue
            tag = existing.get(known.get(term.id, (None,))[0])
            if tag is None:
                tag = Tag.objects.filter(name__iexact=name).first()
                outcome = "unchanged" if tag else "created"
                if tag is None:
                    tag = Tag(name=name)
                    tag.save()
            elif tag.name != name and not Tag.objects.filter(name__iexact=name).exists():
                tag.name, outcome = name, "updated"
                tag.save()
            else:
                outcome = "unchanged"
            self.report.count("tags", outcome)
            self.writer.tags[name.casefold()] = tag
            self.keys.remember("tag", [(term.id, tag.pk, "")])
            link = self.importer.local_url("tags:detail", tag.slug)
            self.importer.redirect(f"/tag/{term.slug}/", link=link)
            self.importer.redirect(f"/?tag={term.slug}", link=link)

    def make_authors(self, authors):
        known = self.keys.find("author", [author.id for author in authors])
        existing = Author.objects.in_bulk([object_id for object_id, _ in known.values()])
        for wp_author in authors:
            name = plain_text(wp_author.name)[:255]
            author = existing.get(known.get(wp_author.id, (None,))[0])
            if author is None:
                author = Author.objects.filter(name__iexact=name).first()
                outcome = "unchanged" if author else "created"
                author = author or Author.objects.create(name=name)
            elif author.name != name:
                author.name, outcome = name, "updated"
                author.save()
            else:
                outcome = "unchanged"
            self.report.count("authors", outcome)
            self.writer.authors[author.name] = author
            self.logins[wp_author.login] = author.name
            self.keys.remember("author", [(wp_author.id, author.pk, "")])
            link = self.importer.local_url("authors:detail", author.slug)
            self.importer.redirect(f"/author/{nicename(wp_author.login)}/", link=link)
            self.importer.redirect(f"/?author={wp_author.id}", link=link)

    def authors_of(self, item):
        if not item.creator:
            return []
        if item.creator not in self.logins:  # a login the head does not list
            author = Author.objects.filter(name__iexact=item.creator).first()
            self.report.count("authors", "unchanged" if author else "created")
            self.logins[item.creator] = self.writer.author(item.creator).name
        return [self.logins[item.creator]]


def nicename(login):
    """The author's address part WordPress makes from the login (`a.seitkali` →
    `a-seitkali`); the export does not carry it."""
    return slug_of(login.replace(".", "-").replace("@", "").replace(" ", "-").lower())
