from django.urls import URLPattern, URLResolver

app_name = "issuance"
urlpatterns: list[URLPattern | URLResolver] = []
