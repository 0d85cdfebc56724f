"""The planned story's form in the admin: the desk as a list of rubrics, the languages and
assignees as checkboxes, and the checks a planner needs said in plain words."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from qalam.core.ids import ModelChoiceById, ModelMultipleChoiceById
from qalam.rubrics.models import RubricPage

from .models import Status


def newsroom_users():
    """Who can be given a story: active accounts that may use the admin."""
    access = {"codename": "access_admin", "content_type__app_label": "wagtailadmin"}
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(pk__in=Permission.objects.filter(**access).values("group__user"))
            | Q(pk__in=Permission.objects.filter(**access).values("user"))
        )
        .order_by("last_name", "first_name", "username")
    )


def user_label(user):
    return user.get_full_name() or user.get_username()


def desk_label(rubric):
    indent = "— " * max(rubric.depth - 3, 0)
    return f"{indent}{rubric.title} ({rubric.locale.language_code})"


def language_label(locale):
    return locale.get_display_name() or locale.language_code


class DeskChoiceField(ModelChoiceById):
    def label_from_instance(self, obj):
        return desk_label(obj)


class LanguagesField(ModelMultipleChoiceById):
    def label_from_instance(self, obj):
        return language_label(obj)


class AssigneesField(ModelMultipleChoiceById):
    def label_from_instance(self, obj):
        return user_label(obj)


def desks():
    return RubricPage.objects.select_related("locale").order_by("locale__pk", "path")


class PlannedStoryForm(WagtailAdminModelForm):
    desk = DeskChoiceField(
        queryset=desks(),
        required=False,
        label=capfirst(_("desk")),
        help_text=_("The rubric the story will be published in."),
    )
    languages = LanguagesField(
        queryset=Locale.objects.order_by("pk"),
        widget=forms.CheckboxSelectMultiple,
        label=capfirst(_("languages")),
        help_text=_("The editions the story is wanted in."),
        error_messages={"required": _("Choose at least one language.")},
    )
    assignees = AssigneesField(
        queryset=newsroom_users(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=capfirst(_("assignees")),
        error_messages={
            "invalid_choice": _(
                "The user %(value)s does not exist or can no longer sign in to the admin: "
                "choose someone from the list."
            ),
            "invalid_pk_value": _("“%(pk)s” is not a user."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Querysets made afresh for each form: new rubrics and users appear at once.
        self.fields["desk"].queryset = desks()
        self.fields["assignees"].queryset = newsroom_users()
        if not self.instance.pk and "languages" in self.fields:
            self.initial.setdefault("languages", list(Locale.objects.filter(pk=_default_locale())))

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        # The field shows minutes: a deadline kept as it was comes back without its seconds.
        unchanged = bool(
            deadline
            and self.instance.deadline
            and abs(deadline - self.instance.deadline).total_seconds() < 60
        )
        if deadline and not unchanged and deadline < timezone.now():
            raise forms.ValidationError(
                _("This deadline has already passed (%(when)s): choose a later time."),
                code="deadline_passed",
                params={
                    "when": formats.date_format(
                        timezone.localtime(deadline), "SHORT_DATETIME_FORMAT"
                    )
                },
            )
        return deadline

    def clean(self):
        cleaned = super().clean()
        # Someone given an idea has been assigned it; taking everyone off sends it back.
        status, assignees = cleaned.get("status"), cleaned.get("assignees")
        if status == Status.IDEA and assignees:
            cleaned["status"] = Status.ASSIGNED
        elif status == Status.ASSIGNED and assignees is not None and not assignees:
            cleaned["status"] = Status.IDEA
        return cleaned


def _default_locale():
    try:
        return Locale.get_default().pk
    except Locale.DoesNotExist:
        return None
