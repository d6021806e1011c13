"""Helpers shared by every CLI command: an app to run in, and clear failures."""
from __future__ import annotations

import functools
import sys

import click
from flask import current_app, has_app_context

from core.errors import ConflictError, DomainError, NotFoundError


def with_kernel(fn):
    """Run the command inside an app context and pass it the kernel: the current app's when the
    command is called inside one (tests, an embedding program), else a new one from the environment."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if has_app_context() and "zhibu" in current_app.extensions:
            return fn(current_app.extensions["zhibu"], *args, **kwargs)
        from core.app import create_app  # noqa: PLC0415  (the CLI builds the app lazily, per command)
        app = create_app()
        with app.app_context():
            return fn(app.extensions["zhibu"], *args, **kwargs)
    return wrapper


def fail_on_domain_error(fn):
    """A refused command exits 1 with the sentence that explains why."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DomainError as exc:
            click.echo(f"error: {exc.message}", err=True)
            sys.exit(1)
        except NotFoundError as exc:
            click.echo(f"error: not found: {exc}", err=True)
            sys.exit(1)
        except ConflictError as exc:
            click.echo(f"error: {exc.message}", err=True)
            sys.exit(1)
    return wrapper
