"""Risk patterns: words that look like an attack, in the body and in every text value.

Each text is matched after normalising it (`normalise`): NFKC; default-ignorable and other
invisible characters removed, and combining marks laid over ASCII letters; runs of spaces
and tabs, and line continuations (a backslash, then a line break), folded to one space. So
`su\u200bdo`, `ｓｕｄｏ`, `rm        -rf` and `curl x \\<newline> | sh` all read as what they
do. Every match is mapped back to the character where it starts, as written.

These are warnings: a reviewer reads them, and a legitimate agent can explain itself.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from . import charclass, hidden

# Each pattern stays within one line of the normalised text, and every gap is bounded
# (`{0,200}`): an unbounded `[^\n]*` between two words is quadratic on a 256 KiB line that
# repeats the first word. Each entry's last item says, for a reader, what every match
# contains (strings of the normalised, lowercased text; an int: a run of base64 that long).
# What decides whether a pattern runs at all is _GATES below: words, looked up in the set
# of the text's words, so a clean file costs one pass and a few set look-ups instead of a
# regex scan per pattern.
_I = re.I
_SH = r"(?:(?:/usr)?(?:/local)?/bin/)?(?:env[ \t]+)?(?:ba|z|da|k|fi|c|tc|a)?sh\b"
_INTERP = r"(?:(?:/usr)?(?:/local)?/bin/)?(?:env[ \t]+)?(?:python[23]?(?:\.\d+)?|perl|ruby|node|php)\b"
_DOWNLOAD = r"\b(?:curl|wget|iwr|invoke-webrequest|invoke-restmethod)\b"
_STEALTH = "tells the agent to act without the user knowing or confirming"
_PERSIST = "sets up something that outlives the session (shell startup files, cron, services, setuid)"
# the orders that follow "do not", "never" ...: tell the user, mention it, ask for approval
_NOT_ORDER = (r"[ \t]+(?:"
              r"(?:tells?|informs?|notif(?:y|ies)|alerts?|warns?|lets?|mentions?[ \t]+(?:this|it)[ \t]+to|shows?)[ \t]+the[ \t]+user\b|"
              r"(?:mention|reveal|disclose|report|log|admit)[ \t]+(?:this|it|these|that|what[ \t]+you)\b|"
              r"ask[ \t]+(?:the[ \t]+user|for[ \t]+(?:confirmation|permission|approval))\b)")
# (the words for "not"; what each match holds, as a substring; its words, as Gate.words and Gate.also)
_NOT_LEADS = ((r"do[ \t]+not", ("do not",), "not", "do"), (r"don'?t", ("don't", "dont"), "don dont", ""),
              (r"never", (), "never", ""), (r"no[ \t]+need[ \t]+to", ("no need",), "need", "no"),
              (r"must[ \t]+not", ("must not",), "must", "not"), (r"should[ \t]+not", ("should not",), "should", "not"))
_RECURSIVE = r"(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)"
_FORCE = r"(?:-[a-zA-Z]*f[a-zA-Z]*|--force)"
_FLAGS = r"(?:[ \t]+-{1,2}[\w-]+)"

PATTERNS = (
    # download and run: into a shell or an interpreter, by pipe or process substitution
    ("AC311", re.compile(_DOWNLOAD + r"[^\n|]{0,200}\|[ \t]*(?:sudo[ \t]+)?(?:" + _SH + "|" + _INTERP + ")|"
                         r"\b(?:iex|invoke-expression)\b", _I),
     "pipes a download into a shell", ("curl", "wget", "iwr", "iex", "invoke-")),
    ("AC311", re.compile(r"(?:\bsource|(?<![\w.])\.|\b(?:ba|z|da|k)?sh|\bpython[23]?|\bperl|\bruby|\bnode)[ \t]+(?:-c[ \t]+)?[\"']?(?:\$\(|<\()[ \t]*" + _DOWNLOAD, _I),
     "runs a download in a shell", ("<(", "$(")),
    ("AC311", re.compile(r"\|[ \t]*(?:sudo[ \t]+)?(?:(?:/usr)?/bin/(?:ba|z|da|k)?sh\b|" + _INTERP + r"[ \t]+-(?=[ \t]|$|\n))", _I),
     "pipes text into a shell or an interpreter",
     tuple(f"|{sp}{w}" for sp in ("", " ") for w in ("/bin/", "/usr/", "sudo", "env", "python", "perl", "ruby", "node", "php"))),
    # decoders
    ("AC312", re.compile(r"\bbase64\b" + _FLAGS + r"{0,4}?[ \t]+(?:-[a-zA-Z]*[dD][a-zA-Z]*|--decode)\b|\batob[ \t]*\(|\bfrombase64string\b|"
                         r"\bb64decode\b|\bbase64\.(?:b64|standard_b64|urlsafe_b64)?decode|\bcertutil\b[^\n]{0,40}?-decode\b|\buudecode\b", _I),
     "decodes base64", ("base64", "atob", "b64decode", "certutil", "uudecode")),
    ("AC312", re.compile(r"\bxxd\b" + _FLAGS + r"{0,4}?[ \t]+-(?:r|rp|pr|r[ \t]+-p|p[ \t]+-r)\b|\bopenssl[ \t]+(?:base64|enc)\b[^\n]{0,100}?[ \t]-(?:d|a[ \t]+-d|d[ \t]+-a)\b", _I),
     "decodes hidden bytes (`xxd -r`, `openssl ... -d`)", ("xxd", "openssl")),
    ("AC312", re.compile(r"[A-Za-z0-9+/]{120,}={0,2}"), "carries a long base64-like blob", 120),
    ("AC312", re.compile(r"(?:^[ \t]*(?=[^\n]*[a-z])(?=[^\n]*[A-Z])(?=[^\n]*[0-9])[A-Za-z0-9+/]{60,}={0,2}[ \t]*(?:\n|\Z)){3,}", re.M),
     "carries a base64-like blob split over lines", 60),
    ("AC313", re.compile(r"\beval[ \t]*[(\"'`$]"), "uses `eval`", tuple(f"eval{sp}{c}" for sp in ("", " ") for c in "(\"'`$")),
    # credentials: files, keychains and the variables that hold tokens
    # (a dot file in the home folder is matched by its start, `~/.ssh` in `~/.sshd` too: its
    # own pattern, which a substring gates, not a word)
    ("AC314", re.compile(r"(?:~|\$HOME|\$\{HOME\})/\.(?:ssh|aws|gnupg|netrc|npmrc|pypirc|pgpass|git-credentials|kube|docker/config|config/gcloud|config/gh)", _I),
     "reaches for credentials", ("~/.", "$home/.", "${home}/.")),
    ("AC314", re.compile(r"application_default_credentials\.json", _I), "reaches for credentials", ("application_default_credentials.json",)),
    ("AC314", re.compile(r"\bid_(?:rsa|ed25519|ecdsa|dsa)\b|\bprintenv\b|(?<![\w.-])\.env\b|/etc/(?:passwd|shadow|sudoers)\b|"
                         r"(?<![\w-])\.(?:netrc|npmrc|pypirc|pgpass|git-credentials)\b|\.kube/config\b|\bkubeconfig\b|"
                         r"\bgcloud/(?:credentials|application_default_credentials|access_tokens)|"
                         r"\.aws/credentials\b|\.docker/config\.json\b|/proc/(?:self|\d+)/environ\b", _I),
     "reaches for credentials", ("id_", "printenv", ".env", "/etc/", ".netrc", ".npmrc", ".pypirc", ".pgpass",
                                 ".git-credentials", ".kube", "kubeconfig", "gcloud", ".aws/", ".docker/", "/environ")),
    ("AC314", re.compile(r"\b(?:GITHUB_TOKEN|GH_TOKEN|GITLAB_TOKEN|NPM_TOKEN|PYPI_TOKEN|AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID|"
                         r"AWS_SESSION_TOKEN|ANTHROPIC_API_KEY|OPENAI_API_KEY|GOOGLE_APPLICATION_CREDENTIALS|SLACK_TOKEN|"
                         r"AZURE_CLIENT_SECRET|DOCKER_PASSWORD)\b|"
                         r"\bsecurity[ \t]+(?:find-generic-password|find-internet-password|dump-keychain|export)\b|"
                         r"\bkeychains?/|\.keychain(?:-db)?\b|\bsecret-tool[ \t]+lookup\b|\bgnome-keyring\b|\bkwallet(?:d|5|6|manager)?\b", _I),
     "reaches for credentials", ("_token", "secret_access", "access_key", "api_key", "application_credentials", "client_secret",
                                 "docker_password", "security ", "keychain", "secret-tool", "gnome-keyring", "kwallet")),
    # stealth
    ("AC315", re.compile(r"\b(?:silently|secretly|covertly|stealthily|surreptitiously)\b", _I), _STEALTH,
     ("silently", "secretly", "covertly", "stealthily", "surreptitiously")),
    # "quietly" alone is ordinary English ("errors quietly swallowed"); as an order it is not
    ("AC315", re.compile(r"\b(?:quietly|discreetly)[ \t]+(?:run|install|delete|remove|send|upload|modify|change|edit|write|add|"
                         r"push|commit|execute|download|copy|disable|overwrite)\b", _I), _STEALTH, ("quietly", "discreetly")),
    ("AC315", re.compile(r"\bbehind[ \t]+the[ \t]+user'?s[ \t]+back\b", _I), _STEALTH, ("behind the user",)),
    # every "do not / never ..." order: one pattern per way of saying "not", so that each
    # starts with a literal word (one alternation of them made the engine try every position)
    *(("AC315", re.compile(r"\b" + lead + _NOT_ORDER, _I), _STEALTH, needles) for lead, needles, _, _ in _NOT_LEADS),
    ("AC315", re.compile(r"\bwithout[ \t]+(?:(?:leaving[ \t]+)?a[ \t]+trace|asking|confirmation|confirming|approval|permission|telling|notifying|informing|alerting|"
                         r"prompting|letting[ \t]+(?:the[ \t]+user|them|anyone)[ \t]+know|the[ \t]+user'?s?[ \t]+(?:knowledge|consent|approval))\b", _I), _STEALTH,
     ("without ",)),
    ("AC315", re.compile(r"\bskip(?:s|ping)?[ \t]+(?:the[ \t]+|any[ \t]+|all[ \t]+)?(?:confirmation|approval|permission)", _I), _STEALTH,
     ("skip",)),
    ("AC315", re.compile(r"\bkeep[ \t]+(?:this|it|these[ \t]+steps|your[ \t]+actions)[ \t]+(?:secret|quiet|hidden|private|to[ \t]+yourself|between[ \t]+us)\b", _I),
     _STEALTH, ("keep ",)),
    ("AC315", re.compile(r"\b(?:hide|conceal)[ \t]+(?:this|it|these[ \t]+\w+|the[ \t]+\w+|your[ \t]+\w+)[ \t]+from[ \t]+the[ \t]+user\b", _I),
     _STEALTH, ("from the user",)),
    ("AC315", re.compile(r"\bthe[ \t]+user[ \t]+(?:must|should|need)[ \t]+(?:not|never)[ \t]+(?:know|see|notice|find[ \t]+out|learn)\b", _I),
     _STEALTH, ("the user must", "the user should", "the user need")),
    ("AC315", re.compile(r"\bassume[ \t]+(?:the[ \t]+user[ \t]+)?(?:approves|agrees|consents|said[ \t]+yes)\b", _I), _STEALTH, ("assume ",)),
    # destructive or privileged
    ("AC316", re.compile(r"\b(?:sudo|doas|pkexec)\b|\bsu[ \t]+(?:-[ \t]|-c\b|root\b)|"
                         r"\brm(?=" + _FLAGS + r"{0,30}?[ \t]+" + _RECURSIVE + r"\b)(?=" + _FLAGS + r"{0,30}?[ \t]+" + _FORCE + r"\b)" + _FLAGS + r"{1,30}|"
                         r"\bgit[ \t]+push\b[^\n]{0,200}?[ \t](?:--force(?:-with-lease|-if-includes)?\b|-[a-zA-Z]*f[a-zA-Z]*\b|\+[\w./-]+|--mirror\b|--delete\b)|"
                         r"\bfind[ \t]+(?:/|~/?|\$HOME/?)(?=[ \t]|$)[^\n|;]{0,200}?[ \t](?:-delete\b|-exec[ \t]+rm\b)|"
                         r"\bmkfs\b|\bdd[ \t]+if=|\bchmod[ \t]+(?:-R[ \t]+)?777\b", _I),
     "runs a destructive or privileged command",
     ("sudo", "doas", "pkexec", "su -", "su root", "rm -", "git push", "-delete", "-exec rm", "mkfs", "dd if=", "chmod")),
    # persistence: what keeps running after the session
    # (in three: one alternation of them all made the engine try every position)
    ("AC318", re.compile(r"(?:~|\$HOME|\$\{HOME\})?/\.(?:bashrc|bash_profile|bash_login|zshrc|zprofile|zshenv|zlogin|cshrc|tcshrc|kshrc)\b|"
                         r"(?<![\w/-])\.(?:bashrc|bash_profile|zshrc|zprofile|zshenv)\b", _I), _PERSIST,
     (".bashrc", ".bash_profile", ".bash_login", ".zshrc", ".zprofile", ".zshenv", ".zlogin", ".cshrc", ".tcshrc", ".kshrc")),
    # (`profile` is a common word: its own pattern, which a substring gates after the word)
    ("AC318", re.compile(r"(?:~|\$HOME|\$\{HOME\})?/\.profile\b", _I), _PERSIST, ("/.profile",)),
    ("AC318", re.compile(r"/etc/(?:profile|bash\.bashrc|zshrc|environment|rc\.local|cron|crontab|systemd/)", _I), _PERSIST, ("/etc/",)),
    ("AC318", re.compile(r"\.config/fish/config\.fish\b|\bcrontab\b|/var/spool/cron\b|\bsystemctl[ \t]+(?:--user[ \t]+)?(?:enable|daemon-reload|link)\b|"
                         r"\.config/systemd/|\blaunchctl[ \t]+(?:load|bootstrap|submit|enable)\b|\bLaunch(?:Agents|Daemons)\b|"
                         r"\bchmod[ \t]+(?:-R[ \t]+)?(?:[ugoa]*\+[a-z]*s[a-z]*|[2467][0-7]{3})\b|\bauthorized_keys\b|\bcore\.hooksPath\b", _I), _PERSIST,
     ("config.fish", "crontab", "/cron", "systemctl", ".config/systemd/", "launchctl", "launchagents", "launchdaemons", "chmod",
      "authorized_keys", "hookspath")),
    ("AC317", re.compile(r"~/\.claude/|\bsettings(?:\.local)?\.json\b|\.claude/settings|\.claude\.json\b", _I), "edits Claude Code's own configuration",
     ("~/.claude/", "settings.json", "settings.local.json", ".claude/settings", ".claude.json")),
)


@dataclass(frozen=True)
class Gate:
    """What a pattern needs to run at all, checked cheapest first: one of `words` as a whole
    word, and one of `also` (the text is lowercased and split into runs of letters, digits and
    `_`: one C-speed pass, then set look-ups); a run of `run` base64 characters; one of
    `needles` as a substring of the lowercased text (each a scan of the text: after the
    words, where they can). An empty part is no condition; no gate at all is for a pattern
    that starts with a literal, which the regex engine finds fast anyway. A gate that holds
    back a match is a bug that tests/test_risk.py finds: it compares every pattern run ungated."""
    words: frozenset[bytes] = frozenset()
    also: frozenset[bytes] = frozenset()
    needles: tuple[str, ...] = ()
    run: bytes = b""  # `1` times the length (see _BASE64_BYTES)


def _g(words: str = "", needles: tuple[str, ...] = (), run: int = 0, also: str = "") -> Gate:
    return Gate(frozenset(w.encode() for w in words.split()), frozenset(w.encode() for w in also.split()), needles, b"1" * run)


_GATES = (
    _g("curl wget iwr iex invoke"),
    _g("curl wget"),
    None,
    _g("base64 atob frombase64string b64decode certutil uudecode"),
    _g("xxd openssl"),
    _g(run=120),
    _g(run=60),
    _g("eval"),
    _g(needles=("~", "$")),  # (one character: a memchr, not a scan)
    _g(needles=("application_default_credentials.json",)),
    _g("aws netrc npmrc pypirc pgpass credentials kube docker gcloud id_rsa id_ed25519 id_ecdsa id_dsa printenv env passwd "
       "shadow sudoers kubeconfig environ"),
    _g("github_token gh_token gitlab_token npm_token pypi_token aws_secret_access_key aws_access_key_id aws_session_token "
       "anthropic_api_key openai_api_key google_application_credentials slack_token azure_client_secret docker_password "
       "security keychain keychains secret gnome kwallet kwalletd kwallet5 kwallet6 kwalletmanager"),
    _g("silently secretly covertly stealthily surreptitiously"),
    _g("quietly discreetly"),
    _g("behind", ("behind the user",), also="user"),
    *(_g(words, needles, also=also) for _, needles, words, also in _NOT_LEADS),
    _g("without"),
    _g("skip skips skipping"),
    _g("keep"),
    _g("hide conceal"),
    _g("user", ("the user must", "the user should", "the user need"), also="must should need"),  # (spaces folded: one)
    _g("assume"),
    _g("sudo doas pkexec su rm git find mkfs dd chmod"),
    _g("bashrc bash_profile bash_login zshrc zprofile zshenv zlogin cshrc tcshrc kshrc"),
    _g("profile", ("/.profile",)),
    _g("etc", ("/etc/",)),
    _g("fish crontab cron systemctl systemd launchctl launchagents launchdaemons chmod authorized_keys hookspath"),
    _g("claude settings"),
)
assert len(_GATES) == len(PATTERNS)
PATTERNS = tuple((rule, rx, what, gate) for (rule, rx, what, _), gate in zip(PATTERNS, _GATES))
_ALL_WORDS = frozenset().union(*(g.words | g.also for g in _GATES if g))
# the patterns each word opens, and those that no word gates (they run on every text)
_SHORTEST_RUN = min((g.run for g in _GATES if g and g.run), key=len)
_BY_WORD = {w: frozenset(i for i, g in enumerate(_GATES) if g and w in g.words) for w in _ALL_WORDS}
_UNWORDED = frozenset(i for i, g in enumerate(_GATES) if not (g and g.words))
# byte maps for the gates: a word is a run of lowercase ASCII letters, digits and `_`; a
# base64 run is one of letters, digits, `+`, `/` and `=`
_WORD_BYTES = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789_" else 32 for c in range(256))
_BASE64_BYTES = bytes(49 if chr(c).isascii() and (chr(c).isalnum() or chr(c) in "+/=") else 32 for c in range(256))


def _lowercase(rx: re.Pattern) -> re.Pattern:
    """The pattern for lowercased text, without re.I: the same matches on ASCII letters, and
    several times faster (a case-sensitive pattern searches for its literals directly)."""
    if not rx.flags & re.I:
        return rx
    assert not re.search(r"\\[A-Z]", rx.pattern), rx.pattern  # \W, \S ... would change meaning
    pattern = rx.pattern.lower()
    # `\bword...` as `word(?<=\bword)...`: the same matches, but the engine can search for
    # the literal instead of trying the boundary at every position
    m = re.match(r"\\b([a-z]+)(?![a-z])", pattern)
    if m:
        pattern = f"{m.group(1)}(?<=\\b{m.group(1)}){pattern[m.end():]}"
    return re.compile(pattern, rx.flags & ~re.I)


_LOWER = tuple(_lowercase(rx) for _, rx, _, _ in PATTERNS)
# Letters that re.I folds onto ASCII ones and that NFKC leaves: with one of them in the text,
# the lowercased fast path would miss what re.I finds (`ı` is `i` to it)
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131]")

# --- normalisation with a map back to the text as written ------------------------------------

_FOLD = re.compile(r"(?:[ \t\f\v]*\\[ \t]*\n[ \t\f\v]*|[ \t\f\v]{2,}|[\t\f\v])+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTER = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_COMBINING = re.compile(charclass.COMBINING)


@dataclass
class Normalised:
    text: str
    # segments: the normalised text from seg_norm[i] on came from the text as written from
    # seg_raw[i] on, character for character when seg_same[i], else all from seg_raw[i]
    seg_norm: list[int]
    seg_raw: list[int]
    seg_same: list[bool]

    def raw_offset(self, k: int) -> int:
        i = bisect.bisect_right(self.seg_norm, k) - 1
        return self.seg_raw[i] + (k - self.seg_norm[i] if self.seg_same[i] else 0)


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0
        self.seg_norm: list[int] = [0]
        self.seg_raw: list[int] = [0]
        self.seg_same: list[bool] = [True]
        self.space = False  # the output ends with a folded space

    def same(self, piece: str, raw: int) -> None:
        """`piece` as written, from raw offset `raw` on."""
        if not piece:
            return
        if self.seg_same[-1] and self.seg_raw[-1] + (self.n - self.seg_norm[-1]) == raw:
            pass  # continues the current segment
        else:
            self._segment(raw, True)
        self.parts.append(piece)
        self.n += len(piece)
        self.space = piece[-1] == " "

    def other(self, piece: str, raw: int) -> None:
        """`piece` in place of what was written at `raw` (an empty piece drops it)."""
        if piece == " ":
            if self.space:
                return
            self.space = True
        elif not piece:
            return
        else:
            self.space = False
        self._segment(raw, False)
        self.parts.append(piece)
        self.n += len(piece)

    def _segment(self, raw: int, same: bool) -> None:
        if self.seg_norm[-1] == self.n:  # an empty segment: replace it
            self.seg_raw[-1], self.seg_same[-1] = raw, same
        else:
            self.seg_norm.append(self.n)
            self.seg_raw.append(raw)
            self.seg_same.append(same)

    def ascii(self, text: str, start: int, end: int, plain: bool, spaced: bool) -> None:
        """The ASCII stretch text[start:end]. `plain`: the whole text has no tab, form feed,
        vertical tab or backslash; `spaced`: it has two spaces in a row somewhere (both are
        found once for the whole text, not per stretch: a stretch may be one character)."""
        if plain and not spaced:
            self.same(text[start:end], start)
            return
        pos = start
        if plain:  # runs of spaces only, which str.find finds several times faster than a regex
            spans = []
            i = text.find("  ", start, end)
            while i >= 0:
                j = i + 2
                while j < end and text[j] == " ":
                    j += 1
                spans.append((i, j))
                i = text.find("  ", j, end)
        else:
            spans = [m.span() for m in _FOLD.finditer(text, start, end)]
        for i, j in spans:
            if i == 0 or text[i - 1] == "\n":
                continue  # indentation stays as written (no pattern starts with a space)
            self.same(text[pos:i], pos)
            self.other(" ", i)
            pos = j
        self.same(text[pos:end], pos)

    def result(self) -> Normalised:
        return Normalised("".join(self.parts), self.seg_norm, self.seg_raw, self.seg_same)


def normalise(text: str) -> Normalised:
    """`text` as the risk patterns see it, with the map back to `text` as written."""
    b = _Builder()
    plain = "\t" not in text and "\\" not in text and "\f" not in text and "\v" not in text
    spaced = "  " in text
    if text.isascii():
        if plain and not spaced:
            return Normalised(text, [0], [0], [True])
        b.ascii(text, 0, len(text), plain, spaced)
        return b.result()
    pos = 0
    marked = False  # the last character kept is an ASCII letter (marks on it are dropped)
    for m in _NON_ASCII.finditer(text):
        i = m.start()
        if i > pos:
            b.ascii(text, pos, i, plain, spaced)
            marked = text[i - 1] in _ASCII_LETTER
        ch = m.group()
        if hidden.INVISIBLE.match(ch):
            b.other("", i)
        elif marked and _COMBINING.match(ch):
            b.other("", i)
        else:
            piece = unicodedata.normalize("NFKC", ch)
            if piece.isspace():
                piece = " "
            b.other(piece, i)
            marked = piece[-1:] in _ASCII_LETTER
        pos = i + 1
    if pos < len(text):
        b.ascii(text, pos, len(text), plain, spaced)
    return b.result()


@dataclass(frozen=True)
class Match:
    rule: str
    what: str
    start: int  # in the text as written
    text: str  # the match, normalised ("" past the limit: counted, not listed)
    written: str  # the match as written


def find(text: str, limit: int | None = None, gated: bool = True) -> list[Match]:
    """Every risk pattern's matches in `text`. Past `limit` matches of a rule, the rest are
    still counted but carry no text. `gated=False` runs every pattern: what the gates
    below must never change (tests/test_risk.py compares)."""
    norm = normalise(text)
    t = norm.text
    low = t.lower()
    # The triggers are ASCII words, matched in the lowercased text by case-sensitive patterns.
    # Where lowercasing moves characters, or a letter that re.I folds onto an ASCII one is
    # present (the dotless `ı`), every pattern runs, with re.I, on the text itself.
    fast = len(low) == len(t) and not (not t.isascii() and _FOLDS_TO_ASCII.search(t))
    gates = gated and fast
    words: frozenset[bytes] = frozenset()
    runs = b""
    if gates:
        # bytes.translate and split are the cheapest way to the text's words (a regex
        # findall costs twice as much); other than ASCII is a separator, as `?` then a space
        b = low.encode("ascii", "replace")
        words = _ALL_WORDS.intersection(b.translate(_WORD_BYTES).split())
        if len(t) >= 60:  # every base64 character as `1`: a run is a substring search away
            runs = (b if t.isascii() else t.encode("ascii", "replace")).translate(_BASE64_BYTES)
            if _SHORTEST_RUN not in runs:
                runs = b""  # (no run of the shortest length: the longer ones fail at once)
    spans: dict[str, list[tuple[int, int, str]]] = {}
    # in PATTERNS' order, so that the rules come out in it
    todo = sorted(_UNWORDED.union(*(_BY_WORD[w] for w in words))) if gates else range(len(PATTERNS))
    for i in todo:
        rule, rx, what, gate = PATTERNS[i]
        lower = _LOWER[i]
        if gates and gate is not None:
            if gate.also and gate.also.isdisjoint(words):
                continue
            if gate.run and gate.run not in runs:
                continue
            if gate.needles and not any(s in low for s in gate.needles):
                continue
        if fast and lower is not rx:
            found = lower.finditer(low)
        else:
            found = rx.finditer(t)
        spans.setdefault(rule, []).extend((m.start(), m.end(), what) for m in found)
    out: list[Match] = []
    for rule, found in spans.items():
        found.sort(key=lambda s: (s[0], -s[1]))
        reach, n = -1, 0
        for start_n, end_n, what in found:
            if start_n < reach:
                continue  # inside a match of the same rule (two patterns, one command)
            reach = max(end_n, start_n + 1)
            n += 1
            start = norm.raw_offset(start_n)
            if limit is not None and n > limit:
                out.append(Match(rule, what, start, "", ""))  # counted, not listed
                continue
            end = norm.raw_offset(max(end_n - 1, start_n)) + 1
            out.append(Match(rule, what, start, t[start_n:end_n], text[start:end]))
    return out
