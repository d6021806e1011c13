"""A new process renders its first page from compiled templates kept in the instance folder (issue 19,
cause 5: the console's first request of a process spent most of its time compiling templates)."""
from core.app import create_app


def test_templates_compiled_by_one_process_are_kept_for_the_next(tmp_path):
    config = {"INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "test-secret",
              "SESSION_COOKIE_SECURE": False}
    first = create_app(config=dict(config))
    with first.app_context():
        first.extensions["zhibu"].init_storage()
    try:
        assert first.test_client().get("/login").status_code == 200
    finally:
        first.extensions["zhibu"].close()
    cached = list((tmp_path / "instance" / "template-cache").iterdir())
    assert cached
    second = create_app(config=dict(config))
    compiled = []
    original = second.jinja_env.compile

    def compile_(*args, **kwargs):
        compiled.append(args)
        return original(*args, **kwargs)
    second.jinja_env.compile = compile_
    try:
        assert second.test_client().get("/login").status_code == 200
    finally:
        second.extensions["zhibu"].close()
    assert compiled == []   # every template of the page came from the cache
