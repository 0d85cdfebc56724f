"""The reader's comment form. It carries no CSRF token, so the article page around it is
the same for every reader and can be cached; docs/comments.md explains what stands in."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from qalam.core.ids import whole_number

from .models import WEB_SCHEMES, Comment

SIGNING_SALT = "qalam.comments.form"
# Control characters other than tab and line breaks, and the replacement character that
# stands where bytes did not decode as UTF-8.
UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def form_token(article_id):
    """Which article the form was made for and when: signed, so it cannot be forged."""
    return signing.TimestampSigner(salt=SIGNING_SALT).sign(str(article_id))


def reject_unreadable(value):
    if UNREADABLE.search(value):
        raise forms.ValidationError(
            _(
                "This contains characters that cannot be shown, perhaps from a file or a "
                "different encoding. Please type or paste plain text."
            ),
            code="unreadable",
        )


class WebAddressField(forms.URLField):
    """An http(s) address. It replaces the URL field's own validator instead of adding a
    second one, so a wrong address is named once."""

    default_validators = [URLValidator(schemes=WEB_SCHEMES)]


class CommentForm(forms.ModelForm):
    # A field people never see: bots that fill in every field give themselves away.
    homepage = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    # Read leniently: a hidden field's error would have nowhere to show.
    parent = forms.CharField(widget=forms.HiddenInput, required=False)
    url = WebAddressField(
        label=_("website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        # Text with a web-address keyboard, not type="url": browsers refuse an address
        # without its scheme, which this field accepts, and HTML forbids one as the value of
        # a url input when a failed form comes back with it.
        widget=forms.TextInput(attrs={"autocomplete": "url", "inputmode": "url"}),
    )

    class Meta:
        model = Comment
        fields = ["author_name", "email", "url", "text"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "email": "",  # the model's note is for editors; readers have the form's note
            "text": _("Plain text, up to 5,000 characters. Web addresses become links."),
        }
        error_messages = {
            "text": {
                "max_length": _(
                    "The comment is %(show_value)d characters long; the limit is "
                    "%(limit_value)d. Please shorten it."
                )
            },
        }

    def __init__(self, *args, article, **kwargs):
        self.article = article
        super().__init__(*args, **kwargs)
        for name in ("author_name", "email", "url", "text"):
            self.fields[name].validators.append(reject_unreadable)
        # A browser that cut a long paste short would lose text silently; the server
        # says how long it is instead, with the text kept.
        self.fields["text"].widget.attrs.pop("maxlength", None)
        self.fields["homepage"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def token_to_send(self):
        """The token for the next submission: the one sent, while it is still good, so that
        fixing a typo does not restart the clock; a fresh one otherwise."""
        if self.is_bound and "token" not in self.errors and self.data.get("token"):
            return self.data["token"]
        return form_token(self.article.pk)

    def refuse(self, message):
        """A reason that concerns no single field: shown above the form, all input kept."""
        self.errors.setdefault(NON_FIELD_ERRORS, self.error_class(error_class="nonfield"))
        self.errors[NON_FIELD_ERRORS].append(message)

    @property
    def form_errors(self):
        """Errors shown above the fields: the form's own and the hidden token's."""
        return [*self.non_field_errors(), *self.errors.get("token", [])]

    @property
    def is_bot(self):
        """Filled in the hidden field: answered as if accepted, and dropped."""
        return bool(self.data.get("homepage"))

    def clean_token(self):
        token = self.cleaned_data["token"]
        try:
            article_id = signing.TimestampSigner(salt=SIGNING_SALT).unsign(
                token, max_age=settings.QALAM_COMMENT_FORM_MAX_AGE
            )
        except signing.SignatureExpired as expired:
            raise forms.ValidationError(
                _("The form was open too long. Please check your comment and send it again."),
                code="expired",
            ) from expired
        except signing.BadSignature as bad:
            raise forms.ValidationError(
                _("The form could not be checked. Please send your comment again."),
                code="bad_token",
            ) from bad
        if article_id != str(self.article.pk):
            raise forms.ValidationError(
                _("The form could not be checked. Please send your comment again."),
                code="bad_token",
            )
        # The signed value is "article:timestamp:signature"; the page may have come from a
        # cache, so this is the time since the page was made, not since this reader opened it.
        made_at = signing.b62_decode(token.rsplit(":", 2)[1])
        if time.time() - made_at < settings.QALAM_COMMENT_MIN_SECONDS:
            raise forms.ValidationError(
                _(
                    "That was quicker than anyone types. Please check your comment and send it "
                    "again."
                ),
                code="too_fast",
            )
        return token

    def clean_parent(self):
        """A reply attaches to an approved comment of this article, and replies are one
        level deep: answering a reply answers its top-level comment."""
        parent_id = whole_number(self.cleaned_data.get("parent", ""))
        if parent_id is None:
            return None
        parent = (
            Comment.objects.approved()
            .filter(article=self.article, pk=parent_id)
            .only("pk", "parent_id")
            .first()
        )
        if parent is None:
            return None
        return parent.parent_id or parent.pk

    def save(self, commit=True):
        comment = super().save(commit=False)
        comment.article = self.article
        comment.parent_id = self.cleaned_data.get("parent")
        if commit:
            comment.save()
        return comment
