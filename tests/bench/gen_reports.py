#!/usr/bin/env python3
"""Writes a tree of synthetic data files: N bodies over the given years, with realistic
variation (levels, categories, figures, prose lengths), every file passing lint and each
year's 上年结转 equal to last year's 结转下年度 (so lint --previous auto finds nothing wrong).

  gen_reports.py --bodies N --years 2024,2025 --out DIR [--seed S] [--region 县名]

Layout: DIR/<year>/<level>/<year>-<body>.yaml. Deterministic for a seed."""
import argparse
import os
import random

TOWN_A = "东西南北上下前后大小新老青红白金石龙凤马牛羊河山沟岭坪湾桥店集"
TOWN_B = "阳泉水林田庄园岗口坝屯寨堡营铺关镇坡塘溪川原"
DEPTS = ["发展和改革局", "教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
         "自然资源局", "生态环境分局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局",
         "商务局", "文化和旅游局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局",
         "统计局", "医疗保障局", "林业局", "信访局", "行政审批服务局", "退役军人事务局"]
CATEGORIES = ["通知公告", "政策文件", "政策解读", "工作动态", "财政预决算", "人事信息", "规划计划",
              "行政权力运行", "乡村振兴", "应急管理", "公共服务", "社会救助", "重大项目", "机构职能"]
SENTENCES = [
    "严格落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。",
    "围绕群众关心关注的热点问题，及时发布权威信息，回应社会关切。",
    "进一步规范公开流程，落实信息发布前的保密审查和内容审核。",
    "依托政府门户网站、政务新媒体和公开栏，拓宽信息公开渠道。",
    "定期组织工作人员参加业务培训，提升政务公开工作能力。",
    "建立健全考核评议机制，将政务公开纳入年度目标考核。",
    "加强政策解读，采用图文、问答等形式，让群众看得到、听得懂。",
    "全面梳理公开事项，动态调整政务公开标准目录。",
    "对依申请公开件严格按照法定时限办理答复，做到件件有回音。",
    "畅通监督渠道，主动接受社会公众和新闻媒体的监督。",
]


def prose(rng, lo, hi):
    n = rng.randint(lo, hi)
    return "".join(rng.choice(SENTENCES) for _ in range(n))


def names(rng, n):
    seen, out = set(), []
    levels = ["乡镇"] * 5 + ["街道"] * 2 + ["县级部门"] * 3
    i = 0
    while len(out) < n:
        lvl = rng.choice(levels)
        if lvl == "县级部门":
            base = DEPTS[i % len(DEPTS)]
            name = ("第%d" % (i // len(DEPTS) + 1) if i >= len(DEPTS) else "") + base
        else:
            name = rng.choice(TOWN_A) + rng.choice(TOWN_B) + ("乡人民政府" if lvl == "乡镇" and rng.random() < 0.5
                                                              else "镇人民政府" if lvl == "乡镇" else "街道办事处")
        i += 1
        if name in seen:
            continue
        seen.add(name)
        out.append((name, lvl))
    return out


def row(vals):
    return "[" + ", ".join(str(v) for v in vals) + "]"


def applications(rng, carried, scale):
    """Table 三 rows: new, carried_over and results that balance: new + carried = results + forward."""
    new = [rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 13]) * scale if c < 2 else 0 for c in range(6)]
    new[5] = rng.choice([0, 0, 1])
    avail = [a + b for a, b in zip(new, carried)]
    keys = ["granted", "partially_granted", "denied.state_secret", "denied.third_party_rights",
            "unavailable.not_held", "unavailable.unclear", "not_processed.repeated", "other.other"]
    res = {k: [0] * 6 for k in keys}
    forward = [0] * 6
    for c in range(6):
        left = avail[c]
        if left and rng.random() < 0.3:
            forward[c] = rng.randint(0, min(2, left))
            left -= forward[c]
        while left:
            k = rng.choice(keys[:2] * 4 + keys[2:])
            take = rng.randint(1, left)
            res[k][c] += take
            left -= take
    return new, res, forward


