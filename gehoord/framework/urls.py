from django.urls import path

from . import views

app_name = "framework"

urlpatterns = [
    path("", views.QuestionnaireListView.as_view(), name="questionnaire_list"),
]
