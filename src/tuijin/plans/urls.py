from django.urls import path

from tuijin.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<slug:slug>/", views.detail, name="detail"),
    path("plans/<slug:slug>/settings/", views.settings, name="settings"),
]
