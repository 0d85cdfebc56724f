"""Ids from the address bar (core/ids.py): what `int()` or the database would choke on is no
id, and a model choice field says so as its own error."""

from django import forms

import pytest

from qalam.core.ids import ModelChoiceById, ModelMultipleChoiceById, whole_number
from qalam.users.models import User


@pytest.mark.parametrize(
    ("value", "number"),
    [("7", 7), (" 12 ", 12), ("0", None), ("-3", None), ("²", None), ("٣", None),
     ("9" * 5000, None), (str(2**63), None), (str(2**63 - 1), 2**63 - 1), ("", None),
     ("1e3", None)],
)  # fmt: skip
def test_whole_number(value, number):
    assert whole_number(value) == number


class ChooseUsers(forms.Form):
    one = ModelChoiceById(queryset=User.objects.all(), required=False)
    many = ModelMultipleChoiceById(queryset=User.objects.all(), required=False)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["99999999999999999999", "²", "x" * 5000])
def test_a_value_that_is_no_id_is_the_fields_own_error(value):
    form = ChooseUsers({"one": value, "many": [value]})
    assert not form.is_valid()
    assert form.errors["one"][0].startswith("Выберите корректный вариант")
    assert value[:20] in form.errors["many"][0]


@pytest.mark.django_db
def test_real_ids_still_choose():
    user = User.objects.create_user("reader")
    form = ChooseUsers({"one": str(user.pk), "many": [str(user.pk)]})
    assert form.is_valid()
    assert form.cleaned_data["one"] == user and list(form.cleaned_data["many"]) == [user]
