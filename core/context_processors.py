from wagtail.models import Site


def navigation(request):
    """Top-level pages marked 'show in menus', for the main navigation (one query)."""
    site = Site.find_for_request(request)
    if site is None:
        return {"main_navigation": []}
    return {
        "main_navigation": site.root_page.get_children()
        .live()
        .public()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth")
    }
