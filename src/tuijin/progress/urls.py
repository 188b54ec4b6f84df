from django.urls import path

from tuijin.progress import map_views, views

app_name = "progress"
urlpatterns = [
    path("", views.index, name="index"),
    path("map/outlines.geojson", map_views.map_outlines, name="map_outlines"),
    path("<slug:slug>/", views.city, name="city"),
    path("<slug:slug>/districts/<str:code>/", views.district, name="district"),
    path("<slug:slug>/domains/<slug:code>/", views.domain, name="domain"),
    path("<slug:slug>/indicators/", views.indicators, name="indicators"),
    path("<slug:slug>/curve.json", views.curve, name="curve"),
    path("<slug:slug>/projects/", views.projects, name="projects"),
    path("<slug:slug>/projects/<int:pk>/", views.project, name="project"),
    path("<slug:slug>/discipline/", views.discipline_page, name="discipline"),
    path("<slug:slug>/map/", map_views.project_map, name="map"),
    path("<slug:slug>/map/data.json", map_views.project_map_data, name="map_data"),
]
