"""Wagtail's admin strings that Qalam translates in its own catalogue. Qalam's LOCALE_PATHS
come before the apps' catalogues, so these translations replace Wagtail's: some are missing
from Wagtail's Russian catalogue, some join words («Эта страницав…») or decline a count
wrongly («2 фрагментов выбрано», «Есть 2 совпадений»). Listing the msgids here keeps them in
Qalam's catalogues through `make messages`. What a catalogue cannot fix is in
docs/editing.md."""

from django.utils.translation import gettext_noop, ngettext_lazy

# Wagtail puts the model's plural name after a number, which Russian and Kazakh decline by
# the number; the translations leave it out ("None" where a listing has no name).
# xgettext:no-python-format
LISTING_RANGE = gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s")
SEARCH_RANGE = gettext_noop(
    # xgettext:no-python-format
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
)
SUBPAGES_RANGE = gettext_noop(
    # xgettext:no-python-format
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
    "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
)

# Workflow and lock messages that put the model's name after «Эта» or «этот», whatever its
# gender («Любой может редактировать страница - заблокируйте его»).
# xgettext:no-python-format
AWAITING_MODERATION = gettext_noop("This %(model_name)s is currently awaiting moderation.")
AT_TASK = gettext_noop(
    # xgettext:no-python-format
    "This %(model_name)s is currently at <strong>%(task)s</strong> in "
    "<strong>%(workflow)s</strong>."
)
NEEDS_CHANGES = gettext_noop(
    # xgettext:no-python-format
    "This %(model_name)s was marked as needing changes at <strong>%(task)s</strong> in "
    "<strong>%(workflow)s</strong>."
)
ANYONE_CAN_EDIT = gettext_noop(
    # xgettext:no-python-format
    "Anyone can edit this %(model_name)s – lock it to prevent others from editing"
)
REVIEWERS_CAN_EDIT = gettext_noop(
    # xgettext:no-python-format
    "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"
)

# Counted without a plural form: the number goes after the words.
PAGES_SELECTED = gettext_noop("%(objects)s pages selected")
SNIPPETS_SELECTED = gettext_noop("%(objects)s snippets selected")
ALL_SNIPPETS_SELECTED = gettext_noop("All %(objects)s snippets on this screen selected")
MATCHES = ngettext_lazy("There is %(counter)s match", "There are %(counter)s matches", "counter")

# Untranslated in Wagtail's catalogue.
SCHEDULED = gettext_noop("%(model_name)s scheduled for publishing at %(go_live_at)s")
UNSCHEDULED = gettext_noop("%(model_name)s unscheduled for publishing at %(go_live_at)s")

# A model's name after a verb, which Russian and Kazakh put in another case («Выбрать
# автор»): the translations set it apart with a colon.
ADD = gettext_noop("Add %(label)s")
CHOOSE = gettext_noop("Choose %(object)s")
CHOOSE_ANOTHER = gettext_noop("Choose another %(object)s")
EDIT_THIS = gettext_noop("Edit this %(object)s")

# The review's labels, which Wagtail's catalogue words as a feedback form («В ожидании вашего
# отзыва») or declines wrongly («Отправить в "Проверка редактором"»).
AWAITING_REVIEW = gettext_noop("Awaiting your review")
SUBMIT_TO = gettext_noop("Submit to %(workflow_name)s")
