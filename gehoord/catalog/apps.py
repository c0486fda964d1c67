from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "gehoord.catalog"
    label = "catalog"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.tenancy.navigation import MemberLink, NavItem, register, register_member_link
        from gehoord.tenancy.roles import Capability, Role
        from gehoord.tenancy.scoping import register_limiter

        from . import limits, models

        audit.register(models.Service)
        audit.register(models.Provider, m2m_fields={"services"})
        audit.register(models.Team)
        audit.register(models.Journey)
        audit.register(models.Stage)
        audit.register(models.ProviderAccess)
        audit.register(models.TeamAccess)
        audit.register(models.ApiKeyTeam)
        register_limiter(limits.limit_to_teams)
        register(NavItem(_("Catalogue"), "catalog:service_list", Capability.VIEW_CATALOG, 100))
        register_member_link(
            MemberLink(
                _("Choose the provider"),
                "catalog:provider_access",
                frozenset({Role.PROVIDER_USER}),
                after_invite=True,
            )
        )
        register_member_link(
            MemberLink(
                _("Choose the teams"),
                "catalog:team_access",
                frozenset(Role) - limits.UNLIMITED_ROLES,
            )
        )
