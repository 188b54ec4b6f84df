from django.urls import path

from tuijin.progress import views

app_name = "progress"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.city, name="city"),
    path("<slug:slug>/districts/<str:code>/", views.district, name="district"),
    path("<slug:slug>/domains/<slug:code>/", views.domain, name="domain"),
    path("<slug:slug>/indicators/", views.indicators, name="indicators"),
    path("<slug:slug>/curve.json", views.curve, name="curve"),
    path("<slug:slug>/projects/", views.projects, name="projects"),
    path("<slug:slug>/projects/<int:pk>/", views.project, name="project"),
    path("<slug:slug>/discipline/", views.discipline_page, name="discipline"),
]
