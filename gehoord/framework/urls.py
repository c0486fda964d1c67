from django.urls import path

from .views import bank, builder, imports, items, preview, questionnaires

app_name = "framework"

urlpatterns = [
    # Questionnaires and the builder.
    path("", questionnaires.QuestionnaireListView.as_view(), name="questionnaire_list"),
    path("nieuw/", questionnaires.QuestionnaireCreateView.as_view(), name="questionnaire_create"),
    path("importeren/", imports.ImportView.as_view(), name="import"),
    path("importverslagen/<int:pk>/", imports.ImportReportView.as_view(), name="import_report"),
    path("<int:pk>/", builder.BuilderView.as_view(), name="builder"),
    path(
        "<int:pk>/bewerken/",
        questionnaires.QuestionnaireUpdateView.as_view(),
        name="questionnaire_update",
    ),
    path("<int:pk>/nieuwe-versie/", builder.NewDraftView.as_view(), name="new_draft"),
    # One version (the draft, or a published one for the preview).
    path("versies/<int:pk>/voorbeeld/", preview.PreviewView.as_view(), name="preview"),
    path("versies/<int:pk>/export.json", imports.ExportJsonView.as_view(), name="export_json"),
    path("versies/<int:pk>/teksten/", builder.VersionTextsView.as_view(), name="version_texts"),
    path("versies/<int:pk>/vraag-toevoegen/", items.AddItemView.as_view(), name="item_add"),
    path("versies/<int:pk>/publiceren/", builder.PublishView.as_view(), name="publish"),
    # One question of a draft.
    path("items/<int:pk>/omhoog/", items.MoveItemView.as_view(direction=-1), name="item_up"),
    path("items/<int:pk>/omlaag/", items.MoveItemView.as_view(direction=1), name="item_down"),
    path("items/<int:pk>/verplicht/", items.RequiredItemView.as_view(), name="item_required"),
    path("items/<int:pk>/verwijderen/", items.RemoveItemView.as_view(), name="item_remove"),
    path("items/<int:pk>/instellen/", items.ItemSettingsView.as_view(), name="item_settings"),
    # The question bank.
    path("vragenbank/", bank.QuestionListView.as_view(), name="question_list"),
    path("vragenbank/nieuw/", bank.QuestionCreateView.as_view(), name="question_create"),
    path(
        "vragenbank/<int:pk>/bewerken/", bank.QuestionUpdateView.as_view(), name="question_update"
    ),
    path(
        "vragenbank/<int:pk>/archiveren/",
        bank.QuestionArchiveView.as_view(),
        name="question_archive",
    ),
    path(
        "vragenbank/<int:pk>/terugzetten/",
        bank.QuestionArchiveView.as_view(restore=True),
        name="question_restore",
    ),
]
