#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Arrears authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the invariants of the Flatpak manifest, since Flathub cannot be reached to build it.

check-flatpak.py MANIFEST [APP_ID]: valid JSON; the app id; the GNOME runtime; every archive or
file source pinned by an https URL and a sha256; every git source pinned by a commit; no network
at build time; no network and no filesystem access at run time; the app module runs its tests.
Prints TAP.
"""

import json
import re
import sys

SHA256 = re.compile(r"^[0-9a-f]{64}$")
COMMIT = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, description, detail=None):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {description}")
        if not ok:
            self.failed += 1
            if detail:
                for line in str(detail).splitlines():
                    print(f"# {line}")
        return ok

    def finish(self):
        print(f"1..{self.n}")
        return 1 if self.failed else 0


def walk_modules(modules, parents=()):
    """Yields (path, module) for every module, nested ones included; strings name
    external module files, which this manifest does not use and which are reported."""
    for module in modules or []:
        if isinstance(module, str):
            yield parents + (module,), module
            continue
        path = parents + (module.get("name", "?"),)
        yield path, module
        yield from walk_modules(module.get("modules"), path)


def build_options_all(options):
    """The build-options object and its per-arch variants."""
    if not isinstance(options, dict):
        return []
    found = [options]
    for arch_options in (options.get("arch") or {}).values():
        found.extend(build_options_all(arch_options))
    return found


def main(argv):
    if len(argv) < 2:
        print("usage: check-flatpak.py MANIFEST [APP_ID]", file=sys.stderr)
        return 2
    path = argv[1]
    app_id = argv[2] if len(argv) > 2 else "io.github.arrears.Arrears"
    tap = Tap()

    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
        ok = isinstance(manifest, dict)
        tap.check(ok, f"{path} is a JSON object", None if ok else type(manifest).__name__)
    except (OSError, ValueError) as error:
        tap.check(False, f"{path} is valid JSON", error)
        return tap.finish()
    if not isinstance(manifest, dict):
        return tap.finish()

    got_id = manifest.get("id", manifest.get("app-id"))
    tap.check(got_id == app_id, f"the app id is {app_id}", f"found {got_id!r}")
    tap.check(manifest.get("runtime") == "org.gnome.Platform", "the runtime is org.gnome.Platform",
              f"found {manifest.get('runtime')!r}")
    tap.check(manifest.get("sdk") == "org.gnome.Sdk", "the SDK is org.gnome.Sdk",
              f"found {manifest.get('sdk')!r}")
    version = str(manifest.get("runtime-version", ""))
    tap.check(re.fullmatch(r"[0-9]+", version) is not None,
              "the runtime version is a stable release, not master or nightly",
              f"found {version!r}")

    finish_args = manifest.get("finish-args") or []
    tap.check("--share=network" not in finish_args, "no network access at run time")
    filesystems = [arg for arg in finish_args if arg.startswith("--filesystem")]
    tap.check(not filesystems, "no --filesystem: files go through the portal", filesystems)
    broad = [arg for arg in finish_args
             if arg in ("--socket=session-bus", "--socket=system-bus", "--device=all",
                        "--socket=x11", "--talk-name=org.freedesktop.Flatpak")
             or arg.startswith("--filesystem=home") or arg.startswith("--filesystem=host")]
    tap.check(not broad, "no broad sandbox holes (session bus, host, home, all devices)", broad)
    for wanted in ("--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"):
        tap.check(wanted in finish_args, f"finish-args contain {wanted}")

    modules = list(walk_modules(manifest.get("modules")))
    tap.check(bool(modules), "the manifest has modules")
    all_options = [("the manifest", o) for o in build_options_all(manifest.get("build-options"))]
    sources_checked = 0
    for mpath, module in modules:
        name = "/".join(mpath)
        if isinstance(module, str):
            tap.check(False, f"module {name} is inline", "external module files are not checked")
            continue
        all_options += [(f"module {name}", o) for o in build_options_all(module.get("build-options"))]
        for index, source in enumerate(module.get("sources") or []):
            label = f"module {name} source {index + 1}"
            if isinstance(source, str):
                tap.check(False, f"{label} is inline", "external source files are not checked")
                continue
            kind = source.get("type")
            sources_checked += 1
            if kind in ("archive", "file"):
                url = source.get("url") or ""
                if not url and source.get("path"):
                    tap.check(False, f"{label} ({kind}) comes from a URL", "a local path")
                    continue
                tap.check(url.startswith("https://"), f"{label} ({kind}) is fetched over https",
                          url)
                checksum = source.get("sha256", "")
                tap.check(bool(SHA256.match(checksum)), f"{label} ({kind}) is pinned by sha256",
                          f"sha256 {checksum!r}")
            elif kind == "git":
                commit = source.get("commit", "")
                tap.check(bool(COMMIT.match(commit)), f"{label} (git) is pinned to a commit",
                          f"commit {commit!r}")
                tap.check((source.get("url") or "").startswith("https://"),
                          f"{label} (git) is fetched over https", source.get("url"))
            elif kind in ("dir", "patch", "script", "shell", "inline"):
                ok = not (kind == "patch" and source.get("url"))
                tap.check(ok, f"{label} ({kind}) is local", source)
            else:
                tap.check(False, f"{label} has a known type", f"type {kind!r}")
    tap.check(sources_checked > 0, "the modules have sources")

    for owner, options in all_options:
        build_args = options.get("build-args") or []
        tap.check("--share=network" not in build_args,
                  f"{owner}: no network at build time", build_args)

    app_modules = [m for p, m in modules if isinstance(m, dict) and m.get("name") == "arrears"]
    tap.check(len(app_modules) == 1, "there is one arrears module", f"found {len(app_modules)}")
    if app_modules:
        app = app_modules[0]
        tap.check(modules[-1][1] is app, "the arrears module is built last")
        tap.check(app.get("run-tests") is True, "the arrears module has run-tests: true")
        tap.check(app.get("buildsystem") == "meson", "the arrears module is built with meson")
        sources = app.get("sources") or []
        tap.check(any(isinstance(s, dict) and s.get("type") == "dir" and s.get("path") == ".."
                      for s in sources),
                  "the arrears module builds this checkout", sources)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
