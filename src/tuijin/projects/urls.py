from django.urls import path

from tuijin.projects import cycle_views, photo_views, views

app_name = "projects"
urlpatterns = [
    path("", views.home, name="home"),
    path("p/<int:pk>/", views.project_detail, name="detail"),
    path("p/<int:pk>/edit/", views.project_edit, name="edit"),
    path("p/<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("p/<int:pk>/reports/<int:month>/", views.report_edit, name="report_edit"),
    path("p/<int:pk>/reports/<int:month>/withdraw/", views.report_withdraw_page,
         name="report_withdraw"),
    path("p/<int:pk>/month/<int:month>/", cycle_views.filing, name="filing"),
    path("p/<int:pk>/month/<int:month>/review/", cycle_views.filing_review_page,
         name="filing_review"),
    path("p/<int:pk>/month/<int:month>/reopen/", cycle_views.filing_reopen_page,
         name="filing_reopen"),
    path("p/<int:pk>/month/<int:month>/photos/", photo_views.photo_upload,
         name="photo_upload"),
    path("p/<int:pk>/photos/<int:photo>/", photo_views.photo_file, name="photo"),
    path("p/<int:pk>/photos/<int:photo>/thumbnail/", photo_views.photo_thumbnail,
         name="photo_thumbnail"),
    path("p/<int:pk>/photos/<int:photo>/remove/", photo_views.photo_remove_page,
         name="photo_remove"),
    path("month/", cycle_views.month_home, name="month_home"),
    path("<slug:slug>/month/", cycle_views.month, name="month"),
    path("<slug:slug>/month/<int:month>/review/", cycle_views.month_review,
         name="month_review"),
    path("<slug:slug>/month/<int:month>/remind/", cycle_views.month_remind,
         name="month_remind"),
    path("notices/", cycle_views.notices, name="notices"),
    path("<slug:slug>/periods/", cycle_views.periods, name="periods"),
    path("<slug:slug>/", views.project_list, name="list"),
    path("<slug:slug>/new/", views.project_create, name="create"),
]
