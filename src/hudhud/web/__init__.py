"""web stage: the analyst's workbench, HTML pages with JSON twins over a store.

`serve(db)` runs it with uvicorn; `create_app(db)` gives the FastAPI app;
`get(db, path)` renders one path without a server.
"""

from hudhud.web.app import create_app, get, serve

__all__ = ["create_app", "get", "serve"]
