from django.views.generic.list import MultipleObjectMixin


class KeepFiltersWhenPaging(MultipleObjectMixin):
    """Adds `pagination_query`: the current filters without `page`, for page links."""

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(pagination_query=query.urlencode(), **kwargs)
