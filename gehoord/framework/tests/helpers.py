"""Small helpers shared by the framework view tests."""

HTMX = {"HTTP_HX_REQUEST": "true"}


def page_of(response) -> str:
    return response.content.decode()


def layout(version):
    return [
        (i.question.code, i.page, i.position, i.required, i.condition_item_id)
        for i in version.items.select_related("question").order_by("page", "position")
    ]
