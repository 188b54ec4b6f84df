from django.urls import path

from tuijin.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("plans/", views.plan_list, name="list"),
    path("plans/<slug:slug>/", views.detail, name="detail"),
    path("plans/<slug:slug>/use/", views.choose, name="choose"),
    path("plans/<slug:slug>/status/", views.change_status, name="change_status"),
    path("plans/<slug:slug>/delete/", views.delete, name="delete"),
    path("plans/<slug:slug>/settings/", views.settings, name="settings"),
]
