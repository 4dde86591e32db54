from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hardening import views
from hardening.admin_pages import SafePageViewSet


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [
        path("securite/blocages/", views.lockouts, name="hardening_lockouts"),
        path("securite/blocages/<int:attempt_id>/debloquer/", views.unlock, name="hardening_unlock"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return SuperuserMenuItem(
        "Connexions bloquées", reverse("hardening_lockouts"), icon_name="lock", order=900
    )


@hooks.register("register_admin_viewset")
def register_page_viewset():
    """The page editor keeps the form when the database refuses a save (hardening/admin_pages.py)."""
    return SafePageViewSet()
