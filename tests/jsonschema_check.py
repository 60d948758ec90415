#!/usr/bin/python3
"""Cross-check schemas/report-2021.schema.json with an independent validator.

Usage: jsonschema_check.py SCHEMA FIXTURES_DIR [LINT_GOLDEN_DIR]

Every FIXTURES_DIR/*.yaml and FIXTURES_DIR/gaps/*.yaml (complete in structure,
only some prose left empty, which is for lint to report) must validate; every FIXTURES_DIR/invalid/schema-*.yaml
must not. With LINT_GOLDEN_DIR (tests/golden/lint), every other invalid fixture is held to
the C checker's verdict recorded there: one with a schema error (NB1xx) must fail here too,
one with only rule findings (NB2xx) must pass; files the loader refuses (NB0xx: YAML
problems, which PyYAML judges by its own rules) are not compared. YAML is loaded without timestamp resolution (as in YAML 1.2 and in the
C loader), so `date: 2025-01-20` stays a string.
Exit status: 0 all as expected, 1 some file did not behave, 2 the schema or a file
could not be read.
"""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml


class NoTimestampLoader(yaml.SafeLoader):
    """SafeLoader minus the implicit timestamp resolver."""


NoTimestampLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Keywords the C checker understands; anything else would be silently ignored there.
C_KEYWORDS = {
    "$schema", "$id", "$ref", "definitions", "title", "description",
    "type", "properties", "required", "additionalProperties", "items",
    "additionalItems", "minItems", "maxItems", "enum", "const", "minimum",
    "maximum", "multipleOf", "minLength", "pattern", "not",
    "x-nianbao-computed", "x-nianbao-decimals",
    # read by editors only (yaml-language-server: the message of a failing node, the hover text,
    # a warning wherever a computed total is typed, which also keeps it out of completion);
    # they do not change what is valid, and the C checker has its own messages
    "errorMessage", "markdownDescription", "deprecationMessage",
}


# Invalid fixtures on which a draft-07 validator with PyYAML cannot agree, and why.
KNOWN_DIFFERENCES = {
    "fee-decimals.yaml": "小数位数由 nianbao 按数字的原文检查（x-nianbao-decimals）；draft-07 只有 "
                         "multipleOf，0.0001 的倍数在浮点数下不精确，会误判合格的金额，故模式不用它",
    "phone-number.yaml": "03987984101 在 YAML 1.2（nianbao、编辑器）中是整数，在 PyYAML 的 YAML 1.1 中"
                         "（含 8、9 的“八进制”）是文字",
}


def subset_problems(node, path="#"):
    """Keywords outside C_KEYWORDS, and properties without a title or description."""
    problems = []
    if not isinstance(node, dict):
        return problems
    for key in node:
        if key not in C_KEYWORDS:
            problems.append("%s: C 检查器不支持的关键字 %s" % (path, key))
    for name, sub in node.get("properties", {}).items():
        where_ = "%s/properties/%s" % (path, name)
        if not sub.get("title") or ("description" not in sub and "x-nianbao-computed" not in sub):
            problems.append("%s: 缺少 title 或 description" % where_)
        problems += subset_problems(sub, where_)
    for name, sub in node.get("definitions", {}).items():
        problems += subset_problems(sub, "%s/definitions/%s" % (path, name))
    items = node.get("items")
    for i, sub in enumerate(items if isinstance(items, list) else [items] if items else []):
        problems += subset_problems(sub, "%s/items/%d" % (path, i))
    if isinstance(node.get("not"), dict):
        problems += subset_problems(node["not"], path + "/not")
    return problems


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=NoTimestampLoader)


def where(err):
    return "/".join(str(p) for p in err.absolute_path) or "(根)"


def main(argv):
    if len(argv) not in (3, 4):
        print("用法：jsonschema_check.py 模式文件 fixtures目录 [lint标准输出目录]", file=sys.stderr)
        return 2
    schema_path, fixtures = argv[1], argv[2]
    golden = argv[3] if len(argv) == 4 else None
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print("FAIL %s: 模式文件本身有误：%s" % (schema_path, e))
        return 2
    problems = subset_problems(schema)
    for p in problems:
        print("FAIL %s" % p)
    validator = jsonschema.Draft7Validator(schema)

    good = sorted(glob.glob(os.path.join(fixtures, "*.yaml")) +
                  glob.glob(os.path.join(fixtures, "gaps", "*.yaml")))
    bad = sorted(glob.glob(os.path.join(fixtures, "invalid", "schema-*.yaml")))
    if golden:
        for path in sorted(glob.glob(os.path.join(fixtures, "invalid", "*.yaml"))):
            if path in bad:
                continue
            if os.path.basename(path) in KNOWN_DIFFERENCES:
                print("SKIP invalid/%s：%s" % (os.path.basename(path),
                                               KNOWN_DIFFERENCES[os.path.basename(path)]))
                continue
            name = "invalid_" + os.path.basename(path)[:-len(".yaml")] + ".txt"
            with open(os.path.join(golden, name), encoding="utf-8") as f:
                codes = set(re.findall(r"\[(NB\d\d\d)\]", f.read()))
            if any(c.startswith("NB0") for c in codes):
                continue
            if any(c.startswith("NB1") for c in codes):
                bad.append(path)
            else:
                good.append(path)
    print("%d 个合格样例，%d 个结构错误样例" % (len(good), len(bad)))
    passed, failed = (0, len(problems)) if problems else (1, 0)
    if not problems:
        print("PASS 模式只用了 C 检查器支持的关键字，每个属性都有 title 和 description")
    for path, want_valid in [(p, True) for p in good] + [(p, False) for p in bad]:
        rel = os.path.relpath(path, fixtures)
        try:
            errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.absolute_path))
        except (OSError, yaml.YAMLError) as e:
            print("FAIL %s: 无法读取：%s" % (rel, e))
            failed += 1
            continue
        if want_valid and not errors:
            print("PASS %s" % rel)
            passed += 1
        elif not want_valid and errors:
            print("PASS %s（按预期不合格：%s：%s）" % (rel, where(errors[0]), errors[0].message))
            passed += 1
        elif want_valid:
            print("FAIL %s: 应当合格，但有 %d 处不符合模式：" % (rel, len(errors)))
            for e in errors:
                print("    %s：%s" % (where(e), e.message))
            failed += 1
        else:
            print("FAIL %s: 应当不合格，却通过了模式检查" % rel)
            failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
