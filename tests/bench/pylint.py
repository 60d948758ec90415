"""What a Python pre-commit hook would do: PyYAML + jsonschema (Draft7) on one data file.

Used by tests/bench/bench.sh as the baseline nianbao lint is compared with."""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    """SafeLoader without timestamps, so dates stay strings as in YAML 1.2."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
validator = jsonschema.Draft7Validator(schema)
status = 0
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        doc = yaml.load(f, Loader=Loader)
    for err in validator.iter_errors(doc):
        print(f"{path}: {err.message}")
        status = 1
sys.exit(status)
