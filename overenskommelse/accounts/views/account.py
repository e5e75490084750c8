import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from overenskommelse.accounts.forms import ProfileForm
from overenskommelse.accounts.predicates import is_staff_account
from overenskommelse.accounts.selectors import user_profile_history
from overenskommelse.accounts.services.accounts import account_delete, account_export_data
from overenskommelse.accounts.services.profile import user_profile_update
from overenskommelse.platform.middleware import private_no_store


class AccountExportView(LoginRequiredMixin, View):
    """Download, as JSON, everything the portal holds about the logged-in person."""

    def get(self, request):
        data = account_export_data(user=request.user)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="mina-uppgifter-{stamp}.json"'
        return private_no_store(response)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that the account cannot be restored."),
        error_messages={
            "required": gettext_lazy("Tick that you understand that this cannot be undone.")
        },
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if is_staff_account(user):
            self.fields["confirm"].label = gettext_lazy(
                "I understand that the account is deactivated and that what I decided "
                "keeps my name."
            )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class AccountDeleteView(LoginRequiredMixin, FormView):
    template_name = "accounts/account_delete.html"
    form_class = AccountDeleteForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(staff=is_staff_account(self.request.user), **kwargs)

    def form_valid(self, form):
        user = self.request.user
        staff = is_staff_account(user)
        account_delete(user=user, actor=user)
        logout(self.request)
        if staff:
            text = _(
                "Your account has been deactivated. What you decided in office keeps your "
                "name, as the law requires."
            )
        else:
            text = _(
                "Your account has been deleted. What you sent in for an organisation is "
                "kept as a received public document."
            )
        messages.success(self.request, text)
        return redirect("home")


IMY_COMPLAINT_URL = "https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/"


class PrivacyView(TemplateView):
    """What personal data the portal keeps, why, on what basis and for how long; who
    answers for it (settings, so each municipality names its own) and where to complain."""

    template_name = "accounts/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            data_controller=settings.PORTAL_DATA_CONTROLLER,
            data_controller_email=settings.PORTAL_DATA_CONTROLLER_EMAIL,
            dpo_name=settings.PORTAL_DPO_NAME,
            dpo_email=settings.PORTAL_DPO_EMAIL,
            imy_complaint_url=IMY_COMPLAINT_URL,
            **kwargs,
        )


class ProfileView(LoginRequiredMixin, FormView):
    """ "Mina uppgifter": the logged-in person's own name and phone. There is no id in
    the URL: a person can only ever reach their own details."""

    template_name = "accounts/profile.html"
    form_class = ProfileForm

    def get_initial(self):
        user = self.request.user
        return {"first_name": user.first_name, "last_name": user.last_name, "phone": user.phone}

    def get_context_data(self, **kwargs):
        changes = user_profile_history(user=self.request.user)
        return super().get_context_data(changes=changes, **kwargs)

    def form_valid(self, form):
        user_profile_update(
            user=self.request.user,
            actor=self.request.user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            phone=form.cleaned_data["phone"],
        )
        messages.success(self.request, _("Your details have been saved."))
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return redirect(target)
        return redirect("account_profile")
