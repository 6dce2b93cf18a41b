"""Client: how much of a collection's jargon the glossary explains (``glossary coverage``)."""
