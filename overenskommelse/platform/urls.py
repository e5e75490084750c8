from django.urls import path

from overenskommelse.platform.views import mailbox

app_name = "platform"

urlpatterns = [
    path("dev/mail/", mailbox.MailboxListView.as_view(), name="mailbox"),
    path("dev/mail/<str:name>/", mailbox.MailboxDetailView.as_view(), name="mailbox_detail"),
]
