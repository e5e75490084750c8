from django.urls import path

from overenskommelse.agreement.views import (
    accessibility,
    action_plan,
    affiliation,
    agreement,
    case_numbers,
    organisations,
    pages,
    register,
    remiss,
)

app_name = "agreement"

urlpatterns = [
    path("kontaktvagar/", pages.ContactPathsView.as_view(), name="contact_paths"),
    path("personal/", pages.StaffOverviewView.as_view(), name="staff_overview"),
    path("personal/diarium/", case_numbers.CaseSearchView.as_view(), name="case_search"),
    path(
        "personal/diarium/<slug:kind>/<uuid:uuid>/",
        case_numbers.CaseNumberView.as_view(),
        name="case_number",
    ),
    # The tillgänglighetsredogörelse (DOS-lagen), its feedback form and the cases.
    path(
        "tillganglighet/",
        accessibility.AccessibilityStatementView.as_view(),
        name="accessibility",
    ),
    path(
        "tillganglighet/andra/",
        accessibility.AccessibilityStatementEditView.as_view(),
        name="accessibility_edit",
    ),
    path(
        "handlaggning/tillganglighet/",
        accessibility.AccessibilityFeedbackListView.as_view(),
        name="accessibility_feedback_list",
    ),
    path(
        "handlaggning/tillganglighet/<uuid:uuid>/",
        accessibility.AccessibilityFeedbackView.as_view(),
        name="accessibility_feedback",
    ),
    # Överenskommelsen, the register, organisations and affiliation.
    path("overenskommelsen/", agreement.AgreementView.as_view(), name="agreement"),
    path(
        "overenskommelsen/version/<str:version_date>/",
        agreement.AgreementVersionView.as_view(),
        name="agreement_version",
    ),
    path("foreningsregistret/", register.RegisterListView.as_view(), name="register"),
    path("foreningsregistret.csv", register.RegisterCsvView.as_view(), name="register_csv"),
    path("foreningsregistret.json", register.RegisterJsonView.as_view(), name="register_json"),
    path(
        "foreningsregistret/<slug:slug>/",
        register.RegisterDetailView.as_view(),
        name="register_detail",
    ),
    path(
        "organisationer/ny/",
        organisations.OrganisationCreateView.as_view(),
        name="organisation_create",
    ),
    path(
        "organisationer/representera/<uuid:uuid>/",
        organisations.RepresentationRequestView.as_view(),
        name="representation_request",
    ),
    path(
        "organisationer/<slug:slug>/",
        organisations.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "organisationer/<slug:slug>/andra/",
        organisations.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path(
        "organisationer/<slug:slug>/bekrafta-uppgifter/",
        organisations.OrganisationConfirmDetailsView.as_view(),
        name="organisation_confirm",
    ),
    path(
        "organisationer/<slug:slug>/representanter/",
        organisations.RepresentationDecideView.as_view(),
        name="representation_decide",
    ),
    path(
        "organisationer/<slug:slug>/representanter/avsluta/",
        organisations.RepresentationEndView.as_view(),
        name="representation_end",
    ),
    path(
        "organisationer/<slug:slug>/overlamning/",
        organisations.RepresentationHandOverView.as_view(),
        name="representation_hand_over",
    ),
    path(
        "organisationer/<slug:slug>/overlamning/acceptera/",
        organisations.RepresentationHandOverAcceptView.as_view(),
        name="representation_handover_accept",
    ),
    path(
        "organisationer/<slug:slug>/protokollsutdrag-anslutning.pdf",
        organisations.AffiliationProtocolTemplateView.as_view(),
        name="affiliation_protocol_template",
    ),
    path(
        "organisationer/<slug:slug>/anslutning/",
        affiliation.ApplicationFormView.as_view(),
        name="application_form",
    ),
    path(
        "organisationer/<slug:slug>/uttrade/",
        affiliation.WithdrawalFormView.as_view(),
        name="withdrawal_form",
    ),
    path(
        "anslutningar/<uuid:uuid>/",
        affiliation.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "anslutningar/<uuid:uuid>/protokoll/",
        affiliation.ApplicationProtocolView.as_view(),
        name="application_protocol",
    ),
    path(
        "anslutningar/<uuid:uuid>/beslut/",
        affiliation.ApplicationDecideView.as_view(),
        name="application_decide",
    ),
    path(
        "uttraden/<uuid:uuid>/protokoll/",
        affiliation.WithdrawalProtocolView.as_view(),
        name="withdrawal_protocol",
    ),
    path(
        "handlaggning/anslutningar/",
        affiliation.ApplicationQueueView.as_view(),
        name="application_queue",
    ),
    path(
        "handlaggning/ej-bekraftade/",
        affiliation.UnconfirmedOrganisationsView.as_view(),
        name="organisations_unconfirmed",
    ),
    # Protocols and protokollsutdrag (shared by every app's decisions).
    # Handlingsplan and remiss.
    path("handlingsplan/", action_plan.ActionPlanDetailView.as_view(), name="action_plan"),
    path(
        "handlingsplan/<slug:slug>/",
        action_plan.ActionPlanDetailView.as_view(),
        name="action_plan_version",
    ),
    path(
        "handlingsplan/<slug:slug>/dokument/<uuid:uuid>/",
        action_plan.ActionPlanDocumentView.as_view(),
        name="action_plan_document",
    ),
    path(
        "handlingsplan/<slug:slug>/ladda-upp/",
        action_plan.ActionPlanDocumentUploadView.as_view(),
        name="action_plan_document_upload",
    ),
    path("remisser/", remiss.RemissListView.as_view(), name="remiss_list"),
    path("remisser/ny/", remiss.RemissCreateView.as_view(), name="remiss_create"),
    path("remisser/svar/<uuid:uuid>/", remiss.RemissAnswerView.as_view(), name="remiss_answer"),
    path(
        "remisser/svar/<uuid:uuid>/bilaga/<uuid:attachment>/",
        remiss.RemissAttachmentView.as_view(),
        name="remiss_attachment",
    ),
    path("remisser/<uuid:uuid>/", remiss.RemissDetailView.as_view(), name="remiss_detail"),
    path("remisser/<uuid:uuid>/andra/", remiss.RemissUpdateView.as_view(), name="remiss_update"),
    path(
        "remisser/<uuid:uuid>/instanser/",
        remiss.RemissInstanserView.as_view(),
        name="remiss_instanser",
    ),
    path(
        "remisser/<uuid:uuid>/publicera/",
        remiss.RemissPublishView.as_view(),
        name="remiss_publish",
    ),
    path(
        "remisser/<uuid:uuid>/aterkalla/",
        remiss.RemissWithdrawView.as_view(),
        name="remiss_withdraw",
    ),
    path(
        "remisser/<uuid:uuid>/eget-initiativ/",
        remiss.RemissOwnInitiativeView.as_view(),
        name="remiss_own_initiative",
    ),
    path(
        "remisser/<uuid:uuid>/registrera-svar/",
        remiss.RemissRegisterAnswerView.as_view(),
        name="remiss_register_answer",
    ),
    path(
        "remisser/<uuid:uuid>/mote/<uuid:meeting>.ics",
        remiss.RemissMeetingIcsView.as_view(),
        name="remiss_meeting_ics",
    ),
    path(
        "remisser/<uuid:uuid>/dokument/<uuid:document>/",
        remiss.RemissDocumentView.as_view(),
        name="remiss_document",
    ),
    path(
        "remisser/<uuid:uuid>/sammanstallning/",
        remiss.RemissCompilationView.as_view(),
        name="remiss_compilation",
    ),
    path(
        "remisser/<uuid:uuid>/sammanstallning.pdf",
        remiss.RemissCompilationPdfView.as_view(),
        name="remiss_compilation_pdf",
    ),
]
