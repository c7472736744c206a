"""Validates with Debian's python3-jsonschema what the tests hand it on standard input.

Input, one JSON document:
  {"schemas": {name: schema},             each checked against the 2020-12 meta-schema, formats
                                          included (every pattern must compile with Python's re)
   "bodies": [[name, body, expected]],    each validated against schemas[name]
   "strings": {name: [string, ...]}}      each validated against schemas[name]
Output, one JSON document:
  {"version": jsonschema's version,
   "schemas": {name: [meta-schema errors]},
   "bodies": [[index, name, valid, first error]] for bodies whose validity is not the expected one,
   "strings": {name: [valid, ...]}}
"""

import json
import sys
from importlib.metadata import version

from jsonschema import Draft202012Validator, FormatChecker


def errors_of(validator, instance):
    try:
        return [e.message for e in validator.iter_errors(instance)]
    except Exception as e:  # a pattern Python's re refuses raises here
        return [f"{type(e).__name__}: {e}"]


def main():
    job = json.load(sys.stdin)
    meta = Draft202012Validator(Draft202012Validator.META_SCHEMA, format_checker=FormatChecker())
    schemas = job["schemas"]
    out = {"version": version("jsonschema"), "schemas": {}, "bodies": [], "strings": {}}
    validators = {}
    for name, schema in schemas.items():
        out["schemas"][name] = errors_of(meta, schema)
        validators[name] = Draft202012Validator(schema)
    for i, (name, body, expected) in enumerate(job["bodies"]):
        errors = errors_of(validators[name], body)
        if (not errors) != expected:
            out["bodies"].append([i, name, not errors, errors[0] if errors else None])
    for name, strings in job["strings"].items():
        out["strings"][name] = [not errors_of(validators[name], s) for s in strings]
    json.dump(out, sys.stdout)


main()
