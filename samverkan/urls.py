from django.urls import path

from samverkan import views, views_group

app_name = "samverkan"

urlpatterns = [
    path("", views.PublicListView.as_view(), name="public_list"),
    path("foresla/", views.ProposeView.as_view(), name="propose"),
    path("tavla/", views.BoardView.as_view(), name="board"),
    path("lista/", views.ListView.as_view(), name="list"),
    path("lista.csv", views.ListCsvView.as_view(), name="list_csv"),
    path("<uuid:uuid>/", views.PublicDetailView.as_view(), name="public_detail"),
    path("initiativ/<uuid:uuid>/", views.InitiativeView.as_view(), name="initiative"),
    path("initiativ/<uuid:uuid>/uppgifter/", views.DetailsView.as_view(), name="details"),
    path("initiativ/<uuid:uuid>/steg/", views.TransitionView.as_view(), name="transition"),
    path("initiativ/<uuid:uuid>/bjud-in/", views.InviteView.as_view(), name="invite"),
    path("initiativ/<uuid:uuid>/resultat/", views.ResultsView.as_view(), name="results"),
    path("initiativ/<uuid:uuid>/rapporterad/", views.ReportedView.as_view(), name="reported"),
    path("initiativ/<uuid:uuid>/utvardering/", views.EvaluationView.as_view(), name="evaluation"),
    path("initiativ/<uuid:uuid>/kommentar/", views.CommentView.as_view(), name="comment"),
    path("initiativ/<uuid:uuid>/dokument/", views.DocumentAddView.as_view(), name="document_add"),
    path(
        "initiativ/<uuid:uuid>/dokument/<int:document>/",
        views.DocumentView.as_view(),
        name="document",
    ),
    path(
        "initiativ/<uuid:uuid>/parter/<int:party>/svar/",
        views.RespondView.as_view(),
        name="respond",
    ),
    path(
        "initiativ/<uuid:uuid>/parter/<int:party>/overens/",
        views.AgreeView.as_view(),
        name="agree",
    ),
    # Samverkansgruppen, the yearly follow-up and the conference.
    path("samverkansgruppen/", views_group.GroupView.as_view(), name="group"),
    path(
        "samverkansgruppen/ledamot/ny/",
        views_group.MembershipAddView.as_view(),
        name="group_member_add",
    ),
    path(
        "samverkansgruppen/ledamot/<int:pk>/avsluta/",
        views_group.MembershipEndView.as_view(),
        name="group_member_end",
    ),
    path(
        "samverkansgruppen/mote/nytt/",
        views_group.MeetingCreateView.as_view(),
        name="group_meeting_create",
    ),
    path(
        "samverkansgruppen/mote/<uuid:uuid>/",
        views_group.MeetingView.as_view(),
        name="group_meeting",
    ),
    path(
        "samverkansgruppen/mote/<uuid:uuid>/kalender.ics",
        views_group.MeetingIcsView.as_view(),
        name="group_meeting_ics",
    ),
    path(
        "samverkansgruppen/mote/<uuid:uuid>/<str:action>/",
        views_group.MeetingActionView.as_view(),
        name="group_meeting_action",
    ),
    path(
        "samverkansgruppen/mote/<uuid:uuid>/dokument/<int:document>/",
        views_group.MeetingDocumentView.as_view(),
        name="group_meeting_document",
    ),
    path("uppfoljning/", views_group.PublishedFollowUpsView.as_view(), name="followups_published"),
    path("uppfoljning/arbete/", views_group.FollowUpListView.as_view(), name="followups"),
    path("uppfoljning/arbete/<int:year>/", views_group.FollowUpView.as_view(), name="followup"),
    path(
        "uppfoljning/arbete/<int:year>/kommentar/",
        views_group.FollowUpCommentView.as_view(),
        name="followup_comment",
    ),
    path(
        "uppfoljning/arbete/<int:year>/godkann/",
        views_group.FollowUpApproveView.as_view(),
        name="followup_approve",
    ),
    path(
        "uppfoljning/arbete/<int:year>/skicka/",
        views_group.FollowUpSendView.as_view(),
        name="followup_send",
    ),
    path(
        "uppfoljning/<int:year>/", views_group.FollowUpPublicView.as_view(), name="followup_public"
    ),
    path(
        "uppfoljning/<int:year>/uppfoljning.pdf",
        views_group.FollowUpPdfView.as_view(),
        name="followup_pdf",
    ),
    path(
        "uppfoljning/rapport/<int:year>/",
        views_group.ReportSubmitView.as_view(),
        name="report_submit",
    ),
    path("konferens/", views_group.ConferenceListView.as_view(), name="conferences"),
    path("konferens/<uuid:uuid>/", views_group.ConferenceView.as_view(), name="conference"),
    path(
        "konferens/<uuid:uuid>/hantera/",
        views_group.ConferenceStaffView.as_view(),
        name="conference_staff",
    ),
    path(
        "konferens/<uuid:uuid>/deltagare.csv",
        views_group.ConferenceCsvView.as_view(),
        name="conference_csv",
    ),
    path(
        "konferens/anmalan/<uuid:uuid>/",
        views_group.RegistrationView.as_view(),
        name="conference_registration",
    ),
]
