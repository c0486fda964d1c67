from django.urls import path

from . import views

app_name = "webhooks"

urlpatterns = [
    path("beheer/webhooks/", views.SubscriptionListView.as_view(), name="list"),
    path("beheer/webhooks/nieuw/", views.SubscriptionCreateView.as_view(), name="create"),
    path("beheer/webhooks/<int:pk>/", views.SubscriptionDetailView.as_view(), name="detail"),
    path(
        "beheer/webhooks/<int:pk>/test/",
        views.SubscriptionActionView.as_view(action="test"),
        name="test",
    ),
    path(
        "beheer/webhooks/<int:pk>/nieuw-geheim/",
        views.SubscriptionActionView.as_view(action="secret"),
        name="new_secret",
    ),
    path(
        "beheer/webhooks/<int:pk>/verwijderen/",
        views.SubscriptionActionView.as_view(action="delete"),
        name="delete",
    ),
    path(
        "beheer/webhooks/levering/<int:pk>/opnieuw/",
        views.DeliveryRetryView.as_view(),
        name="retry",
    ),
]
