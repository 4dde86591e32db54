from django.utils.translation import gettext_lazy as _

from home.models import StandardPage


class AccessibilityStatementPage(StandardPage):
    """The accessibility statement (« déclaration d’accessibilité »): the editorial text of a
    standard page, with the audit's results computed from the grid in the repository
    (accessibility/audit.py): conformity rate and level, non-conformities, derogations, date."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "accessibility/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("déclaration d’accessibilité")
        verbose_name_plural = _("déclarations d’accessibilité")

    def get_context(self, request, *args, **kwargs):
        from accessibility.audit import current_audit

        context = super().get_context(request, *args, **kwargs)
        context["audit"] = current_audit()
        return context
