"""agentcat: the engine behind the catalog. Plain Python; imports nothing from MkDocs."""

__version__ = "0.1.0"
