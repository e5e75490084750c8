from django.urls import path

from natverk import views

app_name = "natverk"

urlpatterns = [
    path("", views.NetworkListView.as_view(), name="network_list"),
    path("nytt/", views.NetworkCreateView.as_view(), name="network_create"),
    path("mina-moten/", views.MyMeetingsView.as_view(), name="my_meetings"),
    path("kalender/<str:token>.ics", views.MyCalendarView.as_view(), name="my_calendar"),
    path(
        "deltagande/<uuid:uuid>/",
        views.ParticipationDetailView.as_view(),
        name="participation_detail",
    ),
    path(
        "deltagande/<uuid:uuid>/steg/",
        views.ParticipationTransitionView.as_view(),
        name="participation_transition",
    ),
    path(
        "deltagande/<uuid:uuid>/uppgifter/",
        views.ParticipationDetailsView.as_view(),
        name="participation_details",
    ),
    path(
        "deltagande/<uuid:uuid>/representanter/",
        views.RepresentativeAddView.as_view(),
        name="representative_add",
    ),
    path(
        "deltagande/<uuid:uuid>/representanter/avsluta/",
        views.RepresentativeEndView.as_view(),
        name="representative_end",
    ),
    path("deltagande/<uuid:uuid>/faser/", views.PhaseAddView.as_view(), name="phase_add"),
    path("moten/<uuid:uuid>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("moten/<uuid:uuid>/andra/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    path(
        "moten/<uuid:uuid>/dokument/",
        views.MeetingDocumentAddView.as_view(),
        name="meeting_document_add",
    ),
    path(
        "moten/<uuid:uuid>/dokument/<int:document>/",
        views.MeetingDocumentView.as_view(),
        name="meeting_document",
    ),
    path("<slug:slug>/", views.NetworkDetailView.as_view(), name="network_detail"),
    path("<slug:slug>/andra/", views.NetworkUpdateView.as_view(), name="network_update"),
    path("<slug:slug>/kommuner/", views.MunicipalityAddView.as_view(), name="municipality_add"),
    path(
        "<slug:slug>/deltagande/nytt/",
        views.ParticipationCreateView.as_view(),
        name="participation_create",
    ),
    path("<slug:slug>/moten/nytt/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<slug:slug>/moten.ics", views.NetworkCalendarView.as_view(), name="network_calendar"),
]
