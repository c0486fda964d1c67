from django.urls import path

from . import views_respondent, views_review, views_staff

app_name = "surveys"

urlpatterns = [
    # Public: residents answer through links; the token is the key.
    path("o/<str:token>/", views_respondent.open_link, name="open"),
    path("o/<str:token>/qr.svg", views_respondent.open_link_qr, name="open_qr"),
    path("v/<str:token>/", views_respondent.answer, name="answer"),
    path("code/", views_respondent.access_code, name="code"),
    path("v/<str:token>/klaar/", views_respondent.done, name="done"),
    path("v/<str:token>/meedenken/", views_respondent.join_panel, name="join_panel"),
    # Staff.
    path("enquetes/invoeren/", views_staff.EntryStartView.as_view(), name="entry_start"),
    path("enquetes/invoeren/<int:pk>/", views_staff.EntryFormView.as_view(), name="entry_form"),
    path("enquetes/reacties/", views_staff.ResponseListView.as_view(), name="response_list"),
    path(
        "enquetes/reacties/<uuid:pk>/",
        views_staff.ResponseDetailView.as_view(),
        name="response_detail",
    ),
    path("enquetes/dubbel/", views_review.ReviewListView.as_view(), name="review_list"),
    path(
        "enquetes/dubbel/<uuid:pk>/",
        views_review.ReviewDecideView.as_view(),
        name="review_decide",
    ),
]
