from django.urls import path

from tuijin.problems import views

app_name = "problems"
urlpatterns = [
    path("", views.home, name="home"),
    path("p/<int:pk>/new/", views.problem_raise_page, name="raise"),
    path("<int:pk>/", views.problem_detail, name="detail"),
    path("<int:pk>/<str:action>/", views.problem_step_page, name="step"),
    path("<int:pk>/files/<int:attachment>/", views.attachment_file, name="attachment"),
    path("plan/<slug:slug>/", views.problem_list, name="list"),
    path("plan/<slug:slug>/mine/", views.problem_mine, name="mine"),
    path("categories/", views.category_list, name="categories"),
]
