"""The seeded theme taxonomy; each organisation can add, rename or retire themes."""

from gehoord.framework.principles import Principle

# (code, Dutch name, principle it most often touches)
DEFAULT_THEMES = [
    ("bereikbaarheid", "Bereikbaarheid", Principle.HOSPITALITY),
    ("wachttijd", "Wachttijd", Principle.RELIABILITY),
    ("bejegening", "Bejegening", Principle.HOSPITALITY),
    ("duidelijkheid-informatie", "Duidelijkheid informatie", Principle.LISTENING),
    ("formulieren", "Formulieren", Principle.RESPONSIBILITY),
    ("deskundigheid", "Deskundigheid", Principle.CRAFTSMANSHIP),
    ("afspraken-nakomen", "Afspraken nakomen", Principle.RELIABILITY),
    ("gelijke-behandeling", "Gelijke behandeling", Principle.EQUALITY),
    ("kosten", "Kosten", Principle.RESPONSIBILITY),
]

# Seeded theme → the survey driver it is about. Themes without one (forms, costs …) are
# compared with the service's grade only (triangulation); the demo plants complaints on
# the themes of weak drivers.
DRIVER_OF_THEME = {
    "wachttijd": "speed",
    "bejegening": "treatment",
    "duidelijkheid-informatie": "clarity",
    "bereikbaarheid": "reachability",
    "deskundigheid": "expertise",
}
