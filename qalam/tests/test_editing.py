"""The newsroom's path through the admin: write an article under a rubric, in Russian."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import rich_text

from qalam.articles.models import ArticlePage, StoryPage, story_types
from qalam.articles.tests.editor_form import editor_form
from qalam.authors.factories import AuthorFactory
from qalam.home.editions import ensure_editions
from qalam.home.models import HomePage
from qalam.pages.models import SimplePage
from qalam.rubrics.factories import RubricPageFactory
from qalam.rubrics.models import RubricPage


class EditorTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_editions()["ru"]
        cls.rubric = RubricPageFactory(parent=cls.home, title="Официально", slug="ofitsialno")
        cls.author = AuthorFactory(name="Айгерим Сарсенова")
        cls.editor = get_user_model().objects.create_superuser("editor", password="secret-pass-1")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_page_tree_is_declared_on_the_models(self):
        self.assertAllowedParentPageTypes(ArticlePage, {RubricPage})
        self.assertAllowedParentPageTypes(RubricPage, {HomePage, RubricPage})
        # Sub-rubrics and every story type (the tests' BriefPage too), which name the rubric
        # as their parent; never the contract itself nor Wagtail's bare page.
        assert set(RubricPage.creatable_subpage_models()) == {RubricPage, *story_types()}
        assert ArticlePage in story_types() and StoryPage not in story_types()
        self.assertAllowedSubpageTypes(HomePage, {RubricPage, SimplePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def article_form(self):
        return editor_form(
            "Перспективы партнерства",
            "perspektivy-partnerstva",
            lead="Президент провел в Туркестане неформальную встречу.",
            body=[
                ("paragraph", rich_text("<p>Стороны обсудили газовую отрасль.</p>")),
                ("subheading", "Транспорт"),
                ("quote", {"text": "Отрадно", "attribution": "Президент"}),
            ],
            authors=[{"author": self.author.pk}],
            tags="Туркменистан, Туркестан",
        )

    def test_editor_can_create_an_article_under_a_rubric(self):
        self.assertCanCreate(self.rubric, ArticlePage, self.article_form())
        article = ArticlePage.objects.get(slug="perspektivy-partnerstva")
        self.assertEqual([link.author for link in article.article_authors.all()], [self.author])
        self.assertEqual(sorted(article.tags.names()), ["Туркестан", "Туркменистан"])

    def test_admin_speaks_russian(self):
        response = self.client.get("/admin/")
        self.assertContains(response, 'lang="ru"')
        self.assertContains(response, "Страницы")

    def test_article_edit_form_and_preview_open(self):
        from qalam.articles.factories import ArticlePageFactory

        article = ArticlePageFactory(parent=self.rubric, authors=[self.author])
        edit = self.client.get(f"/admin/pages/{article.pk}/edit/")
        self.assertContains(edit, "Лид", status_code=200)
        self.assertPageIsPreviewable(article, post_data=self.article_form())

    def test_a_new_article_previews_before_it_has_comments(self):
        url = reverse(
            "wagtailadmin_pages:preview_on_add", args=("articles", "articlepage", self.rubric.pk)
        )
        self.assertEqual(self.client.post(url, self.article_form()).json()["is_valid"], True)
        self.assertContains(self.client.get(url), "Перспективы партнерства")

    def test_rubric_and_home_are_editable_and_previewable(self):
        self.assertPageIsEditable(self.rubric)
        self.assertPageIsPreviewable(
            self.rubric, post_data={"title": "Официально", "slug": "ofitsialno", "description": ""}
        )
        self.assertPageIsPreviewable(self.home, post_data={"title": "Главная", "slug": "home"})

    def test_authors_and_tags_have_admin_screens(self):
        self.assertContains(self.client.get("/admin/snippets/authors/author/"), "Айгерим Сарсенова")
        self.assertEqual(self.client.get("/admin/snippets/tags/tag/").status_code, 200)
        image_form = self.client.get("/admin/images/multiple/add/")
        self.assertEqual(image_form.status_code, 200)
