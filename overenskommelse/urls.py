from django.urls import path

from overenskommelse.views import pages

app_name = "overenskommelse"

urlpatterns = [
    path("kontaktvagar/", pages.ContactPathsView.as_view(), name="contact_paths"),
    path("personal/", pages.StaffOverviewView.as_view(), name="staff_overview"),
    path("dev/mail/", pages.MailboxListView.as_view(), name="mailbox"),
    path("dev/mail/<str:name>/", pages.MailboxDetailView.as_view(), name="mailbox_detail"),
]
