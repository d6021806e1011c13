"""gunicorn wsgi:app"""
import gc

from core.app import create_app

app = create_app()
# Everything made at start-up lives as long as the worker: move it out of the cycle collector's
# sight, so its passes during requests look at the request's own objects only.
gc.freeze()
