"""Simple pages: «О редакции», «Контакты» and the like, outside the rubrics."""

from django.contrib.auth import get_user_model

from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from bs4 import BeautifulSoup

from qalam.home.editions import ensure_editions
from qalam.home.models import HomePage
from qalam.pages.factories import SimplePageFactory
from qalam.pages.models import SimplePage


class SimplePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_editions()["ru"]
        cls.editor = get_user_model().objects.create_superuser("editor", password="secret-pass-1")

    def test_page_tree_is_declared_on_the_model(self):
        self.assertAllowedParentPageTypes(SimplePage, {HomePage, SimplePage})
        self.assertAllowedSubpageTypes(SimplePage, {SimplePage})

    def test_page_renders_its_title_and_body_under_the_home_page(self):
        about = SimplePageFactory(
            parent=self.home,
            title="О редакции",
            slug="o-redaktsii",
            body=[("paragraph", RichText("<p>Адрес редакции.</p>")), ("subheading", "Связь")],
        )
        SimplePageFactory(parent=about, title="Вакансии", slug="vakansii")
        response = self.client.get("/o-redaktsii/")
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.h1.text == "О редакции"
        assert [p.text for p in soup.select(".article__body p")] == ["Адрес редакции."]
        assert self.client.get("/o-redaktsii/vakansii/").status_code == 200

    def test_editor_can_create_a_page_under_the_home_page(self):
        self.client.force_login(self.editor)
        self.assertCanCreate(
            self.home,
            SimplePage,
            nested_form_data(
                {
                    "title": "Контакты",
                    "slug": "kontakty",
                    "body": streamfield([("paragraph", rich_text("<p>Телефон.</p>"))]),
                }
            ),
        )
        self.assertEqual(SimplePage.objects.get().url, "/kontakty/")
