from wagtail.admin.widgets import AdminAutoHeightTextInput


class HeadlineInput(AdminAutoHeightTextInput):
    """A headline's field in the editor: it wraps and grows with the text, so a long headline
    is seen whole on a desk's screen and a phone alike. A headline is one line: a line break
    typed or pasted into it is read as a space."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return " ".join(value.split()) if value else value
