from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "paspor.surveys"
    verbose_name = "Survei kepuasan"
