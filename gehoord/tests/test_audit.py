"""Every audited model logs its own fields only, never the reverse relations pointing at it."""

from auditlog.diff import model_instance_diff
from auditlog.registry import auditlog

from gehoord.audit import reverse_relation_names


def test_no_audited_model_logs_a_reverse_relation():
    models = [m for m in auditlog.get_models() if m.__module__.startswith("gehoord.")]
    assert len(models) > 10
    for model in models:
        logged = model_instance_diff(None, model(pk=1)) or {}
        reverse = set(reverse_relation_names(model))
        assert not reverse & set(logged), (model.__name__, reverse & set(logged))
