from django.urls import path

from tuijin.projects.spreadsheets import views

app_name = "spreadsheets"
urlpatterns = [
    path("<slug:slug>/", views.index, name="index"),
    path("<slug:slug>/upload/", views.upload, name="upload"),
    path("<slug:slug>/confirm/<str:token>/", views.confirm, name="confirm"),
    path("<slug:slug>/mapping/<str:token>/", views.mapping_create, name="mapping_create"),
    path("<slug:slug>/export/<str:kind>/", views.export, name="export"),
]
