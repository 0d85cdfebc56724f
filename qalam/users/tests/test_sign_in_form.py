from django.utils import translation

import pytest

from qalam.users.forms import SignInForm

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_names_the_password_field_in_russian(client):
    page = client.get("/admin/login/").content.decode()
    field = page.split('for="id_password"', 1)[1].split("</label>", 1)[0]
    assert "Пароль" in field


@pytest.mark.parametrize(
    ("language", "label"), [("ru", "Пароль"), ("kk", "Құпиясөз"), ("en", "Password")]
)
def test_the_password_field_is_named_in_each_admin_language(language, label):
    with translation.override(language):
        assert str(SignInForm().fields["password"].label) == label
