"""The baseline of bench/respondent_flow.py: gehoord's settings and middleware, one view
that does a single INSERT. Served by gunicorn as `respondent_flow_bare:application`."""

import django
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

django.setup(set_prefix=False)

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS bench_bare_insert (at varchar(40) NOT NULL)")


@csrf_exempt
@login_not_required
def insert(request) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare_insert (at) VALUES (%s)", [timezone.now().isoformat()]
        )
    return HttpResponse("ok")


def health(request) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path("bench-insert/", insert),
    path("gezondheid/", login_not_required(health)),
]
settings.ROOT_URLCONF = __name__
application = WSGIHandler()
