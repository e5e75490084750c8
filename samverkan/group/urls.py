from django.urls import path

from samverkan.group import views

app_name = "samverkansgruppen"

urlpatterns = [
    path("samverkansgruppen/", views.GroupView.as_view(), name="group"),
    path(
        "samverkansgruppen/ledamot/ny/",
        views.MembershipAddView.as_view(),
        name="group_member_add",
    ),
    path(
        "samverkansgruppen/ledamot/<int:pk>/avsluta/",
        views.MembershipEndView.as_view(),
        name="group_member_end",
    ),
    path(
        "samverkansgruppen/mote/nytt/",
        views.MeetingCreateView.as_view(),
        name="group_meeting_create",
    ),
    path(
        "samverkansgruppen/mote/<uuid:uuid>/",
        views.MeetingView.as_view(),
        name="group_meeting",
    ),
    path(
        "samverkansgruppen/mote/<uuid:uuid>/kalender.ics",
        views.MeetingIcsView.as_view(),
        name="group_meeting_ics",
    ),
    path(
        "samverkansgruppen/mote/<uuid:uuid>/<str:action>/",
        views.MeetingActionView.as_view(),
        name="group_meeting_action",
    ),
    path(
        "samverkansgruppen/mote/<uuid:uuid>/dokument/<int:document>/",
        views.MeetingDocumentView.as_view(),
        name="group_meeting_document",
    ),
    path("uppfoljning/", views.PublishedFollowUpsView.as_view(), name="followups_published"),
    path("uppfoljning/arbete/", views.FollowUpListView.as_view(), name="followups"),
    path("uppfoljning/arbete/<int:year>/", views.FollowUpView.as_view(), name="followup"),
    path(
        "uppfoljning/arbete/<int:year>/kommentar/",
        views.FollowUpCommentView.as_view(),
        name="followup_comment",
    ),
    path(
        "uppfoljning/arbete/<int:year>/godkann/",
        views.FollowUpApproveView.as_view(),
        name="followup_approve",
    ),
    path(
        "uppfoljning/arbete/<int:year>/skicka/",
        views.FollowUpSendView.as_view(),
        name="followup_send",
    ),
    path("uppfoljning/<int:year>/", views.FollowUpPublicView.as_view(), name="followup_public"),
    path(
        "uppfoljning/<int:year>/uppfoljning.pdf",
        views.FollowUpPdfView.as_view(),
        name="followup_pdf",
    ),
    path(
        "uppfoljning/rapport/<int:year>/",
        views.ReportSubmitView.as_view(),
        name="report_submit",
    ),
    path("konferens/", views.ConferenceListView.as_view(), name="conferences"),
    path("konferens/<uuid:uuid>/", views.ConferenceView.as_view(), name="conference"),
    path(
        "konferens/<uuid:uuid>/hantera/",
        views.ConferenceStaffView.as_view(),
        name="conference_staff",
    ),
    path(
        "konferens/<uuid:uuid>/deltagare.csv",
        views.ConferenceCsvView.as_view(),
        name="conference_csv",
    ),
    path(
        "konferens/anmalan/<uuid:uuid>/",
        views.RegistrationView.as_view(),
        name="conference_registration",
    ),
]
