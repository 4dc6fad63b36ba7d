"""`hoering serve`: the review desk in the browser (Starlette, Jinja2 templates, vendored htmx).

Handlers call the same store functions as the CLI; they hold no SQL.
"""
