"""The style sheet and script of the reader page, and the policy that allows only them.

Both are written inline so that the page is one file that opens anywhere, offline.
The Content-Security-Policy names each by its SHA-256: the browser runs this script
and applies this style sheet and nothing else, and fetches nothing at all, even if a
string we failed to escape ever reached the page.

The script only moves nodes the page already holds: a card is a copy of the term's
note from the list at the bottom, so no data passes through ``innerHTML``.
"""

from __future__ import annotations

import base64
import hashlib

_SANS = (
    '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei"'
)
_SANS_HANT = '"PingFang TC", "Noto Sans CJK TC", "Source Han Sans TC", "Microsoft JhengHei"'

#: Screen: the text beside a sticky list of terms; phone: one column; print: notes as footnotes.
CSS = f"""
:root {{ color-scheme: light dark; --ink: #1d1d1f; --paper: #fffdf8; --muted: #5c5a57;
  --line: #d9d4c7; --mark: #f1e1a0; --term: #0b57a4; --current: #ffd34d; }}
@media (prefers-color-scheme: dark) {{ :root {{ --ink: #e8e6e1; --paper: #1b1b1d;
  --muted: #aaa6a0; --line: #3b3b3f; --mark: #4d4424; --term: #8cc4ff; --current: #7a6420; }} }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; }}
body {{ margin: 0; background: var(--paper); color: var(--ink); overflow-wrap: anywhere;
  font: 17px/1.85 system-ui, -apple-system, {_SANS}, sans-serif; }}
:root:lang(zh-Hant) body {{ font-family: system-ui, -apple-system, {_SANS_HANT}, sans-serif; }}
.layout {{ display: grid; grid-template-columns: minmax(0, 44em) minmax(10em, 15em);
  grid-template-areas: "text terms" "notes terms"; grid-template-rows: auto 1fr;
  gap: 0 2.5em; max-width: 64em; margin: 0 auto; padding: 2em 1.5em; }}
.text {{ grid-area: text; }}
.text p {{ margin: 0 0 1em; white-space: pre-wrap; }}
.terms {{ grid-area: terms; position: sticky; top: 0; align-self: start; max-height: 100vh;
  overflow-y: auto; padding: 1em 0; font-size: .9em; line-height: 1.5; }}
.notes {{ grid-area: notes; border-top: 1px solid var(--line); margin-top: 1em; font-size: .92em; }}
h2 {{ font-size: 1em; margin: 1em 0 .5em; color: var(--muted); letter-spacing: .1em; }}
a {{ color: var(--term); }}
a.term {{ color: inherit; text-decoration: none; cursor: pointer;
  background: linear-gradient(transparent 60%, var(--mark) 0);
  border-bottom: 1px dotted var(--term); }}
a.term:hover, a.term:focus-visible {{ background: var(--mark); }}
a.term.current, a.term:target, .note:target {{ background: var(--current); }}
.terms ol {{ list-style: none; margin: 0; padding: 0; }}
.terms li {{ display: flex; justify-content: space-between; gap: .5em; padding: .2em 0; }}
.terms a {{ text-decoration: none; }}
.count {{ color: var(--muted); font-size: .85em; font-variant-numeric: tabular-nums; }}
.notes ol {{ padding-left: 1.8em; }}
.note {{ margin: 0 0 1.2em; }}
.note-term {{ font-size: 1.05em; margin: 0; }}
.expansion {{ font-weight: 600; margin: .2em 0; }}
.definition {{ white-space: pre-line; margin: .2em 0; }}
.gloss {{ font-style: italic; margin: .2em 0; }}
.source, .reason, .uses, .others {{ font-size: .9em; color: var(--muted); margin: .3em 0; }}
.others h4 {{ font-size: 1em; margin: .4em 0 0; }}
.others ul {{ margin: 0; padding-left: 1.2em; }}
.uses a {{ padding: 0 .3em; }}
dialog {{ padding: 0; border: 1px solid var(--line); border-radius: 12px;
  max-width: min(36em, calc(100vw - 2em)); max-height: calc(100vh - 2em);
  background: var(--paper); color: var(--ink); box-shadow: 0 10px 40px rgba(0, 0, 0, .25); }}
dialog::backdrop {{ background: rgba(0, 0, 0, .35); }}
.card-inner {{ position: relative; padding: 1.2em 1.4em; }}
.close {{ position: absolute; top: .4em; right: .5em; padding: .1em .4em; border: 0;
  background: none; color: var(--muted); font-size: 1.5em; line-height: 1; cursor: pointer; }}
#card-content .note-term {{ font-size: 1.25em; padding-right: 1.5em; }}
@media (max-width: 600px) {{
  body {{ font-size: 16px; }}
  .layout {{ display: block; padding: 1em; }}
  .terms {{ position: static; max-height: none; border-top: 1px solid var(--line); }}
  dialog {{ width: 100%; max-width: 100%; margin: auto 0 0; border-radius: 12px 12px 0 0; }}
}}
@media print {{
  body {{ background: #fff; color: #000; font-size: 11pt; line-height: 1.7; }}
  .layout {{ display: block; max-width: none; padding: 0; }}
  .terms, dialog, .uses {{ display: none !important; }}
  a, a.term {{ color: #000; background: none; border: 0; }}
  a.term {{ text-decoration: underline dotted; }}
  a.term.first::after {{ content: "[" attr(data-n) "]"; font-size: .7em; vertical-align: super; }}
  .notes {{ border-top: 1px solid #000; }}
  .note {{ break-inside: avoid; }}
  .source, .reason, .others {{ color: #333; }}
}}
"""

