from django.urls import path

from tuijin.bulletins import views

app_name = "bulletins"
urlpatterns = [
    path("<slug:slug>/", views.index, name="index"),
    path("<slug:slug>/<int:month>/", views.preview, name="preview"),
    path("<slug:slug>/<int:month>/publish/", views.publish, name="publish"),
    path("<slug:slug>/<int:month>/read/", views.read, name="read"),
    path("<slug:slug>/<int:month>/district/", views.district, name="district"),
    path("<slug:slug>/<int:month>/district/<str:fmt>/", views.district_download,
         name="district_download"),
    path("<slug:slug>/<int:month>/<str:fmt>/", views.download, name="download"),
]
