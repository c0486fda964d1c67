from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gehoord.api"
    label = "api"
    verbose_name = "API"
