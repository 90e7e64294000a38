#!/usr/bin/env python3
"""Extract the validation subset of an official PVE apidoc schema for the simulator.

Input: the apidoc JSON array (shared/pve-api/pve-<version>-apidoc.json).
Output: a compact JSON object {"version": ..., "endpoints": {"<path>": {"<METHOD>": {...}}}}
holding, per method, only what request validation needs: parameters (type, optional, format,
enum, minimum, maximum, minLength, maxLength, pattern, items, default_key, alias, requires),
allowtoken, protected and proxyto. Descriptions, return schemas and permissions are dropped.

Usage: extract-pve-schema.py APIDOC.json VERSION OUT.json
"""
import json
import sys

KEEP_PROP = ("type", "optional", "format", "enum", "minimum", "maximum", "minLength",
             "maxLength", "pattern", "items", "default_key", "alias", "requires",
             "keyAlias", "properties", "additionalProperties")
KEEP_METHOD = ("allowtoken", "protected", "proxyto")


def slim_prop(prop):
    out = {}
    for key in KEEP_PROP:
        if key not in prop:
            continue
        value = prop[key]
        if key == "format" and isinstance(value, dict):
            value = {k: slim_prop(v) for k, v in value.items()}
        elif key == "items" and isinstance(value, dict):
            value = slim_prop(value)
        elif key == "properties" and isinstance(value, dict):
            value = {k: slim_prop(v) for k, v in value.items()}
        out[key] = value
    return out


def main(src, version, dst):
    with open(src, encoding="utf-8") as f:
        tree = json.load(f)
    endpoints = {}

    def walk(node):
        info = node.get("info") or {}
        methods = {}
        for method, spec in info.items():
            params = spec.get("parameters") or {}
            entry = {k: spec[k] for k in KEEP_METHOD if k in spec}
            entry["additionalProperties"] = params.get("additionalProperties", 0)
            entry["parameters"] = {k: slim_prop(v) for k, v in (params.get("properties") or {}).items()}
            methods[method] = entry
        if methods:
            endpoints[node["path"]] = methods
        for child in node.get("children") or []:
            walk(child)

    for root in tree:
        walk(root)
    with open(dst, "w", encoding="utf-8") as f:
        json.dump({"version": version, "endpoints": endpoints}, f, sort_keys=True, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
