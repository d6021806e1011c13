"""Process-wide shortcuts that make each test's app cheap to build, without changing what it does.

Every test builds its own app (core.testing ``app``): measured on the 2-core CI machine, that took
~0.3 s of CPU per test (×1,500 tests, twice), most of it redoing work whose result is the same in
every app of the process. A new user's password hash (scrypt) took another 0.1 s, and signing in
as that user 0.1 s more. The shortcuts below are installed once, by the pytest plugin's
``pytest_configure``; ``ZHIBU_TEST_FAST=0`` leaves them out (to compare, or to rule them out).

* URL builders: werkzeug compiles two Python functions (``ast`` + ``compile``) for each of the
  ~480 URL rules of every app. The functions depend only on the rule's text, its arguments and the
  names of its defaults, never on the app, so the process compiles each once and every app binds it
  to its own rule (``Rule._compile_builder`` remembered by those inputs; a rule whose default fills
  one of its own arguments is compiled as before).
* The OpenAPI document: flask-smorest resolves the schemas of every API operation into the
  document when a blueprint is registered. In the tests the document is built on first use, in the
  order the blueprints were registered (the same document: tests/test_openapi_document.py and the
  plugins' API tests read it through /api/openapi.json; the schemathesis run generates requests
  from it). Apps whose document nobody reads never pay for it.
* Password hashes: the same scrypt, salted, with a lower work factor (N=2^10 instead of werkzeug's
  2^15); ``check_password_hash`` reads the factor from the hash, so checking is cheap too. What the
  tests check (a scrypt hash, salted, never the password) holds; production keeps werkzeug's default.
"""
from __future__ import annotations

import os
import threading

TEST_SCRYPT = "scrypt:1024:8:1"


def enabled() -> bool:
    return os.environ.get("ZHIBU_TEST_FAST", "1") != "0"


def install(passwords) -> None:
    """Install the shortcuts; ``passwords`` is core.auth.passwords (imported by the fixtures' module,
    which assembles the application, so that this one stays inside the core)."""
    if not enabled():
        return
    _remember_url_builders()
    _openapi_document_on_first_use()
    _cheaper_password_hashes(passwords)


def _remember_url_builders() -> None:
    from werkzeug.routing.rules import Rule  # noqa: PLC0415

    original = Rule._compile_builder
    if getattr(original, "zhibu_remembered", False):
        return
    built: dict[tuple, object] = {}
    lock = threading.Lock()

    def _compile_builder(self, append_unknown: bool = True):
        defaults = self.defaults or {}
        key = (append_unknown, self.rule, tuple(self._trace), tuple(defaults))
        function = built.get(key)
        if function is not None:
            return function
        function = original(self, append_unknown)
        if not any(is_dynamic and data in defaults for is_dynamic, data in self._trace):
            with lock:   # (a default that fills one of the rule's arguments is resolved by its converter)
                built.setdefault(key, function)
        return function

    _compile_builder.zhibu_remembered = True
    Rule._compile_builder = _compile_builder


def _openapi_document_on_first_use() -> None:
    from core.api import ZhibuApi  # noqa: PLC0415

    if isinstance(ZhibuApi.__dict__.get("spec"), property):
        return
    lock = threading.RLock()

    def register_blueprint(self, blp, *, parameters=None, **options):
        """flask-smorest's ``Api.register_blueprint``, with the blueprint's operations documented later."""
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        self.__dict__.setdefault("_zhibu_undocumented", []).append((blp, name, parameters))

    def get_spec(self):
        spec = self.__dict__.get("_zhibu_spec")
        if spec is None or "_zhibu_undocumented" not in self.__dict__:
            return spec
        with lock:   # another thread asking meanwhile waits for the whole document
            waiting = self.__dict__.pop("_zhibu_undocumented", ())
            for blp, name, parameters in waiting:
                blp.register_views_in_doc(self, self._app, spec, name=name, parameters=parameters)
                spec.tag({"name": name, "description": blp.description})
        return spec

    def set_spec(self, value):
        self.__dict__["_zhibu_spec"] = value

    ZhibuApi.register_blueprint = register_blueprint
    ZhibuApi.spec = property(get_spec, set_spec)


def _cheaper_password_hashes(passwords) -> None:
    if getattr(passwords.generate_password_hash, "zhibu_cheaper", False):
        return
    original = passwords.generate_password_hash

    def generate_password_hash(password: str, method: str = TEST_SCRYPT, salt_length: int = 16) -> str:
        return original(password, method=method, salt_length=salt_length)

    generate_password_hash.zhibu_cheaper = True
    passwords.generate_password_hash = generate_password_hash
    passwords._dummy_hash.cache_clear()
