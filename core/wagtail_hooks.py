from wagtail import hooks


@hooks.register("before_serve_page")
def note_page_for_page_cache(page, request, serve_args, serve_kwargs):
    """The page cache keeps only what Wagtail served, and asks which page it was."""
    request.page_cache_page = page
