"""Fast unit tests: no Sphinx build. `make mutation` runs these alone against each mutant."""
