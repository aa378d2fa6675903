"""Derives each case's expected package set from the lockfile itself, with general-purpose
parsers in another language (Python's json, tomllib and PyYAML) and each format's documented
layout — never from Upkeep's output. An expected package is a third-party package a scanner must
report, as `name@version` with the name advisories use (the real name behind an npm alias). Local
code whose version the lockfile does not record (links, `file:`/path sources, yarn berry
workspaces at 0.0.0-use.local) is left out; so are git sources without a version (npm v1, Pipfile).
Run: python3 derive_expected.py  (rewrites every <format>/<case>/expected.json)."""
import json, os, re, tomllib
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def npm(text):
    lock = json.loads(text)
    found = set()
    if "packages" in lock:  # v2/v3: one entry per install path; workspace members sit at their folder
        for path, entry in lock["packages"].items():
            if path == "" or entry.get("link") or "version" not in entry:
                continue
            if "node_modules/" not in path and "name" not in entry:
                continue  # a workspace member whose name only its package.json knows
            name = entry.get("name") or path.rsplit("node_modules/", 1)[-1]
            found.add(f"{name}@{entry['version']}")
        return found

    def walk(deps):  # v1: nested `dependencies`; an alias's version reads npm:<real>@<version>
        for name, entry in (deps or {}).items():
            version = entry.get("version", "")
            alias = re.fullmatch(r"npm:(@?[^@]+)@(.+)", version)
            if alias:
                found.add(f"{alias.group(1)}@{alias.group(2)}")
            elif re.match(r"^\d", version):
                found.add(f"{name}@{version}")
            walk(entry.get("dependencies"))

    walk(lock.get("dependencies"))
    return found


def pnpm_key(key):
    """`/name@1.0.0(peer@2)` (v6), `name@1.0.0(peer@2)` (v9) → (name, version)."""
    key = key.lstrip("/")
    key = key.split("(", 1)[0]
    at = key.find("@", 1)
    return key[:at], key[at + 1:]


def pnpm(text):
    found = set()
    # pnpm may write several YAML documents (the first for its own config dependencies): read all.
    entries = [item for doc in yaml.safe_load_all(text) if doc for item in (doc.get("packages") or {}).items()]
    for key, entry in entries:
        entry = entry or {}
        name, version = pnpm_key(key)
        if version.startswith("runtime:"):
            continue  # a Node/Deno/Bun runtime pnpm installs, not an npm package
        name = entry.get("name", name)
        version = entry.get("version", version)
        if re.match(r"^\d", version):
            found.add(f"{name}@{version}")
    return found


def yarn_classic(text):
    found = set()
    specs = None
    for line in text.splitlines():
        if line and not line.startswith((" ", "#")) and line.endswith(":"):
            specs = [s.strip().strip('"') for s in line[:-1].split(",")]
        elif specs and line.startswith("  version "):
            version = line.split(" ", 3)[3].strip('"')
            spec = specs[0]
            at = spec.find("@", 1)
            name, rng = spec[:at], spec[at + 1:]
            alias = re.match(r"npm:(@?[^@]+)@", rng)
            if alias:
                name = alias.group(1)
            if not rng.startswith(("file:", "link:")):
                found.add(f"{name}@{version}")
            specs = None
    return found


def yarn_berry(text):
    lock = yaml.safe_load(text)
    found = set()
    for key, entry in lock.items():
        if key == "__metadata":
            continue
        resolution = entry["resolution"]
        at = resolution.find("@", 1)
        name, reference = resolution[:at], resolution[at + 1:]
        if reference.startswith(("workspace:", "link:", "portal:", "file:")):
            continue
        found.add(f"{name}@{entry['version']}")
    return found


def toml_packages(text, skip_source=lambda source: False):
    lock = tomllib.loads(text)
    return {f"{p['name']}@{p['version']}" for p in lock.get("package", [])
            if "version" in p and not skip_source(p.get("source") or {})}