#: Terms open their note as a card; the side list walks through each term's uses.
SCRIPT = """
(function () {
  "use strict";
  var card = document.getElementById("card");
  var content = document.getElementById("card-content");
  if (!card || typeof card.showModal !== "function" || !content.replaceChildren) {
    return; // an old browser: every term stays a link to its note
  }
  var current = null;
  function mark(use) {
    if (current) { current.classList.remove("current"); }
    current = use;
    use.classList.add("current");
  }
  function jump(id) {
    var use = document.getElementById(id);
    if (!use) { return; }
    if (card.open) { card.close(); }
    mark(use);
    use.scrollIntoView({ block: "center" });
    use.focus({ preventScroll: true });
  }
  function open(term) {
    var note = document.getElementById(term.getAttribute("data-note"));
    if (!note) { return false; }
    content.replaceChildren(note.querySelector(".card-body").cloneNode(true),
                            note.querySelector(".uses").cloneNode(true));
    card.setAttribute("aria-label", term.textContent);
    mark(term);
    card.showModal();
    return true;
  }
  function cycle(link) {
    var uses = link.getAttribute("data-uses").split(" ");
    var at = (Number(link.getAttribute("data-at") || -1) + 1) % uses.length;
    link.setAttribute("data-at", String(at));
    var count = link.parentNode.querySelector(".count");
    if (count && uses.length > 1) { count.textContent = (at + 1) + "/" + uses.length; }
    jump(uses[at]);
  }
  card.addEventListener("click", function (event) {
    if (event.target === card) { card.close(); } // a click on the backdrop
  });
  card.querySelector(".close").addEventListener("click", function () { card.close(); });
  document.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return; // a new tab or window: let the browser follow the link
    }
    var link = event.target.closest ? event.target.closest("a") : null;
    if (!link) { return; }
    var href = link.getAttribute("href") || "";
    if (link.classList.contains("term")) {
      if (open(link)) { event.preventDefault(); }
    } else if (link.classList.contains("jump")) {
      event.preventDefault();
      cycle(link);
    } else if (/^#u[0-9]+$/.test(href)) {
      event.preventDefault();
      jump(href.slice(1));
    }
  });
})();
"""


def _digest(source: str) -> str:
    """The CSP source expression that allows exactly ``source``."""
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


#: Nothing is fetched; only our style sheet and script apply; no form goes anywhere.
POLICY = (
    f"default-src 'none'; style-src {_digest(CSS)}; script-src {_digest(SCRIPT)}; "
    "base-uri 'none'; form-action 'none'"
)
