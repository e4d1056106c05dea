"""The page in each language: {% load languages %}."""

from django import template

from public import languages

register = template.Library()


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """<link rel="canonical"> and the hreflang alternates of the page."""
    request = context.get("request")
    return languages.alternates(request) if request else {}


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this same page in every language, keeping the query string."""
    request = context.get("request")
    return {"languages": languages.page_languages(request) if request else []}
