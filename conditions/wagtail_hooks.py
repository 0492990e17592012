from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from conditions.models import Reviewer


class ReviewerViewSet(SnippetViewSet):
    model = Reviewer
    icon = "user"
    menu_label = "Reviewers"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role", "department"]
    search_fields = ["name", "department"]


register_snippet(ReviewerViewSet)
