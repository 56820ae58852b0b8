"""Bytes -> Agent: a strict frontmatter split and YAML loader with located problems.

PyYAML's `safe_load` accepts anchors, tags, duplicate keys and deep nesting, and raises
exceptions that are not `YAMLError`. So the frontmatter is walked as a stream of parse
events (libyaml's parser when present: iterative, no recursion) and the values are built
here, each remembering its line and column. Every exception becomes a located problem.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import hidden, spec
from .problems import Problem, capped

# Only parse events are read: libyaml's parser alone, without a loader's constructor and
# resolver to set up per file (the Python loader where libyaml is missing)
try:
    from yaml.cyaml import CParser as _Parser
except ImportError:
    _Parser = yaml.SafeLoader
_resolver = yaml.resolver.Resolver()
_CLOSE = re.compile(r"^---$", re.M)
_CLOSE_SPACED = re.compile(r"^---[ \t]+$", re.M)  # the client accepts it; strict readers do not
_DECIMAL = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_NOT_BLANK = re.compile(r"[^ \t]")
_NOT_A_LINE_BREAK = {0x85: " ", 0x2028: " ", 0x2029: " "}


@dataclass
class Node:
    """A YAML value with its position (1-based, in the file)."""
    kind: str  # "scalar", "seq" or "map"
    value: Any  # scalar: its text; seq: list[Node]; map: dict[str, tuple[Node, Node]]
    line: int
    col: int
    tag: str = "str"  # for scalars: str, bool, int, float, null, timestamp, ...
    style: str | None = None  # None for plain scalars, else the quote or block style
    end_line: int = 0  # the line where the value ends (a scalar may span several)
    comment_col: int = 0  # plain scalars: column of a ` #` comment that cuts the line short

    def python(self) -> Any:
        """The value as Python data; scalars that YAML would turn into dates stay text."""
        if self.kind == "seq":
            return [n.python() for n in self.value]
        if self.kind == "map":
            return {k: v.python() for k, (_, v) in self.value.items()}
        if self.tag == "bool":
            return self.value.lower() in ("yes", "true", "on", "y")
        if self.tag == "null":
            return None
        if self.tag == "int" and _DECIMAL.match(self.value):
            return int(self.value)
        return self.value


@dataclass
class Agent:
    path: str  # as shown in messages
    stem: str
    raw: bytes
    text: str
    fields: dict[str, tuple[Node, Node]] = field(default_factory=dict)  # key -> (key node, value node)
    body: str = ""
    body_line: int = 1
    body_offset: int = 0
    line_starts: list[int] = field(default_factory=list)
    category: str | None = None
    frontmatter_ok: bool = False  # the frontmatter was split and parsed as a mapping
    grant: Any = field(default=None, repr=False, compare=False)  # grants.of_agent, once computed

    def locate(self, offset: int) -> tuple[int, int]:
        return locate(self.line_starts, offset)

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields[key][1].python() if key in self.fields else default


def line_starts(text: str) -> list[int]:
    """The offset where each line starts (the lengths summed at C speed: twice as fast as a
    regex over the line breaks)."""
    lengths = [len(line) + 1 for line in text.split("\n")]
    lengths.pop()
    return list(itertools.accumulate(lengths, initial=0))


def line_starts_locator(text: str):
    starts = line_starts(text)
    return lambda offset: locate(starts, offset)


def locate(starts: list[int], offset: int) -> tuple[int, int]:
    i = bisect.bisect_right(starts, offset) - 1
    return i + 1, offset - starts[i] + 1


def read_file(path: Path, display: str) -> tuple[Agent | None, list[Problem]]:
    """Read and load one agent file; None when it cannot be read as text at all.

    The size is checked before anything is read, and only regular files are opened (a FIFO
    or a device named `x.md` would block or never end)."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a pipe, socket or device)"
            return None, [Problem(display, 1, 1, "AC002", f"cannot read the file: it is {kind}")]
        if st.st_size > spec.MAX_FILE_BYTES:
            return None, [Problem(display, 1, 1, "AC001", f"the file is {st.st_size:,} bytes; the limit is {spec.MAX_FILE_BYTES:,} ({spec.MAX_FILE_BYTES // 1024} KiB)")]
        # unbuffered: the file is read whole, in as few calls as the system needs (a
        # buffered reader costs a sixth of the time on a small file)
        chunks, size = [], 0
        with open(path, "rb", buffering=0) as f:
            while size <= spec.MAX_FILE_BYTES:
                chunk = f.read(spec.MAX_FILE_BYTES + 1 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        raw = b"".join(chunks)
    except (OSError, ValueError) as e:
        return None, [Problem(display, 1, 1, "AC002", f"cannot read the file: {getattr(e, 'strerror', None) or e}")]
    return load_bytes(raw, display, path.stem)


def load_bytes(raw: bytes, display: str, stem: str) -> tuple[Agent | None, list[Problem]]:
    problems: list[Problem] = []
    if len(raw) > spec.MAX_FILE_BYTES:
        return None, [Problem(display, 1, 1, "AC001", f"the file is larger than {spec.MAX_FILE_BYTES:,} bytes ({spec.MAX_FILE_BYTES // 1024} KiB)")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        return None, [Problem(display, line, col, "AC008", f"byte 0x{raw[e.start]:02X} is not valid UTF-8; save the file as UTF-8")]
    if text.startswith("\ufeff"):
        problems.append(Problem(display, 1, 1, "AC003", "the file starts with a byte-order mark (U+FEFF); save it as UTF-8 without BOM"))
        text = text[1:]
    if "\r" in text:
        starts = line_starts(text)
        line, col = locate(starts, text.index("\r"))
        n = text.count("\r")
        problems.append(Problem(display, line, col, "AC004", f"{n} carriage return(s) (CRLF or CR line endings); use LF only"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    agent = Agent(display, stem, raw, text, line_starts=line_starts(text))
    fm_problems = _split(agent)
    problems += capped(hidden.scan(text, agent.body_offset, agent.locate, display))
    problems += fm_problems
    return agent, problems


def _split(agent: Agent) -> list[Problem]:
    text, path = agent.text, agent.path
    if not text.startswith("---\n"):
        first = text.split("\n", 1)[0][:40]
        return [Problem(path, 1, 1, "AC005", f"the file must start with a `---` line at byte 0 (found {first!r})")]
    close = _CLOSE.search(text, 4)
    spaced: list[Problem] = []
    if close is None:
        close = _CLOSE_SPACED.search(text, 4)
        if close is None:
            return [Problem(path, 1, 1, "AC006", "the frontmatter opened on line 1 is never closed by a `---` line")]
        line = agent.locate(close.start())[0]
        spaced = [Problem(path, line, 4, "AC007", "the closing `---` has trailing spaces: Claude Code accepts it, stricter readers see no frontmatter; remove them")]
    front = text[4:close.start()]
    end = close.end() + 1 if close.end() < len(text) else close.end()
    agent.body = text[end:]
    agent.body_offset = end
    agent.body_line = agent.locate(end)[0] if end < len(text) else agent.locate(close.start())[0] + 1
    fields, problems = parse_mapping(front, path, first_line=2)
    if problems and problems[0].rule == "AC010" and "mapping values are not allowed" in problems[0].message:
        fields, problems = _lenient_colons(front, path, crlf=b"\r" in agent.raw) or (fields, problems)
    agent.fields = fields
    agent.frontmatter_ok = not any(p.is_error and p.rule not in ("AC020", "AC021") for p in problems)
    return spaced + problems


# A top-level `key: value` line whose plain value holds `: ` (`description: Use when: ...`).
_COLON_IN_VALUE = re.compile(r"^([A-Za-z_][\w-]*:[ \t]+)([^'\"\[{|>&*!%@`#\s][^\n]*?:[ \t][^\n]*?)[ \t]*$", re.M)


def _lenient_colons(front: str, path: str, crlf: bool) -> tuple[dict, list[Problem]] | None:
    """Read the frontmatter as the client does: a top-level plain value that holds `: ` is
    the rest of its line. Stricter YAML readers refuse it (AC020); with CRLF line endings the
    client refuses it too (AC021). None when the file is broken in other ways as well."""
    found: list[tuple[int, int]] = []

    def quote(m: re.Match) -> str:
        found.append((front.count("\n", 0, m.start()) + 2, len(m.group(1)) + 1))
        return m.group(1) + "'" + m.group(2).replace("'", "''") + "'"

    fields, problems = parse_mapping(_COLON_IN_VALUE.sub(quote, front), path, first_line=2)
    if problems or not found:
        return None
    for (_, value) in fields.values():
        if value.kind == "scalar" and value.style == "'" and (value.line, value.col) in found:
            value.style = None  # it was written plain
    rule, why = ("AC021", "with CRLF line endings the client fails to parse the frontmatter and skips the file") if crlf else \
        ("AC020", "Claude Code reads the rest of the line as the value; stricter YAML readers refuse the file")
    return fields, [Problem(path, line, col, rule, f"unquoted `: ` inside a plain value: {why}; quote the value") for line, col in found]


def parse_mapping(source: str, path: str, first_line: int) -> tuple[dict, list[Problem]]:
    """Parse YAML text that must be one mapping; returns (key -> (key node, value node), problems)."""
    node, problems = parse_yaml(source, path, first_line)
    if any(p.is_error for p in problems):
        return {}, problems
    if node is None or node.kind != "map":
        line = node.line if node else first_line
        col = node.col if node else 1
        what = "empty" if node is None or node.tag == "null" else {"seq": "a list", "scalar": "a single value"}[node.kind]
        return {}, problems + [Problem(path, line, col, "AC016", f"the frontmatter must be a mapping of keys to values; it is {what}")]
    return node.value, problems


def _escaped_hidden(value: str, lines: list[str], ev, path: str, line: int, col: int) -> list[Problem]:
    """Hidden characters written as escapes in a double-quoted scalar ("\\u200b", "\\r"): the
    file's text is clean, the value is not. Warnings too (an escaped no-break space): the file
    scan sees only the escape. Raw characters in the value are the file scan's to report."""
    first, last = ev.start_mark.line, ev.end_mark.line
    if first == last:  # search the value's own stretch of its line, not the whole line
        if lines[first].find("\\", ev.start_mark.column, ev.end_mark.column) < 0:
            return []
    elif not any("\\" in ln for ln in lines[first:last + 1]):
        return []
    raw = lines[first][ev.start_mark.column:ev.end_mark.column] if first == last else "".join(lines[first:last + 1])
    if not raw.isascii():  # characters written raw are the file scan's: leave them out here
        written = set(raw)
        value = "".join(c for c in value if c.isascii() or c not in written)
    found = hidden.scan(value, len(value), lambda offset: (line, col), path)
    return [Problem(p.path, p.line, p.col, p.rule, p.message + " (written as a YAML escape)") for p in found]


@functools.lru_cache(maxsize=4096)  # (the same values recur from file to file: `sonnet`, `Read, Grep`)
def _plain_tag(value: str) -> str:
    """What a plain scalar is to YAML 1.1 (`str`, `bool`, `int` ...)."""
    return _resolver.resolve(yaml.ScalarNode, value, (True, False)).rsplit(":", 1)[-1]


_COLLECTION_EVENTS = frozenset({yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent})


# A line that is a plain key, `: ` and a value: quoted, with no escape and no quote inside,
# or plain, starting with no indicator (the mapping most frontmatter is): see _one_line_values.
_ONE_LINE_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*): (?:\"([^\"\\\n]*)\"|'([^'\n]*)'|([^-?:,\[\]{}#&*!|>'\"%@`\s][^\n]*))")


def _one_line_values(source: str, first_line: int) -> Node | None:
    """The mapping that libyaml makes of `source`, where every line is `key: value` with the
    value on that line alone, plain or quoted with no escape, and nothing YAML reads otherwise
    (`: `, ` #`, a trailing space, a character it refuses, a key twice); None for anything else. Reading those lines
    costs two fifths of parsing them: tests/test_hostile.py checks that both give the same Nodes."""
    if not source.endswith("\n") or source.count("\n") > 64:
        return None
    fields: dict[str, tuple[Node, Node]] = {}
    for i, line in enumerate(source[:-1].split("\n")):
        m = _ONE_LINE_VALUE.fullmatch(line)
        if m is None:
            return None
        key, double, single, plain = m.groups()
        if key in fields:
            return None
        n = first_line + i
        if plain is None:  # quoted: text, as written between the quotes
            value = single if double is None else double
            if not value.isprintable():  # (no backslash: no escape to look behind, see _escaped_hidden)
                return None
            node = Node("scalar", value, n, len(key) + 3, "str", "'" if double is None else '"', n)
        elif ": " in plain or " #" in plain or plain[-1] in " :" or not plain.isprintable():
            return None
        else:
            node = Node("scalar", plain, n, len(key) + 3, _plain_tag(plain), None, n)
        fields[key] = (Node("scalar", key, n, 1, _plain_tag(key), None, n), node)
    return Node("map", fields, first_line, 1, end_line=first_line + source.count("\n")) if fields else None


def parse_yaml(source: str, path: str, first_line: int, quick: bool = True) -> tuple[Node | None, list[Problem]]:
    """Build Nodes from parse events, refusing anchors, aliases, tags, duplicates, depth,
    documents. `quick`: the common one-line values read without the parser (_one_line_values)."""
    def at(mark) -> tuple[int, int]:
        return first_line + mark.line, mark.column + 1

    # YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029 (refused anyway, as hidden
    # characters): read them as spaces so that every position counts LF lines, as editors do
    source = source.translate(_NOT_A_LINE_BREAK)
    if quick:
        mapping = _one_line_values(source, first_line)
        if mapping is not None:
            return mapping, []

    lines: list[str] | None = None  # the source's lines, split when first needed
    stack: list[list] = []  # [node, pending key node or None]
    root: Node | None = None
    documents = 0
    warnings: list[Problem] = []  # problems that do not stop the parse (an escaped no-break space)
    parser = None
    try:
        parser = _Parser(source)
        while parser.check_event():  # (yaml.parse's loop, without its generator)
            ev = parser.get_event()
            kind = type(ev)  # (one look-up per event, the common kinds first: the loop runs per value)
            if kind is not yaml.ScalarEvent and kind not in _COLLECTION_EVENTS:
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        return None, [Problem(path, *at(ev.start_mark), "AC014", "a second YAML document starts here; the frontmatter must be one mapping")]
                elif kind is yaml.AliasEvent:
                    return None, [Problem(path, *at(ev.start_mark), "AC011", f"YAML alias `*{ev.anchor}`: anchors and aliases are not allowed")]
                continue  # the stream's and the document's other events
            if kind is not yaml.MappingEndEvent and kind is not yaml.SequenceEndEvent:
                if ev.anchor:
                    return None, [Problem(path, *at(ev.start_mark), "AC011", f"YAML anchor `&{ev.anchor}`: anchors and aliases are not allowed")]
                if ev.tag is not None:
                    return None, [Problem(path, *at(ev.start_mark), "AC012", f"explicit YAML tag `{ev.tag.replace('tag:yaml.org,2002:', '!!')}` is not allowed; write plain values")]
            if kind is yaml.ScalarEvent:
                line, col = at(ev.start_mark)
                style = ev.style or None  # plain: None from the Python parser, "" from libyaml
                tag = "str"
                if style is None:
                    tag = _plain_tag(ev.value)
                node = Node("scalar", ev.value, line, col, tag, style, first_line + ev.end_mark.line)
                if style == '"' and not hidden.is_plain(ev.value):
                    lines = lines if lines is not None else source.split("\n")
                    smuggled = _escaped_hidden(ev.value, lines, ev, path, line, col)
                    if any(p.is_error for p in smuggled):
                        return None, smuggled
                    warnings += smuggled
                if style is None and ev.value:
                    # the first character after the value, searched from there in place (no
                    # copy of the rest of the line: a 250 KiB flow list has 80,000 values)
                    lines = lines if lines is not None else source.split("\n")
                    if ev.end_mark.line < len(lines):
                        after = _NOT_BLANK.search(lines[ev.end_mark.line], ev.end_mark.column)
                        if after and after.group() == "#" and after.start() > ev.end_mark.column:
                            node.comment_col = after.start() + 1
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= spec.MAX_YAML_DEPTH:
                    return None, [Problem(path, *at(ev.start_mark), "AC015", f"the frontmatter nests deeper than {spec.MAX_YAML_DEPTH} levels")]
                shape = "seq" if kind is yaml.SequenceStartEvent else "map"
                node = Node(shape, [] if shape == "seq" else {}, *at(ev.start_mark))
            else:  # the end of a mapping or a list
                node = stack.pop()[0]
                node.end_line = first_line + ev.end_mark.line
                if stack:
                    problem = _attach(stack[-1], node, path)
                    if problem:
                        return None, [problem]
                else:
                    root = node
                continue
            if kind is not yaml.ScalarEvent:
                stack.append([node, None])
            elif stack:
                problem = _attach(stack[-1], node, path)
                if problem:
                    return None, [problem]
            else:
                root = node
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = at(mark) if mark else (first_line, 1)
        what = " ".join(str(x) for x in (e.context, e.problem) if x)
        hint = ""
        if "mapping values are not allowed" in what:
            hint = "; a value that contains `: ` must be quoted"
        return None, [Problem(path, line, col, "AC010", f"invalid YAML: {what}{hint}")]
    except yaml.reader.ReaderError as e:  # a character YAML refuses; the C reader counts bytes
        offset = e.position
        if _Parser is not yaml.SafeLoader:
            offset = len(source.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        starts = line_starts(source)
        line, col = locate(starts, min(offset, len(source)))
        return None, [Problem(path, first_line + line - 1, col, "AC010", f"invalid YAML: character {_code(e.character)} is not allowed ({e.reason})")]
    except Exception as e:  # every other exception the YAML library raises stays a located problem
        return None, [Problem(path, first_line, 1, "AC010", f"invalid YAML: {type(e).__name__}: {e}")]
    finally:
        if parser is not None:
            parser.dispose()
    return root, warnings


def _code(character: Any) -> str:
    return f"U+{character:04X}" if isinstance(character, int) else repr(character)


def _attach(parent: list, node: Node, path: str) -> Problem | None:
    container = parent[0]
    if len(container.value) >= spec.MAX_ENTRIES and (container.kind == "seq" or parent[1] is None):
        what = "list" if container.kind == "seq" else "mapping"
        return Problem(path, node.line, node.col, "AC019", f"this {what} (from line {container.line}) holds more than {spec.MAX_ENTRIES:,} entries")
    if container.kind == "seq":
        container.value.append(node)
        return None
    if parent[1] is None:  # a key
        if node.kind != "scalar":
            return Problem(path, node.line, node.col, "AC016", "mapping keys must be plain names")
        if node.value in container.value:
            first = container.value[node.value][0]
            return Problem(path, node.line, node.col, "AC013", f"duplicate key `{node.value}` (first on line {first.line}); YAML would keep only this one")
        parent[1] = node
        return None
    container.value[parent[1].value] = (parent[1], node)
    parent[1] = None
    return None