def report(rng, name, level, region, year, carried, in_force):
    scale = 1 if level != "县级部门" else rng.choice([1, 2, 5])
    cats = rng.sample(CATEGORIES, rng.randint(1, 8))
    items = "\n".join("    - {category: %s, count: %d}" % (c, rng.randint(1, 60) * scale) for c in cats)
    new, res, forward = applications(rng, carried, scale)
    issued = rng.choice([0, 0, 1, 2, 3]) if level == "县级部门" else rng.choice([0, 0, 1])
    repealed = rng.choice([0, 0, 1]) if in_force[1] else 0
    nd = [issued, repealed, in_force[1] + issued - repealed]
    lic = rng.choice([0, 0, 3, 12, 57, 140, 800]) * (scale if level == "县级部门" else 1)
    pun = rng.choice([0, 0, 1, 4, 20])
    coe = rng.choice([0, 0, 0, 1])
    fees = rng.choice(["0", "0", "0", "1.5", "12.3456"])
    rev = [rng.choice([0, 0, 0, 1]) for _ in range(4)]
    lit = [rng.choice([0, 0, 0, 1]) for _ in range(4)]
    fee_n = rng.choice([0, 0, 0, 1])
    fee_a = "%d.50" % rng.randint(1, 200) if fee_n else "0"
    denied = ["state_secret", "prohibited_by_law", "security_stability", "third_party_rights",
              "internal_affairs", "process_information", "enforcement_files", "inquiry_matters"]

    def r(k):
        return row(res.get(k, [0] * 6))
    lines = [
        "# 合成数据（tests/bench/gen_reports.py），用于汇总和批量生成的测试与基准",
        "format: 2021",
        "organ:",
        "  name: %s" % name,
        "  level: %s" % level,
        "  region: %s" % region,
        "year: %d" % year,
        'date: "%d-01-%02d"' % (year + 1, rng.randint(10, 28)),
        "overview:",
        "  active_disclosure: |",
        "    本年度通过政府网站主动公开政府信息。" + prose(rng, 1, 6),
        "  on_request: |",
        "    本年度依申请公开工作依法有序开展。" + prose(rng, 1, 3),
        "  information_management: |",
        "    " + prose(rng, 1, 5),
        "  platform: |",
        "    " + prose(rng, 1, 5),
        "  supervision: |",
        "    " + prose(rng, 1, 8),
        "  published_items:",
        items,
        "disclosure:",
        "  regulations: {issued: 0, repealed: 0, in_force: 0}",
        "  normative_documents: {issued: %d, repealed: %d, in_force: %d}" % tuple(nd),
        "  licensing: %d" % lic,
        "  punishment: %d" % pun,
        "  coercion: %d" % coe,
        "  fees: %s" % fees,
        "applications:",
        "  new: " + row(new),
        "  carried_over: " + row(carried),
        "  results:",
        "    granted: " + r("granted"),
        "    partially_granted: " + r("partially_granted"),
        "    denied:",
    ] + ["      %s: %s" % (k, r("denied." + k)) for k in denied] + [
        "    unavailable:",
    ] + ["      %s: %s" % (k, r("unavailable." + k)) for k in ["not_held", "needs_creation", "unclear"]] + [
        "    not_processed:",
    ] + ["      %s: %s" % (k, r("not_processed." + k)) for k in ["complaints", "repeated", "publications", "excessive", "confirmation"]] + [
        "    other:",
    ] + ["      %s: %s" % (k, r("other." + k)) for k in ["no_correction", "unpaid_fee", "other"]] + [
        "  carry_forward: " + row(forward),
        "reviews:",
        "  review: {upheld: %d, corrected: %d, other: %d, pending: %d}" % tuple(rev),
        "  litigation_direct: {upheld: %d, corrected: %d, other: %d, pending: %d}" % tuple(lit),
        "  litigation_after_review: {upheld: 0, corrected: 0, other: 0, pending: 0}",
        "problems:",
        "  main_problems: |",
        "    公开内容的深度和广度还需拓展，政策解读形式较为单一。" + prose(rng, 0, 3),
        "  improvements: |",
        "    下一步将加强培训，丰富解读形式，提升公开质量。" + prose(rng, 0, 4),
        "other:",
        "  processing_fees:",
        "    notices: %d" % fee_n,
        "    amount: %s" % fee_a,
    ]
    return "\n".join(lines) + "\n", forward, nd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bodies", type=int, required=True)
    ap.add_argument("--years", default="2024,2025")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--region", default="示例省示例市示例县")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    years = [int(y) for y in a.years.split(",")]
    state = {}
    for name, level in names(rng, a.bodies):
        carried, in_force = [0] * 6, [0, rng.choice([0, 3, 10, 25])]
        for y in years:
            text, carried, nd = report(rng, name, level, a.region, y, carried, in_force)
            in_force = [0, nd[2]]
            d = os.path.join(a.out, str(y), level)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "%d-%s.yaml" % (y, name)), "w", encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    main()