def poetry(text):
    return toml_packages(text, lambda s: s.get("type") in ("directory", "file"))


def uv(text):
    local = ("editable", "virtual", "directory", "path")
    return toml_packages(text, lambda s: any(k in s for k in local))


def pipenv(text):
    lock = json.loads(text)
    return {f"{name}@{entry['version'][2:]}" for section in ("default", "develop")
            for name, entry in lock.get(section, {}).items() if entry.get("version", "").startswith("==")}


def requirements(text):
    joined = re.sub(r"\\\n", " ", text)
    found = set()
    for line in joined.splitlines():
        line = line.split(" #", 1)[0].strip()
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*===?\s*([^\s;,]+)\s*(;|$|--hash)", line)
        if match:
            found.add(f"{match.group(1)}@{match.group(3)}")
    return found


def cargo(text):
    # No `source`: a workspace member or path crate, the project's own code rather than a crate
    # fetched from a registry or git.
    lock = tomllib.loads(text)
    return {f"{p['name']}@{p['version']}" for p in lock.get("package", []) if "source" in p}


def gomod(text):
    found = set()
    block = None
    local = set()  # `replace m => ../dir`: built from a folder of the project, not fetched
    for line in text.splitlines():
        line = line.split("//", 1)[0].strip()
        replaced = re.match(r"^(?:replace\s+)?(\S+)(?:\s+\S+)?\s+=>\s+([./]\S*)$", line)
        if (block == "replace" or line.startswith("replace ")) and replaced:
            local.add(replaced.group(1))
        elif line in ("require (", "replace (", "exclude (", "retract ("):
            block = line.split()[0]
        elif block and line == ")":
            block = None
        elif block == "require" and line:
            module, version = line.split()[:2]
            found.add(f"{module}@{version}")
        elif line.startswith("require ") and not line.endswith("("):
            module, version = line.split()[1:3]
            found.add(f"{module}@{version}")
    return {entry for entry in found if entry.rsplit("@", 1)[0] not in local}


def gemfile(text):
    found = set()
    section = None
    for line in text.splitlines():
        if line and not line.startswith(" "):
            section = line.strip()
        match = re.fullmatch(r"    ([^ ]+) \(([^)]+)\)", line)
        if match and section in ("GEM", "GIT"):
            # A platform-specific gem is `name (version-platform)`; advisories name the version.
            found.add(f"{match.group(1)}@{match.group(2).split('-', 1)[0]}")
    return found


def composer(text):
    lock = json.loads(text)
    return {f"{p['name']}@{p['version']}" for section in ("packages", "packages-dev")
            for p in lock.get(section) or []}


DERIVE = {"npm-v1": npm, "npm-v2": npm, "npm-v3": npm, "pnpm-v6": pnpm, "pnpm-v9": pnpm,
          "yarn-classic": yarn_classic, "yarn-berry": yarn_berry, "poetry": poetry, "uv": uv,
          "pipenv": pipenv, "requirements": requirements, "cargo": cargo, "go": gomod,
          "gemfile": gemfile, "composer": composer}

for fmt in sorted(os.listdir(HERE)):
    if fmt not in DERIVE:
        continue
    for case in sorted(os.listdir(os.path.join(HERE, fmt))):
        folder = os.path.join(HERE, fmt, case)
        source = json.load(open(os.path.join(folder, "source.json")))
        text = open(os.path.join(folder, source["lockfile"]), encoding="utf-8").read()
        packages = sorted(DERIVE[fmt](text))
        expected = {"derivedBy": f"derive_expected.py:{DERIVE[fmt].__name__}", "packages": packages}
        # Two-space indent and a final newline: the repository's formatter (Biome) checks JSON.
        with open(os.path.join(folder, "expected.json"), "w") as out:
            out.write(json.dumps(expected, indent=2) + "\n")
        print(f"{fmt}/{case}: {len(packages)}")
