"""The extension's setup(): what it registers with Sphinx, and the metadata it declares."""

from __future__ import annotations

from typing import Any

import portfolio
from portfolio import catalog, directives, outputs, recovery, templates


class Recorder:
    """A Sphinx application that records each call made to it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


def test_setup_registers_the_directives_and_hooks_and_declares_parallel_safety() -> None:
    app = Recorder()
    metadata = portfolio.setup(app)  # type: ignore[arg-type]
    assert metadata == {
        "version": "1.0.0",
        "env_version": 9,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
    own = [
        ("setup_extension", ("myst_parser",), {}),
        ("setup_extension", ("sphinx_design",), {}),
        ("add_directive", ("position", directives.PositionDirective), {}),
        ("add_directive", ("facts", directives.FactsDirective), {}),
        ("add_directive", ("publication", directives.PublicationDirective), {}),
        ("add_directive", ("listing", directives.ListingDirective), {}),
        ("add_directive", ("entries", directives.EntriesDirective), {}),
        ("add_directive", ("archive", directives.ArchiveDirective), {}),
        ("add_directive", ("skills", directives.SkillsDirective), {}),
        ("add_post_transform", (directives.SkillLinkNames,), {}),
        ("connect", ("builder-inited", catalog.on_builder_inited), {}),
        ("connect", ("env-get-outdated", catalog.on_env_get_outdated), {}),
        ("connect", ("env-purge-doc", catalog.on_env_purge_doc), {}),
        ("connect", ("env-merge-info", catalog.on_env_merge_info), {}),
        ("connect", ("write-started", catalog.on_write_started), {}),
        ("connect", ("env-updated", outputs.on_env_updated), {}),
        ("connect", ("build-finished", outputs.on_build_finished), {}),
        ("connect", ("builder-inited", templates.on_builder_inited), {}),
    ]
    assert app.calls[: len(own)] == own
    # Then each module's own setup, given the application: among them, the settings.
    settings = {args[0] for name, args, _ in app.calls if name == "add_config_value"}
    assert {
        "portfolio_resume",
        "portfolio_resume_template",
        "portfolio_preview",
        "portfolio_sidebar_newest",
    } <= settings
    # And the recovery from a build stopped part-way, whose mark goes last of all.
    assert app.calls[-2:] == [
        ("connect", ("config-inited", recovery.on_config_inited), {}),
        ("connect", ("build-finished", recovery.on_build_finished), {"priority": 1000}),
    ]
