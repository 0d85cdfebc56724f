import pytest
from bs4 import BeautifulSoup

from qalam.core.views import server_error

pytestmark = pytest.mark.django_db


def test_404_page_has_the_site_look_and_a_way_home(client, rubric):
    response = client.get("/no-such-page/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 404
    assert soup.h1.text == "Страница не найдена"
    assert [a.text for a in soup.select(".rubric-menu a")] == ["Официально"]
    assert soup.select_one(".error-page a")["href"] == "/"


def test_404_speaks_the_language_of_its_edition(client, homes):
    soup = BeautifulSoup(client.get("/kk/no-such-page/").content, "html.parser")
    assert soup.html["lang"] == "kk"
    assert soup.h1.text == "Бет табылмады"


def test_500_page_renders_without_the_database(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Ошибка на сервере" in response.content.decode()


@pytest.fixture
def make_run(settings):
    """The settings of `make run` (qalam.settings.dev) where they matter here."""
    from qalam.settings import dev

    settings.DEBUG = True
    settings.MIDDLEWARE = dev.MIDDLEWARE


@pytest.mark.parametrize("path", ["/no-such-page/", "/kk/no-such-page/", "/wp-login.php"])
def test_under_make_run_a_reader_sees_the_sites_404_not_the_address_map(
    client, rubric, make_run, path
):
    response = client.get(path)
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 404
    assert soup.select_one(".error-page h1") is not None
    assert "URLconf" not in response.content.decode()
    assert [a.text for a in soup.select(".rubric-menu a")] in (["Официально"], [])


def test_under_make_run_staff_keep_djangos_404_for_debugging(client, rubric, make_run):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("editor", password="x"))
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()
