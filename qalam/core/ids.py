"""Ids and page numbers from an address or a form, read without trusting them. Python's
`str.isdigit()` accepts «²» and «٣», which `int()` refuses or reads; a number past 2⁶³ makes
SQLite raise OverflowError and PostgreSQL an out-of-range error; a string of 5,000 digits
makes `int()` itself refuse. Django's model choice fields catch none of these, so each was a
server error (found by qalam/tests/test_hostile_input.py)."""

from django import forms
from django.core.exceptions import ValidationError

LARGEST_ID = 2**63 - 1


def whole_number(value, largest=LARGEST_ID):
    """`value` as a positive whole number of ASCII digits within `largest`, else None."""
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(largest)):
        return None
    number = int(text)
    return number if 0 < number <= largest else None


class ChoiceById:
    """For a model choice field: a value that is no id of a row is the field's own «not one
    of the choices» error, before the database is asked."""

    def ensure_ids(self, values):
        for value in values:
            if value not in self.empty_values and whole_number(value) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )


class ModelChoiceById(ChoiceById, forms.ModelChoiceField):
    def to_python(self, value):
        if not isinstance(value, self.queryset.model):
            self.ensure_ids([value])
        return super().to_python(value)


class ModelMultipleChoiceById(ChoiceById, forms.ModelMultipleChoiceField):
    def clean(self, value):
        if isinstance(value, list | tuple):
            self.ensure_ids(value)
        return super().clean(value)
