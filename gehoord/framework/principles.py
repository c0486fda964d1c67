"""The six principles of the moral compass, a classification shared by every organisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Principle(models.TextChoices):
    HOSPITALITY = "gastvrijheid", _("Hospitality")
    RESPONSIBILITY = "verantwoordelijkheid", _("Responsibility")
    RELIABILITY = "betrouwbaarheid", _("Reliability")
    CRAFTSMANSHIP = "vakmanschap", _("Craftsmanship")
    LISTENING = "luisteren", _("Listening")
    EQUALITY = "gelijkwaardigheid", _("Equality")
