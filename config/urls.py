from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from overenskommelse.accounts.views import account
from overenskommelse.agreement.views import pages
from overenskommelse.platform.views import bench, health

# The admin has no log-in of its own: allauth's, with its rate limits and the TOTP step.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]  # allauth documents it

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("mina-sidor/", pages.MyPagesView.as_view(), name="mina_sidor"),
    path("mina-sidor/mina-uppgifter/", account.AccountExportView.as_view(), name="account_export"),
    path("mina-sidor/namn-och-telefon/", account.ProfileView.as_view(), name="account_profile"),
    path("mina-sidor/radera-konto/", account.AccountDeleteView.as_view(), name="account_delete"),
    path("integritet/", account.PrivacyView.as_view(), name="privacy"),
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("overenskommelse.platform.urls")),
    path("", include("overenskommelse.protocols.urls")),
    path("", include("overenskommelse.agreement.urls")),
    path("natverk/", include("natverk.urls")),
    path("samverkan/", include("samverkan.pipeline.urls")),
    path("samverkan/", include("samverkan.group.urls")),
]

if settings.PORTAL_BENCH_BASELINE:
    # Only for `make bench`: the bare view each page's throughput is compared with.
    urlpatterns.append(path("bench/baseline/", bench.baseline, name="bench_baseline"))
