"""The subscription form and the rubric choice. The rubrics offered are the edition's
top-level ones, read in one query."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qalam.core.ids import ModelMultipleChoiceById
from qalam.rubrics.models import RubricPage


def edition_rubrics(language):
    return (
        RubricPage.objects.published()
        .in_language(language)
        .filter(depth=3)
        .order_by("path")
        .only("id", "title", "path")
    )


class RubricsForm(forms.Form):
    rubrics = ModelMultipleChoiceById(
        label=_("Rubrics"),
        queryset=RubricPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to receive every story of the day."),
    )

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rubrics"].queryset = edition_rubrics(language)


class SubscribeForm(RubricsForm):
    # Field order: the address first, then what to receive.
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        error_messages={
            "invalid": _("This does not look like an email address, e.g. name@example.org."),
            "max_length": _("An email address has at most 254 characters."),
        },
    )
    field_order = ["email", "rubrics"]
