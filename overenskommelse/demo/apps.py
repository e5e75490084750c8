from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data and `manage.py load_demo`. No models, URLs or templates."""

    name = "overenskommelse.demo"
    label = "demo"
