from django.urls import path

from tuijin.plans.text import views

app_name = "plantext"
urlpatterns = [
    path("", views.index, name="index"),
    path("confirm/", views.confirm, name="confirm"),
]
