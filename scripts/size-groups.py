#!/usr/bin/env python3
"""Where the WebAssembly bytes are: the code of each function, grouped by the module path of its name.

Usage: scripts/size-groups.py [WASM] [--depth N] [--top N]

WASM is the module as cargo writes it (target/wasm32-unknown-unknown/release/pbcalc.wasm), before wasm-bindgen
and wasm-opt strip the function names; the release profile's LTO and opt-level apply, so the shares are those of
the shipped build even though wasm-opt -Oz makes every group somewhat smaller. Each function's body is also
compressed on its own (gzip -9) to show which groups compress well; the sum of those is larger than the gzip of
the whole file, so read that column as a share, not as bytes saved.

Groups: the first N segments of the demangled path (`pbcalc::ui::pages`, `core::fmt`, `yew::html`, …); generic
instances are counted where their code was written (a `Vec<Branch>` sort counts under `core::slice`), except
that names holding `pbcalc::` anywhere are also summed in a second table, so that app-caused generics show.
"""
import gzip
import re
import sys
from collections import defaultdict


def leb(data, pos):
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def sections(data):
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, pos = leb(data, pos + 1)
        yield sid, data[pos:pos + size]
        pos += size


def imported_functions(payload):
    count, pos = leb(payload, 0)
    funcs = 0
    for _ in range(count):
        for _ in range(2):  # module, field
            n, pos = leb(payload, pos)
            pos += n
        kind = payload[pos]
        pos += 1
        if kind == 0:
            _, pos = leb(payload, pos)
            funcs += 1
        elif kind == 1:  # table: reftype + limits
            pos += 1
            flags, pos = leb(payload, pos)
            _, pos = leb(payload, pos)
            if flags & 1:
                _, pos = leb(payload, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(payload, pos)
            _, pos = leb(payload, pos)
            if flags & 1:
                _, pos = leb(payload, pos)
        elif kind == 3:  # global: type + mutability
            pos += 2
        else:
            raise ValueError(f"import kind {kind}")
    return funcs


def function_names(payload):
    pos = 0
    n, pos = leb(payload, pos)
    if payload[pos:pos + n] != b"name":
        return None
    pos += n
    names = {}
    while pos < len(payload):
        sub = payload[pos]
        size, pos = leb(payload, pos + 1)
        end = pos + size
        if sub == 1:
            count, p = leb(payload, pos)
            for _ in range(count):
                idx, p = leb(payload, p)
                ln, p = leb(payload, p)
                names[idx] = payload[p:p + ln].decode("utf-8", "replace")
                p += ln
        pos = end
    return names


V0_CRATE = re.compile(r"C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_][A-Za-z0-9_]*)")
LEGACY = re.compile(r"^_?_ZN(.*)E(\.llvm\.\d+)?$")


def demangle(name):
    """The path of a legacy-mangled Rust name (`_ZN4core3fmt5write17h…E` → `core::fmt::write`); v0 and other
    names are returned as they are."""
    m = LEGACY.match(name)
    if not m:
        v0 = V0_CRATE.search(name) if name.startswith("_R") else None
        # v0 names (the precompiled standard library): only their crate is read.
        return v0.group(2)[: int(v0.group(1))] + "::(v0)" if v0 else name
    s, out, i = m.group(1), [], 0
    while i < len(s) and s[i].isdigit():
        j = i
        while j < len(s) and s[j].isdigit():
            j += 1
        n = int(s[i:j])
        seg = s[j:j + n]
        i = j + n
        if re.fullmatch(r"h[0-9a-f]{16}", seg):
            continue
        seg = (seg.replace("$LT$", "<").replace("$GT$", ">").replace("$u20$", " ").replace("$RF$", "&")
               .replace("$C$", ",").replace("..", "::").replace("$u7b$", "{").replace("$u7d$", "}")
               .replace("$BP$", "*").replace("$u27$", "'").replace("$u5b$", "[").replace("$u5d$", "]")
               .replace("$LP$", "(").replace("$RP$", ")").replace("$u3b$", ";").replace("$u21$", "!"))
        out.append(seg)
    return "::".join(out)


def group_of(path, depth):
    path = path.lstrip("<_&* ").replace("mut ", "", 1).split(" as ")[0]
    path = re.sub(r"<.*", "", path)
    parts = [p for p in path.split("::") if p]
    if not parts:
        return "(unnamed)"
    return "::".join(parts[:depth])


def main():
    args = sys.argv[1:]
    depth, top, wasm = 3, 40, "target/wasm32-unknown-unknown/release/pbcalc.wasm"
    while args:
        a = args.pop(0)
        if a == "--depth":
            depth = int(args.pop(0))
        elif a == "--top":
            top = int(args.pop(0))
        else:
            wasm = a
    data = open(wasm, "rb").read()
    imports, bodies, names = 0, [], None
    for sid, payload in sections(data):
        if sid == 2:
            imports = imported_functions(payload)
        elif sid == 10:
            count, pos = leb(payload, 0)
            for _ in range(count):
                size, pos = leb(payload, pos)
                bodies.append(payload[pos:pos + size])
                pos += size
        elif sid == 0:
            names = function_names(payload) or names
    if names is None:
        sys.exit(f"{wasm}: no name section (run on cargo's output, before wasm-opt strips it)")
    raw, gz, count = defaultdict(int), defaultdict(int), defaultdict(int)
    app_raw, app_gz = defaultdict(int), defaultdict(int)
    total_raw = total_gz = 0
    for i, body in enumerate(bodies):
        path = demangle(names.get(imports + i, f"func{imports + i}"))
        g = group_of(path, depth)
        z = len(gzip.compress(body, 9))
        raw[g] += len(body)
        gz[g] += z
        count[g] += 1
        total_raw += len(body)
        total_gz += z
        if "pbcalc::" in path and not g.startswith("pbcalc"):
            k = group_of(path[path.index("pbcalc::"):], min(depth, 3))
            app_raw[k] += len(body)
            app_gz[k] += z
    print(f"{wasm}: {len(data):,} B, {len(bodies):,} functions, code {total_raw:,} B")
    print(f"{'group':<48} {'fns':>5} {'raw B':>10} {'raw %':>6} {'gz-each %':>9}")
    for g in sorted(raw, key=lambda g: -raw[g])[:top]:
        print(f"{g[:48]:<48} {count[g]:>5} {raw[g]:>10,} {100 * raw[g] / total_raw:>6.1f} {100 * gz[g] / total_gz:>9.1f}")
    rest = sorted(raw, key=lambda g: -raw[g])[top:]
    if rest:
        r = sum(raw[g] for g in rest)
        print(f"{f'({len(rest)} more groups)':<48} {'':>5} {r:>10,} {100 * r / total_raw:>6.1f}")
    print()
    print("generic code instantiated for the app's own types (counted above under the generic's crate):")
    for g in sorted(app_raw, key=lambda g: -app_raw[g])[:15]:
        print(f"  {g[:46]:<46} {app_raw[g]:>10,} {100 * app_raw[g] / total_raw:>6.1f}")


if __name__ == "__main__":
    main()
