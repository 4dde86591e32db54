from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("<int:proposal_id>/suivre/", views.follow, name="follow"),
    path("demande-envoyee/", views.follow_requested, name="follow_requested"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
