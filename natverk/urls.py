app_name = "natverk"

urlpatterns: list = []
