"""RGAA 11.10: on every public page, each required field says so in its label (« obligatoire »),
and a required group of radio buttons in its legend, not only through the `required` attribute."""

from html.parser import HTMLParser

from tests.accessibility.pages import load_demo_site, public_pages


class RequiredFields(HTMLParser):
    """The required controls of a document, each with the text of its label (or, for radio buttons
    and checkboxes, of the legend of the fieldset around it)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.required = []  # (id, name, type, legend text at the time)
        self.labels = {}
        self.legends = []  # the legend of each open fieldset
        self._label_for = None
        self._in_legend = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "fieldset":
            self.legends.append("")
        elif tag == "legend":
            self._in_legend = True
        elif tag == "label":
            self._label_for = attrs.get("for")
            self.labels.setdefault(self._label_for, "")
        elif tag in ("input", "select", "textarea") and "required" in attrs:
            kind = attrs.get("type", tag)
            if kind != "hidden":
                legend = self.legends[-1] if self.legends else ""
                self.required.append((attrs.get("id"), attrs.get("name"), kind, legend))

    def handle_endtag(self, tag):
        if tag == "fieldset" and self.legends:
            self.legends.pop()
        elif tag == "legend":
            self._in_legend = False
        elif tag == "label":
            self._label_for = None

    def handle_data(self, data):
        if self._in_legend and self.legends:
            self.legends[-1] += data
        if self._label_for is not None:
            self.labels[self._label_for] += data

    def unmarked(self):
        missing = []
        for control_id, name, kind, legend in self.required:
            text = legend if kind in ("radio", "checkbox") else self.labels.get(control_id, "")
            if "obligatoire" not in text:
                missing.append(f"{name} ({kind}): « {' '.join(text.split())} »")
        return missing


def test_every_required_field_of_the_public_pages_says_obligatoire(client, db):
    load_demo_site()
    unmarked = {}
    checked_fields = set()
    for page in public_pages():
        with page.settings_override():
            response = client.get(page.url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        fields = RequiredFields()
        fields.feed(response.content.decode())
        checked_fields.update(name for _id, name, _kind, _legend in fields.required)
        for missing in fields.unmarked():
            unmarked.setdefault(missing, page.url)
    # The footer's subscription, the proposal follow form, the comment form and the flag reasons.
    assert {"email", "comment", "reason"} <= checked_fields
    assert unmarked == {}
