from wagtail import hooks

from proposals.admin_views import comment_chooser_viewset


@hooks.register("register_admin_viewset")
def register_comment_chooser():
    return comment_chooser_viewset
