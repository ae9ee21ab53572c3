"""Chapters 1–3: 筹划和组织, 预审核, 审核 (domain.md §2.3)."""

from __future__ import annotations

from collections import Counter

from .common import ProseContext, date, join, money, num, pct, qty


def s1(ctx: ProseContext) -> dict[str, list[str]]:
    a = ctx.audit
    o = a.organisation
    lead = [m for m in o.members if m.group == "领导小组"]
    work = [m for m in o.members if m.group == "工作小组"]
    leader = next((m.name for m in lead if "组长" in m.team_role and "副" not in m.team_role), lead[0].name if lead else "")
    wleader = next((m.name for m in work if "组长" in m.team_role and "副" not in m.team_role), work[0].name if work else "")
    plan = sorted(o.work_plan, key=lambda x: x.start)
    people = sum(t.participants for t in o.training)
    team = []
    if lead:
        team.append(f"领导小组由{leader}任组长，共{len(lead)}人，负责审核工作的组织领导、资源保障和重大事项决策")
    if work:
        team.append(f"工作小组由{wleader}任组长，共{len(work)}人，负责现状调查、数据收集、方案征集和报告编制等具体工作")
    training = [
        f"审核期间共组织宣传、动员和培训{len(o.training)}次，累计{people}人次参加，内容涵盖"
        f"{join(dict.fromkeys(t.content for t in o.training))}。宣传培训记录见{ctx.ref('T-3')}。"
    ]
    if o.suggestions_collected:
        training.append(f"通过合理化建议征集活动，共收集员工清洁生产建议{o.suggestions_collected}条，为方案的产生奠定了基础。")
    barrier_types = join(dict.fromkeys(b.type for b in o.barriers))
    return {
        "s1_leadership": [o.leadership_support or
                          f"公司领导高度重视清洁生产审核工作，将其作为提升企业环境管理水平和经济效益的重要举措，"
                          f"由{leader or a.enterprise.legal_representative}牵头组织，在人员、资金和时间上给予保障。"],
        "s1_team": [f"为保证审核工作顺利开展，公司成立了清洁生产审核小组：{'；'.join(team)}。审核小组成员及职责分工见{ctx.ref('T-1')}。"],
        "s1_plan": [f"审核小组按照清洁生产审核程序制定了审核工作计划，本轮审核自{date(plan[0].start)}开始，"
                    f"计划于{date(max(p.end for p in plan))}完成，各阶段工作内容、完成时间、责任部门及产出见{ctx.ref('T-2')}。"],
        "s1_training": training,
        "s1_barriers": [f"审核小组分析了本轮审核可能遇到的障碍，主要涉及{barrier_types}等方面，并逐项制定了解决办法，见{ctx.ref('T-4')}。"],
    }


