"""The directives' own errors, each with its message and line, from one small real build.

A throwaway site with the extension and four pages that use its directives wrongly:
each mistake must fail the strict build with a message naming the page, the line of
the directive and the fix, and never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import sphinx_build

CONF = """\
extensions = ["portfolio"]
project = "Directive errors"
"""

PAGES = {
    "index.md": """\
# Home

```{toctree}
prose
play/tool
```

```{timeline}
```
""",
    "prose.md": """\
# Prose without front matter

```{facts}
```

```{skills} languages
```

```{resume} experience
```
""",
    "play/tool.md": """\
---
kind: project
title: Tool
summary: A tool.
start: 2020
end: 2021
skills: []
links:
  - title: Source
    url: https://example.org/
---
# Tool

```{position} tool-lead
Planted.
```
""",
}


def test_each_directive_mistake_is_an_error_at_its_line(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "play").mkdir(parents=True)
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    for name, text in PAGES.items():
        (source / name).write_text(text, encoding="utf-8")

    build = sphinx_build(source, tmp_path / "out")

    assert build.returncode != 0
    assert "Traceback" not in build.output
    expected = [
        r"index\.md:8: ERROR: \{timeline\} has no roles to show; employer pages in work/ list"
        r" them in their front matter",
        r"prose\.md:3: ERROR: \{facts\} needs this page's front matter, which is missing or has"
        r" errors \(see the messages above\)",
        r"prose\.md:6: ERROR: \{skills\} group 'languages' has no skills; groups in the skills"
        r" front matter: $",
        # The résumé's facts begin with whom it is about.
        r"prose\.md:9: ERROR: \{resume\} experience needs the page of 'kind: person' \(the"
        r" landing page\)$",
        r"play/tool\.md:14: ERROR: \{position\} 'tool-lead' is not a role in this page's front"
        r" matter; ids there: $",
    ]
    for pattern in expected:
        assert re.search(pattern, build.output, re.MULTILINE), (
            f"not reported: {pattern}\n{build.output}"
        )
