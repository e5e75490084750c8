from django.urls import path

from overenskommelse.protocols.views import protocols as protocol_views

app_name = "protocols"

urlpatterns = [
    path("protokoll/", protocol_views.ProtocolListView.as_view(), name="protocols"),
    path(
        "protokoll/nytt/",
        protocol_views.ProtocolMeetingCreateView.as_view(),
        name="protocol_meeting_create",
    ),
    path(
        "protokoll/<uuid:uuid>/",
        protocol_views.ProtocolMeetingDetailView.as_view(),
        name="protocol_meeting",
    ),
    path(
        "protokoll/<uuid:uuid>/justering/",
        protocol_views.ProtocolAdjustmentView.as_view(),
        name="protocol_adjustment",
    ),
    path(
        "protokoll/<uuid:uuid>/personer/",
        protocol_views.ProtocolMembersAddView.as_view(),
        name="protocol_members_add",
    ),
    path(
        "protokoll/<uuid:uuid>/paragraf/ny/",
        protocol_views.ParagraphCreateView.as_view(),
        name="paragraph_create",
    ),
    path(
        "protokoll/paragraf/<uuid:uuid>/",
        protocol_views.ParagraphDetailView.as_view(),
        name="paragraph",
    ),
    path(
        "protokoll/paragraf/<uuid:uuid>/utdrag.pdf",
        protocol_views.ParagraphPdfView.as_view(),
        name="paragraph_pdf",
    ),
    path(
        "protokoll/paragraf/<uuid:uuid>/publicering/",
        protocol_views.ParagraphPublishView.as_view(),
        name="paragraph_publish",
    ),
    path(
        "protokoll/paragraf/<uuid:uuid>/omrostning/ny/",
        protocol_views.DivisionCreateView.as_view(),
        name="division_create",
    ),
]
