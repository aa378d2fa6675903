"""Copies each case of cases.tsv out of a local git mirror of its source repository
(`fetch`ed under /work/.mirror/<owner>+<name>/repo) and records where it came from.
Run once when adding cases; derive_expected.py then computes the expected package sets."""
import json, os, subprocess, sys

MIRRORS = os.environ.get("MIRRORS", "/work/.mirror")
HERE = os.path.dirname(os.path.abspath(__file__))

for line in open(os.path.join(HERE, "cases.tsv")):
    if line.startswith("#") or not line.strip():
        continue
    fields = line.rstrip("\n").split("\t")
    fmt, case, repo, commit, path, licence = fields[:6]
    saved_as = fields[6] if len(fields) > 6 else os.path.basename(path)
    git_dir = os.path.join(MIRRORS, repo.replace("/", "+"), "repo")
    content = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"],
                             check=True, capture_output=True).stdout
    target = os.path.join(HERE, fmt, case)
    os.makedirs(target, exist_ok=True)
    open(os.path.join(target, saved_as), "wb").write(content)
    source = {"repository": f"https://github.com/{repo}", "commit": commit, "path": path,
              "url": f"https://github.com/{repo}/blob/{commit}/{path}", "licence": licence,
              "lockfile": saved_as}
    with open(os.path.join(target, "source.json"), "w") as out:
        out.write(json.dumps(source, indent=2) + "\n")
    print(f"{fmt}/{case}: {len(content)} bytes", file=sys.stderr)
