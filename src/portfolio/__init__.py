"""The portfolio's own Sphinx extension: what no library does.

Pages state their facts once, in front matter (:mod:`.frontmatter`); the
catalogue reads them all (:mod:`.catalog`); directives render listings, roles
and skill back-links from it (:mod:`.directives`), the career timeline
(:mod:`.timeline`), the one-page résumé (:mod:`.resume`) and its PDF and plain
text (:mod:`.downloads`), and JSON-LD, meta descriptions and ``resume.json``
(:mod:`.structured_data`), a social card per page (:mod:`.cards`) and an Atom
feed of the write-ups (:mod:`.feed`); pictures are described and sized for the
screen (:mod:`.images`). Drafts stay out of what is published
(:mod:`.drafts`), and the live preview marks them and shows front matter errors
on the page (:mod:`.preview`); titles stay plain text (:mod:`.titles`). The
sidebar lists the sections and the newest write-ups, however many there are
(:mod:`.navigation`); an archive page lists them all. No page outlives its
source (:mod:`.outputs`), templates are compiled once (:mod:`.templates`), and a
build stopped part-way leaves the next one nothing wrong to trust
(:mod:`.recovery`).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from . import (
    cards,
    catalog,
    directives,
    downloads,
    drafts,
    feed,
    images,
    navigation,
    outputs,
    preview,
    recovery,
    resume,
    structured_data,
    templates,
    timeline,
    titles,
)

__version__ = "1.0.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    app.add_directive("position", directives.PositionDirective)
    app.add_directive("facts", directives.FactsDirective)
    app.add_directive("publication", directives.PublicationDirective)
    app.add_directive("listing", directives.ListingDirective)
    app.add_directive("entries", directives.EntriesDirective)
    app.add_directive("archive", directives.ArchiveDirective)
    app.add_directive("skills", directives.SkillsDirective)
    app.add_post_transform(directives.SkillLinkNames)
    app.connect("builder-inited", catalog.on_builder_inited)
    app.connect("env-get-outdated", catalog.on_env_get_outdated)
    app.connect("env-purge-doc", catalog.on_env_purge_doc)
    app.connect("env-merge-info", catalog.on_env_merge_info)
    app.connect("write-started", catalog.on_write_started)
    app.connect("env-updated", outputs.on_env_updated)
    app.connect("build-finished", outputs.on_build_finished)
    app.connect("builder-inited", templates.on_builder_inited)
    timeline.setup(app)
    resume.setup(app)
    downloads.setup(app)
    structured_data.setup(app)
    cards.setup(app)
    feed.setup(app)
    images.setup(app)
    navigation.setup(app)
    drafts.setup(app)
    preview.setup(app)
    titles.setup(app)
    recovery.setup(app)
    return {
        "version": __version__,
        "env_version": 9,  # bump when what the doctrees or the environment keep changes
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
