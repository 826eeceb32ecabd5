from django.urls import URLPattern, URLResolver

app_name = "queueing"
urlpatterns: list[URLPattern | URLResolver] = []