def s2(ctx: ProseContext) -> dict[str, list[str]]:
    a, f = ctx.audit, ctx.figures
    b = a.baseline
    y1, y3 = b.years[0], b.years[-1]
    year = a.audit.baseline_year
    e = a.enterprise
    out: dict[str, list[str]] = {}

    out["s2_overview"] = [e.description or f"{e.name}位于{e.address}，主要从事{join(p.name for p in b.products)}的生产。",
                          f"企业基本情况见{ctx.ref('T-5')}。"]
    permits = []
    pm = e.permits
    if pm.eia_approvals:
        permits.append(f"企业已取得环境影响评价批复{len(pm.eia_approvals)}项（{join(x.project for x in pm.eia_approvals)}）")
    if pm.completion_acceptances:
        permits.append(f"完成竣工环境保护验收{len(pm.completion_acceptances)}项")
    if pm.pollutant_permit:
        pp = pm.pollutant_permit
        permits.append(f"持有排污许可证（编号{pp.number}{('，' + pp.management) if pp.management else ''}），有效期至{date(pp.valid_to)}")
    out["s2_permits"] = [("；".join(permits) + "。环保手续齐全。") if permits else "企业环保手续情况见附件。"]

    out["s2_process"] = [b.process_description or f"企业主要生产工艺包括{join(dict.fromkeys(x.workshop for x in b.equipment))}等工段。"]
    prods = []
    for p in b.products:
        series = "、".join(qty(p.output[y], p.unit) for y in b.years)
        prods.append(f"{p.name}{y1}—{y3}年产量分别为{series}")  # “UV-531 2021—2023年” reads naturally
    out["s2_products"] = [f"企业主要产品{len(b.products)}种，{'；'.join(prods)}。主要产品产量见{ctx.ref('T-6')}。"]

    toxic = [m.name for m in b.materials if m.toxic]
    energy = next(x for x in f.energy if x.year == year)
    water = next(x for x in f.water if x.year == year)
    mats = [f"企业生产使用的主要原辅材料共{len(b.materials)}种，见{ctx.ref('T-7')}"]
    if toxic:
        mats[0] += f"，其中{join(toxic)}属有毒有害物质，是本轮审核关注的重点"
    mats[0] += "。"
    energy_text = (f"企业使用的能源包括{join(x.name for x in b.energy)}。{year}年综合能耗{qty(energy.total_tce, 'tce')}"
                   f"（折标系数依据GB/T 2589-2020，电力按{a.audit.calc.electricity_basis}折算）")
    if energy.per_unit:
        energy_text += f"，单位产品综合能耗{qty(energy.per_unit.value, energy.per_unit.unit, 4)}"
    mats.append(energy_text + f"，近三年能源消耗见{ctx.ref('T-7e')}。")
    water_text = f"{year}年新鲜水用量{qty(water.fresh.value, water.fresh.unit, 0)}"
    if water.per_unit:
        water_text += f"，单位产品新鲜水耗{qty(water.per_unit.value, water.per_unit.unit, 3)}"
    if water.reuse_rate is not None:
        water_text += f"，水重复利用率{pct(water.reuse_rate)}"
    mats.append(water_text + f"，用水情况见{ctx.ref('T-7w')}。")
    out["s2_materials"] = mats

    obsolete = [x.name for x in b.equipment if x.obsolete]
    units = sum(x.quantity for x in b.equipment)
    eq = f"企业主要生产设备共{len(b.equipment)}类{units}台（套），见{ctx.ref('T-8')}。"
    eq += ("经对照《产业结构调整指导目录》，" + (f"{join(obsolete)}属淘汰类设备，已列入淘汰整改计划。" if obsolete
                                             else "企业现有设备均不属于淘汰类设备。"))
    out["s2_equipment"] = [eq]

    def compliant_word(ok: bool) -> str:
        return "均达标排放" if ok else "存在超标情况，已列为本轮审核重点解决的问题"

    ww = b.wastewater
    if ww:
        ok = all(p.emission_concentration <= p.limit for s in ww for p in s.pollutants)
        volume = sum(s.volume[year] for s in ww)
        out["s2_wastewater"] = [f"企业废水包括{join(s.name for s in ww)}，{year}年废水排放量{qty(volume, 't/a', 0)}，"
                                f"主要污染物为{join(dict.fromkeys(p.name for s in ww for p in s.pollutants))}，经处理后{compliant_word(ok)}。"
                                f"废水产生及排放情况见{ctx.ref('T-9a')}。"]
    gas = b.waste_gas
    if gas:
        ok = all(p.emission_concentration <= p.limit_concentration for o in gas for p in o.pollutants)
        stacks = [o for o in gas if o.kind == "有组织"]
        fugitive = [o for o in gas if o.kind == "无组织"]
        text = f"企业设有废气排气筒{len(stacks)}个"
        if fugitive:
            text += f"，另设无组织排放监控点{len(fugitive)}处"
        text += (f"，主要污染物为{join(dict.fromkeys(p.name for o in gas for p in o.pollutants))}，"
                 f"经{join(dict.fromkeys(o.treatment for o in stacks)) or '治理设施'}处理后{compliant_word(ok)}。废气排放情况见{ctx.ref('T-9b')}。")
        out["s2_waste_gas"] = [text]
    sw = b.solid_waste
    if sw:
        haz = [w for w in sw if w.category == "危险废物"]
        gen = [w for w in sw if w.category == "一般固废"]
        text = f"{year}年企业产生固体废物{len(sw)}种"
        if haz:
            text += f"，其中危险废物{len(haz)}种、产生量{qty(sum(w.generation[year] for w in haz), 't/a')}，均委托有资质单位处置"
        if gen:
            text += f"，一般固废{len(gen)}种、产生量{qty(sum(w.generation[year] for w in gen), 't/a')}"
        out["s2_solid_waste"] = [text + f"。固体废物产生及处置情况见{ctx.ref('T-9c')}。"]
    if b.noise:
        ok = all(n.day <= n.day_limit and n.night <= n.night_limit for n in b.noise)
        out["s2_noise"] = [f"厂界噪声监测点{len(b.noise)}个，昼间{num(min(n.day for n in b.noise), 1)}～{num(max(n.day for n in b.noise), 1)} dB(A)，"
                           f"夜间{num(min(n.night for n in b.noise), 1)}～{num(max(n.night for n in b.noise), 1)} dB(A)，"
                           f"{'均满足' if ok else '部分超过'}《工业企业厂界环境噪声排放标准》（GB 12348-2008）相应限值，见{ctx.ref('T-9d')}。"]
    out["s2_env_management"] = [b.environmental_management or "企业建立了环境保护管理制度，设有专职环保管理人员，环保设施运行记录和台账较为完整。"]
    out["s2_measures"] = [f"（{i}）{m}" for i, m in enumerate(b.implemented_measures, 1)] or ["企业此前已开展了节能降耗和污染治理方面的日常改进工作。"]

    before = f.level[0]
    level_name = {"I": "I级（国际清洁生产领先水平）", "II": "II级（国内清洁生产先进水平）", "III": "III级（国内清洁生产一般水平）"}
    idx = before.index
    out["s2_level"] = [f"对照{a.level.system if a.level.system.startswith('《') else '《' + a.level.system + '》'}，对企业审核前的清洁生产水平进行评价，"
                       f"综合评价指数Y_I={num(idx.get('I'), 2)}、Y_II={num(idx.get('II'), 2)}、Y_III={num(idx.get('III'), 2)}，"
                       f"审核前企业清洁生产水平为{level_name.get(before.level, '未达到III级水平')}。对标情况见{ctx.ref('T-20')}。"]
    out["s2_potential"] = [a.level.potential or "通过对标分析，企业在能源消耗、资源利用和污染物产生等方面仍存在一定的清洁生产潜力。"]

    focus = a.audit_focus
    sel = a.selected_focus
    top = next(s for s in f.focus if s.selected)
    out["s2_candidates"] = [f"审核小组在现状调查和现场考察的基础上，选取{join(c.name for c in focus.candidates)}共{len(focus.candidates)}个单元作为备选审核重点，其废弃物产生、原辅材料及能源消耗和环保费用情况见{ctx.ref('T-10')}。"]
    focus_text = (f"采用权重总和计分排序法，从{join(x.name for x in focus.factors)}等{len(focus.factors)}个因素对备选审核重点进行评分（{ctx.ref('T-11')}），"
                  f"{sel.name}得分{num(top.score, 0)}分，排序第{top.rank}位，确定为本轮清洁生产审核重点。")
    paras = [focus_text]
    if focus.justification:
        paras.append(focus.justification)
    out["s2_focus"] = paras

    targets = [f"设置清洁生产目标{len(a.targets)}项，近期目标于本轮审核结束时完成，见{ctx.ref('T-12')}。"]
    for t, tf in zip(a.targets, f.targets):
        change = f"{num(tf.percentage_points, 2)}个百分点" if tf.percentage_points is not None else pct(tf.target_rate)
        line = f"{t.indicator}由现状{qty(t.baseline, t.unit, 3)}{t.direction}至{qty(t.near_term, t.unit, 3)}（{t.direction}{change}）"
        if t.long_term is not None:
            line += f"，中远期目标{qty(t.long_term, t.unit, 3)}"
        targets.append(line + "；")
    targets[-1] = targets[-1].rstrip("；") + "。"
    out["s2_targets"] = targets

    s2_low = [s for s in a.schemes if s.proposed_stage == "S2" and s.cost_class == "无/低费"]
    out["s2_low_cost"] = [
        f"预审核阶段贯彻“边审核、边实施”的原则，共提出无/低费方案{len(s2_low)}项（{join(s.id for s in s2_low)}），已实施{sum(1 for s in s2_low if s.status == '已实施')}项。"
        if s2_low else "预审核阶段通过现场考察发现的管理问题已随时整改，相应方案纳入方案汇总。"
    ]
    return out


