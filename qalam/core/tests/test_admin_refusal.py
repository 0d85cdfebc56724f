"""A request the admin refuses is answered with 403 and the reason, not Wagtail's redirect
to its home page (core.middleware.AdminRefusalMiddleware); other redirects to the home page
and the user's other messages are left as they were."""

import inspect

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.shortcuts import redirect
from django.test import RequestFactory

from wagtail.admin import auth

import pytest

from qalam.core.middleware import WAGTAIL_REFUSAL, AdminRefusalMiddleware
from qalam.users.models import User

pytestmark = pytest.mark.django_db

REASON = "у вас нет доступа в эту область"


@pytest.fixture
def staff(client):
    """Signed in to the admin with no right to any page, image or setting."""
    user = User.objects.create_user("staff", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return client


def through_middleware(view):
    """A staff member's request through sessions, messages and the refusal middleware, in
    settings' order."""
    handler = SessionMiddleware(MessageMiddleware(AdminRefusalMiddleware(view)))
    request = RequestFactory().post("/admin/pages/1/delete/")
    request.user = User.objects.create_user("editor", is_staff=True)
    return request, handler(request)


def messages_on_next_page(response):
    request = RequestFactory().get("/admin/")
    request.COOKIES = {name: morsel.value for name, morsel in response.cookies.items()}
    seen = []

    def view(request):
        seen.extend(message.message for message in messages.get_messages(request))
        return HttpResponse()

    SessionMiddleware(MessageMiddleware(view))(request)
    return seen


def test_a_refused_page_is_a_403_with_the_reason(staff, home):
    response = staff.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert REASON in page
    assert 'href="/admin/"' in page
    # The reason was shown here, so the dashboard does not show it a second time.
    assert REASON not in staff.get("/admin/").content.decode()


def test_a_refused_post_changes_nothing(staff, home):
    response = staff.post(f"/admin/pages/{home.pk}/unpublish/")
    assert response.status_code == 403
    home.refresh_from_db()
    assert home.live


def test_other_redirects_to_the_dashboard_stay_redirects(client):
    User.objects.create_superuser("chief", password="x")
    response = client.post("/admin/login/", {"username": "chief", "password": "x"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_users_other_messages_are_shown_beside_the_refusal():
    def view(request):
        messages.success(request, "Черновик сохранён.")
        return auth.permission_denied(request)

    _request, response = through_middleware(view)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Черновик сохранён." in page
    assert page.count(REASON) == 1  # in the page's text, not again among the messages
    assert messages_on_next_page(response) == []


def test_a_redirect_with_messages_but_no_refusal_keeps_them():
    def view(request):
        messages.success(request, "Страница опубликована.")
        return redirect("wagtailadmin_home")

    _request, response = through_middleware(view)
    assert response.status_code == 302
    assert messages_on_next_page(response) == ["Страница опубликована."]


def test_wagtail_still_refuses_with_this_message():
    # An upgrade that words the refusal differently would let redirects through again.
    assert WAGTAIL_REFUSAL in inspect.getsource(auth.permission_denied)
