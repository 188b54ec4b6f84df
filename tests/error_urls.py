"""tuijin's URLs plus one view that fails, for the 500 page test."""

from django.urls import path

from tuijin.urls import urlpatterns as tuijin_urlpatterns


def fail(request):
    raise RuntimeError("a bug")


urlpatterns = [*tuijin_urlpatterns, path("fail/", fail)]
