from django.urls import path

from . import views_actions, views_board, views_maturity, views_practice, views_publish

app_name = "improvement"

urlpatterns = [
    path("verbeteren/", views_actions.ActionListView.as_view(), name="action_list"),
    path("verbeteren/nieuw/", views_actions.ActionCreateView.as_view(), name="action_create"),
    path(
        "verbeteren/signalen-zoeken/",
        views_actions.SignalSearchView.as_view(),
        name="signal_search",
    ),
    path("verbeteren/<int:pk>/", views_actions.ActionDetailView.as_view(), name="action_detail"),
    path(
        "verbeteren/<int:pk>/wijzigen/",
        views_actions.ActionUpdateView.as_view(),
        name="action_update",
    ),
    path(
        "verbeteren/<int:pk>/status/",
        views_actions.ActionStatusView.as_view(),
        name="action_status",
    ),
    path("verbeteren/bord/", views_board.BoardView.as_view(), name="board"),
    path("verbeteren/doelen/nieuw/", views_board.GoalCreateView.as_view(), name="goal_create"),
    path("verbeteren/wij-deden/", views_publish.PublishView.as_view(), name="publish"),
    path(
        "verbeteren/wij-deden/<int:pk>/",
        views_publish.PublishedItemView.as_view(),
        name="published_item",
    ),
    path("verbeteren/volwassenheid/", views_maturity.ScanListView.as_view(), name="scans"),
    path(
        "verbeteren/volwassenheid/<int:pk>/",
        views_maturity.ScanDetailView.as_view(),
        name="scan_detail",
    ),
    path(
        "verbeteren/volwassenheid/<int:pk>/invullen/",
        views_maturity.ScanAnswerView.as_view(),
        name="scan_answer",
    ),
    path("verbeteren/praktijken/", views_practice.PracticeView.as_view(), name="practices"),
    path("o/<slug:slug>/wij-deden/", views_publish.public_list, name="public_list"),
    path("o/<slug:slug>/wij-deden/feed/", views_publish.public_feed, name="public_feed"),
]
