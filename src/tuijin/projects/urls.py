from django.urls import path

from tuijin.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.home, name="home"),
    path("p/<int:pk>/", views.project_detail, name="detail"),
    path("p/<int:pk>/edit/", views.project_edit, name="edit"),
    path("p/<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("p/<int:pk>/reports/<int:month>/", views.report_edit, name="report_edit"),
    path("p/<int:pk>/reports/<int:month>/withdraw/", views.report_withdraw_page,
         name="report_withdraw"),
    path("<slug:slug>/", views.project_list, name="list"),
    path("<slug:slug>/new/", views.project_create, name="create"),
]
