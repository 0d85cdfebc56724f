"""The admin's sign-in form: Wagtail's, with its password field named in the reader's
language. Wagtail's field has no label, so Django made one from the field's name and every
admin showed «Password» in English beside «Имя пользователя»."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm


class SignInForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
