from django.urls import path

from questions import views

app_name = "questions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("demande-envoyee/", views.subscription_requested, name="subscription_requested"),
    path("confirmer/<str:token>/", views.confirm_subscription, name="subscription_confirm"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
