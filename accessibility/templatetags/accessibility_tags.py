from django import template

from accessibility.audit import current_audit

register = template.Library()


@register.simple_tag
def accessibility_level():
    """The conformity level the audit grid gives (« partiellement conforme »…), for the footer."""
    return current_audit().level
