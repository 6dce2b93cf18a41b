"""Stage 2, load and validate: files to entries, every problem at once, cached when warm.

``loader.py`` checks and loads; ``yamlfile.py`` (yaml) reads files with line numbers;
``schema.py`` (pydantic) and ``entry_checks.py`` check each entry; ``canonical.py``
writes canonical files; ``cache.py`` serves compiled entries without yaml or pydantic.
"""
