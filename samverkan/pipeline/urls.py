from django.urls import path

from samverkan.pipeline import views

app_name = "pipeline"

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
]
