"""
What a browser would post back from an admin page the test client fetched:
every field of the form and of its inlines with the values shown, so that a
test changes only what it means to change.
"""

from django.forms import CheckboxInput, FileInput, MultiWidget


def form_values(form):
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        widget = field.widget
        if isinstance(widget, FileInput):
            continue
        value = bound.value()
        if isinstance(widget, MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif isinstance(widget, CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


def posted_back(response, **changes):
    """The change form of `response` as it would be submitted, with `changes` applied."""
    context = response.context
    data = form_values(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    data.update(changes)
    return data
