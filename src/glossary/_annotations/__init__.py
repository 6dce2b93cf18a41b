"""Stage 6, annotations: one ``Annotation`` per match, gathered in an ``Annotated`` text.

``build.py`` (and its numpy twin ``long.py``) spreads the readings over the matches;
``explanation.py`` holds the result; ``jargon.py`` tells what looks like jargon.
"""
