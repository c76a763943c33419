"""The web app: browse a store's stories, claims, conflicts and copies (`newsweave serve`).

`app.create_app(db)` builds the ASGI app; `command` adds the `serve` subcommand to the CLI
without importing the web framework until it runs.
"""
