from django.urls import path

from discussion import views

app_name = "discussion"

urlpatterns = [
    path("publier/", views.post_comment, name="post"),
    path("jeton/", views.csrf_token, name="csrf_token"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desabonner/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<int:comment_id>/repondre/", views.reply, name="reply"),
    path("<int:comment_id>/aimer/", views.like, name="like"),
    path("<int:comment_id>/signaler/", views.flag, name="flag"),
]
