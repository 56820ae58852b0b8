"""Token footprint of an agent: what it costs in the context window.

Claude Code lists every installed agent in its Agent tool: the name and the description
are in the context of every session (always on). The body, the system prompt, is only
loaded when the agent is started (on invoke).

The estimate is deliberately simple and named on every page: one token per four
characters (Unicode code points), rounded up. English prose and Markdown come out at
roughly 3.5 to 4.5 characters per token in Claude's tokenizer, so the estimate is within
about a quarter either way; compare it with what `claude plugin details` reports.

    >>> from agentcat import tokens
    >>> tokens.footprint(entry)        # Footprint(description=..., body=...)
    >>> tokens.estimate("some text")   # any text
"""

from __future__ import annotations

from dataclasses import dataclass

METHOD = "characters ÷ 4"
CHARS_PER_TOKEN = 4


def estimate(text: str) -> int:
    """Tokens of `text`, estimated as characters / 4, rounded up (0 for no text)."""
    return -(-len(text) // CHARS_PER_TOKEN)


@dataclass(frozen=True)
class Footprint:
    description: int  # always on: the agent's line in the Agent tool's list
    body: int  # on invoke: the system prompt

    @property
    def total(self) -> int:
        return self.description + self.body


def listing_line(name: str, description: str) -> str:
    """The text the client keeps in context for an installed agent (its name and description)."""
    return f"- {name}: {description}"


def footprint(entry) -> Footprint:
    """`entry`: a catalog Entry (its name, description and body)."""
    return Footprint(estimate(listing_line(entry.name, entry.description)), estimate(entry.agent.body.strip()))
