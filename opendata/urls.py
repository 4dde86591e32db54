from django.urls import path, re_path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    re_path(r"^(?P<name>[a-z0-9-]+)\.(?P<fmt>csv|json)$", views.dataset_file, name="file"),
]
