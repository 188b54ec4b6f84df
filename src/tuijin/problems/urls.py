from django.urls import path

from tuijin.problems import views

app_name = "problems"
urlpatterns = [
    path("", views.home, name="home"),
    path("p/<int:pk>/new/", views.problem_raise_page, name="raise"),
    path("<int:pk>/", views.problem_detail, name="detail"),
    path("<int:pk>/<str:action>/", views.problem_step_page, name="step"),
    path("plan/<slug:slug>/", views.problem_list, name="list"),
]
