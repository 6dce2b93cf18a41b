"""Client: extract a report's own glossary section (名词解释) and draft entries from it."""