def s3(ctx: ProseContext) -> dict[str, list[str]]:
    a, f = ctx.audit, ctx.figures
    mb = f.balances[0]
    sel = a.selected_focus
    out: dict[str, list[str]] = {}
    out["s3_overview"] = [a.audit_focus.overview or f"本轮审核重点为{sel.name}。"]
    out["s3_measurement"] = [f"审核小组制定了审核重点输入输出物流的实测计划，结合计量数据和生产记录，以{a.material_balance.basis}为基准汇总了输入输出数据。"]
    within = "在允许范围内，平衡结果可信" if mb.within_tolerance else "超出一般允许范围，审核小组对计量偏差进行了分析"
    paras = [f"根据实测和统计数据建立了{mb.title}（{ctx.ref('T-13')}），输入总计{qty(mb.total_in, mb.unit)}，输出总计{qty(mb.total_out, mb.unit)}，"
             f"差值{qty(mb.difference, mb.unit)}，偏差率{pct(mb.error_rate, 2)}，{within}。"]
    for extra in f.balances[1:]:
        paras.append(f"针对特征污染物建立了{extra.title}，输入{qty(extra.total_in, extra.unit)}，输出{qty(extra.total_out, extra.unit)}，偏差率{pct(extra.error_rate, 2)}。")
    out["s3_balance"] = paras
    wb = f.water_balance
    if wb is not None:
        out["s3_water_balance"] = [f"建立了全厂水平衡（{ctx.ref('T-14')}），新鲜水量{qty(wb.total_in, wb.unit, 0)}，损耗、排水及产品带走水量合计{qty(wb.total_out, wb.unit, 0)}，偏差率{pct(wb.error_rate, 2)}。"]
    aspects = Counter()
    for w in a.waste_causes:
        for key, value in w.causes.model_dump().items():
            if value:
                aspects[key] += 1
    out["s3_causes"] = [f"审核小组从原辅材料和能源、技术工艺、设备、过程控制、产品、废弃物特性、管理和员工八个方面，对{join(w.waste for w in a.waste_causes)}等主要废弃物的产生原因进行了分析，见{ctx.ref('T-15')}。"]
    s3_low = [s for s in a.schemes if s.proposed_stage == "S3" and s.cost_class == "无/低费"]
    out["s3_low_cost"] = [
        f"针对原因分析发现的问题，审核阶段继续提出无/低费方案{len(s3_low)}项（{join(s.id for s in s3_low)}），预计投资{money(sum(s.investment for s in s3_low))}。"
        if s3_low else "审核阶段发现的问题已纳入方案汇总统一考虑。"
    ]
    return out
