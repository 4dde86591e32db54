from django.urls import path, register_converter

from discussion import views
from discussion.forms import CommentIdConverter

register_converter(CommentIdConverter, "comment_id")

app_name = "discussion"

urlpatterns = [
    path("publier/", views.post_comment, name="post"),
    path("jeton/", views.csrf_token, name="csrf_token"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desabonner/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<comment_id:comment_id>/repondre/", views.reply, name="reply"),
    path("<comment_id:comment_id>/aimer/", views.like, name="like"),
    path("<comment_id:comment_id>/signaler/", views.flag, name="flag"),
]
